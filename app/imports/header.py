"""From a grid of raw cells to a Table: fill merged cells, find the header under the title rows, drop blank rows
and the total and note rows carrier systems append at the end.

Carrier exports put a title, the outlet name or the export date above the header, sometimes a two-row header whose
upper row is a merged group label, and a 合计 row or a "制表人：" line below the data. Clerks should not have to
delete those by hand before importing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from app.imports.guards import ImportRefused
from app.imports.table import SourceRow, Table, normalise_header

HeaderHint = Callable[[str], bool]
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column: grid indexes, inclusive

_CANDIDATES = 30  # the header is looked for among this many non-blank rows from the top
_LABEL_LENGTH = 40
_TOTAL = re.compile(r"^(合计|总计|小计|汇总|总数|共\d+(条|行|件|单|票|个|笔|项)|total|grandtotal|sum\b)", re.IGNORECASE)
_NOTE = re.compile(
    r"^((制表|制单|填表|导出|打印|审核|复核|经办)人?|操作员|(导出|打印|制表|生成|统计)(时间|日期)|数据来源|备注|说明|注)[:：]"
    r"|^第\d+页"
)
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_NOTE_CELLS = 3  # a note row holds at most this many different values


@dataclass
class Grid:
    """Rows as a reader got them. `numbers[i]` is the row number the clerk sees for `rows[i]`; rows are lists so
    merged cells can be filled in place."""

    numbers: Sequence[int]
    rows: list[list[Any]]
    merges: Sequence[Merge] = field(default=())


def shape_table(
    grid: Grid,
    *,
    name: str,
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
    header_hint: HeaderHint | None = None,
) -> Table:
    """Find the header, keep the data rows below it, and list the rows left out."""
    fill_merges(grid.rows, grid.merges)
    candidates = _first_filled_rows(grid.rows, _CANDIDATES + 1)
    if not candidates:
        if sheet is not None:
            raise ImportRefused("import_sheet_empty", sheet=sheet)
        raise ImportRefused("import_no_data", name=name)
    header_index = _find_header(grid, candidates, header_hint)
    headers = header_texts(grid, header_index)
    width = _used_width(headers)
    rows, ignored = _data_rows(grid, header_index, width)
    _trim_tail(rows, ignored)
    return Table(
        name=name,
        sheet=sheet,
        sheets=sheets,
        header_row=grid.numbers[header_index],
        headers=tuple(headers[:width]),
        rows=tuple(rows),
        ignored=tuple(sorted(ignored)),
    )


def fill_merges(rows: list[list[Any]], merges: Sequence[Merge]) -> None:
    """Give every cell a merged range covers the value of its top-left cell, as the clerk sees it on screen."""
    height = len(rows)
    for first_row, first_column, last_row, last_column in merges:
        if not 0 <= first_row < height or not 0 <= first_column < len(rows[first_row]):
            continue
        value = rows[first_row][first_column]
        if is_blank(value):
            continue
        for row in rows[first_row : min(last_row, height - 1) + 1]:
            for column in range(first_column, min(last_column, len(row) - 1) + 1):
                if is_blank(row[column]):
                    row[column] = value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_is_blank(cells: Sequence[Any]) -> bool:
    for value in cells:
        if value is None or value == "":
            continue
        if not isinstance(value, str) or value.strip():
            return False
    return True


def _first_filled_rows(rows: list[list[Any]], count: int) -> list[int]:
    found: list[int] = []
    for index, cells in enumerate(rows):
        if not row_is_blank(cells):
            found.append(index)
            if len(found) == count:
                break
    return found


# the header


def _find_header(grid: Grid, candidates: list[int], hint: HeaderHint | None) -> int:
    """The row with most known header words (ties: the one with data below it, then the earliest); without a
    hint or a hit, the first row of short labels that has data below it."""
    followed_by_data = {
        index: following is not None and _has_data(grid.rows[following])
        for index, following in zip(candidates, [*candidates[1:], None], strict=True)
    }
    candidates = candidates[:_CANDIDATES]
    if hint is not None:
        scores = {index: _hint_hits(header_texts(grid, index), hint) for index in candidates}
        best = max(candidates, key=lambda index: (scores[index], followed_by_data[index], -index))
        if scores[best]:
            return _below_group_label(grid, best)
    widest = max(sum(not is_blank(value) for value in grid.rows[index]) for index in candidates)
    labelled = [index for index in candidates if _looks_like_header(grid.rows[index], widest)]
    for index in labelled:
        if followed_by_data[index]:
            return _below_group_label(grid, index)
    return _below_group_label(grid, labelled[0] if labelled else candidates[0])


def _below_group_label(grid: Grid, index: int) -> int:
    """A group-label row is the upper half of a two-row header: the header row is the one below it."""
    below = index + 1
    if below < len(grid.rows) and _grouped_columns(grid, below):
        return below
    return index


def _hint_hits(headers: Sequence[str], hint: HeaderHint) -> int:
    return len({key for text in headers if (key := normalise_header(text)) and hint(key)})


def _is_label(value: Any) -> bool:
    """Short text that is mostly not digits: what header cells look like and most data cells do not."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or len(text) > _LABEL_LENGTH:
        return False
    return sum(character.isdigit() for character in text) * 2 < len(text)


