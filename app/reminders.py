"""The reminder centre's scan: everything due by the end of the outlet's day, across the kinds of promise a clerk
keeps — callbacks, case deadlines, replies owed to other outlets' 留言, complaints' first responses and 12305
clocks — minus what this clerk snoozed. One SQL pass (a UNION ALL of index range scans on open cases), so the
timer that runs it every minute never freezes the window.

Keys name one promise ("callback:123"); a snooze is stored per clerk and key and survives a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, case, delete, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.deadlines import DeadlineRules, end_of_local_day, local_date
from app.errors import ValidationError
from db.models import Case, ComplaintDetail, Snooze, StuckDetail, Waybill

KINDS = ("callback", "due", "reply", "first_response", "appeal")
LABELS = {
    "callback": "约定回电",
    "due": "案件期限",
    "reply": "留言待回复",
    "first_response": "投诉首次响应",
    "appeal": "12305 风险",
}
STATES = ("overdue", "now", "today")  # past due; due within SOON; later today
SOON = timedelta(minutes=15)
SHOWN = 500  # rows listed; the counts cover everything
KEEP_OLD_SNOOZES = timedelta(days=7)


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str  # one of KINDS
    case_id: int
    case_kind: str
    waybill_no: str
    due_at: datetime
    state: str  # one of STATES

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class Scan:
    at: datetime
    reminders: tuple[Reminder, ...]  # earliest due first, at most SHOWN
    counts: dict[str, int]  # per state, snoozed ones left out

    @property
    def pressing(self) -> int:
        """What the navigation badge shows: overdue and due within the next minutes."""
        return self.counts["overdue"] + self.counts["now"]


def key_of(kind: str, case_id: int) -> str:
    return f"{kind}:{case_id}"


def _open() -> Any:
    return and_(Case.closed_at.is_(None), Case.deleted_at.is_(None))


def _kind(name: str) -> Any:
    """The branch's kind as an inline constant: a bound parameter in a UNION has no type PostgreSQL can infer."""
    return literal_column(f"'{name}'", String)


def _due_rows(horizon: datetime) -> Any:
    """(kind, case id, due) of every open promise due by `horizon`; each branch an index range scan."""
    return union_all(
        select(_kind("callback").label("kind"), Case.id.label("case_id"), Case.callback_at.label("due")).where(
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
    ).subquery()


def scan(session: Session, now: datetime, rules: DeadlineRules, *, operator_id: int) -> Scan:
    """What is due by the end of the local day for this clerk; `now` comes from the caller's clock. Counted in
    SQL, and only the first SHOWN rows are fetched: an outlet with years of history may owe thousands."""
    horizon = end_of_local_day(local_date(now, rules), rules)
    snoozed = set(session.scalars(select(Snooze.key).where(Snooze.operator_id == operator_id, Snooze.until > now)))
    due = _due_rows(horizon)
    bucket = case((due.c.due < now, 0), (due.c.due <= now + SOON, 1), else_=2)
    counts = dict.fromkeys(STATES, 0)
    for index, count in session.execute(select(bucket, func.count()).group_by(bucket)):
        counts[STATES[index]] = count
    snoozed_ids = sorted({int(k.partition(":")[2]) for k in snoozed})
    if snoozed_ids:  # take the snoozed promises back out of the counts
        rows = session.execute(select(due.c.kind, due.c.case_id, bucket).where(due.c.case_id.in_(snoozed_ids)))
        for kind, case_id, index in rows:
            if key_of(kind, case_id) in snoozed:
                counts[STATES[index]] -= 1
    listed = session.execute(
        select(due.c.kind, due.c.case_id, due.c.due, bucket)
        .order_by(due.c.due, due.c.case_id)
        .limit(SHOWN + len(snoozed))
    ).all()
    kept = [row for row in listed if key_of(row[0], row[1]) not in snoozed][:SHOWN]
    facts = _case_facts(session, {case_id for _, case_id, _, _ in kept})
    reminders = tuple(
        Reminder(key_of(kind, case_id), kind, case_id, *facts[case_id], at, STATES[index])
        for kind, case_id, at, index in kept
        if case_id in facts
    )
    return Scan(now, reminders, counts)


def _case_facts(session: Session, case_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(Case.id, Case.kind, Waybill.waybill_no)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .where(Case.id.in_(sorted(case_ids)))
    )
    return {case_id: (kind, number) for case_id, kind, number in rows}


def snooze(session: Session, key: str, until: datetime, *, actor: Actor, now: datetime) -> None:
    """Put one reminder off until `until` for this clerk (again: the later time wins)."""
    kind, _, case_id = key.partition(":")
    if kind not in KINDS or not case_id.isdigit():
        raise ValidationError(fields={"key": "invalid_input"})
    if until <= now:
        raise ValidationError(fields={"until": "invalid_input"})
    session.execute(delete(Snooze).where(Snooze.until < now - KEEP_OLD_SNOOZES))
    row = session.scalars(select(Snooze).where(Snooze.operator_id == actor.id, Snooze.key == key)).first()
    if row is None:
        session.add(Snooze(operator_id=actor.id, key=key, until=until))
    else:
        row.until = until
    audit.record(session, actor, "reminder", int(case_id), "snooze", {"key": key, "until": until})
