"""Messages (留言) on stuck parcels, both ways, and the thread summary the stuck list filters on.

For an inbound problem we post a message to the sending outlet and wait for its reply; for parcels we sent, other
outlets post messages we must answer within hours. After every change the case's StuckDetail summary (latest
message, its reply, whether we wait, the earliest answer we owe) is recomputed from the thread, so the list needs
no per-row subquery. `refresh_summaries` does the same for many cases at once in one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, false, func, select, update
from sqlalchemy.orm import Session

from app import audit, deadlines, settings
from app.actor import Actor
from app.cases import add_followup, transition
from app.deadlines import DeadlineRules
from app.errors import NotFoundError, ValidationError
from app.stuck import earliest_return
from db.models import Case, Message, Operator, ProblemType, StuckDetail

DIRECTIONS = ("sent", "received")  # sent: we wrote to the other outlet; received: they wrote to us


@dataclass(frozen=True)
class MessageView:
    id: int
    case_id: int
    direction: str
    text: str
    at: datetime
    reply_text: str | None
    reply_at: datetime | None
    reply_due_at: datetime | None
    operator: str | None

    @property
    def owed(self) -> bool:
        """They wrote and we have not answered yet."""
        return self.direction == "received" and self.reply_at is None


def _now() -> datetime:
    return datetime.now(UTC)


def _stuck_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFoundError("not_found", what="案件", key=case_id)
    if case.kind != "stuck" or case.stuck is None:
        raise ValidationError("bad_kind", kind=case.kind)
    return case


def _view(session: Session, message: Message) -> MessageView:
    operator = session.get(Operator, message.operator_id) if message.operator_id else None
    return MessageView(
        id=message.id,
        case_id=message.case_id,
        direction=message.direction,
        text=message.text,
        at=message.at,
        reply_text=message.reply_text,
        reply_at=message.reply_at,
        reply_due_at=message.reply_due_at,
        operator=operator.name if operator else None,
    )


def thread(session: Session, case_id: int) -> list[MessageView]:
    """A case's messages, those we owe an answer to first (earliest deadline first), then newest first."""
    _stuck_case(session, case_id)
    rows = session.scalars(select(Message).where(Message.case_id == case_id)).all()
    views = [_view(session, m) for m in rows]
    far = datetime.max.replace(tzinfo=UTC)
    owed = sorted((v for v in views if v.owed), key=lambda v: (v.reply_due_at or far, v.id))
    rest = sorted((v for v in views if not v.owed), key=lambda v: (v.at, v.id), reverse=True)
    return owed + rest


def _reply_hours(session: Session, case: Case) -> int:
    ptype = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    return reply_hours(ptype.reply_hours if ptype else None, settings.deadline_rules(session))


def reply_hours(type_hours: int | None, rules: DeadlineRules) -> int:
    """Hours we have to answer another outlet's message: the problem type's own limit, else the outlet's."""
    return type_hours or rules.message_reply_hours


def _clean(text: str | None, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(fields={field: "required"})
    return text


def post(
    session: Session, case_id: int, text: str, *, actor: Actor, direction: str = "sent", at: datetime | None = None
) -> MessageView:
    """A new message: ours to the other outlet ("sent") or theirs to us ("received", due an answer within the
    type's reply hours). Our first message starts the earliest-return count and moves a pending case on."""
    if direction not in DIRECTIONS:
        raise ValidationError(fields={"direction": "invalid_input"})
    body = _clean(text, "text")
    case = _stuck_case(session, case_id)
    at = at or _now()
    due = deadlines.after_hours(at, _reply_hours(session, case)) if direction == "received" else None
    message = Message(case_id=case.id, direction=direction, text=body, at=at, reply_due_at=due, operator_id=actor.id)
    session.add(message)
    session.flush()
    audit.record(session, actor, "message", message.id, "post", {"case_id": case.id, "direction": direction})
    label = "我方留言" if direction == "sent" else "对方留言"
    add_followup(session, case.id, f"{label}：{body}", actor=actor, channel="system", at=at)
    if direction == "sent":
        assert case.stuck is not None
        case.stuck.earliest_return_on = earliest_return(session, case)
        if case.status == "pending":
            transition(session, case.id, "awaiting_reply", expected_version=case.version, actor=actor, at=at)
    summarise(session, case.id)
    return _view(session, message)


def reply(
    session: Session,
    message_id: int,
    text: str,
    *,
    actor: Actor,
    at: datetime | None = None,
    asks_return: bool = False,
) -> MessageView:
    """The answer to a message: the other outlet's reply to ours, or our reply to theirs. A reply that asks for
    the parcel back lifts the early-return guard."""
    message = session.get(Message, message_id)
    if message is None:
        raise NotFoundError("not_found", what="留言", key=message_id)
    if message.reply_at is not None:
        raise ValidationError("message_answered")
    body = _clean(text, "reply_text")
    case = _stuck_case(session, message.case_id)
    at = at or _now()
    if at < message.at:
        raise ValidationError(fields={"reply_at": "reply_before_message"})
    message.reply_text, message.reply_at = body, at
    session.flush()
    audit.record(session, actor, "message", message.id, "reply", {"case_id": case.id, "asks_return": asks_return})
    label = "对方回复" if message.direction == "sent" else "我方回复"
    add_followup(session, case.id, f"{label}：{body}", actor=actor, channel="system", at=at)
    assert case.stuck is not None
    if message.direction == "sent":
        if asks_return:
            case.stuck.return_agreed = True
        if case.status == "awaiting_reply":
            transition(session, case.id, "replied", expected_version=case.version, actor=actor, at=at)
    summarise(session, case.id)
    return _view(session, message)


# --- the thread summary on stuck_details ---------------------------------------------------------------------


def _latest(column: Any, case_id: Any) -> Any:
    return (
        select(column)
        .where(Message.case_id == case_id)
        .order_by(Message.at.desc(), Message.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _summary_values(case_id: Any) -> dict[str, Any]:
    return {
        "message_direction": _latest(Message.direction, case_id),
        "message_text": _latest(Message.text, case_id),
        "message_at": _latest(Message.at, case_id),
        "reply_text": _latest(Message.reply_text, case_id),
        "reply_at": _latest(Message.reply_at, case_id),
        "awaiting_reply": func.coalesce(
            _latest(and_(Message.direction == "sent", Message.reply_at.is_(None)), case_id), false()
        ),
        "reply_due_at": select(func.min(Message.reply_due_at))
        .where(Message.case_id == case_id, Message.direction == "received", Message.reply_at.is_(None))
        .scalar_subquery(),
    }


def summarise(session: Session, case_id: int) -> None:
    """Recompute one case's summary from its messages."""
    refresh_summaries(session, [case_id])
    detail = session.get(StuckDetail, case_id)
    if detail is not None:
        session.refresh(detail)


def refresh_summaries(session: Session, case_ids: Sequence[int] | None = None) -> None:
    """Recompute the summary of the given cases (all stuck cases when None) in one UPDATE; loaded objects are
    not refreshed (bulk writers such as the demo have none)."""
    statement = update(StuckDetail).values(_summary_values(StuckDetail.case_id))
    if case_ids is not None:
        statement = statement.where(StuckDetail.case_id.in_(list(case_ids)))
    session.execute(statement.execution_options(synchronize_session=False))
