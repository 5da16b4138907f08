"""Fines (罚款 / 考核): the open ones by default, each with its appeal deadline, and the clerk's steps — record a fine,
appeal it (a manager approves an appeal after the deadline), and its outcome: accepted, cancelled or reduced.

A tab of the money-at-risk page: an open fine is money the outlet still may keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import fines
from app.desk import Desk
from app.errors import UserError, ValidationError
from app.fine_views import REASONS, FineView, list_fines
from app.imports.values import ValueProblem, money
from ui.dialogs.form import FieldErrors
from ui.pages.money_tab import MoneyTab
from ui.prompt import Prompt
from ui.widgets.common import Clock, action_button, error_text, message_language, outlet_zone
from ui.widgets.money_edit import MoneyEdit
from ui.widgets.optional_date import OptionalDate
from ui.widgets.record_list import Column, RecordList
from ui.widgets.scan_bar import ScanLineEdit


@dataclass(frozen=True)
class FinesData:
    fines: list[FineView]
    zone: str


def read_fines(session: Any, open_only: bool, waybill: str | None) -> FinesData:
    return FinesData(list_fines(session, open_only=open_only, waybill_no=waybill), outlet_zone(session))


class FineDialog(QDialog):
    """Record one fine from the carrier's notice. Save emits `submitted` with the fine when the form can be read;
    the tab saves it and closes the dialog, or shows the service's refusal next to its field."""

    submitted = Signal(object)  # fines.NewFine

    def __init__(self, zone: str, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fineDialog")
        self.setWindowTitle(self.tr("Record a fine"))
        self._zone, self._clock = Clock(zone), clock
        self.errors = FieldErrors()
        self.waybill = ScanLineEdit()
        self.waybill.setObjectName("fineWaybill")
        self.reason = QComboBox(objectName="fineReason")
        for code, label in REASONS.items():
            self.reason.addItem(label, code)
        self.amount = MoneyEdit(objectName="fineAmount")
        self.appeal_due = OptionalDate(self.tr("the carrier gives a date"))
        self.evidence = QPlainTextEdit(objectName="fineEvidence")
        self.evidence.setTabChangesFocus(True)
        self.evidence.setMaximumHeight(80)
        form = QFormLayout()
        self.errors.add_row(form, "waybill_no", self.tr("&Waybill:"), self.waybill)
        self.errors.add_row(form, "reason", self.tr("&Reason:"), self.reason)
        self.errors.add_row(form, "amount", self.tr("&Amount:"), self.amount)
        self.errors.add_row(form, "appeal_due_at", self.tr("A&ppeal by:"), self.appeal_due)
        self.errors.add_row(form, "evidence", self.tr("&Notice / evidence:"), self.evidence)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def accept(self) -> None:
        new = self.value()
        if new is not None:
            self.submitted.emit(new)

    def value(self) -> fines.NewFine | None:
        """The fine as typed; None when something cannot be read (shown next to its field)."""
        self.errors.clear()
        number = self.waybill.text().strip()
        if not number:
            self.errors.show("waybill_no", self.tr("Give the waybill number."))
        try:
            amount = self.amount.value()
        except ValueProblem as exc:
            self.errors.show("amount", exc.message(message_language()))
            amount = None
        else:
            if amount is None:
                self.errors.show("amount", self.tr("Give the amount."))
        if self.errors.messages() or amount is None:
            self.errors.focus_first()
            return None
        due = self.appeal_due.value()
        tz = self._zone.zone
        return fines.NewFine(
            waybill_no=number,
            reason=self.reason.currentData(),
            amount=amount,
            issued_at=self._clock(),
            appeal_due_at=datetime.combine(due, time(23, 59, 59), tzinfo=tz) if due else None,
            evidence=self.evidence.toPlainText().strip() or None,
        )


class FinesTab(MoneyTab):
    def __init__(
        self, desk: Desk, prompt: Prompt, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, prompt, clock, parent)
        self.setObjectName("finesTab")
        self.data: FinesData | None = None
        self.dialog: FineDialog | None = None  # the last fine form opened
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.open_only.setChecked(True)
        self.search = QLineEdit(objectName="fineSearch")
        self.search.setPlaceholderText(self.tr("Waybill number"))
        self.search.setClearButtonEnabled(True)
        self.list = RecordList(
            self.tr("&Fines"),
            [
                Column(self.tr("Waybill"), lambda f: f.waybill_no, 18),
                Column(self.tr("Carrier"), lambda f: f.carrier_name or f.carrier, 6),
                Column(self.tr("Reason"), lambda f: f.reason_label, 10),
                Column(self.tr("Amount"), lambda f: f"{f.amount:,.2f}", 8),
                Column(self.tr("Issued"), lambda f: self._time(f.issued_at), 16),
                Column(self.tr("Appeal by"), lambda f: self._time(f.appeal_due_at), 16),
                Column(self.tr("Result"), lambda f: f.result_label, 8),
                Column(self.tr("Recovered"), lambda f: f"{f.amount_recovered:,.2f}" if f.amount_recovered else ""),
            ],
            "fineList",
            add_text=self.tr("&Record a fine…"),
            deletable=False,
        )
        self.list.edit_button.hide()  # a fine moves by its steps below
        self.appeal_button = action_button(self.tr("A&ppeal"), "appealFineButton")
        self.accept_button = action_button(self.tr("Accep&ted"), "acceptFineButton")
        self.cancel_button = action_button(self.tr("Cance&lled"), "cancelFineButton")
        self.reduce_button = action_button(self.tr("Re&duced…"), "reduceFineButton")
        self.list.add_tool(self.open_only)
        self.list.add_tool(self.search)
        for button in (self.appeal_button, self.accept_button, self.cancel_button, self.reduce_button):
            self.list.add_tool(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.open_only.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        self.list.add_requested.connect(self.record)
        self.list.tree.currentItemChanged.connect(self._update_buttons)
        self.appeal_button.clicked.connect(self._on_appeal_clicked)
        self.accept_button.clicked.connect(lambda: self._decide("accepted"))
        self.cancel_button.clicked.connect(lambda: self._decide("cancelled"))
        self.reduce_button.clicked.connect(lambda: self._decide("reduced"))

    @Slot()
    def refresh(self) -> None:
        self.data = self._desk.read(read_fines, self.open_only.isChecked(), self.search.text().strip() or None)
        self.zone = Clock(self.data.zone)
        self.list.show_rows(self.data.fines)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        fine: FineView | None = self.list.current()
        result = fine.result if fine is not None else None
        self.appeal_button.setEnabled(result == "open")
        self.accept_button.setEnabled(result in ("open", "appealed"))
        self.cancel_button.setEnabled(result in ("open", "appealed"))
        self.reduce_button.setEnabled(result == "appealed")

    @Slot()
    def record(self) -> FineDialog:
        if self.data is None:
            self.refresh()
        assert self.data is not None
        dialog = FineDialog(self.data.zone, self._clock, self)
        dialog.submitted.connect(lambda new: self._on_dialog_submitted(dialog, new))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _on_dialog_submitted(self, dialog: FineDialog, new: fines.NewFine) -> None:
        if self._write(fines.record_fine, new, errors=dialog.errors):
            dialog.done(QDialog.DialogCode.Accepted)

    @Slot()
    def _on_appeal_clicked(self) -> None:
        fine: FineView | None = self.list.current()
        if fine is None:
            return
        try:
            self._desk.write(fines.appeal_fine, fine.id, expected_version=fine.version, at=self._clock())
        except ValidationError as exc:
            if "appealed_at" not in exc.fields:
                self._prompt.error(self, error_text(exc))
                return
            pin = self._prompt.ask_pin(self, error_text(exc) + "\n" + self.tr("A manager may still approve it."))
            if pin is None:
                return
            self._write(fines.appeal_fine, fine.id, expected_version=fine.version, at=self._clock(), manager_pin=pin)
            return
        except UserError as exc:
            self._prompt.error(self, error_text(exc))
            return
        self.refresh()
        self.changed.emit()

    def _decide(self, result: str) -> None:
        fine: FineView | None = self.list.current()
        if fine is None:
            return
        new_amount: Decimal | None = None
        if result == "reduced":
            typed = self._prompt.ask_text(self, self.tr("Reduced"), self.tr("The amount after the reduction (yuan):"))
            if typed is None:
                return
            try:
                new_amount = money(typed)
            except ValueProblem as exc:
                self._prompt.error(self, exc.message(message_language()))
                return
        self._write(fines.decide_fine, fine.id, result, expected_version=fine.version, new_amount=new_amount)
