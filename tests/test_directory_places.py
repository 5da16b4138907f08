"""Areas and places on both engines: keywords tidied, validation, optimistic locking, soft delete (and bringing a
deleted area's name back), filters, and lists that see every change at once (they keep prepared rows between
searches)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.desk import Desk
from app.directory import places
from app.directory.places import PLACE_KINDS, AreaForm, PlaceForm, split_keywords
from app.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from app.messages import text
from db.models import Area, AuditEntry, Place
from tests.conftest import MANAGER_PIN


def test_place_kinds_in_order() -> None:
    assert list(PLACE_KINDS.items()) == [
        ("street", "街道"),
        ("compound", "小区"),
        ("unit", "单位"),
        ("school", "学校"),
        ("shop", "商铺"),
        ("key_customer", "重点客户"),
        ("station", "驿站"),
        ("locker", "快递柜"),
    ]


def test_split_keywords_accepts_chinese_and_latin_separators() -> None:
    assert split_keywords(" 红星路、红星 花园，兴华里;华兴里；红星路,, ") == (
        "红星路",
        "红星",
        "花园",
        "兴华里",
        "华兴里",
    )
    assert split_keywords("") == ()
    assert split_keywords(None) == ()


def test_save_area_tidies_keywords_sets_pinyin_and_audits(desk: Desk) -> None:
    form = AreaForm(" 城东片区 ", keywords=(" 红星路 ", "", "红星路", "ＡＢ", "ab", "兴华里"), notes="  门卫代收  ")
    area = desk.write(places.save_area, form)
    assert (area.name, area.keywords, area.notes, area.version) == (
        "城东片区",
        ["红星路", "ＡＢ", "兴华里"],
        "门卫代收",
        1,
    )
    with desk.database.read() as session:
        row = session.get(Area, area.id)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "area")).one()
    assert row is not None and row.pinyin == "cdpq"
    assert (entry.action, entry.entity_id, entry.changes["name"]) == ("add", area.id, [None, "城东片区"])


def test_area_validation_blank_and_duplicate_names(desk: Desk) -> None:
    desk.write(places.save_area, AreaForm("城东片区"))
    with pytest.raises(ValidationError) as blank:
        desk.write(places.save_area, AreaForm("   "))
    assert blank.value.fields == {"name": "required"}
    with pytest.raises(ValidationError) as taken:
        desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",)))
    assert taken.value.fields == {"name": "area_name_taken"}
    assert text(taken.value.fields["name"]) == "已有同名片区。"
    with pytest.raises(ValidationError) as long_name:
        desk.write(places.save_area, AreaForm("片" * 61))
    assert long_name.value.fields == {"name": "text_too_long"}


def test_area_update_with_stale_version_is_refused(desk: Desk) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区"))
    first = desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",)), area_id=area.id, version=1)
    assert (first.keywords, first.version) == (["红星路"], 2)
    with pytest.raises(ConflictError) as stale:
        desk.write(places.save_area, AreaForm("城东一片"), area_id=area.id, version=1)
    assert "王芳" in stale.value.message()
    assert [a.name for a in desk.read(places.list_areas)] == ["城东片区"]


def test_soft_deleted_area_leaves_lists_and_its_name_comes_back(desk: Desk, manager: Actor) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",)))
    desk.write(places.save_area, AreaForm("城西片区"))
    desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    assert [a.name for a in desk.read(places.list_areas)] == ["城西片区"]
    with pytest.raises(NotFoundError):
        desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    with desk.database.read() as session:
        assert session.get(Area, area.id).deleted_at is not None  # type: ignore[union-attr]
    back = desk.write(places.save_area, AreaForm("城东片区", keywords=("兴华里",)))
    assert (back.id, back.keywords) == (area.id, ["兴华里"])
    assert [a.name for a in desk.read(places.list_areas)] == ["城东片区", "城西片区"]


def test_area_with_live_places_cannot_be_deleted(desk: Desk, manager: Actor) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区"))
    place = desk.write(places.save_place, PlaceForm("compound", "锦绣花园", area_id=area.id))
    with pytest.raises(ValidationError) as held:
        desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    assert held.value.message() == "片区“城东片区”下还有1个地点，请先移到其他片区或删除。"
    desk.write(places.delete_place, place.id, manager_pin=MANAGER_PIN)
    desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    assert desk.read(places.list_areas) == []


def test_save_place_and_list_with_filters(desk: Desk) -> None:
    east = desk.write(places.save_area, AreaForm("城东片区"))
    west = desk.write(places.save_area, AreaForm("城西片区"))
    form = PlaceForm(
        "compound",
        " 锦绣花园 ",
        area_id=east.id,
        address="红星路188号",
        keywords=split_keywords("锦绣、锦绣花园北门"),
        phone="0571-88886666",
        notes="门卫代收，18点后不收",
        flags=("门卫代收", "门卫代收"),
    )
    garden = desk.write(places.save_place, form)
    assert (garden.name, garden.kind_label, garden.area_name) == ("锦绣花园", "小区", "城东片区")
    assert (garden.keywords, garden.flags, garden.version) == (["锦绣", "锦绣花园北门"], ["门卫代收"], 1)
    desk.write(places.save_place, PlaceForm("school", "实验小学", area_id=west.id))
    desk.write(places.save_place, PlaceForm("locker", "丰巢柜", area_id=None))
    assert [p.name for p in desk.read(places.list_places)] == ["丰巢柜", "锦绣花园", "实验小学"]
    assert [p.name for p in desk.read(places.list_places, kind="school")] == ["实验小学"]
    assert [p.name for p in desk.read(places.list_places, area_id=east.id)] == ["锦绣花园"]
    assert [p.name for p in desk.read(places.list_places, "北门")] == ["锦绣花园"]
    assert [p.name for p in desk.read(places.list_places, "城西")] == ["实验小学"]  # by its area's name
    assert [p.name for p in desk.read(places.list_places, "6666")] == ["锦绣花园"]
    assert [p.name for p in desk.read(places.list_places, "jxhy")] == ["锦绣花园"]
    assert desk.read(places.list_places, "锦绣", kind="school") == []
    with desk.database.read() as session:
        assert session.scalars(select(Place.pinyin).where(Place.id == garden.id)).one() == "jxhy"


def test_place_validation(desk: Desk, manager: Actor) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区"))
    desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    with pytest.raises(ValidationError) as bad:
        desk.write(places.save_place, PlaceForm("castle", " ", area_id=area.id, phone="门卫室"))
    assert bad.value.fields == {
        "kind": "place_kind_unknown",
        "name": "required",
        "phone": "phone_unreadable",
        "area_id": "not_found",
    }
    ok = desk.write(places.save_place, PlaceForm("shop", "便利店", phone="95554"))  # a short service number is fine
    assert ok.phone == "95554"


def test_place_edits_show_at_once_stale_ones_are_refused_deleted_ones_vanish(desk: Desk, manager: Actor) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区"))
    place = desk.write(places.save_place, PlaceForm("compound", "锦绣花园", area_id=area.id))
    assert [p.name for p in desk.read(places.list_places, "锦绣")] == ["锦绣花园"]
    renamed = desk.write(
        places.save_place, PlaceForm("compound", "锦绣华庭", area_id=area.id), place_id=place.id, version=1
    )
    assert renamed.version == 2
    assert desk.read(places.list_places, "锦绣花园") == []
    assert [p.name for p in desk.read(places.list_places, "华庭")] == ["锦绣华庭"]
    desk.write(places.save_area, AreaForm("城东一片"), area_id=area.id, version=1)
    assert [p.area_name for p in desk.read(places.list_places)] == ["城东一片"]  # the area's rename shows too
    with pytest.raises(ConflictError):
        desk.write(places.save_place, PlaceForm("compound", "锦绣花园"), place_id=place.id, version=1)
    desk.write(places.delete_place, place.id, manager_pin=MANAGER_PIN)
    assert desk.read(places.list_places) == []
    assert desk.read(places.list_places, "华庭") == []
    with pytest.raises(NotFoundError):
        desk.write(places.save_place, PlaceForm("compound", "锦绣华庭"), place_id=place.id, version=3)
    with desk.database.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "place").order_by(AuditEntry.id)
        ).all()
    assert actions == ["add", "update", "delete"]


def test_renaming_onto_a_deleted_areas_name_frees_that_name(desk: Desk, manager: Actor) -> None:
    old = desk.write(places.save_area, AreaForm("城东片区"))
    desk.write(places.delete_area, old.id, manager_pin=MANAGER_PIN)
    other = desk.write(places.save_area, AreaForm("东区"))
    renamed = desk.write(places.save_area, AreaForm("城东片区"), area_id=other.id, version=other.version)
    assert (renamed.id, renamed.name) == (other.id, "城东片区")
    assert [a.id for a in desk.read(places.list_areas)] == [other.id]


def test_deleting_needs_a_managers_pin_and_records_the_manager(desk: Desk, manager: Actor) -> None:
    area = desk.write(places.save_area, AreaForm("城东片区"))
    for pin in (None, "0000"):
        with pytest.raises(PermissionDenied):
            desk.write(places.delete_area, area.id, manager_pin=pin)
    assert [a.name for a in desk.read(places.list_areas)] == ["城东片区"]
    desk.write(places.delete_area, area.id, manager_pin=MANAGER_PIN)
    assert desk.read(places.list_areas) == []
    with desk.database.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "area", AuditEntry.action == "delete"))
        assert entry is not None and entry.operator_id == manager.id
