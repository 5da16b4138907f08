"""The carriers' customer-service hotlines (客服电话), edited in place: F2, typing or a double click edits a number,
Enter keeps it; a single click (or Ctrl+C) copies it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.directory.outlets import HotlineView

CarrierRole = Qt.ItemDataRole.UserRole + 1
NAME, HOTLINE = range(2)


class HotlineTable(QTableWidget):
    hotline_edited = Signal(str, str)  # carrier code, the number as typed
    phone_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("hotlineTable")
        self.setHorizontalHeaderLabels([self.tr("Carrier"), self.tr("Hotline")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        self.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        copy = QAction(self)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self._on_copy_triggered)
        self.addAction(copy)
        self.itemChanged.connect(self._on_itemChanged)
        self.itemClicked.connect(self._on_itemClicked)

    def show_hotlines(self, hotlines: Sequence[HotlineView]) -> None:
        current = max(self.currentRow(), 0)
        self.blockSignals(True)
        self.setRowCount(len(hotlines))
        for row, hotline in enumerate(hotlines):
            name = QTableWidgetItem(hotline.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            number = QTableWidgetItem(hotline.hotline or "")
            number.setData(CarrierRole, hotline.carrier)
            number.setToolTip(self.tr("Click to copy; F2 or a double click edits"))
            self.setItem(row, NAME, name)
            self.setItem(row, HOTLINE, number)
        self.blockSignals(False)
        if hotlines:
            self.setCurrentCell(min(current, len(hotlines) - 1), HOTLINE)

    def hotline(self, carrier: str) -> str | None:
        """The number shown for a carrier code."""
        for row in range(self.rowCount()):
            item = self.item(row, HOTLINE)
            if item is not None and item.data(CarrierRole) == carrier:
                return item.text()
        return None

    def _copy(self, item: QTableWidgetItem | None) -> None:
        if item is not None and item.column() == HOTLINE and item.text():
            QGuiApplication.clipboard().setText(item.text())
            self.phone_copied.emit(item.text())

    @Slot(QTableWidgetItem)
    def _on_itemChanged(self, item: QTableWidgetItem) -> None:
        if item.column() == HOTLINE:
            self.hotline_edited.emit(item.data(CarrierRole), item.text().strip())

    @Slot(QTableWidgetItem)
    def _on_itemClicked(self, item: QTableWidgetItem) -> None:
        self._copy(item)

    @Slot()
    def _on_copy_triggered(self) -> None:
        self._copy(self.item(self.currentRow(), HOTLINE))
