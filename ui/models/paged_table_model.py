"""Big lists as table models that page from the database instead of holding every row.

The view asks `canFetchMore`/`fetchMore` as the user scrolls; each call reads one keyset page (`query.page`
with `after` = the last row's `query.sort_key`), so the 100,000th row costs what the first did. Filter, sort and
count run in SQL; a filter or sort change resets the model, and `data()` only formats rows already in memory.

With a `TaskRunner` every read runs off the UI thread and the rows arrive later (`loaded` says when); an answer
to a request that a newer filter or sort has overtaken is dropped. Without one the reads are synchronous.
A list plugs in its query module (`count`, `page`, `sort_key`), its columns and which time colours a row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont

from app import settings
from app.columns import Column, Format
from app.deadlines import urgency
from app.desk import Desk
from app.errors import user_message
from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

RowRole = Qt.ItemDataRole.UserRole + 1  # the row object
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw value of the cell
UrgencyRole = Qt.ItemDataRole.UserRole + 3  # "overdue" | "due_today" | "later" | "none"
AlarmRole = Qt.ItemDataRole.UserRole + 4  # True for a cell the list wants noticed (a repeat caller, a stalled parcel)

PAGE_SIZE = 200
URGENCY_COLOURS = {"overdue": QColor("#fbd5d2"), "due_today": QColor("#fde4c4")}
URGENT_TEXT = QColor("#1f1f1f")  # stays readable on the light backgrounds under a dark theme too
ALARM_COLOUR, ALARM_TEXT = QColor("#d92d20"), QColor("#ffffff")

_ALARM_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)


def _alarm_look(role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        return ALARM_COLOUR
    if role == Qt.ItemDataRole.ForegroundRole:
        return ALARM_TEXT
    font = QFont()
    font.setBold(True)
    return font


AnyIndex = QModelIndex | QPersistentModelIndex
Done = Callable[[Any], None]


def _first_page(
    session: Any, query: ModuleType, f: Any, sort: str, descending: bool, limit: int
) -> tuple[int, list[Any], Any]:
    """Count, first page and the deadline rules, read in one transaction so they agree with each other."""
    total = query.count(session, f)
    rows = query.page(session, f, sort=sort, descending=descending, limit=limit)
    return total, rows, settings.deadline_rules(session)


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)  # the total matching the filter, after every reset
    load_failed = Signal(str)  # one sentence for the user

    RIGHT_ALIGNED: frozenset[str] = frozenset({"id"})

    def __init__(
        self,
        desk: Desk,
        query: ModuleType,
        initial_filter: Any,
        *,
        columns: Sequence[Column],
        sort: str = "opened_at",
        descending: bool = True,
        language: str = "zh_CN",
        page_size: int = PAGE_SIZE,
        runner: TaskRunner | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._query = query
        self._columns = tuple(columns)
        self._lang = "en" if language.startswith("en") else "zh"
        self._page_size = page_size
        self._runner = runner
        self._clock = clock
        self._filter = initial_filter
        self._sort = sort
        self._descending = descending
        self._rows: list[Any] = []
        self._urgency: list[str] = []
        self._rules: Any = None
        self._format = Format()
        self._total = 0
        self._exhausted = True
        self._loading = False  # a first page is on its way
        self._fetching = False  # a further page is on its way
        self._tasks: dict[Task, tuple[Done, Done]] = {}

    # --- what a list plugs in -----------------------------------------------------------------------
    def due(self, row: Any) -> datetime | None:
        """The time that colours the row; None for no colour (closed cases)."""
        return None

    def tooltip(self, row: Any, column: Column) -> str | None:
        return None

    def alarm(self, row: Any, column: Column) -> bool:
        """True for a cell shown loud (white on red, bold) whatever the row's colour."""
        return False

    # --- what the page asks -------------------------------------------------------------------------
    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> Any:
        return self._filter

    @property
    def loading(self) -> bool:
        """A first page is on its way (after a filter or sort change)."""
        return self._loading

    @property
    def busy(self) -> bool:
        """Any page is on its way."""
        return self._loading or self._fetching

    @property
    def rules(self) -> Any:
        """The deadline rules read with the first page (None before the first load)."""
        return self._rules

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

    def column_of(self, key: str) -> int:
        for number, column in enumerate(self._columns):
            if column.key == key:
                return number
        return -1

    def set_filter(self, f: Any) -> None:
        self._filter = f
        self.refresh()

    def set_query(self, f: Any, sort: str, descending: bool) -> None:
        """Filter and sort at once (a saved view): one reload instead of two."""
        if sort in self._query.SORTABLE:
            self._sort, self._descending = sort, descending
        self.set_filter(f)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read from the first page with the current filter and sort; older answers still on the way are
        dropped."""
        self._tasks.clear()
        self._loading, self._fetching = True, False
        desk, query, f, sort, descending, limit = (
            self._desk,
            self._query,
            self._filter,
            self._sort,
            self._descending,
            self._page_size,
        )
        self._request(
            lambda: desk.read(_first_page, query, f, sort, descending, limit), self._on_first_page, self._first_failed
        )

    def _on_first_page(self, outcome: tuple[int, list[Any], Any]) -> None:
        total, rows, rules = outcome
        self.beginResetModel()
        self._loading = False
        self._rows, self._urgency = [], []
        self._total, self._rules = total, rules
        self._format = Format(zone=ZoneInfo(rules.zone))
        self._append(rows)
        self.endResetModel()
        self.loaded.emit(total)

    def _first_failed(self, message: str) -> None:
        self.beginResetModel()
        self._loading = False
        self._rows, self._urgency, self._exhausted, self._total = [], [], True, 0
        self.endResetModel()
        self.load_failed.emit(message)

    def _append(self, rows: list[Any]) -> None:
        now = self._clock()
        self._rows.extend(rows)
        self._urgency.extend(urgency(self.due(row), now, self._rules) for row in rows)
        self._exhausted = len(rows) < self._page_size

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not (self._exhausted or self._loading or self._fetching)

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        after = self._query.sort_key(self._rows[-1], self._sort) if self._rows else None
        desk, query, f, sort, descending, limit = (
            self._desk,
            self._query,
            self._filter,
            self._sort,
            self._descending,
            self._page_size,
        )
        self._request(
            lambda: desk.read(query.page, f, sort=sort, descending=descending, after=after, limit=limit),
            self._on_next_page,
            self._next_failed,
        )

    def _on_next_page(self, rows: list[Any]) -> None:
        self._fetching = False
        if not rows:
            self._exhausted = True
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._append(rows)
        self.endInsertRows()

    def _next_failed(self, message: str) -> None:
        self._fetching = False
        self._exhausted = True  # do not hammer a broken database on every scroll
        self.load_failed.emit(message)

    def _request(self, job: Callable[[], Any], done: Done, failed: Done) -> None:
        if self._runner is None:
            try:
                result = job()
            except Exception as exc:
                failed(self._message(exc))
                return
            done(result)
            return
        task = self._runner.run(lambda _progress, _cancelled: job())
        self._tasks[task] = (done, failed)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)

    @staticmethod
    def _message(exc: BaseException) -> str:
        message = user_message(exc)
        if message is None:
            raise exc  # a bug: on to the crash handler
        return message

    @Slot(object)
    def _on_task_succeeded(self, result: Any) -> None:
        handlers = self._tasks.pop(self.sender(), None)
        if handlers is not None:
            handlers[0](result)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        handlers = self._tasks.pop(self.sender(), None)
        if handlers is not None:
            handlers[1](self._message(exc))

    # --- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

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
            log.exception("cannot show row %s column %s", getattr(self._rows[row], "id", row), self._columns[col].key)
            return None

    def _data(self, row: Any, level: str, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row, self._format)
        if role == RowRole:
            return row
        if role == SortRole:
            return column.value(row)
        if role == UrgencyRole:
            return level
        if role == AlarmRole:
            return self.alarm(row, column)
        if role in _ALARM_ROLES and self.alarm(row, column):
            return _alarm_look(role)
        if role == Qt.ItemDataRole.BackgroundRole:
            return URGENCY_COLOURS.get(level)
        if role == Qt.ItemDataRole.ForegroundRole:
            return URGENT_TEXT if level in URGENCY_COLOURS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key in self.RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
