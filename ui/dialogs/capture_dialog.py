"""What the chase and complaint capture forms share: the waybill (scanner-ready), the caller and phone with the
loud repeat banner that updates while they are typed, the promised callback, the note, and saving.

A form is `check()` (field errors inline, next to the field) → `value()` → the service, in the task runner's
write queue; the service's own field errors land next to their fields too. `logged` carries the new case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.couriers import CourierChoice, list_couriers
from app.desk import Desk
from app.phones import parse_phone
from app.waybills import normalise_waybill
from ui.dialogs.form import FieldErrors
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.callback_picker import CallbackPicker
from ui.widgets.common import error_text, outlet_zone
from ui.widgets.repeat_banner import RepeatBanner, RepeatWatcher
from ui.widgets.scan_bar import ScanLineEdit

Row = tuple[str, str, QWidget]  # field key, label, widget


@dataclass(frozen=True)
class Setup:
    zone: str
    couriers: list[CourierChoice]


def read_setup(session: Any) -> Setup:
    return Setup(zone=outlet_zone(session), couriers=list_couriers(session))


class CaptureDialog(QDialog):
    logged = Signal(object)  # the new case (app.cases.CaseView)
    case_requested = Signal(int, str)  # an earlier case in the repeat banner was clicked: id, kind

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self.clock = desk, runner, prompt, clock
        self.setup: Setup | None = None
        self.saving = False
        self.errors = FieldErrors()
        self.banner = RepeatBanner()
        self.watcher = RepeatWatcher(desk, runner, clock, self)
        self.waybill = ScanLineEdit()
        self.waybill.setObjectName("captureWaybill")
        self.waybill.setPlaceholderText(self.tr("Scan or type the waybill"))
        self.caller_name = QLineEdit()
        self.caller_name.setObjectName("callerName")
        self.caller_phone = QLineEdit()
        self.caller_phone.setObjectName("callerPhone")
        self.caller_phone.setPlaceholderText(self.tr("Whole, masked (138****5678) or virtual with extension"))
        self.callback = CallbackPicker(clock)
        self.detail = QLineEdit()
        self.detail.setObjectName("captureDetail")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.waybill.textChanged.connect(self._on_keys_changed)
        self.caller_phone.textChanged.connect(self._on_keys_changed)
        self.waybill.scanned.connect(self._on_waybill_scanned)
        self.watcher.found.connect(self.banner.show_facts)
        self.watcher.failed.connect(self._on_watcher_failed)
        self.banner.case_requested.connect(self.case_requested)
        task = runner.run(lambda _p, _c: desk.read(read_setup))
        task.succeeded.connect(self._on_setup_read)
        task.failed.connect(self._on_setup_failed)

    def lay_out(self, rows: list[Row]) -> None:
        form = QFormLayout()
        for key, label, widget in rows:
            self.errors.add_row(form, key, label, widget)
        widgets = [widget for _key, _label, widget in rows]
        self._after_waybill = widgets[(widgets.index(self.waybill) + 1) % len(widgets)]
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)

    # --- what a form plugs in -------------------------------------------------------------------------
    def service(self) -> Callable[..., Any]:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def setup_read(self, setup: Setup) -> None:
        """The choices read from the database have arrived (couriers, the outlet's zone)."""

    def problems(self) -> dict[str, str]:
        """Field key → the sentence to show next to it; a form adds its own to these."""
        found: dict[str, str] = {}
        if not self.waybill.text().strip():
            found["waybill_no"] = self.tr("Give the waybill number.")
        phone = self.caller_phone.text().strip()
        if phone and parse_phone(phone) is None:
            found["caller_phone"] = self.tr("This is not a phone number.")
        callback = self.callback.value()
        if callback is not None and callback < self.clock().replace(second=0, microsecond=0):
            found["callback_at"] = self.tr("The callback time has already passed.")
        return found

    def check(self) -> bool:
        """Show every problem next to its field; True when the form can be saved."""
        self.errors.clear()
        found = self.problems()
        for key, message in found.items():
            self.errors.show(key, message)
        return not found

    # --- shared pieces for value() --------------------------------------------------------------------
    def waybill_no(self) -> str:
        return normalise_waybill(self.waybill.text())

    def text_of(self, field: QLineEdit) -> str | None:
        return field.text().strip() or None

    # --- saving ---------------------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        if not self.check():
            self.errors.focus_first()
            return
        desk, service, new = self._desk, self.service(), self.value()
        self.saving = True
        self.save_button.setEnabled(False)
        task = self._runner.run(lambda _p, _c: desk.write(service, new), write=True)
        task.succeeded.connect(self._on_saved)
        task.failed.connect(self._on_save_failed)

    @Slot(object)
    def _on_saved(self, case: Any) -> None:
        self.saving = False
        self.logged.emit(case)
        self.accept()

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        message = self.errors.show_refusal(exc)
        if message is not None:
            self._prompt.error(self, message)

    # --- slots ----------------------------------------------------------------------------------------
    @Slot(object)
    def _on_setup_read(self, setup: Setup) -> None:
        self.setup = setup
        self.callback.set_zone(setup.zone)
        self.setup_read(setup)

    @Slot(object)
    def _on_setup_failed(self, exc: BaseException) -> None:
        self._prompt.error(self, error_text(exc))

    @Slot()
    def _on_keys_changed(self) -> None:
        self.watcher.watch(self.waybill.text(), self.caller_phone.text())

    @Slot(str)
    def _on_waybill_scanned(self, _number: str) -> None:
        self.watcher.check_now()
        self._after_waybill.setFocus()

    @Slot(str)
    def _on_watcher_failed(self, message: str) -> None:
        self.banner.hide()
        self.errors.show("waybill_no", message)

    def keyPressEvent(self, event: Any) -> None:
        """Ctrl+Enter saves from anywhere in the form, even from the waybill field the scanner owns."""
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return
        super().keyPressEvent(event)
