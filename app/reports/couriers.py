"""Courier performance over a report range from the imported daily delivery counts: signed rate, and the
problem-parcel rate as the courier's stuck cases opened in the range over the parcels that arrived for them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import settings
from app.reports.figures import Rate
from app.reports.ranges import ReportRange
from db.models import Case, Courier, DeliveryCount


@dataclass(frozen=True)
class CourierPerformance:
    courier_id: int
    name: str
    arrived: int
    delivered: int
    signed: int
    problem_reported: int  # the 问题件 count in the imported delivery file
    stuck_cases: int  # stuck cases of the courier opened in the range

    @property
    def signed_rate(self) -> Rate:
        return Rate(self.signed, self.arrived)

    @property
    def problem_rate(self) -> Rate:
        return Rate(self.stuck_cases, self.arrived)


def courier_performance(session: Session, rng: ReportRange) -> list[CourierPerformance]:
    """Every courier with deliveries counted on a local day of the range or a stuck case opened in it, by name."""
    start, end = rng.bounds(settings.deadline_rules(session))
    counts: dict[int, tuple[int, ...]] = {
        courier_id: tuple(int(v or 0) for v in values)
        for courier_id, *values in session.execute(
            select(
                DeliveryCount.courier_id,
                func.sum(DeliveryCount.arrived),
                func.sum(DeliveryCount.delivered),
                func.sum(DeliveryCount.signed),
                func.sum(DeliveryCount.problem),
            )
            .where(DeliveryCount.day >= rng.first, DeliveryCount.day <= rng.last)
            .group_by(DeliveryCount.courier_id)
        )
    }
    stuck: dict[int, int] = {
        cid: int(n)
        for cid, n in session.execute(
            select(func.coalesce(Case.courier_id, 0), func.count())
            .where(
                Case.kind == "stuck",
                Case.deleted_at.is_(None),
                Case.courier_id.is_not(None),
                Case.opened_at >= start,
                Case.opened_at < end,
            )
            .group_by(Case.courier_id)
        )
    }
    ids = set(counts) | set(stuck)
    if not ids:
        return []
    names = dict(session.execute(select(Courier.id, Courier.name).where(Courier.id.in_(ids))).all())
    out = []
    for cid in ids:
        arrived, delivered, signed, problem = counts.get(cid, (0, 0, 0, 0))
        out.append(CourierPerformance(cid, names[cid], arrived, delivered, signed, problem, stuck.get(cid, 0)))
    return sorted(out, key=lambda p: (p.name, p.courier_id))
