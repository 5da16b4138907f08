"""Search for Chinese habits: `matches_query` on its own, and `search_directory` over every directory table on
both engines (pinyin initials, partial text, phone tails, staff numbers and codes, best first)."""

from __future__ import annotations

import pytest

from app.desk import Desk
from app.directory import couriers, outlets, places
from app.directory.couriers import CourierForm
from app.directory.outlets import ContactForm, OutletForm
from app.directory.places import AreaForm, PlaceForm
from app.directory.search import DirectoryHit, matches_query, search_directory


@pytest.mark.parametrize("query", ["hxl", "xl", "HXL", "h", "红星", "星路", "红 星", "ｈｘｌ"])
def test_pinyin_initials_and_partial_text_find_hongxinglu(query: str) -> None:
    assert matches_query(query, "红星路", pinyin="hxl")


@pytest.mark.parametrize("query", ["hxj", "lx", "绿星", "5678"])
def test_what_does_not_match(query: str) -> None:
    assert not matches_query(query, "红星路", pinyin="hxl")


def test_phone_digits_match_a_tail_or_any_run_of_three_or_more() -> None:
    phones = ("138 1234 5678",)
    for query in ("5678", "678", "12345678", "1381234", "１２３４"):
        assert matches_query(query, "王师傅", phones=phones), query
    assert not matches_query("78", "王师傅", phones=phones)  # two digits are no phone search
    assert matches_query("5678", phones=("138****5678",))  # a masked number still has its tail
    assert matches_query("1234", phones=("17012345678转1234",))
    assert not matches_query("9999", "王师傅", phones=phones)
    assert not matches_query("5678", "王师傅", phones=(None,))


def test_staff_numbers_and_codes_match_by_fragment_and_empty_query_matches_all() -> None:
    assert matches_query("0012", "王师傅", codes=("ZT-0012",))
    assert matches_query("zt-00", "王师傅", codes=("ZT-0012",))
    assert not matches_query("0013", "王师傅", codes=("ZT-0012",))
    assert matches_query("", "王师傅")
    assert matches_query("  ")
    assert not matches_query("王")


@pytest.fixture
def directory(desk: Desk) -> None:
    east = desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",)))
    desk.write(places.save_place, PlaceForm("street", "红星路", area_id=east.id))
    desk.write(places.save_place, PlaceForm("compound", "红星花园", area_id=east.id, phone="0571-88885678"))
    desk.write(places.save_place, PlaceForm("station", "兴隆驿站", area_id=east.id))
    wang = desk.write(couriers.save_courier, CourierForm("王师傅", "ZT-0012", "13812345678")).id
    desk.write(couriers.assign_area, wang, east.id)
    desk.write(couriers.save_courier, CourierForm("何小亮", "ZT-0099", active=False))
    desk.write(outlets.save_outlet, OutletForm("counterpart", "城西网点", "ZTO", "HZ-XC", "13755554321"))
    desk.write(outlets.save_contact, ContactForm("陈会计", "财务", "13600002222", ("理赔",)))


def kinds(hits: list[DirectoryHit]) -> list[tuple[str, str]]:
    return [(h.type, h.name) for h in hits]


def test_search_directory_by_initials_best_first(desk: Desk, directory: None) -> None:
    hits = desk.read(search_directory, "hxl")
    assert kinds(hits) == [("place", "红星路")]  # 何小亮 (hxl too) has left
    assert hits[0].detail == "街道 · 城东片区"
    assert kinds(desk.read(search_directory, "xl")) == [("place", "兴隆驿站"), ("place", "红星路")]  # prefix first


def test_search_directory_partial_text_phone_tail_staff_number_and_code(desk: Desk, directory: None) -> None:
    assert kinds(desk.read(search_directory, "红星")) == [
        ("place", "红星花园"),
        ("place", "红星路"),
        ("area", "城东片区"),  # by its keyword
    ]
    assert kinds(desk.read(search_directory, "5678")) == [("place", "红星花园"), ("courier", "王师傅")]
    (courier,) = desk.read(search_directory, "0012")
    assert (courier.type, courier.name, courier.detail, courier.phone) == (
        "courier",
        "王师傅",
        "ZT-0012 · 城东片区",
        "13812345678",
    )
    (outlet,) = desk.read(search_directory, "hz-xc")
    assert (outlet.type, outlet.detail, outlet.phone) == ("outlet", "对方网点 · 中通 · HZ-XC", "13755554321")
    (contact,) = desk.read(search_directory, "理赔")
    assert (contact.type, contact.name, contact.detail) == ("contact", "陈会计", "财务 · 理赔")
    assert desk.read(search_directory, "") == []
    assert len(desk.read(search_directory, "城", limit=2)) == 2
