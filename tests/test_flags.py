"""Recipient and address flags on both engines: set by hand (once per phone or address), refused when they say
nothing, matched by full phone, masked tail, bare tail and address, set by a logged or imported complaint (12305
too), and shown in "copy for WeChat"."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cases, flags, handover
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.cases import NewCase
from app.complaints import NewComplaint, log_complaint
from app.desk import Desk
from app.errors import NotFoundError, ValidationError
from app.imports.readers import read_file
from app.imports.run import prepare, run_import
from db.engine import Database
from db.models import AuditEntry, RecipientFlag
from tests import import_files as files
from tests.conftest import MANAGER_PIN


def _set(database: Database, actor: Actor, **kw) -> flags.FlagView:
    with database.write() as session:
        return flags.set_flag(session, actor=actor, **kw)


def _for(database: Database, **kw) -> list[tuple[str, str | None]]:
    with database.read() as session:
        return [(f.flag, f.phone or f.address) for f in flags.flags_for(session, **kw)]


def test_set_by_hand_once_per_phone_and_address(database: Database, clerk: Actor) -> None:
    first = _set(database, clerk, flag="door_only", phone="138 1234 5678", note="未经同意不放驿站")
    again = _set(database, clerk, flag="door_only", phone="13812345678")
    guard = _set(database, clerk, flag="leave_with_guard", address="湖畔雅居 3栋")
    guard_again = _set(database, clerk, flag="leave_with_guard", address="湖畔雅居３栋")
    assert again.id == first.id and guard_again.id == guard.id
    assert first.label == flags.FLAG_KINDS["door_only"] and first.note == "未经同意不放驿站"
    assert (first.phone, guard.address) == ("138 1234 5678", "湖畔雅居3栋")
    with database.read() as session:
        rows = session.query(RecipientFlag).order_by(RecipientFlag.id).all()
        assert [(r.flag, r.phone_tail, r.auto) for r in rows] == [
            ("door_only", "5678", False),
            ("leave_with_guard", None, False),
        ]
        assert session.query(AuditEntry).filter_by(entity="recipient_flag", action="create").count() == 2
        assert [f.id for f in flags.list_flags(session, "5678")] == [first.id]
        assert [f.id for f in flags.list_flags(session, "湖畔")] == [guard.id]
        assert [f.id for f in flags.list_flags(session, "门卫")] == [guard.id]
        assert {f.id for f in flags.list_flags(session)} == {first.id, guard.id}
    with database.write() as session:
        flags.remove_flag(session, first.id, actor=clerk)
    assert _for(database, phones=["13812345678"]) == []
    with database.write() as session, pytest.raises(NotFoundError):
        flags.remove_flag(session, first.id, actor=clerk)


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"flag": "door_only"}, {"phone", "address"}),
        ({"flag": "vip", "phone": "13812345678"}, {"flag"}),
        ({"flag": "door_only", "phone": "不知道"}, {"phone"}),
        ({"flag": "note", "address": "锦绣花园12栋"}, {"note"}),
    ],
)
def test_a_flag_that_says_nothing_is_refused(database: Database, clerk: Actor, values: dict, fields: set) -> None:
    with database.write() as session, pytest.raises(ValidationError) as raised:
        flags.set_flag(session, actor=clerk, **values)
    assert set(raised.value.fields) == fields


def test_matching_by_phone_masked_tail_and_address(database: Database, clerk: Actor) -> None:
    _set(database, clerk, flag="complained", phone="13812345678")
    _set(database, clerk, flag="no_station", phone="17012345678转1234")
    _set(database, clerk, flag="leave_with_guard", address="江州市临江区望湖西路8号湖畔雅居")
    _set(database, clerk, flag="note", address="锦绣花园12栋", note="门禁严，先打电话")

    assert _for(database, phones=["13812345678"]) == [("complained", "13812345678")]
    assert _for(database, phones=["13912345678"]) == []  # same tail, another number
    assert _for(database, phones=["138****5678"]) == [("complained", "13812345678")]
    assert _for(database, phones=["139****5678"]) == []  # the visible head disagrees
    assert _for(database, phones=["5678"]) == [("complained", "13812345678"), ("no_station", "17012345678转1234")]
    assert _for(database, phones=["17012345678-1234"]) == [("no_station", "17012345678转1234")]
    assert _for(database, phones=["17012345678转9999"]) == []  # a virtual number needs its own extension
    # the flag's address in the given one, the given one in the flag's, folded; too short says nothing
    assert _for(database, addresses=["望湖西路8号湖畔雅居3栋2单元301"]) == []
    assert _for(database, addresses=["江州市临江区望湖西路8号湖畔雅居 3栋2单元301"]) == [
        ("leave_with_guard", "江州市临江区望湖西路8号湖畔雅居")
    ]
    assert _for(database, addresses=["湖畔雅居"]) == [("leave_with_guard", "江州市临江区望湖西路8号湖畔雅居")]
    assert _for(database, addresses=["临江区滨江路188号锦绣花园１２栋3单元"]) == [("note", "锦绣花园12栋")]
    assert _for(database, addresses=["雅居"]) == []
    # a flag added or removed later is seen at once (the address index is rebuilt)
    added = _set(database, clerk, flag="door_only", address="锦绣花园12栋")
    assert ("door_only", "锦绣花园12栋") in _for(database, addresses=["锦绣花园12栋3单元"])
    with database.write() as session:
        flags.remove_flag(session, added.id, actor=clerk)
    assert _for(database, addresses=["锦绣花园12栋3单元"]) == [("note", "锦绣花园12栋")]


def test_a_logged_complaint_flags_the_caller_or_the_recipient(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        find_or_create_waybill(
            session, "YT7730123456780", recipient_phone="13900001111", recipient_address="锦绣花园12栋3单元1802"
        )
        call = log_complaint(
            session,
            NewComplaint(waybill_no="YT7730123456789", source="call", category="延误", caller_phone="13812345678"),
            actor=clerk,
        )
        regulator = log_complaint(
            session, NewComplaint(waybill_no="YT7730123456780", source="12305", category="丢失"), actor=clerk
        )
        again = log_complaint(
            session,
            NewComplaint(waybill_no="YT7730123456781", source="platform", category="延误", caller_phone="13812345678"),
            actor=clerk,
        )
    with database.read() as session:
        got = [(f.flag, f.phone, f.address, f.auto, f.source_case_id) for f in flags.list_flags(session)]
    assert sorted(got, key=str) == sorted(
        [
            ("complained", "13812345678", None, True, call.id),
            ("complained", "13900001111", "锦绣花园12栋3单元1802", True, regulator.id),
            ("went_12305", "13900001111", "锦绣花园12栋3单元1802", True, regulator.id),
        ],
        key=str,
    )
    assert again.id not in {f[4] for f in got}  # the same caller complaining again is still one flag


def test_a_complaint_import_flags_in_bulk(database: Database, clerk: Actor, tmp_path: Path) -> None:
    _set(database, clerk, flag="complained", phone="13900001111")  # already known: not doubled
    header = ["运单号", "受理时间", "工单来源", "工单编号", "投诉类型", "投诉人", "联系电话", "投诉内容"]
    rows = [
        ["YT7730123456789", "2026-10-20 10:00", "12305申诉", "YZ1", "延误投诉", "张女士", "138****5678", "未送达"],
        ["ZT7730000000001", "2026-10-20 11:30", "淘宝工单", "TB1", "快件破损", "李先生", "13900001111", "破损"],
        ["JT5261988016578", "2026-10-20 12:00", "淘宝工单", "TB2", "快件破损", None, None, None],
    ]
    path = files.write_xlsx(tmp_path / "投诉.xlsx", [header, *rows])
    table = read_file(path)
    with database.read() as session:
        prepared = prepare(session, table, "complaint")
    assert run_import(database, clerk, table, "complaint", prepared.mapping).created == 3
    with database.read() as session:
        got = sorted((f.flag, f.phone, f.auto) for f in flags.list_flags(session))
    assert got == [
        ("complained", "138****5678", True),
        ("complained", "13900001111", False),
        ("went_12305", "138****5678", True),
    ]
    again = read_file(path)
    with database.read() as session:
        prepared = prepare(session, again, "complaint")
    run_import(database, clerk, again, "complaint", prepared.mapping)
    with database.read() as session:
        assert session.query(RecipientFlag).count() == 3


def test_flags_in_copy_for_wechat_masked(desk: Desk, clerk: Actor, manager: Actor) -> None:
    with desk.database.write() as session:
        find_or_create_waybill(
            session, "YT8962646785301", recipient_phone="13812345678", recipient_address="锦绣花园12栋"
        )
        case = cases.open_case(session, NewCase(kind="stuck", waybill_no="YT8962646785301"), actor=clerk)
        flags.set_flag(session, flag="door_only", phone="13812345678", actor=clerk)
        flags.set_flag(session, flag="note", address="锦绣花园", note="找门卫 13900001111", actor=clerk)
    masked = desk.read(handover.wechat_text, [case.id])
    assert masked.splitlines()[-1].endswith("【只送上门】【找门卫 139****1111】")
    unmasked = desk.write(handover.wechat_text, [case.id], unmasked=True, manager_pin=MANAGER_PIN)
    assert unmasked.splitlines()[-1].endswith("【只送上门】【找门卫 13900001111】")


def test_at_capture_the_callers_and_the_recipients_flags_show(database: Database, clerk: Actor) -> None:
    number = "YT8962646785389"
    with database.write() as session:
        waybill = find_or_create_waybill(session, number)
        waybill.recipient_phone, waybill.recipient_phone_tail = "13912340000", "0000"
        waybill.recipient_address = "红星路12号"
    _set(database, clerk, flag="door_only", address="红星路12号", note="家里有老人")
    _set(database, clerk, flag="leave_with_guard", phone="13912340000")
    _set(database, clerk, flag="note", phone="13700001111", note="只在晚上接电话")
    with database.read() as session:
        by_parcel = flags.flags_at_capture(session, number, None)
        by_both = flags.flags_at_capture(session, number, "13700001111")
        by_caller = flags.flags_at_capture(session, None, "13700001111")
        unknown = flags.flags_at_capture(session, "ZT0000000000", None)
    assert {f.flag for f in by_parcel} == {"door_only", "leave_with_guard"}
    assert {f.flag for f in by_both} == {"door_only", "leave_with_guard", "note"}
    assert [f.flag for f in by_caller] == ["note"] and unknown == []
    assert flags.summary(by_caller) == "备注（只在晚上接电话）"
    door = next(f for f in by_parcel if f.flag == "door_only")
    assert flags.summary([door]) == f"{flags.FLAG_KINDS['door_only']}（家里有老人）"
