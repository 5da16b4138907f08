"""Report figures on small hand-made data sets with answers worked by hand, on SQLite and PostgreSQL: empty
ranges, local midnight in Asia/Shanghai (UTC+8), nearest-rank percentiles with ties, per-channel SLAs."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.reports.couriers import courier_performance
from app.reports.durations import duration_stats, nearest_rank
from app.reports.figures import (
    DayPoint,
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
from app.reports.report import build_report
from db.engine import Database
from db.models import (
    Carrier,
    Case,
    Claim,
    ComplaintDetail,
    Courier,
    DeliveryCount,
    Fine,
    Followup,
    ProblemType,
    Waybill,
)

SH = ZoneInfo("Asia/Shanghai")
WEEK = ReportRange.week(date(2026, 11, 18))  # Monday 11-16 .. Sunday 11-22 (local)
_numbers = itertools.count(1)


def local(day: int, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=SH)


def _waybill(session: Session, carrier: str | None = None) -> Waybill:
    carrier_id = session.scalar(select(Carrier.id).where(Carrier.code == carrier)) if carrier else None
    waybill = Waybill(waybill_no=f"YT{next(_numbers):013d}", carrier_id=carrier_id)
    session.add(waybill)
    session.flush()
    return waybill


def add_case(
    session: Session,
    kind: str,
    opened: datetime,
    *,
    closed: datetime | None = None,
    contacts: tuple[tuple[int, str], ...] = (),  # (seconds after opening, channel)
    source: str = "call",
    carrier: str | None = None,
    courier_id: int | None = None,
    problem: str | None = None,
    repeat_count: int = 0,
    satisfaction: int | None = None,
    visited: datetime | None = None,
    deleted: bool = False,
) -> Case:
    problem_id = session.scalar(select(ProblemType.id).where(ProblemType.code == problem)) if problem else None
    case = Case(
        kind=kind,
        direction="inbound",
        waybill_id=_waybill(session, carrier).id,
        status="closed" if closed else "open",
        opened_at=opened,
        closed_at=closed,
        courier_id=courier_id,
        problem_type_id=problem_id,
        repeat_count=repeat_count,
        deleted_at=opened if deleted else None,
    )
    session.add(case)
    session.flush()
    if kind == "complaint":
        session.add(ComplaintDetail(case_id=case.id, source=source, satisfaction=satisfaction, return_visit_at=visited))
    for seconds, channel in contacts:
        session.add(Followup(case_id=case.id, at=opened + timedelta(seconds=seconds), channel=channel, text="跟进"))
    session.flush()
    return case


def _courier(session: Session, name: str) -> int:
    courier = Courier(name=name)
    session.add(courier)
    session.flush()
    return courier.id


def test_a_range_is_whole_local_days_as_a_half_open_utc_span() -> None:
    rules = settings.DeadlineRules()
    assert WEEK.first == date(2026, 11, 16) and WEEK.last == date(2026, 11, 22)
    assert WEEK.bounds(rules) == (datetime(2026, 11, 15, 16, tzinfo=UTC), datetime(2026, 11, 22, 16, tzinfo=UTC))
    assert ReportRange.week(date(2026, 11, 22)) == WEEK  # Sunday still belongs to the week from Monday
    feb = ReportRange.month(date(2028, 2, 10))
    assert (feb.first, feb.last, len(feb.days())) == (date(2028, 2, 1), date(2028, 2, 29), 29)
    dec = ReportRange.month(date(2026, 12, 31))
    assert dec.bounds(rules)[1] == datetime(2026, 12, 31, 16, tzinfo=UTC)  # 2027-01-01 00:00 local
    assert ReportRange.day(date(2026, 11, 20)).bounds(rules) == (
        datetime(2026, 11, 19, 16, tzinfo=UTC),
        datetime(2026, 11, 20, 16, tzinfo=UTC),
    )
    # 23:59:59 local on the 20th is still the 20th there, though it is 15:59:59 UTC
    assert ReportRange.containing("day", local(20, 23, 59, 59), rules) == ReportRange.day(date(2026, 11, 20))
    assert ReportRange.containing("month", local(20), rules) == ReportRange.month(date(2026, 11, 1))
    assert WEEK.previous() == ReportRange.week(date(2026, 11, 9))
    assert ReportRange.month(date(2026, 3, 5)).previous() == ReportRange.month(date(2026, 2, 1))
    with pytest.raises(ValueError):
        ReportRange.custom(date(2026, 11, 2), date(2026, 11, 1))


def test_an_empty_range_gives_zeros_and_no_shares(database: Database) -> None:
    with database.read() as session:
        report = build_report(session, WEEK)
    assert report.counts.opened == {"stuck": 0, "chase": 0, "complaint": 0, "intercept": 0}
    assert report.counts.closed_total == 0
    assert report.series == [DayPoint(d, 0, 0) for d in WEEK.days()]
    assert report.by_problem_type == report.by_courier == report.by_carrier == []
    for stats in (*report.first_response.values(), *report.resolution.values()):
        assert (stats.count, stats.median, stats.p90, stats.target_share, stats.sla_share) == (
            0,
            None,
            None,
            None,
            None,
        )
    assert report.satisfaction == Rate(0, 0) and report.satisfaction.share is None
    assert all(rate == Rate(0, 0) for rate in (*report.one_contact.values(), *report.repeats.values()))
    assert report.couriers == report.fines == report.claims == []


def test_a_case_at_235959_local_is_that_day_and_at_midnight_the_next(database: Database) -> None:
    with database.write() as session:
        add_case(session, "stuck", local(20, 23, 59, 59), closed=local(22, 0, 0, 0))
        add_case(session, "stuck", local(21, 0, 0, 0), closed=local(21, 23, 59, 59))
        add_case(session, "chase", local(15, 23, 59, 59))  # the Sunday before the week
        add_case(session, "chase", local(23, 0, 0, 0))  # the Monday after
        add_case(session, "complaint", local(16, 0, 0, 0), deleted=True)  # in the bin: never counted
    with database.read() as session:
        friday = kind_counts(session, ReportRange.day(date(2026, 11, 20)))
        saturday = kind_counts(session, ReportRange.day(date(2026, 11, 21)))
        week = kind_counts(session, WEEK)
        series = daily_series(session, WEEK)
        one_day = daily_series(session, ReportRange.day(date(2026, 11, 21)))
    assert (friday.opened["stuck"], friday.closed_total) == (1, 0)
    assert (saturday.opened["stuck"], saturday.closed["stuck"]) == (1, 1)
    assert week.opened == {"stuck": 2, "chase": 0, "complaint": 0, "intercept": 0}
    assert week.closed == {"stuck": 2, "chase": 0, "complaint": 0, "intercept": 0}
    assert [(p.opened, p.closed) for p in series] == [(0, 0)] * 4 + [(1, 0), (1, 1), (0, 1)]
    assert [p.day for p in series] == WEEK.days()
    assert one_day == [DayPoint(date(2026, 11, 21), 1, 1)]


def test_nearest_rank() -> None:
    assert [nearest_rank(10, p) for p in (50, 90, 100)] == [5, 9, 10]
    assert [nearest_rank(3, 50), nearest_rank(3, 90), nearest_rank(1, 90), nearest_rank(20, 90)] == [2, 3, 1, 18]
    with pytest.raises(ValueError):
        nearest_rank(0, 50)


def test_first_response_percentiles_with_ties_and_the_targets(database: Database) -> None:
    """Ten answered complaints: sorted 60 60 120 120 120 180 180 240 600 3600 s; the median is the 5th (120), p90
    the 9th (600); within the plan's 3 minutes 7, within the channel's 15 minutes 9. A system entry at +1 s is no
    answer; an unanswered complaint is counted apart."""
    seconds = (600, 60, 3600, 120, 180, 60, 120, 240, 120, 180)
    with database.write() as session:
        for i, s in enumerate(seconds):
            add_case(session, "complaint", local(17, 9, i), contacts=((1, "system"), (s, "phone"), (s + 5, "sms")))
        add_case(session, "complaint", local(18), contacts=((1, "system"),))
        add_case(session, "complaint", local(23), contacts=((5, "phone"),))  # after the week
        for s in (90, 30, 90):
            add_case(session, "chase", local(19, 8), contacts=((s, "wechat"),))
    with database.read() as session:
        complaints = duration_stats(session, WEEK, "complaint", "first_response")
        chases = duration_stats(session, WEEK, "chase", "first_response")
        only_the_23rd = duration_stats(session, ReportRange.day(date(2026, 11, 23)), "complaint", "first_response")
        only_the_18th = duration_stats(session, ReportRange.day(date(2026, 11, 18)), "complaint", "first_response")
    assert (complaints.count, complaints.median, complaints.p90) == (10, 120, 600)
    assert (complaints.within_target, complaints.target_share, complaints.within_sla) == (7, 0.7, 9)
    assert complaints.sla_share == 0.9 and complaints.unanswered == 1
    assert (chases.count, chases.median, chases.p90, chases.within_target, chases.within_sla) == (3, 90, 90, 3, None)
    assert (only_the_23rd.count, only_the_23rd.median, only_the_23rd.p90) == (1, 5, 5)
    assert (only_the_18th.count, only_the_18th.median, only_the_18th.unanswered) == (0, None, 1)


def test_resolution_counts_closed_cases_against_each_channels_sla(database: Database, manager: Actor) -> None:
    """Closed in the week: a call complaint in 1 h and one in 24 h + 1 s (over its 24 h SLA and the plan's 24 h),
    a platform complaint in 30 h (inside that channel's 48 h, outside the plan's 24 h)."""
    with database.write() as session:
        settings.put(session, "complaint_sla", {"platform": {"resolution_hours": 48}}, actor=manager)
        opened = local(17, 12)
        add_case(session, "complaint", opened, closed=opened + timedelta(hours=1))
        add_case(session, "complaint", opened, closed=opened + timedelta(hours=24, seconds=1))
        add_case(session, "complaint", opened, closed=opened + timedelta(hours=30), source="platform")
        add_case(session, "complaint", local(10), closed=local(16, 0, 0, 0))  # closed on the week's first instant
        add_case(session, "complaint", local(20), closed=local(23, 0, 0, 0))  # closed after the week
        add_case(session, "stuck", local(16), closed=local(16) + timedelta(minutes=90, microseconds=999_999))
    with database.read() as session:
        complaints = duration_stats(session, WEEK, "complaint", "resolution")
        stuck = duration_stats(session, WEEK, "stuck", "resolution")
    six_days = (local(16, 0) - local(10)).total_seconds()
    assert complaints.count == 4
    assert (complaints.median, complaints.p90) == (86401, int(six_days))  # ranks 2 and 4 of 3600 86401 108000 …
    assert (complaints.within_target, complaints.within_sla) == (1, 2)
    assert (stuck.count, stuck.median, stuck.p90, stuck.within_sla) == (1, 5400, 5400, None)


def test_breakdowns_by_problem_type_courier_and_carrier(database: Database) -> None:
    with database.write() as session:
        zhang = _courier(session, "张三")
        add_case(session, "stuck", local(17), problem="damaged", courier_id=zhang, carrier="YTO")
        add_case(session, "stuck", local(18), problem="damaged", courier_id=zhang, carrier="YTO")
        add_case(session, "stuck", local(19), problem="short", courier_id=zhang, carrier="ZTO")
        add_case(session, "chase", local(19), carrier="ZTO")
        add_case(session, "chase", local(19), carrier="ZTO")
        add_case(session, "stuck", local(9), problem="short", carrier="ZTO")  # the week before
    with database.read() as session:
        types = opened_by_problem_type(session, WEEK)
        couriers = opened_by_courier(session, WEEK)
        carriers = opened_by_carrier(session, WEEK)
    assert types == [Tally("damaged", "破损", 2), Tally(None, None, 2), Tally("short", "短少", 1)]
    assert couriers == [Tally(str(zhang), "张三", 3), Tally(None, None, 2)]
    assert [(t.key, t.count) for t in carriers] == [("ZTO", 3), ("YTO", 2)]


def test_one_contact_repeats_and_satisfaction(database: Database) -> None:
    with database.write() as session:
        closed = local(20, 18)
        add_case(session, "stuck", local(20), closed=closed, contacts=((1, "system"), (60, "phone"), (99, "system")))
        add_case(session, "stuck", local(20), closed=closed, contacts=((60, "phone"), (120, "wechat")))
        add_case(session, "stuck", local(20), closed=closed)
        add_case(session, "stuck", local(20), contacts=((60, "phone"),))  # still open
        add_case(session, "chase", local(20), closed=closed, contacts=((60, "in_person"),))
        for count in (0, 1, 0, 2):
            add_case(session, "chase", local(21), repeat_count=count)
        add_case(session, "chase", local(9), repeat_count=3)  # before the week
        for score in (5, 4, 3, 1):
            add_case(session, "complaint", local(17), satisfaction=score, visited=local(22, 23, 59, 59), repeat_count=1)
        add_case(session, "complaint", local(17), satisfaction=5, visited=local(23, 0, 0, 0))  # visited after
        add_case(session, "complaint", local(17))  # not scored
    with database.read() as session:
        one = one_contact_resolution(session, WEEK)
        repeats = repeat_rates(session, WEEK)
        scored = satisfaction(session, WEEK)
    assert one["stuck"] == Rate(1, 3) and one["chase"] == Rate(1, 1) and one["complaint"] == Rate(0, 0)
    assert repeats == {"chase": Rate(2, 5), "complaint": Rate(4, 6)}
    assert scored == Rate(2, 4) and scored.share == 0.5


def test_courier_performance_from_delivery_counts(database: Database) -> None:
    """张三: 100 + 50 arrived and 90 + 45 signed in the week (the 23rd's 999 not), 3 stuck cases: signed 135/150,
    problem parcels 3/150. 李四 has a stuck case and no delivery counts: no rate to give."""
    with database.write() as session:
        zhang, li = _courier(session, "张三"), _courier(session, "李四")
        _courier(session, "王五")  # nothing in the week
        session.add_all(
            [
                DeliveryCount(
                    day=date(2026, 11, 20), courier_id=zhang, arrived=100, delivered=95, signed=90, problem=2
                ),
                DeliveryCount(day=date(2026, 11, 22), courier_id=zhang, arrived=50, delivered=48, signed=45, problem=1),
                DeliveryCount(day=date(2026, 11, 23), courier_id=zhang, arrived=999, delivered=999, signed=999),
            ]
        )
        for day in (16, 20, 22):
            add_case(session, "stuck", local(day), courier_id=zhang)
        add_case(session, "stuck", local(23, 0, 0, 0), courier_id=zhang)  # after the week
        add_case(session, "chase", local(20), courier_id=zhang)  # a chase is no problem parcel
        add_case(session, "stuck", local(20), courier_id=li)
    with database.read() as session:
        performance = courier_performance(session, WEEK)
    assert [p.name for p in performance] == ["张三", "李四"]  # by name, as Python sorts it
    by_name = {p.name: p for p in performance}
    z = by_name["张三"]
    assert (z.arrived, z.delivered, z.signed, z.problem_reported, z.stuck_cases) == (150, 143, 135, 3, 3)
    assert z.signed_rate == Rate(135, 150) and z.signed_rate.share == 0.9
    assert z.problem_rate == Rate(3, 150)
    assert by_name["李四"].problem_rate == Rate(1, 0) and by_name["李四"].problem_rate.share is None


def test_fines_and_claims_money_by_status(database: Database) -> None:
    with database.write() as session:
        waybill = _waybill(session).id

        def fine(amount: str, result: str, at: datetime, recovered: str | None = None) -> Fine:
            return Fine(
                waybill_id=waybill,
                reason="延误",
                amount=Decimal(amount),
                issued_at=at,
                result=result,
                amount_recovered=None if recovered is None else Decimal(recovered),
            )

        def claim(status: str, claimed: str, approved: str | None, at: datetime, deleted: bool = False) -> Claim:
            return Claim(
                claim_no=f"LP{next(_numbers)}",
                waybill_id=waybill,
                status=status,
                loss_type="damaged",
                claimed_amount=Decimal(claimed),
                approved_amount=None if approved is None else Decimal(approved),
                created_at=at,
                deleted_at=at if deleted else None,
            )

        session.add_all(
            [
                fine("150.00", "open", local(16, 0, 0, 0)),
                fine("50.50", "open", local(22, 23, 59, 59)),
                fine("80.00", "accepted", local(18), recovered="20.00"),
                fine("999.00", "open", local(15, 23, 59, 59)),  # the week before
                claim("registered", "100.00", None, local(17)),
                claim("registered", "200.10", None, local(18)),
                claim("paid", "300.00", "250.00", local(19)),
                claim("paid", "700.00", "700.00", local(19), deleted=True),
            ]
        )
    with database.read() as session:
        fines = fines_by_result(session, WEEK)
        claims = claims_by_status(session, WEEK)
    assert fines == [
        FineMoney("accepted", 1, Decimal("80.00"), Decimal("20.00")),
        FineMoney("open", 2, Decimal("200.50"), Decimal("0.00")),
    ]
    assert claims == [
        ClaimMoney("paid", 1, Decimal("300.00"), Decimal("250.00")),
        ClaimMoney("registered", 2, Decimal("300.10"), Decimal("0.00")),
    ]


def test_a_long_custom_range_counts_every_day_across_the_statements(database: Database) -> None:
    """The series counts each day in its own statement of at most 100 days: the 100th and 101st days of a 145-day
    range sit in different ones, and local midnight still decides the day at both ends."""
    rng = ReportRange.custom(date(2026, 7, 1), date(2026, 11, 22))
    hundredth = datetime(2026, 10, 8, 23, 59, 59, tzinfo=SH)  # day index 99: the first statement's last day
    with database.write() as session:
        add_case(session, "stuck", datetime(2026, 7, 1, 0, 0, 0, tzinfo=SH), closed=hundredth)
        add_case(session, "chase", hundredth)
        add_case(session, "chase", hundredth + timedelta(seconds=1), closed=local(22, 23, 59, 59))
        add_case(session, "complaint", datetime(2026, 6, 30, 23, 59, 59, tzinfo=SH))  # the day before the range
    with database.read() as session:
        series = daily_series(session, rng)
        counts = kind_counts(session, rng)
    assert [p.day for p in series] == rng.days() and len(series) == 145
    shown = {p.day: (p.opened, p.closed) for p in series if p.opened or p.closed}
    assert shown == {
        date(2026, 7, 1): (1, 0),
        date(2026, 10, 8): (1, 1),
        date(2026, 10, 9): (1, 0),
        date(2026, 11, 22): (0, 1),
    }
    assert sum(p.opened for p in series) == counts.opened_total == 3
    assert sum(p.closed for p in series) == counts.closed_total == 2


def test_problem_types_of_two_kinds_with_one_code_and_name_are_one_row(database: Database) -> None:
    """The breakdown is by code and name, as the report shows it, not by the catalogue row behind it."""
    with database.write() as session:
        session.add(ProblemType(kind="chase", code="damaged", name="破损"))
        session.flush()
        damaged = dict(
            session.execute(select(ProblemType.kind, ProblemType.id).where(ProblemType.code == "damaged")).all()
        )
        for kind, day in (("stuck", 17), ("chase", 18)):
            add_case(session, kind, local(day)).problem_type_id = damaged[kind]
        add_case(session, "stuck", local(19), problem="short")
    with database.read() as session:
        assert opened_by_problem_type(session, WEEK) == [Tally("damaged", "破损", 2), Tally("short", "短少", 1)]
