"""Chases (催单): a customer chasing a parcel we sent (outbound) or one for delivery here (inbound).

Logging one counts the earlier chases and complaints about the same parcel or caller (the repeat counter the
lists show, loudest when non-zero); an outbound chase tells how long the parcel has not moved. A chase that turns
out to be a problem parcel or a complaint is converted in one step: the new case is linked to it and the chase
is closed as converted, so either timeline leads to the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from app.actor import Actor
from app.cases import (
    CaseView,
    NewCase,
    add_followup,
    close,
    convert,
    flush_case,
    load_case,
    open_case,
    update_case,
    view,
)
from app.complaints import CATEGORIES, start_clocks
from app.deadlines import COMPLAINT_SOURCES, DeadlineRules, chase_stalled, local_date
from app.errors import ValidationError
from app.repeats import count_repeats

CONVERT_TO = {"stuck": "疑难件", "complaint": "投诉"}


@dataclass(frozen=True)
class NewChase:
    waybill_no: str
    direction: str  # outbound: a parcel we sent; inbound: one for delivery here
    caller_name: str | None = None
    caller_phone: str | None = None
    request: str | None = None  # what the caller wants
    callback_at: datetime | None = None  # the promised callback
    last_scan_at: datetime | None = None
    last_node: str | None = None
    arrived: bool | None = None
    appointment: str | None = None
    courier_id: int | None = None
    detail: str | None = None
    opened_at: datetime | None = None
    carrier_code: str | None = None
    recipient_address: str | None = None  # inbound: where it goes (suggests the courier; fills a blank waybill's)


def _now() -> datetime:
    return datetime.now(UTC)


def log_chase(session: Session, new: NewChase, *, actor: Actor) -> CaseView:
    if new.direction not in ("outbound", "inbound"):
        raise ValidationError(fields={"direction": "invalid_input"})
    opened_at = new.opened_at or _now()
    if new.callback_at is not None and new.callback_at < opened_at:
        raise ValidationError(fields={"callback_at": "callback_in_past"})
    created = open_case(
        session,
        NewCase(
            kind="chase",
            waybill_no=new.waybill_no,
            direction=new.direction,
            carrier_code=new.carrier_code,
            detail=new.detail,
            opened_at=opened_at,
            callback_at=new.callback_at,
            courier_id=new.courier_id,
            caller_name=new.caller_name,
            caller_phone=new.caller_phone,
            recipient_address=new.recipient_address,
            extra={
                "request": new.request,
                "last_scan_at": new.last_scan_at,
                "last_node": new.last_node,
                "arrived": new.arrived,
                "appointment": new.appointment,
            },
        ),
        actor=actor,
    )
    case = load_case(session, created.id)
    count_repeats(session, case, opened_at)
    flush_case(session, case)
    return view(session, case)


def set_callback(
    session: Session,
    case_id: int,
    at: datetime | None,
    *,
    actor: Actor,
    expected_version: int,
    now: datetime | None = None,
) -> CaseView:
    """Promise (or move) a callback; None withdraws it. The reminder centre picks it up on its next scan."""
    now = now or _now()
    if at is not None and at < now - timedelta(minutes=1):
        raise ValidationError(fields={"callback_at": "callback_in_past"})
    return update_case(session, case_id, {"callback_at": at}, expected_version=expected_version, actor=actor)


def complete_callback(
    session: Session, case_id: int, note: str, *, actor: Actor, at: datetime | None = None
) -> CaseView:
    """The promised call was made: it goes on the timeline and the reminder is gone."""
    case = load_case(session, case_id)
    if case.callback_at is None:
        raise ValidationError("no_callback_due")
    at = at or _now()
    text = "已回电" + (f"：{note.strip()}" if note and note.strip() else "")
    add_followup(session, case_id, text, actor=actor, channel="phone", at=at)
    case = load_case(session, case_id)
    case.callback_at = None
    flush_case(session, case)
    return view(session, case)


def stalled_days(last_scan_at: datetime | None, now: datetime, rules: DeadlineRules) -> int | None:
    """Whole local days since the last scan (None when unknown)."""
    if last_scan_at is None:
        return None
    return (local_date(now, rules) - local_date(last_scan_at, rules)).days


def is_stalled(last_scan_at: datetime | None, now: datetime, rules: DeadlineRules) -> bool:
    """Abnormal once the parcel has not moved past the stalled-days limit (peak windows allow more)."""
    return last_scan_at is not None and chase_stalled(last_scan_at, now, rules)


def convert_chase(
    session: Session,
    case_id: int,
    kind: str,
    *,
    actor: Actor,
    expected_version: int,
    extra: dict[str, object] | None = None,
    at: datetime | None = None,
) -> CaseView:
    """The chase becomes a stuck case or a complaint: a new linked case, the chase closed as converted."""
    if kind not in CONVERT_TO:
        raise ValidationError(fields={"kind": "invalid_input"})
    extra = dict(extra or {})
    if kind == "complaint":
        extra.setdefault("source", "call")
        if extra["source"] not in COMPLAINT_SOURCES or extra.get("category", "其他") not in CATEGORIES:
            raise ValidationError(fields={"source": "invalid_input"})
    chase = load_case(session, case_id)
    if chase.kind != "chase":
        raise ValidationError("not_a_chase")
    if chase.closed_at is not None:
        raise ValidationError("chase_closed")
    new = convert(session, case_id, kind, actor=actor, expected_version=expected_version, extra=extra, at=at)
    if kind == "complaint":
        complaint = load_case(session, new.id)
        start_clocks(session, complaint)
        flush_case(session, complaint)
        new = view(session, complaint)
    close(
        session,
        case_id,
        f"已转为{CONVERT_TO[kind]} #{new.id}",
        expected_version=load_case(session, case_id).version,
        actor=actor,
        at=at,
    )
    return new
