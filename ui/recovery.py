"""Recovery at start: the quick check found damage, so say so, offer the newest sound backup and restore it.

Until then nothing is written to the damaged file: the window disables its pages and never starts the backup
scheduler (which would also rotate the good backups away). The backups are checked in the task runner with the
full integrity check; the manager's PIN is checked against the backup itself, and the damaged file is kept aside
byte for byte (see app.backups.restore_backup).
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app import backups
from app.backups import BackupFile
from app.desk import Desk
from app.errors import PermissionDenied
from app.messages import text as message_text
from ui.backup_scheduler import load_policy
from ui.local_state import LocalState
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text, message_language

ZONE = ZoneInfo("Asia/Shanghai")  # the outlet's zone lives in the damaged database: not read now


class Recovery(QObject):
    offered = Signal(object)  # the BackupFile offered, or None when no sound backup was found
    restored = Signal(str)  # where the damaged file was kept

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, state: LocalState, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt, self._state = desk, runner, prompt, state
        self._parent = parent
        self.detail = ""
        self.found: BackupFile | None = None

    def folders(self) -> list[Path]:
        second = load_policy(self._state).second_folder
        return [backups.backups_folder(self._desk.home)] + ([second] if second else [])

    def offer(self, problems: list[str]) -> None:
        """Look for the newest sound backup in the background, then ask whether to restore it."""
        self.detail = "; ".join(problems[:3])
        folders = self.folders()
        task = self._runner.run(lambda _p, _c: backups.newest_good_backup(folders))
        task.succeeded.connect(self._on_search_succeeded)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_search_succeeded(self, found: BackupFile | None) -> None:
        self.found = found
        self.offered.emit(found)
        if found is None:
            self._prompt.error(self._parent, message_text("damaged_no_backup", message_language(), detail=self.detail))
            return
        self._ask(found)

    def _ask(self, found: BackupFile) -> None:
        lang = message_language()
        when = found.taken_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")
        question = "\n\n".join(
            [
                message_text("db_damaged", lang, detail=self.detail),
                self.tr(
                    "The newest sound backup is from {time} ({name}). Restore it now? The damaged file is kept "
                    "in the backups folder as it is."
                ).format(time=when, name=found.path.name),
            ]
        )
        if not self._prompt.confirm(self._parent, question):
            return
        pin = self._prompt.ask_pin(self._parent, self.tr("Restoring a backup needs a manager's PIN."))
        if pin is None:
            return
        database, home, source = self._desk.database, self._desk.home, found.path
        task = self._runner.run(
            lambda _p, _c: backups.restore_backup(database, source, home, manager_pin=pin, damaged=True),
            title=self.tr("Restoring…"),
            write=True,
            dialog_parent=self._parent,
        )
        task.succeeded.connect(self._on_restore_succeeded)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_restore_succeeded(self, aside: Path) -> None:
        text = self.tr("Restored. The damaged database was kept as {aside}. Please restart Outlet Desk now.")
        self._prompt.info(self._parent, text.format(aside=str(aside)))
        self.restored.emit(str(aside))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._prompt.error(self._parent, error_text(exc))
        if isinstance(exc, PermissionDenied) and self.found is not None:
            self._ask(self.found)  # a mistyped PIN: ask again (the manager may still cancel)
