"""First response and resolution times: count, median and 90th percentile by the nearest-rank method, and the
shares within the configured SLA and the outlet plan's targets.

Durations are whole seconds, truncated the same way on both engines, and the k-th value is picked by ROW_NUMBER
over the sorted durations, so SQLite and PostgreSQL give the same answer to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import BigInteger, Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app import settings
from app.reports.ranges import ReportRange
from db.models import Case, ComplaintDetail, Followup

Measure = Literal["first_response", "resolution"]

PLAN_FIRST_RESPONSE_SECONDS = 3 * 60  # the outlet plan: first response to a complaint within 3 minutes
PLAN_CYCLE_SECONDS = 24 * 3600  # the outlet plan: a complaint's cycle within 24 hours


@dataclass(frozen=True)
class DurationStats:
    """Seconds. `count` durations were measured; `median` / `p90` are None when there are none. `within_sla` is
    None where no SLA is configured (only complaints have one)."""

    count: int
    median: int | None
    p90: int | None
    target_seconds: int
    within_target: int
    within_sla: int | None
    unanswered: int = 0  # first response only: opened in the range and no contact logged yet

    @property
    def target_share(self) -> float | None:
        return self.within_target / self.count if self.count else None

    @property
    def sla_share(self) -> float | None:
        return self.within_sla / self.count if self.count and self.within_sla is not None else None


def nearest_rank(n: int, percent: int) -> int:
    """1-based rank of the `percent`-th percentile among n sorted values: the smallest k with k >= n * p / 100."""
    if n < 1 or not 0 < percent <= 100:
        raise ValueError((n, percent))
    return -(-n * percent // 100)


def seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole seconds from `earlier` to `later`, each instant truncated to its second first (on both engines)."""
    if session.get_bind().dialect.name == "sqlite":
        # cut the stored text to the second: SQLite parses fractions to the millisecond and would round .9995 up.
        # Two whole-second Julian days differ by a whole number of days/86400 up to float noise far below a
        # second, so rounding is exact; it parses each instant once (strftime('%s') also formats text back).
        days = func.julianday(func.substr(later, 1, 19)) - func.julianday(func.substr(earlier, 1, 19))
        return cast(func.round(days * 86400), Integer)
    return cast(func.floor(func.extract("epoch", later)), BigInteger) - cast(
        func.floor(func.extract("epoch", earlier)), BigInteger
    )


def first_contact_at() -> Any:
    """A case's first follow-up of a human channel (the rule app.cases uses for a complaint's first response), as
    a correlated subquery: it reads the (case_id, at) index for the range's cases only."""
    return (
        select(func.min(Followup.at))
        .where(Followup.case_id == Case.id, Followup.channel != "system")
        .correlate(Case)
        .scalar_subquery()
    )


def duration_stats(session: Session, rng: ReportRange, kind: str, measure: Measure) -> DurationStats:
    """First response (first human follow-up minus opened_at) of the cases of `kind` opened in the range, or
    resolution (closed_at minus opened_at) of those closed in it."""
    start, end = rng.bounds(settings.deadline_rules(session))
    live = (Case.kind == kind, Case.deleted_at.is_(None))
    is_complaint = kind == "complaint"
    target = PLAN_FIRST_RESPONSE_SECONDS if measure == "first_response" else PLAN_CYCLE_SECONDS
    columns: list[Any] = [ComplaintDetail.source] if is_complaint else []
    if measure == "first_response":
        columns.insert(0, seconds_between(session, first_contact_at(), Case.opened_at).label("d"))
        base = select(*columns).select_from(Case).where(*live, Case.opened_at >= start, Case.opened_at < end)
    else:
        columns.insert(0, seconds_between(session, Case.closed_at, Case.opened_at).label("d"))
        base = select(*columns).select_from(Case).where(*live, Case.closed_at >= start, Case.closed_at < end)
    if is_complaint:
        base = base.join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
    # materialised: each duration is computed once (inlined, the engines repeat its expression, and with it the
    # first-contact subquery, for every window below that reads it)
    rows = base.cte("durations").prefix_with("MATERIALIZED")
    d = rows.c.d
    in_sla: ColumnElement[Any] = literal(0)
    if is_complaint:  # each channel has its own limit
        sla = case(_limits(session, measure), value=rows.c.source, else_=None)
        in_sla = func.sum(case((and_(d.is_not(None), d <= sla), 1), else_=0)).over()
    # one pass: the durations ranked (missing ones last on both engines) with the totals as window sums
    ranked = select(
        d.label("d"),
        func.row_number().over(order_by=(d.is_(None), d)).label("rn"),
        func.count(d).over().label("n"),
        func.count().over().label("total"),
        func.sum(case((d <= target, 1), else_=0)).over().label("in_target"),
        in_sla.label("in_sla"),
    ).subquery("ranked")
    rn, n = ranked.c.rn, ranked.c.n
    wanted = [and_(rn * 100 >= p * n, (rn - 1) * 100 < p * n) for p in (50, 90)]
    picked = session.execute(
        select(rn, ranked.c.d, n, ranked.c.total, ranked.c.in_target, ranked.c.in_sla).where(or_(rn == 1, *wanted))
    ).all()
    count = total = in_target = within = 0
    median = p90 = None
    if picked:
        count, total, in_target, within = (int(v or 0) for v in picked[0][2:])
    if count:
        by_rank = {int(row[0]): int(row[1]) for row in picked}
        median, p90 = by_rank[nearest_rank(count, 50)], by_rank[nearest_rank(count, 90)]
    return DurationStats(
        count=count,
        median=median,
        p90=p90,
        target_seconds=target,
        within_target=in_target,
        within_sla=within if is_complaint else None,
        unanswered=total - count if measure == "first_response" else 0,
    )


def _limits(session: Session, measure: Measure) -> dict[str, int]:
    return {
        source: sla.first_response_minutes * 60 if measure == "first_response" else sla.resolution_hours * 3600
        for source, sla in settings.complaint_slas(session).items()
    }
