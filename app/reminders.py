"""The reminder centre's scan: everything due by the end of the outlet's day, across the kinds of promise a clerk
keeps — callbacks, case deadlines, replies owed to other outlets' 留言, complaints' first responses, 12305
clocks and the notebook's open todos — minus what this clerk snoozed. One SQL pass (a UNION ALL of index range
scans on open cases and open todos), so the timer that runs it every minute never freezes the window.

Keys name one promise ("callback:123" for case 123, "todo:7" for todo 7); a snooze is stored per clerk and key and
survives a restart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, case, delete, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.deadlines import DeadlineRules, end_of_local_day, local_date
from app.errors import ValidationError
from db.models import Case, ComplaintDetail, Snooze, StuckDetail, Todo, Waybill

KINDS = ("callback", "due", "reply", "first_response", "appeal", "todo")
LABELS = {
    "callback": "约定回电",
    "due": "案件期限",
    "reply": "留言待回复",
    "first_response": "投诉首次响应",
    "appeal": "12305 风险",
    "todo": "待办",
}
STATES = ("overdue", "now", "today")  # past due; due within SOON; later today
SOON = timedelta(minutes=15)
SHOWN = 500  # rows listed; the counts cover everything
KEEP_OLD_SNOOZES = timedelta(days=7)


@dataclass(frozen=True)
class Reminder:
    """One promise due. A todo's reminder carries `todo_id` and `title`, and its case (if it is attached to
    one) in the case fields; every other kind is a case's, with `todo_id` None."""

    key: str
    kind: str  # one of KINDS
    case_id: int | None
    case_kind: str | None
    waybill_no: str | None
    due_at: datetime
    state: str  # one of STATES
    todo_id: int | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class Scan:
    at: datetime
    reminders: tuple[Reminder, ...]  # earliest due first, at most SHOWN
    counts: dict[str, int]  # per state, snoozed ones left out
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> state -> count, as `counts`

    def count(self, kinds: Iterable[str] = KINDS, states: Iterable[str] = STATES) -> int:
        """How many promises of these kinds are in these states (the today page's tiles)."""
        return sum(self.by_kind.get(kind, {}).get(state, 0) for kind in kinds for state in states)

    @property
    def pressing(self) -> int:
        """What the navigation badge shows: overdue and due within the next minutes."""
        return self.counts["overdue"] + self.counts["now"]


def key_of(kind: str, ref_id: int) -> str:
    """The key of a promise: its kind and the case's id (a todo's: the todo's own)."""
    return f"{kind}:{ref_id}"


def _open() -> Any:
    return and_(Case.closed_at.is_(None), Case.deleted_at.is_(None))


def _kind(name: str) -> Any:
    """The branch's kind as an inline constant: a bound parameter in a UNION has no type PostgreSQL can infer."""
    return literal_column(f"'{name}'", String)


def _due_rows(horizon: datetime) -> Any:
    """(kind, case or todo id, due) of every open promise due by `horizon`; each branch an index range scan."""
    return union_all(
        select(_kind("callback").label("kind"), Case.id.label("ref_id"), Case.callback_at.label("due")).where(
            Case.callback_at <= horizon, _open()
        ),
        select(_kind("due"), Case.id, Case.due_at).where(Case.due_at <= horizon, _open()),
        select(_kind("reply"), Case.id, StuckDetail.reply_due_at)
        .join(StuckDetail, StuckDetail.case_id == Case.id)
        .where(StuckDetail.reply_due_at <= horizon, _open()),
        select(_kind("first_response"), Case.id, ComplaintDetail.first_response_due_at)
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .where(ComplaintDetail.first_response_due_at <= horizon, ComplaintDetail.first_response_at.is_(None), _open()),
        select(_kind("appeal"), Case.id, ComplaintDetail.appeal_risk_at)  # open complaints first: most are closed
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .where(Case.kind == "complaint", ComplaintDetail.appeal_risk_at <= horizon, _open()),
        select(_kind("todo"), Todo.id, Todo.due_at).where(
            Todo.done_at.is_(None), Todo.due_at <= horizon, Todo.deleted_at.is_(None)
        ),
    ).subquery()


