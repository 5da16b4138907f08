"""Couriers on both engines: staff numbers unique, optimistic locking, areas over dates, stand-ins (替班) and who
covers an area on a given day, search by staff number and phone tail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.couriers import list_couriers
from app.desk import Desk
from app.directory import couriers, places
from app.directory.couriers import CourierForm
from app.directory.places import AreaForm
from app.errors import ConflictError, NotFoundError, ValidationError
from db.models import AuditEntry, CourierArea

D = date(2026, 11, 10)


def day(n: int) -> date:
    return date(2026, 11, n)


@pytest.fixture
def area(desk: Desk) -> int:
    return desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",))).id


def add(desk: Desk, name: str, staff_no: str | None = None, phone: str | None = None, active: bool = True) -> int:
    return desk.write(couriers.save_courier, CourierForm(name, staff_no, phone, active)).id


def test_save_courier_and_list_by_pinyin(desk: Desk) -> None:
    wang = desk.write(couriers.save_courier, CourierForm(" 王师傅 ", " ZT-0012 ", "13812345678"))
    assert (wang.name, wang.staff_no, wang.phone, wang.active, wang.version) == (
        "王师傅",
        "ZT-0012",
        "13812345678",
        True,
        1,
    )
    add(desk, "李师傅", "ZT-0013")
    add(desk, "赵师傅", active=False)
    assert [c.name for c in desk.read(couriers.list_courier_views)] == ["李师傅", "王师傅"]
    assert [c.name for c in desk.read(couriers.list_courier_views, include_inactive=True)] == [
        "李师傅",
        "王师傅",
        "赵师傅",
    ]
    assert [c.name for c in desk.read(list_couriers)] == ["李师傅", "王师傅"]  # the choices read the pinyin set here


def test_search_couriers_by_staff_number_fragment_phone_tail_initials_and_area(desk: Desk, area: int) -> None:
    wang = add(desk, "王师傅", "ZT-0012", "138 1234 5678")
    add(desk, "李师傅", "ZT-0345", "13900001111")
    desk.write(couriers.assign_area, wang, area)
    names = lambda q: [c.name for c in desk.read(couriers.list_courier_views, q)]  # noqa: E731
    assert names("0012") == ["王师傅"]
    assert names("zt-03") == ["李师傅"]
    assert names("5678") == ["王师傅"]
    assert names("1111") == ["李师傅"]
    assert names("wsf") == ["王师傅"]
    assert names("sf") == ["李师傅", "王师傅"]
    assert names("城东") == ["王师傅"]
    assert names("张") == []


def test_duplicate_staff_number_is_a_validation_error(desk: Desk) -> None:
    wang = add(desk, "王师傅", "ZT-0012")
    with pytest.raises(ValidationError) as taken:
        add(desk, "李师傅", "ZT-0012")
    assert taken.value.fields == {"staff_no": "staff_no_taken"}
    same = desk.write(couriers.save_courier, CourierForm("王师傅", "ZT-0012", "13812345678"), courier_id=wang)
    assert same.phone == "13812345678"  # keeping one's own number is no clash
    with pytest.raises(ValidationError) as bad:
        add(desk, " ", phone="不知道")
    assert bad.value.fields == {"name": "required", "phone": "phone_unreadable"}


def test_stale_courier_edit_raises_conflict(desk: Desk) -> None:
    wang = add(desk, "王师傅")
    desk.write(couriers.save_courier, CourierForm("王师傅", phone="13812345678"), courier_id=wang, version=1)
    with pytest.raises(ConflictError):
        desk.write(couriers.save_courier, CourierForm("王师傅", active=False), courier_id=wang, version=1)
    view = desk.read(couriers.get_courier, wang)
    assert (view.active, view.version) == (True, 2)
    with pytest.raises(NotFoundError):
        desk.read(couriers.get_courier, 9999)


def test_assignments_and_stand_ins_show_on_both_couriers(desk: Desk, area: int) -> None:
    wang, li = add(desk, "王师傅"), add(desk, "李师傅")
    link = desk.write(couriers.assign_area, wang, area, valid_from=day(1), valid_to=day(30))
    assert (link.area_name, link.valid_from, link.valid_to) == ("城东片区", day(1), day(30))
    stand = desk.write(couriers.add_stand_in, li, wang, day(10), day(12))
    assert (stand.courier_name, stand.for_courier_name) == ("李师傅", "王师傅")
    wang_view, li_view = desk.read(couriers.get_courier, wang), desk.read(couriers.get_courier, li)
    assert [a.id for a in wang_view.areas] == [link.id]
    assert wang_view.stand_ins == [] and wang_view.covered_by == [stand]
    assert li_view.stand_ins == [stand] and li_view.areas == []
    desk.write(couriers.remove_stand_in, stand.id)
    desk.write(couriers.remove_area, link.id)
    wang_view = desk.read(couriers.get_courier, wang)
    assert wang_view.areas == [] and wang_view.covered_by == []
    with desk.database.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "courier").order_by(AuditEntry.id)
        ).all()
        assert session.scalars(select(CourierArea)).all() == []
    assert actions == ["add", "add", "assign_area", "add_stand_in", "remove_stand_in", "remove_area"]


def test_assignment_and_stand_in_validation(desk: Desk, area: int) -> None:
    wang, li, zhao = add(desk, "王师傅"), add(desk, "李师傅"), add(desk, "赵师傅")
    with pytest.raises(ValidationError) as reversed_dates:
        desk.write(couriers.assign_area, wang, area, valid_from=day(20), valid_to=day(10))
    assert reversed_dates.value.fields == {"valid_to": "date_order"}
    desk.write(couriers.assign_area, wang, area, valid_from=day(1))
    with pytest.raises(ValidationError) as twice:
        desk.write(couriers.assign_area, wang, area, valid_from=day(5), valid_to=day(6))
    assert twice.value.fields == {"area_id": "assignment_overlap"}
    desk.write(couriers.assign_area, wang, area, valid_to=D.replace(month=10))  # an earlier, separate stretch
    with pytest.raises(NotFoundError):
        desk.write(couriers.assign_area, 9999, area)
    with pytest.raises(NotFoundError):
        desk.write(couriers.assign_area, wang, 9999)
    with pytest.raises(ValidationError) as self_stand:
        desk.write(couriers.add_stand_in, wang, wang, day(1), day(2))
    assert self_stand.value.fields == {"courier_id": "stand_in_self"}
    with pytest.raises(ValidationError) as backwards:
        desk.write(couriers.add_stand_in, li, wang, day(5), day(4))
    assert backwards.value.fields == {"date_to": "date_order"}
    desk.write(couriers.add_stand_in, li, wang, day(5), day(8))
    with pytest.raises(ValidationError) as overlap:
        desk.write(couriers.add_stand_in, zhao, wang, day(8), day(9))
    assert overlap.value.fields == {"date_from": "stand_in_overlap"}
    desk.write(couriers.add_stand_in, zhao, wang, day(9), day(9))
    with pytest.raises(NotFoundError):
        desk.write(couriers.add_stand_in, li, 9999, day(1), day(2))
    with pytest.raises(NotFoundError):
        desk.write(couriers.remove_stand_in, 9999)
    with pytest.raises(NotFoundError):
        desk.write(couriers.remove_area, 9999)


def test_covering_respects_dates_stand_ins_and_active(desk: Desk, area: int) -> None:
    wang, li, zhao = (
        add(desk, "王师傅", phone="13812345678"),
        add(desk, "李师傅", phone="13900001111"),
        add(desk, "赵师傅"),
    )
    desk.write(couriers.assign_area, wang, area, valid_from=day(1))
    desk.write(couriers.assign_area, zhao, area, valid_from=date(2026, 10, 1), valid_to=day(5))
    desk.write(couriers.add_stand_in, li, wang, day(10), day(12))

    def who(d: date) -> list[tuple[str, bool, str]]:
        return [(c.name, c.stand_in, c.regular_name) for c in desk.read(couriers.covering, area, d)]

    assert who(day(3)) == [("王师傅", False, "王师傅"), ("赵师傅", False, "赵师傅")]  # most recently assigned first
    assert who(day(9)) == [("王师傅", False, "王师傅")]
    assert who(day(10)) == [("李师傅", True, "王师傅")]
    assert who(day(12)) == [("李师傅", True, "王师傅")]
    assert who(day(13)) == [("王师傅", False, "王师傅")]
    assert who(date(2026, 9, 30)) == []
    during = desk.read(couriers.covering, area, day(11))[0]
    assert (during.courier_id, during.phone, during.regular_id) == (li, "13900001111", wang)
    desk.write(couriers.save_courier, CourierForm("李师傅", active=False), courier_id=li)
    assert who(day(11)) == [("王师傅", False, "王师傅")]  # an inactive stand-in is ignored
    desk.write(couriers.save_courier, CourierForm("王师傅", active=False), courier_id=wang)
    assert who(day(11)) == []
    with pytest.raises(NotFoundError):
        desk.read(couriers.covering, 9999, day(11))
