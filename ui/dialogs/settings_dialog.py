"""Settings: the outlet's details and deadline rules (shared, in the database) and the interface language (this PC).

`SettingsDialog` is only the form: `load(data)` → `check()` → `value()`. `SettingsEditor` is its caller: it
reads the settings, asks a manager's PIN when rules changed, saves through `app.settings` in the task runner's
write queue and shows a failure next to the field it concerns, keeping the dialog open.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.claims.compensation import SETTING as MULTIPLE
from app.deadlines import DeadlineRules, PeakWindow, lowest
from app.desk import Desk
from app.errors import PermissionDenied, ValidationError, user_message
from ui.dialogs.form import FieldErrors
from ui.local_state import LANGUAGES, MAX_IDLE_LOCK_MINUTES, LocalState
from ui.prompt import Prompt
from ui.tasks import TaskRunner

OUTLET_KEYS = ("outlet.name", "outlet.code", "outlet.phone")
LANGUAGE_KEY = "ui.language"  # per PC: saved in the ini, not the database
IDLE_LOCK_KEY = "ui.idle_lock_minutes"  # per PC too
RETENTION = "retention_months"  # app.retention: shared, a manager's
PC_KEYS = (LANGUAGE_KEY, IDLE_LOCK_KEY)
_WINDOW = re.compile(r"(\d{1,2})-(\d{1,2})\s*[~～至到]\s*(\d{1,2})-(\d{1,2})")


def format_peak_windows(windows: Any) -> str:
    return ", ".join(str(w) for w in windows)


def parse_peak_windows(text: str) -> tuple[PeakWindow, ...]:
    """`11-11~11-20, 12-12~12-15` → windows; commas, 、 or ； separate them. Raises ValueError."""
    windows = []
    for part in filter(None, (p.strip() for p in re.split(r"[,，、;；\n]+", text))):
        match = _WINDOW.fullmatch(part)
        if match is None:
            raise ValueError(part)
        sm, sd, em, ed = (int(g) for g in match.groups())
        for month, day in ((sm, sd), (em, ed)):
            date(2024, month, day)  # a leap year, so 02-29 is a real day; raises ValueError otherwise
        windows.append(PeakWindow(start=(sm, sd), end=(em, ed)))
    return tuple(windows)


class SettingsDialog(QDialog):
    submitted = Signal()  # Save was pressed and check() passed; the caller saves and then closes the dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.errors = FieldErrors()
        self._rules = DeadlineRules()

        outlet = QGroupBox(self.tr("Outlet"))
        outlet_form = QFormLayout(outlet)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.phone = QLineEdit()
        self.errors.add_row(outlet_form, "outlet.name", self.tr("&Name:"), self.name)
        self.errors.add_row(outlet_form, "outlet.code", self.tr("&Code:"), self.code)
        self.errors.add_row(outlet_form, "outlet.phone", self.tr("&Phone:"), self.phone)

        rules = QGroupBox(self.tr("Deadline rules (changes need a manager's PIN)"))
        rules_form = QFormLayout(rules)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(sorted(available_timezones()))
        self.errors.add_row(rules_form, "zone", self.tr("&Time zone:"), self.zone)
        self.numbers: dict[str, QSpinBox] = {}
        hours, days = self.tr(" hours"), self.tr(" days")
        for key, label, suffix, top in (
            ("message_reply_hours", self.tr("Reply to another outlet's message within:"), hours, 720),
            ("return_day_no_reply", self.tr("Earliest return day, no clear reply:"), days, 60),
            ("return_day_unreachable", self.tr("Earliest return day, recipient unreachable:"), days, 60),
            ("complaint_sla_hours", self.tr("Close a complaint within:"), hours, 720),
            ("complaint_12305_days", self.tr("12305 risk clock:"), days, 60),
            ("chase_stalled_days", self.tr("A chase is stalled after:"), days, 60),
            ("repeat_window_days", self.tr("Repeat complaints counted within:"), days, 365),
            ("peak_extra_days", self.tr("Extra days in peak windows:"), days, 30),
        ):
            box = QSpinBox()
            box.setRange(lowest(key), top)
            box.setSuffix(suffix)
            self.numbers[key] = box
            self.errors.add_row(rules_form, key, label, box)
        self.peaks = QLineEdit()
        self.peaks.setPlaceholderText("11-11~11-20, 12-12~12-15")
        self.errors.add_row(rules_form, "peak_windows", self.tr("&Peak windows:"), self.peaks)
        self.rules_error = QLabel()
        self.errors.add_label("deadlines", self.rules_error)
        rules_form.addRow(self.rules_error)

        claims = QGroupBox(self.tr("Claims and personal data (changes need a manager's PIN)"))
        claims_form = QFormLayout(claims)
        self.freight_multiple = QDoubleSpinBox()
        self.freight_multiple.setObjectName("freightMultiple")
        self.freight_multiple.setRange(0.5, 100)
        self.freight_multiple.setSingleStep(0.5)
        self.freight_multiple.setDecimals(2)
        self.freight_multiple.setSuffix(self.tr(" × freight"))
        self.errors.add_row(claims_form, MULTIPLE, self.tr("&Uninsured cap (carrier terms):"), self.freight_multiple)
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionMonths")
        self.retention.setRange(0, 600)
        self.retention.setSuffix(self.tr(" months"))
        self.retention.setSpecialValueText(self.tr("keep for ever"))
        self.retention.setToolTip(
            self.tr("Customers' phones, names and addresses of parcels closed longer ago are masked by 'anonymise'")
        )
        self.errors.add_row(claims_form, RETENTION, self.tr("Keep personal data &for:"), self.retention)

        this_pc = QGroupBox(self.tr("This PC"))
        pc_form = QFormLayout(this_pc)
        self.language = QComboBox()
        for code, label in zip(LANGUAGES, ("中文", "English"), strict=True):
            self.language.addItem(label, code)
        pc_form.addRow(self.tr("&Language (after a restart):"), self.language)
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("idleLock")
        self.idle_lock.setRange(0, MAX_IDLE_LOCK_MINUTES)
        self.idle_lock.setSuffix(self.tr(" min"))
        self.idle_lock.setSpecialValueText(self.tr("never"))
        self.idle_lock.setToolTip(self.tr("Cover the window after this long without a key or a click"))
        pc_form.addRow(self.tr("Lock when &idle:"), self.idle_lock)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (outlet, rules, claims, this_pc, self.buttons):
            layout.addWidget(widget)

    def load(self, data: dict[str, Any]) -> None:
        self.errors.clear()
        self.name.setText(data.get("outlet.name", ""))
        self.code.setText(data.get("outlet.code", ""))
        self.phone.setText(data.get("outlet.phone", ""))
        self._rules = DeadlineRules.from_dict(data.get("deadlines") or {})
        self.zone.setCurrentText(self._rules.zone)
        for key, box in self.numbers.items():
            box.setValue(int(getattr(self._rules, key)))
        self.peaks.setText(format_peak_windows(self._rules.peak_windows))
        self.freight_multiple.setValue(float(data.get(MULTIPLE, "3")))
        self.retention.setValue(int(data.get(RETENTION) or 0))
        self.language.setCurrentIndex(max(self.language.findData(data.get(LANGUAGE_KEY)), 0))
        self.idle_lock.setValue(int(data.get(IDLE_LOCK_KEY) or 0))

    def check(self) -> bool:
        """Show what is wrong next to each field; True when the form can be saved."""
        self.errors.clear()
        if self.zone.currentText().strip() not in available_timezones():
            self.errors.show("zone", self.tr("Choose a time zone from the list, e.g. Asia/Shanghai."))
        try:
            parse_peak_windows(self.peaks.text())
        except ValueError:
            self.errors.show("peak_windows", self.tr("Write the windows like 11-11~11-20, 12-12~12-15."))
        if self.errors.messages():
            self.errors.focus_first()
            return False
        try:
            self._rules_value()
        except (ValueError, TypeError) as exc:
            self.errors.show("deadlines", self.tr("These rules do not fit together: {reason}").format(reason=exc))
            return False
        return True

    def _rules_value(self) -> DeadlineRules:
        numbers = {key: box.value() for key, box in self.numbers.items()}
        rules = dataclasses.replace(
            self._rules,
            zone=self.zone.currentText().strip(),
            peak_windows=parse_peak_windows(self.peaks.text()),
            **numbers,
        )
        return DeadlineRules.from_dict(rules.to_dict())

    def value(self) -> dict[str, Any]:
        """Everything the form holds, keyed like `app.settings` (plus the per-PC language). Call check() first."""
        return {
            "outlet.name": self.name.text().strip(),
            "outlet.code": self.code.text().strip(),
            "outlet.phone": self.phone.text().strip(),
            "deadlines": self._rules_value().to_dict(),
            MULTIPLE: f"{Decimal(str(self.freight_multiple.value())).normalize():f}",
            RETENTION: self.retention.value(),
            LANGUAGE_KEY: self.language.currentData(),
            IDLE_LOCK_KEY: self.idle_lock.value(),
        }

    def show_error(self, key: str, message: str) -> bool:
        return self.errors.show(key, message)

    def accept(self) -> None:
        if self.check():
            self.submitted.emit()


class SettingsEditor(QObject):
    """Opens the settings dialog and saves what changed."""

    saved = Signal(dict)  # the changed values

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, state: LocalState, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._state = desk, runner, prompt, state
        self._parent = parent
        self.dialog: SettingsDialog | None = None
        self._loaded: dict[str, Any] = {}

    def open(self) -> SettingsDialog:
        """Show the dialog (window-modal, without blocking) filled with the current values."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        stored = self._desk.read(settings.get_all)
        stored["deadlines"] = DeadlineRules.from_dict(stored["deadlines"]).to_dict()
        self._loaded = {**stored, LANGUAGE_KEY: self._state.language, IDLE_LOCK_KEY: self._state.idle_lock_minutes}
        dialog = SettingsDialog(self._parent)
        dialog.load(self._loaded)
        dialog.submitted.connect(self._on_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_dialog_submitted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        changes = {k: v for k, v in dialog.value().items() if v != self._loaded.get(k)}
        pin = None
        if any(key in settings.REGISTRY and settings.REGISTRY[key].needs_manager for key in changes):
            pin = self._prompt.ask_pin(dialog, self.tr("Changing the deadline and claim rules needs a manager's PIN."))
            if pin is None:
                return
        if not set(changes) - set(PC_KEYS):
            self._on_saved(dialog, changes)
            return
        dialog.buttons.setEnabled(False)
        shared = {k: v for k, v in changes.items() if k not in PC_KEYS}
        desk = self._desk
        task = self._runner.run(
            lambda _progress, _cancelled: desk.write(settings.put_many, shared, manager_pin=pin), write=True
        )
        task.succeeded.connect(lambda _result: self._on_saved(dialog, changes))
        task.failed.connect(lambda exc: self._on_save_failed(dialog, exc))

    def _on_saved(self, dialog: SettingsDialog, changes: dict[str, Any]) -> None:
        if LANGUAGE_KEY in changes:
            self._state.language = changes[LANGUAGE_KEY]
        if IDLE_LOCK_KEY in changes:
            self._state.idle_lock_minutes = changes[IDLE_LOCK_KEY]
        self.saved.emit(changes)
        if self.dialog is dialog:  # the clerk may have closed it with Esc while the save ran
            dialog.done(QDialog.DialogCode.Accepted)

    def _on_save_failed(self, dialog: SettingsDialog, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        if self.dialog is not dialog:
            self._prompt.error(self._parent, message)
            return
        dialog.buttons.setEnabled(True)
        if isinstance(exc, PermissionDenied):
            dialog.show_error("deadlines", message)
            return
        if isinstance(exc, ValidationError) and exc.params.get("key") == MULTIPLE:
            dialog.show_error(MULTIPLE, message)
            return
        fields = exc.fields if isinstance(exc, ValidationError) else {}
        if not any(dialog.show_error(key, message) for key in fields):
            self._prompt.error(dialog, message)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
