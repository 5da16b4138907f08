"""Accept an interception request (拦截 / 改址 / 转寄 / 退回) from a sender, a platform or upstream: the parcel,
what is asked, who asked, the new address or waybill. The service makes it due when the next delivery round
leaves and flags the parcel wherever it is scanned; a second request for the same parcel lands on the open one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.desk import Desk
from app.intercepts import ADDRESS_LIMIT, REQUESTER_LIMIT, REQUESTS, NewIntercept, log_intercept
from ui.dialogs.capture_dialog import CaptureDialog
from ui.prompt import Prompt
from ui.tasks import TaskRunner

REQUESTERS = ("寄件人", "收件人", "电商平台", "快递公司总部", "上级网点")


class InterceptDialog(CaptureDialog):
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
        self.setObjectName("interceptDialog")
        self.setWindowTitle(self.tr("New interception"))
        self.request = QComboBox()
        self.request.setObjectName("interceptRequest")
        for code, label in REQUESTS.items():
            self.request.addItem(label, code)
        self.requested_by = QComboBox()
        self.requested_by.setObjectName("requestedBy")
        self.requested_by.setEditable(True)
        self.requested_by.addItems(REQUESTERS)
        self.requested_by.lineEdit().setMaxLength(REQUESTER_LIMIT)
        self.new_address = QLineEdit()
        self.new_address.setObjectName("newAddress")
        self.new_address.setMaxLength(ADDRESS_LIMIT)
        self.new_waybill = QLineEdit()
        self.new_waybill.setObjectName("newWaybill")
        self.lay_out(
            [
                ("waybill_no", self.tr("&Waybill:"), self.waybill),
                ("request", self.tr("&Request:"), self.request),
                ("requested_by", self.tr("Requested &by:"), self.requested_by),
                ("new_address", self.tr("New &address:"), self.new_address),
                ("new_waybill_no", self.tr("New wa&ybill:"), self.new_waybill),
                ("caller_name", self.tr("&Contact:"), self.caller_name),
                ("caller_phone", self.tr("Phon&e:"), self.caller_phone),
                ("detail", self.tr("&Note:"), self.detail),
            ]
        )
        self.request.currentIndexChanged.connect(self._on_request_currentIndexChanged)
        self._on_request_currentIndexChanged()

    def service(self) -> Callable[..., Any]:
        return log_intercept

    def problems(self) -> dict[str, str]:
        found = super().problems()
        if self.request.currentData() == "readdress" and not self.new_address.text().strip():
            found["new_address"] = self.tr("Give the new address.")
        return found

    def value(self) -> NewIntercept:
        return NewIntercept(
            waybill_no=self.waybill_no(),
            request=self.request.currentData(),
            requested_by=self.requested_by.currentText().strip() or None,
            new_address=self.text_of(self.new_address),
            new_waybill_no=self.text_of(self.new_waybill),
            caller_name=self.text_of(self.caller_name),
            caller_phone=self.text_of(self.caller_phone),
            detail=self.text_of(self.detail),
            opened_at=self.clock(),
        )

    @Slot()
    def _on_request_currentIndexChanged(self) -> None:
        request = self.request.currentData()
        self.new_address.setEnabled(request in ("readdress", "forward"))
        self.new_waybill.setEnabled(request in ("forward", "return"))
