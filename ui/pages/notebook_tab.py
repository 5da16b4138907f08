"""What the notebook's three tabs share: reading through the task runner (the newest read wins), opening a form
that saves through the runner's write queue, and writes (done, delete) after which the tab reads again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.desk import Desk
from ui.dialogs.directory_dialogs import RecordDialog
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner
from ui.widgets.common import error_text
from ui.widgets.record_list import RecordList


class NotebookTab(QWidget):
    loaded = Signal()  # the tab's list was read and is on show
    changed = Signal()  # something was saved or deleted here

    def __init__(
        self, desk: Desk, runner: TaskRunner, prompt: Prompt, clock: Callable[[], datetime], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._clock = desk, runner, prompt, clock
        self._latest: Task | None = None
        self.select_after: int | None = None
        self.dialog: RecordDialog | None = None

    def load(self) -> None:
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    def read(self, fn: Callable[..., Any], *args: Any) -> None:
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.read(fn, *args))
        self._latest = task
        task.succeeded.connect(lambda result: self._on_read(task, result))
        task.failed.connect(lambda exc: self._on_read_failed(task, exc))

    def _on_read(self, task: Task, result: Any) -> None:
        if task is self._latest:  # else a newer read has been asked for
            self.show_result(result)
            self.loaded.emit()

    def _on_read_failed(self, task: Task, exc: BaseException) -> None:
        if task is self._latest:
            self._prompt.error(self, error_text(exc))

    def show_rows(self, lst: RecordList, rows: list[Any], greyed: Callable[[Any], bool] | None = None) -> bool:
        """Show the rows with the record asked for current; False when it was asked for and is not listed."""
        lst.show_rows(rows, greyed=greyed)
        wanted, self.select_after = self.select_after, None
        return wanted is None or lst.select(wanted)

    # --- changing -------------------------------------------------------------------------------------
    def open_dialog(self, dialog: RecordDialog) -> RecordDialog:
        """Show a form; the tab is read again once it is saved, with the saved record current."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_dialog_saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_dialog_saved(self, view: Any) -> None:
        self.saved(view)
        self.changed.emit()

    def saved(self, view: Any) -> None:
        self.select_after = view.id
        self.load()

    def write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(fn, *args, **kwargs), write=True)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)
        return task

    def delete(self, service: Callable[..., Any], row: Any, question: str, *, pin_reason: str | None = None) -> None:
        """Ask, then delete; with `pin_reason` a clerk is also asked for a manager's PIN (a manager is not)."""
        if not self._prompt.confirm(self, question):
            return
        if pin_reason is None:
            self.write(service, row.id)
            return
        approved, pin = self._prompt.approval(self, self._desk.actor.is_manager, pin_reason)
        if approved:
            self.write(service, row.id, manager_pin=pin)

    @Slot(object)
    def _on_written(self, _result: object) -> None:
        self.load()
        self.changed.emit()

    @Slot(object)
    def _on_write_failed(self, exc: BaseException) -> None:
        self._prompt.error(self, error_text(exc))
        self.load()