def _looks_like_header(cells: Sequence[Any], widest: int) -> bool:
    filled = [value for value in cells if not is_blank(value)]
    labels = sum(map(_is_label, filled))
    distinct = len({str(value).strip() for value in filled})
    return labels * 4 >= len(filled) * 3 and distinct >= min(2, widest) and len(filled) * 2 >= widest


def _has_data(cells: Sequence[Any]) -> bool:
    return any(not is_blank(value) and not _is_label(value) for value in cells)


def header_texts(grid: Grid, index: int) -> list[str]:
    """The header row's texts; when the row above is a merged group label ("收件人" over "姓名 | 电话") each
    covered column gets the label in front ("收件人姓名")."""
    lower = [_header_text(value) for value in grid.rows[index]]
    grouped = _grouped_columns(grid, index)
    if not grouped:
        return lower
    upper = [_header_text(value) for value in grid.rows[index - 1]]
    upper += [""] * (len(lower) - len(upper))
    return [
        _joined(upper[column], text) if column in grouped else text or upper[column]
        for column, text in enumerate(lower)
    ]


def _grouped_columns(grid: Grid, index: int) -> set[int]:
    """Columns under a group label: merged across columns in the row just above, not reaching into the header
    row. A lone label merged from the first column or over every header column is a title, not a group."""
    if index == 0:
        return set()
    grouped: set[int] = set()
    for first_row, first_column, last_row, last_column in grid.merges:
        if first_row <= index - 1 == last_row and last_column > first_column:
            grouped.update(range(first_column, last_column + 1))
    if not grouped:
        return grouped
    above = grid.rows[index - 1]
    labels = {str(value).strip() for value in above if not is_blank(value)}
    filled_below = {column for column, value in enumerate(grid.rows[index]) if not is_blank(value)}
    if len(labels) == 1 and (0 in grouped or filled_below <= grouped):
        return set()
    return grouped


def _joined(upper: str, lower: str) -> str:
    if not lower:
        return upper
    if lower.startswith(upper):
        return lower
    return upper + lower


def _header_text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _used_width(headers: list[str]) -> int:
    for column in range(len(headers), 0, -1):
        if headers[column - 1]:
            return column
    return 0


# the rows


def _data_rows(grid: Grid, header_index: int, width: int) -> tuple[list[SourceRow], list[int]]:
    """Each row cut or padded to the header's width once; blank rows are left out and listed."""
    kept: list[SourceRow] = []
    ignored: list[int] = []
    numbers = grid.numbers
    rows = grid.rows
    for index in range(header_index + 1, len(rows)):
        cells = rows[index]
        size = len(cells)
        if size > width:
            cells = cells[:width]
        elif size < width:
            cells = cells + [None] * (width - size)
        first = cells[0] if cells else None
        blank_start = first is None or (first.__class__ is str and not first.strip())
        if blank_start and row_is_blank(cells):  # a row whose first cell holds something is no blank row
            ignored.append(numbers[index])
        else:
            kept.append(SourceRow(numbers[index], tuple(cells)))
    return kept, ignored


def _trim_tail(rows: list[SourceRow], ignored: list[int]) -> None:
    """Total and note rows are dropped only from the end: a row in the middle is data, however it looks."""
    while rows and (_is_note_row(rows[-1].cells) or _is_total_row(rows[-1].cells, rows, len(rows) - 1)):
        ignored.append(rows.pop().number)


def _first_text(cells: Sequence[Any]) -> str:
    for value in cells:
        if not is_blank(value):
            return re.sub(r"\s+", "", str(value))
    return ""


def _is_note_row(cells: Sequence[Any]) -> bool:
    distinct = {str(value).strip() for value in cells if not is_blank(value)}
    return len(distinct) <= _NOTE_CELLS and bool(_NOTE.match(_first_text(cells)))


def _is_total_row(cells: Sequence[Any], rows: list[SourceRow], end: int) -> bool:
    return bool(_TOTAL.match(_first_text(cells))) or _is_sum_row(cells, rows, end)


def _is_sum_row(cells: Sequence[Any], rows: list[SourceRow], end: int) -> bool:
    """No value in the first column, only numbers elsewhere, and one of them the sum of its column above."""
    if not cells or not is_blank(cells[0]):
        return False
    totals = {column: _number(value) for column, value in enumerate(cells) if not is_blank(value)}
    if not totals or None in totals.values():
        return False
    return any(_sums_column(rows, end, column, total) for column, total in totals.items() if total is not None)


def _sums_column(rows: list[SourceRow], end: int, column: int, total: float) -> bool:
    values = [number for row in rows[:end] if (number := _number(row.cells[column])) is not None]
    return len(values) >= 2 and abs(sum(values) - total) < 0.005


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return float(value.strip().replace(",", ""))
    return None
