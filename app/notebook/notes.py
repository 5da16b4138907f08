"""Notes (工作笔记): dated entries with tags, pinned notes, the shift handover, and the waybills they mention.

Waybill numbers recognised in a note's title and body are kept in `note_waybills` (replaced on every edit) and
made waybill records when new, so the lookup centre finds the note by the number. Soft-deleted, edited with
optimistic locking like every record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.carriers import carrier_specs, find_or_create_waybill
from app.deadlines import local_date
from app.directory.places import split_keywords
from app.directory.records import check_length, check_version, clean, flush, now
from app.errors import NotFoundError, ValidationError
from app.notebook.recognise import recognise, waybill_numbers
from app.operators import approver
from db.models import Case, Note, NoteWaybill, Operator

TITLE_LIMIT = 200
BODY_LIMIT = 20_000
TAG_LIMIT = 20
TAGS_PER_NOTE = 10


@dataclass(frozen=True)
class NoteView:
    id: int
    day: date
    title: str
    body: str
    tags: list[str]
    pinned: bool
    handover: bool
    operator_name: str | None
    case_id: int | None
    waybills: list[str]
    created_at: datetime
    updated_at: datetime | None
    version: int


@dataclass(frozen=True)
class NoteForm:
    title: str
    body: str = ""
    day: date | None = None  # None: today in the outlet's zone
    tags: tuple[str, ...] = ()
    pinned: bool = False
    handover: bool = False
    case_id: int | None = None


def today(session: Session) -> date:
    """The outlet's calendar day now."""
    return local_date(now(), settings.deadline_rules(session))


def _views(session: Session, notes: Sequence[Note]) -> list[NoteView]:
    """Views of `notes` in their order, with operator names and waybills read in one query each."""
    ids = [n.id for n in notes]
    operator_ids = sorted({n.operator_id for n in notes if n.operator_id is not None})
    names = dict(session.execute(select(Operator.id, Operator.name).where(Operator.id.in_(operator_ids))).all())
    numbers: dict[int, list[str]] = {}
    if ids:
        rows = session.execute(
            select(NoteWaybill.note_id, NoteWaybill.waybill_no)
            .where(NoteWaybill.note_id.in_(ids))
            .order_by(NoteWaybill.note_id, NoteWaybill.waybill_no)
        )
        for note_id, number in rows:
            numbers.setdefault(note_id, []).append(number)
    return [
        NoteView(
            id=n.id,
            day=n.day,
            title=n.title,
            body=n.body or "",
            tags=list(n.tags or ()),
            pinned=bool(n.pinned),
            handover=bool(n.handover),
            operator_name=names.get(n.operator_id) if n.operator_id is not None else None,
            case_id=n.case_id,
            waybills=numbers.get(n.id, []),
            created_at=n.created_at,
            updated_at=n.updated_at,
            version=n.version,
        )
        for n in notes
    ]


def _live_note(session: Session, note_id: int) -> Note:
    note = session.get(Note, note_id, populate_existing=True)
    if note is None or note.deleted_at is not None:
        raise NotFoundError("not_found", what="笔记", key=note_id)
    return note


def _checked(session: Session, form: NoteForm) -> tuple[str, str, tuple[str, ...]]:
    """The form's title, body and tags as stored; ValidationError naming every bad field."""
    problems: dict[str, str] = {}
    title = clean(form.title)
    body = (form.body or "").strip()
    tags = split_keywords("、".join(form.tags))
    if title is None:
        problems["title"] = "required"
    check_length(problems, "title", title, TITLE_LIMIT)
    check_length(problems, "body", body, BODY_LIMIT)
    if any(len(tag) > TAG_LIMIT for tag in tags):
        problems["tags"] = "note_tag_too_long"
    elif len(tags) > TAGS_PER_NOTE:
        problems["tags"] = "note_too_many_tags"
    if form.case_id is not None:
        case = session.get(Case, form.case_id)
        if case is None or case.deleted_at is not None:
            problems["case_id"] = "note_case_missing"
    if problems:
        raise ValidationError(fields=problems)
    assert title is not None
    return title, body, tags


