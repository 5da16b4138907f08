"""A titled list of directory records with Add / Edit / Delete beside it, for lists of a few hundred rows.

Enter or a double click edits the current row, Delete deletes it (the caller confirms), and a click on a phone
cell copies the number, as does Ctrl+C on a row. Rows are the services' frozen views; each keeps its `id`, so
the current row stays current when the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.common import set_column_widths

RowRole = Qt.ItemDataRole.UserRole + 1
LIST_JOINER = "、"  # a record's keywords, handles or areas in one cell, as clerks write lists


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str | None]  # None shows as an empty cell
    width: int = 12  # in average characters; the last column stretches
    phone: bool = False  # a click copies the cell's text


class RecordList(QWidget):
    add_requested = Signal()
    edit_requested = Signal(object)  # the row's view
    delete_requested = Signal(object)
    phone_copied = Signal(str)

    def __init__(
        self,
        title: str,
        columns: Sequence[Column],
        name: str,
        *,
        add_text: str,
        deletable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[Any] = []
        self._items: list[QTreeWidgetItem] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName(name)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([column.header for column in self.columns])
        set_column_widths(self.tree, tuple(column.width for column in self.columns[:-1]))
        self.title = QLabel(title)
        self.title.setObjectName("sectionHeading")
        self.title.setBuddy(self.tree)
        self.add_button = QPushButton(add_text)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Enter or a double click"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Del"))
        self.delete_button.setVisible(deletable)
        self._deletable = deletable
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)

        self._action(QKeySequence.StandardKey.Delete, self._on_delete_triggered)
        self._action(QKeySequence.StandardKey.Copy, self._on_copy_triggered)
        self.heading = QHBoxLayout()
        self.heading.addWidget(self.title)
        self.heading.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.heading.addWidget(button)
        self.tools = QHBoxLayout()  # filters and switches: a row of their own, so a narrow window still fits
        self.tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.heading)
        layout.addLayout(self.tools)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_triggered)
        self.tree.itemActivated.connect(self._on_tree_itemActivated)
        self.tree.itemClicked.connect(self._on_tree_itemClicked)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self._update_buttons()

    def _action(self, keys: QKeySequence.StandardKey, slot: Callable[[], None]) -> None:
        action = QAction(self.tree)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.tree.addAction(action)

    def add_tool(self, widget: QWidget) -> None:
        """A filter or switch, on the row under the title."""
        self.tools.insertWidget(self.tools.count() - 1, widget)

    def show_rows(self, rows: Sequence[Any], *, greyed: Callable[[Any], bool] | None = None) -> None:
        """Replace the rows, keeping the current record current when it is still listed."""
        chosen = self.current()
        keep = chosen.id if chosen is not None else None
        self.rows = list(rows)
        self.tree.clear()
        self._items = []
        grey = QBrush(Qt.GlobalColor.gray)
        for row in self.rows:
            item = QTreeWidgetItem([column.text(row) or "" for column in self.columns])
            item.setData(0, RowRole, row)
            for number, column in enumerate(self.columns):
                if column.phone and item.text(number):
                    item.setToolTip(number, self.tr("Click to copy the phone number"))
                if greyed is not None and greyed(row):
                    item.setForeground(number, grey)
            self.tree.addTopLevelItem(item)
            self._items.append(item)
        if (keep is None or not self.select(keep)) and self._items:
            self.tree.setCurrentItem(self._items[0])
        self._update_buttons()

    def current(self) -> Any:
        item = self.tree.currentItem()
        return item.data(0, RowRole) if item is not None else None

    def select(self, record_id: int) -> bool:
        for item, row in zip(self._items, self.rows, strict=True):
            if row.id == record_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def texts(self, column: int = 0) -> list[str]:
        """What one column shows, top to bottom."""
        return [item.text(column) for item in self._items]

    def copy_phone(self, row: Any) -> str | None:
        """Put the row's first phone on the clipboard; the number, or None when the row has none."""
        for column in self.columns:
            phone = column.text(row) if column.phone else None
            if phone:
                self._copy(phone)
                return phone
        return None

    def _copy(self, phone: str) -> None:
        QGuiApplication.clipboard().setText(phone)
        self.phone_copied.emit(phone)

    # --- slots ----------------------------------------------------------------------------------------
    @Slot()
    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has and self._deletable)

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.edit_requested.emit(item.data(0, RowRole))

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemClicked(self, item: QTreeWidgetItem, column: int) -> None:
        if self.columns[column].phone and item.text(column):
            self._copy(item.text(column))

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.edit_requested.emit(row)

    @Slot()
    def _on_delete_triggered(self) -> None:
        row = self.current()
        if row is not None and self._deletable:
            self.delete_requested.emit(row)

    @Slot()
    def _on_copy_triggered(self) -> None:
        row = self.current()
        if row is not None:
            self.copy_phone(row)
