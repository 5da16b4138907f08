"""One report: every figure of a range in one read, the bundle the report page, its charts and exports show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.reports.couriers import CourierPerformance, courier_performance
from app.reports.durations import DurationStats, duration_stats
from app.reports.figures import (
    KINDS,
    DayPoint,
    KindCounts,
    Rate,
    Tally,
    daily_series,
    kind_counts,
    one_contact_resolution,
    opened_by_carrier,
    opened_by_courier,
    opened_by_problem_type,
    repeat_rates,
    satisfaction,
)
from app.reports.money import ClaimMoney, FineMoney, claims_by_status, fines_by_result
from app.reports.ranges import ReportRange

RESPONDED_KINDS = ("chase", "complaint")  # the kinds a customer waits on a first answer for


@dataclass(frozen=True)
class Report:
    range: ReportRange
    counts: KindCounts
    by_problem_type: list[Tally]
    by_courier: list[Tally]
    by_carrier: list[Tally]
    series: list[DayPoint]
    first_response: dict[str, DurationStats]  # chase, complaint
    resolution: dict[str, DurationStats]  # every kind
    one_contact: dict[str, Rate]  # every kind
    repeats: dict[str, Rate]  # chase, complaint
    satisfaction: Rate
    couriers: list[CourierPerformance]
    fines: list[FineMoney]
    claims: list[ClaimMoney]


def build_report(session: Session, rng: ReportRange) -> Report:
    return Report(
        range=rng,
        counts=kind_counts(session, rng),
        by_problem_type=opened_by_problem_type(session, rng),
        by_courier=opened_by_courier(session, rng),
        by_carrier=opened_by_carrier(session, rng),
        series=daily_series(session, rng),
        first_response={k: duration_stats(session, rng, k, "first_response") for k in RESPONDED_KINDS},
        resolution={k: duration_stats(session, rng, k, "resolution") for k in KINDS},
        one_contact=one_contact_resolution(session, rng),
        repeats=repeat_rates(session, rng),
        satisfaction=satisfaction(session, rng),
        couriers=courier_performance(session, rng),
        fines=fines_by_result(session, rng),
        claims=claims_by_status(session, rng),
    )