def _link_waybills(session: Session, note: Note) -> list[str]:
    """Replace the note's waybill links with the numbers its text holds now; new numbers become waybills."""
    specs, preferred = carrier_specs(session)
    numbers = waybill_numbers(recognise(f"{note.title}\n{note.body}", specs, preferred))
    session.execute(delete(NoteWaybill).where(NoteWaybill.note_id == note.id))
    for number in numbers:
        find_or_create_waybill(session, number)
        session.add(NoteWaybill(note_id=note.id, waybill_no=number))
    return numbers


def _fields(note: Note) -> dict[str, Any]:
    return {
        "day": note.day,
        "title": note.title,
        "body": note.body,
        "tags": list(note.tags or ()),
        "pinned": note.pinned,
        "handover": note.handover,
        "case_id": note.case_id,
    }


def save_note(
    session: Session, form: NoteForm, *, actor: Actor, note_id: int | None = None, version: int | None = None
) -> NoteView:
    """Write a new note (`note_id` None, written by `actor`) or change one read at `version`; a stale version
    raises ConflictError, a blank title ValidationError."""
    title, body, tags = _checked(session, form)
    if note_id is None:
        note, action, before = Note(operator_id=actor.id, day=form.day or today(session)), "add", {}
    else:
        note, action = _live_note(session, note_id), "update"
        check_version(session, "note", note.id, note.version, version)
        before = _fields(note)
        note.day = form.day or note.day
    note.title, note.body, note.tags = title, body, list(tags)
    note.pinned, note.handover, note.case_id = form.pinned, form.handover, form.case_id
    session.add(note)
    flush(session)
    after = _fields(note)
    changes: dict[str, Any] = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
    if action == "update" and not changes:
        return get_note(session, note.id)
    if action == "add" or {"title", "body"} & changes.keys():
        changes["waybills"] = tuple(_link_waybills(session, note))
        flush(session)
    audit.record(session, actor, "note", note.id, action, changes)
    return get_note(session, note.id)


def delete_note(session: Session, note_id: int, *, actor: Actor, manager_pin: str | None = None) -> None:
    """Soft delete: the note leaves every list, the search and the lookup; the row stays for the audit log. Notes
    are the outlet's record, so deleting one is a manager's decision (a clerk's needs a manager's PIN)."""
    note = _live_note(session, note_id)
    manager = approver(session, actor, manager_pin)
    note.deleted_at = now()
    flush(session)
    audit.record(session, actor, "note", note.id, "delete", {"title": note.title, "approved_by": manager.name})


def get_note(session: Session, note_id: int) -> NoteView:
    return _views(session, [_live_note(session, note_id)])[0]


def _live() -> Any:
    return Note.deleted_at.is_(None)


def _listed(session: Session, *conditions: Any, order: Sequence[Any]) -> list[NoteView]:
    return _views(session, session.scalars(select(Note).where(_live(), *conditions).order_by(*order)).all())


_NEWEST = (Note.created_at.desc(), Note.id.desc())


def notes_of_day(session: Session, day: date) -> list[NoteView]:
    """The day's notes: pinned first, then newest."""
    return _listed(session, Note.day == day, order=(Note.pinned.desc(), *_NEWEST))


def pinned_notes(session: Session) -> list[NoteView]:
    """Every pinned note, newest first, whatever its day."""
    return _listed(session, Note.pinned.is_(True), order=_NEWEST)


def handover_notes(session: Session, day: date) -> list[NoteView]:
    """The notes marked for the shift handover that day, in the order they were written."""
    return _listed(session, Note.day == day, Note.handover.is_(True), order=(Note.created_at, Note.id))


def notes_for_case(session: Session, case_id: int) -> list[NoteView]:
    """The notes attached to a case, newest first."""
    return _listed(session, Note.case_id == case_id, order=_NEWEST)


def notes_between(session: Session, first: date, last: date) -> list[NoteView]:
    """The notes of the days `first` to `last` (both included), by day and then time: what the exports print."""
    return _listed(session, Note.day >= first, Note.day <= last, order=(Note.day, Note.created_at, Note.id))
