"""The lookup centre on both engines: found by part of a waybill, a full phone, a masked one, the last four digits
and a name; pinyin initials find the directory; one newest-first timeline per parcel (cases, 留言 and replies, a
claim, a fine, a note); its flags; and whom to call, with today's stand-in courier for the recipient's area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app import cases, flags, stuck_messages
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.cases import NewCase
from app.directory.couriers import CourierForm, add_stand_in, assign_area, save_courier
from app.directory.outlets import OutletForm, save_outlet
from app.directory.places import AreaForm, PlaceForm, save_area, save_place
from app.lookup import lookup
from db.engine import Database
from db.models import Case, Claim, Fine, Note, NoteWaybill

A, B, C = "YT8962646785389", "YT7730000000017", "JT5261988016578"
ADDRESS = "江州市临江区望湖西路8号湖畔雅居3栋2单元301"
T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
STAND_IN_DAY = date(2026, 11, 10)


@dataclass
class World:
    stuck_id: int
    chase_id: int


@pytest.fixture
def world(database: Database, clerk: Actor, outlets: int) -> World:
    with database.write() as session:
        area = save_area(session, AreaForm("望湖片区", ("望湖",)), actor=clerk)
        save_place(session, PlaceForm("compound", "湖畔雅居", area_id=area.id), actor=clerk)
        zhang = save_courier(session, CourierForm("张师傅", "KD001", "13600000001"), actor=clerk)
        li = save_courier(session, CourierForm("李师傅", "KD002", "13600000002"), actor=clerk)
        assign_area(session, zhang.id, area.id, actor=clerk)
        add_stand_in(session, li.id, zhang.id, STAND_IN_DAY, STAND_IN_DAY + timedelta(days=2), actor=clerk)
        save_outlet(
            session, OutletForm("transit_centre", "圆通江州转运中心", "YTO", phone="0571-88886666"), actor=clerk
        )
        save_outlet(
            session, OutletForm("transit_centre", "中通江州转运中心", "ZTO", phone="0571-77776666"), actor=clerk
        )

        find_or_create_waybill(
            session, A, recipient_name="王小明", recipient_phone="13812345678", recipient_address=ADDRESS
        )
        find_or_create_waybill(session, B, recipient_name="张伟", recipient_phone="139****5678")
        stuck = cases.open_case(
            session, NewCase(kind="stuck", waybill_no=A, opened_at=T0, problem_type="no_answer"), actor=clerk
        )
        session.get(Case, stuck.id).counterpart_outlet_id = outlets  # type: ignore[union-attr]
        sent = stuck_messages.post(session, stuck.id, "电话无人接听，请核实", actor=clerk, at=T0 + timedelta(hours=1))
        stuck_messages.reply(session, sent.id, "已联系客户，明天再派", actor=clerk, at=T0 + timedelta(hours=5))
        waybill_id = session.get(Case, stuck.id).waybill_id  # type: ignore[union-attr]
        session.add(
            Claim(
                claim_no="LP20261103001",
                waybill_id=waybill_id,
                loss_type="damaged",
                status="registered",
                created_at=T0 + timedelta(days=1),
            )
        )
        session.add(
            Fine(waybill_id=waybill_id, reason="虚假签收", amount=Decimal("50.00"), issued_at=T0 + timedelta(days=2))
        )
        note = Note(day=date(2026, 11, 5), title="客户要求周末派送", created_at=T0 + timedelta(days=3))
        session.add(note)
        session.flush()
        session.add(NoteWaybill(note_id=note.id, waybill_no=A))
        chase = cases.open_case(
            session,
            NewCase(kind="chase", waybill_no=C, caller_name="赵六", caller_phone="13700001234", opened_at=T0),
            actor=clerk,
        )
        flags.set_flag(session, flag="door_only", phone="13812345678", actor=clerk)
        flags.set_flag(session, flag="leave_with_guard", address="湖畔雅居", actor=clerk)
        flags.set_flag(session, flag="complained", phone="13999999999", actor=clerk)
    return World(stuck.id, chase.id)


def _numbers(database: Database, query: str) -> list[str]:
    with database.read() as session:
        return [m.waybill_no for m in lookup(session, query).matches]


def test_found_by_fragment_phone_masked_tail_and_name(database: Database, world: World) -> None:
    assert _numbers(database, "6467853") == [A]
    assert _numbers(database, "yt896264") == [A]
    assert _numbers(database, "13812345678") == [A]
    assert _numbers(database, "138 1234 5678") == [A]
    assert _numbers(database, "13912345678") == [B]  # the stored number is masked; its visible head agrees
    assert _numbers(database, "138****5678") == [A]
    assert _numbers(database, "5678") == [B, A]  # newest parcel first
    assert _numbers(database, "1234") == [C]  # a caller's tail
    assert _numbers(database, "13700001234") == [C]
    assert _numbers(database, "王小明") == [A]
    assert _numbers(database, "赵六") == [C]
    assert _numbers(database, "13600000000") == []


def test_pinyin_initials_find_the_directory(database: Database, world: World) -> None:
    with database.read() as session:
        found = lookup(session, "hpyj")
        assert found.matches == []
        assert [(h.type, h.name) for h in found.directory] == [("place", "湖畔雅居")]
        by_number = lookup(session, "KD002")  # a staff number
        assert ("courier", "李师傅") in [(h.type, h.name) for h in by_number.directory]
        assert lookup(session, "5678").directory == []  # digits that found parcels stay parcels


def test_one_timeline_newest_first(database: Database, world: World) -> None:
    with database.read() as session:
        match = lookup(session, A).matches[0]
    assert match.carrier == "YTO" and match.carrier_name == "圆通"
    assert (match.recipient_name, match.recipient_phone, match.recipient_address) == ("王小明", "13812345678", ADDRESS)
    assert [r.type for r in match.records] == ["note", "fine", "claim", "reply", "message", "case"]
    times = [r.at for r in match.records]
    assert times == sorted(times, reverse=True)
    message, case = match.records[4], match.records[5]
    assert message.summary == "我方留言：电话无人接听，请核实" and message.case_id == world.stuck_id
    assert match.records[3].summary == "对方回复：已联系客户，明天再派"
    assert (case.id, case.kind, case.status, case.status_label) == (world.stuck_id, "stuck", "replied", "已回复")
    assert match.records[1].summary == "虚假签收 ¥50.00"
    assert match.records[2].summary.startswith("LP20261103001")


def test_flags_of_the_parcel(database: Database, world: World) -> None:
    with database.read() as session:
        found = {m.waybill_no: m for m in lookup(session, "5678", detailed=2).matches}
    assert [f.flag for f in found[A].flags] == ["door_only", "leave_with_guard"]
    assert found[B].flags == []  # 139****5678 could be 13999999999 only if the head said 1399


def test_who_to_call_with_todays_stand_in(database: Database, world: World, outlets: int) -> None:
    with database.read() as session:
        usual = lookup(session, A, today=STAND_IN_DAY - timedelta(days=1)).matches[0].who_to_call
        standing_in = lookup(session, A, today=STAND_IN_DAY).matches[0].who_to_call
        chase = lookup(session, C, today=STAND_IN_DAY).matches[0].who_to_call
    assert [(w.role, w.name, w.phone) for w in usual] == [
        ("courier", "张师傅", "13600000001"),
        ("counterpart_outlet", "城西网点", None),
        ("transit_centre", "圆通江州转运中心", "0571-88886666"),
        ("hotline", "圆通客服", "95554"),
    ]
    assert "湖畔雅居" in (usual[0].note or "")
    assert (standing_in[0].name, standing_in[0].phone) == ("李师傅", "13600000002")
    assert "张师傅" in (standing_in[0].note or "")
    assert [w.role for w in chase] == ["hotline"]  # no address, no courier on the case, no transit centre of 极兔


def test_only_the_newest_parcels_are_detailed(database: Database, world: World) -> None:
    with database.read() as session:
        brief = lookup(session, "5678").matches
        full = lookup(session, "5678", detailed=2).matches
        by_number = lookup(session, A).matches
    assert [m.detailed for m in brief] == [True, False]
    assert brief[1].who_to_call == brief[1].flags == [] and full[1].who_to_call and full[1].flags
    assert all(m.detailed for m in full) and by_number[0].detailed and by_number[0].flags
