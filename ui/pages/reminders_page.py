"""The reminder centre (提醒中心): every promise due by the end of the day — overdue first, then due now, then
later today — across callbacks, case deadlines, replies owed, complaint first responses, 12305 clocks and todos.

Keys: Enter or a double click opens the case (a todo: `todo_requested`, for the notebook to show it) · Ctrl+D done
(a callback: made, with a note; a todo: ticked off; anything else opens the case to deal with it) · Ctrl+1 /
Ctrl+2 / Ctrl+3 snooze 15 minutes / 1 hour / until 9:00 tomorrow · F5 scan again. The scan itself runs on the
centre's timer (see `ReminderCentre`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import reminders, settings
from app.chases import complete_callback
from app.desk import Desk
from app.notebook.todos import set_done
from app.promises import preset_time
from app.reminders import KINDS, STATES, Reminder, Scan
from app.workflows import KIND_LABELS
from ui.dialogs.case_opener import CaseOpener
from ui.pages.paged_list_page import labelled
from ui.prompt import Prompt
from ui.reminder_centre import ReminderCentre, kind_label
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, error_text, set_column_widths
from ui.widgets.flow_layout import FlowLayout

STATE_LABELS = {
    "overdue": QT_TRANSLATE_NOOP("RemindersPage", "Overdue"),
    "now": QT_TRANSLATE_NOOP("RemindersPage", "Due now"),
    "today": QT_TRANSLATE_NOOP("RemindersPage", "Later today"),
}
STATE_COLOURS = {"overdue": QColor("#b42318"), "now": QColor("#b54708"), "today": QColor("#344054")}
ReminderRole = Qt.ItemDataRole.UserRole + 1


def _case(reminder: Reminder) -> str:
    if reminder.case_id is None:
        return ""
    kind = reminder.case_kind or ""
    return f"#{reminder.case_id} {KIND_LABELS.get(kind, kind)}"


def snooze_for(session: Any, key: str, preset: str, now: Any, *, actor: Any) -> None:
    """Put one reminder off by a preset (15min, 1h, tomorrow), counted in the outlet's zone."""
    until = preset_time(preset, now, settings.deadline_rules(session).zone)
    reminders.snooze(session, key, until, actor=actor, now=now)


