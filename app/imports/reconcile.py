"""The morning reconcile after a carrier problem-parcel import: what is new, what changed, which of our messages
got a reply, which parcels vanished from the carrier's list since the previous import, and — the ones that cost
fines — our open stuck cases that were never registered in the carrier system."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.imports.sql import chunks
from app.workflows import case_workflow
from db.models import Case, ImportBatch, ImportItem, StuckDetail, Waybill

SHOWN = 500  # entries listed per category; the counts are always complete
CATEGORIES = ("new", "changed", "replied", "vanished", "unregistered")

_ITEMS = cast(Table, ImportItem.__table__)


@dataclass(frozen=True)
class Entry:
    waybill_no: str
    case_id: int | None
    status: str | None  # the case's status label, None when the parcel has no stuck case
    opened_at: datetime | None


@dataclass
class Reconcile:
    counts: dict[str, int] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=dict)


def reconcile(
    session: Session,
    batch_id: int,
    *,
    new: Sequence[int],
    changed: Sequence[int],
    replied: Sequence[int],
) -> Reconcile:
    out = Reconcile()
    out.counts |= {"new": len(new), "changed": len(changed), "replied": len(set(replied))}
    out.entries["new"] = _cases(session, new[:SHOWN])
    out.entries["changed"] = _cases(session, changed[:SHOWN])
    out.entries["replied"] = _cases(session, sorted(set(replied))[:SHOWN])
    vanished = _vanished(session, batch_id)
    out.counts["vanished"] = len(vanished)
    out.entries["vanished"] = _waybills(session, vanished[:SHOWN])
    unregistered = list(
        session.scalars(
            select(Case.id)
            .join(StuckDetail, StuckDetail.case_id == Case.id)
            .where(
                Case.kind == "stuck",
                Case.deleted_at.is_(None),
                Case.closed_at.is_(None),
                StuckDetail.registered_by == "us",
                StuckDetail.in_carrier_system.is_(False),
            )
            .order_by(Case.opened_at, Case.id)
        )
    )
    out.counts["unregistered"] = len(unregistered)
    out.entries["unregistered"] = _cases(session, unregistered[:SHOWN])
    return out


def _vanished(session: Session, batch_id: int) -> list[int]:
    """Per carrier this import lists: the waybills of that carrier the previous stuck import with that carrier
    listed and this one does not. A morning brings one list per carrier; one carrier's list must not make another
    carrier's parcels look vanished."""
    listed = (
        select(_ITEMS.c.batch_id, _ITEMS.c.waybill_id, Waybill.carrier_id)
        .join(Waybill, Waybill.id == _ITEMS.c.waybill_id)
        .join(ImportBatch, ImportBatch.id == _ITEMS.c.batch_id)
        .where(ImportBatch.kind == "stuck")
        .subquery()
    )
    carriers = session.scalars(
        select(listed.c.carrier_id).where(listed.c.batch_id == batch_id, listed.c.carrier_id.is_not(None)).distinct()
    ).all()
    now_listed = select(_ITEMS.c.waybill_id).where(_ITEMS.c.batch_id == batch_id)
    gone: list[int] = []
    for carrier in sorted(carriers):
        previous = session.scalar(
            select(func.max(listed.c.batch_id)).where(listed.c.carrier_id == carrier, listed.c.batch_id < batch_id)
        )
        if previous is None:
            continue
        gone += session.scalars(
            select(listed.c.waybill_id).where(
                listed.c.batch_id == previous,
                listed.c.carrier_id == carrier,
                listed.c.waybill_id.not_in(now_listed),
            )
        ).all()
    return sorted(gone)


def _cases(session: Session, case_ids: Sequence[int]) -> list[Entry]:
    found: dict[int, Entry] = {}
    for part in chunks(list(case_ids)):
        rows = session.execute(
            select(Case.id, Case.direction, Case.status, Case.opened_at, Waybill.waybill_no)
            .join(Waybill, Waybill.id == Case.waybill_id)
            .where(Case.id.in_(part))
        )
        for row in rows:
            label = case_workflow("stuck", row.direction).label(row.status)
            found[row.id] = Entry(row.waybill_no, row.id, label, row.opened_at)
    return [found[i] for i in case_ids if i in found]


def _waybills(session: Session, waybill_ids: Sequence[int]) -> list[Entry]:
    """Each waybill with its newest stuck case, if any."""
    out: list[Entry] = []
    for part in chunks(list(waybill_ids)):
        newest: dict[int, Entry] = {}
        found = session.execute(select(Waybill.id, Waybill.waybill_no).where(Waybill.id.in_(part)))
        numbers = {row.id: row.waybill_no for row in found}
        rows = session.execute(
            select(Case.id, Case.waybill_id, Case.direction, Case.status, Case.opened_at)
            .where(Case.kind == "stuck", Case.deleted_at.is_(None), Case.waybill_id.in_(part))
            .order_by(Case.opened_at, Case.id)
        )
        for row in rows:
            label = case_workflow("stuck", row.direction).label(row.status)
            newest[row.waybill_id] = Entry(numbers[row.waybill_id], row.id, label, row.opened_at)
        out.extend(newest.get(w, Entry(numbers[w], None, None, None)) for w in part if w in numbers)
    return out
