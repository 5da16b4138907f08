"""`import --as complaint`: carrier tickets and platform complaints become complaint cases with their channel,
ticket number and category, and the channel's clocks; names neither catalogue knows are noted, not dropped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.actor import Actor
from app.imports.readers import read_file
from app.imports.run import prepare, run_import
from db.engine import Database
from db.models import Case
from tests import import_files as files

HEADER = ["运单号", "受理时间", "工单来源", "工单编号", "投诉类型", "投诉人", "联系电话", "投诉内容"]
ROWS = [
    [
        "YT7730123456789",
        "2026-10-20 10:00",
        "12305申诉",
        "YZ20261020001",
        "延误投诉",
        "张女士",
        "138****5678",
        "一周未送达",
    ],
    ["ZT7730000000001", "2026-10-20 11:30", "淘宝工单", "TB998877", "快件破损", "李先生", "13900001111", "外箱破损"],
    ["JT5261988016578", "2026-10-20 12:00", "微博", "WB1", "态度恶劣", None, None, None],
]


def _import(database: Database, actor: Actor, path: Path):
    table = read_file(path)
    with database.read() as session:
        prepared = prepare(session, table, "complaint")
    assert prepared.missing == ()
    return run_import(database, actor, table, "complaint", prepared.mapping)


def test_complaints_with_channel_ticket_category_and_clocks(database: Database, clerk: Actor, tmp_path: Path) -> None:
    path = files.write_xlsx(tmp_path / "投诉.xlsx", [["投诉工单导出"], HEADER, *ROWS])
    result = _import(database, clerk, path)
    assert (result.created, result.rejected) == (3, [])
    assert result.unknown == {"source": {"微博": 1}, "category": {"态度恶劣": 1}}
    with database.read() as session:
        cases = {c.waybill.waybill_no: c for c in session.query(Case).all()}
        first, second, third = (cases[r[0]] for r in ROWS)
        opened = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)
        assert (first.kind, first.opened_at, first.priority) == ("complaint", opened, 2)
        assert (first.complaint.source, first.complaint.external_ticket_no, first.complaint.category) == (
            "12305",
            "YZ20261020001",
            "延误",
        )
        assert first.complaint.first_response_due_at == opened + timedelta(minutes=15)
        assert first.due_at == opened + timedelta(hours=24)
        assert first.complaint.appeal_risk_at == datetime(2026, 10, 27, 15, 59, 59, tzinfo=UTC)
        assert (first.caller_phone, first.caller_phone_tail, first.detail) == ("138****5678", "5678", "一周未送达")
        assert (second.complaint.source, second.complaint.category, second.priority) == ("platform", "破损", 0)
        assert (third.complaint.source, third.complaint.category) == ("call", "其他")
        assert third.detail == "投诉渠道：微博；投诉类型：态度恶劣"


def test_the_same_tickets_again_change_nothing(database: Database, clerk: Actor, tmp_path: Path) -> None:
    path = files.write_xlsx(tmp_path / "投诉.xlsx", [HEADER, *ROWS])
    _import(database, clerk, path)
    again = _import(database, clerk, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [[*ROWS[1][:4], "丢失", *ROWS[1][5:]]]
    later = _import(database, clerk, files.write_xlsx(tmp_path / "later.xlsx", [HEADER, *changed]))
    assert (later.created, later.updated) == (0, 1)
    with database.read() as session:
        case = session.query(Case).join(Case.waybill).filter_by(waybill_no="ZT7730000000001").one()
        assert case.complaint.category == "丢失"
