"""The stuck-parcel list straight from SQL: combinable filters, every column sortable, keyset pages, counts.

One query per page joins the case with its StuckDetail (thread summary included), waybill, carrier, problem
type, handler and courier; nothing is looked up per row. A case is overdue when it is open and its due time or
the earliest answer we owe has passed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.case_query import matches_text
from app.errors import ValidationError
from app.paging import sorted_page, walk
from app.workflows import DIRECTIONS, STUCK
from db.models import Carrier, Case, Courier, Operator, ProblemType, StuckDetail, Waybill


@dataclass(frozen=True)
class StuckFilter:
    statuses: tuple[str, ...] = ()  # any of these; empty: every status
    open_only: bool = False
    problem_types: tuple[str, ...] = ()  # ProblemType codes
    direction: str | None = None
    carrier: str | None = None  # Carrier code
    courier_id: int | None = None
    opened_from: datetime | None = None  # inclusive
    opened_to: datetime | None = None  # exclusive
    overdue: bool = False
    awaiting_reply: bool = False  # we wrote to the other outlet and wait
    owed: bool = False  # they wrote and we have not answered
    not_in_system: bool = False  # not yet registered in the carrier's system
    shelf: str | None = None
    text: str | None = None  # part of a waybill, a phone's last 4 digits, or a name

    def as_dict(self) -> dict[str, Any]:
        """JSON-able, for saved views."""
        data: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StuckFilter:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("opened_from", "opened_to"):
            if known.get(key):
                known[key] = datetime.fromisoformat(known[key])
        for key in ("statuses", "problem_types"):
            if key in known:
                known[key] = tuple(known[key] or ())
        return cls(**known)


@dataclass(frozen=True)
class StuckRow:
    id: int
    version: int
    direction: str
    waybill_no: str
    carrier: str | None
    carrier_name: str | None
    problem_type: str | None
    problem_type_name: str | None
    registered_by: str
    in_carrier_system: bool
    courier: str | None
    round_no: int | None
    opened_at: datetime
    shelf: str | None
    message_direction: str | None
    message_text: str | None
    message_at: datetime | None
    reply_text: str | None
    reply_at: datetime | None
    awaiting_reply: bool
    reply_due_at: datetime | None
    earliest_return_on: date | None
    status: str
    status_label: str
    handler: str | None
    last_followup_at: datetime | None
    due_at: datetime | None
    closed_at: datetime | None
    recipient_name: str | None
    recipient_phone: str | None
    detail: str | None

    @property
    def is_open(self) -> bool:
        return not STUCK.is_terminal(self.status)

    @property
    def next_due(self) -> datetime | None:
        """The earliest of the case's own due time and the answer we owe; None once the case is closed."""
        if not self.is_open:
            return None
        dues = [d for d in (self.due_at, self.reply_due_at) if d is not None]
        return min(dues) if dues else None


_HANDLER = Operator.name.label("handler")
_COURIER = Courier.name.label("courier")
SORTABLE: dict[str, Any] = {
    "id": Case.id,
    "waybill_no": Waybill.waybill_no,
    "carrier_name": Carrier.name,
    "direction": Case.direction,
    "problem_type_name": ProblemType.name,
    "registered_by": StuckDetail.registered_by,
    "in_carrier_system": StuckDetail.in_carrier_system,
    "courier": Courier.name,
    "round_no": StuckDetail.round_no,
    "opened_at": Case.opened_at,
    "shelf": StuckDetail.shelf,
    "message_text": StuckDetail.message_text,
    "message_at": StuckDetail.message_at,
    "reply_text": StuckDetail.reply_text,
    "reply_at": StuckDetail.reply_at,
    "reply_due_at": StuckDetail.reply_due_at,
    "earliest_return_on": StuckDetail.earliest_return_on,
    "status_label": Case.status,
    "handler": Operator.name,
    "last_followup_at": Case.last_followup_at,
    "due_at": Case.due_at,
}
_NOT_NULL = {"id", "waybill_no", "direction", "registered_by", "in_carrier_system", "opened_at", "status_label"}


def _base() -> Select:
    return (
        select(
            Case.id,
            Case.version,
            Case.direction,
            Waybill.waybill_no,
            Carrier.code.label("carrier"),
            Carrier.name.label("carrier_name"),
            ProblemType.code.label("problem_type"),
            ProblemType.name.label("problem_type_name"),
            StuckDetail.registered_by,
            StuckDetail.in_carrier_system,
            _COURIER,
            StuckDetail.round_no,
            Case.opened_at,
            StuckDetail.shelf,
            StuckDetail.message_direction,
            StuckDetail.message_text,
            StuckDetail.message_at,
            StuckDetail.reply_text,
            StuckDetail.reply_at,
            StuckDetail.awaiting_reply,
            StuckDetail.reply_due_at,
            StuckDetail.earliest_return_on,
            Case.status,
            _HANDLER,
            Case.last_followup_at,
            Case.due_at,
            Case.closed_at,
            Waybill.recipient_name,
            Waybill.recipient_phone,
            Case.detail,
        )
        .select_from(Case)
        .join(StuckDetail, StuckDetail.case_id == Case.id)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .outerjoin(Operator, Operator.id == Case.handler_id)
        .outerjoin(Courier, Courier.id == Case.courier_id)
    )


