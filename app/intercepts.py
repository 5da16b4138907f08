"""Interceptions (拦截 / 改址 / 转寄 / 退回): a sender, a platform or upstream asks the outlet to stop a parcel.

An interception is a case (kind "intercept") with an `InterceptDetail`: who asked, what they want, the new address
or waybill. It is due when the next delivery round leaves (`app.deadlines.next_round`): after that a courier may
take it out and have it signed, and a missed interception is deducted from the outlet. Its steps are
已受理 → 已找到 → 已拦截 → 已退回 / 已改址 / 已转寄, or 拦截失败 (already signed, or not found).

While it is open the parcel is flagged wherever it turns up: a scan at the stuck-parcel bar, the shelf count,
the lookup — `warnings_for` says what to tell the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.cases import CaseView, NewCase, append_followup, flush_case, load_case, open_case, transition, view
from app.directory.records import clean
from app.errors import ValidationError
from app.waybills import normalise_waybill
from app.workflows import INTERCEPT
from db.models import Case, InterceptDetail, ReturnShipment, Waybill

REQUESTS = {"stop": "拦截停派", "readdress": "改址", "forward": "转寄", "return": "退回寄件人"}
FAILURES = {"already_signed": "拦截前已签收", "not_found": "找不到件"}
ENDINGS = {"returned": "return", "readdressed": "readdress", "forwarded": "forward"}  # status → request it fulfils
PRIORITY = 1  # money is lost when the next round leaves first
REQUEST_WORDS = (  # how interception lists name the request, most specific first ("拦截退回" is a return)
    ("readdress", ("改址", "改地址", "更改地址", "修改地址", "地址变更", "改派")),
    ("forward", ("转寄", "转发")),
    ("return", ("退回", "退件", "退还", "返回寄件", "原路返回", "退寄件人")),
    ("stop", ("拦截", "截停", "停派", "停发", "暂停派送", "不派送")),
)
REQUESTER_LIMIT = 80
ADDRESS_LIMIT = 300


@dataclass(frozen=True)
class NewIntercept:
    waybill_no: str
    request: str = "stop"  # stop | readdress | forward | return
    requested_by: str | None = None  # 寄件人 / 电商平台 / 上级 …, as the clerk writes it
    new_address: str | None = None
    new_waybill_no: str | None = None
    caller_name: str | None = None
    caller_phone: str | None = None
    detail: str | None = None
    opened_at: datetime | None = None
    carrier_code: str | None = None


@dataclass(frozen=True)
class InterceptWarning:
    case_id: int
    waybill_no: str
    request: str
    request_label: str
    status: str
    status_label: str
    due_at: datetime | None
    new_address: str | None

    @property
    def text(self) -> str:
        """One line for the clerk and the courier: what to do with the parcel instead of delivering it."""
        where = f"，新地址：{self.new_address}" if self.request == "readdress" and self.new_address else ""
        return f"拦截件（{self.request_label}，{self.status_label}）：勿派{where}"


def _now() -> datetime:
    return datetime.now(UTC)


def log_intercept(session: Session, new: NewIntercept, *, actor: Actor) -> CaseView:
    """Accept a request; an interception already open for the parcel is returned instead of a second one (its
    request is noted in the timeline when it differs)."""
    request = new.request
    address, requested_by = clean(new.new_address), clean(new.requested_by)
    new_waybill = normalise_waybill(new.new_waybill_no or "") or None
    problems: dict[str, str] = {}
    if request not in REQUESTS:
        problems["request"] = "intercept_request_bad"
    if request == "readdress" and not address:
        problems["new_address"] = "intercept_address_needed"
    if address and len(address) > ADDRESS_LIMIT:
        problems["new_address"] = "text_too_long"
    if requested_by and len(requested_by) > REQUESTER_LIMIT:
        problems["requested_by"] = "text_too_long"
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems)
    number = normalise_waybill(new.waybill_no or "")
    existing = _open_for(session, number)
    if existing is not None:
        if existing.intercept.request != request or (address and existing.intercept.new_address != address):
            text = f"又一次拦截申请：{REQUESTS[request]}" + (f"，新地址：{address}" if address else "")
            append_followup(session, existing, text, channel="system", actor=actor, at=new.opened_at or _now())
            flush_case(session, existing)
        return view(session, existing)
    extra = {
        "request": request,
        "requested_by": requested_by,
        "new_address": address,
        "new_waybill_no": new_waybill,
    }
    return open_case(
        session,
        NewCase(
            kind="intercept",
            waybill_no=new.waybill_no,
            direction="inbound",
            carrier_code=new.carrier_code,
            detail=new.detail,
            opened_at=new.opened_at,
            caller_name=new.caller_name,
            caller_phone=new.caller_phone,
            priority=1,  # money is lost when the round leaves first
            extra=extra,
        ),
        actor=actor,
    )


def request_code(text: str | None) -> str | None:
    """stop | readdress | forward | return from an interception list's wording ("拦截退回", "改址派送")."""
    if not text:
        return None
    folded = "".join(text.split()).lower()
    if folded in REQUESTS:
        return folded
    return next((code for code, words in REQUEST_WORDS if any(word in folded for word in words)), None)


