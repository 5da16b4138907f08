"""Fines (罚款 / 考核): what the carrier or upstream deducts from the outlet per waybill, and what became of it.

A fine has a reason from the catalogue (`REASONS` in app.fine_views), an amount in yuan, the day it was issued
and the deadline for an appeal — the carrier's own date when the list gives one, else the end of the
`fine_appeal_days`-th local day after issue. Its result moves along the FINE workflow (app.workflows): 待处理 →
申诉中 → 已认罚 / 已撤销 / 已减免, or straight from 待处理 to 已认罚 or 已撤销. An appeal after the deadline is
refused unless the station manager approves it with the PIN. A reduction stores the new amount (the old one stays
in the audit log, which is also the fine's history). The courier the outlet charges and the money it got back are
recorded at any time.

The same fine is the same waybill, reason, local issue day and amount — the amount as first issued counts too,
so the carrier's list imported again after a reduction is still one fine (`same_fine_key`,
`app.fine_views.past_amounts`). Reading fines (views, lists, history) lives in app.fine_views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.carriers import carrier_id, find_or_create_waybill, parse
from app.deadlines import DeadlineRules, after_days, local_date, start_of_local_day
from app.directory.records import apply_changes, check_length, check_version, clean, flush
from app.errors import ValidationError
from app.fine_views import ENTITY, REASONS, FineView, get_fine, load_fine, past_amounts
from app.operators import require_manager
from app.workflows import FINE
from db.models import Arbitration, Case, Courier, Fine
from db.types import CENT

_REASON_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (  # how carrier lists word a reason, most specific first
    (
        "message_late",
        ("留言超时", "留言回复超时", "留言未回复", "留言逾期", "回复留言超时", "未及时回复留言", "留言未及时回复"),
    ),
    (
        "ticket_late",
        ("工单超时", "工单回复超时", "工单未回复", "工单逾期", "回复工单超时", "未及时回复工单", "工单未及时回复"),
    ),
    ("fake_signing", ("虚假签收", "假签收", "虚签", "虚假妥投", "未派送签收", "违规签收")),
    ("early_return", ("早退", "提前退回", "提前退件")),
    ("lost", ("遗失", "丢失", "丢件")),
    ("damaged", ("破损", "损坏")),
    ("complaint", ("投诉",)),
    ("late", ("延误", "延迟", "超时派送", "时效")),
)
MAX_AMOUNT = Decimal(1_000_000)  # no fine on one parcel comes near this: a bigger figure is a typing slip
EVIDENCE_LIMIT = 2000
NOTE_LIMIT = 500
EDITABLE = ("reason", "amount", "issued_at", "appeal_due_at", "evidence", "case_id", "carrier_code")
DECISIONS = ("accepted", "cancelled", "reduced")


@dataclass(frozen=True)
class NewFine:
    waybill_no: str
    reason: str  # a code of REASONS
    amount: Decimal  # yuan, above 0, at most 2 places
    issued_at: datetime
    appeal_due_at: datetime | None = None  # the carrier's date; None: issue day + fine_appeal_days
    evidence: str | None = None
    case_id: int | None = None
    courier_charged_id: int | None = None
    carrier_code: str | None = None  # None: the waybill's carrier


def _now() -> datetime:
    return datetime.now(UTC)


def reason_code(text: str | None) -> str | None:
    """The catalogue reason a carrier's wording names ("虚假签收考核", "留言回复超时罚款", "lost"); None when it
    names none of them."""
    if not text:
        return None
    folded = "".join(text.split()).lower()
    if folded in REASONS:
        return folded
    for code, label in REASONS.items():
        if folded == label:
            return code
    for code, words in _REASON_WORDS:
        if any(word in folded for word in words):
            return code
    return None


def default_appeal_due(issued_at: datetime, rules: DeadlineRules) -> datetime:
    """End of the `fine_appeal_days`-th local day after the issue day (peak windows add days)."""
    return after_days(issued_at, rules.fine_appeal_days, rules)


def same_fine_key(waybill_id: int, reason: str, issued_at: datetime, amount: Decimal, rules: DeadlineRules) -> tuple:
    """What makes two fines the same one: the parcel, the reason, the local day of issue and the amount."""
    return (waybill_id, reason, local_date(issued_at, rules), amount)


def amount_problem(value: Any, *, allow_zero: bool = False) -> str | None:
    """The message code refusing a sum of money, or None when it is fine: yuan as Decimal, above 0 (or at least
    0), below MAX_AMOUNT, whole fen."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return "money_bad"
    value = Decimal(value)
    if not value.is_finite():
        return "money_bad"
    if value <= 0 and not allow_zero:
        return "money_not_positive"
    if value < 0:
        return "money_negative"
    if value >= MAX_AMOUNT:
        return "money_too_big"
    if value != value.quantize(CENT):
        return "money_cents"
    return None


