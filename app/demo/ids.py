"""Ids the demo assigns itself: tables in write order, next free ids, and moving a chunk's ids and the sequences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from app.claims.catalogue import claim_number
from app.demo.dice import Row, _local_date
from db.base import Base
from db.models import (
    Arbitration,
    Case,
    ChaseDetail,
    Claim,
    ComplaintDetail,
    Fine,
    Followup,
    InterceptDetail,
    Message,
    Note,
    NoteWaybill,
    RecipientFlag,
    ReturnShipment,
    StuckDetail,
    Todo,
    UnlabelledParcel,
    Waybill,
)

WRITE_ORDER: tuple[type[Base], ...] = (
    Waybill,
    Case,
    StuckDetail,
    ChaseDetail,
    ComplaintDetail,
    InterceptDetail,
    Message,
    Followup,
    Claim,
    Arbitration,
    Fine,
    ReturnShipment,
    RecipientFlag,
    Note,
    NoteWaybill,
    Todo,
    UnlabelledParcel,
)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


ID_MODELS = tuple(m for m in WRITE_ORDER if "id" in _table(m).c)


def _advance_sequences(session: Session, models: Iterable[type[Base]]) -> None:
    """Explicit ids do not move PostgreSQL's serial sequences; later ORM inserts would collide without this.

    Never moves one back: somebody else's insert may have taken a higher value meanwhile."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        session.execute(
            text(
                f"SELECT setval({sequence}, GREATEST((SELECT max(id) FROM {table}),"
                f" COALESCE(pg_sequence_last_value({sequence}::regclass), 1)))"
            )
        )


class _Ids:
    """Next free id per table: current max + 1, then counted on by the generator."""

    def __init__(self, session: Session, models: Sequence[type[Base]]) -> None:
        self._next = {m: int(session.scalar(select(func.max(_table(m).c.id))) or 0) + 1 for m in models}

    def take(self, model: type[Base]) -> int:
        value = self._next[model]
        self._next[model] = value + 1
        return value

    def snapshot(self) -> dict[type[Base], int]:
        return dict(self._next)


def _claim_no(created: datetime, claim_id: int) -> str:
    return claim_number(claim_id, _local_date(created))


# (column, table it points at) per table, for moving a chunk's ids
_REFERENCES = {
    m: [
        (c.key, fk.column.table.name)
        for c in _table(m).c
        for fk in c.foreign_keys
        if fk.column.table.name in {_table(t).name for t in ID_MODELS}
    ]
    for m in WRITE_ORDER
}


def _place(session: Session, rows: dict[type[Base], list[Row]], first_ids: dict[type[Base], int]) -> None:
    """Move a chunk's ids past rows somebody else wrote since they were counted (inside the write lock on SQLite).

    Ids were counted on from the previous chunk while this one was built; normally nothing changed and this only
    reads one max(id) per table.
    """
    current = _Ids(session, ID_MODELS).snapshot()
    offsets = {
        _table(m).name: current[m] - first_ids[m] for m in ID_MODELS if rows.get(m) and current[m] > first_ids[m]
    }
    if not offsets:
        return
    for model in WRITE_ORDER:
        own = offsets.get(_table(model).name, 0) if "id" in _table(model).c else 0
        refs = [(key, offsets[target]) for key, target in _REFERENCES[model] if target in offsets]
        if not own and not refs:
            continue
        for row in rows.get(model, ()):
            if own:
                row["id"] += own
            for key, offset in refs:
                if row.get(key) is not None:
                    row[key] += offset
            if model is Claim and own:
                row["claim_no"] = _claim_no(row["created_at"], row["id"])
