"""Claims (理赔): the open ones by default, any status on request, found by part of the waybill number.

New claim (Ctrl+N) opens an empty claim form; Enter or a double click opens one. A claim made from a stuck case
("转理赔" in the case) shows up here as soon as it is registered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from app.claim_query import ClaimRow, list_claims
from app.claims.catalogue import LOSS_LABELS, label
from app.desk import Desk
from app.workflows import CLAIM
from ui.dialogs.claim_dialog import ClaimDialog
from ui.pages.paged_list_page import FILTER_DELAY_MS, labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, message_language, outlet_zone
from ui.widgets.record_list import Column, RecordList

OPEN = "__open__"


def _money(value: object) -> str:
    return f"{value:,.2f}" if value is not None else ""


class ClaimsPage(QWidget):
    changed = Signal()
    case_requested = Signal(int, str)  # a claim's case is to be opened: id, kind

    def __init__(self, desk: Desk, runner: TaskRunner | None, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsPage")
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self._clock: Clock | None = None
        english = message_language() == "en"
        self.status = QComboBox()
        self.status.setObjectName("claimStatusFilter")
        self.status.addItem(self.tr("Open"), OPEN)
        self.status.addItem(self.tr("All"), None)
        for state in CLAIM.states:
            self.status.addItem(state.label_en if english else state.label, state.code)
        self.search = QLineEdit()
        self.search.setObjectName("claimSearch")
        self.search.setPlaceholderText(self.tr("Part of the waybill number"))
        self.search.setClearButtonEnabled(True)
        self.list = RecordList(
            self.tr("&Claims"),
            [
                Column(self.tr("Claim no."), lambda c: c.claim_no, 16),
                Column(self.tr("Waybill"), lambda c: c.waybill_no, 18),
                Column(self.tr("Carrier"), lambda c: c.carrier, 6),
                Column(self.tr("Status"), lambda c: c.status_label, 8),
                Column(self.tr("Loss"), lambda c: label(LOSS_LABELS, c.loss_type), 8),
                Column(self.tr("Claimant"), lambda c: c.claimant_name, 10),
                Column(self.tr("Claimed"), lambda c: _money(c.claimed_amount), 10),
                Column(self.tr("Approved"), lambda c: _money(c.approved_amount), 10),
                Column(self.tr("Registered"), lambda c: self._time(c)),
            ],
            "claimList",
            add_text=self.tr("&New claim…"),
            deletable=False,
        )
        self.list.add_tool(labelled(self.tr("S&tatus:"), self.status))
        self.list.add_tool(labelled(self.tr("&Waybill:"), self.search))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.setFocusProxy(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_claim)
        self.status.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.list.add_requested.connect(self.new_claim)
        self.list.edit_requested.connect(self._on_list_edit_requested)

    def _time(self, row: ClaimRow) -> str:
        return self._clock.text(row.created_at) if self._clock else ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._clock is None:
            self._clock = Clock(self._desk.read(outlet_zone))
        chosen = self.status.currentData()
        rows = self._desk.read(
            list_claims,
            status=None if chosen in (None, OPEN) else chosen,
            open_only=chosen == OPEN,
            waybill=self.search.text().strip() or None,
        )
        self.list.show_rows(rows)

    def show_status(self, status: str) -> None:
        """List the claims in one state (a today-page tile clicked)."""
        index = self.status.findData(status)
        if index == self.status.currentIndex():
            self.refresh()
        self.status.setCurrentIndex(index)  # a change reads the list again

    @Slot()
    def new_claim(self) -> None:
        self.open_dialog(ClaimDialog(self._desk, self._runner, self._prompt, None, self))

    def open_claim(self, claim_id: int) -> None:
        self.open_dialog(ClaimDialog(self._desk, self._runner, self._prompt, claim_id, self))

    def open_dialog(self, dialog: ClaimDialog) -> None:
        dialog.changed.connect(self._on_dialog_changed)
        dialog.case_requested.connect(self.case_requested)
        dialog.exec()

    @Slot(int)
    def _on_dialog_changed(self, claim_id: int) -> None:
        self.refresh()
        self.list.select(claim_id)
        self.changed.emit()

    @Slot(object)
    def _on_list_edit_requested(self, row: ClaimRow) -> None:
        self.open_claim(row.id)
