"""The case engine: one core for stuck parcels, chases, complaints and interceptions.

Every public call takes a Session and plain values, validates, changes the database inside the caller's single
transaction, writes an audit entry for the acting operator and returns a plain `CaseView`. Edits carry the
version the form read; a different current version raises ConflictError instead of overwriting silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from app import audit, deadlines, settings
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from app.phones import parse_phone
from app.workflows import CASE_KINDS, DIRECTIONS, case_workflow
from db.models import (
    AuditEntry,
    Carrier,
    Case,
    ChaseDetail,
    ComplaintDetail,
    Courier,
    Followup,
    InterceptDetail,
    Note,
    Operator,
    ProblemType,
    StuckDetail,
)

DETAIL_MODELS: dict[str, type] = {
    "stuck": StuckDetail,
    "chase": ChaseDetail,
    "complaint": ComplaintDetail,
    "intercept": InterceptDetail,
}
EDITABLE = frozenset(
    {
        "priority",
        "detail",
        "due_at",
        "callback_at",
        "resolution",
        "courier_id",
        "counterpart_outlet_id",
        "caller_name",
        "caller_phone",
        "problem_type_id",
        "handler_id",
    }
)
CHANNELS = ("phone", "sms", "virtual_call", "wechat", "system", "in_person")


@dataclass(frozen=True)
class NewCase:
    kind: str
    waybill_no: str
    direction: str = "inbound"
    carrier_code: str | None = None
    problem_type: str | None = None  # ProblemType.code
    detail: str | None = None
    status: str | None = None  # defaults to the workflow's first state
    priority: int = 0
    opened_at: datetime | None = None
    due_at: datetime | None = None
    callback_at: datetime | None = None
    handler_id: int | None = None
    courier_id: int | None = None
    caller_name: str | None = None
    caller_phone: str | None = None
    recipient_address: str | None = None  # as the clerk typed it: fills the waybill's when it has none
    extra: dict[str, Any] = field(default_factory=dict)  # kind-specific detail columns


@dataclass(frozen=True)
class CaseView:
    id: int
    kind: str
    direction: str
    waybill_no: str
    carrier: str | None
    carrier_name: str | None
    status: str
    status_label: str
    priority: int
    problem_type: str | None
    problem_type_name: str | None
    detail: str | None
    opened_at: datetime
    created_at: datetime
    due_at: datetime | None
    callback_at: datetime | None
    closed_at: datetime | None
    last_followup_at: datetime | None
    resolution: str | None
    handler: str | None
    courier: str | None
    caller_name: str | None
    caller_phone: str | None
    repeat_count: int
    parent_case_id: int | None
    version: int
    details: dict[str, Any]

    @property
    def is_open(self) -> bool:
        return not case_workflow(self.kind, self.direction).is_terminal(self.status)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    operator: str | None
    channel: str
    text: str
    data: dict[str, Any] | None


def _now() -> datetime:
    return datetime.now(UTC)


def _detail_values(case: Case) -> dict[str, Any]:
    model = DETAIL_MODELS[case.kind]
    row = getattr(case, case.kind)
    if row is None:
        return {}
    return {c.key: getattr(row, c.key) for c in model.__table__.columns if c.key != "case_id"}  # type: ignore[attr-defined]


def view(session: Session, case: Case) -> CaseView:
    carrier = session.get(Carrier, case.waybill.carrier_id) if case.waybill.carrier_id else None
    problem = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    handler = session.get(Operator, case.handler_id) if case.handler_id else None
    courier = session.get(Courier, case.courier_id) if case.courier_id else None
    workflow = case_workflow(case.kind, case.direction)
    return CaseView(
        id=case.id,
        kind=case.kind,
        direction=case.direction,
        waybill_no=case.waybill.waybill_no,
        carrier=carrier.code if carrier else None,
        carrier_name=carrier.name if carrier else None,
        status=case.status,
        status_label=workflow.label(case.status),
        priority=case.priority,
        problem_type=problem.code if problem else None,
        problem_type_name=problem.name if problem else None,
        detail=case.detail,
        opened_at=case.opened_at,
        created_at=case.created_at,
        due_at=case.due_at,
        callback_at=case.callback_at,
        closed_at=case.closed_at,
        last_followup_at=case.last_followup_at,
        resolution=case.resolution,
        handler=handler.name if handler else None,
        courier=courier.name if courier else None,
        caller_name=case.caller_name,
        caller_phone=case.caller_phone,
        repeat_count=case.repeat_count,
        parent_case_id=case.parent_case_id,
        version=case.version,
        details=_detail_values(case),
    )


def load_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id, populate_existing=True)
    if case is None or case.deleted_at is not None:
        raise NotFoundError("not_found", what="案件", key=case_id)
    return case


def check_version(session: Session, case: Case, expected_version: int | None) -> None:
    """Refuse an edit made from a form that read an older version than the one stored now."""
    if expected_version is None or expected_version == case.version:
        return
    last = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == "case", AuditEntry.entity_id == case.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    who = session.get(Operator, last.operator_id) if last and last.operator_id else None
    raise ConflictError(
        theirs={k: v for k, v in view(session, case).__dict__.items()},
        who=who.name if who else "他人",
        at=last.at.isoformat(timespec="minutes") if last else "",
    )


def flush_case(session: Session, case: Case) -> None:
    """Flush, turning a concurrent commit between our read and our write into a ConflictError."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(who="他人", at="") from exc


