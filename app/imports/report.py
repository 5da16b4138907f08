"""The rejected rows of an import as a workbook the clerk can fix and import again: the file's own header and
cells (as text, so long waybill numbers stay exact), then the row number they had and every reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.export.files import atomic_output
from app.export.xlsx import Book, SheetColumn
from app.imports.checking import Rejected
from app.imports.table import Table
from app.messages import text

ROW_HEADER = "原行号"
REASON_HEADER = "错误原因"


def write_rejected(path: Path, table: Table, rejected: Sequence[Rejected]) -> int:
    """Write one line per rejected row; returns how many. The target is replaced only when complete."""
    reasons: dict[int, list[str]] = {}
    for r in rejected:
        reasons.setdefault(r.row, []).append(f"{r.column}：{r.reason}" if r.column else r.reason)
    cells = {row.number: row.cells for row in table.rows if row.number in reasons}
    headers = [h or f"第{i + 1}列" for i, h in enumerate(table.headers)]
    columns = [SheetColumn(h, max(10.0, min(2.2 * len(h) + 2, 30.0))) for h in headers]
    columns += [SheetColumn(ROW_HEADER, 8), SheetColumn(REASON_HEADER, 60)]
    book = Book()
    sheet = book.sheet("拒收行", text("import_rejected_title", name=table.name), columns)
    for number in sorted(reasons):
        row = cells.get(number, ())
        values = [as_text(row[i]) if i < len(row) else "" for i in range(len(headers))]
        sheet.append([*values, str(number), " ".join(reasons[number])])
    try:
        with atomic_output(path) as temp:
            book.save(temp)
    finally:
        book.discard()
    return len(reasons)


def as_text(value: Any) -> str:
    """A raw cell as the clerk typed it: whole numbers without ".0", dates and times in the form the import reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