class RemindersPage(QWidget):
    changed = Signal(int)  # a case changed here (a callback made): the lists read it again
    todo_requested = Signal(int)  # a todo's reminder was opened: show that todo

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        centre: ReminderCentre,
        opener: CaseOpener,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        self._desk, self._runner, self._prompt, self.centre, self._opener = desk, runner, prompt, centre, opener
        self.busy = False
        self._after: tuple[Any, int] = (None, 0)
        self.summary = QLabel()
        self.summary.setObjectName("pageHeading")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.money = QLabel()  # the money-at-risk page's count, so the morning look here sees it too
        self.money.setObjectName("moneyAtRisk")
        self.money.hide()
        self.scan: Scan | None = None
        self.kinds = QComboBox()
        self.kinds.setObjectName("reminderKinds")
        self.kinds.addItem(self.tr("Every kind"), KINDS)
        for label, chosen in (
            (self.tr("Case deadlines"), ("due",)),
            (self.tr("Callbacks"), ("callback",)),
            (self.tr("Replies owed"), ("reply",)),
            (self.tr("Complaint clocks"), ("first_response", "appeal")),
            (self.tr("To-dos"), ("todo",)),
        ):
            self.kinds.addItem(label, chosen)
        self.tree = QTreeWidget()
        self.tree.setObjectName("reminderTree")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("What"), self.tr("Waybill"), self.tr("Case")])
        set_column_widths(self.tree, (22, 40, 18))  # "What" holds Chinese: two average widths a character
        self.open_button = QPushButton(self.tr("&Open"))
        self.done_button = self._button(self.tr("&Done…"), "Ctrl+D", self._on_done_triggered)
        self.snooze_buttons = {
            "15min": self._button(self.tr("Snooze 15 min"), "Ctrl+1", lambda: self.snooze_current("15min")),
            "1h": self._button(self.tr("Snooze 1 h"), "Ctrl+2", lambda: self.snooze_current("1h")),
            "tomorrow": self._button(self.tr("Until 9:00 tomorrow"), "Ctrl+3", lambda: self.snooze_current("tomorrow")),
        }
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))

        buttons = FlowLayout()
        for button in (self.open_button, self.done_button, *self.snooze_buttons.values(), self.refresh_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(labelled(self.tr("S&how:"), self.kinds))
        layout.addLayout(top)
        layout.addWidget(self.money)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.tree)

        self.open_button.clicked.connect(self.open_current)
        self.refresh_button.clicked.connect(centre.scan_now)
        self.kinds.currentIndexChanged.connect(self._on_kinds_currentIndexChanged)
        self.tree.itemActivated.connect(self._on_tree_itemActivated)
        self.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)
        centre.scanned.connect(self.load)
        centre.failed.connect(self._on_centre_failed)
        self._update_buttons()

    def _button(self, text: str, keys: str, slot: Any) -> QPushButton:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QPushButton(text)
        button.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        button.clicked.connect(action.trigger)
        return button

    # --- showing the scan -----------------------------------------------------------------------------
    @Slot(object)
    def load(self, scan: Scan) -> None:
        self.scan = scan
        self.error.hide()
        chosen = self.current()
        clock = Clock(self.centre.zone)
        kinds: tuple[str, ...] = self.kinds.currentData()
        counts = {state: scan.count(kinds, (state,)) for state in STATES}
        self.summary.setText(
            self.tr("Overdue {overdue} · due now {now} · later today {today}").format(
                overdue=counts["overdue"], now=counts["now"], today=counts["today"]
            )
        )
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        keep: QTreeWidgetItem | None = None
        for state in STATES:
            rows = [r for r in scan.reminders if r.state == state and r.kind in kinds]
            if not rows:
                continue
            group = QTreeWidgetItem(
                [f"{QCoreApplication.translate('RemindersPage', STATE_LABELS[state])} ({counts[state]})"]
            )
            group.setFont(0, bold)
            group.setForeground(0, QBrush(STATE_COLOURS[state]))
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for reminder in rows:
                item = QTreeWidgetItem(
                    [clock.text(reminder.due_at), self._what(reminder), reminder.waybill_no or "", _case(reminder)]
                )
                item.setData(0, ReminderRole, reminder)
                item.setForeground(0, QBrush(STATE_COLOURS[state]))
                group.addChild(item)
                if chosen is not None and reminder.key == chosen.key:
                    keep = item
            group.setExpanded(True)
        first = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(keep or (first.child(0) if first is not None else None))
        self._update_buttons()

    def show_kinds(self, kinds: tuple[str, ...] = KINDS) -> None:
        """Show only these kinds of promise (a today-page tile clicked); every kind by default."""
        found = [n for n in range(self.kinds.count()) if tuple(self.kinds.itemData(n)) == tuple(kinds)]
        self.kinds.setCurrentIndex(found[0] if found else 0)

    @Slot(int)
    def _on_kinds_currentIndexChanged(self, _index: int) -> None:
        if self.scan is not None:
            self.load(self.scan)

    def show_money(self, pressing: int, money: Decimal) -> None:
        """What the money-at-risk queue counts as late or due today, and what missing it costs."""
        self.money.setText(
            self.tr("Money at risk: {count} deadlines late or due today, ¥{money} if missed.").format(
                count=pressing, money=f"{money:,.2f}"
            )
        )
        self.money.setVisible(pressing > 0)

    def _what(self, reminder: Reminder) -> str:
        if reminder.todo_id is not None:
            return self.tr("To-do: {title}").format(title=reminder.title or "")
        return kind_label(reminder.kind)

    def reminders_shown(self) -> list[Reminder]:
        """Every reminder in the list, top to bottom."""
        shown = []
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            shown += [group.child(c).data(0, ReminderRole) for c in range(group.childCount())]
        return shown

    def current(self) -> Reminder | None:
        item = self.tree.currentItem()
        return item.data(0, ReminderRole) if item is not None else None

    def select(self, key: str) -> bool:
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            for c in range(group.childCount()):
                if group.child(c).data(0, ReminderRole).key == key:
                    self.tree.setCurrentItem(group.child(c))
                    return True
        return False

    # --- acting on the current reminder ---------------------------------------------------------------
    @Slot()
    def open_current(self) -> None:
        reminder = self.current()
        if reminder is None:
            return
        if reminder.todo_id is not None:
            self.todo_requested.emit(reminder.todo_id)
        elif reminder.case_id is not None and reminder.case_kind is not None:
            self._opener.open(reminder.case_id, reminder.case_kind, self)

    def snooze_current(self, preset: str) -> None:
        reminder = self.current()
        if reminder is None or self.busy:
            return
        self._write(
            snooze_for, reminder.key, preset, self.centre.clock(), done=lambda: self.centre.forget(reminder.key)
        )

    @Slot()
    def _on_done_triggered(self) -> None:
        reminder = self.current()
        if reminder is None or self.busy:
            return
        if reminder.todo_id is not None:
            key = reminder.key
            self._write(set_done, reminder.todo_id, True, at=self.centre.clock(), done=lambda: self.centre.forget(key))
            return
        if reminder.kind != "callback" or reminder.case_id is None:
            self.open_current()
            return
        note = self._prompt.ask_text(self, self.tr("Callback made"), self.tr("What was said (may stay empty):"))
        if note is not None:
            self._write(complete_callback, reminder.case_id, note, at=self.centre.clock(), changed=reminder.case_id)

    def _write(self, fn: Any, *args: Any, done: Any = None, changed: int = 0, **kwargs: Any) -> None:
        self.busy = True
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(fn, *args, **kwargs), write=True)
        self._after = (done, changed)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)

    @Slot(object)
    def _on_written(self, _result: object) -> None:
        self.busy = False
        done, changed = self._after
        if done is not None:
            done()
        self.centre.scan_now()
        if changed:
            self.changed.emit(changed)

    @Slot(object)
    def _on_write_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._prompt.error(self, error_text(exc))
        self.centre.scan_now()

    # --- slots ----------------------------------------------------------------------------------------
    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, ReminderRole) is None:
            item.setExpanded(not item.isExpanded())
        else:
            self.open_current()

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_currentItemChanged(self, _current: QTreeWidgetItem, _previous: QTreeWidgetItem) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for button in (self.open_button, self.done_button, *self.snooze_buttons.values()):
            button.setEnabled(has)

    @Slot(str)
    def _on_centre_failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
