"""The whole import, file to database, by DESIGN.md §5: real carrier files (titled workbooks, .xls, CSV in GBK and
UTF-8 with a BOM, pasted web tables) through `prepare` and `run_import` on SQLite and PostgreSQL, then the rows
themselves checked — cases, waybills, messages, follow-ups, batches, audit — not just the counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import cases, settings, stuck
from app.actor import Actor
from app.imports.readers import read_file, read_pasted
from app.imports.run import ImportCancelled, ImportResult, prepare, run_import
from app.imports.table import Table
from app.lookup import lookup
from db.base import Base
from db.engine import Database
from db.models import (
    AuditEntry,
    Carrier,
    Case,
    ChaseDetail,
    Courier,
    DeliveryCount,
    Followup,
    ImportBatch,
    ImportItem,
    Message,
    Outlet,
    ProblemType,
    StuckDetail,
    Waybill,
)
from tests import import_files as files

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 on 23 November at the outlet
LATER = NOW + timedelta(days=1)
TZ = ZoneInfo("Asia/Shanghai")
A, B, C, D, E, F = (str(files.WAYBILL + i) for i in range(6))
STUCK = ["运单号", "快递公司", "问题类型", "登记时间", "收件人电话", "问题描述"]
THREAD = [*STUCK, "留言内容", "留言时间", "回复内容", "回复时间", "登记网点"]
OURS, THEIRS = "城东网点", "城西网点"


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An outlet-local wall-clock time as the UTC instant the database holds."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


def run(database: Database, actor: Actor, source: Table | Path, target: str = "stuck", **options: Any) -> ImportResult:
    """Read, map with the synonyms (every test header is one) and import, as the wizard's OK button does."""
    table = source if isinstance(source, Table) else read_file(source)
    with database.read() as session:
        prepared = prepare(session, table, target)
    assert prepared.missing == ()
    options.setdefault("now", NOW)
    return run_import(database, actor, table, target, prepared.mapping, **options)


def snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for "nothing changed at all"."""
    with database.read() as session:
        return {
            t.name: sorted((tuple(row) for row in session.execute(select(t))), key=repr)
            for t in Base.metadata.sorted_tables
        }


def xlsx(tmp_path: Path, rows: list[list[Any]], header: list[str] = STUCK, name: str = "问题件.xlsx") -> Path:
    return files.carrier_xlsx(tmp_path / name, header, rows)


def case_of(session: Session, number: str, kind: str = "stuck") -> Case:
    found = session.scalars(
        select(Case).join(Waybill).where(Waybill.waybill_no == number, Case.kind == kind).order_by(Case.id)
    ).all()
    assert len(found) == 1, f"{number}: {len(found)} {kind} cases"
    return found[0]


def type_name(session: Session, case: Case) -> str | None:
    found = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    return found.name if found else None


def followups(session: Session, case_id: int) -> list[Followup]:
    return list(session.scalars(select(Followup).where(Followup.case_id == case_id).order_by(Followup.id)))


def count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def outlets(database: Database, clerk: Actor) -> int:
    """Our outlet's own name set, and one counterpart outlet in the directory; returns the counterpart's id."""
    with database.write() as session:
        settings.put(session, "outlet.name", OURS, actor=clerk)
        other = Outlet(kind="counterpart", name=THEIRS, code="HZ-XC")
        session.add(other)
        session.flush()
        return other.id


# --- reading real files ------------------------------------------------------------------------------------------


def test_a_titled_export_keeps_exact_numbers_event_times_and_phones(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        [773012345678901, "申通", "地址不详", datetime(2026, 11, 21, 9, 30), "138****4321", "门牌号缺失"],
        [773012345678902, "申通快递", "拒收", files.excel_serial(datetime(2026, 11, 21, 9, 31)), "17012344321转9527"],
        ["773012345678903", "STO", "关机", "2026/11/21 09:32", "13812340003"],
        ["YT8962646785389", "圆通", "无人接听", "2026-11-21", "0571-88886666"],
        ["JT5261988016578", None, "客户自取", "11月21日", None],
        ["SF1385628716739", "顺丰", "破损", None, None],
        [7730123456789012, "申通", "拒收", datetime(2026, 11, 21, 9, 33), None],  # 16 digits: Excel lost one
    ]
    path = xlsx(tmp_path, rows)
    table = read_file(path)
    assert table.header_row == 2 and [r.number for r in table.rows] == [3, 4, 5, 6, 7, 8, 9]
    assert table.ignored == (10,), "the 合计 row is no parcel"

    result = run(database, clerk, table)

    assert (result.rows, result.created, result.updated, result.unchanged) == (7, 6, 0, 0)
    assert [(r.row, r.column) for r in result.rejected] == [(9, "运单号")]
    assert "15" in result.rejected[0].reason
    with database.read() as session:
        got = {
            w.waybill_no: (w, case_of(session, w.waybill_no), session.get(Carrier, w.carrier_id))
            for w in session.scalars(select(Waybill))
        }
        assert set(got) == {
            "773012345678901",
            "773012345678902",
            "773012345678903",
            "YT8962646785389",
            "JT5261988016578",
            "SF1385628716739",
        }
        opened = {number: case.opened_at for number, (_, case, _) in got.items()}
        assert opened == {
            "773012345678901": local(2026, 11, 21, 9, 30),
            "773012345678902": local(2026, 11, 21, 9, 31),  # an Excel serial in a "General" cell
            "773012345678903": local(2026, 11, 21, 9, 32),
            "YT8962646785389": local(2026, 11, 21),
            "JT5261988016578": local(2026, 11, 21),  # "11月21日": the year of the import day
            "SF1385628716739": NOW,  # no event time in the file: the import time
        }
        assert {case.created_at for _, case, _ in got.values()} == {NOW}
        carriers = {number: carrier.code for number, (_, _, carrier) in got.items()}
        assert carriers == {
            "773012345678901": "STO",
            "773012345678902": "STO",
            "773012345678903": "STO",
            "YT8962646785389": "YTO",
            "JT5261988016578": "JT",  # no carrier cell: the number's format
            "SF1385628716739": "SF",
        }
        phones = {n: (w.recipient_phone, w.recipient_phone_tail, w.recipient_phone_ext) for n, (w, _, _) in got.items()}
        assert phones == {
            "773012345678901": ("138****4321", "4321", None),
            "773012345678902": ("17012344321转9527", "4321", "9527"),
            "773012345678903": ("13812340003", "0003", None),
            "YT8962646785389": ("0571-88886666", "6666", None),
            "JT5261988016578": (None, None, None),
            "SF1385628716739": (None, None, None),
        }
        first = got["773012345678901"][1]
        assert (type_name(session, first), first.detail, first.status, first.kind) == (
            "地址不详",
            "门牌号缺失",
            "pending",
            "stuck",
        )
        detail = session.get(StuckDetail, first.id)
        assert detail is not None
        assert (detail.registered_by, detail.in_carrier_system) == ("us", True)
        assert detail.earliest_return_on is not None and detail.earliest_return_on > date(2026, 11, 21)
        # the last four digits find the masked phone, and the virtual number by its extension
        assert [m.waybill_no for m in lookup(session, "4321").matches] == ["773012345678902", "773012345678901"]
        assert [m.waybill_no for m in lookup(session, "9527").matches] == ["773012345678902"]


SOURCE_ROWS: list[list[Any]] = [
    [A, "申通", "地址不详", "2026-11-21 09:30", "138****5678", "收件人说周末在家"],
    [B, "申通", "拒收", "2026/11/21 10:05", "17012345678转1234", ""],
    ["12", "申通", "拒收", "昨天下午", "", ""],
]


def _source(form: str, tmp_path: Path) -> tuple[Table, int]:
    """The same three rows in each form carriers and clerks hand over; the sheet row or line of the first one."""
    rows = [list(r) for r in SOURCE_ROWS]
    if form == "xlsx":
        rows[0][0], rows[0][3] = int(A), datetime(2026, 11, 21, 9, 30)  # a number cell and a date cell
        return read_file(files.carrier_xlsx(tmp_path / "a.xlsx", STUCK, rows)), 3
    if form == "xls":
        rows[0][0], rows[0][3] = int(A), datetime(2026, 11, 21, 9, 30)
        return read_file(files.carrier_xls(tmp_path / "a.xls", STUCK, rows)), 3
    if form in ("gbk", "utf-8-sig"):
        return read_file(files.carrier_csv(tmp_path / "a.csv", STUCK, rows, form)), 2
    return read_pasted(files.pasted_table(STUCK, rows)), 3


@pytest.mark.parametrize("form", ["xlsx", "xls", "gbk", "utf-8-sig", "pasted"])
def test_every_source_form_gives_the_same_cases(database: Database, clerk: Actor, tmp_path: Path, form: str) -> None:
    table, first = _source(form, tmp_path)
    result = run(database, clerk, table)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert [(r.row, r.column) for r in result.rejected] == [(first + 2, "运单号"), (first + 2, "登记时间")]
    with database.read() as session:
        got = {
            w.waybill_no: (type_name(session, c), c.opened_at, c.detail, w.recipient_phone, w.recipient_phone_tail)
            for c, w in session.execute(select(Case, Waybill).join(Waybill)).all()
        }
    assert got == {
        A: ("地址不详", local(2026, 11, 21, 9, 30), "收件人说周末在家", "138****5678", "5678"),
        B: ("拒收", local(2026, 11, 21, 10, 5), None, "17012345678转1234", "5678"),
    }


def test_an_unknown_problem_type_is_counted_and_kept_in_the_description(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    rows = [
        [A, "申通", "外星人劫持", "2026-11-21 09:30", None, "门牌号缺失"],
        [B, "申通", "外星人劫持", "2026-11-21 09:30"],
        [C, "申通", "收件人电话无人接听", "2026-11-21 09:30"],  # the catalogue's 无人接听 inside the carrier's text
    ]
    result = run(database, clerk, xlsx(tmp_path, rows))
    assert result.created == 3 and result.rejected == []
    assert result.unknown == {"problem_type": {"外星人劫持": 2}}
    with database.read() as session:
        first, second, third = (case_of(session, n) for n in (A, B, C))
        assert (first.problem_type_id, first.detail) == (None, "问题类型：外星人劫持；门牌号缺失")
        assert (second.problem_type_id, second.detail) == (None, "问题类型：外星人劫持")
        assert (type_name(session, third), third.detail) == ("无人接听", None)
        batch = session.scalars(select(ImportBatch)).one()
        assert batch.summary["unknown"] == {"problem_type": {"外星人劫持": 2}}


# --- the same parcel again -----------------------------------------------------------------------------------


def _thread_rows() -> list[list[Any]]:
    return [
        [
            A,
            "申通",
            "地址不详",
            "2026-11-21 09:30",
            "13812345678",
            None,
            "请核实门牌号",
            "2026-11-21 09:40",
            None,
            None,
            OURS,
        ],
        [B, "申通", "拒收", "2026-11-21 10:00", None, None, "收件人拒收，请联系寄件人", None, None, None, THEIRS],
        [C, "申通", "地址错误", "2026-11-21 11:00", None, None, "地址错误请改", None, "已改为文一路8号", None, OURS],
        [D, "申通", "外星人劫持", "2026-11-21 12:00", "138****5678", "门卫代收"],
    ]


def test_the_same_file_again_creates_nothing(database: Database, clerk: Actor, outlets: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path, _thread_rows(), THREAD)
    first = run(database, clerk, path)
    assert (first.created, first.rejected) == (4, [])
    before = snapshot(database)

    again = run(database, clerk, path, now=LATER)

    assert (again.created, again.updated, again.unchanged, again.linked) == (0, 0, 4, 0)
    after = snapshot(database)
    grown = {"import_batches", "import_items", "audit_log"}
    assert {k: v for k, v in after.items() if k not in grown} == {k: v for k, v in before.items() if k not in grown}
    with database.read() as session:
        batch = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch is not None and (batch.created, batch.updated, batch.unchanged) == (0, 0, 4)
        items = session.scalars(select(ImportItem).where(ImportItem.batch_id == batch.id)).all()
        assert sorted(i.outcome for i in items) == ["unchanged"] * 4
    assert len(after["audit_log"]) == len(before["audit_log"]) + 1


def test_an_open_case_is_updated_with_one_followup_and_a_blank_cell_never_erases(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "派件频次", "货架", "留言内容"]
    run(
        database,
        clerk,
        xlsx(tmp_path, [[A, "申通", "地址不详", "2026-11-21 09:30", "13812345678", "门牌号缺失", 1, "A-01"]], header),
    )
    with database.read() as session:
        case = case_of(session, A)
        case_id, version, opened_at = case.id, case.version, case.opened_at
        assert followups(session, case_id) == []

    # a new type, round and message; the phone, description and shelf cells left blank; a later event time
    changed = [[A, "申通", "拒收", "2026-11-22 08:00", None, None, 2, None, "请联系寄件人"]]
    result = run(database, clerk, xlsx(tmp_path, changed, header, "b.xlsx"), now=LATER)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert result.reconcile is not None and [e.case_id for e in result.reconcile.entries["changed"]] == [case_id]
    with database.read() as session:
        case = case_of(session, A)
        detail = session.get(StuckDetail, case_id)
        assert detail is not None
        assert type_name(session, case) == "拒收"
        assert (case.detail, detail.shelf, detail.round_no) == ("门牌号缺失", "A-01", 2)
        assert case.waybill.recipient_phone == "13812345678"
        assert case.opened_at == opened_at, "the case was opened when it was first registered"
        assert (case.version, case.status) == (version + 1, "awaiting_reply")
        [entry] = followups(session, case_id)
        assert (entry.channel, entry.at, entry.operator_id) == ("system", LATER, clerk.id)
        for said in ("问题类型：拒收", "派件频次：1 → 2", "我方留言：请联系寄件人", "状态：待处理 → 已留言待回复"):
            assert said in entry.text
        assert entry.data is not None and set(entry.data["changes"]) == {"problem_type_id", "round_no", "status"}
        assert [m.text for m in session.scalars(select(Message).where(Message.case_id == case_id))] == ["请联系寄件人"]

    again = run(database, clerk, xlsx(tmp_path, changed, header, "c.xlsx"), now=LATER + timedelta(hours=1))
    assert (again.updated, again.unchanged) == (0, 1)
    with database.read() as session:
        assert len(followups(session, case_id)) == 1


def test_a_blank_description_keeps_the_stored_one_beside_an_unknown_type(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    run(database, clerk, xlsx(tmp_path, [[A, "申通", "外星人劫持", "2026-11-21 09:30", None, "门牌号缺失"]]))
    result = run(database, clerk, xlsx(tmp_path, [[A, "申通", "外星人劫持", "2026-11-21 09:30"]], name="b.xlsx"))
    assert (result.updated, result.unchanged) == (0, 1)
    with database.read() as session:
        case = case_of(session, A)
        assert case.detail == "问题类型：外星人劫持；门牌号缺失"
        assert followups(session, case.id) == []

    result = run(database, clerk, xlsx(tmp_path, [[A, "申通", "火星人", "2026-11-21 09:30"]], name="c.xlsx"))
    assert (result.updated, result.unknown) == (1, {"problem_type": {"火星人": 1}})
    with database.read() as session:
        case = case_of(session, A)
        assert case.detail == "问题类型：火星人；问题类型：外星人劫持；门牌号缺失", "the new name added, nothing erased"
        [entry] = followups(session, case.id)
        assert "问题描述：" in entry.text


def test_a_closed_case_is_not_reopened_and_a_later_event_opens_a_linked_one(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    run(database, clerk, xlsx(tmp_path, [[A, "申通", "地址不详", "2026-11-21 09:30"]]))
    closed_at = local(2026, 11, 22, 12, 0)
    with database.write() as session:
        case = case_of(session, A)
        cases.close(session, case.id, "已联系收件人自取", expected_version=case.version, actor=clerk)
        session.execute(update(Case).where(Case.id == case.id).values(closed_at=closed_at))
        closed_id = case.id
    before = snapshot(database)
    grown = {"import_batches", "import_items", "audit_log"}

    for n, event in enumerate(["2026-11-21 09:30", "2026-11-22 11:59", "2026-11-22 12:00", None]):
        result = run(database, clerk, xlsx(tmp_path, [[A, "申通", "拒收", event]], name=f"old{n}.xlsx"))
        assert (result.created, result.updated, result.unchanged, result.linked) == (0, 0, 1, 0), event
    after = snapshot(database)
    assert {k: v for k, v in after.items() if k not in grown} == {k: v for k, v in before.items() if k not in grown}

    result = run(database, clerk, xlsx(tmp_path, [[A, "申通", "拒收", "2026-11-22 15:00"]], name="new.xlsx"))
    assert (result.created, result.updated, result.unchanged, result.linked) == (1, 0, 0, 1)
    with database.read() as session:
        old, new = session.scalars(select(Case).order_by(Case.id)).all()
        assert (old.id, old.status, old.closed_at, type_name(session, old)) == (
            closed_id,
            "closed",
            closed_at,
            "地址不详",
        )
        assert (new.parent_case_id, new.status, new.closed_at) == (closed_id, "pending", None)
        assert (new.opened_at, type_name(session, new)) == (local(2026, 11, 22, 15, 0), "拒收")

    again = run(database, clerk, xlsx(tmp_path, [[A, "申通", "拒收", "2026-11-22 15:00"]], name="new2.xlsx"))
    assert (again.created, again.unchanged, again.linked) == (0, 1, 0)
    with database.read() as session:
        assert count(session, Case) == 2


def test_the_same_parcel_twice_in_one_file_is_one_case_and_later_values_win(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "货架"]
    rows = [
        [A, "申通", "地址不详", "2026-11-21 09:30", "13812345678", "先登记"],
        [B, "申通", "拒收", "2026-11-21 09:30"],
        [A, "申通", "拒收", "2026-11-21 10:30", None, "后补充"],
        [A, None, None, None, None, None, "B-02"],
    ]
    result = run(database, clerk, xlsx(tmp_path, rows, header))
    assert (result.rows, result.created, result.folded) == (4, 2, 2)
    with database.read() as session:
        case = case_of(session, A)
        assert (type_name(session, case), case.detail, case.opened_at) == (
            "拒收",
            "后补充",
            local(2026, 11, 21, 10, 30),
        )
        assert case.waybill.recipient_phone == "13812345678"
        detail = session.get(StuckDetail, case.id)
        assert detail is not None and detail.shelf == "B-02"
        assert count(session, Waybill) == 2 and count(session, Case) == 2
        assert sorted(i.case_id for i in session.scalars(select(ImportItem))) == sorted(
            [case.id, case_of(session, B).id]
        )


# --- messages and the morning reconcile ---------------------------------------------------------------------


def test_messages_are_sent_by_us_or_received_from_the_registering_outlet(
    database: Database, clerk: Actor, outlets: int, tmp_path: Path
) -> None:
    rows = [
        *_thread_rows(),
        [E, "申通", "拒收", "2026-11-21 13:00", None, None, "请尽快退回", None, None, None, "城北网点"],
    ]
    result = run(database, clerk, xlsx(tmp_path, rows, THREAD))
    assert result.created == 5
    assert result.unknown == {"problem_type": {"外星人劫持": 1}, "counterpart_outlet": {"城北网点": 1}}
    with database.read() as session:
        got = {}
        for number in (A, B, C, D, E):
            case = case_of(session, number)
            detail = session.get(StuckDetail, case.id)
            assert detail is not None
            thread = session.scalars(select(Message).where(Message.case_id == case.id)).all()
            got[number] = (case, detail, [(m.direction, m.text, m.at, m.reply_text, m.reply_due_at) for m in thread])
        case, detail, thread = got[A]
        assert (case.status, case.direction, detail.registered_by, detail.awaiting_reply) == (
            "awaiting_reply",
            "inbound",
            "us",
            True,
        )
        assert thread == [("sent", "请核实门牌号", local(2026, 11, 21, 9, 40), None, None)]
        case, detail, thread = got[B]
        assert (case.status, case.direction, case.counterpart_outlet_id, detail.registered_by) == (
            "pending",
            "outbound",
            outlets,
            "them",
        )
        received_at = local(2026, 11, 21, 10, 0)  # no 留言时间: the registration time
        assert thread == [
            ("received", "收件人拒收，请联系寄件人", received_at, None, received_at + timedelta(hours=24))
        ]
        assert detail.reply_due_at == received_at + timedelta(hours=24) and not detail.awaiting_reply
        case, detail, thread = got[C]
        assert case.status == "replied" and not detail.awaiting_reply
        assert [(t[0], t[1], t[3]) for t in thread] == [("sent", "地址错误请改", "已改为文一路8号")]
        assert (detail.reply_text, detail.reply_at) == ("已改为文一路8号", NOW)
        case, detail, thread = got[D]
        assert (case.status, thread) == ("pending", [])
        case, detail, thread = got[E]
        assert (detail.registered_by, case.counterpart_outlet_id, case.detail) == ("them", None, "对方网点：城北网点")
        assert [t[0] for t in thread] == ["received"]

    # next morning the carrier's list shows the other outlet's answer to our message, and our answer to theirs
    replied = _thread_rows()[:2]
    replied[0][8:10] = ["地址已核实，明天再派", "2026-11-22 08:15"]
    replied[1][8] = "已联系寄件人，同意退回"
    later = run(database, clerk, xlsx(tmp_path, replied, THREAD, "b.xlsx"), now=LATER)

    assert (later.created, later.updated) == (0, 2)
    assert later.reconcile is not None and later.reconcile.counts["replied"] == 1
    assert [(e.waybill_no, e.status) for e in later.reconcile.entries["replied"]] == [(A, "已回复")]
    with database.read() as session:
        case = case_of(session, A)
        detail = session.get(StuckDetail, case.id)
        assert detail is not None
        assert (case.status, detail.awaiting_reply, detail.reply_text) == ("replied", False, "地址已核实，明天再派")
        [message] = session.scalars(select(Message).where(Message.case_id == case.id)).all()
        assert (message.reply_text, message.reply_at) == ("地址已核实，明天再派", local(2026, 11, 22, 8, 15))
        [entry] = followups(session, case.id)
        assert "对方回复：地址已核实，明天再派" in entry.text and "状态：已留言待回复 → 已回复" in entry.text
        theirs = case_of(session, B)
        detail = session.get(StuckDetail, theirs.id)
        assert detail is not None and detail.reply_due_at is None, "answered: we owe nothing any more"
        [message] = session.scalars(select(Message).where(Message.case_id == theirs.id)).all()
        assert (message.reply_text, message.reply_at) == ("已联系寄件人，同意退回", LATER)
        assert theirs.status == "pending"


def test_reconcile_lists_new_changed_replied_vanished_and_unregistered(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "留言内容", "回复内容"]
    first = [
        [A, "申通", "地址不详", "2026-11-21 09:30", None, None, "请核实", None],
        [B, "申通", "拒收", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-21 09:30"],
    ]
    result = run(database, clerk, xlsx(tmp_path, first, header))
    assert result.reconcile is not None
    assert result.reconcile.counts == {"new": 3, "changed": 0, "replied": 0, "vanished": 0, "unregistered": 0}
    with database.write() as session:  # logged at the counter, never registered in the carrier system
        never = stuck.capture(session, D, actor=clerk, problem_type="refused").case.id
        listed = stuck.capture(session, E, actor=clerk, problem_type="refused").case.id

    second = [
        [A, "申通", "地址不详", "2026-11-21 09:30", None, None, "请核实", "已核实"],
        [B, "申通", "破损", "2026-11-21 09:30"],
        [E, "申通", "拒收", "2026-11-22 09:30"],
        [F, "申通", "关机", "2026-11-22 09:30"],
    ]
    result = run(database, clerk, xlsx(tmp_path, second, header, "b.xlsx"), now=LATER)

    report = result.reconcile
    assert report is not None
    assert report.counts == {"new": 1, "changed": 3, "replied": 1, "vanished": 1, "unregistered": 1}
    shown = {k: sorted(e.waybill_no for e in v) for k, v in report.entries.items()}
    assert shown == {"new": [F], "changed": [A, B, E], "replied": [A], "vanished": [C], "unregistered": [D]}
    with database.read() as session:
        assert report.entries["unregistered"][0].case_id == never
        assert report.entries["vanished"][0].case_id == case_of(session, C).id
        assert report.entries["vanished"][0].status == "待处理"
        assert session.get(StuckDetail, listed).in_carrier_system is True  # type: ignore[union-attr]
        assert session.get(StuckDetail, never).in_carrier_system is False  # type: ignore[union-attr]
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.summary["reconcile"] == report.counts


# --- chases, waybills and courier counts ------------------------------------------------------------------------


def test_chase_lists_keep_the_callers_phone_as_given_with_its_tail(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = ["运单号", "催件时间", "催件人", "来电号码", "客户诉求", "最后扫描时间", "最后扫描网点"]
    rows = [
        [A, "2026-11-21 09:30", "张女士", "138****4321", "今天必须送到", "2026-11-20 18:00", "杭州转运中心"],
        [B, "2026/11/21 10:00", "李先生", "17012344321-9527", "改派到驿站", None, None],
    ]
    path = files.carrier_csv(tmp_path / "催件.csv", header, rows, "gbk")
    result = run(database, clerk, path, "chase-out")
    assert (result.created, result.rejected) == (2, [])
    inbound = files.carrier_csv(
        tmp_path / "到件催件.csv",
        ["运单号", "催件时间", "来电号码"],
        [[A, "2026-11-22 08:00", "13812344321"]],
        "utf-8-sig",
    )
    assert run(database, clerk, inbound, "chase-in").created == 1, "an outbound chase is no inbound one"
    with database.read() as session:
        out = session.scalars(select(Case).where(Case.direction == "outbound").order_by(Case.id)).all()
        got = [
            (c.waybill.waybill_no, c.kind, c.status, c.opened_at, c.caller_name, c.caller_phone, c.caller_phone_tail)
            for c in out
        ]
        assert got == [
            (A, "chase", "pending", local(2026, 11, 21, 9, 30), "张女士", "138****4321", "4321"),
            (B, "chase", "pending", local(2026, 11, 21, 10, 0), "李先生", "17012344321-9527", "4321"),
        ]
        chase = session.get(ChaseDetail, out[0].id)
        assert chase is not None
        assert (chase.request, chase.last_scan_at, chase.last_node) == (
            "今天必须送到",
            local(2026, 11, 20, 18, 0),
            "杭州转运中心",
        )
        inside = session.scalars(select(Case).where(Case.direction == "inbound")).one()
        assert (inside.waybill.waybill_no, inside.caller_phone_tail, inside.opened_at) == (
            A,
            "4321",
            local(2026, 11, 22, 8),
        )
        assert [m.waybill_no for m in lookup(session, "4321").matches] == [B, A]


WAYBILL_HEADER = [
    "运单号",
    "快递公司",
    "寄件时间",
    "寄件人",
    "寄件人电话",
    "收件人",
    "收件人电话",
    "收件地址",
    "物品",
    "件数",
    "重量(kg)",
    "运费",
    "保价金额",
    "付款方式",
]


def test_the_sent_list_fills_waybills_and_a_masked_phone_never_overwrites_a_full_one(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    run(database, clerk, xlsx(tmp_path, [[A, "申通", "拒收", "2026-11-21 09:30", "13812345678"]]))
    rows = [
        [
            A,
            "申通",
            "2026-11-20 16:45",
            "张三",
            "13800138000",
            "李四",
            "138****5678",
            "文一路8号",
            "衣服",
            "1",
            "1.25",
            "¥12.50",
            "2000",
            "寄付",
        ],
        [
            "YT8962646785389",
            "圆通",
            "2026/11/20 17:00",
            "王五",
            "0571-88886666",
            "赵六",
            "17012345678转1234",
            "文二路9号",
            "书",
            "2件",
            "500g",
            "8元",
            "",
            "到付",
        ],
    ]
    path = files.carrier_csv(tmp_path / "底单.csv", WAYBILL_HEADER, rows, "utf-8-sig")
    result = run(database, clerk, path, "waybills")
    assert (result.created, result.updated, result.unchanged, result.rejected) == (1, 1, 0, [])
    with database.read() as session:
        ours = session.scalars(select(Waybill).where(Waybill.waybill_no == A)).one()
        assert (ours.recipient_phone, ours.recipient_phone_tail) == ("13812345678", "5678"), "the full number stays"
        assert (ours.sent_at, ours.sender_name, ours.sender_phone, ours.sender_phone_tail) == (
            local(2026, 11, 20, 16, 45),
            "张三",
            "13800138000",
            "8000",
        )
        assert (ours.recipient_name, ours.recipient_address, ours.item, ours.quantity) == (
            "李四",
            "文一路8号",
            "衣服",
            1,
        )
        assert (ours.weight_collected_kg, ours.freight, ours.insured_value, ours.cod) == (
            Decimal("1.250"),
            Decimal("12.50"),
            Decimal("2000.00"),
            False,
        )
        assert isinstance(ours.freight, Decimal) and isinstance(ours.weight_collected_kg, Decimal)
        new = session.scalars(select(Waybill).where(Waybill.waybill_no == "YT8962646785389")).one()
        assert (new.recipient_phone, new.recipient_phone_tail, new.recipient_phone_ext) == (
            "17012345678转1234",
            "5678",
            "1234",
        )
        assert (new.quantity, new.weight_collected_kg, new.freight, new.insured_value, new.cod) == (
            2,
            Decimal("0.500"),
            Decimal("8.00"),
            None,
            True,
        )
        assert session.get(Carrier, new.carrier_id).code == "YTO"  # type: ignore[union-attr]
        items = session.scalars(select(ImportItem).where(ImportItem.batch_id == result.batch_id)).all()
        assert sorted((i.case_id, i.outcome) for i in items) == [(None, "created"), (None, "updated")]
        version = ours.version

    # the carrier's later list corrects what differs, still without unmasking anything
    rows[0][3], rows[0][11] = "张三丰", "13.00"
    again = run(
        database, clerk, files.carrier_csv(tmp_path / "底单2.csv", WAYBILL_HEADER, rows, "utf-8-sig"), "waybills"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    with database.read() as session:
        ours = session.scalars(select(Waybill).where(Waybill.waybill_no == A)).one()
        assert (ours.sender_name, ours.freight, ours.recipient_phone, ours.version) == (
            "张三丰",
            Decimal("13.00"),
            "13812345678",
            version + 1,
        )


def test_courier_counts_by_day_and_an_unknown_courier_is_a_rejected_row(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    with database.write() as session:
        session.add_all([Courier(name="王强", staff_no="K001"), Courier(name="李明", staff_no="K002")])
    header = ["日期", "快递员", "工号", "到件数", "派件数", "签收数", "问题件数"]
    rows: list[list[Any]] = [
        [date(2026, 11, 21), "王强", "K001", 120, 118, 115, 3],
        ["2026-11-21", "李明", None, 80, 80, 79, None],
        [date(2026, 11, 21), "赵六", None, 10, 10, 10, 0],
        [date(2026, 11, 22), "王强", "K001", 130, 125, 125, 5],
        ["2026-11-22", "李明", None, "九十", 90, 90, 0],
    ]
    result = run(database, clerk, files.carrier_xls(tmp_path / "派件统计.xls", header, rows), "deliveries")
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert [(r.row, r.column) for r in result.rejected] == [(5, "快递员"), (7, "到件数")]
    assert "赵六" in result.rejected[0].reason
    with database.read() as session:
        names = {c.id: c.name for c in session.scalars(select(Courier))}
        got = {
            (d.day, names[d.courier_id]): (d.arrived, d.delivered, d.signed, d.problem)
            for d in session.scalars(select(DeliveryCount))
        }
        assert got == {
            (date(2026, 11, 21), "王强"): (120, 118, 115, 3),
            (date(2026, 11, 21), "李明"): (80, 80, 79, 0),
            (date(2026, 11, 22), "王强"): (130, 125, 125, 5),
        }
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and (batch.kind, batch.created, batch.rejected) == ("deliveries", 3, 2)

    rows[3][4:6] = [128, 127]
    again = run(database, clerk, files.carrier_xls(tmp_path / "派件统计2.xls", header, rows), "deliveries")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    with database.read() as session:
        later = session.scalars(select(DeliveryCount).where(DeliveryCount.day == date(2026, 11, 22))).one()
        assert (later.arrived, later.delivered, later.signed, later.problem) == (130, 128, 127, 5)
        assert count(session, DeliveryCount) == 3


# --- rejected rows, dry run, cancel, the batch --------------------------------------------------------------


def test_rejected_rows_carry_their_line_and_header_and_the_rest_is_imported(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "派件频次"]
    rows = [
        [A, "申通", "地址不详", "2026-11-21 09:30", "13812345678", "好的一行", "1"],
        ["12", "申通", "拒收", "2026-11-21 09:30", None, None, None],
        [B, "申通", "拒收", "下午三点半", "无", None, "两次"],
        [C, "申通", "拒收", "2026-11-21 09:30", None, None, None],
        ["", "申通", "拒收", "2026-11-21 09:30", None, None, None],
    ]
    path = files.carrier_csv(tmp_path / "问题件.csv", header, rows, "gbk")
    result = run(database, clerk, path)

    assert (result.rows, result.created) == (5, 2)
    assert [(r.row, r.column) for r in result.rejected] == [
        (3, "运单号"),
        (4, "登记时间"),
        (4, "收件人电话"),
        (4, "派件频次"),
        (6, "运单号"),
    ]
    reasons = [r.reason for r in result.rejected]
    assert "12" in reasons[0] and "下午三点半" in reasons[1] and "无" in reasons[2] and "两次" in reasons[3]
    assert all(r.as_dict().keys() == {"row", "column", "reason"} for r in result.rejected)
    with database.read() as session:
        assert sorted(session.scalars(select(Waybill.waybill_no))) == [A, C]
        assert case_of(session, A).detail == "好的一行"
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and (batch.rows, batch.created, batch.rejected) == (5, 2, 3)


def _morning_file(tmp_path: Path) -> Path:
    """Against the state `_yesterday` leaves: A changed, B unchanged, C (closed) with a later event, D new, a
    repeated row, an unknown type and a bad row."""
    rows = [
        [A, "申通", "拒收", "2026-11-21 09:30"],
        [B, "申通", "关机", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-22 15:00"],
        [D, "申通", "外星人劫持", "2026-11-22 09:30"],
        [D, "申通", None, None, "13812345678"],
        ["12", "申通", "关机", "2026-11-22 09:30"],
    ]
    return xlsx(tmp_path, rows, name="morning.xlsx")


def _yesterday(database: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = [
        [A, "申通", "地址不详", "2026-11-21 09:30"],
        [B, "申通", "关机", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-21 09:30"],
    ]
    run(database, clerk, xlsx(tmp_path, rows, name="yesterday.xlsx"))
    with database.write() as session:
        case = case_of(session, C)
        cases.close(session, case.id, "已签收", expected_version=case.version, actor=clerk)
        session.execute(update(Case).where(Case.id == case.id).values(closed_at=local(2026, 11, 22, 12)))


def test_a_dry_run_counts_exactly_what_the_import_does_and_writes_nothing(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    _yesterday(database, clerk, tmp_path)
    path = _morning_file(tmp_path)
    before = snapshot(database)

    dry = run(database, clerk, path, dry_run=True, now=LATER)

    assert snapshot(database) == before
    assert dry.dry_run and dry.batch_id is None
    real = run(database, clerk, path, now=LATER)
    assert (real.created, real.updated, real.unchanged, real.linked, real.folded) == (2, 1, 1, 1, 1)
    assert real.unknown == {"problem_type": {"外星人劫持": 1}} and len(real.rejected) == 1
    ignore = {"dry_run", "batch_id"}
    assert {k: v for k, v in dry.as_json().items() if k not in ignore} == {
        k: v for k, v in real.as_json().items() if k not in ignore
    }
    assert snapshot(database) != before


class _CancelButton:
    """Cancel pressed the `at`-th time the run asks (never for 0); remembers the progress shown by then."""

    def __init__(self, at: int = 0) -> None:
        self.at, self.asked, self.shown = at, 0, [(0, 0)]

    def cancelled(self) -> bool:
        self.asked += 1
        return self.asked == self.at

    def progress(self, done: int, total: int) -> None:
        self.shown.append((done, total))


def test_cancel_at_any_point_leaves_the_database_as_it_was(database: Database, clerk: Actor, tmp_path: Path) -> None:
    run(database, clerk, files.big_stuck_xlsx(tmp_path / "yesterday.xlsx", 600))  # updates as well as new cases
    table = read_file(files.big_stuck_xlsx(tmp_path / "today.xlsx", 1_200, first=300))
    with database.read() as session:
        mapping = prepare(session, table, "stuck").mapping
    never = _CancelButton()
    run_import(
        database, clerk, table, "stuck", mapping, dry_run=True, cancelled=never.cancelled, progress=never.progress
    )
    assert never.asked >= 5 and never.shown[-1] == (2_400, 2_400)
    before = snapshot(database)

    while_writing = 0
    for at in range(1, never.asked + 1):
        button = _CancelButton(at)
        with pytest.raises(ImportCancelled):
            run_import(database, clerk, table, "stuck", mapping, cancelled=button.cancelled, progress=button.progress)
        while_writing += button.shown[-1][0] > len(table.rows)  # a report from inside the write transaction
        assert snapshot(database) == before, f"cancelled at check {at}"
    assert while_writing >= 2, "some cancels came while rows were being written"

    done = run_import(database, clerk, table, "stuck", mapping, now=NOW)
    assert (done.created, done.unchanged + done.updated) == (900, 300)


def test_each_import_records_its_batch_its_parcels_and_one_audit_entry(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    rows = [
        [A, "申通", "拒收", "2026-11-21 09:30"],
        [B, "申通", "拒收", "2026-11-21 09:30"],
        [A, "申通", "关机"],
        ["x"],
    ]
    path = xlsx(tmp_path, rows, name="城东问题件.xlsx")
    with database.read() as session:
        audits = count(session, AuditEntry)
    result = run(database, clerk, path)
    with database.read() as session:
        batch = session.scalars(select(ImportBatch)).one()
        assert result.batch_id == batch.id
        assert (batch.kind, batch.source, batch.sheet, batch.operator_id) == (
            "stuck",
            "城东问题件.xlsx",
            "Sheet1",
            clerk.id,
        )
        assert (batch.rows, batch.created, batch.updated, batch.unchanged, batch.rejected) == (4, 2, 0, 0, 1)
        assert batch.summary["repeated_in_file"] == 1
        items = session.execute(select(ImportItem.waybill_id, ImportItem.case_id, ImportItem.outcome)).all()
        expected = {(case_of(session, n).waybill_id, case_of(session, n).id, "created") for n in (A, B)}
        assert set(items) == expected and len(items) == 2
        [entry] = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(count(session, AuditEntry) - audits)
        )
        assert (entry.entity, entry.entity_id, entry.action, entry.operator_id) == (
            "import_batch",
            batch.id,
            "import",
            clerk.id,
        )
        assert entry.changes is not None
        assert {k: entry.changes[k] for k in ("kind", "source", "rows", "created", "rejected")} == {
            "kind": "stuck",
            "source": "城东问题件.xlsx",
            "rows": 4,
            "created": 2,
            "rejected": 1,
        }