def _refuse(problems: dict[str, str], **params: Any) -> None:
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems, **params)


def _aware(value: Any) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None


def record_fine(session: Session, new: NewFine, *, actor: Actor) -> FineView:
    """Record one fine as the carrier issued it; the same fine twice is refused, naming the first."""
    rules = settings.deadline_rules(session)
    evidence = clean(new.evidence)
    problems: dict[str, str] = {}
    if new.reason not in REASONS:
        problems["reason"] = "fine_reason_bad"
    if (code := amount_problem(new.amount)) is not None:
        problems["amount"] = code
    if not _aware(new.issued_at):
        problems["issued_at"] = "invalid_input"
    if new.appeal_due_at is not None and not _aware(new.appeal_due_at):
        problems["appeal_due_at"] = "invalid_input"
    check_length(problems, "evidence", evidence, EVIDENCE_LIMIT)
    _refuse(problems)
    number = parse(session, new.waybill_no).number
    carrier = _carrier_id(session, new.carrier_code)
    due = new.appeal_due_at or default_appeal_due(new.issued_at, rules)
    _check_order(new.issued_at, due)
    waybill = find_or_create_waybill(session, number, carrier_code=new.carrier_code)
    _check_case(session, new.case_id, waybill.id)
    _check_courier(session, new.courier_charged_id)
    twin = _twin(session, waybill.id, new.reason, new.issued_at, Decimal(new.amount), rules)
    if twin is not None:
        raise ValidationError("fine_duplicate", fields={"waybill_no": "fine_duplicate"}, id=twin)
    fine = Fine(
        waybill_id=waybill.id,
        case_id=new.case_id,
        carrier_id=carrier if carrier is not None else waybill.carrier_id,
        reason=new.reason,
        amount=Decimal(new.amount),
        issued_at=new.issued_at,
        appeal_due_at=due,
        evidence=evidence,
        result=FINE.initial,
        courier_charged_id=new.courier_charged_id,
    )
    session.add(fine)
    flush(session)
    audit.record(
        session,
        actor,
        ENTITY,
        fine.id,
        "open",
        {"waybill_no": number, "reason": new.reason, "amount": fine.amount, "issued_at": new.issued_at},
    )
    return get_fine(session, fine.id)


def update_fine(
    session: Session, fine_id: int, changes: dict[str, Any], *, expected_version: int, actor: Actor
) -> FineView:
    """Correct the facts of an undecided fine (reason, amount, dates, evidence, case, carrier); a decided one is
    refused. A new issue day does not move the appeal deadline: the clerk sets that one explicitly."""
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    if FINE.is_terminal(fine.result):
        raise ValidationError("fine_decided", result=FINE.label(fine.result))
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(fields=dict.fromkeys(unknown, "invalid_input"))
    values = dict(changes)
    if "evidence" in values:
        values["evidence"] = clean(values["evidence"])
    problems: dict[str, str] = {}
    if "reason" in values and values["reason"] not in REASONS:
        problems["reason"] = "fine_reason_bad"
    if "amount" in values and (code := amount_problem(values["amount"])) is not None:
        problems["amount"] = code
    if "issued_at" in values and not _aware(values["issued_at"]):
        problems["issued_at"] = "invalid_input"
    if "appeal_due_at" in values and values["appeal_due_at"] is not None and not _aware(values["appeal_due_at"]):
        problems["appeal_due_at"] = "invalid_input"
    check_length(problems, "evidence", values.get("evidence"), EVIDENCE_LIMIT)
    _refuse(problems)
    if "carrier_code" in values:
        values["carrier_id"] = _carrier_id(session, values.pop("carrier_code"))
    if "amount" in values:
        values["amount"] = Decimal(values["amount"])
    _check_order(values.get("issued_at", fine.issued_at), values.get("appeal_due_at", fine.appeal_due_at))
    if "case_id" in values:
        _check_case(session, values["case_id"], fine.waybill_id)
    apply_changes(session, actor, ENTITY, fine, values)
    return get_fine(session, fine.id)