def scan(session: Session, now: datetime, rules: DeadlineRules, *, operator_id: int) -> Scan:
    """What is due by the end of the local day for this clerk; `now` comes from the caller's clock. Counted in
    SQL, and only the first SHOWN rows are fetched: an outlet with years of history may owe thousands."""
    horizon = end_of_local_day(local_date(now, rules), rules)
    snoozed = set(session.scalars(select(Snooze.key).where(Snooze.operator_id == operator_id, Snooze.until > now)))
    due = _due_rows(horizon)
    bucket = case((due.c.due < now, 0), (due.c.due <= now + SOON, 1), else_=2)
    by_kind = {kind: dict.fromkeys(STATES, 0) for kind in KINDS}
    for kind, index, count in session.execute(select(due.c.kind, bucket, func.count()).group_by(due.c.kind, bucket)):
        by_kind[kind][STATES[index]] = count
    snoozed_ids = sorted({int(k.partition(":")[2]) for k in snoozed})
    if snoozed_ids:  # take the snoozed promises back out of the counts
        rows = session.execute(select(due.c.kind, due.c.ref_id, bucket).where(due.c.ref_id.in_(snoozed_ids)))
        for kind, ref_id, index in rows:
            if key_of(kind, ref_id) in snoozed:
                by_kind[kind][STATES[index]] -= 1
    counts = {state: sum(states[state] for states in by_kind.values()) for state in STATES}
    listed = session.execute(
        select(due.c.kind, due.c.ref_id, due.c.due, bucket)
        .order_by(due.c.due, due.c.ref_id, due.c.kind)
        .limit(SHOWN + len(snoozed))
    ).all()
    kept = [row for row in listed if key_of(row[0], row[1]) not in snoozed][:SHOWN]
    todos = _todo_facts(session, {ref_id for kind, ref_id, _, _ in kept if kind == "todo"})
    case_ids = {ref_id for kind, ref_id, _, _ in kept if kind != "todo"}
    facts = _case_facts(session, case_ids | {case_id for _, case_id in todos.values() if case_id is not None})
    reminders = []
    for kind, ref_id, at, index in kept:
        key, state = key_of(kind, ref_id), STATES[index]
        if kind != "todo":
            if ref_id in facts:
                reminders.append(Reminder(key, kind, ref_id, *facts[ref_id], at, state))
        elif ref_id in todos:
            title, case_id = todos[ref_id]
            case_kind, number = facts.get(case_id, (None, None)) if case_id is not None else (None, None)
            reminders.append(Reminder(key, kind, case_id, case_kind, number, at, state, ref_id, title))
    return Scan(now, tuple(reminders), counts, by_kind)


def _case_facts(session: Session, case_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(Case.id, Case.kind, Waybill.waybill_no)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .where(Case.id.in_(sorted(case_ids)))
    )
    return {case_id: (kind, number) for case_id, kind, number in rows}


def _todo_facts(session: Session, todo_ids: set[int]) -> dict[int, tuple[str, int | None]]:
    if not todo_ids:
        return {}
    rows = session.execute(select(Todo.id, Todo.title, Todo.case_id).where(Todo.id.in_(sorted(todo_ids))))
    return {todo_id: (title, case_id) for todo_id, title, case_id in rows}


def snooze(session: Session, key: str, until: datetime, *, actor: Actor, now: datetime) -> None:
    """Put one reminder off until `until` for this clerk (again: the later time wins)."""
    kind, _, ref_id = key.partition(":")
    if kind not in KINDS or not ref_id.isdigit():
        raise ValidationError(fields={"key": "invalid_input"})
    if until <= now:
        raise ValidationError(fields={"until": "invalid_input"})
    session.execute(delete(Snooze).where(Snooze.until < now - KEEP_OLD_SNOOZES))
    row = session.scalars(select(Snooze).where(Snooze.operator_id == actor.id, Snooze.key == key)).first()
    if row is None:
        session.add(Snooze(operator_id=actor.id, key=key, until=until))
    else:
        row.until = until
    audit.record(session, actor, "reminder", int(ref_id), "snooze", {"key": key, "until": until})
