"""The one Excel writer every export uses: openpyxl write-only mode, a title row, a header row, data rows.

Text is always written as a text cell, never a formula: openpyxl turns any string starting with "=" into one
(and "#N/A" into an error), so such cells are written as WriteOnlyCells forced back to text, and those starting
with = + - @ also carry Excel's quote-prefix style so editing the cell later does not evaluate it either (OWASP
CSV/formula injection). Waybill numbers are text, so 15 digits stay exact.

The sheet prints as a clerk needs it: A4 landscape, fit to one page wide, title and header repeated on every
page, header frozen, an autofilter over header and data, overdue rows filled, signature lines after the data.

Speed: plain values go through openpyxl's own fast path; only styled or dangerous cells become cell objects, built
from prepared style arrays (no per-cell style lookups), which keeps a 10,000-row sheet near raw openpyxl speed
(bench/run.py measures the ratio).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

FORMULA_STARTS = ("=", "+", "-", "@")
_LITERAL_STARTS = frozenset("=+-@#")  # "#": "#N/A" and friends would become error cells
MAX_TEXT = 32_767  # Excel's limit for one cell
HIGHLIGHT_RGB = "FFC7CE"  # Excel's own light red for "bad"
HEADER_RGB = "DDEBF7"
TITLE_ROWS = 2  # title row, header row
PAPER_A4 = 9  # the OOXML paper size code (Worksheet.PAPERSIZE_A4)
SIGNATURE_BLANK = "＿" * 8


@dataclass(frozen=True)
class SheetColumn:
    header: str
    width: float  # in average characters, as Excel measures column widths


def clean_text(value: str) -> str:
    """Drop control characters Excel refuses (a pasted text may carry them) and cut at Excel's cell limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:MAX_TEXT]


