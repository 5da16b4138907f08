"""Log a chase (催单) while the customer is on the phone: outbound (a parcel we sent: where it was last scanned)
or inbound (a parcel for delivery here: arrived or not, the appointment, the courier), with the callback promised.
The repeat banner turns red as soon as the waybill or the phone was seen before."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.chases import NewChase, log_chase
from app.desk import Desk
from ui.dialogs.capture_dialog import CaptureDialog, Row, Setup
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.callback_picker import DISPLAY, from_local_qt, to_local_qt
from ui.widgets.courier_suggester import CourierSuggester


class ChaseDialog(CaptureDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        direction: str,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(desk, runner, prompt, parent, clock=clock)
        self.setObjectName("chaseDialog")
        self.direction = direction
        outbound = direction == "outbound"
        self.setWindowTitle(self.tr("New outbound chase") if outbound else self.tr("New inbound chase"))
        self.request = QLineEdit()
        self.request.setObjectName("chaseRequest")
        self.request.setPlaceholderText(self.tr("What the caller wants, e.g. where is it, deliver today"))
        rows: list[Row] = [
            ("waybill_no", self.tr("&Waybill:"), self.waybill),
            ("caller_name", self.tr("&Caller:"), self.caller_name),
            ("caller_phone", self.tr("&Phone:"), self.caller_phone),
            ("request", self.tr("&Request:"), self.request),
        ]
        if outbound:
            self.scan_known = QCheckBox(self.tr("&Known"))
            self.last_scan = QDateTimeEdit()
            self.last_scan.setObjectName("lastScan")
            self.last_scan.setDisplayFormat(DISPLAY)
            self.last_scan.setCalendarPopup(True)
            self.last_scan.setDateTime(to_local_qt(clock() - timedelta(days=1), self.callback.zone))
            self.last_scan.setEnabled(False)
            self.scan_known.toggled.connect(self.last_scan.setEnabled)
            scan_row = QWidget()
            scan_layout = QHBoxLayout(scan_row)
            scan_layout.setContentsMargins(0, 0, 0, 0)
            scan_layout.addWidget(self.scan_known)
            scan_layout.addWidget(self.last_scan, 1)
            scan_row.setFocusProxy(self.scan_known)
            self.last_node = QLineEdit()
            self.last_node.setObjectName("lastNode")
            self.last_node.setPlaceholderText(self.tr("Transit centre or outlet of the last scan"))
            rows += [
                ("last_scan_at", self.tr("Last &scan:"), scan_row),
                ("last_node", self.tr("Last no&de:"), self.last_node),
            ]
        else:
            self.arrived = QComboBox()
            self.arrived.setObjectName("arrived")
            for label, value in ((self.tr("not known"), None), (self.tr("Yes"), True), (self.tr("Not yet"), False)):
                self.arrived.addItem(label, value)
            self.appointment = QLineEdit()
            self.appointment.setObjectName("appointment")
            self.appointment.setPlaceholderText(self.tr("Time window, self-pickup or a new address"))
            self.courier = QComboBox()
            self.courier.setObjectName("courier")
            self.courier.addItem(self.tr("none"), None)
            self.address = QLineEdit()
            self.address.setObjectName("chaseAddress")
            self.address.setPlaceholderText(self.tr("Where it goes: suggests the courier covering it today"))
            self.courier_hint = QLabel()
            self.suggester = CourierSuggester(desk, self.address, self.courier, self.courier_hint, clock, self)
            address_row = QWidget()
            address_layout = QVBoxLayout(address_row)
            address_layout.setContentsMargins(0, 0, 0, 0)
            address_layout.addWidget(self.address)
            address_layout.addWidget(self.courier_hint)
            address_row.setFocusProxy(self.address)
            rows += [
                ("arrived", self.tr("&Arrived:"), self.arrived),
                ("appointment", self.tr("Appo&intment:"), self.appointment),
                ("recipient_address", self.tr("A&ddress:"), address_row),
                ("courier_id", self.tr("Co&urier:"), self.courier),
            ]
        rows += [
            ("callback_at", self.tr("Call &back:"), self.callback),
            ("detail", self.tr("No&te:"), self.detail),
        ]
        self.lay_out(rows)

    def service(self) -> Callable[..., Any]:
        return log_chase

    def setup_read(self, setup: Setup) -> None:
        if self.direction == "outbound" and not self.scan_known.isChecked():
            self.last_scan.setDateTime(to_local_qt(self.clock() - timedelta(days=1), setup.zone))
        if self.direction == "inbound":
            for courier in setup.couriers:
                self.courier.addItem(courier.name, courier.id)

    def problems(self) -> dict[str, str]:
        found = super().problems()
        known = self.direction == "outbound" and self.scan_known.isChecked()
        if known and self.last_scan.dateTime() > to_local_qt(self.clock(), self.callback.zone):
            found["last_scan_at"] = self.tr("The last scan cannot be in the future.")
        return found

    def value(self) -> NewChase:
        outbound = self.direction == "outbound"
        last_scan = None
        if outbound and self.scan_known.isChecked():
            last_scan = from_local_qt(self.last_scan.dateTime(), self.callback.zone)
        return NewChase(
            waybill_no=self.waybill_no(),
            direction=self.direction,
            caller_name=self.text_of(self.caller_name),
            caller_phone=self.text_of(self.caller_phone),
            request=self.text_of(self.request),
            callback_at=self.callback.value(),
            last_scan_at=last_scan,
            last_node=self.text_of(self.last_node) if outbound else None,
            arrived=None if outbound else self.arrived.currentData(),
            appointment=None if outbound else self.text_of(self.appointment),
            courier_id=None if outbound else self.courier.currentData(),
            recipient_address=None if outbound else self.text_of(self.address),
            detail=self.text_of(self.detail),
            opened_at=self.clock(),
        )
