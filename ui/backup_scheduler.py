"""Runs `app.backups.run_backup` in the task runner: once at start when the newest is older than the interval,
then every few minutes while the database changes.

A change is seen in the file itself: the size and modification time of the database and its WAL. In WAL mode
every commit appends to the WAL and every checkpoint rewrites the main file, so this sees the changes of this
window, of the command line and of any other process alike, without every page having to report its saves
(`PRAGMA data_version` would only see other connections' commits, and only on the connection asking).

Backups go to the runner's write pool: never two at once, never beside a restore, and the online backup is not
restarted over and over by this program's own writes. The policy is per PC, in the ini file (see app.backups).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot

from app import backups
from app.backups import BackupPolicy, BackupRun
from app.desk import Desk
from app.errors import ValidationError, user_message
from app.messages import text as message_text
from ui.local_state import LocalState
from ui.tasks import Task, TaskRunner
from ui.widgets.common import message_language

TICK_MS = 10 * 60 * 1000
POLICY_KEY = "backup/policy"


def load_policy(state: LocalState) -> BackupPolicy:
    """This PC's policy; the defaults when none was saved or the ini was edited into nonsense."""
    raw = QSettings(str(state.path), QSettings.Format.IniFormat).value(POLICY_KEY)
    try:
        data = json.loads(str(raw)) if raw else {}
        return BackupPolicy.from_dict(data if isinstance(data, dict) else {})
    except (ValueError, ValidationError):
        return BackupPolicy()


def save_policy(state: LocalState, policy: BackupPolicy) -> None:
    ini = QSettings(str(state.path), QSettings.Format.IniFormat)
    ini.setValue(POLICY_KEY, json.dumps(policy.to_dict(), ensure_ascii=False))
    ini.sync()


def _file_signature(path: Path) -> tuple[int, ...]:
    signature: list[int] = []
    for suffix in ("", "-wal"):
        try:
            stat = Path(str(path) + suffix).stat()
        except OSError:
            signature += [0, 0]
            continue
        signature += [stat.st_mtime_ns, stat.st_size]
    return tuple(signature)


class BackupScheduler(QObject):
    backed_up = Signal(object)  # BackupRun
    failed = Signal(str)  # one sentence: disk full, read-only folder, the stick pulled out

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        state: LocalState,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
        *,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._state, self._clock = desk, runner, state, clock
        self.task: Task | None = None
        self._signature: tuple[int, ...] | None = None  # of the file when the last backup began
        self._last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._on_timer_timeout)

    @property
    def available(self) -> bool:
        """False on PostgreSQL, whose backups are the server's job."""
        return self._desk.database.path is not None

    @property
    def folder(self) -> Path:
        return backups.backups_folder(self._desk.home)

    @property
    def policy(self) -> BackupPolicy:
        return load_policy(self._state)

    @property
    def paused(self) -> bool:
        return backups.is_paused(self._desk.database)

    def start(self) -> None:
        """After the first paint and a sound start-up check: back up if due, then watch for changes."""
        if not self.available:
            return
        self._maybe_run()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        path = self._desk.database.path
        if path is not None and _file_signature(path) != self._signature:
            self._maybe_run()

    def _maybe_run(self) -> None:
        if self.paused or self.task is not None:
            return
        if backups.due(self._clock(), backups.last_backup_time(self.folder), self.policy):
            self.back_up_now()

    def back_up_now(self) -> Task | None:
        """Start a backup (the window's "back up now" too); None while one is already running."""
        path = self._desk.database.path
        if self.task is not None or path is None:
            return None
        self._signature = _file_signature(path)
        database, home, policy, now = self._desk.database, self._desk.home, self.policy, self._clock()

        def job(_progress: Any, _cancelled: Any) -> BackupRun:
            return backups.run_backup(database, home, policy, now)

        task = self._runner.run(job, write=True)
        self.task = task
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        task.finished.connect(self._on_task_finished)
        return task

    @Slot(object)
    def _on_task_succeeded(self, run: BackupRun) -> None:
        if run.copy_error is not None:
            self._report(message_text("backup_copy_failed", message_language(), path=run.copy_error))
        else:
            self._last_error = ""
        self.backed_up.emit(run)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc, message_language())
        if message is None:
            raise exc
        self._signature = None  # try again at the next tick
        self._report(message)

    def _report(self, message: str) -> None:
        """Each problem said once, not every ten minutes while the stick stays out."""
        if message != self._last_error:
            self._last_error = message
            self.failed.emit(message)

    @Slot()
    def _on_task_finished(self) -> None:
        self.task = None
