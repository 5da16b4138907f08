"""The query plans the month report's speed rests on (SQLite, migration 0012): each figure reads the report's
covering indexes, never the cases' rows, so none of the indexes can silently disappear or stop being chosen.

Over 200,000 demo cases the month report takes about a third of the time it took without them and the query
rewrites of the same change (bench/reports.py); the rows here are few, so the planner is given the statistics
ANALYZE leaves on the demo database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.reports import report as figures
from app.reports.ranges import ReportRange
from bench.common import captured
from db.engine import Database
from db.models import Case, ComplaintDetail, Courier, Followup, ProblemType, Waybill

MONTH = ReportRange.month(date(2026, 11, 1))  # in the default zone, Asia/Shanghai: from 2026-10-31 16:00 UTC
KINDS = figures.KINDS

# sqlite_stat1 of these tables on the 200,000-case demo database after ANALYZE (rows, then rows per distinct prefix)
DEMO_STATS = {
    "cases": {
        "ix_cases_caller_phone_tail": "90177 10",
        "ix_cases_courier_id": "156871 9805",
        "ix_cases_handler_id": "200000 50000",
        "ix_cases_kind_direction_opened_at_id": "200000 50000 25000 1 1",
        "ix_cases_live_kind_opened": "200000 50000 1 1",
        "ix_cases_live_kind_status": "200000 50000 6897 1 1",
        "ix_cases_open_callback": "4262 2",
        "ix_cases_open_due": "15005 2",
        "ix_cases_open_kind": "28880 7220",
        "ix_cases_opened_at_id": "200000 1 1",
        "ix_cases_parent_case_id": "1318 1",
        "ix_cases_report_closed": "171120 1 1 1 1 1",
        "ix_cases_report_opened": "200000 50000 1 1 1 1",
        "ix_cases_waybill_id": "200000 1",
    },
    "complaint_details": {
        "ix_complaint_details_appeal_risk_at": "30038 42",
        "ix_complaint_details_external_ticket_no": "30038 2",
        "ix_complaint_details_return_visit_at": "21807 1",
        "ix_complaint_details_unanswered_due": "663 1",
    },
    "followups": {"ix_followups_case_id_at": "436081 3 1", "ix_followups_contacts": "233254 2 1 1"},
}


def _month_of_cases(database: Database) -> None:
    """Cases of every kind over the month, four in five closed, with system entries and one contact (two on every
    eighth case), complaints with a return visit."""
    start = datetime(2026, 10, 31, 16, tzinfo=UTC)
    with database.write() as session:
        courier = Courier(name="张师傅")
        session.add(courier)
        session.flush()
        problem = session.scalar(select(ProblemType.id).limit(1))
        for n in range(120):
            opened = start + timedelta(hours=5 * n)
            waybill = Waybill(waybill_no=f"YT{n:013d}")
            session.add(waybill)
            session.flush()
            case = Case(
                kind=KINDS[n % 4],
                direction="inbound",
                waybill_id=waybill.id,
                status="closed" if n % 5 else "open",
                opened_at=opened,
                closed_at=opened + timedelta(hours=30) if n % 5 else None,
                courier_id=courier.id if n % 3 else None,
                problem_type_id=problem,
                repeat_count=int(n % 7 == 0),
            )
            session.add(case)
            session.flush()
            if case.kind == "complaint":
                visit = opened + timedelta(days=1)
                session.add(ComplaintDetail(case_id=case.id, source="call", return_visit_at=visit, satisfaction=5))
            for k, channel in enumerate(("system", "phone", "system", "sms")[: 4 if n % 8 == 0 else 3]):
                session.add(Followup(case_id=case.id, at=opened + timedelta(minutes=k), channel=channel, text="跟进"))
        session.execute(text("ANALYZE"))
        for table, stats in DEMO_STATS.items():
            session.execute(text("DELETE FROM sqlite_stat1 WHERE tbl = :tbl"), {"tbl": table})
            for index, stat in stats.items():
                session.execute(
                    text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:tbl, :idx, :stat)"),
                    {"tbl": table, "idx": index, "stat": stat},
                )
    database.engine.dispose()  # new connections read the statistics


@pytest.fixture
def month(sqlite_database: Database) -> Database:
    _month_of_cases(sqlite_database)
    return sqlite_database


def _plans(database: Database, call: Callable[[Session], Any]) -> list[str]:
    """The plan of each SELECT the figure sends (reads of the settings left out), one string per statement."""
    with database.read() as session, captured(database) as seen:
        call(session)
    plans = []
    with database.read() as session:
        for statement, parameters in seen:
            if "FROM settings" in statement or not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append(" | ".join(row[3] for row in rows))
    return plans


def _reading(plans: list[str], step: str) -> list[str]:
    return [plan for plan in plans if step in plan]


def test_cases_of_a_kind_opened_in_the_range_are_read_from_the_covering_index(month: Database) -> None:
    """Counts by kind, first response, repeats and the couriers' stuck cases: one slice of the index per kind."""
    for call in (
        lambda s: figures.kind_counts(s, MONTH),
        lambda s: figures.duration_stats(s, MONTH, "chase", "first_response"),
        lambda s: figures.duration_stats(s, MONTH, "complaint", "first_response"),
        lambda s: figures.repeat_rates(s, MONTH),
        lambda s: figures.courier_performance(s, MONTH),
    ):
        plans = _plans(month, call)
        opened = [plan for plan in plans if "opened_at>?" in plan]
        assert opened, plans
        for plan in opened:
            assert "USING COVERING INDEX ix_cases_report_opened (kind=? AND opened_at>? AND opened_at<?)" in plan or (
                "USING COVERING INDEX ix_cases_report_opened (ANY(kind) AND opened_at>? AND opened_at<?)" in plan
            ), plan
            assert "SCAN cases" not in plan, plan


