"""Arbitration (仲裁 / 判责): who pays for a loss or a failed interception between outlets.

One is filed per waybill against (or by) another party, optionally linked to the claim and the fine it is about.
Our statement is due `arbitration_reply_days` local days after filing unless the carrier says otherwise. A reply
is kept in the audit log with the deadline it answered, and clears `reply_due_at`: a filed arbitration with a
deadline and no decision is one that still owes a statement (the money-at-risk queue reads exactly that). The
decision — its text, day, our share of responsibility in per cent and the amount decided — ends it; `our_amount`
is that amount times our share. A decision does not touch the linked fine: the fine shows it, the clerk decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.carriers import find_or_create_waybill, parse
from app.deadlines import after_days
from app.directory.records import apply_changes, check_length, check_version, clean, flush
from app.errors import NotFoundError, ValidationError
from app.fine_views import REASONS, load_fine
from app.fines import amount_problem
from app.operators import require_manager
from app.waybills import normalise_waybill
from db.models import Arbitration, AuditEntry, Carrier, Claim, Fine, Operator, Waybill
from db.types import CENT

ENTITY = "arbitration"  # audit log entity
PARTY_LIMIT = 80
TEXT_LIMIT = 2000
EDITABLE = ("other_party", "filed_at", "reply_due_at", "claim_id", "fine_id")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class NewArbitration:
    waybill_no: str
    other_party: str  # the outlet or centre on the other side, as the clerk writes it
    filed_at: datetime | None = None  # default now
    reply_due_at: datetime | None = None  # default: filed + arbitration_reply_days
    claim_id: int | None = None
    fine_id: int | None = None
    carrier_code: str | None = None  # for a waybill not known yet


@dataclass(frozen=True)
class Reply:
    at: datetime
    operator: str | None
    text: str
    due_at: datetime | None  # the deadline it answered


@dataclass(frozen=True)
class ArbitrationView:
    id: int
    version: int
    waybill_no: str
    carrier: str | None
    carrier_name: str | None
    other_party: str | None
    filed_at: datetime
    reply_due_at: datetime | None  # our statement still owed by then; None once replied (or never asked)
    replies: tuple[Reply, ...]
    claim_id: int | None
    claim_no: str | None
    fine_id: int | None
    fine_reason_label: str | None
    fine_amount: Decimal | None
    fine_result: str | None
    decision: str | None
    decided_at: datetime | None
    our_share_pct: Decimal | None
    amount: Decimal | None  # the amount decided
    our_amount: Decimal | None  # amount × our share, to the fen
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.decided_at is None

    @property
    def replied_at(self) -> datetime | None:
        return self.replies[-1].at if self.replies else None


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: Any) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems)


def load_arbitration(session: Session, arbitration_id: int) -> Arbitration:
    found = session.get(Arbitration, arbitration_id, populate_existing=True)
    if found is None or found.deleted_at is not None:
        raise NotFoundError("not_found", what="仲裁", key=arbitration_id)
    return found


def file_arbitration(session: Session, new: NewArbitration, *, actor: Actor) -> ArbitrationView:
    """Record an arbitration; the claim and the fine it names must be about the same parcel."""
    other = clean(new.other_party)
    filed_at = new.filed_at or _now()
    problems: dict[str, str] = {}
    if other is None:
        problems["other_party"] = "required"
    check_length(problems, "other_party", other, PARTY_LIMIT)
    if not _aware(filed_at):
        problems["filed_at"] = "invalid_input"
    if new.reply_due_at is not None and not _aware(new.reply_due_at):
        problems["reply_due_at"] = "invalid_input"
    _refuse(problems)
    number = parse(session, new.waybill_no).number
    rules = settings.deadline_rules(session)
    due = new.reply_due_at or after_days(filed_at, rules.arbitration_reply_days, rules)
    if due < filed_at:
        raise ValidationError("arbitration_due_before_filing", fields={"reply_due_at": "arbitration_due_before_filing"})
    waybill = find_or_create_waybill(session, number, carrier_code=new.carrier_code)
    _check_links(session, waybill.id, new.claim_id, new.fine_id)
    arbitration = Arbitration(
        waybill_id=waybill.id,
        claim_id=new.claim_id,
        fine_id=new.fine_id,
        filed_at=filed_at,
        reply_due_at=due,
        other_party=other,
    )
    session.add(arbitration)
    flush(session)
    audit.record(
        session,
        actor,
        ENTITY,
        arbitration.id,
        "open",
        {"waybill_no": number, "other_party": other, "claim_id": new.claim_id, "fine_id": new.fine_id},
    )
    return get_arbitration(session, arbitration.id)


def get_arbitration(session: Session, arbitration_id: int) -> ArbitrationView:
    return _views(session, [load_arbitration(session, arbitration_id)])[0]


def list_arbitrations(
    session: Session,
    *,
    open_only: bool = False,
    waybill_no: str | None = None,
    fine_id: int | None = None,
    claim_id: int | None = None,
    reply_due_before: datetime | None = None,
    limit: int = 1000,
) -> list[ArbitrationView]:
    """Live arbitrations, the nearest reply deadline first (those owing nothing after), then by filing.
    `open_only`: no decision yet."""
    query: Select[Any] = select(Arbitration).where(Arbitration.deleted_at.is_(None))
    if open_only:
        query = query.where(Arbitration.decided_at.is_(None))
    if waybill_no:
        query = query.join(Waybill, Waybill.id == Arbitration.waybill_id).where(
            Waybill.waybill_no == normalise_waybill(waybill_no)
        )
    if fine_id is not None:
        query = query.where(Arbitration.fine_id == fine_id)
    if claim_id is not None:
        query = query.where(Arbitration.claim_id == claim_id)
    if reply_due_before is not None:
        query = query.where(Arbitration.reply_due_at < reply_due_before)
    query = query.order_by(
        Arbitration.reply_due_at.is_(None), Arbitration.reply_due_at, Arbitration.filed_at, Arbitration.id
    ).limit(limit)
    return _views(session, list(session.scalars(query)))


def record_reply(
    session: Session,
    arbitration_id: int,
    text: str,
    *,
    expected_version: int,
    actor: Actor,
    at: datetime | None = None,
) -> ArbitrationView:
    """Our statement or evidence went in at `at` (default now): nothing is owed any more until a new deadline is
    set. Refused once decided."""
    arbitration = load_arbitration(session, arbitration_id)
    check_version(session, ENTITY, arbitration.id, arbitration.version, expected_version)
    _check_undecided(arbitration)
    body = clean(text)
    at = at or _now()
    problems: dict[str, str] = {}
    if body is None:
        problems["text"] = "required"
    check_length(problems, "text", body, TEXT_LIMIT)
    if not _aware(at):
        problems["at"] = "invalid_input"
    elif at < arbitration.filed_at:
        problems["at"] = "arbitration_before_filing"
    _refuse(problems)
    changes = {"text": body, "at": at, "due": arbitration.reply_due_at}
    arbitration.reply_due_at = None
    flush(session)
    audit.record(session, actor, ENTITY, arbitration.id, "reply", changes)
    return get_arbitration(session, arbitration.id)


def decide_arbitration(
    session: Session,
    arbitration_id: int,
    decision: str,
    *,
    our_share_pct: Decimal,
    expected_version: int,
    actor: Actor,
    amount: Decimal | None = None,
    decided_at: datetime | None = None,
) -> ArbitrationView:
    """The ruling: its text, our share of the responsibility (0–100 %, to 0.01) and the amount decided. Final;
    nothing is owed after it. The linked fine is left as it is."""
    arbitration = load_arbitration(session, arbitration_id)
    check_version(session, ENTITY, arbitration.id, arbitration.version, expected_version)
    _check_undecided(arbitration)
    text = clean(decision)
    decided_at = decided_at or _now()
    problems: dict[str, str] = {}
    if text is None:
        problems["decision"] = "required"
    check_length(problems, "decision", text, TEXT_LIMIT)
    if share_problem(our_share_pct) is not None:
        problems["our_share_pct"] = "arbitration_share_bad"
    if amount is not None and (code := amount_problem(amount, allow_zero=True)) is not None:
        problems["amount"] = code
    if not _aware(decided_at):
        problems["decided_at"] = "invalid_input"
    elif decided_at < arbitration.filed_at:
        problems["decided_at"] = "arbitration_before_filing"
    _refuse(problems)
    arbitration.decision, arbitration.decided_at = text, decided_at
    arbitration.our_share_pct = Decimal(our_share_pct)
    arbitration.amount = Decimal(amount) if amount is not None else None
    changes = {"decision": text, "decided_at": decided_at, "our_share_pct": arbitration.our_share_pct}
    changes |= {"amount": arbitration.amount, "reply_due_at": arbitration.reply_due_at}
    arbitration.reply_due_at = None
    flush(session)
    audit.record(session, actor, ENTITY, arbitration.id, "decide", changes)
    return get_arbitration(session, arbitration.id)


def update_arbitration(
    session: Session, arbitration_id: int, changes: dict[str, Any], *, expected_version: int, actor: Actor
) -> ArbitrationView:
    """Correct the other party, the dates or the links, or set a new reply deadline; refused once decided."""
    arbitration = load_arbitration(session, arbitration_id)
    check_version(session, ENTITY, arbitration.id, arbitration.version, expected_version)
    _check_undecided(arbitration)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(fields=dict.fromkeys(unknown, "invalid_input"))
    values = dict(changes)
    problems: dict[str, str] = {}
    if "other_party" in values:
        values["other_party"] = clean(values["other_party"])
        if values["other_party"] is None:
            problems["other_party"] = "required"
        check_length(problems, "other_party", values["other_party"], PARTY_LIMIT)
    if "filed_at" in values and not _aware(values["filed_at"]):
        problems["filed_at"] = "invalid_input"
    if values.get("reply_due_at") is not None and not _aware(values["reply_due_at"]):
        problems["reply_due_at"] = "invalid_input"
    _refuse(problems)
    filed_at = values.get("filed_at", arbitration.filed_at)
    due = values.get("reply_due_at", arbitration.reply_due_at)
    if due is not None and due < filed_at:
        raise ValidationError("arbitration_due_before_filing", fields={"reply_due_at": "arbitration_due_before_filing"})
    if "claim_id" in values or "fine_id" in values:
        _check_links(
            session,
            arbitration.waybill_id,
            values.get("claim_id", arbitration.claim_id),
            values.get("fine_id", arbitration.fine_id),
        )
    apply_changes(session, actor, ENTITY, arbitration, values)
    return get_arbitration(session, arbitration.id)


def delete_arbitration(
    session: Session, arbitration_id: int, *, expected_version: int, actor: Actor, manager_pin: str | None = None
) -> None:
    """Soft delete, approved by the manager's PIN."""
    manager = require_manager(session, manager_pin)
    arbitration = load_arbitration(session, arbitration_id)
    check_version(session, ENTITY, arbitration.id, arbitration.version, expected_version)
    arbitration.deleted_at = _now()
    flush(session)
    audit.record(session, manager, ENTITY, arbitration.id, "delete", {"requested_by": actor.name})


