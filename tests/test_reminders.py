"""The reminder scan with a fixed clock: callbacks, case deadlines, replies owed, complaint first responses,
12305 clocks and open todos; overdue / due now / later today; snoozes per clerk that survive a restart; closed
cases, done or deleted todos and tomorrow's promises left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import settings
from app.actor import Actor
from app.cases import NewCase, add_followup, close, get_case, open_case
from app.complaints import NewComplaint, log_complaint
from app.errors import ValidationError
from app.notebook.todos import TodoForm, delete_todo, save_todo, set_done
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


# --- todos -----------------------------------------------------------------------------------------------


def test_open_todos_due_today_are_reminders_and_counted(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        case_id = open_case(session, NewCase(kind="chase", waybill_no="YT7730123456789", opened_at=T0), actor=clerk).id
        late = save_todo(session, TodoForm("回电张伟", due_at=T0 - timedelta(minutes=5)), actor=clerk).id
        soon = save_todo(
            session, TodoForm("催城西网点", due_at=T0 + timedelta(minutes=10), case_id=case_id), actor=clerk
        )
        save_todo(session, TodoForm("明天盘点", due_at=T0 + timedelta(days=1)), actor=clerk)  # tomorrow: not yet
        save_todo(session, TodoForm("没有期限"), actor=clerk)
        done = save_todo(session, TodoForm("已回电", due_at=T0 - timedelta(hours=1)), actor=clerk).id
        set_done(session, done, True, actor=clerk, at=T0)
        gone = save_todo(session, TodoForm("删掉的", due_at=T0 - timedelta(hours=1)), actor=clerk).id
        delete_todo(session, gone, actor=clerk)
    result = _scan(database, clerk, T0)
    todos = [r for r in result.reminders if r.kind == "todo"]
    assert [(r.key, r.todo_id, r.title, r.state) for r in todos] == [
        (f"todo:{late}", late, "回电张伟", "overdue"),
        (f"todo:{soon.id}", soon.id, "催城西网点", "now"),
    ]
    assert (todos[0].case_id, todos[0].waybill_no) == (None, None)
    assert (todos[1].case_id, todos[1].case_kind, todos[1].waybill_no) == (case_id, "chase", "YT7730123456789")
    assert todos[0].label == "待办"
    assert result.counts == {"overdue": 1, "now": 1, "today": 0} and result.pressing == 2
    with database.write() as session:
        set_done(session, late, True, actor=clerk, at=T0)
    assert [r.todo_id for r in _scan(database, clerk, T0).reminders if r.kind == "todo"] == [soon.id]


def test_a_todo_reminder_is_snoozed_per_clerk_apart_from_a_case_with_the_same_id(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    with database.write() as session:
        todo = save_todo(session, TodoForm("回电", due_at=T0 - timedelta(minutes=5)), actor=clerk).id
    case_id = _chase(database, clerk, "YT7730123456789", T0 - timedelta(minutes=5))
    assert todo == case_id  # both the first of their table: the keys still tell them apart
    with database.write() as session:
        snooze(session, f"todo:{todo}", T0 + timedelta(minutes=30), actor=clerk, now=T0)
    mine = _scan(database, clerk, T0)
    assert [r.key for r in mine.reminders] == [f"callback:{case_id}"] and mine.counts["overdue"] == 1
    assert {r.key for r in _scan(database, manager, T0).reminders} == {f"callback:{case_id}", f"todo:{todo}"}
    back = _scan(database, clerk, T0 + timedelta(minutes=31))
    assert {r.key for r in back.reminders} == {f"callback:{case_id}", f"todo:{todo}"}
