"""A courier's round (频次) brought back: scan each undelivered piece and give its reason by keyboard, then report
them all at once. Pieces that already have an open case are not logged twice; the summary says how many."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.carriers import parse
from app.couriers import list_couriers
from app.desk import Desk
from app.errors import UserError
from app.stuck import ProblemTypeChoice, problem_types, report_round
from app.waybills import ParsedWaybill
from ui.local_state import LocalState
from ui.prompt import Prompt
from ui.widgets.common import action_button, error_text, set_column_widths
from ui.widgets.scan_bar import ScanLineEdit, ScanTypeFlow, TypePicker

CodeRole = Qt.ItemDataRole.UserRole + 1


def _identify(session: Any, text: str) -> tuple[ParsedWaybill, list[ProblemTypeChoice]]:
    parsed = parse(session, text)
    return parsed, problem_types(session, parsed.best.code if parsed.best else None)


class RoundDialog(QDialog):
    reported = Signal(list)  # ids of the cases the round created

    def __init__(
        self, desk: Desk, prompt: Prompt, parent: QWidget | None = None, *, state: LocalState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roundDialog")
        self.setWindowTitle(self.tr("Courier's round: pieces brought back"))
        self._desk, self._prompt = desk, prompt
        suffix = state.scanner_suffix if state is not None else "enter"

        self.courier = QComboBox()
        self.courier.setObjectName("roundCourier")
        self.round = QSpinBox()
        self.round.setRange(1, 20)
        self.scan = ScanLineEdit(suffix)
        self.scan.setObjectName("roundScan")
        self.scan.setPlaceholderText(self.tr("Scan each piece brought back"))
        self.picker = TypePicker()
        self.flow = ScanTypeFlow(self.scan, self.picker, self)
        self.flow.set_suffix(suffix)
        self.picker.edit.setPlaceholderText(self.tr("Reason: number, pinyin initials or name; Enter takes it"))
        self.pieces = QTreeWidget()
        self.pieces.setObjectName("roundPieces")
        self.pieces.setRootIsDecorated(False)
        self.pieces.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pieces.setHeaderLabels([self.tr("Waybill"), self.tr("Carrier"), self.tr("Reason")])
        set_column_widths(self.pieces, (20, 8))
        self.remove_button = action_button(self.tr("Re&move selected"), "removeButton")
        self.submit_button = action_button(self.tr("&Report the round"), "submitButton")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Courier:"), self.courier)
        form.addRow(self.tr("R&ound:"), self.round)
        form.addRow(self.tr("&Scan:"), self.scan)
        form.addRow(self.tr("Reaso&n:"), self.picker.edit)
        form.addRow("", self.picker.stack)
        actions = QHBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pieces, 1)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(640, 600)

        for courier in self._desk.read(list_couriers):
            self.courier.addItem(courier.name, courier.id)
        if self.courier.count() == 0:
            self.error.setText(self.tr("No courier is recorded yet: add the couriers first."))
        self.flow.scanned.connect(self._on_flow_scanned)
        self.flow.typed.connect(self._on_flow_typed)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self._sync()

    def numbers(self) -> list[str]:
        return [self.pieces.topLevelItem(row).text(0) for row in range(self.pieces.topLevelItemCount())]

    def value(self) -> list[tuple[str, str | None]]:
        items = (self.pieces.topLevelItem(row) for row in range(self.pieces.topLevelItemCount()))
        return [(item.text(0), item.data(2, CodeRole)) for item in items]

    def _sync(self) -> None:
        self.submit_button.setEnabled(self.pieces.topLevelItemCount() > 0 and self.courier.count() > 0)

    @Slot(str)
    def _on_flow_scanned(self, number: str) -> None:
        self._take(number)

    def _take(self, number: str) -> None:
        self.error.clear()
        try:
            parsed, choices = self._desk.read(_identify, number)
        except UserError as exc:
            self.error.setText(error_text(exc))
            self.scan.selectAll()
            return
        if parsed.number in self.numbers():
            self.error.setText(self.tr("{number} is already in this round.").format(number=parsed.number))
            self.scan.clear()
            return
        self.flow.ask(parsed, choices)

    @Slot(object, object)
    def _on_flow_typed(self, parsed: ParsedWaybill, choice: ProblemTypeChoice | None) -> None:
        carrier = parsed.best.name if parsed.best else ""
        item = QTreeWidgetItem([parsed.number, carrier, choice.name if choice else self.tr("not set")])
        item.setData(2, CodeRole, choice.code if choice else None)
        self.pieces.addTopLevelItem(item)
        self._sync()

    def reject(self) -> None:
        """Esc or Close: scanned pieces not yet reported are not thrown away by one stray key."""
        count = self.pieces.topLevelItemCount()
        question = self.tr("Discard the {count} pieces not reported yet?").format(count=count)
        if count and not self._prompt.confirm(self, question):
            return
        super().reject()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        for item in self.pieces.selectedItems():
            self.pieces.takeTopLevelItem(self.pieces.indexOfTopLevelItem(item))
        self._sync()

    @Slot()
    def _on_submit_button_clicked(self) -> None:
        pieces = self.value()
        if not pieces or self.courier.currentData() is None:
            return
        self.error.clear()
        try:
            done = self._desk.write(report_round, self.courier.currentData(), self.round.value(), pieces)
        except UserError as exc:
            self.error.setText(error_text(exc))
            return
        created = [d.case.id for d in done if d.created]
        self.summary.setText(
            self.tr("{courier}, round {round}: {created} logged, {open} already open.").format(
                courier=self.courier.currentText(),
                round=self.round.value(),
                created=len(created),
                open=len(done) - len(created),
            )
        )
        self.pieces.clear()
        self._sync()
        self.reported.emit(created)
        self.scan.setFocus()
