"""The month report on the demo database: `app.reports.report.build_report` for the demo's busiest month (every
figure: counts, breakdowns, the daily series, response and resolution times, one-contact, repeats, satisfaction,
couriers, money) in one read session, against the driver's single grouped count of that month's cases by kind.

Each figure's median is printed as well (stderr), so the table's one number can be taken apart."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import settings
from app.reports import report as figures
from app.reports.ranges import ReportRange
from bench.common import Result, Target, result, timed, timed_pair
from db.engine import Database
from db.models import Case

REPORT_TARGET = 0.300
BASELINE = (
    "SELECT kind, count(*) FROM cases WHERE opened_at >= ? AND opened_at < ? AND deleted_at IS NULL GROUP BY kind"
)


def busiest_month(database: Database) -> ReportRange:
    """The local month with the most cases opened (the demo spreads its cases over months before today)."""
    with database.read() as session:
        first, last = session.execute(select(func.min(Case.opened_at), func.max(Case.opened_at))).one()
        assert first is not None, "the demo database has no cases"
        rules = settings.deadline_rules(session)
        month, final = ReportRange.containing("month", first, rules), ReportRange.containing("month", last, rules)
        counts = {}
        while True:
            start, end = month.bounds(rules)
            counts[month] = session.scalar(select(func.count()).where(Case.opened_at >= start, Case.opened_at < end))
            if month == final:
                break
            month = ReportRange.month(month.last + timedelta(days=1))
    return max(counts, key=lambda m: counts[m] or 0)


def _parts(rng: ReportRange) -> dict[str, Callable[[Session], Any]]:
    """What build_report computes, one call per figure (the same calls, in its order)."""
    return {
        "counts by kind": lambda s: figures.kind_counts(s, rng),
        "by problem type": lambda s: figures.opened_by_problem_type(s, rng),
        "by courier": lambda s: figures.opened_by_courier(s, rng),
        "by carrier": lambda s: figures.opened_by_carrier(s, rng),
        "daily series": lambda s: figures.daily_series(s, rng),
        **{
            f"first response, {kind}": (lambda s, kind=kind: figures.duration_stats(s, rng, kind, "first_response"))
            for kind in figures.RESPONDED_KINDS
        },
        **{
            f"resolution, {kind}": (lambda s, kind=kind: figures.duration_stats(s, rng, kind, "resolution"))
            for kind in figures.KINDS
        },
        "one contact": lambda s: figures.one_contact_resolution(s, rng),
        "repeats": lambda s: figures.repeat_rates(s, rng),
        "satisfaction": lambda s: figures.satisfaction(s, rng),
        "couriers": lambda s: figures.courier_performance(s, rng),
        "fines": lambda s: figures.fines_by_result(s, rng),
        "claims": lambda s: figures.claims_by_status(s, rng),
    }


def profile(database: Database, rng: ReportRange, runs: int) -> dict[str, float]:
    """Median seconds of each figure, each in its own read session."""
    out = {}
    for name, call in _parts(rng).items():

        def one(call: Callable[[Session], Any] = call) -> None:
            with database.read() as session:
                call(session)

        one()  # warm
        out[name] = statistics.median(timed(one, runs))
    return out


def settle(database: Database) -> None:
    """PostgreSQL: VACUUM ANALYZE, as autovacuum will have done long before anyone asks a server for last month's
    report; straight after the demo's 200,000 inserts no page is marked all-visible yet, so every index-only scan
    would still visit the table (the figures then take about twice as long)."""
    if database.engine.dialect.name == "postgresql":
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def bench_report(target: Target, database: Database, where: str, size: int, runs: int) -> Result:
    settle(database)
    rng = busiest_month(database)
    raw = target.raw_query(where)
    with database.read() as session:
        start, end = rng.bounds(settings.deadline_rules(session))
    bounds = (target.stamp(start), target.stamp(end))
    statement = BASELINE if target.engine == "sqlite" else BASELINE.replace("?", "%s")

    def app_call() -> Any:
        with database.read() as session:
            return figures.build_report(session, rng)

    report = app_call()  # warm: caches, pages in memory
    counted = dict(raw(statement, bounds))
    assert counted == {k: n for k, n in report.counts.opened.items() if n}, (counted, report.counts.opened)

    def raw_call() -> None:
        raw(statement, bounds)

    samples, base = timed_pair(app_call, raw_call, runs)
    parts = profile(database, rng, runs)
    print(f"[{target.engine}] report figures, {rng.first:%Y-%m} (median of {runs}):", file=sys.stderr)
    for name, seconds in parts.items():
        print(f"  {name:<26} {seconds * 1000:7.1f} ms", file=sys.stderr)
    print(f"  {'sum':<26} {sum(parts.values()) * 1000:7.1f} ms", file=sys.stderr)
    opened = report.counts.opened_total
    return result(
        f"month report {rng.first:%Y-%m} ({opened:,} opened, {report.counts.closed_total:,} closed)",
        target.engine,
        size,
        samples,
        "the month's cases counted by kind, one grouped SELECT through the raw driver",
        base,
        REPORT_TARGET,
    )
