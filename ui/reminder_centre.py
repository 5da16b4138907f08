"""The reminder centre's engine: the due scan every minute in the task runner (never on the UI thread), and a
notification for each promise that has just fallen due.

`scanned` carries the latest `app.reminders.Scan` to the page and to the navigation's count. A promise is
notified once when it becomes pressing (overdue or due within minutes); snoozing it lets it notify again when it
comes back. The clock is handed in, so tests move time on instead of waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal, Slot

from app import reminders, settings
from app.columns import DEFAULT_ZONE
from app.desk import Desk
from app.errors import user_message
from app.reminders import Reminder, Scan
from ui.notifier import Notifier
from ui.tasks import TaskRunner

SCAN_INTERVAL_MS = 60_000
PRESSING = ("overdue", "now")
KIND_LABELS = {  # app.reminders.LABELS, translatable
    "callback": QT_TRANSLATE_NOOP("ReminderCentre", "Callback promised"),
    "due": QT_TRANSLATE_NOOP("ReminderCentre", "Case deadline"),
    "reply": QT_TRANSLATE_NOOP("ReminderCentre", "Reply owed to a message"),
    "first_response": QT_TRANSLATE_NOOP("ReminderCentre", "Complaint first response"),
    "appeal": QT_TRANSLATE_NOOP("ReminderCentre", "12305 risk"),
    "todo": QT_TRANSLATE_NOOP("ReminderCentre", "To-do"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("ReminderCentre", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def run_scan(session: Any, now: datetime, operator_id: int) -> tuple[Scan, str]:
    """The scan and the outlet's zone the page shows its times in."""
    rules = settings.deadline_rules(session)
    return reminders.scan(session, now, rules, operator_id=operator_id), rules.zone


class ReminderCentre(QObject):
    scanned = Signal(object)  # app.reminders.Scan
    failed = Signal(str)  # one sentence; the next scan tries again

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        notifier: Notifier,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self.notifier, self.clock = desk, runner, notifier, clock
        self.last: Scan | None = None
        self.zone = DEFAULT_ZONE
        self.notified: set[str] = set()  # keys already announced
        self._scanning = False
        self._again = False  # a change arrived while a scan was running: scan once more after it
        self.timer = QTimer(self)
        self.timer.setInterval(SCAN_INTERVAL_MS)
        self.timer.timeout.connect(self.scan_now)

    def start(self) -> None:
        self.timer.start()
        self.scan_now()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def scanning(self) -> bool:
        return self._scanning

    @Slot()
    def scan_now(self) -> None:
        if self._scanning:
            self._again = True
            return
        self._scanning, self._again = True, False
        desk, now = self._desk, self.clock()
        task = self._runner.run(lambda _p, _c: desk.read(run_scan, now, desk.actor.id))
        task.succeeded.connect(self._on_scan_succeeded)
        task.failed.connect(self._on_scan_failed)
        task.finished.connect(self._on_scan_finished)

    def forget(self, key: str) -> None:
        """The clerk put this promise off: when it falls due again, say so again."""
        self.notified.discard(key)

    @Slot(object)
    def _on_scan_succeeded(self, outcome: tuple[Scan, str]) -> None:
        scan, self.zone = outcome
        self.last = scan
        fresh = [r for r in scan.reminders if r.state in PRESSING and r.key not in self.notified]
        self.notified.update(r.key for r in fresh)
        if fresh:
            self._notify(fresh)
        self.scanned.emit(scan)

    def _notify(self, fresh: list[Reminder]) -> None:
        if len(fresh) == 1:
            one = fresh[0]
            if one.todo_id is not None:
                body = self.tr("To-do: {title}").format(title=one.title or "")
            else:
                body = self.tr("Waybill {number} (case #{case}).").format(number=one.waybill_no, case=one.case_id)
            self.notifier.notify(self.tr("Due now: {what}").format(what=kind_label(one.kind)), body)
        else:
            self.notifier.notify(
                self.tr("{count} promises due").format(count=len(fresh)),
                self.tr("Open the reminder centre to see them."),
            )

    @Slot(object)
    def _on_scan_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc  # a bug: on to the crash handler
        self.failed.emit(message)

    @Slot()
    def _on_scan_finished(self) -> None:
        self._scanning = False
        if self._again:
            self.scan_now()