def _open_for(session: Session, number: str) -> Case | None:
    return session.scalar(
        select(Case)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .where(
            Waybill.waybill_no == number,
            Case.kind == "intercept",
            Case.status.in_(INTERCEPT.open_codes),
            Case.deleted_at.is_(None),
        )
        .order_by(Case.opened_at.desc())
        .limit(1)
    )


def mark_found(
    session: Session, case_id: int, *, expected_version: int, actor: Actor, note: str | None = None
) -> CaseView:
    """The parcel is in hand (on the shelf, in a courier's cage)."""
    return transition(session, case_id, "found", expected_version=expected_version, actor=actor, note=clean(note))


def mark_intercepted(
    session: Session, case_id: int, *, expected_version: int, actor: Actor, at: datetime | None = None
) -> CaseView:
    """Pulled out of delivery: found and stopped in one step when the clerk has it in hand already."""
    case = load_case(session, case_id)
    at = at or _now()
    version = expected_version
    if case.status == "accepted":
        version = transition(session, case_id, "found", expected_version=version, actor=actor, at=at).version
    done = transition(session, case_id, "intercepted", expected_version=version, actor=actor, at=at)
    _detail(session, case_id).pulled_at = at
    flush_case(session, load_case(session, case_id))
    return done


def complete(
    session: Session,
    case_id: int,
    status: str,
    *,
    expected_version: int,
    actor: Actor,
    new_waybill_no: str | None = None,
    new_address: str | None = None,
    at: datetime | None = None,
) -> CaseView:
    """What became of an intercepted parcel: returned (its return waybill), re-addressed, forwarded (its new
    waybill). The case ends."""
    if status not in ENDINGS:
        raise ValidationError("intercept_ending_bad", fields={"status": "intercept_ending_bad"})
    detail = _detail(session, case_id)
    number = normalise_waybill(new_waybill_no or "") or detail.new_waybill_no
    address = clean(new_address) or detail.new_address
    if status == "forwarded" and not number:
        raise ValidationError("intercept_waybill_needed", fields={"new_waybill_no": "intercept_waybill_needed"})
    if status == "readdressed" and not address:
        raise ValidationError("intercept_address_needed", fields={"new_address": "intercept_address_needed"})
    at = at or _now()
    done = transition(session, case_id, status, expected_version=expected_version, actor=actor, at=at)
    detail.outcome, detail.new_waybill_no, detail.new_address = "done", number, address
    case = load_case(session, case_id)
    if status == "returned":
        session.add(ReturnShipment(waybill_id=case.waybill_id, case_id=case.id, return_waybill_no=number, sent_at=at))
    flush_case(session, case)
    audit.record(session, actor, "case", case_id, "intercept_done", {"status": status, "new_waybill_no": number})
    return done


def fail(
    session: Session,
    case_id: int,
    reason: str,
    *,
    expected_version: int,
    actor: Actor,
    note: str | None = None,
    at: datetime | None = None,
) -> CaseView:
    """拦截失败: signed before it could be stopped, or not found; the reason is kept for an arbitration."""
    if reason not in FAILURES:
        raise ValidationError("intercept_failure_bad", fields={"reason": "intercept_failure_bad"})
    text = FAILURES[reason] + (f"：{clean(note)}" if clean(note) else "")
    done = transition(session, case_id, "failed", expected_version=expected_version, actor=actor, note=text, at=at)
    _detail(session, case_id).outcome = reason
    flush_case(session, load_case(session, case_id))
    return done


def warnings_for(session: Session, numbers: list[str]) -> dict[str, InterceptWarning]:
    """The open interception of each of these waybills (normalised numbers), for the scan bar and the shelf."""
    wanted = sorted({normalise_waybill(n) for n in numbers if n})
    if not wanted:
        return {}
    rows = session.execute(
        select(
            Case.id, Waybill.waybill_no, InterceptDetail.request, Case.status, Case.due_at, InterceptDetail.new_address
        )
        .join(Waybill, Waybill.id == Case.waybill_id)
        .join(InterceptDetail, InterceptDetail.case_id == Case.id)
        .where(
            Waybill.waybill_no.in_(wanted),
            Case.kind == "intercept",
            Case.status.in_(INTERCEPT.open_codes),
            Case.deleted_at.is_(None),
        )
        .order_by(Case.opened_at)
    ).all()
    return {
        number: InterceptWarning(
            case_id, number, request, REQUESTS.get(request, request), status, INTERCEPT.label(status), due, address
        )
        for case_id, number, request, status, due, address in rows
    }


def _detail(session: Session, case_id: int) -> InterceptDetail:
    detail = session.get(InterceptDetail, case_id)
    if detail is None:
        raise ValidationError("bad_kind", kind="intercept")
    return detail
