"""The today page's own counts: what came in today, what is open, the 留言 replies owed, interceptions still to
pull before the next delivery round and claims waiting for evidence.

The rest of the page is read elsewhere and only shown there: the promises due (overdue, due today, callbacks,
complaint clocks) come from the reminder centre's scan and the money at risk from the money queue, so each tile
counts exactly what its list shows. Every count is one indexed SQL count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import settings, stuck_query
from app.deadlines import DeadlineRules, local_date, start_of_local_day
from app.money_queue import NOT_PULLED
from app.stuck_query import StuckFilter
from db.models import Case, Claim

WAITING_FOR_EVIDENCE = "missing_docs"  # the claim state 材料待补


@dataclass(frozen=True)
class TodaySpan:
    """The outlet's local day `now` falls in, as the half-open UTC span [start, end)."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, now: datetime, rules: DeadlineRules) -> TodaySpan:
        day = local_date(now, rules)
        return cls(start_of_local_day(day, rules), start_of_local_day(day + timedelta(days=1), rules))


@dataclass(frozen=True)
class TodayCounts:
    span: TodaySpan
    new_today: int  # cases of every kind opened since the local midnight
    open: int  # cases of every kind not closed
    owed: int  # stuck parcels whose other outlet wrote and we have not answered
    intercepts: int  # interceptions accepted or found, not yet pulled out of delivery
    claims: int  # claims waiting for evidence (材料待补)


def owed_filter() -> StuckFilter:
    """The stuck list's filter the "replies owed" tile counts and opens."""
    return StuckFilter(open_only=True, owed=True)


def today_counts(session: Session, now: datetime) -> TodayCounts:
    span = TodaySpan.of(now, settings.deadline_rules(session))
    alive = Case.deleted_at.is_(None)
    new_today = session.scalar(
        select(func.count()).where(Case.opened_at >= span.start, Case.opened_at < span.end, alive)
    )
    open_cases = session.scalar(select(func.count()).where(Case.closed_at.is_(None), alive))
    intercepts = session.scalar(
        select(func.count()).where(
            Case.kind == "intercept", Case.status.in_(NOT_PULLED), Case.closed_at.is_(None), alive
        )
    )
    claims = session.scalar(
        select(func.count()).where(Claim.status == WAITING_FOR_EVIDENCE, Claim.deleted_at.is_(None))
    )
    return TodayCounts(
        span=span,
        new_today=new_today or 0,
        open=open_cases or 0,
        owed=stuck_query.count(session, owed_filter(), now=now),
        intercepts=intercepts or 0,
        claims=claims or 0,
    )
