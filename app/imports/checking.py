"""Every value of every row checked before anything is written: a row with one bad cell is rejected whole and
reported with the row number the clerk's spreadsheet shows, the header text and the reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from app.imports import values
from app.imports.directory_fields import EITHER
from app.imports.mapping import Field, fields_for
from app.imports.table import SourceRow, Table
from app.messages import text
from app.progress import Ticker


@dataclass(frozen=True)
class Rejected:
    row: int  # as the spreadsheet shows it
    column: str | None  # the header text in the file; None when the row as a whole is at fault
    reason: str  # one sentence in the clerk's language

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class Record:
    """One accepted row (or several rows of the same parcel folded into the first)."""

    row: int
    values: dict[str, Any]
    rows: list[int] = field(default_factory=list)  # every row folded in, the first included


@dataclass
class Checked:
    target: str
    rows: int  # data rows read
    records: list[Record]
    rejected: list[Rejected]
    folded: int  # rows that repeated a parcel already in the file


def converter(f: Field, *, tz: ZoneInfo, today: date) -> Callable[[Any], Any]:
    """The function that turns a raw cell into this field's value (None for an empty cell)."""
    kinds: dict[str, Callable[[Any], Any]] = {
        "waybill": lambda v: values.waybill_text(v) if not _blank(v) else None,
        "when": lambda v: values.when(v, tz=tz, today=today) if not _blank(v) else None,
        "day": lambda v: values.day(v, tz=tz, today=today) if not _blank(v) else None,
        "phone": values.phone,
        "text": lambda v: values.text(v, limit=f.limit),
        "int": values.integer,
        "money": values.money,
        "kg": values.decimal_kg,
        "flag": values.flag,
    }
    convert = kinds[f.kind]
    return convert if f.kind in _UNIQUE_KINDS else _memoised(convert)


_UNIQUE_KINDS = frozenset({"waybill"})  # one per row: remembering them would only cost memory
MEMO_SIZE = 4096


def _memoised(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Carrier exports repeat most cells (the carrier, the problem type, the courier, the day's times): each
    distinct raw value of a column is converted once. Keyed by type too, so 1, 1.0 and True stay apart; values
    that fail are converted (and fail) again, so every bad row is still reported."""
    seen: dict[tuple[type, Any], Any] = {}

    def cached(value: Any) -> Any:
        key = (value.__class__, value)
        try:
            return seen[key]
        except KeyError:
            pass
        except TypeError:  # unhashable: never from a reader, but never worth a crash
            return convert(value)
        out = convert(value)
        if len(seen) < MEMO_SIZE:
            seen[key] = out
        return out

    return cached


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


KEYS: dict[str, tuple[str, ...]] = {  # what makes two rows the same parcel (or count, or entry) within a file
    "deliveries": ("day", "courier"),
    "couriers": ("staff_no", "name"),
    "areas": ("area", "place"),
    "outlets": ("kind", "carrier", "name"),
    "contacts": ("name", "phone"),
    "fines": ("waybill_no", "reason", "issued_at", "amount"),  # a parcel may be fined twice, for two things
}
DEFAULT_KEY = ("waybill_no",)


def key_of(target: str, record_values: Mapping[str, Any]) -> tuple[Any, ...]:
    names = KEYS.get(target, DEFAULT_KEY)
    if names is DEFAULT_KEY:
        return (record_values.get("waybill_no"),)  # one per row of a 50,000-row file: no generator
    return tuple(record_values.get(name) for name in names)


def check(
    table: Table,
    target: str,
    mapping: Mapping[int, str],
    *,
    tz: ZoneInfo,
    today: date,
    lang: str = "zh",
    ticker: Ticker | None = None,
) -> Checked:
    """Convert and check every mapped cell; fold repeated parcels (later non-empty values win)."""
    fields = {f.name: f for f in fields_for(target)}
    columns = [(index, fields[name], converter(fields[name], tz=tz, today=today)) for index, name in mapping.items()]
    required = [f for f in fields.values() if f.required]
    either = EITHER.get(target, ())
    either_label = "/".join(fields[name].label for name in either)
    rows = table.rows
    converted, problems = _convert_columns(rows, columns, table.headers, lang, ticker)
    records: dict[tuple[Any, ...], Record] = {}
    rejected: list[Rejected] = []
    folded = 0
    for i, source in enumerate(rows):
        got = {name: column[i] for name, column in converted}
        found = problems.get(i, [])
        for f in required:
            if got.get(f.name) is None and not any(p.column == column_header(table, mapping, f.name) for p in found):
                reason = text("import_required_missing", lang, field=f.label)
                found.append(_Problem(column_header(table, mapping, f.name), reason))
        if either and all(got.get(name) is None for name in either) and not found:
            found.append(_Problem(None, text("import_required_missing", lang, field=either_label)))
        if found:
            rejected.extend(Rejected(source.number, p.column, p.reason) for p in found)
            continue
        key = key_of(target, got)
        earlier = records.get(key)
        if earlier is None:
            records[key] = Record(source.number, got, [source.number])
        else:
            folded += 1
            earlier.values.update({k: v for k, v in got.items() if v is not None})
            earlier.rows.append(source.number)
    return Checked(target, len(rows), list(records.values()), rejected, folded)


@dataclass(frozen=True)
class _Problem:
    column: str | None
    reason: str


def _convert_columns(
    rows: Sequence[SourceRow],
    columns: list[tuple[int, Field, Callable[[Any], Any]]],
    headers: tuple[str, ...],
    lang: str,
    ticker: Ticker | None,
) -> tuple[list[tuple[str, list[Any]]], dict[int, list[_Problem]]]:
    """Column by column (one converter, one tight loop): the converted values per field, and each row's
    problems in column order. Progress and Cancel are checked after each column."""
    problems: dict[int, list[_Problem]] = {}
    converted: list[tuple[str, list[Any]]] = []
    for position, (index, f, convert) in enumerate(columns, 1):
        out: list[Any] = [None] * len(rows)
        header = _column_name(headers, index)
        for i, source in enumerate(rows):
            cells = source.cells
            try:
                out[i] = convert(cells[index] if index < len(cells) else None)
            except values.ValueProblem as problem:
                problems.setdefault(i, []).append(_Problem(header, problem.message(lang)))
        converted.append((f.name, out))
        if ticker is not None:
            ticker.report(len(rows) * position // len(columns))
    return converted, problems


def _column_name(headers: tuple[str, ...], index: int) -> str:
    return headers[index] if index < len(headers) and headers[index] else f"第{index + 1}列"


def column_header(table: Table, mapping: Mapping[int, str], name: str) -> str | None:
    """The header text (or "第N列") of the column feeding a field; None when no column does."""
    return next((_column_name(table.headers, i) for i, n in mapping.items() if n == name), None)
