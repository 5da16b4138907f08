"""The work notebook on a case's dialog: the Phrases button (a 话术 filled from the case, to the clipboard) and the
Work note button (a note attached to the case, which then shows on its timeline). Both case dialogs use this."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QWidget

from app.desk import Desk
from ui.dialogs.note_dialog import open_case_note
from ui.dialogs.phrase_picker import open_phrase_picker
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import action_button


class CaseNotebook(QObject):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner | None,
        prompt: Prompt,
        case_id: int,
        *,
        clock: Callable[[], datetime],
        zone: Callable[[], str | None],
        note_saved: Callable[[Any], None],
        phrases_text: str,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._case_id = desk, runner, prompt, case_id
        self._clock, self._zone, self._note_saved, self._widget = clock, zone, note_saved, parent
        self.phrases_button = action_button(phrases_text, "phrasesButton")
        self.note_button = action_button(self.tr("Work &note…"), "noteButton")
        self.note_button.setToolTip(self.tr("A note in the work notebook, shown on this case's timeline"))
        self.note_button.setVisible(runner is not None)  # the form saves through the window's task runner
        self.note_dialog: QDialog | None = None
        self.phrases_button.clicked.connect(self._on_phrases_button_clicked)
        self.note_button.clicked.connect(self._on_note_button_clicked)

    @Slot()
    def _on_phrases_button_clicked(self) -> None:
        open_phrase_picker(
            self._desk, self._runner, self._prompt, case_id=self._case_id, clock=self._clock, parent=self._widget
        )

    @Slot()
    def _on_note_button_clicked(self) -> None:
        if self._runner is None:
            return
        self.note_dialog = open_case_note(
            self._desk,
            self._runner,
            self._prompt,
            case_id=self._case_id,
            now=self._clock(),
            zone=self._zone(),
            parent=self._widget,
            saved=self._note_saved,
        )
