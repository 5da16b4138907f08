"""Claim records (理赔): register one (from a stuck case with "转理赔" or on its own), edit its facts, tick its
evidence, move it along its workflow, and read it back whole for the claims page and the claim form.

Every save works the compensation out again (app.claims.compensation) and stores the amount with its rule text,
so the form prints what the calculator showed; facts the calculator cannot use yet leave both empty. Edits carry
the version the form read and are refused when somebody saved since. A claim cannot be submitted while needed
evidence is missing, reviewed without an approved amount, or rejected without a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.attachments.store import AttachmentView, attach, attachment_data, detach, list_attachments
from app.carriers import find_or_create_waybill
from app.cases import append_followup, flush_case, load_case, transition
from app.cases import check_version as check_version_of_case
from app.claims.catalogue import (
    AUTHORISATION_LABELS,
    EVIDENCE_CODES,
    EXTENT_LABELS,
    LOSS_LABELS,
    PACKAGING_LABELS,
    PARTY_LABELS,
    RELATION_LABELS,
    EvidenceItem,
    checklist,
    claim_number,
)
from app.claims.compensation import MAX_MONEY, Compensation, LossFacts, compute, freight_multiple
from app.deadlines import local_date
from app.directory.records import check_length, check_phone, check_version, clean, flush
from app.errors import NotFoundError, UserError, ValidationError
from app.messages import text
from app.operators import approver
from app.phones import parse_phone, same_phone
from app.workflows import CLAIM, STUCK
from db.models import AuditEntry, Carrier, Case, Claim, Operator, ProblemType
from db.types import CENT

GRAM = Decimal("0.001")

OWNER = "claim"  # attachments' owner type
TEXT_LIMITS = {"claimant_name": 80, "item": 120, "value_proof": 120, "salvage": 120, "payee": 80}
TEXT_LIMITS |= {"responsible_name": 80, "loss_note": 2000}
MONEY_FIELDS: tuple[str, ...] = ("declared_value", "actual_loss", "insured_value", "insurance_fee", "freight")
MONEY_FIELDS += ("claimed_amount", "approved_amount", "amount_recovered")
CODE_FIELDS = {
    "loss_type": LOSS_LABELS,
    "loss_extent": EXTENT_LABELS,
    "claimant_relation": RELATION_LABELS,
    "authorisation": AUTHORISATION_LABELS,
    "packaging": PACKAGING_LABELS,
    "responsible_party": PARTY_LABELS,
}
_LOSS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lost", ("丢失", "遗失", "丢件", "找不到")),
    ("short", ("短少", "少件", "缺件", "少了")),
    ("damaged", ("破损", "损坏", "压坏", "摔坏", "漏液")),
    ("late", ("延误", "超时", "滞留")),
)


@dataclass(frozen=True)
class ClaimFacts:
    """What a clerk fills in on the claim form; every field may be changed later."""

    loss_type: str = "damaged"
    loss_extent: str | None = "full"
    claimant_name: str | None = None
    claimant_phone: str | None = None
    claimant_relation: str | None = "sender"
    authorisation: str | None = "not_needed"
    item: str | None = None
    quantity: int | None = None
    quantity_short: int | None = None
    declared_value: Decimal | None = None
    actual_loss: Decimal | None = None
    value_proof: str | None = None
    insured: bool = False
    insured_value: Decimal | None = None
    insurance_fee: Decimal | None = None
    freight: Decimal | None = None
    freight_cod: bool = False
    packaging: str | None = "original"
    inspected_at_signing: bool | None = None
    loss_note: str | None = None
    claimed_amount: Decimal | None = None
    approved_amount: Decimal | None = None
    responsible_party: str | None = None
    responsible_name: str | None = None
    responsible_share_pct: Decimal | None = None
    paid_first: bool = False
    amount_recovered: Decimal | None = None
    salvage: str | None = None
    payee: str | None = None
    weight_collected_kg: Decimal | None = None  # the parcel's, kept on its waybill: 揽收 vs 到达 shows a loss
    weight_arrived_kg: Decimal | None = None


FACT_FIELDS = tuple(f.name for f in fields(ClaimFacts))
WAYBILL_FIELDS = ("weight_collected_kg", "weight_arrived_kg")  # facts stored on the waybill, not the claim
MAX_KG = Decimal("100000")


@dataclass(frozen=True)
class NewClaim:
    waybill_no: str
    facts: ClaimFacts = field(default_factory=ClaimFacts)
    case_id: int | None = None  # the stuck case it came from ("转理赔" moves that case on)
    case_version: int | None = None
    carrier_code: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    operator: str | None
    text: str


@dataclass(frozen=True)
class ClaimView:
    id: int
    claim_no: str
    version: int
    status: str
    status_label: str
    created_at: datetime
    closed_at: datetime | None
    case_id: int | None
    case_kind: str | None  # stuck | chase | complaint | intercept
    facts: ClaimFacts
    computed_amount: Decimal | None
    rule_text: str | None
    compensation: Compensation | None  # worked out now; None when the facts are not enough
    compensation_problem: str | None  # why not, in one sentence
    evidence: list[EvidenceItem]
    waybill_no: str
    carrier: str | None  # code
    carrier_name: str | None
    sender_name: str | None
    sender_phone: str | None
    sender_address: str | None
    recipient_name: str | None
    recipient_phone: str | None
    recipient_address: str | None
    collecting_outlet: str | None
    delivering_outlet: str | None
    weight_collected_kg: Decimal | None
    weight_arrived_kg: Decimal | None
    sent_at: datetime | None
    signed_at: datetime | None

    @property
    def missing(self) -> list[EvidenceItem]:
        return [item for item in self.evidence if item.missing]

    @property
    def is_open(self) -> bool:
        return not CLAIM.is_terminal(self.status)

    def label(self, name: str) -> str:
        """The Chinese label of a coded fact (loss type, extent, relation, authorisation, packaging, party)."""
        value = getattr(self.facts, name)
        return CODE_FIELDS[name].get(value, value) if value else ""


def _now() -> datetime:
    return datetime.now(UTC)


def load_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id, populate_existing=True)
    if claim is None or claim.deleted_at is not None:
        raise NotFoundError("not_found", what="理赔", key=claim_id)
    return claim


def find_claim(session: Session, key: str) -> int:
    """The id of a claim named by its number (LP…) or its numeric id, as typed on the command line."""
    key = key.strip()
    found = session.scalar(
        select(Claim.id).where(func.upper(Claim.claim_no) == key.upper(), Claim.deleted_at.is_(None))
    )
    if found is None and key.isdigit():
        found = session.scalar(select(Claim.id).where(Claim.id == int(key), Claim.deleted_at.is_(None)))
    if found is None:
        raise NotFoundError("not_found", what="理赔", key=key)
    return found


def facts_from_case(session: Session, case_id: int) -> NewClaim:
    """A claim form filled from a case and its parcel: "转理赔" starts from what is already known."""
    case = load_case(session, case_id)
    waybill = case.waybill
    problem = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    kind_name = problem.name if problem else None
    words = " ".join(filter(None, (case.detail, kind_name)))
    loss = next((code for code, hints in _LOSS_WORDS if any(h in words for h in hints)), "damaged")
    caller, sender = (parse_phone(p) if p else None for p in (case.caller_phone, waybill.sender_phone))
    sender_calls = caller is not None and sender is not None and same_phone(caller, sender)
    relation = "sender" if case.direction == "outbound" or sender_calls else "recipient"
    name = case.caller_name or (waybill.sender_name if relation == "sender" else waybill.recipient_name)
    phone = case.caller_phone or (waybill.sender_phone if relation == "sender" else waybill.recipient_phone)
    facts = ClaimFacts(
        loss_type=loss,
        loss_extent={"late": None, "short": "items_short"}.get(loss, "full"),
        claimant_name=name,
        claimant_phone=phone,
        claimant_relation=relation,
        authorisation="needed" if relation == "recipient" else "not_needed",
        item=waybill.item,
        quantity=waybill.quantity,
        declared_value=waybill.declared_value,
        insured=bool(waybill.insured_value),  # a carrier list's 0 means not insured
        insured_value=waybill.insured_value,
        insurance_fee=waybill.insurance_fee,
        freight=waybill.freight,
        freight_cod=waybill.cod,
        loss_note=case.detail,
        weight_collected_kg=waybill.weight_collected_kg,
        weight_arrived_kg=waybill.weight_arrived_kg,
    )
    return NewClaim(waybill.waybill_no, facts, case_id=case.id, case_version=case.version)


def create_claim(session: Session, new: NewClaim, *, actor: Actor) -> ClaimView:
    """Register a claim; from a case, the case is moved to 转理赔 (a stuck case) or noted (any other kind)."""
    facts = _checked(new.facts)
    multiple = freight_multiple(session)
    waybill = find_or_create_waybill(session, new.waybill_no, carrier_code=new.carrier_code)
    claim = Claim(claim_no=_provisional_no(), waybill_id=waybill.id, case_id=new.case_id, status=CLAIM.initial)
    claim.waybill, claim.evidence = waybill, {}
    known = {name: getattr(waybill, name) for name in WAYBILL_FIELDS if getattr(facts, name) is None}
    facts = replace(facts, **known)  # a weight left blank keeps what the carrier's list gave
    _apply(claim, facts)
    _work_out(claim, multiple)
    session.add(claim)
    flush(session)
    created = claim.created_at or _now()
    claim.claim_no = claim_number(claim.id, local_date(created, settings.deadline_rules(session)))
    flush(session)
    if new.case_id is not None:
        _move_case(session, new.case_id, new.case_version, claim.claim_no, actor=actor)
    audit.record(session, actor, "claim", claim.id, "open", {"claim_no": claim.claim_no, "case_id": new.case_id})
    return view(session, claim)


def _provisional_no() -> str:
    return f"new-{_now().timestamp():.6f}"[:30]


def update_claim(
    session: Session, claim_id: int, changes: dict[str, Any], *, expected_version: int, actor: Actor
) -> ClaimView:
    """Change facts; refused on a stale form or an ended claim. The compensation is worked out again."""
    claim = load_claim(session, claim_id)
    check_version(session, "claim", claim.id, claim.version, expected_version)
    if CLAIM.is_terminal(claim.status):
        raise ValidationError("claim_ended", status=CLAIM.label(claim.status))
    unknown = set(changes) - set(FACT_FIELDS)
    if unknown:
        raise ValidationError(fields={key: "invalid_input" for key in sorted(unknown)})
    facts = _checked(replace(_facts(claim), **changes))
    stored = _values(_facts(claim))
    diff = {name: (stored[name], value) for name, value in _values(facts).items()}
    diff = {name: pair for name, pair in diff.items() if pair[0] != pair[1]}
    if diff:
        multiple = freight_multiple(session)
        _apply(claim, facts)
        _work_out(claim, multiple)
        flush(session)
        audit.record(session, actor, "claim", claim.id, "update", diff)
    return view(session, claim)


def set_evidence(
    session: Session, claim_id: int, ticks: dict[str, bool], *, expected_version: int, actor: Actor
) -> ClaimView:
    """Tick or untick checklist items (unknown items are refused)."""
    claim = load_claim(session, claim_id)
    check_version(session, "claim", claim.id, claim.version, expected_version)
    if CLAIM.is_terminal(claim.status):
        raise ValidationError("claim_ended", status=CLAIM.label(claim.status))
    unknown = set(ticks) - set(EVIDENCE_CODES)
    if unknown:
        raise ValidationError(fields={key: "invalid_input" for key in sorted(unknown)})
    current = dict(claim.evidence or {})
    changed = {code: bool(value) for code, value in ticks.items() if bool(current.get(code)) != bool(value)}
    if changed:
        claim.evidence = current | changed
        flush(session)
        audit.record(session, actor, "claim", claim.id, "evidence", changed)
    return view(session, claim)


def move_claim(
    session: Session,
    claim_id: int,
    status: str,
    *,
    expected_version: int,
    actor: Actor,
    note: str | None = None,
    approved_amount: Decimal | None = None,
) -> ClaimView:
    """Move a claim along 登记 → 材料待补 → 已提交 → 已审核 → 已赔付 / 驳回."""
    claim = load_claim(session, claim_id)
    check_version(session, "claim", claim.id, claim.version, expected_version)
    CLAIM.check(claim.status, status)
    note = clean(note)
    if approved_amount is not None:
        _check_money({"approved_amount": approved_amount})
        claim.approved_amount = approved_amount
    missing = [
        item.label for item in checklist(claim.evidence, claim.loss_type, claim.claimant_relation) if item.missing
    ]
    if status == "submitted" and missing:
        raise ValidationError("claim_evidence_missing", count=len(missing), items="、".join(missing))
    if status in ("reviewed", "paid") and claim.approved_amount is None:
        raise ValidationError("claim_approved_needed", fields={"approved_amount": "claim_approved_needed"})
    if status == "rejected" and not note:
        raise ValidationError("claim_reason_needed", fields={"note": "claim_reason_needed"})
    old = claim.status
    claim.status = status
    claim.closed_at = _now() if CLAIM.is_terminal(status) else None
    flush(session)
    changes: dict[str, Any] = {"status": (old, status), "note": note}
    if approved_amount is not None:
        changes["approved_amount"] = approved_amount
    audit.record(session, actor, "claim", claim.id, "transition", changes)
    return view(session, claim)


def get_claim(session: Session, claim_id: int) -> ClaimView:
    return view(session, load_claim(session, claim_id))


def attachments(session: Session, claim_id: int) -> list[AttachmentView]:
    load_claim(session, claim_id)
    return list_attachments(session, OWNER, claim_id)


def add_photo(
    session: Session, claim_id: int, data: bytes, name: str | None, *, actor: Actor, label: str | None = None
) -> AttachmentView:
    """Check and store a photo or screenshot on the claim (app.attachments): in this one transaction, so a crash
    part-way leaves neither the picture nor its link."""
    load_claim(session, claim_id)
    added = attach(session, OWNER, claim_id, data, name, label=label, actor=actor)
    audit.record(session, actor, "claim", claim_id, "attach", {"name": added.name})
    return added


def remove_photo(
    session: Session, claim_id: int, link_id: int, *, actor: Actor, manager_pin: str | None = None
) -> None:
    """Take one attachment off the claim (only one of this claim's). A photo is evidence: removing it is a
    manager's decision (a clerk's needs a manager's PIN)."""
    load_claim(session, claim_id)
    mine = {a.id: a for a in list_attachments(session, OWNER, claim_id)}
    if link_id not in mine:
        raise NotFoundError("not_found", what="附件", key=link_id)
    manager = approver(session, actor, manager_pin)
    detach(session, link_id, actor=actor)
    changes = {"name": mine[link_id].name, "approved_by": manager.name}
    audit.record(session, actor, "claim", claim_id, "detach", changes)


def photos(session: Session, claim_id: int, limit: int = 6) -> list[tuple[AttachmentView, bytes]]:
    """The claim's first `limit` attachments with their bytes, for the form's photo grid."""
    return [(a, attachment_data(session, a.attachment_id)[0]) for a in attachments(session, claim_id)[:limit]]


def preview_compensation(session: Session, facts: ClaimFacts) -> Compensation:
    """The compensation of facts not saved yet (the form's "计算" button); raises ValidationError when the facts
    are not enough, naming the field."""
    return compute(_loss_facts(facts), freight_multiple=freight_multiple(session))


def timeline(session: Session, claim_id: int) -> list[TimelineEntry]:
    """What happened to the claim, oldest first: registered, facts changed, evidence ticked, status moved,
    photos added or removed — from the audit log, which records every change with who made it."""
    load_claim(session, claim_id)
    rows = session.execute(
        select(AuditEntry, Operator.name)
        .outerjoin(Operator, Operator.id == AuditEntry.operator_id)
        .where(AuditEntry.entity == "claim", AuditEntry.entity_id == claim_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return [TimelineEntry(entry.at, name, _describe(entry.action, entry.changes or {})) for entry, name in rows]


def _describe(action: str, changes: dict[str, Any]) -> str:
    if action == "transition":
        old, new = changes["status"]
        note = changes.get("note")
        return f"{CLAIM.label(old)} → {CLAIM.label(new)}" + (f"：{note}" if note else "")
    if action == "evidence":
        labels = {item.code: item.label for item in checklist(None, "late", None)}
        return "材料：" + "，".join(f"{labels.get(k, k)}{'已收' if v else '取消'}" for k, v in changes.items())
    if action == "update":
        return "修改：" + "、".join(text(f"claim_field_{name}") for name in changes)
    if action in ("attach", "detach"):
        return ("添加附件：" if action == "attach" else "删除附件：") + str(changes.get("name") or "")
    if action == "open":
        return f"登记理赔 {changes.get('claim_no', '')}"
    return action


def view(session: Session, claim: Claim) -> ClaimView:
    waybill = claim.waybill
    carrier = session.get(Carrier, waybill.carrier_id) if waybill.carrier_id else None
    facts = _facts(claim)
    compensation: Compensation | None = None
    problem: str | None = None
    try:
        compensation = compute(_loss_facts(facts), freight_multiple=freight_multiple(session))
    except UserError as exc:
        problem = exc.message()
    return ClaimView(
        id=claim.id,
        claim_no=claim.claim_no,
        version=claim.version,
        status=claim.status,
        status_label=CLAIM.label(claim.status),
        created_at=claim.created_at,
        closed_at=claim.closed_at,
        case_id=claim.case_id,
        case_kind=session.scalar(select(Case.kind).where(Case.id == claim.case_id)) if claim.case_id else None,
        facts=facts,
        computed_amount=claim.computed_amount,
        rule_text=claim.rule_text,
        compensation=compensation,
        compensation_problem=problem,
        evidence=checklist(claim.evidence, claim.loss_type, claim.claimant_relation),
        waybill_no=waybill.waybill_no,
        carrier=carrier.code if carrier else None,
        carrier_name=carrier.name if carrier else None,
        sender_name=waybill.sender_name,
        sender_phone=waybill.sender_phone,
        sender_address=waybill.sender_address,
        recipient_name=waybill.recipient_name,
        recipient_phone=waybill.recipient_phone,
        recipient_address=waybill.recipient_address,
        collecting_outlet=waybill.collecting_outlet,
        delivering_outlet=waybill.delivering_outlet,
        weight_collected_kg=waybill.weight_collected_kg,
        weight_arrived_kg=waybill.weight_arrived_kg,
        sent_at=waybill.sent_at,
        signed_at=waybill.signed_at,
    )


def _facts(claim: Claim) -> ClaimFacts:
    return ClaimFacts(**{name: getattr(_holder(claim, name), name) for name in FACT_FIELDS})


def _holder(claim: Claim, name: str) -> Any:
    """Where a fact is stored: the parcel's weights on its waybill, everything else on the claim."""
    return claim.waybill if name in WAYBILL_FIELDS else claim


def _values(facts: ClaimFacts) -> dict[str, Any]:
    return {name: getattr(facts, name) for name in FACT_FIELDS}


def _apply(claim: Claim, facts: ClaimFacts) -> None:
    for name, value in _values(facts).items():
        setattr(_holder(claim, name), name, value)


def _loss_facts(facts: ClaimFacts) -> LossFacts:
    return LossFacts(
        loss_type=facts.loss_type,
        loss_extent=facts.loss_extent,
        declared_value=facts.declared_value,
        actual_loss=facts.actual_loss,
        insured=facts.insured,
        insured_value=facts.insured_value,
        freight=facts.freight,
        quantity=facts.quantity,
        quantity_short=facts.quantity_short,
    )


def _work_out(claim: Claim, multiple: Decimal) -> None:
    """Store the compensation and its rule text; both empty while the facts are not enough. The multiple is read
    before the claim changes: reading it afterwards would flush the edit on its own and count two versions."""
    try:
        worked = compute(_loss_facts(_facts(claim)), freight_multiple=multiple)
    except ValidationError:
        claim.computed_amount, claim.rule_text = None, None
        return
    claim.computed_amount, claim.rule_text = worked.amount, worked.rule_text


def _move_case(session: Session, case_id: int, expected_version: int | None, claim_no: str, *, actor: Actor) -> None:
    """A stuck case that can still move goes to 转理赔; any other case gets a line in its timeline."""
    case = load_case(session, case_id)
    if case.kind == "stuck" and "to_claim" in STUCK.allowed(case.status):
        version = case.version if expected_version is None else expected_version
        transition(session, case_id, "to_claim", expected_version=version, actor=actor, note=claim_no)
        return
    check_version_of_case(session, case, expected_version)
    append_followup(session, case, f"已转理赔 {claim_no}", channel="system", actor=actor, at=_now())
    flush_case(session, case)


def _checked(facts: ClaimFacts) -> ClaimFacts:
    """Facts tidied (text trimmed) and checked; every problem is named on its field."""
    tidy: dict[str, Any] = {name: clean(getattr(facts, name)) for name in TEXT_LIMITS}
    tidy["claimant_phone"] = clean(facts.claimant_phone)
    facts = replace(facts, **tidy)
    problems: dict[str, str] = {}
    for name, labels in CODE_FIELDS.items():
        value = getattr(facts, name)
        if value is not None and value not in labels:
            problems[name] = "invalid_input"
    if facts.loss_type is None:
        problems["loss_type"] = "claim_loss_type_bad"
    for name, limit in TEXT_LIMITS.items():
        check_length(problems, name, getattr(facts, name), limit)
    check_phone(problems, "claimant_phone", facts.claimant_phone)
    problems |= _money_problems(_values(facts))
    for name in ("quantity", "quantity_short"):
        value = getattr(facts, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            problems[name] = "claim_quantity_bad"
    for name in WAYBILL_FIELDS:
        kg = getattr(facts, name)
        if kg is not None and (
            not isinstance(kg, Decimal) or not kg.is_finite() or not 0 <= kg < MAX_KG or kg != kg.quantize(GRAM)
        ):
            problems[name] = "claim_weight_bad"
    share = facts.responsible_share_pct
    if share is not None and (
        not isinstance(share, Decimal)
        or not share.is_finite()
        or not Decimal(0) <= share <= Decimal(100)
        or share != share.quantize(CENT)
    ):
        problems["responsible_share_pct"] = "claim_share_bad"
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems)
    return facts


def _money_problems(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name in MONEY_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            problems[name] = "invalid_input"
        elif value < 0:
            problems[name] = "claim_money_negative"
        elif value >= MAX_MONEY:
            problems[name] = "claim_money_too_big"
        elif value != value.quantize(CENT):
            problems[name] = "claim_money_cents"
    return problems


def _check_money(values: dict[str, Any]) -> None:
    problems = _money_problems(values)
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems)
