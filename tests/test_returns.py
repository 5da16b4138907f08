"""Returns with a fixed clock: a return comes back, our parcel returned early by another outlet goes on the
early-return report (due seven days after it came back) and into the money-at-risk queue until it is reported,
and a return cannot be marked twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import settings
from app.actor import Actor
from app.cases import transition
from app.errors import NotFoundError, ValidationError
from app.money_queue import risk_queue
from app.returns import (
    early_return_report,
    get_return,
    list_returns,
    mark_back,
    record_early_return,
    report_early_return,
)
from app.stuck import capture, start_return
from db.engine import Database

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
OURS, THEIRS = "YT7730000000101", "YT7730000000102"


def test_a_return_sent_and_back(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        case = capture(session, THEIRS, actor=clerk, at=NOW - timedelta(days=10)).case
        case = transition(session, case.id, "to_return", expected_version=case.version, actor=clerk)
        start_return(
            session, case.id, return_waybill_no="YT7730999900002", expected_version=case.version, actor=clerk, at=NOW
        )
        (shipment,) = list_returns(session, on_the_way=True)
        assert (shipment.waybill_no, shipment.return_waybill_no, shipment.sent_at) == (THEIRS, "YT7730999900002", NOW)
        back = mark_back(session, shipment.id, actor=clerk, at=NOW + timedelta(days=3))
        assert back.back_at == NOW + timedelta(days=3) and back.report_due_at is None  # ours to send: no report
        assert list_returns(session, on_the_way=True) == []
        with pytest.raises(ValidationError) as twice:
            mark_back(session, shipment.id, actor=clerk)
        assert twice.value.fields == {"back_at": "return_back_already"}
        with pytest.raises(ValidationError):
            report_early_return(session, shipment.id, actor=clerk)  # not an early one


def test_an_early_return_is_reported_within_seven_days(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        early = record_early_return(
            session, "yt 7730 0000 00101", actor=clerk, back_at=NOW - timedelta(days=2), notes="对方第3天就退回"
        )
        later = record_early_return(session, THEIRS, actor=clerk, back_at=NOW - timedelta(hours=1))
    assert early.waybill_no == OURS and early.report_due_at == NOW + timedelta(days=5)
    with database.read() as session:
        assert [r.id for r in early_return_report(session)] == [early.id, later.id]  # due first on top
        queue = risk_queue(session, NOW, settings.deadline_rules(session), reasons={"early_return"})
    assert [(i.ref_id, i.due_at) for i in queue.items] == [
        (early.id, NOW + timedelta(days=5)),
        (later.id, NOW - timedelta(hours=1) + timedelta(days=7)),
    ]
    with database.write() as session:
        reported = report_early_return(session, early.id, actor=clerk, at=NOW)
        assert reported.reported_at == NOW and reported.report_due_at is None
        with pytest.raises(ValidationError) as again:
            report_early_return(session, early.id, actor=clerk)
        assert again.value.fields == {"reported_at": "return_reported_already"}
    with database.read() as session:
        assert [r.id for r in early_return_report(session)] == [later.id]
        queue = risk_queue(session, NOW, settings.deadline_rules(session), reasons={"early_return"})
        assert [i.ref_id for i in queue.items] == [later.id]
        assert get_return(session, early.id).notes == "对方第3天就退回"
        with pytest.raises(NotFoundError):
            get_return(session, 999)