def test_each_day_of_the_series_skips_over_the_kinds_in_the_covering_index(month: Database) -> None:
    opened, _closed = _plans(month, lambda s: figures.daily_series(s, MONTH))
    steps = opened.split(" | ")
    days = [step for step in steps if step.startswith("SEARCH cases")]
    assert len(days) == 30, steps
    assert set(days) == {
        "SEARCH cases USING COVERING INDEX ix_cases_report_opened (ANY(kind) AND opened_at>? AND opened_at<?)"
    }


def test_cases_closed_in_the_range_are_read_from_the_covering_index(month: Database) -> None:
    calls = [
        lambda s: figures.kind_counts(s, MONTH),
        lambda s: figures.daily_series(s, MONTH),
        lambda s: figures.one_contact_resolution(s, MONTH),
        *(lambda s, k=kind: figures.duration_stats(s, MONTH, k, "resolution") for kind in KINDS),
    ]
    for call in calls:
        plans = _plans(month, call)
        closed = [plan for plan in plans if "closed_at>?" in plan]
        assert closed, plans
        for plan in closed:
            assert "SEARCH cases USING COVERING INDEX ix_cases_report_closed (closed_at>? AND closed_at<?)" in plan
            assert "SCAN cases" not in plan and "SCAN complaint_details" not in plan, plan


def test_a_cases_contacts_are_one_seek_in_their_own_index(month: Database) -> None:
    """First response (the first contact) and one-contact resolution (how many) never read the follow-ups' rows
    nor step over the status changes in the full (case_id, at) index."""
    for call in (
        lambda s: figures.duration_stats(s, MONTH, "chase", "first_response"),
        lambda s: figures.duration_stats(s, MONTH, "complaint", "first_response"),
        lambda s: figures.one_contact_resolution(s, MONTH),
    ):
        plans = _reading(_plans(month, call), "followups")
        assert plans
        for plan in plans:
            assert "SEARCH followups USING COVERING INDEX ix_followups_contacts (case_id=?)" in plan, plan
            assert "ix_followups_case_id_at" not in plan, plan


def test_return_visits_in_the_range_are_found_by_their_index(month: Database) -> None:
    (plan,) = _plans(month, lambda s: figures.satisfaction(s, MONTH))
    assert "SEARCH complaint_details USING INDEX ix_complaint_details_return_visit_at (return_visit_at>? AND" in plan
    assert "SCAN complaint_details" not in plan and "SCAN cases" not in plan, plan


def test_the_figures_are_those_of_the_rows(month: Database) -> None:
    """The plans above are of the real figures: the month's 120 cases are all counted."""
    with month.read() as session:
        report = figures.build_report(session, MONTH)
    assert (report.counts.opened_total, report.counts.closed_total) == (120, 96)
    assert sum(p.opened for p in report.series) == 120 and sum(p.closed for p in report.series) == 96
    assert report.satisfaction == figures.Rate(30, 30)
    assert report.one_contact["stuck"] == figures.Rate(12, 24)  # a second contact on every eighth case
    assert report.first_response["chase"].median == 60  # the phone call a minute in, not the system entry