class _Cell(Cell):
    """A cell handed to openpyxl ready-made. openpyxl first tries it as a value and formats the refusal message with
    the cell's repr before taking it as a cell; a constant repr keeps that detour cheap on 10,000-row sheets."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<export cell>"


class _Styles:
    """Style arrays prepared once per workbook; cells copy them instead of looking styles up one by one."""

    def __init__(self, ws: Any) -> None:
        fill = PatternFill("solid", start_color=HIGHLIGHT_RGB, end_color=HIGHLIGHT_RGB)
        thin = Side(style="thin", color="808080")
        self.plain = self._array(ws)
        self.quoted = self._array(ws, quotePrefix=True)
        self.highlight = self._array(ws, fill=fill)
        self.highlight_quoted = self._array(ws, fill=fill, quotePrefix=True)
        self.title = self._array(ws, font=Font(bold=True, size=14))
        self.header = self._array(
            ws,
            font=Font(bold=True),
            fill=PatternFill("solid", start_color=HEADER_RGB, end_color=HEADER_RGB),
            border=Border(bottom=thin),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        self.heading = self._array(ws, font=Font(bold=True))

    @staticmethod
    def _array(ws: Any, **style: Any) -> Any:
        cell = _Cell(ws, row=1, column=1)
        for name, value in style.items():
            setattr(cell, name, value)
        return cell._style


class Sheet:
    """One worksheet being streamed: title and header are written on creation, then rows in order."""

    def __init__(self, book: Book, ws: Any, title: str, columns: Sequence[SheetColumn], *, table: bool) -> None:
        self._book = book
        self._ws = ws
        self._styles = book.styles(ws)
        self.width = max(len(columns), 1)
        self.rows = 0  # data rows written
        self._table = table
        self._table_closed = False
        self._fills: list[Cell] = []
        for index, column in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = f"A{TITLE_ROWS + 1}"
        ws.print_title_rows = f"1:{TITLE_ROWS}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.gridLines = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5
        ws.append([self._cell(clean_text(title), self._styles.title)])
        ws.append([self._cell(clean_text(c.header), self._styles.header) for c in columns])

    def _cell(self, value: Any, style: Any) -> Cell:
        cell = _Cell(self._ws, row=1, column=1, value=value, style_array=style)
        if isinstance(value, str):
            cell.data_type = "s"
        return cell

    def _filled(self, column: int, value: Any) -> Cell:
        """The highlighted cell of a column, refilled for this row. openpyxl writes a row's cells while `append`
        runs, so one cell per column serves every highlighted row (values reaching here are never formula-like)."""
        while len(self._fills) <= column:
            self._fills.append(self._cell(None, self._styles.highlight))
        cell = self._fills[column]
        cell.value = value
        return cell

    def append(self, values: Sequence[Any], *, highlight: bool = False) -> None:
        """One data row. Text stays text; numbers stay numbers; None and "" leave the cell empty."""
        styles = self._styles
        out: list[Any] = []
        for column, value in enumerate(values):
            if value.__class__ is str:
                if not value.isprintable():
                    value = clean_text(value)
                if value and value[0] in _LITERAL_STARTS:
                    quoted = value[0] in FORMULA_STARTS
                    if highlight:
                        style = styles.highlight_quoted if quoted else styles.highlight
                    else:
                        style = styles.quoted if quoted else styles.plain
                    value = self._cell(value, style)
                elif highlight:
                    value = self._filled(column, value or None)
                elif not value:
                    value = None
            elif highlight:
                value = self._filled(column, value)
            out.append(value)
        self.rows += 1
        self._ws.append(out)

    def _close_table(self) -> None:
        if self._table and not self._table_closed:
            last = f"{get_column_letter(self.width)}{TITLE_ROWS + self.rows}"
            self._ws.auto_filter.ref = f"A{TITLE_ROWS}:{last}"
        self._table_closed = True

    def blank(self) -> None:
        self._close_table()
        self._ws.append([])

    def heading(self, text: str) -> None:
        """A bold line between sections (summary sheets); it ends the filtered table."""
        self._close_table()
        self._ws.append([self._cell(clean_text(text), self._styles.heading)])

    def number(self, value: float | int | Decimal, number_format: str) -> Cell:
        """A number cell shown in `number_format` ("0.0%", "#,##0.00"), to put in a row passed to `append`."""
        cell = _Cell(self._ws, row=1, column=1, value=value)
        cell.number_format = number_format
        return cell

    def reference(self, *, min_col: int, min_row: int, max_row: int, max_col: int | None = None) -> Any:
        """A block of this sheet's cells, as a chart's data or categories (openpyxl.chart.Reference)."""
        from openpyxl.chart import Reference

        return Reference(self._ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row)

    def add_chart(self, chart: Any, anchor: str) -> None:
        """A native Excel chart (openpyxl.chart) with its top-left corner at cell `anchor` ("E3")."""
        self._ws.add_chart(chart, anchor)

    def signatures(self, labels: Sequence[str]) -> None:
        """Signature lines after the data, spread across the printed width: "交班人：＿＿＿" …"""
        self._close_table()
        self._ws.append([])
        step = max(self.width // max(len(labels), 1), 1)
        row: list[Any] = [None] * max(self.width, step * len(labels))
        for i, label in enumerate(labels):
            row[i * step] = self._cell(f"{label}：{SIGNATURE_BLANK}", self._styles.heading)
        self._ws.append(row)

    def finish(self) -> None:
        self._close_table()


class Book:
    """A workbook being written in write-only mode. `save` writes the file; `discard` drops the temp data."""

    def __init__(self) -> None:
        self._wb = Workbook(write_only=True)
        self._styles: _Styles | None = None
        self._sheets: list[Sheet] = []

    def styles(self, ws: Any) -> _Styles:
        if self._styles is None:
            self._styles = _Styles(ws)
        return self._styles

    def sheet(self, name: str, title: str, columns: Sequence[SheetColumn], *, table: bool = True) -> Sheet:
        ws = self._wb.create_sheet(title=name[:31])
        sheet = Sheet(self, ws, title, columns, table=table)
        self._sheets.append(sheet)
        return sheet

    def save(self, path: Path) -> None:
        for sheet in self._sheets:
            sheet.finish()
        self._wb.save(path)

    def discard(self) -> None:
        """Remove openpyxl's per-sheet temporary files now rather than at interpreter exit (a cancel in the GUI)."""
        for ws in self._wb.worksheets:
            try:
                if not ws.closed:
                    ws.close()  # ends the row stream first, so nothing writes to the file after it is gone
                writer = getattr(ws, "_writer", None)
                if writer is not None:
                    writer.cleanup()
            except (OSError, ValueError):
                pass
