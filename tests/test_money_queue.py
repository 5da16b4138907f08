"""The money-at-risk queue with a fixed clock: every reason's deadline, ordered by urgency, each with what it costs
(a fine its own amount, the rest the outlet's figure), counts and money per state, the manager's cost setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import settings
from app.actor import Actor
from app.complaints import NewComplaint, log_complaint
from app.errors import PermissionDenied, ValidationError
from app.intercepts import NewIntercept, complete, log_intercept, mark_intercepted
from app.money_queue import costs, risk_queue
from app.stuck import capture
from db.engine import Database
from db.models import Arbitration, Fine, ReturnShipment, StuckDetail, Waybill

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai; the local day ends at 15:59:59 UTC


def _waybill(session, number: str) -> Waybill:
    return session.scalar(select(Waybill).where(Waybill.waybill_no == number))


def _build(database: Database, clerk: Actor) -> dict[str, int]:
    """One open deadline of each reason, due at known times around NOW; returns the ids the keys name."""
    ids: dict[str, int] = {}
    with database.write() as session:
        stuck = capture(session, "YT7730000000001", actor=clerk, at=NOW - timedelta(days=1)).case.id
        session.get(StuckDetail, stuck).reply_due_at = NOW - timedelta(hours=3)  # late: a 留言 unanswered
        ids["reply"] = stuck
        complaint = log_complaint(
            session,
            NewComplaint("YT7730000000002", source="call", category="延误", opened_at=NOW - timedelta(minutes=10)),
            actor=clerk,
        ).id
        ids["complaint"] = complaint  # first response at +15 min, resolution at +24 h, 12305 at day 7
        ids["intercept"] = log_intercept(
            session, NewIntercept("YT7730000000003", opened_at=NOW - timedelta(hours=1)), actor=clerk
        ).id  # opened 09:00 local: due at the 13:30 round = 05:30 UTC
        waybill = _waybill(session, "YT7730000000001")
        fine = Fine(
            waybill_id=waybill.id,
            reason="虚假签收",
            amount=Decimal("150.00"),
            issued_at=NOW - timedelta(days=2),
            appeal_due_at=NOW + timedelta(days=2),
        )
        settled = Fine(
            waybill_id=waybill.id,
            reason="延误",
            amount=Decimal("80.00"),
            issued_at=NOW - timedelta(days=2),
            appeal_due_at=NOW - timedelta(days=1),
            result="accepted",
        )
        arbitration = Arbitration(waybill_id=waybill.id, filed_at=NOW, reply_due_at=NOW + timedelta(hours=5))
        early = ReturnShipment(waybill_id=waybill.id, early_by_other=True, back_at=NOW - timedelta(days=6, hours=20))
        reported = ReturnShipment(
            waybill_id=waybill.id, early_by_other=True, back_at=NOW - timedelta(days=1), reported_at=NOW
        )
        session.add_all([fine, settled, arbitration, early, reported])
        session.flush()
        ids |= {"fine": fine.id, "arbitration": arbitration.id, "early": early.id}
    return ids


def _queue(database: Database, now: datetime = NOW, **kw):
    with database.read() as session:
        return risk_queue(session, now, settings.deadline_rules(session), **kw)


def test_every_reason_in_order_of_urgency_with_its_cost(database: Database, clerk: Actor) -> None:
    ids = _build(database, clerk)
    queue = _queue(database)
    complaint, intercept = ids["complaint"], ids["intercept"]
    assert [item.key for item in queue.items] == [
        f"reply:{ids['reply']}",  # 3 h late
        f"first_response:{complaint}",  # 10:05 local
        f"intercept:{intercept}",  # the 13:30 round
        f"early_return:{ids['early']}",  # came back 6 d 20 h ago: its 7 days end at 14:00 local
        f"arbitration:{ids['arbitration']}",  # 15:00 local
        f"complaint_due:{complaint}",  # tomorrow 09:50
        f"fine_appeal:{ids['fine']}",  # in two days
        f"appeal:{complaint}",  # the 12305 clock, day 7
    ]
    due = {item.reason: item.due_at for item in queue.items}
    assert due["intercept"] == datetime(2026, 11, 23, 5, 30, tzinfo=UTC)
    assert due["early_return"] == NOW - timedelta(days=6, hours=20) + timedelta(days=7)
    cost = {item.reason: item.cost for item in queue.items}
    assert cost == {
        "reply": Decimal("20.00"),
        "first_response": Decimal("50.00"),
        "early_return": Decimal("50.00"),
        "intercept": Decimal("100.00"),
        "arbitration": Decimal("200.00"),  # no amount decided yet: the outlet's figure
        "complaint_due": Decimal("100.00"),
        "fine_appeal": Decimal("150.00"),  # the fine's own amount; the accepted fine is not at risk
        "appeal": Decimal("500.00"),
    }
    assert queue.counts == {"overdue": 1, "today": 4, "later": 3}
    assert queue.money == {
        "overdue": Decimal("20.00"),
        "today": Decimal("400.00"),  # 50 + 50 + 100 + 200
        "later": Decimal("750.00"),  # 100 + 150 + 500
    }
    assert queue.pressing == 5 and queue.money_today == Decimal("420.00")
    assert queue.items[0].left(NOW) == timedelta(hours=-3)


def test_the_queue_shrinks_as_deadlines_are_met(database: Database, clerk: Actor) -> None:
    ids = _build(database, clerk)
    with database.write() as session:
        version = mark_intercepted(session, ids["intercept"], expected_version=1, actor=clerk).version
        complete(
            session,
            ids["intercept"],
            "returned",
            new_waybill_no="YT7730999900001",
            expected_version=version,
            actor=clerk,
        )
        session.get(ReturnShipment, ids["early"]).reported_at = NOW
        session.get(Fine, ids["fine"]).result = "appealed"
    queue = _queue(database)
    reasons = [item.reason for item in queue.items]
    assert "intercept" not in reasons and "early_return" not in reasons and "fine_appeal" not in reasons
    assert queue.counts == {"overdue": 1, "today": 2, "later": 2}
    assert _queue(database, reasons={"fine_appeal", "intercept"}).items == ()
    later = _queue(database, now=NOW + timedelta(days=1))  # a day on: the arbitration reply and the 24 h
    assert later.counts["overdue"] == 4  # resolution are late too, with the reply and the first response


def test_the_manager_sets_what_each_deadline_costs(database: Database, clerk: Actor, manager: Actor) -> None:
    _build(database, clerk)
    with database.write() as session, pytest.raises(PermissionDenied):
        settings.put_many(session, {"risk_costs": {"reply": "35"}}, actor=clerk, manager_pin=None)
    with database.write() as session:
        for bad in ({"reply": "-1"}, {"reply": "1.234"}, {"nap": "1"}, {"reply": True}, "20"):
            with pytest.raises(ValidationError):
                settings.put(session, "risk_costs", bad, actor=manager)
        settings.put(session, "risk_costs", {"reply": "35", "appeal": "1000.5"}, actor=manager)
    with database.read() as session:
        assert costs(session)["reply"] == Decimal("35") and costs(session)["intercept"] == Decimal("100")
    queue = _queue(database)
    cost = {item.reason: item.cost for item in queue.items}
    assert cost["reply"] == Decimal("35.00") and cost["appeal"] == Decimal("1000.50")
    assert queue.money["overdue"] == Decimal("35.00")
