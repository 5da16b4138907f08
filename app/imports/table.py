"""What a reader hands on: one sheet's header and data rows with the row numbers the clerk's spreadsheet shows."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

_DECORATION = re.compile(r"[\s*＊:：]+|[(（](必填|选填|可选)[)）]")


def normalise_header(text: object) -> str:
    """Header text compared the way a clerk reads it: full-width folded, spaces, line breaks, `*` marks,
    trailing colons and "(必填)" dropped, Latin letters lower-cased."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _DECORATION.sub("", folded).lower()


@dataclass(frozen=True)
class SourceRow:
    """One data row. `number` is the row number the spreadsheet shows (1-based, title and header rows
    counted; CSV and pasted text: the line number). `cells` holds raw values as the reader got them:
    str, int, float, bool, date, datetime, time, timedelta or None, one per header column."""

    number: int
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """One sheet of a file (or a pasted table) after the header was found and the tail trimmed."""

    name: str  # file name as the clerk knows it, or "粘贴的表格"
    sheet: str | None  # the sheet read (None for CSV and pasted text)
    sheets: tuple[str, ...]  # every sheet of the workbook, for the wizard's picker
    header_row: int  # row number (as shown) of the header
    headers: tuple[str, ...]  # header text as in the file (merged header cells filled in), "" for a blank one
    rows: tuple[SourceRow, ...]
    ignored: tuple[int, ...] = field(default=())  # row numbers dropped as total/summary or blank rows
