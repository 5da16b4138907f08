"""The one background task runner: long work off the UI thread, with progress, Cancel and errors as signals.

A job is a plain function `job(progress, cancelled) -> result`: it calls `progress(done, total)` now and then
and checks `cancelled()` between steps (returning early when it is True, or raising the services'
`CancelledByUser` after undoing its work: both end as `cancelled`). The runner runs it on a QThreadPool
and reports back through a `Task` whose signals always arrive on the main thread. Jobs that write to the
database go to a pool of one thread, so they run one after another and never fight for the write lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import CancelledByUser

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second reach the UI
DIALOG_DELAY_MS = 400  # quick jobs finish before a progress dialog would flash up


class _Relay(QObject):
    """Lives in the main thread; the worker emits through it, so every delivery is queued to the main thread."""

    progressed = Signal(int, int)
    returned = Signal(object)
    raised = Signal(object)


class Task(QObject):
    """A handle on one running job. Exactly one of succeeded / failed / cancelled is emitted, then finished."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.done = False
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_relay_progressed)
        self._relay.returned.connect(self._on_relay_returned)
        self._relay.raised.connect(self._on_relay_raised)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int)
    def _on_relay_progressed(self, done: int, total: int) -> None:
        if not self.done:
            self.progressed.emit(done, total)

    @Slot(object)
    def _on_relay_returned(self, result: object) -> None:
        self.done = True
        if self.is_cancelled():
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_relay_raised(self, exc: object) -> None:
        self.done = True
        if isinstance(exc, CancelledByUser):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._relay = task._relay
        self._cancelled = task.is_cancelled
        self._last_emit = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit = now
            self._relay.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancelled)
        except BaseException as exc:  # every failure, bug or not, must reach the main thread
            self._relay.raised.emit(exc)
        else:
            self._relay.returned.emit(result)
        finally:
            self._job = None  # type: ignore[assignment]  # drop captured objects inside the worker


class TaskRunner(QObject):
    """Owns the thread pools. `run()` starts a job; `shutdown()` cancels everything and waits for it."""

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(readers)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._active: set[Task] = set()

    def run(
        self,
        job: Job,
        *,
        title: str = "",
        write: bool = False,
        dialog_parent: QWidget | None = None,
    ) -> Task:
        """Start `job`; with a `dialog_parent` a progress dialog with Cancel appears if the job takes a while."""
        task = Task(title, self)
        self._active.add(task)
        task.finished.connect(lambda: self._forget(task))
        if dialog_parent is not None:
            ProgressDialog(task, dialog_parent)
        (self._writes if write else self._reads).start(_Runnable(job, task))
        return task

    def _forget(self, task: Task) -> None:
        self._active.discard(task)
        task.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has returned (tests and shutdown only)."""
        return self._writes.waitForDone(msecs) & self._reads.waitForDone(msecs)

    def shutdown(self, msecs: int = 30_000) -> bool:
        for task in list(self._active):
            task.cancel()
        return self.wait(msecs)


class ProgressDialog(QDialog):
    """Follows one task: appears only if the job takes a while, shows its progress, Cancel asks it to stop.

    A plain dialog rather than QProgressDialog, whose setValue() runs a nested event loop when modal.
    """

    def __init__(self, task: Task, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(task.title or self.tr("Working"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(360)
        self._task = task
        self.label = QLabel(task.title or self.tr("Working…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # "busy" until the job reports a total
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(DIALOG_DELAY_MS)
        self._delay.timeout.connect(self.show)
        self._delay.start()
        task.progressed.connect(self._on_task_progressed)
        task.finished.connect(self._on_task_finished)

    @Slot(int, int)
    def _on_task_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def reject(self) -> None:
        """Cancel, Esc and the close button all ask the job to stop; the dialog closes when it has."""
        self._task.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))

    @Slot()
    def _on_task_finished(self) -> None:
        self._delay.stop()
        self.done(QDialog.DialogCode.Accepted)
        self.deleteLater()
