"""Complaints (投诉): the channel they came by and its SLA, the 12305 clock, escalation and the return visit.

A complaint is a case (kind "complaint") with a `ComplaintDetail`. Its clocks are set when it is logged, from the
channel's SLA in the settings: the first response is due N minutes after opening (met by the first follow-up a
clerk logs), the resolution by the case's `due_at`, and `appeal_risk_at` is the day the customer may take it to
12305, the regulator — from then on it costs the outlet far more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app import audit, flags, settings
from app.actor import Actor
from app.cases import (
    CaseView,
    NewCase,
    append_followup,
    check_version,
    flush_case,
    load_case,
    open_case,
    transition,
    view,
)
from app.deadlines import COMPLAINT_SOURCES, complaint_clocks
from app.errors import ValidationError
from app.repeats import count_repeats
from db.models import Case

SOURCE_LABELS = {
    "call": "直接来电",
    "carrier_ticket": "快递公司工单",
    "platform": "电商平台",
    "12345": "12345 热线",
    "12305": "12305 申诉",
}
CATEGORIES = (
    "延误",
    "破损",
    "丢失",
    "服务态度",
    "虚假签收",
    "不告而投",
    "未送货上门",
    "到付/收费",
    "揽收未上门",
    "其他",
)
PRIORITY_BY_SOURCE = {"12305": 2, "12345": 1}  # the regulator's and the city hotline's come first
TICKET_LIMIT = 60


_SOURCE_WORDS = (  # how carrier systems and platforms name a channel, most specific first
    ("12305", ("12305", "邮政管理", "邮管局", "邮政局")),
    ("12345", ("12345", "市长热线", "政务热线", "便民热线")),
    ("platform", ("平台", "淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "商家", "电商")),
    ("carrier_ticket", ("工单", "总部", "客服中心", "快递公司", "上级")),
    ("call", ("来电", "电话", "直接", "现场", "到店")),
)


def source_code(text: str | None) -> str | None:
    """The channel a carrier export names ("12305申诉", "淘宝工单", "客户来电"); None when it names none."""
    if not text:
        return None
    folded = text.strip().lower()
    if folded in COMPLAINT_SOURCES:
        return folded
    for code, words in _SOURCE_WORDS:
        if any(word in folded for word in words):
            return code
    return None


def category_of(text: str | None) -> str | None:
    """The catalogue category a text names ("延误投诉", "快件破损"); None when it names none or two."""
    if not text:
        return None
    found = [c for c in CATEGORIES if c != "其他" and (c in text or c.replace("/", "") in text)]
    return found[0] if len(found) == 1 else "其他" if text.strip() == "其他" else None


@dataclass(frozen=True)
class NewComplaint:
    waybill_no: str
    source: str  # one of COMPLAINT_SOURCES
    category: str  # one of CATEGORIES
    external_ticket_no: str | None = None
    caller_name: str | None = None
    caller_phone: str | None = None
    detail: str | None = None
    direction: str = "inbound"
    opened_at: datetime | None = None
    callback_at: datetime | None = None
    carrier_code: str | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def log_complaint(session: Session, new: NewComplaint, *, actor: Actor) -> CaseView:
    """Open a complaint with its clocks; a caller or parcel seen in the repeat window is counted on the case, and
    the caller (else the parcel's recipient) is flagged as having complained (app.flags)."""
    problems = {}
    if new.source not in COMPLAINT_SOURCES:
        problems["source"] = "invalid_input"
    if new.category not in CATEGORIES:
        problems["category"] = "invalid_input"
    ticket = (new.external_ticket_no or "").strip() or None
    if ticket is not None and len(ticket) > TICKET_LIMIT:
        problems["external_ticket_no"] = "too_long"
    if problems:
        raise ValidationError(fields=problems)
    opened_at = new.opened_at or _now()
    created = open_case(
        session,
        NewCase(
            kind="complaint",
            waybill_no=new.waybill_no,
            direction=new.direction,
            carrier_code=new.carrier_code,
            detail=new.detail,
            opened_at=opened_at,
            callback_at=new.callback_at,
            caller_name=new.caller_name,
            caller_phone=new.caller_phone,
            extra={"source": new.source, "external_ticket_no": ticket, "category": new.category},
        ),
        actor=actor,
    )
    case = load_case(session, created.id)
    start_clocks(session, case)
    count_repeats(session, case, opened_at)
    flush_case(session, case)
    flags.flag_complaint(session, case, actor=actor)
    return view(session, case)


def start_clocks(session: Session, case: Case) -> None:
    """Set a new complaint's clocks from its opening and its channel's SLA, and its priority from the channel."""
    detail = case.complaint
    clocks = complaint_clocks(
        case.opened_at, settings.complaint_slas(session)[detail.source], settings.deadline_rules(session)
    )
    case.due_at = clocks.resolution_due_at
    detail.first_response_due_at = clocks.first_response_due_at
    detail.appeal_risk_at = clocks.appeal_risk_at
    case.priority = max(case.priority, PRIORITY_BY_SOURCE.get(detail.source, 0))


def escalate(
    session: Session,
    case_id: int,
    reason: str,
    *,
    actor: Actor,
    expected_version: int,
    at: datetime | None = None,
) -> CaseView:
    """One level up (to the station manager, then upstream); urgent from the first escalation on."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": "required"})
    case = _complaint(session, case_id)
    check_version(session, case, expected_version)
    detail = case.complaint
    detail.escalation_level += 1
    case.priority = max(case.priority, 2)
    append_followup(
        session,
        case,
        f"升级投诉（第 {detail.escalation_level} 级）：{reason}",
        channel="system",
        actor=actor,
        at=at or _now(),
        data={"escalation_level": detail.escalation_level},
    )
    flush_case(session, case)
    audit.record(session, actor, "case", case.id, "escalate", {"level": detail.escalation_level})
    return view(session, case)


def record_return_visit(
    session: Session,
    case_id: int,
    satisfaction: int,
    note: str = "",
    *,
    actor: Actor,
    expected_version: int,
    at: datetime | None = None,
) -> CaseView:
    """The 回访: the customer's satisfaction 1–5; a complaint waiting for it is then resolved."""
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise ValidationError(fields={"satisfaction": "invalid_input"})
    case = _complaint(session, case_id)
    check_version(session, case, expected_version)
    at = at or _now()
    detail = case.complaint
    detail.return_visit_at, detail.satisfaction = at, satisfaction
    text = f"回访：满意度 {satisfaction} 分" + (f"，{note.strip()}" if note and note.strip() else "")
    append_followup(session, case, text, channel="phone", actor=actor, at=at, data={"satisfaction": satisfaction})
    flush_case(session, case)
    audit.record(session, actor, "case", case.id, "return_visit", {"satisfaction": satisfaction})
    if case.status == "awaiting_visit":
        return transition(session, case.id, "resolved", expected_version=case.version, actor=actor, at=at)
    return view(session, case)


def _complaint(session: Session, case_id: int) -> Case:
    case = load_case(session, case_id)
    if case.kind != "complaint" or case.complaint is None:
        raise ValidationError("not_a_complaint")
    return case
