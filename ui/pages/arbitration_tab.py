"""Arbitrations (仲裁) between outlets over losses and failed interceptions: the open ones by default, each with
the day our statement is due; file one, record our reply, record the decision with our share. A tab of the
money-at-risk page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app import arbitration
from app.arbitration import ArbitrationView, list_arbitrations
from app.desk import Desk
from app.imports.values import ValueProblem, money
from ui.pages.money_tab import MoneyTab
from ui.prompt import Prompt
from ui.widgets.common import Clock, action_button, message_language, outlet_zone
from ui.widgets.record_list import Column, RecordList


@dataclass(frozen=True)
class ArbitrationData:
    rows: list[ArbitrationView]
    zone: str


def read_arbitrations(session: Any, open_only: bool) -> ArbitrationData:
    return ArbitrationData(list_arbitrations(session, open_only=open_only), outlet_zone(session))


def _yuan(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


class ArbitrationTab(MoneyTab):
    def __init__(
        self, desk: Desk, prompt: Prompt, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, prompt, clock, parent)
        self.setObjectName("arbitrationTab")
        self.data: ArbitrationData | None = None
        self.open_only = QCheckBox(self.tr("&Undecided only"))
        self.open_only.setChecked(True)
        self.list = RecordList(
            self.tr("&Arbitrations"),
            [
                Column(self.tr("Waybill"), lambda a: a.waybill_no, 18),
                Column(self.tr("Other party"), lambda a: a.other_party, 14),
                Column(self.tr("Filed"), lambda a: self._time(a.filed_at), 16),
                Column(self.tr("Reply by"), lambda a: self._time(a.reply_due_at), 16),
                Column(self.tr("Claim / fine"), lambda a: a.claim_no or a.fine_reason_label, 14),
                Column(self.tr("Our share"), lambda a: f"{a.our_share_pct}%" if a.our_share_pct is not None else "", 8),
                Column(self.tr("Ours to pay"), lambda a: _yuan(a.our_amount), 10),
                Column(self.tr("Decision"), lambda a: a.decision),
            ],
            "arbitrationList",
            add_text=self.tr("&File an arbitration…"),
            deletable=False,
        )
        self.list.edit_button.hide()
        self.reply_button = action_button(self.tr("Our re&ply…"), "arbitrationReplyButton")
        self.decide_button = action_button(self.tr("Deci&sion…"), "arbitrationDecideButton")
        for widget in (self.open_only, self.reply_button, self.decide_button):
            self.list.add_tool(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.open_only.toggled.connect(self.refresh)
        self.list.add_requested.connect(self.file)
        self.list.tree.currentItemChanged.connect(self._update_buttons)
        self.reply_button.clicked.connect(self._on_reply_clicked)
        self.decide_button.clicked.connect(self._on_decide_clicked)

    @Slot()
    def refresh(self) -> None:
        self.data = self._desk.read(read_arbitrations, self.open_only.isChecked())
        self.zone = Clock(self.data.zone)
        self.list.show_rows(self.data.rows)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        row: ArbitrationView | None = self.list.current()
        self.reply_button.setEnabled(row is not None and row.is_open)
        self.decide_button.setEnabled(row is not None and row.is_open)

    @Slot()
    def file(self) -> None:
        number = self._prompt.ask_text(self, self.tr("File an arbitration"), self.tr("Waybill:"))
        if not number or not number.strip():
            return
        other = self._prompt.ask_text(self, self.tr("File an arbitration"), self.tr("The other party (outlet):"))
        if other is None:
            return
        new = arbitration.NewArbitration(number, other.strip() or None, filed_at=self._clock())
        self._write(arbitration.file_arbitration, new)

    @Slot()
    def _on_reply_clicked(self) -> None:
        row: ArbitrationView | None = self.list.current()
        if row is None:
            return
        text = self._prompt.ask_text(self, self.tr("Our reply"), self.tr("What we answered or sent:"))
        if text and text.strip():
            self._write(arbitration.record_reply, row.id, text, expected_version=row.version, at=self._clock())

    @Slot()
    def _on_decide_clicked(self) -> None:
        row: ArbitrationView | None = self.list.current()
        if row is None:
            return
        decision = self._prompt.ask_text(self, self.tr("Decision"), self.tr("The decision, as written:"))
        if not decision or not decision.strip():
            return
        share = self._prompt.ask_text(self, self.tr("Decision"), self.tr("Our share (%):"), "100")
        amount = self._prompt.ask_text(self, self.tr("Decision"), self.tr("Amount decided (yuan, may stay empty):"))
        if share is None or amount is None:
            return
        try:
            share_pct, decided = money(share), money(amount)
        except ValueProblem as exc:
            self._prompt.error(self, exc.message(message_language()))
            return
        self._write(
            arbitration.decide_arbitration,
            row.id,
            decision,
            our_share_pct=share_pct,
            amount=decided,
            expected_version=row.version,
            decided_at=self._clock(),
        )
