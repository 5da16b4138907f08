"""The evening shelf count (留仓盘点): scan everything on the shelves, then see what does not add up.

Finishing stores the count; the result has three lists: parcels that should have left but are on the shelf, open
parcels nobody scanned (possibly lost; they can be flagged 疑似遗失 after a confirmation) and unknown numbers.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desk import Desk
from app.errors import UserError
from app.shelf import ShelfCountResult, count_shelf, flag_lost
from app.waybills import parse_waybill
from ui.local_state import LocalState
from ui.prompt import Prompt
from ui.widgets.common import action_button, error_text, set_column_widths
from ui.widgets.scan_bar import ScanLineEdit


class ShelfCountDialog(QDialog):
    counted = Signal(int)  # the id of the stored count
    flagged = Signal(list)  # ids of the cases marked suspected lost (疑似遗失)

    def __init__(
        self, desk: Desk, prompt: Prompt, parent: QWidget | None = None, *, state: LocalState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shelfCountDialog")
        self.setWindowTitle(self.tr("Shelf count"))
        self._desk, self._prompt = desk, prompt
        self.result: ShelfCountResult | None = None

        self.scan = ScanLineEdit(state.scanner_suffix if state is not None else "enter")
        self.scan.setObjectName("shelfScan")
        self.scan.setPlaceholderText(self.tr("Scan every parcel on the shelves"))
        self.scanned = QListWidget()
        self.scanned.setObjectName("shelfScanned")
        self.scanned.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.scanned_label = QLabel()
        self.remove_button = action_button(self.tr("Re&move selected"), "removeButton")
        self.finish_button = action_button(self.tr("&Finish the count"), "finishButton")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        self.summary = QLabel()
        self.summary.setObjectName("shelfSummary")
        self.summary.setWordWrap(True)
        self.intercepts = QLabel()
        self.intercepts.setObjectName("fieldError")
        self.intercepts.setWordWrap(True)
        self.intercepts.hide()
        self.closed_list = self._tree([self.tr("Waybill"), self.tr("Status"), self.tr("Shelf")])
        self.missing_list = self._tree(
            [self.tr("Waybill"), self.tr("Status"), self.tr("Problem type"), self.tr("Shelf")]
        )
        self.unknown_list = self._tree([self.tr("Waybill")])
        self.results = QTabWidget()
        self._titles = (self.tr("Should have left"), self.tr("Not scanned"), self.tr("Unknown"))
        for tree, title in zip((self.closed_list, self.missing_list, self.unknown_list), self._titles, strict=True):
            self.results.addTab(tree, title)
        self.results.setEnabled(False)
        self.flag_button = action_button(self.tr("Flag the not-scanned as suspected lost…"), "flagButton")
        self.flag_button.setEnabled(False)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.remove_button)
        scan_row.addWidget(self.finish_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(scan_row)
        layout.addWidget(self.scanned_label)
        layout.addWidget(self.scanned, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.intercepts)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.flag_button)
        layout.addWidget(buttons)
        self.resize(680, 720)

        self.scan.scanned.connect(self._on_scan_scanned)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        self.flag_button.clicked.connect(self._on_flag_button_clicked)
        self._sync()

    @staticmethod
    def _tree(headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(headers)
        set_column_widths(tree, (20, 12, 12))
        return tree

    def numbers(self) -> list[str]:
        return [self.scanned.item(row).text() for row in range(self.scanned.count())]

    def _sync(self) -> None:
        self.scanned_label.setText(self.tr("Scanned: {count}").format(count=self.scanned.count()))
        counting = self.result is None
        for widget in (self.scan, self.remove_button):
            widget.setEnabled(counting)
        self.finish_button.setEnabled(counting and self.scanned.count() > 0)

    @Slot(str)
    def _on_scan_scanned(self, number: str) -> None:
        self.scan.clear()
        if parse_waybill(number) is None:
            self.error.setText(self.tr("“{number}” is not a waybill number.").format(number=number))
            return
        self.error.clear()
        if number in self.numbers():
            self.error.setText(self.tr("{number} was already scanned.").format(number=number))
            return
        self.scanned.insertItem(0, number)
        self._sync()

    def reject(self) -> None:
        """Esc or Close: a count of many scans is not thrown away by one stray key."""
        unfinished = self.result is None and self.scanned.count() > 0
        question = self.tr("Discard the {count} numbers scanned so far?").format(count=self.scanned.count())
        if unfinished and not self._prompt.confirm(self, question):
            return
        super().reject()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        for item in self.scanned.selectedItems():
            self.scanned.takeItem(self.scanned.row(item))
        self._sync()

    @Slot()
    def _on_finish_button_clicked(self) -> None:
        try:
            self.result = self._desk.write(count_shelf, self.numbers())
        except UserError as exc:
            self.error.setText(error_text(exc))
            return
        self._show_result()
        self._sync()
        self.counted.emit(self.result.count_id)

    def _show_result(self) -> None:
        result = self.result
        assert result is not None
        self.summary.setText(
            self.tr(
                "Count #{id}: {scanned} scanned, {ok} on the shelf as expected, {closed} should have left, "
                "{missing} not scanned, {unknown} unknown."
            ).format(
                id=result.count_id,
                scanned=result.scanned,
                ok=len(result.on_shelf_open),
                closed=len(result.on_shelf_closed),
                missing=len(result.not_scanned),
                unknown=len(result.unknown),
            )
        )
        for tree, items, columns in (
            (self.closed_list, result.on_shelf_closed, ("waybill_no", "status_label", "shelf")),
            (self.missing_list, result.not_scanned, ("waybill_no", "status_label", "problem_type_name", "shelf")),
            (self.unknown_list, result.unknown, ("waybill_no",)),
        ):
            tree.clear()
            for item in items:
                tree.addTopLevelItem(QTreeWidgetItem([getattr(item, c) or "" for c in columns]))
        self.intercepts.setText("\n".join(f"⛔ {item.waybill_no} {item.status_label}" for item in result.intercepts))
        self.intercepts.setVisible(bool(result.intercepts))
        for number, listed in enumerate((result.on_shelf_closed, result.not_scanned, result.unknown)):
            self.results.setTabText(number, f"{self._titles[number]} ({len(listed)})")
        self.results.setEnabled(True)
        self.results.setCurrentIndex(1 if result.not_scanned else 0)
        self.flag_button.setEnabled(bool(self.missing_ids()))

    def missing_ids(self) -> list[int]:
        if self.result is None:
            return []
        flagged = set(self.result.flagged_case_ids)
        return [i.case_id for i in self.result.not_scanned if i.case_id is not None and i.case_id not in flagged]

    @Slot()
    def _on_flag_button_clicked(self) -> None:
        ids = self.missing_ids()
        count_id = self.result.count_id if self.result is not None else None
        question = self.tr("Mark the {count} parcels that were not scanned as suspected lost?").format(count=len(ids))
        if not ids or count_id is None or not self._prompt.confirm(self, question):
            return
        try:
            changed = self._desk.write(flag_lost, ids, count_id=count_id)
        except UserError as exc:
            self.error.setText(error_text(exc))
            return
        self.flag_button.setEnabled(False)
        self.summary.setText(
            self.summary.text() + "\n" + self.tr("Marked as suspected lost: {count}.").format(count=changed)
        )
        self.flagged.emit(ids)
