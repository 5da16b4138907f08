"""The today page's own counts on SQLite and PostgreSQL: the outlet's local day (Asia/Shanghai, UTC+8) bounds
"new today", deleted and closed cases never count, interceptions count until pulled, claims while 材料待补."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.today import TodaySpan, today_counts
from db.engine import Database
from db.models import Case, Claim, StuckDetail, Waybill

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=SH)  # 01:30 UTC: the local day began at 16:00 UTC the day before
_numbers = itertools.count(1)


def _case(session: Session, kind: str, opened: datetime, **fields: object) -> Case:
    waybill = Waybill(waybill_no=f"YT{next(_numbers):013d}")
    session.add(waybill)
    session.flush()
    case = Case(
        kind=kind, direction="inbound", waybill_id=waybill.id, opened_at=opened, **({"status": "pending"} | fields)
    )
    session.add(case)
    session.flush()
    return case


def test_an_empty_database_counts_nothing(database: Database) -> None:
    with database.read() as session:
        counts = today_counts(session, NOW)
    assert (counts.new_today, counts.open, counts.owed, counts.intercepts, counts.claims) == (0, 0, 0, 0, 0)
    assert counts.span == TodaySpan(datetime(2026, 11, 19, 16, tzinfo=UTC), datetime(2026, 11, 20, 16, tzinfo=UTC))


def test_each_count_on_hand_made_cases(database: Database) -> None:
    midnight = datetime(2026, 11, 20, 0, 0, tzinfo=SH)
    with database.write() as session:
        _case(session, "stuck", midnight)  # the first instant of the local day: today
        _case(session, "chase", midnight - timedelta(seconds=1))  # 23:59:59 yesterday, though the same UTC date
        _case(session, "complaint", NOW, closed_at=NOW, status="closed")  # new today, not open
        _case(session, "stuck", NOW, deleted_at=NOW)  # deleted: neither
        owed = _case(session, "stuck", NOW - timedelta(days=3))
        session.add(StuckDetail(case_id=owed.id, reply_due_at=NOW + timedelta(hours=2)))
        answered = _case(session, "stuck", NOW - timedelta(days=3))
        session.add(StuckDetail(case_id=answered.id, reply_due_at=None))
        for status in ("accepted", "found", "intercepted"):  # the last one is pulled out of delivery already
            _case(session, "intercept", NOW - timedelta(days=3), status=status)
        for n, status in enumerate(("missing_docs", "missing_docs", "submitted")):
            session.add(Claim(claim_no=f"LP{n}", waybill_id=owed.waybill_id, status=status, loss_type="damaged"))
        session.add(
            Claim(claim_no="LP9", waybill_id=owed.waybill_id, status="missing_docs", loss_type="lost", deleted_at=NOW)
        )
    with database.read() as session:
        counts = today_counts(session, NOW)
    assert counts.new_today == 2  # midnight's stuck parcel and the closed complaint
    assert counts.open == 7  # 2 before midnight + 2 stuck with details + 3 interceptions
    assert counts.owed == 1
    assert counts.intercepts == 2
    assert counts.claims == 2
    with database.read() as session:  # a minute before local midnight the same cases are yesterday's
        assert today_counts(session, midnight - timedelta(minutes=1)).new_today == 1
