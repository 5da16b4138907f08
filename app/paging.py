"""Keyset paging shared by every big list: rows strictly after the last row of the previous page.

Sorting is on (sort column, id) so page N costs the same as page 1. NULLs sort last in both directions, on
SQLite and PostgreSQL alike (an explicit `column IS NULL` key, since the engines disagree by default).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any, TypeVar

from sqlalchemy import Select, literal, or_, tuple_

from app.errors import ValidationError

Row = TypeVar("Row")


def keyset(
    query: Select,
    column: Any,
    id_column: Any,
    *,
    nullable: bool,
    descending: bool,
    after: tuple[Any, int] | None,
    limit: int,
) -> Select:
    if after is not None:
        value, last_id = after
        keys, bound = tuple_(column, id_column), tuple_(literal(value, column.type), literal(last_id))
        later_id = (id_column < last_id) if descending else (id_column > last_id)
        if not nullable:
            query = query.where(keys < bound if descending else keys > bound)
        elif value is None:
            query = query.where(column.is_(None), later_id)  # among the NULLs only the id decides
        else:
            query = query.where(or_(keys < bound if descending else keys > bound, column.is_(None)))
    order = [column.desc() if descending else column.asc(), id_column.desc() if descending else id_column.asc()]
    if nullable:
        order.insert(0, column.is_(None))
    return query.order_by(*order).limit(limit)


def sorted_page(
    query: Select,
    sortable: Mapping[str, Any],
    not_null: Collection[str],
    sort: str,
    *,
    id_column: Any,
    descending: bool,
    after: tuple[Any, int] | None,
    limit: int,
) -> Select:
    """`keyset` on one of a list's named sort columns; an unknown name (a stale saved view) is refused."""
    if sort not in sortable:
        raise ValidationError(fields={"sort": "invalid_input"})
    nullable = sort not in not_null
    return keyset(query, sortable[sort], id_column, nullable=nullable, descending=descending, after=after, limit=limit)


def walk(
    fetch: Callable[[tuple[Any, int] | None, int], list[Row]],
    key: Callable[[Row], tuple[Any, int]],
    batch: int = 1000,
) -> Iterator[Row]:
    """Every row of a list, page after keyset page: `fetch(after, limit)` gives one page, `key(row)` its
    (sort value, id) for the next. Exports and the CLI use it so memory stays flat on 200,000 rows."""
    after: tuple[Any, int] | None = None
    while True:
        rows = fetch(after, batch)
        yield from rows
        if len(rows) < batch:
            return
        after = key(rows[-1])