def share_problem(value: Any) -> str | None:
    """None for a share of 0 to 100 per cent with at most two decimals, else the message code."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return "arbitration_share_bad"
    share = Decimal(value)
    if not share.is_finite() or not 0 <= share <= HUNDRED or share != share.quantize(CENT):
        return "arbitration_share_bad"
    return None


def our_amount(amount: Decimal | None, share: Decimal | None) -> Decimal | None:
    if amount is None or share is None:
        return None
    return (amount * share / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


# --- helpers ---------------------------------------------------------------------------------------------------


def _check_undecided(arbitration: Arbitration) -> None:
    if arbitration.decided_at is not None:
        raise ValidationError("arbitration_decided")


def _check_links(session: Session, waybill_id: int, claim_id: int | None, fine_id: int | None) -> None:
    if claim_id is not None:
        claim = session.get(Claim, claim_id)
        if claim is None or claim.deleted_at is not None:
            raise ValidationError(fields={"claim_id": "not_found"})
        if claim.waybill_id != waybill_id:
            raise ValidationError("link_other_waybill", fields={"claim_id": "link_other_waybill"})
    if fine_id is not None:
        try:
            fine = load_fine(session, fine_id)
        except NotFoundError:
            raise ValidationError(fields={"fine_id": "not_found"}) from None
        if fine.waybill_id != waybill_id:
            raise ValidationError("link_other_waybill", fields={"fine_id": "link_other_waybill"})


def _replies(session: Session, ids: list[int]) -> dict[int, list[Reply]]:
    out: dict[int, list[Reply]] = {}
    if not ids:
        return out
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.changes, Operator.name)
        .outerjoin(Operator, Operator.id == AuditEntry.operator_id)
        .where(AuditEntry.entity == ENTITY, AuditEntry.action == "reply", AuditEntry.entity_id.in_(ids))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    for entity_id, changes, name in rows:
        due = changes.get("due")
        reply = Reply(
            datetime.fromisoformat(changes["at"]),
            name,
            changes["text"],
            datetime.fromisoformat(due) if due else None,
        )
        out.setdefault(entity_id, []).append(reply)
    for replies in out.values():
        replies.sort(key=lambda r: r.at)
    return out


def _views(session: Session, rows: list[Arbitration]) -> list[ArbitrationView]:
    waybill_ids = {a.waybill_id for a in rows}
    waybills = {w.id: w for w in session.scalars(select(Waybill).where(Waybill.id.in_(waybill_ids)))}
    carrier_ids = {w.carrier_id for w in waybills.values() if w.carrier_id is not None}
    carriers = {c.id: c for c in session.scalars(select(Carrier).where(Carrier.id.in_(carrier_ids)))}
    claim_ids = {a.claim_id for a in rows if a.claim_id is not None}
    claims = {
        r.id: r.claim_no for r in session.execute(select(Claim.id, Claim.claim_no).where(Claim.id.in_(claim_ids)))
    }
    fine_ids = {a.fine_id for a in rows if a.fine_id is not None}
    fines = {f.id: f for f in session.scalars(select(Fine).where(Fine.id.in_(fine_ids)))}
    replies = _replies(session, [a.id for a in rows])
    out = []
    for a in rows:
        waybill = waybills[a.waybill_id]
        carrier = carriers.get(waybill.carrier_id or 0)
        fine = fines.get(a.fine_id) if a.fine_id is not None else None
        out.append(
            ArbitrationView(
                id=a.id,
                version=a.version,
                waybill_no=waybill.waybill_no,
                carrier=carrier.code if carrier else None,
                carrier_name=carrier.name if carrier else None,
                other_party=a.other_party,
                filed_at=a.filed_at,
                reply_due_at=a.reply_due_at,
                replies=tuple(replies.get(a.id, ())),
                claim_id=a.claim_id,
                claim_no=claims.get(a.claim_id) if a.claim_id is not None else None,
                fine_id=a.fine_id,
                fine_reason_label=REASONS.get(fine.reason, fine.reason) if fine else None,
                fine_amount=fine.amount if fine else None,
                fine_result=fine.result if fine else None,
                decision=a.decision,
                decided_at=a.decided_at,
                our_share_pct=a.our_share_pct,
                amount=a.amount,
                our_amount=our_amount(a.amount, a.our_share_pct),
                created_at=a.created_at,
            )
        )
    return out
