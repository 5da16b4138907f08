"""One timeline per parcel for the lookup centre: its cases of every kind, the 留言 and replies on its stuck cases,
claims, fines and notes, newest first; plus what its cases say about whom to call and who called.

Everything is read with a handful of Core queries for all matched parcels at once (a phone tail can match fifty).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.workflows import CLAIM, case_workflow
from db.models import Case, Claim, Fine, Message, Note, NoteWaybill, ProblemType

RECORD_TYPES = ("case", "message", "reply", "claim", "fine", "note")
_SNIPPET = 60


@dataclass(frozen=True)
class Record:
    type: str  # case | message | reply | claim | fine | note
    id: int
    kind: str | None  # case kind; claim loss type; fine reason; message direction (sent | received)
    status: str | None
    status_label: str | None
    at: datetime | None
    summary: str
    case_id: int | None = None  # the case a record belongs to (a message, a claim or fine raised on a case)


@dataclass
class CaseFacts:
    """What a parcel's live cases say beyond the timeline, newest case first."""

    caller_phones: list[str] = field(default_factory=list)
    courier_ids: list[int] = field(default_factory=list)
    outlet_ids: list[int] = field(default_factory=list)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _cases(
    session: Session, ids: list[int], records: dict[int, list[Record]], facts: dict[int, CaseFacts]
) -> dict[int, int]:
    rows = session.execute(
        select(
            Case.id,
            Case.waybill_id,
            Case.kind,
            Case.direction,
            Case.status,
            Case.opened_at,
            Case.detail,
            Case.caller_phone,
            Case.courier_id,
            Case.counterpart_outlet_id,
            ProblemType.name,
        )
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .where(Case.waybill_id.in_(ids), Case.deleted_at.is_(None))
        .order_by(Case.opened_at.desc(), Case.id.desc())
    ).all()
    stuck: dict[int, int] = {}
    for case_id, wid, kind, direction, status, opened_at, detail, caller, courier, outlet, problem in rows:
        label = case_workflow(kind, direction).label(status)
        summary = " ".join(p for p in (label, problem, _short(detail)) if p)
        records[wid].append(Record("case", case_id, kind, status, label, opened_at, summary, case_id))
        found = facts[wid]
        if caller and caller not in found.caller_phones:
            found.caller_phones.append(caller)
        if courier is not None and courier not in found.courier_ids:
            found.courier_ids.append(courier)
        if outlet is not None and outlet not in found.outlet_ids:
            found.outlet_ids.append(outlet)
        if kind == "stuck":
            stuck[case_id] = wid
    return stuck


def _messages(session: Session, stuck: dict[int, int], records: dict[int, list[Record]]) -> None:
    if not stuck:
        return
    rows = session.execute(
        select(Message.id, Message.case_id, Message.direction, Message.text, Message.at, Message.reply_text)
        .add_columns(Message.reply_at)
        .where(Message.case_id.in_(list(stuck)))
    ).all()
    for message_id, case_id, direction, text, at, reply_text, reply_at in rows:
        ours = direction == "sent"
        said = ("我方留言：" if ours else "对方留言：") + _short(text)
        records[stuck[case_id]].append(Record("message", message_id, direction, None, None, at, said, case_id))
        if reply_at is not None:
            answer = ("对方回复：" if ours else "我方回复：") + _short(reply_text)
            records[stuck[case_id]].append(
                Record("reply", message_id, direction, None, None, reply_at, answer, case_id)
            )


def _money(session: Session, ids: list[int], records: dict[int, list[Record]]) -> None:
    claims = session.execute(
        select(Claim.id, Claim.waybill_id, Claim.case_id, Claim.claim_no, Claim.loss_type, Claim.status)
        .add_columns(Claim.created_at)
        .where(Claim.waybill_id.in_(ids), Claim.deleted_at.is_(None))
    ).all()
    for claim_id, wid, case_id, claim_no, loss_type, status, created_at in claims:
        label = CLAIM.label(status)
        records[wid].append(
            Record("claim", claim_id, loss_type, status, label, created_at, f"{claim_no} {label}", case_id)
        )
    fines = session.execute(
        select(Fine.id, Fine.waybill_id, Fine.case_id, Fine.reason, Fine.result, Fine.amount, Fine.issued_at).where(
            Fine.waybill_id.in_(ids), Fine.deleted_at.is_(None)
        )
    ).all()
    for fine_id, wid, case_id, reason, result, amount, issued_at in fines:
        records[wid].append(Record("fine", fine_id, reason, result, None, issued_at, f"{reason} ¥{amount}", case_id))


def _notes(session: Session, numbers: dict[int, str], records: dict[int, list[Record]]) -> None:
    by_number = {no: wid for wid, no in numbers.items()}
    rows = session.execute(
        select(Note.id, Note.case_id, Note.title, Note.created_at, NoteWaybill.waybill_no)
        .join(NoteWaybill, NoteWaybill.note_id == Note.id)
        .where(NoteWaybill.waybill_no.in_(list(by_number)), Note.deleted_at.is_(None))
    ).all()
    for note_id, case_id, title, created_at, number in rows:
        records[by_number[number]].append(Record("note", note_id, None, None, None, created_at, title, case_id))


def timelines(session: Session, numbers: dict[int, str]) -> tuple[dict[int, list[Record]], dict[int, CaseFacts]]:
    """Per waybill id (with its number in `numbers`): its records newest first, and its cases' facts."""
    ids = list(numbers)
    records: dict[int, list[Record]] = {wid: [] for wid in ids}
    facts: dict[int, CaseFacts] = defaultdict(CaseFacts)
    if not ids:
        return records, facts
    stuck = _cases(session, ids, records, facts)
    _messages(session, stuck, records)
    _money(session, ids, records)
    _notes(session, numbers, records)
    for items in records.values():
        items.sort(key=lambda r: (r.at is not None, r.at or datetime.min, r.type == "case", r.id), reverse=True)
    return records, facts
