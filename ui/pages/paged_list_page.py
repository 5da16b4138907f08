"""What every big list page shares: a `PagedTableModel` in a table, a filter row above it, the count, Refresh
(F5), Ctrl+C copying the selected rows as Excel and WeChat take them, and Enter or a double click opening a row.

A page builds its own filter widgets, hands them to `lay_out()` and says what its filter is in
`current_filter()`; typing in a search box calls `filter_later()`, so the list is filtered once typing pauses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.columns import as_tsv
from ui.models.paged_table_model import PagedTableModel
from ui.prompt import Prompt

FILTER_DELAY_MS = 300  # typing pauses this long before the list is filtered


def labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field kept together on one line of a flowing filter row; the mnemonic focuses the field."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    box.setFocusProxy(field)
    return box


class PagedListPage(QWidget):
    copied = Signal(int)  # rows copied to the clipboard
    row_activated = Signal(object)  # the row object under Enter or a double click

    def __init__(
        self, model: PagedTableModel, prompt: Prompt, language: str, table_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._prompt = prompt
        self._language = language
        self._loaded_once = False
        self.model = model
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.table = self._make_table(table_name)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.model.refresh)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.rowsInserted.connect(self._show_count)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.table.activated.connect(self._on_table_activated)
        self.setFocusProxy(self.table)

    def _make_table(self, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the list
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order_qt())
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.columns):
            table.setColumnWidth(number, column.width * char + 12)
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sortIndicatorChanged)
        copy = QAction(self.tr("Copy rows"), table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self._on_copy_triggered)
        table.addAction(copy)
        return table

    def lay_out(self, filters: QLayout, *, below: QWidget | None = None) -> None:
        """The filter row (with Refresh and the count appended), the table, and optionally a row below it."""
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        if below is not None:
            layout.addWidget(below)

    # --- what a page plugs in -------------------------------------------------------------------------
    def current_filter(self) -> Any:
        raise NotImplementedError

    # --- filtering and loading ------------------------------------------------------------------------
    @Slot()
    def filter_later(self) -> None:
        self._filter_timer.start()

    @Slot()
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self._loaded_once = True
        self.model.set_filter(self.current_filter())

    @Slot()
    def reload(self) -> None:
        """Read the list again with the same filter (after a change made elsewhere)."""
        if self._loaded_once:
            self.apply_filter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:  # the first visit loads; later visits keep the user's scroll position
            self.apply_filter()

    def selected_rows(self) -> list[Any]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row for row in (self.model.row_at(r) for r in rows) if row is not None]

    # --- slots ----------------------------------------------------------------------------------------
    @Slot(int, object)
    def _on_header_sortIndicatorChanged(self, section: int, _order: object) -> None:
        if self.model.columns[section].sort is None:  # not sortable: put the arrow back where the data is
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), self.model.sort_order_qt())
            header.blockSignals(False)

    @Slot(int)
    def _on_model_loaded(self, _total: int) -> None:
        self._show_count()

    @Slot()
    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} of {total}").format(shown=self.model.rowCount(), total=self.model.total)
        )

    @Slot(str)
    def _on_model_load_failed(self, message: str) -> None:
        self.count_label.clear()
        self._prompt.error(self, message)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.row_activated.emit(row)

    @Slot()
    def _on_copy_triggered(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        order = [self.table.horizontalHeader().logicalIndex(v) for v in range(self.model.columnCount())]
        columns = [self.model.columns[i] for i in order if not self.table.isColumnHidden(i)]
        lang = "en" if self._language.startswith("en") else "zh"
        QGuiApplication.clipboard().setText(as_tsv(rows, columns, self.model.format, lang))
        self.copied.emit(len(rows))
