"""The Core statements every import writer shares: work in chunks, insert many rows with their new ids, and
update many rows with one executemany per set of changed columns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, insert, update
from sqlalchemy.orm import Session

CHUNK = 500  # numbers per IN list: far below every engine's parameter limit
INSERT_CHUNK = 1000


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]], *returning: str) -> list[Any]:
    """INSERT rows (every row with the same keys) in chunks; the `returning` columns of each new row."""
    made: list[Any] = []
    for part in chunks(rows, INSERT_CHUNK):
        if returning:
            statement = insert(table).returning(*(table.c[name] for name in returning))
            made.extend(session.execute(statement, list(part)))
        else:
            session.execute(insert(table), list(part))
    return made


def update_many(
    session: Session,
    table: Table,
    key: str,
    rows: Sequence[dict[str, Any]],
    *,
    versioned_at: datetime | None = None,
) -> None:
    """UPDATE rows found by their `key` value (in each row under "b_" + key); one executemany per set of changed
    columns. With `versioned_at` the row's version is bumped (optimistic locking) and `updated_at` set."""
    bound = "b_" + key
    where: ColumnElement[bool] = table.c[key] == bindparam(bound)
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(sorted(k for k in row if k != bound)), []).append(row)
    for names, batch in shapes.items():
        extra: dict[str, Any] = {}
        if versioned_at is not None:
            extra = {"version": table.c.version + 1, "updated_at": versioned_at}
        session.execute(update(table).where(where).values({n: bindparam(n) for n in names}, **extra), batch)
