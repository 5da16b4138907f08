"""List refreshes on the demo database: the stuck-parcel page's filter changes and searches, and the reminder
centre's minute scan, each against the same SELECTs through the raw driver."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app import stuck_query
from app.stuck_query import StuckFilter
from bench.common import Result, Target, captured, result, timed_pair
from db.engine import Database

# --- the stuck-parcel list ----------------------------------------------------------------------------------------

# What the page asks when the clerk changes a filter or types in search: the count and the first page of 200, in
# one read transaction (ui.models.paged_table_model._first_page). Search texts: part of a waybill, a phone's last
# four digits, a surname.
STUCK_REFRESHES = {
    "filter: open + overdue": StuckFilter(open_only=True, overdue=True),
    "filter: open + type + inbound": StuckFilter(open_only=True, problem_types=("no_answer",), direction="inbound"),
    "filter: open + carrier + not in system": StuckFilter(open_only=True, carrier="ZTO", not_in_system=True),
    "filter: awaiting reply": StuckFilter(open_only=True, awaiting_reply=True),
    "search: part of a waybill": StuckFilter(open_only=True, text="64678"),
    "search: phone last 4": StuckFilter(open_only=True, text="5678"),
    "search: surname": StuckFilter(open_only=True, text="王"),
}
STUCK_TARGET = 0.100


def bench_stuck_list(target: Target, database: Database, where: str, size: int, runs: int) -> list[Result]:
    """Each refresh as the page runs it, against the same SELECTs (captured) through the raw driver."""
    results = []
    raw = target.raw_query(where)
    now = datetime.now(UTC)
    for name, f in STUCK_REFRESHES.items():

        def app_call(f: StuckFilter = f) -> tuple[int, list[Any]]:
            with database.read() as session:
                return stuck_query.count(session, f, now=now), stuck_query.page(
                    session, f, sort="opened_at", limit=200, now=now
                )

        total, rows = app_call()  # warm
        with captured(database) as seen:
            app_call()
        selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        got = [raw(s, p) for s, p in selects]
        assert got[0][0][0] == total and len(got[-1]) == len(rows), (name, total, len(rows))

        def raw_call(selects: list[tuple[str, Any]] = selects) -> None:
            for statement, parameters in selects:
                raw(statement, parameters)

        samples, base = timed_pair(app_call, raw_call, runs)
        results.append(
            result(
                f"stuck list {name} ({total:,} match)",
                target.engine,
                size,
                samples,
                "same SELECTs through the raw driver",
                base,
                STUCK_TARGET,
            )
        )
    return results


REMINDER_TARGET = 0.050


def bench_reminders(target: Target, database: Database, where: str, size: int, runs: int) -> Result:
    """The reminder centre's minute timer: `reminders.scan` for the demo's clerk, against its SELECTs raw."""
    from app import settings
    from app.reminders import scan

    raw = target.raw_query(where)
    now = datetime.now(UTC)
    with database.read() as session:
        rules = settings.deadline_rules(session)

    def app_call() -> Any:
        with database.read() as session:
            return scan(session, now, rules, operator_id=1)

    found = app_call()  # warm
    with captured(database) as seen:
        app_call()
    selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def raw_call() -> None:
        for statement, parameters in selects:
            raw(statement, parameters)

    samples, base = timed_pair(app_call, raw_call, runs)
    due = sum(found.counts.values())
    name = f"reminder scan ({due:,} due today)"
    return result(name, target.engine, size, samples, "same SELECTs through the raw driver", base, REMINDER_TARGET)
