"""The recycle bin (回收站): what was deleted — notes, to-dos, phrases, fines, arbitrations, areas and places —
with when and by whom, and putting one back.

Deleting never removes a row (every record is soft-deleted and its deletion audited), so the bin is a view of
`deleted_at` plus the audit log. Putting back is a manager's decision like the deletion itself, and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import NotFoundError, ValidationError
from app.operators import approver
from db.models import Arbitration, Area, AuditEntry, Fine, Note, Operator, Phrase, Place, Todo, Waybill

SHOWN = 500  # newest first; an outlet that deletes more than this a year has other problems


@dataclass(frozen=True)
class Binned:
    """One kind of record the bin holds: its model, its audit entity and what names one row to a person."""

    label: str
    model: Any
    entity: str
    name: Any  # a column, or a correlated scalar subquery


BINNED: dict[str, Binned] = {
    "note": Binned("工作笔记", Note, "note", Note.title),
    "todo": Binned("待办", Todo, "todo", Todo.title),
    "phrase": Binned("话术", Phrase, "phrase", Phrase.title),
    "fine": Binned(
        "罚款",
        Fine,
        "fine",
        select(Waybill.waybill_no).where(Waybill.id == Fine.waybill_id).correlate(Fine).scalar_subquery(),
    ),
    "arbitration": Binned(
        "仲裁",
        Arbitration,
        "arbitration",
        select(Waybill.waybill_no).where(Waybill.id == Arbitration.waybill_id).correlate(Arbitration).scalar_subquery(),
    ),
    "area": Binned("区域", Area, "area", Area.name),
    "place": Binned("地点", Place, "place", Place.name),
}


@dataclass(frozen=True)
class BinItem:
    kind: str  # a key of BINNED
    id: int
    what: str  # the kind as a person reads it: 工作笔记, 罚款 …
    name: str  # the note's title, the fine's waybill …
    deleted_at: datetime
    deleted_by: str | None  # the operator the deletion is attributed to (None: not in the audit log)


def list_bin(session: Session, *, limit: int = SHOWN) -> list[BinItem]:
    """Deleted records, newest deletion first."""
    rows: list[tuple[str, int, str, datetime]] = []
    for kind, binned in BINNED.items():
        model = binned.model
        query = (
            select(model.id, binned.name, model.deleted_at)
            .where(model.deleted_at.is_not(None))
            .order_by(model.deleted_at.desc())
            .limit(limit)
        )
        rows += [(kind, row_id, str(name or ""), at) for row_id, name, at in session.execute(query)]
    rows.sort(key=lambda r: (r[3], r[1]), reverse=True)
    rows = rows[:limit]
    who = _deleted_by(session, rows)
    return [
        BinItem(kind, row_id, BINNED[kind].label, name, at, who.get((BINNED[kind].entity, row_id)))
        for kind, row_id, name, at in rows
    ]


def _deleted_by(session: Session, rows: list[tuple[str, int, str, datetime]]) -> dict[tuple[str, int], str]:
    """The operator of each row's latest "delete" audit entry."""
    out: dict[tuple[str, int], str] = {}
    by_entity: dict[str, list[int]] = {}
    for kind, row_id, _name, _at in rows:
        by_entity.setdefault(BINNED[kind].entity, []).append(row_id)
    for entity, ids in by_entity.items():
        query = (
            select(AuditEntry.entity_id, Operator.name)
            .join(Operator, Operator.id == AuditEntry.operator_id)
            .where(AuditEntry.entity == entity, AuditEntry.action == "delete", AuditEntry.entity_id.in_(ids))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
        for entity_id, name in session.execute(query):
            if entity_id is not None:  # selected by id, so always; the column itself is nullable
                out[(entity, entity_id)] = name  # the latest wins
    return out


def restore(session: Session, kind: str, item_id: int, *, actor: Actor, manager_pin: str | None = None) -> None:
    """Put one deleted record back where it was; a clerk needs a manager's PIN."""
    binned = BINNED.get(kind)
    if binned is None:
        raise ValidationError(fields={"kind": "invalid_input"})
    row = session.get(binned.model, item_id)
    if row is None or row.deleted_at is None:
        raise NotFoundError("not_found", what=binned.label, key=item_id)
    manager = approver(session, actor, manager_pin)
    row.deleted_at = None
    session.flush()
    audit.record(session, actor, binned.entity, item_id, "restore", {"approved_by": manager.name})
