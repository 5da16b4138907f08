"""`import --as intercept` and `import --as fines` over real files on SQLite and PostgreSQL: the morning
interception list opens interception cases due when the next round leaves (DESIGN.md §5: the same list again
creates nothing, an open case takes the new facts, a closed one is followed by a linked new case); the carrier's
fine list records fines with their appeal deadlines, the same fine twice (even after a reduction) is one fine,
unknown reasons are kept and reported, bad amounts reject their row; a GBK CSV; the CLI's JSON."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.cases import transition
from app.fines import appeal_fine, decide_fine, update_fine
from app.imports.readers import read_bytes_csv, read_file
from app.imports.run import ImportResult, prepare, run_import
from db.engine import Database
from db.models import AuditEntry, Case, Fine, Followup, Waybill
from tests import import_files as files
from tests.test_cli import err, out
from tests.test_import_cli import run

NOW = datetime(2026, 10, 20, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai; rounds leave at 08:30 and 13:30


def _import(database: Database, actor: Actor, path: Path, kind: str, **kw: Any) -> ImportResult:
    table = read_file(path)
    with database.read() as session:
        prepared = prepare(session, table, kind)
    assert prepared.missing == ()
    return run_import(database, actor, table, kind, prepared.mapping, now=kw.pop("now", NOW), **kw)


# --- interceptions ---------------------------------------------------------------------------------------------

INTERCEPT_HEADER = ["拦截单号", "快递公司", "拦截类型", "申请人", "新收件地址", "退回单号", "申请时间", "拦截原因"]
INTERCEPTS = [
    ["YT7730123456789", "圆通", "拦截退回", "寄件人", None, "YT8962646785389", "2026-10-20 07:50", "客户不要了"],
    ["73610555582883", "中通", "改址", "淘宝商家", "杭州市西湖区文三路100号", None, "2026-10-20 09:10", None],
    ["JT5261988016578", "极兔", "转寄", "上级公司", "上海市浦东新区世纪大道1号", None, "2026-10-20 20:00", None],
    ["DPK202252612836", "德邦", "拦截", "寄件人", None, None, "2026-10-20 13:30", None],
    ["SF1385628716739", "顺丰", "加急处理", "客服", None, None, "2026-10-20 10:00", "电话催"],
]


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def _intercepts(database: Database) -> dict[str, Case]:
    with database.read() as session:
        cases = session.scalars(select(Case).where(Case.kind == "intercept").order_by(Case.id)).all()
        for case in cases:
            _ = case.waybill, case.intercept
        return {c.waybill.waybill_no: c for c in cases}


def test_the_interception_list_opens_cases_due_before_the_next_round(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    path = files.carrier_xlsx(tmp_path / "拦截件.xlsx", INTERCEPT_HEADER, INTERCEPTS, title="拦截件明细")
    result = _import(database, clerk, path, "intercept")
    assert (result.rows, result.created, result.updated, result.unchanged, result.rejected) == (5, 5, 0, 0, [])
    assert result.unknown == {"request": {"加急处理": 1}}
    cases = _intercepts(database)
    expected = {  # number: (request, requested_by, new address, new waybill, opened, due)
        "YT7730123456789": ("return", "寄件人", None, "YT8962646785389", _local(20, 7, 50), _local(20, 8, 30)),
        "73610555582883": ("readdress", "淘宝商家", INTERCEPTS[1][4], None, _local(20, 9, 10), _local(20, 13, 30)),
        "JT5261988016578": ("forward", "上级公司", INTERCEPTS[2][4], None, _local(20, 20), _local(21, 8, 30)),
        "DPK202252612836": ("stop", "寄件人", None, None, _local(20, 13, 30), _local(21, 8, 30)),
        "SF1385628716739": ("stop", "客服", None, None, _local(20, 10), _local(20, 13, 30)),
    }
    for number, (request, by, address, new_no, opened, due) in expected.items():
        case, detail = cases[number], cases[number].intercept
        assert (detail.request, detail.requested_by, detail.new_address, detail.new_waybill_no) == (
            request,
            by,
            address,
            new_no,
        ), number
        assert (case.status, case.direction, case.priority, case.opened_at, case.due_at) == (
            "accepted",
            "inbound",
            1,
            opened,
            due,
        ), number
        assert case.created_at == NOW
    assert cases["YT7730123456789"].detail == "客户不要了"
    assert cases["SF1385628716739"].detail == "拦截类型：加急处理；电话催"  # the wording kept, not dropped


def test_the_same_interception_list_twice_creates_nothing_and_an_open_case_takes_new_facts(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    path = files.carrier_xlsx(tmp_path / "拦截件.xlsx", INTERCEPT_HEADER, INTERCEPTS)
    _import(database, clerk, path, "intercept")
    again = _import(database, clerk, path, "intercept", now=NOW + timedelta(hours=1))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    moved = [[*INTERCEPTS[1][:4], "杭州市滨江区江南大道8号", *INTERCEPTS[1][5:]]]
    later = _import(database, clerk, files.carrier_xlsx(tmp_path / "b.xlsx", INTERCEPT_HEADER, moved), "intercept")
    assert (later.created, later.updated, later.unchanged) == (0, 1, 0)
    case = _intercepts(database)["73610555582883"]
    assert (case.intercept.new_address, case.status, case.version) == ("杭州市滨江区江南大道8号", "accepted", 2)
    with database.read() as session:
        note = session.scalars(select(Followup.text).where(Followup.case_id == case.id)).one()
    assert "新地址：杭州市西湖区文三路100号 → 杭州市滨江区江南大道8号" in note
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 5


def test_a_closed_interception_is_not_reopened_but_a_later_request_opens_a_linked_one(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    path = files.carrier_xlsx(tmp_path / "拦截件.xlsx", INTERCEPT_HEADER, INTERCEPTS[:1])
    _import(database, clerk, path, "intercept")
    first = _intercepts(database)["YT7730123456789"]
    with database.write() as session:
        transition(session, first.id, "failed", expected_version=1, actor=clerk, note="已签收", at=_local(20, 9))
    same = _import(database, clerk, path, "intercept")
    assert (same.created, same.unchanged, same.linked) == (0, 1, 0)
    row = [*INTERCEPTS[0][:6], "2026-10-21 09:00", "再次申请"]
    new = _import(database, clerk, files.carrier_xlsx(tmp_path / "c.xlsx", INTERCEPT_HEADER, [row]), "intercept")
    assert (new.created, new.linked) == (1, 1)
    with database.read() as session:
        cases = session.scalars(select(Case).where(Case.kind == "intercept").order_by(Case.id)).all()
        assert [(c.status, c.parent_case_id) for c in cases] == [("failed", None), ("accepted", first.id)]
        assert cases[1].due_at == _local(21, 13, 30)


# --- fines -----------------------------------------------------------------------------------------------------

FINE_HEADER = ["运单号", "快递公司", "考核原因", "考核金额(元)", "考核时间", "申诉截止", "备注"]
FINES = [
    ["YT7730123456789", "圆通", "虚假签收", 200, datetime(2026, 10, 20, 10, 0), None, "签收照片非本人"],
    ["73610555582883", "中通", "留言回复超时", "50.00元", "2026-10-20 09:00", date(2026, 10, 22), None],
    ["YT7730123456789", "圆通", "延误", 30, "2026/10/20 11:00", "2026-10-21 18:00", None],
    ["JT5261988016578", "极兔", "服务态度差", 20.5, "2026-10-19 08:00", None, "客户投诉态度"],
    ["DPK202252612836", "德邦", "遗失", 0, "2026-10-20 10:00", None, None],  # row 7: no fine is 0
    ["SF1385628716739", "顺丰", "破损", 2000000, "2026-10-20 10:00", None, None],  # row 8: a typing slip
    ["SF1385628716740", "顺丰", "破损", -5, "2026-10-20 10:00", None, None],  # row 9: negative
    ["YT8962646785389", "圆通", "遗失", 100, "2026-10-20 10:00", "2026-10-19", None],  # row 10: deadline first
    ["YT8962646785390", "圆通", None, 100, "2026-10-20 10:00", None, None],  # row 11: no reason
    ["YT7730123456789", "圆通", "虚假签收", 200, "2026-10-20 15:00", None, None],  # the first fine again
]
DUE = datetime(2026, 10, 23, 15, 59, 59, tzinfo=UTC)  # 10-20 + 3 local days, to the end of the day


def _fines(database: Database) -> list[Fine]:
    with database.read() as session:
        found = session.scalars(select(Fine).order_by(Fine.id)).all()
        for fine in found:
            _ = fine.waybill
        return list(found)


def test_the_fine_list_records_fines_with_their_appeal_deadlines(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    path = files.carrier_xlsx(tmp_path / "考核明细.xlsx", FINE_HEADER, FINES, title="网点考核明细")
    result = _import(database, clerk, path, "fines")
    assert (result.rows, result.created, result.updated, result.unchanged, result.folded) == (10, 4, 0, 0, 1)
    assert [(r.row, r.column) for r in result.rejected] == [
        (7, "考核金额(元)"),
        (8, "考核金额(元)"),
        (9, "考核金额(元)"),
        (10, "申诉截止"),
        (11, "考核原因"),
    ]
    assert all(r.reason for r in result.rejected)
    assert result.unknown == {"reason": {"服务态度差": 1}}
    got = [
        (f.waybill.waybill_no, f.reason, f.amount, f.issued_at, f.appeal_due_at, f.evidence, f.result, f.version)
        for f in _fines(database)
    ]
    assert got == [
        ("YT7730123456789", "fake_signing", Decimal("200.00"), _local(20, 10), DUE, "签收照片非本人", "open", 1),
        # a deadline given as a day lasts to the end of that day
        ("73610555582883", "message_late", Decimal("50.00"), _local(20, 9), _local(22, 23, 59) + timedelta(seconds=59),
         None, "open", 1),
        ("YT7730123456789", "late", Decimal("30.00"), _local(20, 11), _local(21, 18), None, "open", 1),
        ("JT5261988016578", "other", Decimal("20.50"), _local(19, 8), _local(22, 23, 59) + timedelta(seconds=59),
         "罚款原因：服务态度差；客户投诉态度", "open", 1),
    ]  # fmt: skip
    with database.read() as session:
        carriers = session.execute(select(Fine.id, Fine.carrier_id)).all()
        assert all(carrier for _, carrier in carriers)
        opened = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "fine", AuditEntry.action == "open")
        ).all()
        assert sorted(e.entity_id for e in opened) == [f.id for f in _fines(database)]
        assert opened[0].operator_id == clerk.id and opened[0].changes["import_batch"] == result.batch_id
        assert session.scalar(select(func.count()).select_from(Waybill)) == 3  # rejected rows make no waybill


def test_the_same_fine_list_twice_is_still_one_fine_each_even_after_a_reduction(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    path = files.carrier_xlsx(tmp_path / "考核明细.xlsx", FINE_HEADER, FINES)
    _import(database, clerk, path, "fines")
    again = _import(database, clerk, path, "fines")
    assert (again.created, again.updated, again.unchanged, again.folded, len(again.rejected)) == (0, 0, 4, 1, 5)
    first = _fines(database)[0]
    with database.write() as session:
        appeal_fine(session, first.id, expected_version=1, actor=clerk, at=NOW)
        decide_fine(session, first.id, "reduced", expected_version=2, actor=clerk, new_amount=Decimal("80.00"))
    third = _import(database, clerk, path, "fines")
    assert (third.created, third.unchanged) == (0, 4)
    reduced = _fines(database)[0]
    assert (len(_fines(database)), reduced.amount, reduced.result, reduced.version) == (
        4,
        Decimal("80.00"),
        "reduced",
        3,
    )


def test_an_undecided_fine_takes_the_lists_new_deadline_and_evidence(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    _import(database, clerk, files.carrier_xlsx(tmp_path / "a.xlsx", FINE_HEADER, FINES[:3]), "fines")
    first, second, third = _fines(database)
    with database.write() as session:
        update_fine(session, first.id, {"evidence": "已调取签收录音"}, expected_version=1, actor=clerk)
        decide_fine(session, second.id, "accepted", expected_version=1, actor=clerk)
    changed = [
        FINES[0],  # its 备注 is not in the clerk's evidence any more: added below it
        [*FINES[1][:5], date(2026, 10, 25), "对方网点已截图"],  # decided: left alone
        [*FINES[2][:5], "2026-10-22 18:00", "系统显示延误"],
    ]
    result = _import(database, clerk, files.carrier_xlsx(tmp_path / "b.xlsx", FINE_HEADER, changed), "fines")
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    first, second, third = _fines(database)
    assert (first.evidence, first.version) == ("已调取签收录音\n签收照片非本人", 3)
    assert (second.appeal_due_at, second.evidence, second.version) == (
        _local(22, 23, 59) + timedelta(seconds=59),
        None,
        2,
    )
    assert (third.appeal_due_at, third.evidence, third.version) == (_local(22, 18), "系统显示延误", 2)
    with database.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == third.id, AuditEntry.action == "update")
        ).one()
        assert set(entry.changes) == {"appeal_due_at", "evidence", "import_batch"}


def test_a_dry_run_counts_and_writes_nothing(database: Database, clerk: Actor, tmp_path: Path) -> None:
    path = files.carrier_xlsx(tmp_path / "考核明细.xlsx", FINE_HEADER, FINES)
    result = _import(database, clerk, path, "fines", dry_run=True)
    assert (result.created, result.dry_run) == (4, True)
    assert _fines(database) == []


def test_a_gbk_csv_fine_list(database: Database, clerk: Actor, tmp_path: Path) -> None:
    path = tmp_path / "罚款明细.csv"
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["面单号", "罚款类型", "罚款金额", "罚款日期", "申诉期限", "罚款说明"])
        writer.writerow(["773012345678901", "工单回复超时", "100", "2026-10-20", "2026-10-22 12:00", "工单超时48小时"])
        writer.writerow(["YT7730123456789", "快件遗失", "1,234.50", "2026年10月20日", "", "客户索赔"])
    assert path.read_bytes().decode("gbk").startswith("面单号")
    result = _import(database, clerk, path, "fines")
    assert (result.created, result.rejected, result.unknown) == (2, [], {})
    got = [(f.waybill.waybill_no, f.reason, f.amount, f.appeal_due_at, f.evidence) for f in _fines(database)]
    assert got == [
        ("773012345678901", "ticket_late", Decimal("100.00"), _local(22, 12), "工单超时48小时"),
        ("YT7730123456789", "lost", Decimal("1234.50"), DUE, "客户索赔"),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["单号", "罚款类型", "罚款金额", "罚款日期", "申诉期限", "证据"],
        ["运单编号", "处罚原因", "扣款金额", "处罚时间", "申诉截止时间", "考核说明"],
        ["快递单号", "考核项目", "罚金", "考核日期", "申诉时效", "罚款备注"],
    ],
)
def test_carrier_headers_map_without_a_profile(database: Database, header: list[str]) -> None:
    table = files.csv_bytes([header, ["YT7730123456789", "延误", "10", "2026-10-20", "2026-10-21", "x"]])
    with database.read() as session:
        prepared = prepare(session, read_bytes_csv(table, name="f.csv"), "fines")
    assert prepared.missing == ()
    assert sorted(prepared.mapping.values()) == sorted(
        ["waybill_no", "reason", "amount", "issued_at", "appeal_due_at", "evidence"]
    )


# --- the command line ------------------------------------------------------------------------------------------


def test_cli_import_fines_json(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = files.carrier_xlsx(tmp_path / "考核明细.xlsx", FINE_HEADER, FINES)
    result = run(home, "import", str(path), "--as", "fines", "--json")
    assert result.returncode == 0, err(result)
    report = json.loads(out(result))
    assert {k: report[k] for k in ("rows", "created", "updated", "unchanged", "kind", "repeated_in_file")} == {
        "rows": 10,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "kind": "fines",
        "repeated_in_file": 1,
    }
    assert [(r["row"], r["column"]) for r in report["rejected"]] == [
        (7, "考核金额(元)"),
        (8, "考核金额(元)"),
        (9, "考核金额(元)"),
        (10, "申诉截止"),
        (11, "考核原因"),
    ]
    assert all(set(r) == {"row", "column", "reason"} and r["reason"] for r in report["rejected"])
    assert report["unknown"] == {"reason": {"服务态度差": 1}}
    again = run(home, "import", str(path), "--as", "fines")
    assert again.returncode == 0, err(again)
    assert "服务态度差" in out(again) and "第 7 行【考核金额(元)】" in err(again)


def test_cli_import_intercept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = files.carrier_xlsx(tmp_path / "拦截件.xlsx", INTERCEPT_HEADER, INTERCEPTS)
    result = run(home, "import", str(path), "--as", "intercept", "--json")
    assert result.returncode == 0, err(result)
    report = json.loads(out(result))
    assert (report["created"], report["rejected"], report["unknown"]) == (5, [], {"request": {"加急处理": 1}})
    listed = run(home, "list", "cases", "--kind", "intercept", "--open", "--json")
    assert listed.returncode == 0, err(listed)
    assert sorted(c["waybill_no"] for c in json.loads(out(listed))) == sorted(r[0] for r in INTERCEPTS)


def test_the_wizard_offers_both_lists(qtbot) -> None:
    from ui.dialogs.import_wizard_pages import SourcePage

    page = SourcePage()
    qtbot.addWidget(page)
    offered = [page.target.itemData(i) for i in range(page.target.count())]
    assert "intercept" in offered and "fines" in offered
