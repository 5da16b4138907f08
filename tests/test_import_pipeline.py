"""The whole import, file to database, by DESIGN.md §5: real carrier files (titled workbooks, .xls, CSV in GBK and
UTF-8 with a BOM, pasted web tables) through `prepare` and `run_import` on SQLite and PostgreSQL, then the rows
themselves checked, not just the counts; and the same parcel again: re-import, updates, closed cases, repeats."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app import cases
from app.actor import Actor
from app.imports.readers import read_file, read_pasted
from app.imports.table import Table
from app.lookup import lookup
from db.engine import Database
from db.models import (
    Carrier,
    Case,
    ImportBatch,
    ImportItem,
    Message,
    StuckDetail,
    Waybill,
)
from tests import import_files as files
from tests.import_pipeline import (
    LATER,
    NOW,
    STUCK,
    THREAD,
    A,
    B,
    C,
    case_of,
    count,
    followups,
    local,
    run,
    snapshot,
    thread_rows,
    type_name,
    xlsx,
)

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


def test_the_same_file_again_creates_nothing(database: Database, clerk: Actor, outlets: int, tmp_path: Path) -> None:
    path = xlsx(tmp_path, thread_rows(), THREAD)
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
