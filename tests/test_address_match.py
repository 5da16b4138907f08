"""Address → area and courier on both engines: the stand-in covering on the day (before, during and after the
stand-in), an address naming two areas (both offered, best first), places beating their area's keyword, folding
of full-width characters and spaces, and suggestions that follow every change of the directory at once."""

from __future__ import annotations

from datetime import date

import pytest

from app.actor import Actor
from app.desk import Desk
from app.directory import couriers, places
from app.directory.address import suggest
from app.directory.couriers import CourierForm
from app.directory.places import AreaForm, PlaceForm
from tests.conftest import MANAGER_PIN


def day(n: int) -> date:
    return date(2026, 11, n)


@pytest.fixture
def town(desk: Desk) -> dict[str, int]:
    """Two areas: 城东 (红星路, its compound 锦绣花园) covered by 王师傅 with 李师傅 standing in on the 10th–12th;
    城西 (兴华路, the school 实验小学) covered by 赵师傅."""
    east = desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路", "红星")))
    west = desk.write(places.save_area, AreaForm("城西片区", keywords=("兴华路",)))
    garden = desk.write(
        places.save_place, PlaceForm("compound", "锦绣花园", area_id=east.id, address="红星路188号", keywords=("锦绣",))
    )
    school = desk.write(places.save_place, PlaceForm("school", "实验小学", area_id=west.id))
    wang = desk.write(couriers.save_courier, CourierForm("王师傅", "ZT-01", "13812345678")).id
    li = desk.write(couriers.save_courier, CourierForm("李师傅", "ZT-02", "13900001111")).id
    zhao = desk.write(couriers.save_courier, CourierForm("赵师傅", "ZT-03")).id
    desk.write(couriers.assign_area, wang, east.id, valid_from=day(1))
    desk.write(couriers.assign_area, zhao, west.id)
    desk.write(couriers.add_stand_in, li, wang, day(10), day(12))
    return {"east": east.id, "west": west.id, "garden": garden.id, "school": school.id, "wang": wang, "li": li}


def test_address_to_courier_with_a_stand_in_before_during_and_after(desk: Desk, town: dict[str, int]) -> None:
    address = "浙江省杭州市临江区红星路188号锦绣花园3栋1单元"
    for d, expected in ((day(9), "王师傅"), (day(10), "李师傅"), (day(12), "李师傅"), (day(13), "王师傅")):
        (best,) = desk.read(suggest, address, d)
        assert (best.area_id, best.area_name) == (town["east"], "城东片区")
        assert [c.name for c in best.couriers] == [expected], d
        assert best.couriers[0].regular_name == "王师傅"
        assert best.couriers[0].stand_in is (expected == "李师傅")
    during = desk.read(suggest, address, day(11))[0]
    assert (during.couriers[0].courier_id, during.couriers[0].phone) == (town["li"], "13900001111")


def test_a_place_beats_its_areas_keyword_and_names_the_matched_text(desk: Desk, town: dict[str, int]) -> None:
    (best,) = desk.read(suggest, "红星路锦绣花园3栋", day(1))
    assert (best.place_id, best.place_name, best.place_kind, best.keyword) == (
        town["garden"],
        "锦绣花园",
        "compound",
        "锦绣花园",
    )
    (street,) = desk.read(suggest, "红星路77号", day(1))
    assert (street.place_id, street.keyword) == (None, "红星路")  # only the area's own keyword
    (by_address,) = desk.read(suggest, "红星路188号2栋", day(1))
    assert (by_address.place_id, by_address.keyword) == (town["garden"], "红星路188号")  # the place's address


def test_an_address_naming_two_areas_offers_both_best_first(desk: Desk, town: dict[str, int]) -> None:
    found = desk.read(suggest, "兴华路与红星路交叉口锦绣花园", day(1))
    assert [(s.area_name, s.keyword) for s in found] == [("城东片区", "锦绣花园"), ("城西片区", "兴华路")]
    assert found[0].score > found[1].score
    assert [c.name for c in found[1].couriers] == ["赵师傅"]
    school_first = desk.read(suggest, "红星路 实验小学", day(1))
    assert [(s.area_name, s.place_name) for s in school_first] == [("城西片区", "实验小学"), ("城东片区", None)]
    assert len(desk.read(suggest, "兴华路与红星路交叉口锦绣花园", day(1), limit=1)) == 1


def test_full_width_characters_and_spaces_are_folded(desk: Desk, town: dict[str, int]) -> None:
    (best,) = desk.read(suggest, "红 星 路１８８号", day(1))
    assert (best.place_id, best.keyword) == (town["garden"], "红 星 路１８８号")  # as the clerk typed it
    assert desk.read(suggest, "", day(1)) == []
    assert desk.read(suggest, "人民路1号", day(1)) == []


def test_suggestions_follow_changes_at_once(desk: Desk, town: dict[str, int], manager: Actor) -> None:
    assert desk.read(suggest, "锦绣花园", day(1))[0].place_id == town["garden"]
    desk.write(places.delete_place, town["garden"], manager_pin=MANAGER_PIN)
    assert desk.read(suggest, "锦绣花园", day(1)) == []
    desk.write(places.save_area, AreaForm("城西片区", keywords=("兴华路", "锦绣")), area_id=town["west"], version=1)
    (moved,) = desk.read(suggest, "锦绣花园", day(1))
    assert (moved.area_name, moved.keyword) == ("城西片区", "锦绣")