def appeal_fine(
    session: Session,
    fine_id: int,
    *,
    expected_version: int,
    actor: Actor,
    at: datetime | None = None,
    note: str | None = None,
    manager_pin: str | None = None,
) -> FineView:
    """The appeal went upstream at `at` (default now). After the appeal deadline only the station manager may let
    it through, with the PIN; the manager is recorded as approving it."""
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    FINE.check(fine.result, "appealed")
    at = at or _now()
    note = clean(note)
    problems: dict[str, str] = {}
    if not _aware(at):
        problems["appealed_at"] = "invalid_input"
    check_length(problems, "note", note, NOTE_LIMIT)
    _refuse(problems)
    changes: dict[str, Any] = {"result": (fine.result, "appealed"), "appealed_at": at, "note": note}
    if fine.appeal_due_at is not None and at > fine.appeal_due_at:
        if manager_pin is None:
            due = fine.appeal_due_at.astimezone(settings.deadline_rules(session).tz()).strftime("%Y-%m-%d %H:%M")
            raise ValidationError("fine_appeal_late", fields={"appealed_at": "fine_appeal_late"}, due=due)
        changes["late_approved_by"] = require_manager(session, manager_pin).name
    fine.result, fine.appealed_at = "appealed", at
    flush(session)
    audit.record(session, actor, ENTITY, fine.id, "appeal", changes)
    return get_fine(session, fine.id)


def decide_fine(
    session: Session,
    fine_id: int,
    result: str,
    *,
    expected_version: int,
    actor: Actor,
    new_amount: Decimal | None = None,
    amount_recovered: Decimal | None = None,
    note: str | None = None,
) -> FineView:
    """The fine's outcome: accepted (we pay), cancelled (withdrawn or the appeal upheld) or reduced to
    `new_amount` (below the amount it had). Money recovered may be recorded with it."""
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    if result not in DECISIONS:
        raise ValidationError("fine_decision_bad", fields={"result": "fine_decision_bad"})
    FINE.check(fine.result, result)
    note = clean(note)
    problems: dict[str, str] = {}
    if result == "reduced":
        if new_amount is None:
            problems["new_amount"] = "fine_new_amount_needed"
        elif (code := amount_problem(new_amount)) is not None:
            problems["new_amount"] = code
        elif Decimal(new_amount) >= fine.amount:
            problems["new_amount"] = "fine_reduce_not_less"
    elif new_amount is not None:
        problems["new_amount"] = "fine_new_amount_only_reduced"
    check_length(problems, "note", note, NOTE_LIMIT)
    final_amount = Decimal(new_amount) if result == "reduced" and new_amount is not None else fine.amount
    if amount_recovered is not None:
        problems |= _recovery_problems(amount_recovered, final_amount)
    _refuse(problems, amount=f"{fine.amount:.2f}")
    changes: dict[str, Any] = {"result": (fine.result, result), "note": note}
    if final_amount != fine.amount:
        changes["amount"] = (fine.amount, final_amount)
        fine.amount = final_amount
    if amount_recovered is not None:
        changes["amount_recovered"] = (fine.amount_recovered, Decimal(amount_recovered))
        fine.amount_recovered = Decimal(amount_recovered)
    fine.result = result
    flush(session)
    audit.record(session, actor, ENTITY, fine.id, "decide", changes)
    return get_fine(session, fine.id)


