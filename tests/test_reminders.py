"""The reminder scan with a fixed clock: callbacks, case deadlines, replies owed, complaint first responses and
12305 clocks; overdue / due now / later today; snoozes per clerk that survive a restart; closed cases and
tomorrow's promises left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import settings
from app.actor import Actor
from app.cases import NewCase, add_followup, close, get_case, open_case
from app.complaints import NewComplaint, log_complaint
from app.errors import ValidationError
from app.reminders import scan, snooze
from app.startup import open_database
from app.stuck_messages import post
from db.engine import Database

T0 = datetime(2026, 10, 20, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def _scan(database: Database, actor: Actor, now: datetime):
    with database.read() as session:
        return scan(session, now, settings.deadline_rules(session), operator_id=actor.id)


def _chase(database: Database, actor: Actor, waybill: str, callback: datetime) -> int:
    with database.write() as session:
        new = NewCase(kind="chase", waybill_no=waybill, opened_at=T0, callback_at=callback, caller_phone="13812345678")
        return open_case(session, new, actor=actor).id


def test_a_callback_moves_from_today_to_now_to_overdue(database: Database, clerk: Actor) -> None:
    case_id = _chase(database, clerk, "YT7730123456789", T0 + timedelta(hours=1))
    _chase(database, clerk, "YT7730000000001", T0 + timedelta(days=1))  # tomorrow: not yet
    states = []
    for minutes in (0, 50, 61):
        result = _scan(database, clerk, T0 + timedelta(minutes=minutes))
        assert [(r.key, r.case_id, r.waybill_no) for r in result.reminders] == [
            (f"callback:{case_id}", case_id, "YT7730123456789")
        ]
        states.append((result.reminders[0].state, result.pressing))
    assert states == [("today", 0), ("now", 1), ("overdue", 1)]


def test_closed_cases_owe_nothing(database: Database, clerk: Actor) -> None:
    case_id = _chase(database, clerk, "YT7730123456789", T0 + timedelta(hours=1))
    with database.write() as session:
        close(session, case_id, "已回电", expected_version=get_case(session, case_id).version, actor=clerk)
    assert _scan(database, clerk, T0 + timedelta(hours=2)).reminders == ()


def test_every_kind_of_promise_is_listed_by_due_time(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        complaint = log_complaint(
            session,
            NewComplaint("ZT7730000000002", "call", "延误", opened_at=T0, caller_phone="13900001111"),
            actor=clerk,
        ).id
        stuck = open_case(session, NewCase(kind="stuck", waybill_no="YT7730000000003", opened_at=T0), actor=clerk).id
        post(session, stuck, "请派送到门卫", actor=clerk, direction="received", at=T0 - timedelta(hours=20))
    now = T0 + timedelta(hours=3)  # 12:00
    result = _scan(database, clerk, now)
    got = [(r.kind, r.case_id, r.state) for r in result.reminders]
    assert got == [
        ("first_response", complaint, "overdue"),  # 09:15
        ("reply", stuck, "today"),  # received 13:00 yesterday, answer due 13:00 today
    ]
    assert result.counts == {"overdue": 1, "now": 0, "today": 1}
    with database.write() as session:
        add_followup(session, complaint, "已致电", actor=clerk, channel="phone", at=now)
    assert [r.kind for r in _scan(database, clerk, now).reminders] == ["reply"]
    late = T0 + timedelta(days=1, hours=2)  # next day 10:00: the resolution deadline (24 h) has passed too
    kinds = {r.kind for r in _scan(database, clerk, late).reminders}
    assert kinds == {"due", "reply"}


def test_the_12305_clock_shows_on_its_last_day(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        case_id = log_complaint(session, NewComplaint("ZT7730000000004", "12345", "丢失", opened_at=T0), actor=clerk).id
        add_followup(session, case_id, "已致电", actor=clerk, channel="phone", at=T0 + timedelta(minutes=5))
    day6 = T0 + timedelta(days=6)
    day7 = T0 + timedelta(days=7)
    assert "appeal" not in {r.kind for r in _scan(database, clerk, day6).reminders}
    assert [r.state for r in _scan(database, clerk, day7).reminders if r.kind == "appeal"] == ["today"]


def test_a_snooze_is_per_clerk_and_survives_a_restart(
    db_url: str, home: Path, database: Database, clerk: Actor, manager: Actor
) -> None:
    case_id = _chase(database, clerk, "YT7730123456789", T0 + timedelta(minutes=10))
    now = T0 + timedelta(minutes=20)
    with database.write() as session:
        snooze(session, f"callback:{case_id}", now + timedelta(minutes=30), actor=clerk, now=now)
    database.dispose()
    reopened = open_database(db_url, home)
    try:
        assert _scan(reopened, clerk, now).reminders == ()
        assert _scan(reopened, clerk, now).counts["overdue"] == 0
        assert len(_scan(reopened, manager, now).reminders) == 1  # the manager did not snooze it
        back = _scan(reopened, clerk, now + timedelta(minutes=31))
        assert [(r.case_id, r.state) for r in back.reminders] == [(case_id, "overdue")]
    finally:
        reopened.dispose()


def test_a_snooze_needs_a_known_key_and_a_later_time(database: Database, clerk: Actor) -> None:
    for key, until in (("lunch:1", T0 + timedelta(hours=1)), ("callback:x", T0 + timedelta(hours=1))):
        with database.write() as session, pytest.raises(ValidationError):
            snooze(session, key, until, actor=clerk, now=T0)
    with database.write() as session, pytest.raises(ValidationError):
        snooze(session, "callback:1", T0 - timedelta(minutes=1), actor=clerk, now=T0)