def problem_type_id(session: Session, kind: str, code: str | None) -> int | None:
    if not code:
        return None
    found = session.scalar(select(ProblemType.id).where(ProblemType.kind == kind, ProblemType.code == code))
    if found is None:
        found = session.scalar(select(ProblemType.id).where(ProblemType.kind == kind, ProblemType.name == code))
    if found is None:
        raise ValidationError(fields={"problem_type": "not_found"})
    return found


def _default_due(session: Session, kind: str, opened_at: datetime) -> datetime | None:
    rules = settings.deadline_rules(session)
    if kind == "complaint":
        return deadlines.complaint_due(opened_at, rules)
    if kind == "intercept":
        return deadlines.next_round(opened_at, rules)
    return None


def open_case(session: Session, new: NewCase, *, actor: Actor) -> CaseView:
    if new.kind not in CASE_KINDS:
        raise ValidationError("bad_kind", fields={"kind": "bad_kind"}, kind=new.kind)
    if new.direction not in DIRECTIONS:
        raise ValidationError("bad_direction", fields={"direction": "bad_direction"}, direction=new.direction)
    workflow = case_workflow(new.kind, new.direction)
    status = new.status or workflow.initial
    workflow.state(status)
    opened_at = new.opened_at or _now()
    waybill = find_or_create_waybill(session, new.waybill_no, carrier_code=new.carrier_code)
    address = (new.recipient_address or "").strip()
    if address and not waybill.recipient_address:  # never replaces what the carrier's list or a clerk gave
        waybill.recipient_address = address
    phone = parse_phone(new.caller_phone) if new.caller_phone else None
    detail_model = DETAIL_MODELS[new.kind]
    allowed_extra = {c.key for c in detail_model.__table__.columns} - {"case_id"}  # type: ignore[attr-defined]
    unknown = set(new.extra) - allowed_extra
    if unknown:
        raise ValidationError(fields={key: "invalid_input" for key in sorted(unknown)})
    case = Case(
        kind=new.kind,
        direction=new.direction,
        waybill_id=waybill.id,
        status=status,
        priority=new.priority,
        problem_type_id=problem_type_id(session, new.kind, new.problem_type),
        detail=new.detail,
        opened_at=opened_at,
        due_at=new.due_at or _default_due(session, new.kind, opened_at),
        callback_at=new.callback_at,
        handler_id=new.handler_id or actor.id,
        courier_id=new.courier_id,
        caller_name=new.caller_name,
        caller_phone=new.caller_phone,
        caller_phone_tail=phone.tail if phone else None,
        closed_at=opened_at if workflow.is_terminal(status) else None,
    )
    case.waybill = waybill
    setattr(case, new.kind, detail_model(**new.extra))
    if new.kind == "complaint" and "source" not in new.extra:
        case.complaint.source = "call"
    if new.kind == "intercept" and "request" not in new.extra:
        case.intercept.request = "stop"
    session.add(case)
    session.flush()
    audit.record(
        session,
        actor,
        "case",
        case.id,
        "open",
        {"kind": new.kind, "status": status, "waybill_no": waybill.waybill_no},
    )
    return view(session, case)