def record_recovery(
    session: Session, fine_id: int, amount: Decimal | None, *, expected_version: int, actor: Actor
) -> FineView:
    """Money got back for the fine (from the courier charged, or refunded upstream); None clears it. Never more
    than the fine."""
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    if amount is not None:
        _refuse(_recovery_problems(amount, fine.amount), amount=f"{fine.amount:.2f}")
        amount = Decimal(amount)
    if amount != fine.amount_recovered:
        changes = {"amount_recovered": (fine.amount_recovered, amount)}
        fine.amount_recovered = amount
        flush(session)
        audit.record(session, actor, ENTITY, fine.id, "recover", changes)
    return get_fine(session, fine.id)


def charge_courier(
    session: Session, fine_id: int, courier_id: int | None, *, expected_version: int, actor: Actor
) -> FineView:
    """The courier the outlet passes the fine on to (None: nobody)."""
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    _check_courier(session, courier_id)
    if courier_id != fine.courier_charged_id:
        changes = {"courier_charged_id": (fine.courier_charged_id, courier_id)}
        fine.courier_charged_id = courier_id
        flush(session)
        audit.record(session, actor, ENTITY, fine.id, "charge", changes)
    return get_fine(session, fine.id)


def delete_fine(
    session: Session, fine_id: int, *, expected_version: int, actor: Actor, manager_pin: str | None = None
) -> None:
    """Soft delete (to the recycle bin), approved by the manager's PIN; refused while a live arbitration names
    the fine."""
    manager = require_manager(session, manager_pin)
    fine = load_fine(session, fine_id)
    check_version(session, ENTITY, fine.id, fine.version, expected_version)
    linked = session.scalar(
        select(func.count())
        .select_from(Arbitration)
        .where(Arbitration.fine_id == fine.id, Arbitration.deleted_at.is_(None))
    )
    if linked:
        raise ValidationError("fine_has_arbitration", count=linked)
    fine.deleted_at = _now()
    flush(session)
    audit.record(session, manager, ENTITY, fine.id, "delete", {"requested_by": actor.name})


# --- helpers ---------------------------------------------------------------------------------------------------

_DAY = timedelta(days=1)


def _check_order(issued_at: datetime, due: datetime | None) -> None:
    if due is not None and due < issued_at:
        raise ValidationError("fine_due_before_issue", fields={"appeal_due_at": "fine_due_before_issue"})


def _carrier_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    found = carrier_id(session, code)
    if found is None:
        raise ValidationError(fields={"carrier": "not_found"})
    return found


def _check_case(session: Session, case_id: int | None, waybill_id: int) -> None:
    if case_id is None:
        return
    case = session.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        raise ValidationError(fields={"case_id": "not_found"})
    if case.waybill_id != waybill_id:
        raise ValidationError("link_other_waybill", fields={"case_id": "link_other_waybill"})


def _check_courier(session: Session, courier_id: int | None) -> None:
    if courier_id is not None and session.get(Courier, courier_id) is None:
        raise ValidationError(fields={"courier_charged_id": "not_found"})


def _recovery_problems(amount: Any, limit: Decimal) -> dict[str, str]:
    code = amount_problem(amount, allow_zero=True)
    if code is None and Decimal(amount) > limit:
        code = "fine_recovered_too_much"
    return {"amount_recovered": code} if code else {}


def _twin(
    session: Session, waybill_id: int, reason: str, issued_at: datetime, amount: Decimal, rules: DeadlineRules
) -> int | None:
    """A live fine that is this one (see the module's docstring), by id."""
    day = local_date(issued_at, rules)
    candidates = session.execute(
        select(Fine.id, Fine.amount).where(
            Fine.waybill_id == waybill_id,
            Fine.reason == reason,
            Fine.deleted_at.is_(None),
            Fine.issued_at >= start_of_local_day(day, rules),
            Fine.issued_at < start_of_local_day(day + _DAY, rules),
        )
    ).all()
    if not candidates:
        return None
    amounts = past_amounts(session, [row.id for row in candidates])
    return next((row.id for row in candidates if amount == row.amount or amount in amounts[row.id]), None)
