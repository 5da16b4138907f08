"""The tools of the day on the stuck-parcel page: open a parcel, paste a list, a courier's round, the shelf
count, unlabelled parcels, copy for WeChat, the daily sheet and the problem-type catalogue.

The dialogs and the engines behind them are separate parts of the desk, imported when first used (see
`ui.optional`): a build without one still opens the page and says so when the clerk asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from app.columns import DEFAULT_ZONE
from app.desk import Desk
from app.errors import user_message
from app.stuck_query import StuckRow
from ui.local_state import LocalState
from ui.optional import optional
from ui.prompt import Prompt
from ui.tasks import TaskRunner

DAILY_SHEET_NAME = "每日问题件日报_{day}.xlsx"  # the sheet goes to the manager and upstream: a Chinese name


class StuckTools(QObject):
    announced = Signal(str)  # a short sentence for the status bar
    changed = Signal(int)  # a case changed (its id; 0 when a tool may have changed several): read the list again
    types_changed = Signal()  # the problem-type catalogue was edited: filters and pickers read it again

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        state: LocalState,
        selection: Callable[[], list[StuckRow]],
        parent: QWidget,
        *,
        open_linked: Callable[[int, str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._state = desk, runner, prompt, state
        self._selection = selection
        self._open_linked = open_linked  # opens a case linked to a parcel (the chase it came from) in its dialog
        self._widget = parent
        self.zone = DEFAULT_ZONE  # the outlet's: the daily sheet is for its today
        self._copied = 0  # parcels in the WeChat text on its way
        self._daily_path = ""

        def action(text: str, keys: str, slot: Callable[[], None]) -> QAction:
            made = QAction(text, parent)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.setToolTip(made.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            made.triggered.connect(slot)
            parent.addAction(made)
            return made

        self.paste_action = action(self.tr("Paste list…"), "Ctrl+Shift+V", self._on_paste_action_triggered)
        self.round_action = action(self.tr("Courier round…"), "Ctrl+Shift+R", self._on_round_action_triggered)
        self.shelf_action = action(self.tr("Shelf count…"), "Ctrl+Shift+K", self._on_shelf_action_triggered)
        self.unlabelled_action = action(self.tr("Unlabelled…"), "Ctrl+Shift+U", self._on_unlabelled_action_triggered)
        self.wechat_action = action(self.tr("Copy for WeChat"), "Ctrl+Shift+C", self._on_wechat_action_triggered)
        self.daily_action = action(self.tr("Daily sheet…"), "Ctrl+E", self._on_daily_action_triggered)
        self.types_action = action(self.tr("Problem types…"), "Ctrl+Shift+T", self._on_types_action_triggered)

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        dialog = self._dialog("ui.dialogs.stuck_case_dialog", "StuckCaseDialog", case_id, runner=self._runner)
        if dialog is not None:
            dialog.changed.connect(self.changed)
            if self._open_linked is not None:
                dialog.case_requested.connect(self._open_linked)
            dialog.open()

    # --- dialogs ------------------------------------------------------------------------------------
    def _dialog(self, module: str, name: str, *args: Any, **options: Any) -> QDialog | None:
        dialog_class = optional(module, name)
        if dialog_class is None:
            self._prompt.error(self._widget, self.tr("This part of Outlet Desk is not installed."))
            return None
        dialog = dialog_class(self._desk, self._prompt, *args, self._widget, **options)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _open_tool(self, module: str, name: str, **options: Any) -> None:
        dialog = self._dialog(module, name, **options)
        if dialog is not None:
            dialog.finished.connect(self._on_tool_finished)
            dialog.open()

    @Slot()
    def _on_paste_action_triggered(self) -> None:
        self._open_tool("ui.dialogs.paste_dialog", "PasteDialog")

    @Slot()
    def _on_round_action_triggered(self) -> None:
        self._open_tool("ui.dialogs.round_dialog", "RoundDialog", state=self._state)  # the scanner's suffix key

    @Slot()
    def _on_shelf_action_triggered(self) -> None:
        self._open_tool("ui.dialogs.shelf_count_dialog", "ShelfCountDialog", state=self._state)

    @Slot()
    def _on_unlabelled_action_triggered(self) -> None:
        self._open_tool("ui.dialogs.unlabelled_dialog", "UnlabelledDialog")

    @Slot()
    def _on_types_action_triggered(self) -> None:
        dialog = self._dialog("ui.dialogs.problem_types_dialog", "ProblemTypesDialog")
        if dialog is not None:
            dialog.changed.connect(self.types_changed)
            dialog.open()

    @Slot(int)
    def _on_tool_finished(self, _result: int) -> None:
        self.changed.emit(0)

    # --- copy for WeChat ----------------------------------------------------------------------------
    @Slot()
    def _on_wechat_action_triggered(self) -> None:
        wechat_text = optional("app.handover", "wechat_text")
        ids = [row.id for row in self._selection()]
        if wechat_text is None or not ids:
            if wechat_text is None:
                self._prompt.error(self._widget, self.tr("This part of Outlet Desk is not installed."))
            return
        desk, self._copied = self._desk, len(ids)
        task = self._runner.run(lambda _p, _c: desk.read(wechat_text, ids))
        task.succeeded.connect(self._on_wechat_text_read)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_wechat_text_read(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.announced.emit(self.tr("Copied {count} parcels for WeChat.").format(count=self._copied))

    # --- the daily sheet ----------------------------------------------------------------------------
    @Slot()
    def _on_daily_action_triggered(self) -> None:
        write_daily_sheet = optional("app.export.daily", "write_daily_sheet")
        if write_daily_sheet is None:
            self._prompt.error(self._widget, self.tr("This part of Outlet Desk is not installed."))
            return
        day = datetime.now(ZoneInfo(self.zone)).date()
        suggested = str(Path.home() / DAILY_SHEET_NAME.format(day=day.isoformat()))
        path = self._prompt.save_file(
            self._widget, self.tr("Export the daily sheet"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        desk, target, self._daily_path = self._desk, Path(path), path
        task = self._runner.run(
            lambda progress, cancelled: desk.read(
                write_daily_sheet, day, target, progress=progress, cancelled=cancelled
            ),
            title=self.tr("Exporting the daily sheet"),
            dialog_parent=self._widget,
        )
        task.succeeded.connect(self._on_daily_written)
        task.cancelled.connect(self._on_daily_cancelled)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_daily_written(self, _report: object) -> None:
        self.announced.emit(self.tr("Daily sheet saved: {path}").format(path=self._daily_path))

    @Slot()
    def _on_daily_cancelled(self) -> None:
        self.announced.emit(self.tr("Daily sheet export cancelled."))

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        self._prompt.error(self._widget, message)
