"""Case lists straight from SQL: filters, sort, counts and keyset pages, for the GUI's big lists, CLI and exports.

One query per page (no per-row lookups): core columns joined with waybill, carrier, problem type, handler and
courier names. Sorting is keyset-based on (sort column, id) so page N costs the same as page 1.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from app.errors import ValidationError
from app.paging import keyset, walk
from app.phones import is_phone_tail_query
from app.workflows import CASE_KINDS, DIRECTIONS, case_workflow, open_statuses
from db.models import Carrier, Case, Courier, Operator, ProblemType, Waybill


@dataclass(frozen=True)
class CaseFilter:
    kind: str | None = None
    direction: str | None = None
    status: str | None = None
    open_only: bool = False
    waybill: str | None = None  # full or partial number
    opened_from: datetime | None = None  # inclusive
    opened_to: datetime | None = None  # exclusive
    text: str | None = None  # waybill part, phone tail or caller name


@dataclass(frozen=True)
class CaseRow:
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
    opened_at: datetime
    due_at: datetime | None
    callback_at: datetime | None
    closed_at: datetime | None
    last_followup_at: datetime | None
    handler: str | None
    courier: str | None
    caller_name: str | None
    caller_phone: str | None
    detail: str | None


SORTABLE: dict[str, Any] = {
    "id": Case.id,
    "opened_at": Case.opened_at,
    "due_at": Case.due_at,
    "closed_at": Case.closed_at,
    "status": Case.status,
    "kind": Case.kind,
    "priority": Case.priority,
    "waybill_no": Waybill.waybill_no,
    "last_followup_at": Case.last_followup_at,
}


def _base() -> Select:
    return (
        select(
            Case.id,
            Case.kind,
            Case.direction,
            Waybill.waybill_no,
            Carrier.code.label("carrier"),
            Carrier.name.label("carrier_name"),
            Case.status,
            Case.priority,
            ProblemType.code.label("problem_type"),
            ProblemType.name.label("problem_type_name"),
            Case.opened_at,
            Case.due_at,
            Case.callback_at,
            Case.closed_at,
            Case.last_followup_at,
            Operator.name.label("handler"),
            Courier.name.label("courier"),
            Case.caller_name,
            Case.caller_phone,
            Case.detail,
        )
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .outerjoin(Operator, Operator.id == Case.handler_id)
        .outerjoin(Courier, Courier.id == Case.courier_id)
    )


def _conditions(f: CaseFilter) -> list[ColumnElement[bool]]:
    if f.kind is not None and f.kind not in CASE_KINDS:
        raise ValidationError("bad_kind", kind=f.kind)
    if f.direction is not None and f.direction not in DIRECTIONS:
        raise ValidationError("bad_direction", direction=f.direction)
    cond: list[ColumnElement[bool]] = [Case.deleted_at.is_(None)]
    if f.kind:
        cond.append(Case.kind == f.kind)
    if f.direction:
        cond.append(Case.direction == f.direction)
    if f.status:
        cond.append(Case.status == f.status)
    if f.open_only:
        kinds = [f.kind] if f.kind else list(CASE_KINDS)
        cond.append(or_(*(and_(Case.kind == k, Case.status.in_(open_statuses(k, f.direction))) for k in kinds)))
    if f.waybill:
        cond.append(Waybill.waybill_no.contains(f.waybill.strip().upper(), autoescape=True))
    if f.opened_from:
        cond.append(Case.opened_at >= f.opened_from)
    if f.opened_to:
        cond.append(Case.opened_at < f.opened_to)
    if f.text and f.text.strip():
        cond.append(matches_text(f.text))
    return cond


def matches_text(query: str) -> ColumnElement[bool]:
    """What a clerk types in a list's search box: part of a waybill number or a phone's last four digits (ASCII),
    or part of a recipient's or caller's name (Chinese).

    Numbers are selective: a UNION of case ids, each part answered by one index or one narrow scan (an OR over
    the joined list would scan all of it). A name is not (王 matches one parcel in ten), so it is checked per
    row of what the other filters leave: a page stops after its 200 rows, and a count walks one list's index
    instead of building and probing a set of 30,000 ids (200,000 cases: 40 ms instead of 200 ms)."""
    q = query.strip()
    if not q.isascii():
        named = aliased(Waybill)
        recipient = select(named.id).where(
            named.id == Case.waybill_id, named.recipient_name.contains(q, autoescape=True)
        )
        return or_(recipient.correlate_except(named).exists(), Case.caller_name.contains(q, autoescape=True))
    by_waybill = [Waybill.waybill_no.contains(q.upper(), autoescape=True)]
    by_case: list[ColumnElement[bool]] = []
    if is_phone_tail_query(q):
        by_waybill.append(Waybill.recipient_phone_tail == q)
        by_case.append(Case.caller_phone_tail == q)
    parts = [select(Case.id).where(Case.waybill_id.in_(select(Waybill.id).where(w))) for w in by_waybill]
    parts += [select(Case.id).where(c) for c in by_case]
    return Case.id.in_(union(*parts))


def _row(r: Any) -> CaseRow:
    data = r._asdict()
    data["status_label"] = case_workflow(data["kind"], data["direction"]).label(data["status"])
    return CaseRow(**data)


def count(session: Session, f: CaseFilter) -> int:
    query = select(func.count()).select_from(Case)
    if f.waybill:  # the only filter that looks at the joined waybill
        query = query.join(Waybill, Waybill.id == Case.waybill_id)
    return int(session.scalar(query.where(*_conditions(f))) or 0)


def page(
    session: Session,
    f: CaseFilter,
    *,
    sort: str = "opened_at",
    descending: bool = True,
    after: tuple[Any, int] | None = None,
    limit: int = 200,
) -> list[CaseRow]:
    """One keyset page: rows strictly after `after` = (sort value, id) of the previous page's last row."""
    if sort not in SORTABLE:
        raise ValidationError(fields={"sort": "invalid_input"})
    column = SORTABLE[sort]
    nullable = bool(column.property.columns[0].nullable)
    query = keyset(
        _base().where(*_conditions(f)),
        column,
        Case.id,
        nullable=nullable,
        descending=descending,
        after=after,
        limit=limit,
    )
    return [_row(r) for r in session.execute(query)]


def sort_key(row: CaseRow, sort: str) -> tuple[Any, int]:
    return getattr(row, sort), row.id


def iterate(
    session: Session, f: CaseFilter, *, sort: str = "opened_at", descending: bool = True, batch: int = 1000
) -> Iterator[CaseRow]:
    """Every matching row, fetched in keyset pages (for exports and the CLI)."""
    return walk(
        lambda after, limit: page(session, f, sort=sort, descending=descending, after=after, limit=limit),
        lambda row: sort_key(row, sort),
        batch,
    )


def by_ids(session: Session, ids: Sequence[int]) -> list[CaseRow]:
    rows = {r.id: _row(r) for r in session.execute(_base().where(Case.id.in_(list(ids))))}
    return [rows[i] for i in ids if i in rows]