def get_case(session: Session, case_id: int) -> CaseView:
    return view(session, load_case(session, case_id))


def update_case(
    session: Session, case_id: int, changes: dict[str, Any], *, expected_version: int, actor: Actor
) -> CaseView:
    """Change core or detail fields; refused when the form's version is stale or the case has ended."""
    case = load_case(session, case_id)
    check_version(session, case, expected_version)
    detail_model = DETAIL_MODELS[case.kind]
    detail_keys = {c.key for c in detail_model.__table__.columns} - {"case_id"}  # type: ignore[attr-defined]
    unknown = set(changes) - EDITABLE - detail_keys
    if unknown:
        raise ValidationError(fields={key: "invalid_input" for key in sorted(unknown)})
    diff: dict[str, tuple[Any, Any]] = {}
    for key, value in changes.items():
        target = case if key in EDITABLE else getattr(case, case.kind)
        old = getattr(target, key)
        if old != value:
            setattr(target, key, value)
            diff[key] = (old, value)
    if "caller_phone" in diff:
        phone = parse_phone(case.caller_phone) if case.caller_phone else None
        case.caller_phone_tail = phone.tail if phone else None
    if diff:
        flag_modified(case, "status")  # bump the core row's version even when only a detail changed
        flush_case(session, case)
        audit.record(session, actor, "case", case.id, "update", diff)
    return view(session, case)


def transition(
    session: Session,
    case_id: int,
    status: str,
    *,
    expected_version: int,
    actor: Actor,
    note: str | None = None,
    at: datetime | None = None,
) -> CaseView:
    """Move a case along its workflow; terminal states close it. The early-return guard lives here."""
    case = load_case(session, case_id)
    check_version(session, case, expected_version)
    workflow = case_workflow(case.kind, case.direction)
    workflow.check(case.status, status)
    at = at or _now()
    if case.kind == "stuck" and status == "returning":
        _guard_early_return(session, case, at)
    old = case.status
    case.status = status
    case.closed_at = at if workflow.is_terminal(status) else None
    text = f"{workflow.label(old)} → {workflow.label(status)}" + (f"：{note}" if note else "")
    append_followup(session, case, text, channel="system", actor=actor, at=at, data={"from": old, "to": status})
    flush_case(session, case)
    audit.record(session, actor, "case", case.id, "transition", {"status": (old, status), "note": note})
    return view(session, case)


def _guard_early_return(session: Session, case: Case, at: datetime) -> None:
    detail = case.stuck
    if detail is None or detail.earliest_return_on is None or detail.return_agreed:
        return
    rules = settings.deadline_rules(session)
    if deadlines.local_date(at, rules) < detail.earliest_return_on:
        raise TransitionError("early_return", date=detail.earliest_return_on.isoformat())


def append_followup(
    session: Session,
    case: Case,
    text: str,
    *,
    channel: str,
    actor: Actor,
    at: datetime,
    data: dict[str, Any] | None = None,
) -> Followup:
    entry = Followup(case_id=case.id, at=at, operator_id=actor.id, channel=channel, text=text, data=data)
    session.add(entry)
    if case.last_followup_at is None or at >= case.last_followup_at:
        case.last_followup_at = at
    return entry


