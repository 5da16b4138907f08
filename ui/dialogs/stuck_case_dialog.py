"""One stuck parcel in full: its fields, the 留言 both ways, the timeline, the status steps and the return.

Edits carry the version the dialog read; when someone else saved in between, the clerk is told so and the dialog
shows their version. Every change goes through a service in one unit of work, then the dialog reads the case again.
An early return is refused by the case engine with the earliest date; the sentence is shown next to the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.case_links import LinkedCase, linked_cases
from app.cases import CHANNELS, CaseView, TimelineEntry, add_followup, get_case, timeline, transition, update_case
from app.claims.records import facts_from_case
from app.couriers import CourierChoice, list_couriers
from app.desk import Desk
from app.errors import ConflictError, UserError, ValidationError
from app.stuck import ProblemTypeChoice, problem_types, set_problem_type, start_return
from app.stuck_messages import MessageView, post, reply, thread
from app.workflows import STUCK
from ui.dialogs.claim_dialog import ClaimDialog
from ui.dialogs.form import FieldErrors
from ui.dialogs.phrase_picker import utc_now
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.case_notebook import CaseNotebook
from ui.widgets.common import Clock, action_button, error_text, message_language, outlet_zone
from ui.widgets.linked_cases import LinkedCases
from ui.widgets.message_thread import MessageThread
from ui.widgets.scan_bar import ScanLineEdit
from ui.widgets.timeline import TimelineTree, channel_label

STATUS_COLUMNS = 6


@dataclass(frozen=True)
class CaseData:
    case: CaseView
    timeline: list[TimelineEntry]
    messages: list[MessageView]
    types: list[ProblemTypeChoice]
    couriers: list[CourierChoice]
    zone: str
    links: list[LinkedCase]


def read_case(session: Any, case_id: int) -> CaseData:
    case = get_case(session, case_id)
    return CaseData(
        case=case,
        timeline=timeline(session, case_id),
        messages=thread(session, case_id),
        types=problem_types(session, case.carrier),
        couriers=list_couriers(session),
        zone=outlet_zone(session),
        links=linked_cases(session, case_id),
    )


def save_case(
    session: Any, case_id: int, type_code: str | None, changes: dict[str, Any], *, expected_version: int, actor: Any
) -> None:
    """A new problem type (its earliest return date follows) and the other fields, in one unit of work."""
    version = expected_version
    if type_code is not None:
        version = set_problem_type(session, case_id, type_code, expected_version=version, actor=actor).version
    if changes:
        update_case(session, case_id, changes, expected_version=version, actor=actor)


class StuckCaseDialog(QDialog):
    changed = Signal(int)  # case id, after every saved change
    case_requested = Signal(int, str)  # a linked case (the chase it was made from) is to be opened: id, kind

    def __init__(
        self,
        desk: Desk,
        prompt: Prompt,
        case_id: int,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stuckCaseDialog")
        self._desk, self._prompt, self.case_id = desk, prompt, case_id
        self._runner, self._clock = runner, clock  # the window's, for the phrase picker
        self.data: CaseData | None = None
        self._loaded_courier: int | None = None
        self.errors = FieldErrors()
        english = message_language() == "en"

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("truncatedBanner")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.problem_type = QComboBox()
        self.detail = QLineEdit()
        self.courier = QComboBox()
        self.round = QSpinBox()
        self.round.setRange(0, 20)
        self.round.setSpecialValueText(self.tr("none"))
        self.shelf = QLineEdit()
        self.registered_by = QComboBox()
        self.registered_by.addItem(self.tr("Us"), "us")
        self.registered_by.addItem(self.tr("Them"), "them")
        self.in_carrier_system = QCheckBox(self.tr("Registered in the carrier's system"))
        self.save_button = action_button(self.tr("&Save changes"), "saveButton")
        fields = QWidget()
        form = QFormLayout(fields)
        self.errors.add_row(form, "problem_type", self.tr("Problem &type:"), self.problem_type)
        self.errors.add_row(form, "detail", self.tr("&Detail:"), self.detail)
        self.errors.add_row(form, "courier_id", self.tr("&Courier:"), self.courier)
        self.errors.add_row(form, "round_no", self.tr("R&ound:"), self.round)
        self.errors.add_row(form, "shelf", self.tr("S&helf:"), self.shelf)
        self.errors.add_row(form, "registered_by", self.tr("Registered &by:"), self.registered_by)
        form.addRow("", self.in_carrier_system)
        form.addRow("", self.save_button)

        self.thread = MessageThread()
        self.timeline = TimelineTree()
        self.links = LinkedCases()
        self.links.case_requested.connect(self.case_requested)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.thread, self.tr("&Messages"))
        self.tabs.addTab(self.timeline, self.tr("T&imeline"))

        self.status_buttons: dict[str, QPushButton] = {}
        steps = QGridLayout()
        for state in (s for s in STUCK.states if s.code != "returning"):
            button = action_button(state.label_en if english else state.label, f"status_{state.code}")
            button.clicked.connect(lambda _checked=False, code=state.code: self._on_status_clicked(code))
            steps.addWidget(
                button, len(self.status_buttons) // STATUS_COLUMNS, len(self.status_buttons) % STATUS_COLUMNS
            )
            self.status_buttons[state.code] = button
        self.return_waybill = ScanLineEdit()
        self.return_waybill.setObjectName("returnWaybill")
        self.return_waybill.setPlaceholderText(self.tr("New waybill of the return"))
        self.return_button = action_button(self.tr("&Return…"), "returnButton")
        self.return_error = QLabel()
        self.errors.add_label("return_waybill_no", self.return_error)
        return_row = QHBoxLayout()
        return_row.addWidget(QLabel(self.tr("Return waybill:")))
        return_row.addWidget(self.return_waybill, 1)
        return_row.addWidget(self.return_button)

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
            clock=self._clock,
            zone=lambda: self.data.zone if self.data is not None else None,
            note_saved=self._on_note_saved,
            phrases_text=self.tr("Phrase &wording…"),
            parent=self,
        )
        self.phrases_button, self.note_button = self.notebook.phrases_button, self.notebook.note_button
        followup_row = QHBoxLayout()
        followup_row.addWidget(self.channel)
        followup_row.addWidget(self.followup, 1)
        followup_row.addWidget(self.followup_button)
        followup_row.addWidget(self.phrases_button)
        followup_row.addWidget(self.note_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.facts)
        left.addWidget(self.links)
        left.addWidget(fields)
        left.addStretch(1)
        top.addLayout(left, 2)
        top.addWidget(self.tabs, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addLayout(top, 1)
        layout.addLayout(steps)
        layout.addLayout(return_row)
        layout.addWidget(self.return_error)
        layout.addLayout(followup_row)
        layout.addWidget(buttons)
        self.resize(1100, 720)

        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.return_button.clicked.connect(self._on_return_button_clicked)
        self.return_waybill.scanned.connect(self._on_return_waybill_scanned)
        self.followup_button.clicked.connect(self._on_followup_button_clicked)
        self.followup.returnPressed.connect(self._on_followup_button_clicked)
        self.thread.post_requested.connect(self._on_thread_post_requested)
        self.thread.reply_requested.connect(self._on_thread_reply_requested)
        self.reload()

    # --- reading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.data = data = self._desk.read(read_case, self.case_id)
        case, clock = data.case, Clock(data.zone)
        direction = self.tr("inbound") if case.direction == "inbound" else self.tr("outbound")
        self.setWindowTitle(self.tr("Stuck parcel {number}").format(number=case.waybill_no))
        self.heading.setText(
            f"{case.waybill_no} · {case.carrier_name or self.tr('carrier unknown')} · {direction} · {case.status_label}"
        )
        details = case.details
        earliest = details.get("earliest_return_on")
        self.facts.setText(
            self.tr("Opened {opened} by {handler}. Earliest return: {date}.").format(
                opened=clock.text(case.opened_at), handler=case.handler or "—", date=earliest or "—"
            )
            + ("\n" + self.tr("The other outlet asked for the return.") if details.get("return_agreed") else "")
            + (
                "\n" + self.tr("Last found on the shelf: {time}.").format(time=clock.text(checked))
                if (checked := details.get("on_shelf_checked_at"))
                else ""
            )
        )
        self._load_fields(case, data)
        self.thread.load(data.messages, clock, open_case=case.is_open)
        self.timeline.load(data.timeline, clock)
        self.links.load(data.links, clock)
        allowed = STUCK.allowed(case.status)
        for code, button in self.status_buttons.items():
            button.setEnabled(code in allowed)
        self.return_button.setEnabled("returning" in allowed)
        self.return_waybill.setEnabled("returning" in allowed)
        for widget in (self.save_button, self.followup, self.followup_button):
            widget.setEnabled(case.is_open)

    def _load_fields(self, case: CaseView, data: CaseData) -> None:
        self.errors.clear()
        self.problem_type.clear()
        if case.problem_type is None:
            self.problem_type.addItem(self.tr("not set"), None)
        for choice in data.types:
            self.problem_type.addItem(f"{choice.number} {choice.name}", choice.code)
        if case.problem_type is not None and self.problem_type.findData(case.problem_type) < 0:
            self.problem_type.addItem(case.problem_type_name or case.problem_type, case.problem_type)
        self.problem_type.setCurrentIndex(max(0, self.problem_type.findData(case.problem_type)))
        self.detail.setText(case.detail or "")
        self.courier.clear()
        self.courier.addItem(self.tr("none"), None)
        for courier in data.couriers:
            self.courier.addItem(courier.name, courier.id)
        details = case.details
        self.courier.setCurrentIndex(max(0, self.courier.findText(case.courier)) if case.courier else 0)
        self._loaded_courier = self.courier.currentData()
        self.round.setValue(details.get("round_no") or 0)
        self.shelf.setText(details.get("shelf") or "")
        self.registered_by.setCurrentIndex(max(0, self.registered_by.findData(details.get("registered_by"))))
        self.in_carrier_system.setChecked(bool(details.get("in_carrier_system")))

    def changes(self) -> tuple[str | None, dict[str, Any]]:
        """The new problem type code (None: unchanged) and the other fields that differ from what was read."""
        assert self.data is not None
        case, details = self.data.case, self.data.case.details
        type_code = self.problem_type.currentData()
        form = {
            "detail": self.detail.text().strip() or None,
            "round_no": self.round.value() or None,
            "shelf": self.shelf.text().strip() or None,
            "registered_by": self.registered_by.currentData(),
            "in_carrier_system": self.in_carrier_system.isChecked(),
        }
        current = {key: case.detail if key == "detail" else details.get(key) for key in form}
        changed = {key: value for key, value in form.items() if value != current[key]}
        if self.courier.currentData() != self._loaded_courier:
            changed["courier_id"] = self.courier.currentData()
        return (type_code if type_code not in (None, case.problem_type) else None), changed

    # --- writing ------------------------------------------------------------------------------------------
    def _write(self, fn: Any, *args: Any, inline: QLabel | None = None, **kwargs: Any) -> bool:
        """Run one service call; show what went wrong (next to the field when there is one) and read again."""
        self.errors.clear()
        self.notice.hide()
        try:
            self._desk.write(fn, *args, **kwargs)
        except ConflictError as exc:
            self._prompt.error(self, error_text(exc))
            self.reload()
            self.notice.setText(self.tr("Someone else saved this case: it now shows their version."))
            self.notice.show()
            return False
        except UserError as exc:
            message = error_text(exc)
            fields = exc.fields if isinstance(exc, ValidationError) else {}
            if inline is not None:
                inline.setText(message)
                inline.show()
            elif not any(self.errors.show(key, message) for key in fields):
                self._prompt.error(self, message)
            return False
        self.reload()
        self.changed.emit(self.case_id)
        return True

    def _version(self) -> int:
        assert self.data is not None
        return self.data.case.version

    @Slot()
    def _on_save_button_clicked(self) -> None:
        type_code, changes = self.changes()
        if type_code is None and not changes:
            return
        self._write(save_case, self.case_id, type_code, changes, expected_version=self._version())

    def _on_status_clicked(self, code: str) -> None:
        if code == "to_claim":
            self.open_claim()
            return
        if STUCK.is_terminal(code):
            question = self.tr("Move this case to “{status}”? It ends the case.").format(
                status=self.status_buttons[code].text()
            )
            if not self._prompt.confirm(self, question):
                return
        self._write(transition, self.case_id, code, expected_version=self._version())

    def open_claim(self) -> ClaimDialog:
        """转理赔: a claim form filled from this case and its parcel; registering it moves the case on."""
        draft = self._desk.read(facts_from_case, self.case_id)
        dialog = ClaimDialog(self._desk, self._runner, self._prompt, None, self, draft=draft)
        dialog.changed.connect(self._on_claim_changed)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_claim_changed(self, _claim_id: int) -> None:
        self.reload()
        self.changed.emit(self.case_id)

    @Slot()
    def _on_return_button_clicked(self) -> None:
        """Take the waybill scanned into the field, or ask for it when the field is empty."""
        if self.return_waybill.text().strip():
            self.return_waybill.submit()
            return
        number = self._prompt.ask_text(
            self, self.tr("Return"), self.tr("Scan or type the waybill the parcel goes back on:")
        )
        if number and number.strip():
            self.return_waybill.setText(number)
            self.return_waybill.submit()

    @Slot(str)
    def _on_return_waybill_scanned(self, number: str) -> None:
        if self._write(
            start_return,
            self.case_id,
            return_waybill_no=number,
            expected_version=self._version(),
            inline=self.return_error,
        ):
            self.return_waybill.clear()

    @Slot()
    def _on_followup_button_clicked(self) -> None:
        if self._write(add_followup, self.case_id, self.followup.text(), channel=self.channel.currentData()):
            self.followup.clear()

    @Slot(str, str)
    def _on_thread_post_requested(self, text: str, direction: str) -> None:
        if self._write(post, self.case_id, text, direction=direction):
            self.thread.text.clear()

    @Slot(int, str, bool)
    def _on_thread_reply_requested(self, message_id: int, text: str, asks_return: bool) -> None:
        if self._write(reply, message_id, text, asks_return=asks_return):
            self.thread.reply_text.clear()

    @Slot(object)
    def _on_note_saved(self, _note: object) -> None:
        self.reload()
        self.changed.emit(self.case_id)
