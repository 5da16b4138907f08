"""One chase or complaint in full: its facts, the cases it is linked to, the timeline, and what a clerk does with
it — status steps, follow-ups, the promised callback (set, move, made), and by kind: turn a chase into a stuck
case or a complaint; escalate a complaint, record its return visit.

Reads and writes run in the task runner (writes one after another); every write carries the version the dialog
read, and afterwards the case is read again (`loaded`). When someone else saved in between, the clerk is told so
and sees their version. Interceptions open here too, with the steps and the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import intercepts
from app.cases import CHANNELS, add_followup, transition
from app.chases import complete_callback, convert_chase, set_callback
from app.complaints import CATEGORIES, SOURCE_LABELS, escalate, record_return_visit
from app.desk import Desk
from app.errors import ConflictError, ValidationError
from app.workflows import case_workflow
from ui.dialogs.case_facts import CaseData, CaseFacts, facts_html, kind_text, read_case
from ui.dialogs.form import field_message
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.callback_picker import CallbackPicker
from ui.widgets.case_notebook import CaseNotebook
from ui.widgets.common import Clock, action_button, error_text, message_language
from ui.widgets.linked_cases import LinkedCases
from ui.widgets.repeat_banner import STYLE as LOUD_STYLE
from ui.widgets.timeline import TimelineTree, channel_label

STATUS_COLUMNS = 4


class CaseDialog(QDialog):
    changed = Signal(int)  # case id, after every saved change
    loaded = Signal(int)  # case id, each time the case has been read (again)
    case_requested = Signal(int, str)  # a linked case is to be opened: id, kind

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        case_id: int,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDialog")
        self._desk, self._runner, self._prompt, self.case_id, self.clock = desk, runner, prompt, case_id, clock
        self.data: CaseData | None = None
        self.busy = False
        self.converted_to: int | None = None
        self._done: Callable[[Any], None] | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.repeats = QLabel()
        self.repeats.setObjectName("repeatBanner")
        self.repeats.setStyleSheet(LOUD_STYLE)
        self.repeats.hide()
        self.notice = QLabel()
        self.notice.setObjectName("truncatedBanner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.facts = QLabel()
        self.facts.setObjectName("caseFacts")
        self.facts.setWordWrap(True)
        self.links = LinkedCases()
        self.timeline = TimelineTree()
        self.status_grid = QGridLayout()
        self.status_buttons: dict[str, QPushButton] = {}

        self.callback = CallbackPicker(clock)
        self.set_callback_button = action_button(self.tr("&Promise callback"), "setCallbackButton")
        self.callback_done_button = action_button(self.tr("Callback &made…"), "callbackDoneButton")
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(channel_label(code), code)
        self.followup = QLineEdit()
        self.followup.setObjectName("followupText")
        self.followup.setPlaceholderText(self.tr("Quick follow-up: what was said or done"))
        self.followup_button = action_button(self.tr("&Add"), "followupButton")
        self.notebook = CaseNotebook(
            desk,
            self._runner,
            prompt,
            case_id,
            clock=self.clock,
            zone=lambda: self.data.zone if self.data is not None else None,
            note_saved=self._on_note_saved,
            phrases_text=self.tr("P&hrases…"),
            parent=self,
        )
        self.phrases_button, self.note_button = self.notebook.phrases_button, self.notebook.note_button
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.to_stuck_button = action_button(self.tr("Make it a &stuck case"), "toStuckButton")
        self.to_complaint_button = action_button(self.tr("Make it a com&plaint…"), "toComplaintButton")
        self.escalate_button = action_button(self.tr("&Escalate…"), "escalateButton")
        self.satisfaction = QSpinBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.setRange(1, 5)
        self.satisfaction.setValue(5)
        self.visit_note = QLineEdit()
        self.visit_note.setObjectName("visitNote")
        self.visit_note.setPlaceholderText(self.tr("What the customer said on the return visit"))
        self.visit_button = action_button(self.tr("Record return &visit"), "visitButton")
        self._lay_out()

        self.links.case_requested.connect(self.case_requested)
        self.set_callback_button.clicked.connect(self._on_set_callback_button_clicked)
        self.callback_done_button.clicked.connect(self._on_callback_done_button_clicked)
        self.followup_button.clicked.connect(self._on_followup_button_clicked)
        self.followup.returnPressed.connect(self._on_followup_button_clicked)
        self.to_stuck_button.clicked.connect(self._on_to_stuck_button_clicked)
        self.to_complaint_button.clicked.connect(self._on_to_complaint_button_clicked)
        self.escalate_button.clicked.connect(self._on_escalate_button_clicked)
        self.visit_button.clicked.connect(self._on_visit_button_clicked)
        self.reload()

    def _row(self, *widgets: QWidget, stretch: QWidget | None = None) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget, 1 if widget is stretch else 0)
        return row

    def _lay_out(self) -> None:
        self.chase_actions = QWidget()
        self.chase_actions.setLayout(self._row(self.to_stuck_button, self.to_complaint_button))
        self.chase_actions.layout().addStretch(1)  # type: ignore[union-attr]
        self.complaint_actions = QWidget()
        visit_label = QLabel(self.tr("Sa&tisfaction (1–5):"))
        visit_label.setBuddy(self.satisfaction)
        self.complaint_actions.setLayout(
            self._row(
                self.escalate_button,
                visit_label,
                self.satisfaction,
                self.visit_note,
                self.visit_button,
                stretch=self.visit_note,
            )
        )
        for widget in (self.chase_actions, self.complaint_actions):
            widget.layout().setContentsMargins(0, 0, 0, 0)  # type: ignore[union-attr]
        left = QVBoxLayout()
        left.addWidget(self.facts)
        left.addWidget(self.links)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addWidget(self.timeline, 3)
        callback_row = QHBoxLayout()
        callback_row.addWidget(QLabel(self.tr("Callback:")))
        callback_row.addWidget(self.callback, 1)
        callback_row.addWidget(self.set_callback_button)
        callback_row.addWidget(self.callback_done_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.repeats, self.notice):
            layout.addWidget(widget)
        layout.addLayout(top, 1)
        layout.addLayout(self.status_grid)
        layout.addLayout(callback_row)
        layout.addLayout(
            self._row(
                self.channel,
                self.followup,
                self.followup_button,
                self.phrases_button,
                self.note_button,
                stretch=self.followup,
            )
        )
        layout.addWidget(self.error)
        layout.addWidget(self.chase_actions)
        layout.addWidget(self.complaint_actions)
        layout.addWidget(buttons)
        self.resize(1100, 720)

    # --- reading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._set_busy(True)
        desk, case_id, now = self._desk, self.case_id, self.clock()
        task = self._runner.run(lambda _p, _c: desk.read(read_case, case_id, now))
        task.succeeded.connect(self._on_read)
        task.failed.connect(self._on_read_failed)

    @Slot(object)
    def _on_read(self, data: CaseData) -> None:
        self.data, case, clock = data, data.case, Clock(data.zone)
        english = message_language() == "en"
        workflow = case_workflow(case.kind, case.direction)
        self.setWindowTitle(self.tr("{kind} {number}").format(kind=kind_text(case), number=case.waybill_no))
        carrier = case.carrier_name or self.tr("carrier unknown")
        self.heading.setText(f"#{case.id} · {kind_text(case)} · {case.waybill_no} · {carrier} · {case.status_label}")
        self.repeats.setVisible(case.repeat_count > 0)
        self.repeats.setText(
            self.tr("Repeat: {count} earlier chase(s) or complaint(s) in {days} days before this one.").format(
                count=case.repeat_count, days=data.repeat_window_days
            )
        )
        self.facts.setText(facts_html(CaseFacts(self).lines(data, clock)))
        self.links.load(data.links, clock)
        self.timeline.load(data.timeline, clock)
        self.timeline.scrollToBottom()
        if not self.status_buttons:
            for state in workflow.states:
                button = action_button(state.label_en if english else state.label, f"status_{state.code}")
                button.clicked.connect(lambda _checked=False, code=state.code: self._on_status_clicked(code))
                count = len(self.status_buttons)
                self.status_grid.addWidget(button, count // STATUS_COLUMNS, count % STATUS_COLUMNS)
                self.status_buttons[state.code] = button
        self.callback.set_zone(data.zone)
        self.callback.load(case.callback_at)
        self.chase_actions.setVisible(case.kind == "chase")
        self.complaint_actions.setVisible(case.kind == "complaint")
        self._set_busy(False)
        self.loaded.emit(self.case_id)

    @Slot(object)
    def _on_read_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._prompt.error(self, error_text(exc))

    def _set_busy(self, busy: bool) -> None:
        """Nothing can be pressed while a read or write is on its way; afterwards what the case allows."""
        self.busy = busy
        case = self.data.case if self.data is not None else None
        is_open = case is not None and case.is_open and not busy
        allowed = case_workflow(case.kind, case.direction).allowed(case.status) if case is not None else frozenset()
        if case is not None and case.kind == "intercept" and case.status == "accepted":
            allowed |= {"intercepted"}  # in hand already: found and stopped in one step (intercepts.mark_intercepted)
        for code, button in self.status_buttons.items():
            button.setEnabled(not busy and code in allowed)
        for widget in (self.callback, self.set_callback_button, self.followup, self.followup_button):
            widget.setEnabled(is_open)
        self.callback_done_button.setEnabled(is_open and case is not None and case.callback_at is not None)
        for widget in (self.to_stuck_button, self.to_complaint_button, self.escalate_button):
            widget.setEnabled(is_open)
        details = case.details if case is not None else {}
        self.visit_button.setEnabled(is_open or (not busy and case is not None and not details.get("return_visit_at")))

    # --- writing ------------------------------------------------------------------------------------------
    def write(self, fn: Any, *args: Any, done: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
        """Run one service call in the write queue; then read the case again (and call `done` with the result)."""
        if self.busy:
            return
        self.error.hide()
        self.notice.hide()
        self._set_busy(True)
        self._done = done
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(fn, *args, **kwargs), write=True)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)

    def _version(self) -> int:
        assert self.data is not None
        return self.data.case.version

    @Slot(object)
    def _on_written(self, result: Any) -> None:
        if self._done is not None:
            self._done(result)
        self.reload()
        self.changed.emit(self.case_id)

    @Slot(object)
    def _on_write_failed(self, exc: BaseException) -> None:
        message = error_text(exc)  # a bug goes on to the crash handler
        if isinstance(exc, ConflictError):
            self._prompt.error(self, message)
            self.notice.setText(self.tr("Someone else saved this case: it now shows their version."))
            self.notice.show()
            self.reload()
            return
        self._set_busy(False)
        fields = exc.fields if isinstance(exc, ValidationError) else {}
        self.error.setText(
            " ".join(field_message(exc, code) for code in fields.values()) if fields else message  # type: ignore[arg-type]
        )
        self.error.show()

    def _on_status_clicked(self, code: str) -> None:
        assert self.data is not None
        case = self.data.case
        if case.kind == "intercept" and code != "found":  # each asks for its facts: cancelling there changes nothing
            self._intercept_step(code)
            return
        if case_workflow(case.kind, case.direction).is_terminal(code):
            question = self.tr("Move this case to “{status}”? It ends the case.").format(
                status=self.status_buttons[code].text()
            )
            if not self._prompt.confirm(self, question):
                return
        self.write(transition, self.case_id, code, expected_version=self._version(), at=self.clock())

    def _intercept_step(self, code: str) -> None:
        """An interception's steps keep their facts: when it was pulled, the new waybill or address, why it failed."""
        version, at = self._version(), self.clock()
        if code == "intercepted":
            self.write(intercepts.mark_intercepted, self.case_id, expected_version=version, at=at)
        elif code == "failed":
            reasons = list(intercepts.FAILURES)
            chosen = self._prompt.choose(
                self, self.tr("Interception failed"), self.tr("Why:"), [intercepts.FAILURES[r] for r in reasons]
            )
            if chosen is not None:
                note = self._prompt.ask_text(self, self.tr("Interception failed"), self.tr("Details (may stay empty):"))
                self.write(intercepts.fail, self.case_id, reasons[chosen], expected_version=version, note=note, at=at)
        elif code in intercepts.ENDINGS:
            label = self.tr("New address:") if code == "readdressed" else self.tr("New waybill (may stay empty):")
            given = self._prompt.ask_text(self, self.status_buttons[code].text(), label)
            if given is None:
                return
            field = "new_address" if code == "readdressed" else "new_waybill_no"
            self.write(intercepts.complete, self.case_id, code, expected_version=version, at=at, **{field: given})
        else:
            self.write(transition, self.case_id, code, expected_version=version, at=at)

    @Slot()
    def _on_followup_button_clicked(self) -> None:
        text = self.followup.text()
        self.write(
            add_followup,
            self.case_id,
            text,
            channel=self.channel.currentData(),
            at=self.clock(),
            done=lambda _view: self.followup.clear(),
        )

    @Slot()
    def _on_set_callback_button_clicked(self) -> None:
        at = self.callback.value()
        self.write(set_callback, self.case_id, at, expected_version=self._version(), now=self.clock())

    @Slot()
    def _on_callback_done_button_clicked(self) -> None:
        note = self._prompt.ask_text(self, self.tr("Callback made"), self.tr("What was said (may stay empty):"))
        if note is not None:
            self.write(complete_callback, self.case_id, note, at=self.clock())

    @Slot()
    def _on_to_stuck_button_clicked(self) -> None:
        if self._prompt.confirm(self, self.tr("Make this chase a stuck case? The chase is closed as converted.")):
            self.write(
                convert_chase,
                self.case_id,
                "stuck",
                expected_version=self._version(),
                at=self.clock(),
                done=self._on_converted,
            )

    @Slot()
    def _on_to_complaint_button_clicked(self) -> None:
        sources = list(SOURCE_LABELS)
        source = self._prompt.choose(
            self, self.tr("Make it a complaint"), self.tr("Channel:"), [SOURCE_LABELS[s] for s in sources]
        )
        if source is None:
            return
        category = self._prompt.choose(self, self.tr("Make it a complaint"), self.tr("Category:"), list(CATEGORIES))
        if category is None:
            return
        extra = {"source": sources[source], "category": CATEGORIES[category]}
        self.write(
            convert_chase,
            self.case_id,
            "complaint",
            expected_version=self._version(),
            extra=extra,
            at=self.clock(),
            done=self._on_converted,
        )

    def _on_converted(self, new: Any) -> None:
        self.converted_to = new.id
        self.notice.setText(self.tr("Converted: the new case is #{number} (under Linked cases).").format(number=new.id))
        self.notice.show()

    @Slot()
    def _on_escalate_button_clicked(self) -> None:
        reason = self._prompt.ask_text(self, self.tr("Escalate"), self.tr("Why it goes up a level:"))
        if reason is not None:
            self.write(escalate, self.case_id, reason, expected_version=self._version(), at=self.clock())

    @Slot()
    def _on_visit_button_clicked(self) -> None:
        self.write(
            record_return_visit,
            self.case_id,
            self.satisfaction.value(),
            self.visit_note.text(),
            expected_version=self._version(),
            at=self.clock(),
            done=lambda _view: self.visit_note.clear(),
        )

    @Slot(object)
    def _on_note_saved(self, _note: object) -> None:
        self.reload()
        self.changed.emit(self.case_id)
