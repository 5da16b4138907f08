"""The lookup centre's search: a full or partial waybill, a phone's last 4 digits (also of a masked number or a
virtual number's extension) or a name → every parcel that matches, with everything recorded about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.waybills import normalise_waybill
from app.workflows import CLAIM, case_workflow
from db.models import Carrier, Case, Claim, Fine, Note, NoteWaybill, Waybill

MAX_MATCHES = 50


@dataclass(frozen=True)
class Record:
    type: str  # case | claim | fine | note
    id: int
    kind: str | None
    status: str | None
    status_label: str | None
    at: datetime | None
    summary: str


@dataclass(frozen=True)
class Match:
    waybill_no: str
    carrier: str | None
    records: list[Record]


@dataclass(frozen=True)
class LookupResult:
    query: str
    matches: list[Match]
    truncated: bool


def _waybill_ids(session: Session, q: str, limit: int) -> list[int]:
    number = normalise_waybill(q)
    conditions = []
    if len(number) >= 4 and number.isalnum():
        conditions.append(Waybill.waybill_no.contains(number, autoescape=True))
    if q.isdigit() and len(q) == 4:
        conditions += [
            Waybill.recipient_phone_tail == q,
            Waybill.sender_phone_tail == q,
            Waybill.recipient_phone_ext == q,
        ]
        conditions.append(Waybill.id.in_(select(Case.waybill_id).where(Case.caller_phone_tail == q)))
    if not q.isascii():
        conditions += [
            Waybill.recipient_name.contains(q, autoescape=True),
            Waybill.sender_name.contains(q, autoescape=True),
        ]
        conditions.append(Waybill.id.in_(select(Case.waybill_id).where(Case.caller_name.contains(q, autoescape=True))))
    if not conditions:
        return []
    query = select(Waybill.id).where(or_(*conditions)).order_by(Waybill.id.desc()).limit(limit)
    return list(session.scalars(query))


def lookup(session: Session, query: str) -> LookupResult:
    q = query.strip()
    ids = _waybill_ids(session, q, MAX_MATCHES + 1) if q else []
    truncated = len(ids) > MAX_MATCHES
    ids = ids[:MAX_MATCHES]
    if not ids:
        return LookupResult(query=query, matches=[], truncated=False)
    waybills = session.execute(
        select(Waybill.id, Waybill.waybill_no, Carrier.code)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .where(Waybill.id.in_(ids))
    ).all()
    records: dict[int, list[Record]] = {wid: [] for wid in ids}
    for case in session.scalars(select(Case).where(Case.waybill_id.in_(ids), Case.deleted_at.is_(None))):
        label = case_workflow(case.kind, case.direction).label(case.status)
        records[case.waybill_id].append(
            Record(
                "case", case.id, case.kind, case.status, label, case.opened_at, f"{label} {case.detail or ''}".strip()
            )
        )
    for claim in session.scalars(select(Claim).where(Claim.waybill_id.in_(ids), Claim.deleted_at.is_(None))):
        records[claim.waybill_id].append(
            Record(
                "claim",
                claim.id,
                claim.loss_type,
                claim.status,
                CLAIM.label(claim.status),
                claim.created_at,
                f"{claim.claim_no} {CLAIM.label(claim.status)}",
            )
        )
    for fine in session.scalars(select(Fine).where(Fine.waybill_id.in_(ids), Fine.deleted_at.is_(None))):
        records[fine.waybill_id].append(
            Record("fine", fine.id, fine.reason, fine.result, None, fine.issued_at, f"{fine.reason} ¥{fine.amount}")
        )
    numbers = {wid: no for wid, no, _ in waybills}
    by_number = {no: wid for wid, no in numbers.items()}
    notes = session.execute(
        select(Note, NoteWaybill.waybill_no)
        .join(NoteWaybill, NoteWaybill.note_id == Note.id)
        .where(NoteWaybill.waybill_no.in_(list(by_number)), Note.deleted_at.is_(None))
    ).all()
    for note, number in notes:
        records[by_number[number]].append(Record("note", note.id, None, None, None, note.created_at, note.title))
    for items in records.values():
        items.sort(key=lambda r: (r.at is None, r.at), reverse=True)
    order = {wid: i for i, wid in enumerate(ids)}
    matches = [
        Match(waybill_no=no, carrier=carrier, records=records[wid])
        for wid, no, carrier in sorted(waybills, key=lambda w: order[w[0]])
    ]
    return LookupResult(query=query, matches=matches, truncated=truncated)
