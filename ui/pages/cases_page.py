"""The all-cases list: every stuck parcel, chase, complaint and interception, filtered and sorted in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.case_query import CaseFilter
from app.columns import as_tsv
from app.desk import Desk
from ui.models.case_table_model import CaseTableModel
from ui.prompt import Prompt

FILTER_DELAY_MS = 300  # typing pauses this long before the list is filtered


class CasesPage(QWidget):
    copied = Signal(int)  # rows copied to the clipboard

    def __init__(self, desk: Desk, prompt: Prompt, language: str = "zh_CN", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("casesPage")
        self._prompt = prompt
        self._language = language
        self._loaded_once = False
        self.model = CaseTableModel(desk, language=language, parent=self)

        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        for label, code in (
            (self.tr("All kinds"), None),
            (self.tr("Stuck parcels"), "stuck"),
            (self.tr("Chases"), "chase"),
            (self.tr("Complaints"), "complaint"),
            (self.tr("Interceptions"), "intercept"),
        ):
            self.kind.addItem(label, code)
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.open_only.setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill, phone last 4 or caller name"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        filters = QHBoxLayout()
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind)
        filters.addWidget(self.open_only)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order_qt())
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.columns):
            self.table.setColumnWidth(number, column.width * char + 12)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sortIndicatorChanged)

        copy = QAction(self.tr("Copy rows"), self.table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self._on_copy_triggered)
        self.table.addAction(copy)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.kind, self.open_only)
        self.setTabOrder(self.open_only, self.search)
        self.setTabOrder(self.search, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.open_only.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.model.refresh)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.rowsInserted.connect(self._show_count)
        self.model.load_failed.connect(self._on_model_load_failed)

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            kind=self.kind.currentData(),
            open_only=self.open_only.isChecked(),
            text=self.search.text().strip() or None,
        )

    @Slot()
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self._loaded_once = True
        self.model.set_filter(self.current_filter())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:  # the first visit loads; later visits keep the user's scroll position
            self.apply_filter()

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

    @Slot()
    def _on_copy_triggered(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        cases = [case for case in (self.model.row_at(r) for r in rows) if case is not None]
        if not cases:
            return
        order = [self.table.horizontalHeader().logicalIndex(v) for v in range(self.model.columnCount())]
        columns = [self.model.columns[i] for i in order if not self.table.isColumnHidden(i)]
        lang = "en" if self._language.startswith("en") else "zh"
        QGuiApplication.clipboard().setText(as_tsv(cases, columns, self.model.format, lang))
        self.copied.emit(len(cases))
