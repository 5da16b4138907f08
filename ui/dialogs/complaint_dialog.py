"""Log a complaint (投诉): the channel it came by with the channel's ticket number, the category, the complainant
and the parcel. The service starts the channel's clocks (first response, resolution, the 12305 day); the repeat
banner warns when this parcel or caller was here before."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.complaints import CATEGORIES, SOURCE_LABELS, TICKET_LIMIT, NewComplaint, log_complaint
from app.desk import Desk
from app.workflows import DIRECTION_LABELS
from ui.dialogs.capture_dialog import CaptureDialog
from ui.prompt import Prompt
from ui.tasks import TaskRunner

TICKETED = ("carrier_ticket", "platform", "12345", "12305")  # channels that always hand over a ticket number


class ComplaintDialog(CaptureDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(desk, runner, prompt, parent, clock=clock)
        self.setObjectName("complaintDialog")
        self.setWindowTitle(self.tr("New complaint"))
        self.source = QComboBox()
        self.source.setObjectName("complaintSource")
        for code, label in SOURCE_LABELS.items():
            self.source.addItem(label, code)
        self.ticket = QLineEdit()
        self.ticket.setObjectName("ticketNumber")
        self.ticket.setMaxLength(TICKET_LIMIT)
        self.category = QComboBox()
        self.category.setObjectName("complaintCategory")
        for category in CATEGORIES:
            self.category.addItem(category, category)
        self.direction = QComboBox()
        self.direction.setObjectName("complaintDirection")
        for code in ("inbound", "outbound"):
            self.direction.addItem(DIRECTION_LABELS[code], code)
        self.lay_out(
            [
                ("source", self.tr("C&hannel:"), self.source),
                ("external_ticket_no", self.tr("&Ticket number:"), self.ticket),
                ("category", self.tr("C&ategory:"), self.category),
                ("waybill_no", self.tr("&Waybill:"), self.waybill),
                ("direction", self.tr("&Parcel:"), self.direction),
                ("caller_name", self.tr("&Complainant:"), self.caller_name),
                ("caller_phone", self.tr("Phon&e:"), self.caller_phone),
                ("detail", self.tr("What happene&d:"), self.detail),
                ("callback_at", self.tr("Call &back:"), self.callback),
            ]
        )
        self.source.currentIndexChanged.connect(self._on_source_currentIndexChanged)
        self._on_source_currentIndexChanged()

    def service(self) -> Callable[..., Any]:
        return log_complaint

    def problems(self) -> dict[str, str]:
        found = super().problems()
        if self.source.currentData() in TICKETED and not self.ticket.text().strip():
            found["external_ticket_no"] = self.tr("This channel gives a ticket number: copy it here.")
        return found

    def value(self) -> NewComplaint:
        return NewComplaint(
            waybill_no=self.waybill_no(),
            source=self.source.currentData(),
            category=self.category.currentData(),
            external_ticket_no=self.text_of(self.ticket),
            caller_name=self.text_of(self.caller_name),
            caller_phone=self.text_of(self.caller_phone),
            detail=self.text_of(self.detail),
            direction=self.direction.currentData(),
            opened_at=self.clock(),
            callback_at=self.callback.value(),
        )

    @Slot()
    def _on_source_currentIndexChanged(self) -> None:
        ticketed = self.source.currentData() in TICKETED
        self.ticket.setPlaceholderText(
            self.tr("The channel's ticket number") if ticketed else self.tr("Optional for a direct call")
        )
