"""The columns one export writes: which, in what order, under which header, and what goes in each cell.

A catalogue is a tuple of `app.columns.Column` (key, Chinese and English header, width, formatter); an export
profile picks keys from it and may rename headers. Cells are the column's display text, except whole numbers
shown as they are (ids, days held), which stay numbers so Excel sorts and sums them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from app.columns import Column, Format, free_text, one_line, plain
from app.errors import ValidationError

if TYPE_CHECKING:
    from app.export.profiles import ExportProfileSpec

TARGET_LABELS = {"daily": "每日问题件日报", "cases": "案件清单"}  # what a profile is for


def masking_free_text(column: Column) -> Column:
    """The column as exports write it: free text (formatted by `one_line`) also gets its phones masked."""
    return replace(column, format=free_text) if column.format is one_line else column


@dataclass(frozen=True)
class Chosen:
    column: Column
    header: str

    @property
    def key(self) -> str:
        return self.column.key


RowCells = Callable[[Any], list[Any]]


def row_cells(columns: Sequence[Chosen], fmt: Format, *, text: bool = False) -> RowCells:
    """A function from a row object to its cells, set up once per export so a 10,000-row sheet pays no per-cell
    dispatch: one C-level attribute fetch per row, then only the columns that format call their formatter.

    Cells are the display text; a whole number shown as it is stays a number (Excel sorts it), and an empty value
    is None. With `text=True` every cell is a string, as a CSV or a clipboard copy needs."""
    fetch = attrgetter(*(c.key for c in columns))
    formatted = [(i, c.column.format) for i, c in enumerate(columns) if c.column.format is not plain]
    as_is = [i for i, c in enumerate(columns) if c.column.format is plain]
    single = len(columns) == 1

    def cells(row: Any) -> list[Any]:
        values = [fetch(row)] if single else list(fetch(row))
        for i, format_ in formatted:
            values[i] = format_(values[i], fmt) or None
        for i in as_is:
            value = values[i]
            if value is not None and value.__class__ is not str and (text or value.__class__ is not int):
                values[i] = str(value)
        if text:
            return ["" if v is None else v for v in values]
        return values

    return cells


def unknown_keys(catalogue: Sequence[Column], keys: Sequence[str]) -> list[str]:
    known = {c.key for c in catalogue}
    return [k for k in keys if k not in known]


def choose(
    catalogue: Sequence[Column],
    keys: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> list[Chosen]:
    """The columns in the given order (all of the catalogue when `keys` is None) with custom headers applied."""
    if keys is None:
        columns = list(catalogue)
    else:
        unknown = unknown_keys(catalogue, keys)
        if unknown:
            raise ValidationError(
                "export_unknown_columns", fields={"columns": "export_unknown_columns"}, keys="、".join(unknown)
            )
        by_key = {c.key: c for c in catalogue}
        columns = [by_key[k] for k in keys]
    custom = headers or {}
    return [Chosen(c, custom.get(c.key) or c.header(lang)) for c in columns]


def profile_columns(catalogue: Sequence[Column], target: str, profile: ExportProfileSpec | None) -> list[Chosen]:
    """The catalogue's columns as the profile arranges them (all of them without one); a profile made for another
    export is refused rather than half applied."""
    if profile is None:
        return choose(catalogue)
    if profile.target != target:
        label = TARGET_LABELS.get(profile.target, profile.target)
        raise ValidationError("export_profile_target", name=profile.name, target=label)
    return choose(catalogue, profile.columns, profile.headers)
