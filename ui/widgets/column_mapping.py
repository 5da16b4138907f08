"""The import wizard's mapping table: one row per column of the file — its header, a few sample values and the
field it feeds, chosen in a combo box (or "do not import").

A field feeds from one column at most. Two columns on one field are reported (`doubled()`), not silently
undone: the arrow keys step through the fields one by one, and stepping past a field must not take it from the
column that has it. Keyboard: Tab walks from combo box to combo box (the row follows the focus), the arrow keys
change the field, Alt+Down opens the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.imports.mapping import Field
from app.imports.report import as_text
from app.imports.table import Table

SAMPLES = 3  # sample values shown per column
SAMPLE_CHARS = 24  # a long cell is cut to this many characters
FIELD_COLUMN = 2


def column_letters(index: int) -> str:
    """The spreadsheet's name of a column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def samples(table: Table, column: int, count: int = SAMPLES) -> list[str]:
    """The first few different non-empty values of one column, as the clerk typed them."""
    found: list[str] = []
    for row in table.rows:
        value = as_text(row.cells[column]).strip() if column < len(row.cells) else ""
        if value and value not in found:
            found.append(value if len(value) <= SAMPLE_CHARS else value[: SAMPLE_CHARS - 1] + "…")
            if len(found) == count:
                break
    return found


class ColumnMapping(QTableWidget):
    changed = Signal()  # the clerk picked another field for some column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("columnMapping")
        self.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Sample values"), self.tr("Import as")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the combo boxes
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(FIELD_COLUMN, 15 * self.fontMetrics().averageCharWidth() + 60)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.combos: list[QComboBox] = []

    def load(self, table: Table, fields: Sequence[Field], mapping: dict[int, str]) -> None:
        """Show the file's columns with `mapping` (column -> field name) chosen."""
        self.clearContents()
        self.combos = []
        self.setRowCount(len(table.headers))
        self.setVerticalHeaderLabels([column_letters(i) for i in range(len(table.headers))])
        for column, header in enumerate(table.headers):
            title = header or self.tr("(column {number})").format(number=column + 1)
            self.setItem(column, 0, QTableWidgetItem(title))
            shown = samples(table, column)
            sample = QTableWidgetItem("  |  ".join(shown))
            sample.setToolTip("\n".join(shown))
            self.setItem(column, 1, sample)
            combo = QComboBox()
            combo.setObjectName(f"fieldFor{column}")
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel scrolls the table, not the choice
            combo.setAccessibleName(title)
            combo.addItem(self.tr("Do not import"), None)
            for f in fields:
                label = self.tr("{label} (required)").format(label=f.label) if f.required else f.label
                combo.addItem(label, f.name)
            found = combo.findData(mapping.get(column))
            combo.setCurrentIndex(max(found, 0))
            combo.installEventFilter(self)
            combo.currentIndexChanged.connect(lambda _index, c=column: self._on_combo_changed(c))
            self.setCellWidget(column, FIELD_COLUMN, combo)
            self.combos.append(combo)
        for first, second in zip(self.combos, self.combos[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if self.combos:
            self.selectRow(0)

    def value(self) -> dict[int, str]:
        """Column index -> field name, for the columns that are imported."""
        return {column: combo.currentData() for column, combo in enumerate(self.combos) if combo.currentData()}

    def choose(self, column: int, field: str | None) -> None:
        """Pick `field` for `column` as the clerk would."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(field), 0))

    def doubled(self) -> dict[str, list[int]]:
        """Field name -> the columns that feed it, for the fields more than one column feeds."""
        columns: dict[str, list[int]] = {}
        for column, name in self.value().items():
            columns.setdefault(name, []).append(column)
        return {name: found for name, found in columns.items() if len(found) > 1}

    def title(self, column: int) -> str:
        item = self.item(column, 0)
        return item.text() if item is not None else column_letters(column)

    def _on_combo_changed(self, column: int) -> None:
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QComboBox) and watched in self.combos:
            if event.type() == QEvent.Type.FocusIn:
                row = self.combos.index(watched)
                self.selectRow(row)
                self.scrollToItem(self.item(row, 0))
            elif event.type() == QEvent.Type.Wheel and not watched.hasFocus():
                self.wheelEvent(cast(QWheelEvent, event))
                return True
        return super().eventFilter(watched, event)
