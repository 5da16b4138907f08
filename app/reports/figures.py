"""Case counts of a report range: opened and closed by kind, opened by problem type, courier and carrier, the
per-day series, one-contact resolution, repeat rates and satisfaction.

A case belongs to the range when the instant counted (opened_at, closed_at, the return visit) falls in its
half-open UTC span; soft-deleted cases never count. Each figure is one grouped SQL query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app import settings
from app.reports.ranges import ReportRange
from db.models import Carrier, Case, ComplaintDetail, Courier, Followup, ProblemType, Waybill

KINDS = ("stuck", "chase", "complaint", "intercept")


@dataclass(frozen=True)
class Rate:
    """`part` of `whole`; `share` is None when there is nothing to divide by."""

    part: int
    whole: int

    @property
    def share(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True)
class KindCounts:
    """Cases opened and closed in the range, by kind (every kind present, 0 when none)."""

    opened: dict[str, int]
    closed: dict[str, int]

    @property
    def opened_total(self) -> int:
        return sum(self.opened.values())

    @property
    def closed_total(self) -> int:
        return sum(self.closed.values())


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown: `key` is a stable code or id (None: not recorded), `label` what a person reads."""

    key: str | None
    label: str | None
    count: int


@dataclass(frozen=True)
class DayPoint:
    day: date  # the outlet's local day
    opened: int
    closed: int


def _span(session: Session, rng: ReportRange) -> tuple[datetime, datetime]:
    return rng.bounds(settings.deadline_rules(session))


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


def kind_counts(session: Session, rng: ReportRange) -> KindCounts:
    start, end = _span(session, rng)
    out: dict[str, dict[str, int]] = {}
    for name, column in (("opened", Case.opened_at), ("closed", Case.closed_at)):
        rows = session.execute(
            select(Case.kind, func.count())
            .where(Case.deleted_at.is_(None), _in(column, start, end))
            .group_by(Case.kind)
        ).all()
        counts = dict.fromkeys(KINDS, 0)
        counts.update({kind: int(n) for kind, n in rows})
        out[name] = counts
    return KindCounts(opened=out["opened"], closed=out["closed"])


def _opened_by(session: Session, rng: ReportRange, key: Any, label: Any, *joins: tuple[Any, Any]) -> list[Tally]:
    """Cases opened in the range grouped by `key`: most first, a tie by key with the unrecorded (NULL) last, the
    same order on both engines."""
    start, end = _span(session, rng)
    query = select(key, label, func.count()).select_from(Case)
    for target, on in joins:
        query = query.join(target, on, isouter=True)
    query = (
        query.where(Case.deleted_at.is_(None), _in(Case.opened_at, start, end))
        .group_by(key, label)
        .order_by(func.count().desc(), case((key.is_(None), 1), else_=0), key)  # unrecorded last in a tie
    )
    return [Tally(None if k is None else str(k), lab, int(n)) for k, lab, n in session.execute(query)]


def opened_by_problem_type(session: Session, rng: ReportRange) -> list[Tally]:
    """Most frequent first; key is the problem type's code (None: no type recorded)."""
    return _opened_by(
        session, rng, ProblemType.code, ProblemType.name, (ProblemType, ProblemType.id == Case.problem_type_id)
    )


def opened_by_courier(session: Session, rng: ReportRange) -> list[Tally]:
    """Most frequent first; key is the courier's id as text (None: no courier recorded)."""
    return _opened_by(session, rng, Courier.id, Courier.name, (Courier, Courier.id == Case.courier_id))


def opened_by_carrier(session: Session, rng: ReportRange) -> list[Tally]:
    """Most frequent first; key is the carrier's code (None: the parcel's carrier is unknown)."""
    return _opened_by(
        session,
        rng,
        Carrier.code,
        Carrier.name,
        (Waybill, Waybill.id == Case.waybill_id),
        (Carrier, Carrier.id == Waybill.carrier_id),
    )


def _day_index(column: Any, bounds: list[datetime]) -> Any:
    """Which local day an instant in the range falls on, as 0..n-1: a searched CASE over the days' UTC starts, so
    day boundaries follow the outlet's zone (DST included) on both engines."""
    return case(*((column < edge, i) for i, edge in enumerate(bounds[1:])), else_=len(bounds) - 2)


def daily_series(session: Session, rng: ReportRange) -> list[DayPoint]:
    """Cases opened and closed on each local day of the range, every day present."""
    bounds = rng.day_bounds(settings.deadline_rules(session))
    start, end = bounds[0], bounds[-1]
    counts: dict[str, dict[int, int]] = {}
    for name, column in (("opened", Case.opened_at), ("closed", Case.closed_at)):
        index = _day_index(column, bounds).label("i")
        rows = session.execute(
            select(index, func.count()).where(Case.deleted_at.is_(None), _in(column, start, end)).group_by(index)
        ).all()
        counts[name] = {int(i): int(n) for i, n in rows}
    return [DayPoint(day, counts["opened"].get(i, 0), counts["closed"].get(i, 0)) for i, day in enumerate(rng.days())]


def one_contact_resolution(session: Session, rng: ReportRange) -> dict[str, Rate]:
    """Per kind: of the cases closed in the range, those closed after exactly one follow-up of a human channel
    (system entries such as status changes are not contacts)."""
    start, end = _span(session, rng)
    contacts = (
        select(func.count())
        .where(Followup.case_id == Case.id, Followup.channel != "system")
        .correlate(Case)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Case.kind, func.count(), func.sum(case((contacts == 1, 1), else_=0)))
        .where(Case.deleted_at.is_(None), _in(Case.closed_at, start, end))
        .group_by(Case.kind)
    ).all()
    found = {kind: Rate(int(one or 0), int(n)) for kind, n, one in rows}
    return {kind: found.get(kind, Rate(0, 0)) for kind in KINDS}


def repeat_rates(session: Session, rng: ReportRange) -> dict[str, Rate]:
    """Chases and complaints opened in the range that were repeats: an earlier chase or complaint for the same
    parcel or caller within the window. The rule is app.repeats; its result is the case's stored repeat counter,
    set when the case was logged."""
    start, end = _span(session, rng)
    rows = session.execute(
        select(Case.kind, func.count(), func.sum(case((Case.repeat_count > 0, 1), else_=0)))
        .where(Case.kind.in_(("chase", "complaint")), Case.deleted_at.is_(None), _in(Case.opened_at, start, end))
        .group_by(Case.kind)
    ).all()
    found = {kind: Rate(int(rep or 0), int(n)) for kind, n, rep in rows}
    return {kind: found.get(kind, Rate(0, 0)) for kind in ("chase", "complaint")}


def satisfaction(session: Session, rng: ReportRange) -> Rate:
    """Complaints whose return visit in the range scored 4 or 5, out of all scored in it."""
    start, end = _span(session, rng)
    scored, happy = session.execute(
        select(func.count(), func.sum(case((ComplaintDetail.satisfaction >= 4, 1), else_=0)))
        .select_from(ComplaintDetail)
        .join(Case, Case.id == ComplaintDetail.case_id)
        .where(
            Case.deleted_at.is_(None),
            ComplaintDetail.satisfaction.is_not(None),
            _in(ComplaintDetail.return_visit_at, start, end),
        )
    ).one()
    return Rate(int(happy or 0), int(scored))
