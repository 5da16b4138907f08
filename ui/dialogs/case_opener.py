"""Opens a case in the dialog its kind needs (a stuck parcel in its own dialog, the other kinds in the case
dialog, a claim — kind "claim", its id — in the claim dialog), once: asking for one that is already open brings
its dialog to the front. Linked cases and earlier cases named in a repeat banner open through here too, over the
dialog that asked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from app.desk import Desk
from ui.dialogs.capture_dialog import CaptureDialog
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.claim_dialog import ClaimDialog
from ui.optional import optional
from ui.prompt import Prompt
from ui.tasks import TaskRunner


class CaseOpener(QObject):
    changed = Signal(int)  # a case was changed in one of the dialogs opened here

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._clock = desk, runner, prompt, clock
        self._widget = parent
        self.dialogs: dict[int, QDialog] = {}  # case id → its open dialog
        self.claim_dialogs: dict[int, QDialog] = {}  # claim id → its open dialog

    @Slot(int, str)
    def open(self, case_id: int, kind: str, parent: QWidget | None = None) -> QDialog | None:
        opened = self.claim_dialogs if kind == "claim" else self.dialogs
        dialog = opened.get(case_id)
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        owner = parent or self._sender_dialog() or self._widget
        if kind == "claim":
            dialog = ClaimDialog(self._desk, self._runner, self._prompt, case_id, owner)
        elif kind == "stuck":
            stuck_class = optional("ui.dialogs.stuck_case_dialog", "StuckCaseDialog")
            if stuck_class is None:
                self._prompt.error(owner, self.tr("This part of Outlet Desk is not installed."))
                return None
            dialog = stuck_class(self._desk, self._prompt, case_id, owner, runner=self._runner, clock=self._clock)
        else:
            dialog = CaseDialog(self._desk, self._runner, self._prompt, case_id, owner, clock=self._clock)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.changed)
        dialog.case_requested.connect(self.open)
        dialog.finished.connect(lambda _result, number=case_id: opened.pop(number, None))
        opened[case_id] = dialog
        dialog.open()
        return dialog

    def capture(self, dialog: CaptureDialog, logged: Callable[[Any], None]) -> CaptureDialog:
        """Open a capture form; the earlier cases its repeat banner names open over it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.logged.connect(logged)
        dialog.case_requested.connect(lambda case_id, kind: self.open(case_id, kind, dialog))
        dialog.open()
        return dialog

    def _sender_dialog(self) -> QWidget | None:
        sender = self.sender()
        return sender if isinstance(sender, QDialog) else None