def add_followup(
    session: Session,
    case_id: int,
    text: str,
    *,
    actor: Actor,
    channel: str = "phone",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> CaseView:
    """Add a timeline entry. Follow-ups do not need a fresh form: a clerk may log a call on any open case."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(fields={"text": "required"})
    if channel not in CHANNELS:
        raise ValidationError(fields={"channel": "invalid_input"})
    case = load_case(session, case_id)
    check_version(session, case, expected_version)
    at = at or _now()
    entry = append_followup(session, case, text, channel=channel, actor=actor, at=at)
    if case.kind == "complaint" and channel != "system" and case.complaint.first_response_at is None:
        case.complaint.first_response_at = at  # the first contact a clerk logs meets the first-response SLA
    flush_case(session, case)
    audit.record(session, actor, "case", case.id, "followup", {"followup_id": entry.id, "channel": channel})
    return view(session, case)


def assign(session: Session, case_id: int, handler_id: int, *, expected_version: int, actor: Actor) -> CaseView:
    if session.get(Operator, handler_id) is None:
        raise ValidationError(fields={"handler_id": "not_found"})
    return update_case(session, case_id, {"handler_id": handler_id}, expected_version=expected_version, actor=actor)


CLOSING_STATUS = {"stuck": "closed", "chase": "done", "complaint": "resolved"}


def close(
    session: Session,
    case_id: int,
    resolution: str,
    *,
    expected_version: int,
    actor: Actor,
    at: datetime | None = None,
) -> CaseView:
    """End a case with a resolution text. Interceptions end only by their outcome, through `transition`."""
    case = load_case(session, case_id)
    if case.kind not in CLOSING_STATUS:
        raise ValidationError("bad_kind", kind=case.kind)
    check_version(session, case, expected_version)
    case.resolution = resolution
    flush_case(session, case)
    return transition(
        session,
        case_id,
        CLOSING_STATUS[case.kind],
        expected_version=case.version,
        actor=actor,
        note=resolution,
        at=at,
    )


def convert(
    session: Session,
    case_id: int,
    kind: str,
    *,
    actor: Actor,
    direction: str | None = None,
    expected_version: int | None = None,
    extra: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> CaseView:
    """Open a new case of another kind for the same parcel, linked to this one (a chase becomes a complaint…)."""
    source = load_case(session, case_id)
    check_version(session, source, expected_version)
    new = open_case(
        session,
        NewCase(
            kind=kind,
            waybill_no=source.waybill.waybill_no,
            direction=direction or source.direction,
            detail=source.detail,
            caller_name=source.caller_name,
            caller_phone=source.caller_phone,
            courier_id=source.courier_id,
            priority=source.priority,
            opened_at=at,
            extra=extra or {},
        ),
        actor=actor,
    )
    child = session.get(Case, new.id)
    assert child is not None
    child.parent_case_id = source.id
    append_followup(
        session,
        source,
        f"已转为{kind}案件 #{new.id}",
        channel="system",
        actor=actor,
        at=at or _now(),
        data={"converted_to": new.id},
    )
    flush_case(session, source)
    audit.record(session, actor, "case", source.id, "convert", {"to_case": new.id, "kind": kind})
    return view(session, child)


def timeline(session: Session, case_id: int) -> list[TimelineEntry]:
    """The case's follow-ups and the live notes attached to it (channel "note"), oldest first."""
    load_case(session, case_id)
    rows = session.execute(
        select(Followup, Operator.name)
        .outerjoin(Operator, Operator.id == Followup.operator_id)
        .where(Followup.case_id == case_id)
        .order_by(Followup.at, Followup.id)
    ).all()
    entries = [TimelineEntry(at=f.at, operator=name, channel=f.channel, text=f.text, data=f.data) for f, name in rows]
    notes = session.execute(
        select(Note.id, Note.title, Note.body, Note.created_at, Operator.name)
        .outerjoin(Operator, Operator.id == Note.operator_id)
        .where(Note.case_id == case_id, Note.deleted_at.is_(None))
    ).all()
    entries += [
        TimelineEntry(
            at=at, operator=name, channel="note", text="\n".join(filter(None, (title, body))), data={"note_id": nid}
        )
        for nid, title, body, at, name in notes
    ]
    return sorted(entries, key=lambda e: e.at)  # stable: follow-ups keep their order among equal times
