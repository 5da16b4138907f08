"""Bulk changes on the selected stuck parcels — status, handler, shelf, the same follow-up — and Undo.

Each change names the count and the new value in a confirmation first, runs through `app.bulk` in the write
queue, and reports "changed N, skipped M" with each skipped parcel's reason. Undo (Ctrl+Z) takes back the
operator's newest bulk change that is still undoable, whether made now or before the desk was restarted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app import bulk
from app.desk import Desk
from app.errors import user_message
from app.stuck_query import StuckRow
from app.workflows import STUCK
from ui.prompt import Prompt
from ui.tasks import TaskRunner

MAX_REASONS = 8  # skipped parcels listed by name; the rest are counted


def _last_undoable_id(session: Any, operator_id: int) -> int | None:
    action = bulk.last_undoable(session, operator_id)
    return action.id if action is not None else None


class BulkActions(QObject):
    changed = Signal()  # cases changed: the list should be read again
    reported = Signal(str, str)  # summary ("changed 10, skipped 2"), and the skipped parcels with reasons

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        selection: Callable[[], list[StuckRow]],
        parent: QWidget,
        language: str = "zh_CN",
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self._selection = selection
        self._widget = parent
        self._english = language.startswith("en")
        self._operators: list[Any] = []
        self._waybills: dict[int, str] = {}
        self.undo_id: int | None = None

        def action(text: str, keys: str, slot: Callable[[], None]) -> QAction:
            made = QAction(text, parent)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            parent.addAction(made)
            return made

        self.status_action = action(self.tr("Change &status…"), "Ctrl+Shift+S", self._on_status_action_triggered)
        self.assign_action = action(self.tr("&Assign to…"), "Ctrl+Shift+A", self._on_assign_action_triggered)
        self.shelf_action = action(self.tr("Put on s&helf…"), "Ctrl+Shift+L", self._on_shelf_action_triggered)
        self.followup_action = action(
            self.tr("Add the same &follow-up…"), "Ctrl+Shift+F", self._on_followup_action_triggered
        )
        self.undo_action = action(self.tr("&Undo bulk change"), "Ctrl+Z", self._on_undo_action_triggered)
        self.undo_action.setEnabled(False)
        self.menu = QMenu(self.tr("Bulk"), parent)
        for item in (self.status_action, self.assign_action, self.shelf_action, self.followup_action):
            self.menu.addAction(item)
        self.menu.addSeparator()
        self.menu.addAction(self.undo_action)

    @property
    def change_actions(self) -> Sequence[QAction]:
        return self.status_action, self.assign_action, self.shelf_action, self.followup_action

    def set_operators(self, operators: Sequence[Any]) -> None:
        self._operators = list(operators)

    def check_undo(self) -> None:
        """Ask the database which bulk change Undo would take back (none: Undo is disabled)."""
        desk, operator = self._desk, self._desk.actor.id
        task = self._runner.run(lambda _p, _c: desk.read(_last_undoable_id, operator))
        task.succeeded.connect(self._on_undo_checked)
        task.failed.connect(self._on_task_failed)

    # --- the four changes ---------------------------------------------------------------------------
    def _parcels(self) -> list[StuckRow]:
        rows = self._selection()
        if not rows:
            self._prompt.info(self._widget, self.tr("Select the parcels to change first."))
        return rows

    @Slot()
    def _on_status_action_triggered(self) -> None:
        rows = self._parcels()
        if not rows:
            return
        labels = [s.label_en if self._english else s.label for s in STUCK.states]
        label = self.tr("New status for {count} parcels:").format(count=len(rows))
        index = self._prompt.choose(self._widget, self.tr("Change status"), label, labels)
        if index is None:
            return
        question = self.tr("Change {count} parcels to “{status}”?").format(count=len(rows), status=labels[index])
        code, pin = STUCK.states[index].code, None
        if bulk.closes("status", code):
            reason = self.tr("Closing many parcels at once needs a manager's PIN.")
            approved, pin = self._prompt.approval(self._widget, self._desk.actor.is_manager, reason)
            if not approved:
                return
        self._apply(rows, "status", code, question, manager_pin=pin)

    @Slot()
    def _on_assign_action_triggered(self) -> None:
        rows = self._parcels()
        if not rows:
            return
        if not self._operators:
            self._prompt.error(self._widget, self.tr("No operator to assign to."))
            return
        names = [op.name for op in self._operators]
        label = self.tr("Handler for {count} parcels:").format(count=len(rows))
        index = self._prompt.choose(self._widget, self.tr("Assign"), label, names)
        if index is None:
            return
        question = self.tr("Assign {count} parcels to {name}?").format(count=len(rows), name=names[index])
        self._apply(rows, "assign", self._operators[index].id, question)

    @Slot()
    def _on_shelf_action_triggered(self) -> None:
        rows = self._parcels()
        if not rows:
            return
        label = self.tr("Shelf for {count} parcels (empty: off the shelf):").format(count=len(rows))
        shelf = self._prompt.ask_text(self._widget, self.tr("Put on shelf"), label)
        if shelf is None:
            return
        shelf = shelf.strip()
        if shelf:
            question = self.tr("Put {count} parcels on shelf “{shelf}”?").format(count=len(rows), shelf=shelf)
        else:
            question = self.tr("Take {count} parcels off their shelf?").format(count=len(rows))
        self._apply(rows, "shelf", shelf, question)

    @Slot()
    def _on_followup_action_triggered(self) -> None:
        rows = self._parcels()
        if not rows:
            return
        label = self.tr("Follow-up for {count} parcels:").format(count=len(rows))
        text = self._prompt.ask_text(self._widget, self.tr("Add follow-up"), label)
        if text is None or not text.strip():
            return
        question = self.tr("Add “{text}” to {count} parcels?").format(text=text.strip(), count=len(rows))
        self._apply(rows, "followup", text.strip(), question)

    def _apply(
        self, rows: list[StuckRow], action: str, value: Any, question: str, *, manager_pin: str | None = None
    ) -> None:
        if not self._prompt.confirm(self._widget, question):
            return
        self._waybills = {row.id: row.waybill_no for row in rows}
        desk, ids = self._desk, [row.id for row in rows]
        task = self._runner.run(
            lambda _p, _c: desk.write(bulk.apply, ids, action, value, manager_pin=manager_pin),
            title=self.tr("Changing {count} parcels").format(count=len(ids)),
            write=True,
            dialog_parent=self._widget,
        )
        task.succeeded.connect(self._on_applied)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_applied(self, result: bulk.BulkResult) -> None:
        if result.action_id is not None:
            self._set_undo(result.action_id)
        summary = self.tr("Changed {changed}, skipped {skipped}.").format(
            changed=len(result.changed), skipped=len(result.skipped)
        )
        self.reported.emit(summary, self._reasons(result.skipped))
        self.changed.emit()

    # --- undo ---------------------------------------------------------------------------------------
    @Slot()
    def _on_undo_action_triggered(self) -> None:
        action_id = self.undo_id
        if action_id is None or not self._prompt.confirm(self._widget, self.tr("Undo the last bulk change?")):
            return
        desk = self._desk
        self._set_undo(None)
        task = self._runner.run(
            lambda _p, _c: desk.write(bulk.undo, action_id),
            title=self.tr("Undoing the bulk change"),
            write=True,
            dialog_parent=self._widget,
        )
        task.succeeded.connect(self._on_undone)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_undone(self, result: bulk.BulkResult) -> None:
        summary = self.tr("Undone for {changed}; {skipped} left as they are.").format(
            changed=len(result.changed), skipped=len(result.skipped)
        )
        self.reported.emit(summary, self._reasons(result.skipped))
        self.changed.emit()
        self.check_undo()

    @Slot(object)
    def _on_undo_checked(self, action_id: int | None) -> None:
        self._set_undo(action_id)

    def _set_undo(self, action_id: int | None) -> None:
        self.undo_id = action_id
        self.undo_action.setEnabled(action_id is not None)

    # --- reporting ----------------------------------------------------------------------------------
    def _reasons(self, skipped: dict[int, str]) -> str:
        lines = [
            self.tr("{waybill}: {reason}").format(waybill=self._waybills.get(case_id, f"#{case_id}"), reason=reason)
            for case_id, reason in list(skipped.items())[:MAX_REASONS]
        ]
        if len(skipped) > MAX_REASONS:
            lines.append(self.tr("… and {count} more").format(count=len(skipped) - MAX_REASONS))
        return "\n".join(lines)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        self._prompt.error(self._widget, message)
        self.check_undo()
