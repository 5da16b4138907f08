"""Returns (退件): the parcels sent back, when they went and came back, and our own parcels another outlet sent back
early — the early-return report, each due seven days after it came back. A tab of the money-at-risk page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app import returns
from app.desk import Desk
from app.returns import ReturnView
from ui.pages.money_tab import MoneyTab
from ui.prompt import Prompt
from ui.widgets.common import Clock, action_button, outlet_zone
from ui.widgets.record_list import Column, RecordList


@dataclass(frozen=True)
class ReturnsData:
    rows: list[ReturnView]
    zone: str


def read_returns(session: Any, report_only: bool) -> ReturnsData:
    rows = returns.early_return_report(session) if report_only else returns.list_returns(session)
    return ReturnsData(rows, outlet_zone(session))


class ReturnsTab(MoneyTab):
    def __init__(
        self, desk: Desk, prompt: Prompt, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, prompt, clock, parent)
        self.setObjectName("returnsTab")
        self.data: ReturnsData | None = None
        self.report_only = QCheckBox(self.tr("&Early returns to report only"))
        self.report_only.setChecked(True)
        self.list = RecordList(
            self.tr("Ret&urns"),
            [
                Column(self.tr("Waybill"), lambda r: r.waybill_no, 18),
                Column(self.tr("Return waybill"), lambda r: r.return_waybill_no, 18),
                Column(self.tr("Sent"), lambda r: self._time(r.sent_at), 16),
                Column(
                    self.tr("Earliest allowed"),
                    lambda r: r.earliest_allowed_on.isoformat() if r.earliest_allowed_on else "",
                    11,
                ),
                Column(self.tr("Back"), lambda r: self._time(r.back_at), 16),
                Column(self.tr("Report by"), lambda r: self._time(r.report_due_at), 16),
                Column(self.tr("Notes"), lambda r: r.notes),
            ],
            "returnList",
            add_text=self.tr("Returned early by &another outlet…"),
            deletable=False,
        )
        self.list.edit_button.hide()
        self.back_button = action_button(self.tr("&Back"), "returnBackButton")
        self.report_button = action_button(self.tr("Re&ported"), "returnReportedButton")
        for widget in (self.report_only, self.back_button, self.report_button):
            self.list.add_tool(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.report_only.toggled.connect(self.refresh)
        self.list.add_requested.connect(self.record_early)
        self.list.tree.currentItemChanged.connect(self._update_buttons)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.report_button.clicked.connect(self._on_report_clicked)

    @Slot()
    def refresh(self) -> None:
        self.data = self._desk.read(read_returns, self.report_only.isChecked())
        self.zone = Clock(self.data.zone)
        self.list.show_rows(self.data.rows)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        row: ReturnView | None = self.list.current()
        self.back_button.setEnabled(row is not None and row.back_at is None)
        self.report_button.setEnabled(row is not None and row.report_due_at is not None)

    @Slot()
    def record_early(self) -> None:
        number = self._prompt.ask_text(
            self, self.tr("Returned early"), self.tr("Our parcel's waybill, sent back before its earliest day:")
        )
        if number and number.strip():
            self._write(returns.record_early_return, number, back_at=self._clock())

    @Slot()
    def _on_back_clicked(self) -> None:
        row: ReturnView | None = self.list.current()
        if row is not None:
            self._write(returns.mark_back, row.id, at=self._clock())

    @Slot()
    def _on_report_clicked(self) -> None:
        row: ReturnView | None = self.list.current()
        if row is not None:
            self._write(returns.report_early_return, row.id, at=self._clock())
