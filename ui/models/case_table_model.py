"""The big list of cases: a table model that pages from the database instead of holding every row.

The view asks `canFetchMore`/`fetchMore` as the user scrolls; each call reads one keyset page of 200 rows
(`app.case_query.page`), so the 100,000th row costs what the first did. Filter, sort and count run in SQL;
a filter or sort change resets the model. `data()` only formats rows already in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app import case_query, settings
from app.case_query import CaseFilter, CaseRow
from app.columns import CASE_COLUMNS, Column, Format
from app.deadlines import urgency
from app.desk import Desk
from app.errors import user_message

log = logging.getLogger(__name__)

RowRole = Qt.ItemDataRole.UserRole + 1  # the CaseRow
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw value of the cell
UrgencyRole = Qt.ItemDataRole.UserRole + 3  # "overdue" | "due_today" | "later" | "none"

PAGE_SIZE = 200
URGENCY_COLOURS = {"overdue": QColor("#fbd5d2"), "due_today": QColor("#fde4c4")}
URGENT_TEXT = QColor("#1f1f1f")  # stays readable on the light backgrounds under a dark theme too

AnyIndex = QModelIndex | QPersistentModelIndex


def _first_page(session: Any, f: CaseFilter, sort: str, descending: bool, limit: int) -> tuple[int, list[CaseRow], Any]:
    """Count, first page and the deadline rules, read in one transaction so they agree with each other."""
    total = case_query.count(session, f)
    rows = case_query.page(session, f, sort=sort, descending=descending, limit=limit)
    return total, rows, settings.deadline_rules(session)


class CaseTableModel(QAbstractTableModel):
    loaded = Signal(int)  # the total matching the filter, after every reset
    load_failed = Signal(str)  # one sentence for the user

    def __init__(
        self,
        desk: Desk,
        *,
        columns: Sequence[Column] = CASE_COLUMNS,
        language: str = "zh_CN",
        page_size: int = PAGE_SIZE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._columns = tuple(columns)
        self._lang = "en" if language.startswith("en") else "zh"
        self._page_size = page_size
        self._clock = clock
        self._filter = CaseFilter()
        self._sort = "opened_at"
        self._descending = True
        self._rows: list[CaseRow] = []
        self._urgency: list[str] = []
        self._rules: Any = None
        self._format = Format()
        self._total = 0
        self._exhausted = True

    # --- what the page asks -------------------------------------------------------------------------
    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def total(self) -> int:
        return self._total

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_order(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def sort_order_qt(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    @property
    def format(self) -> Format:
        """How cells are formatted now (the outlet's zone, masked phones): also used for copying rows."""
        return self._format

    def sort_column(self) -> int:
        for number, column in enumerate(self._columns):
            if column.sort == self._sort:
                return number
        return -1

    def set_filter(self, f: CaseFilter) -> None:
        self._filter = f
        self.refresh()

    def refresh(self) -> None:
        """Re-read from the first page with the current filter and sort."""
        self.beginResetModel()
        self._rows, self._urgency, self._exhausted, self._total = [], [], True, 0
        try:
            total, rows, rules = self._desk.read(
                _first_page, self._filter, self._sort, self._descending, self._page_size
            )
        except Exception as exc:
            self.endResetModel()
            message = user_message(exc)
            if message is None:
                raise
            self.load_failed.emit(message)
            return
        self._total, self._rules = total, rules
        self._format = Format(zone=ZoneInfo(rules.zone))
        self._append(rows)
        self.endResetModel()
        self.loaded.emit(total)

    def _append(self, rows: list[CaseRow]) -> None:
        now = self._clock()
        self._rows.extend(rows)
        self._urgency.extend(
            "none" if row.closed_at is not None else urgency(row.due_at, now, self._rules) for row in rows
        )
        self._exhausted = len(rows) < self._page_size

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._exhausted:
            return
        after = case_query.sort_key(self._rows[-1], self._sort) if self._rows else None
        try:
            rows = self._desk.read(
                case_query.page,
                self._filter,
                sort=self._sort,
                descending=self._descending,
                after=after,
                limit=self._page_size,
            )
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            self._exhausted = True  # do not hammer a broken database on every scroll
            self.load_failed.emit(message)
            return
        if not rows:
            self._exhausted = True
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._append(rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; a column without a sort key keeps the current order."""
        key = self._columns[column].sort if 0 <= column < len(self._columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.refresh()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header(self._lang)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self._columns)):
            return None
        try:
            return self._data(self._rows[row], self._urgency[row], self._columns[col], role)
        except Exception:  # a bad value must cost one blank cell, not a crash while painting
            log.exception("cannot show case %s column %s", self._rows[row].id, self._columns[col].key)
            return None

    def _data(self, case: CaseRow, level: str, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(case, self._format)
        if role == RowRole:
            return case
        if role == SortRole:
            return column.value(case)
        if role == UrgencyRole:
            return level
        if role == Qt.ItemDataRole.BackgroundRole:
            return URGENCY_COLOURS.get(level)
        if role == Qt.ItemDataRole.ForegroundRole:
            return URGENT_TEXT if level in URGENCY_COLOURS else None
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "detail":
            return case.detail or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key in ("id", "priority"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
