"""The loud repeat warning of the capture forms: this parcel or this caller chased or complained before, and
the flags the caller or the parcel's recipient carries (complained before, 12305, door delivery only …).

`RepeatWatcher` asks the repeat service while the clerk types (after a pause, in the task runner; an answer a
newer keystroke has overtaken is dropped). `RepeatBanner` shows the answer white on red with the count and the
earlier cases, each a link that opens the case.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app import case_query, settings
from app.case_query import CaseRow
from app.desk import Desk
from app.flags import FlagView, flags_at_capture
from app.flags import summary as flag_summary
from app.phones import parse_phone
from app.repeats import Repeats, repeats_at_capture
from app.waybills import normalise_waybill
from app.workflows import KIND_LABELS
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, error_text

CHECK_DELAY_MS = 400
SHOWN_CASES = 5  # the latest ones; the count says how many there are in all
MIN_WAYBILL = 8  # shorter is a number still being typed
STYLE = (
    "QLabel#repeatBanner { background: #d92d20; color: white; font-weight: bold; padding: 8px 10px;"
    " border-radius: 4px; }"
)


@dataclass(frozen=True)
class RepeatFacts:
    repeats: Repeats
    cases: list[CaseRow]  # the latest SHOWN_CASES of them, newest first
    window_days: int
    zone: str
    flags: list[FlagView] = field(default_factory=list)  # the caller's and the recipient's


def read_repeats(session: Any, waybill: str | None, phone: str | None, now: datetime) -> RepeatFacts:
    found = repeats_at_capture(session, waybill, phone, now)
    rules = settings.deadline_rules(session)
    latest = list(reversed(found.case_ids[-SHOWN_CASES:]))
    flags = flags_at_capture(session, waybill, phone)
    return RepeatFacts(found, case_query.by_ids(session, latest), rules.repeat_window_days, rules.zone, flags)


def capture_keys(waybill: str, phone: str) -> tuple[str | None, str | None]:
    """What is worth asking about: a waybill long enough to be whole, a phone that parses."""
    number = normalise_waybill(waybill) if waybill.strip() else ""
    caller = phone.strip()
    return (number if len(number) >= MIN_WAYBILL else None), (caller if parse_phone(caller) else None)


class RepeatWatcher(QObject):
    found = Signal(object)  # RepeatFacts, or None when there is nothing to look for
    failed = Signal(str)

    def __init__(
        self, desk: Desk, runner: TaskRunner, clock: Callable[[], datetime], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._clock = desk, runner, clock
        self._asked = 0  # the number of the latest question; older answers are dropped
        self._keys: tuple[str | None, str | None] = (None, None)
        self._tasks: dict[QObject, int] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check_now)

    def watch(self, waybill: str, phone: str) -> None:
        """The fields changed: ask again once typing pauses (only if what is worth asking changed)."""
        keys = capture_keys(waybill, phone)
        if keys == self._keys:
            return
        self._keys = keys
        self._asked += 1  # an answer already on its way is for the old keys
        self.timer.start()

    @Slot()
    def check_now(self) -> None:
        self.timer.stop()
        self._asked += 1
        asked, (waybill, phone) = self._asked, self._keys
        if waybill is None and phone is None:
            self.found.emit(None)
            return
        desk, now = self._desk, self._clock()
        task = self._runner.run(lambda _p, _c: desk.read(read_repeats, waybill, phone, now))
        self._tasks[task] = asked
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)

    def _current(self) -> bool:
        """Whether the answer arriving now is to the latest question."""
        return self._tasks.pop(self.sender(), None) == self._asked

    @Slot(object)
    def _on_task_succeeded(self, facts: RepeatFacts) -> None:
        if self._current():
            self.found.emit(facts)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        if self._current():
            self.failed.emit(error_text(exc))


class RepeatBanner(QLabel):
    case_requested = Signal(int, str)  # case id, kind: a link to an earlier case was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatBanner")
        self.setStyleSheet(STYLE)  # the warning must be loud under any theme, so it carries its own colours
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.count = 0
        self._kinds: dict[int, str] = {}
        self.linkActivated.connect(self._on_linkActivated)
        self.hide()

    def show_facts(self, facts: RepeatFacts | None) -> None:
        self.count = facts.repeats.count if facts is not None else 0
        flagged = facts.flags if facts is not None else []
        if facts is None or not (self.count or flagged):
            self.clear()
            self.hide()
            return
        flag_line = "⚠ " + html.escape(flag_summary(flagged))
        if not self.count:
            self.setText(flag_line)
            self.show()
            return
        clock = Clock(facts.zone)
        self._kinds = {row.id: row.kind for row in facts.cases}
        heading = self.tr(
            "Repeat: {count} chase(s) or complaint(s) in the last {days} days"
            " ({waybill} on this waybill, {phone} from this phone)."
        ).format(
            count=self.count, days=facts.window_days, waybill=facts.repeats.by_waybill, phone=facts.repeats.by_phone
        )
        lines = [
            f'<a href="{row.id}" style="color: white">#{row.id}</a> {html.escape(KIND_LABELS.get(row.kind, row.kind))} '
            f"{html.escape(clock.text(row.opened_at))} {html.escape(row.status_label)} "
            f"{html.escape(row.waybill_no)}"
            for row in facts.cases
        ]
        self.setText("⚠ " + html.escape(heading) + "<br>" + "<br>".join([*lines, *([flag_line] if flagged else [])]))
        self.show()

    @Slot(str)
    def _on_linkActivated(self, link: str) -> None:
        if link.isdigit():
            self.case_requested.emit(int(link), self._kinds.get(int(link), "chase"))
