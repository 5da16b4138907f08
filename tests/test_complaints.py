"""Complaints with a fixed clock: the channel's SLA sets first-response and resolution clocks, 12305 risk counts
local days (peak windows add days), the first clerk contact meets the first response, escalation, the return
visit, repeats; the clocks are stored, so a restart in between changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import settings
from app.actor import Actor
from app.cases import NewCase, add_followup, get_case, open_case, timeline, transition
from app.complaints import NewComplaint, escalate, log_complaint, record_return_visit
from app.errors import ValidationError
from app.startup import open_database
from db.engine import Database
from db.models import Case, ComplaintDetail

OPENED = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, outside the peak windows


def _log(database: Database, actor: Actor, **kw) -> int:
    values = {"waybill_no": "YT7730123456789", "source": "12305", "category": "延误", **kw}
    values.setdefault("opened_at", OPENED)
    with database.write() as session:
        return log_complaint(session, NewComplaint(**values), actor=actor).id


def _detail(database: Database, case_id: int) -> tuple[Case, ComplaintDetail]:
    with database.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.complaint is not None
        return case, case.complaint


def test_default_clocks_from_the_channel_sla(database: Database, clerk: Actor) -> None:
    case_id = _log(database, clerk, external_ticket_no="12305-2026-000123")
    case, detail = _detail(database, case_id)
    assert detail.first_response_due_at == OPENED + timedelta(minutes=15)
    assert case.due_at == OPENED + timedelta(hours=24)
    # day 7 after 10-20 local ends at 10-27 23:59:59 local = 10-27 15:59:59 UTC
    assert detail.appeal_risk_at == datetime(2026, 10, 27, 15, 59, 59, tzinfo=UTC)
    assert (detail.source, detail.external_ticket_no, case.priority) == ("12305", "12305-2026-000123", 2)


def test_peak_windows_add_days_to_the_12305_clock(database: Database, clerk: Actor) -> None:
    in_peak = datetime(2026, 11, 12, 2, 0, tzinfo=UTC)  # inside the default 11-11 ~ 11-20 window
    _, detail = _detail(database, _log(database, clerk, opened_at=in_peak))
    assert detail.appeal_risk_at == datetime(2026, 11, 21, 15, 59, 59, tzinfo=UTC)  # 11-19 + 2 peak days


def test_each_channel_has_its_own_sla(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        table = settings.get(session, "complaint_sla")
        table["platform"] = {"first_response_minutes": 5, "resolution_hours": 48}
        settings.put(session, "complaint_sla", table, actor=manager)
    case, detail = _detail(database, _log(database, clerk, source="platform"))
    assert detail.first_response_due_at == OPENED + timedelta(minutes=5)
    assert case.due_at == OPENED + timedelta(hours=48)
    other, other_detail = _detail(database, _log(database, clerk, source="call", waybill_no="ZT7730000000001"))
    assert other_detail.first_response_due_at == OPENED + timedelta(minutes=15) and other.priority == 0


def test_a_bad_sla_table_is_refused(database: Database, manager: Actor) -> None:
    with database.write() as session, pytest.raises(ValidationError):
        settings.put(session, "complaint_sla", {"12305": {"first_response_minutes": 0}}, actor=manager)


def test_the_clocks_survive_a_restart(db_url: str, home: Path, clerk: Actor, database: Database) -> None:
    case_id = _log(database, clerk)
    before = _detail(database, case_id)[1]
    database.dispose()
    reopened = open_database(db_url, home)
    try:
        _, after = _detail(reopened, case_id)
    finally:
        reopened.dispose()
    assert (after.first_response_due_at, after.appeal_risk_at) == (before.first_response_due_at, before.appeal_risk_at)


def test_the_first_clerk_contact_meets_the_first_response(database: Database, clerk: Actor) -> None:
    case_id = _log(database, clerk)
    at = OPENED + timedelta(minutes=3)
    with database.write() as session:
        add_followup(session, case_id, "系统备注", actor=clerk, channel="system", at=at - timedelta(minutes=1))
    assert _detail(database, case_id)[1].first_response_at is None  # a system entry is no contact
    with database.write() as session:
        add_followup(session, case_id, "已致电客户，说明延误原因", actor=clerk, channel="phone", at=at)
        add_followup(session, case_id, "再次致电", actor=clerk, channel="phone", at=at + timedelta(hours=1))
    assert _detail(database, case_id)[1].first_response_at == at


def test_escalation_raises_the_level_and_the_priority(database: Database, clerk: Actor) -> None:
    case_id = _log(database, clerk, source="call")
    with database.write() as session:
        version = get_case(session, case_id).version
        escalate(session, case_id, "客户要求站长处理", actor=clerk, expected_version=version)
        version = get_case(session, case_id).version
        escalate(session, case_id, "转上级公司", actor=clerk, expected_version=version)
    case, detail = _detail(database, case_id)
    assert (detail.escalation_level, case.priority) == (2, 2)
    with database.write() as session, pytest.raises(ValidationError):
        escalate(session, case_id, "  ", actor=clerk, expected_version=case.version)


def test_the_return_visit_resolves_a_complaint_waiting_for_it(database: Database, clerk: Actor) -> None:
    case_id = _log(database, clerk)
    with database.write() as session:
        for status in ("processing", "awaiting_visit"):
            transition(session, case_id, status, expected_version=get_case(session, case_id).version, actor=clerk)
        with pytest.raises(ValidationError):
            record_return_visit(session, case_id, 6, actor=clerk, expected_version=get_case(session, case_id).version)
    visit = OPENED + timedelta(hours=20)
    with database.write() as session:
        version = get_case(session, case_id).version
        record_return_visit(session, case_id, 4, "客户表示满意", actor=clerk, expected_version=version, at=visit)
    case, detail = _detail(database, case_id)
    assert (detail.satisfaction, detail.return_visit_at, case.status, case.closed_at) == (4, visit, "resolved", visit)


def test_a_complaint_after_a_chase_counts_as_a_repeat(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        new = NewCase(kind="chase", waybill_no="YT7730123456789", caller_phone="13812345678", opened_at=OPENED)
        open_case(session, new, actor=clerk)
    later = OPENED + timedelta(days=2)
    first = _log(database, clerk, caller_phone="138****5678", opened_at=later, waybill_no="ZT7730000000009")
    assert _detail(database, first)[0].repeat_count == 1  # the masked caller matches the chase's full phone
    fresh = _log(database, clerk, caller_phone="13900000000", opened_at=later, waybill_no="ZT7730000000010")
    assert _detail(database, fresh)[0].repeat_count == 0


def test_unknown_channel_category_or_long_ticket_is_refused(database: Database, clerk: Actor) -> None:
    for bad in ({"source": "weibo"}, {"category": "别的"}, {"external_ticket_no": "X" * 61}):
        with pytest.raises(ValidationError):
            _log(database, clerk, **bad)
    with database.read() as session:
        assert session.query(Case).count() == 0


def test_an_escalation_at_a_given_time(database: Database, clerk: Actor) -> None:
    case_id = _log(database, clerk)
    at = OPENED + timedelta(hours=1)
    with database.write() as session:
        escalate(
            session,
            case_id,
            "客户要求站长处理",
            actor=clerk,
            expected_version=get_case(session, case_id).version,
            at=at,
        )
        entries = timeline(session, case_id)
    assert [(e.at, e.text) for e in entries][-1] == (at, "升级投诉（第 1 级）：客户要求站长处理")