def _now() -> datetime:
    return datetime.now(UTC)


def conditions(f: StuckFilter, now: datetime | None = None) -> list[ColumnElement[bool]]:
    if f.direction is not None and f.direction not in DIRECTIONS:
        raise ValidationError("bad_direction", direction=f.direction)
    for status in f.statuses:
        STUCK.state(status)
    cond: list[ColumnElement[bool]] = [Case.kind == "stuck", Case.deleted_at.is_(None)]
    if f.statuses:
        cond.append(Case.status.in_(f.statuses))
    if f.open_only or f.overdue:
        cond.append(Case.status.in_(STUCK.open_codes))
    if f.problem_types:
        ids = select(ProblemType.id).where(ProblemType.kind == "stuck", ProblemType.code.in_(f.problem_types))
        cond.append(Case.problem_type_id.in_(ids.scalar_subquery()))
    if f.direction:
        cond.append(Case.direction == f.direction)
    if f.carrier:
        carrier_ids = select(Carrier.id).where(Carrier.code == f.carrier).scalar_subquery()
        cond.append(Waybill.carrier_id.in_(carrier_ids))
    if f.courier_id is not None:
        cond.append(Case.courier_id == f.courier_id)
    if f.opened_from:
        cond.append(Case.opened_at >= f.opened_from)
    if f.opened_to:
        cond.append(Case.opened_at < f.opened_to)
    if f.overdue:
        at = now or _now()
        cond.append(or_(Case.due_at < at, StuckDetail.reply_due_at < at))
    if f.awaiting_reply:
        cond.append(StuckDetail.awaiting_reply.is_(True))
    if f.owed:
        cond.append(StuckDetail.reply_due_at.is_not(None))
    if f.not_in_system:
        cond.append(StuckDetail.in_carrier_system.is_(False))
    if f.shelf and f.shelf.strip():
        cond.append(StuckDetail.shelf == f.shelf.strip())
    if f.text and f.text.strip():
        cond.append(matches_text(f.text))
    return cond


def _row(r: Any) -> StuckRow:
    data = r._asdict()
    data["status_label"] = STUCK.label(data["status"])
    return StuckRow(**data)


def count(session: Session, f: StuckFilter, *, now: datetime | None = None) -> int:
    """The SQL count, joining only what the filter looks at (a bare count reads one partial index)."""
    query = select(func.count()).select_from(Case)
    if f.overdue or f.awaiting_reply or f.owed or f.not_in_system or (f.shelf and f.shelf.strip()):
        query = query.join(StuckDetail, StuckDetail.case_id == Case.id)
    if f.carrier:
        query = query.join(Waybill, Waybill.id == Case.waybill_id)
    return int(session.scalar(query.where(and_(*conditions(f, now)))) or 0)


def page(
    session: Session,
    f: StuckFilter,
    *,
    sort: str = "opened_at",
    descending: bool = True,
    after: tuple[Any, int] | None = None,
    limit: int = 200,
    now: datetime | None = None,
) -> list[StuckRow]:
    """One keyset page: rows strictly after `after` = (sort value, id) of the previous page's last row."""
    query = sorted_page(
        _base().where(*conditions(f, now)),
        SORTABLE,
        _NOT_NULL,
        sort,
        id_column=Case.id,
        descending=descending,
        after=after,
        limit=limit,
    )
    return [_row(r) for r in session.execute(query)]


def sort_key(row: StuckRow, sort: str) -> tuple[Any, int]:
    value = row.status if sort == "status_label" else getattr(row, sort)
    return value, row.id


def iterate(
    session: Session, f: StuckFilter, *, sort: str = "opened_at", descending: bool = True, batch: int = 1000
) -> Iterator[StuckRow]:
    """Every matching row, fetched in keyset pages (for exports and the CLI)."""
    return walk(
        lambda after, limit: page(session, f, sort=sort, descending=descending, after=after, limit=limit),
        lambda row: sort_key(row, sort),
        batch,
    )


def by_ids(session: Session, ids: Sequence[int]) -> list[StuckRow]:
    rows = {r.id: _row(r) for r in session.execute(_base().where(Case.id.in_(list(ids))))}
    return [rows[i] for i in ids if i in rows]
