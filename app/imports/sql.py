"""The Core statements every import writer shares: work in chunks, reserve ids for new rows, insert many rows,
and update many rows with one executemany per set of changed columns.

New rows get their ids before the INSERT (not through RETURNING): a plain executemany is about twice as fast as
SQLAlchemy's batched INSERT … RETURNING, and the writer needs the ids anyway to link details and messages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

CHUNK = 500  # numbers per IN list: far below every engine's parameter limit
INSERT_CHUNK = 1000
REMEMBERED = 4096  # distinct values remembered per column (unique ones, such as times, soon stop being added)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids for `count` new rows. PostgreSQL: from the table's sequence, safe beside other writers. SQLite: after
    the current maximum, safe because a write transaction holds the database's write lock from its BEGIN."""
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        statement = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return list(session.scalars(statement, {"table": table.name, "count": count}))
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (every row with the same keys): one statement compiled once, values run through each column
    type's bind processor for this dialect (the generic JSON type's would hand psycopg a dict), then the driver's
    executemany in chunks. Half the time of handing the dicts to SQLAlchemy, which redoes the per-row parameter
    work a 50,000-row import cannot afford."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    keys = list(rows[0])
    compiled = insert(table).values({key: bindparam(key) for key in keys}).compile(dialect=dialect)
    processors = {key: _remembering(table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) for key in keys}
    order = list(compiled.positiontup or ()) if dialect.positional else keys
    values = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
    converted = [(i, process) for i, key in enumerate(order) if (process := processors[key]) is not None]
    sql = str(compiled)
    for part in chunks(rows, INSERT_CHUNK):
        tuples = [values(row) for row in part]
        if converted:  # column by column: one tight loop per converted column, NULLs passed straight through
            columns = list(zip(*tuples, strict=True))
            for i, process in converted:
                columns[i] = tuple([None if v is None else process(v) for v in columns[i]])
            tuples = list(zip(*columns, strict=True))
        params = tuples if dialect.positional else [dict(zip(order, cells, strict=True)) for cells in tuples]
        conn.exec_driver_sql(sql, params)


def _remembering(process: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """A bind processor that converts each distinct value once: every row of an import shares its `created_at`,
    and times, carriers and statuses repeat."""
    if process is None:
        return None
    seen: dict[tuple[type, Any], Any] = {}

    def remembered(value: Any) -> Any:
        key = (value.__class__, value)  # 1, 1.0 and True stay apart
        try:
            return seen[key]
        except KeyError:
            out = process(value)
            if len(seen) < REMEMBERED:
                seen[key] = out
            return out
        except TypeError:  # unhashable (a JSON document)
            return process(value)

    return remembered


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
        session.execute(update(table).where(where).values({**{n: bindparam(n) for n in names}, **extra}), batch)
