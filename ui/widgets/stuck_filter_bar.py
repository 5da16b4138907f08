"""The filters above the stuck-parcel list: every one maps to a field of `StuckFilter`, and they combine.

`value()` gives the filter the widgets show, `load(f)` shows a filter (a saved view) without announcing it, and
`changed` fires when the clerk changes something — after a short pause while typing in the search box.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.columns import DEFAULT_ZONE
from app.stuck_query import StuckFilter
from app.workflows import STUCK
from ui.widgets.flow_layout import FlowLayout

FILTER_DELAY_MS = 300  # typing pauses this long before the list is filtered
OPEN = (True, ())  # the status combo's value: (open_only, statuses)
EVERY_STATUS = (False, ())
PERIODS = ("any", "today", "yesterday", "7d", "30d", "custom")


class OptionCombo(QComboBox):
    """A combo whose items stand for Python values (tuples, None), kept beside it rather than in QVariants."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []

    def set_options(self, options: Sequence[tuple[str, Any]]) -> None:
        """Replace the items, keeping the current value when it is still offered."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self._values = []
        for label, value in options:
            self.addItem(label)
            self._values.append(value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any, label: str | None = None) -> None:
        """Select the item for `value`; one not offered is added under `label` (a saved view may name it)."""
        if value not in self._values:
            if label is None:
                return
            self.addItem(label)
            self._values.append(value)
        self.setCurrentIndex(self._values.index(value))


class StuckFilterBar(QWidget):
    changed = Signal()

    def __init__(self, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stuckFilterBar")
        self._english = language.startswith("en")
        self._zone: tzinfo = ZoneInfo(DEFAULT_ZONE)
        self._base = StuckFilter(open_only=True)  # fields without a widget (shelf) come from the loaded filter
        self._loading = False

        self.search = QLineEdit()
        self.search.setObjectName("stuckSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill or part of it, phone last 4, or name (Ctrl+F)"))
        self.overdue = QCheckBox(self.tr("&Overdue"))
        self.awaiting_reply = QCheckBox(self.tr("Awa&iting their reply"))
        self.owed = QCheckBox(self.tr("We o&we a reply"))
        self.not_in_system = QCheckBox(self.tr("&Not in carrier system"))
        self.clear_button = QPushButton(self.tr("C&lear filters"))
        self.clear_button.setAutoDefault(False)

        self.status = OptionCombo()
        self.status.setObjectName("statusFilter")
        states = [(s.label_en if self._english else s.label, (False, (s.code,))) for s in STUCK.states]
        self.status.set_options([(self.tr("Open"), OPEN), (self.tr("All statuses"), EVERY_STATUS), *states])
        self.problem = OptionCombo()
        self.problem.setObjectName("problemFilter")
        self.problem.set_options([(self.tr("All problems"), ())])
        self.direction = OptionCombo()
        self.direction.set_options(
            [(self.tr("Both directions"), None), (self.tr("Inbound"), "inbound"), (self.tr("Outbound"), "outbound")]
        )
        self.carrier = OptionCombo()
        self.carrier.set_options([(self.tr("All carriers"), None)])
        self.courier = OptionCombo()
        self.courier.set_options([(self.tr("All couriers"), None)])
        self.period = OptionCombo()
        self.period.setObjectName("periodFilter")
        self.period.set_options(
            [
                (self.tr("Any time"), "any"),
                (self.tr("Today"), "today"),
                (self.tr("Yesterday"), "yesterday"),
                (self.tr("Last 7 days"), "7d"),
                (self.tr("Last 30 days"), "30d"),
                (self.tr("From … to …"), "custom"),
            ]
        )
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.clear_button)
        flow = FlowLayout()
        for box in (self.overdue, self.awaiting_reply, self.owed, self.not_in_system):
            flow.addWidget(box)
        labelled = (
            (self.tr("St&atus:"), self.status),
            (self.tr("&Problem:"), self.problem),
            (self.tr("&Direction:"), self.direction),
            (self.tr("&Carrier:"), self.carrier),
            (self.tr("Co&urier:"), self.courier),
            (self.tr("R&eported:"), self.period),
        )
        for text, widget in labelled:
            flow.addWidget(
                self._pair(text, widget, self.date_from, self.date_to)
                if widget is self.period
                else self._pair(text, widget)
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(flow)
        chain = [self.search, self.clear_button, self.overdue, self.awaiting_reply, self.owed, self.not_in_system]
        chain += [w for _text, w in labelled] + [self.date_from, self.date_to]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self._announce)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._announce)
        for box in (self.overdue, self.awaiting_reply, self.owed, self.not_in_system):
            box.toggled.connect(self._announce)
        for combo in (self.status, self.problem, self.direction, self.carrier, self.courier):
            combo.currentIndexChanged.connect(self._announce)
        self.period.currentIndexChanged.connect(self._on_period_currentIndexChanged)
        self.date_from.dateChanged.connect(self._timer.start)
        self.date_to.dateChanged.connect(self._timer.start)
        self.clear_button.clicked.connect(self.clear)

    # --- choices from the database ------------------------------------------------------------------
    def set_choices(
        self,
        problem_types: Sequence[Any],
        carriers: Sequence[tuple[str, str]],
        couriers: Sequence[Any],
    ) -> None:
        """Fill the lists (ProblemTypeChoice, (code, name), CourierChoice); the current choices stay."""
        self._loading = True
        try:
            self.problem.set_options([(self.tr("All problems"), ()), *((t.name, (t.code,)) for t in problem_types)])
            self.carrier.set_options([(self.tr("All carriers"), None), *((name, code) for code, name in carriers)])
            self.courier.set_options([(self.tr("All couriers"), None), *((c.name, c.id) for c in couriers)])
        finally:
            self._loading = False

    def set_zone(self, zone: str) -> None:
        """The outlet's zone: "today" and the dates are its calendar days."""
        self._zone = ZoneInfo(zone)

    # --- the filter ---------------------------------------------------------------------------------
    def value(self) -> StuckFilter:
        open_only, statuses = self.status.value() or OPEN
        opened_from, opened_to = self._period_range()
        return dataclasses.replace(
            self._base,
            statuses=statuses,
            open_only=open_only,
            problem_types=self.problem.value() or (),
            direction=self.direction.value(),
            carrier=self.carrier.value(),
            courier_id=self.courier.value(),
            opened_from=opened_from,
            opened_to=opened_to,
            overdue=self.overdue.isChecked(),
            awaiting_reply=self.awaiting_reply.isChecked(),
            owed=self.owed.isChecked(),
            not_in_system=self.not_in_system.isChecked(),
            text=self.search.text().strip() or None,
        )

    def period_name(self) -> str:
        """The period chosen: a relative one ("today", "7d", …) keeps a saved view relative to the day it is
        used; "custom" means the dates."""
        return self.period.value() or "any"

    def load(self, f: StuckFilter, period: str | None = None) -> None:
        """Show `f` without announcing it; a relative `period` ("7d") wins over the dates in `f`."""
        self._loading = True
        try:
            self._timer.stop()
            self._base = f
            statuses = tuple(f.statuses)
            status = OPEN if f.open_only and not statuses else (False, statuses)
            self.status.set_value(status, " + ".join(self._status_label(s) for s in statuses))
            self.problem.set_value(tuple(f.problem_types), " + ".join(f.problem_types))
            self.direction.set_value(f.direction)
            self.carrier.set_value(f.carrier, f.carrier)
            self.courier.set_value(f.courier_id, f"#{f.courier_id}")
            for box, on in (
                (self.overdue, f.overdue),
                (self.awaiting_reply, f.awaiting_reply),
                (self.owed, f.owed),
                (self.not_in_system, f.not_in_system),
            ):
                box.setChecked(on)
            self.search.setText(f.text or "")
            if period in PERIODS and period not in ("any", "custom"):
                self.period.set_value(period)
            elif f.opened_from or f.opened_to:
                self.period.set_value("custom")
                self._show_dates(f.opened_from, f.opened_to)
            else:
                self.period.set_value("any")
            self._show_date_fields()
        finally:
            self._timer.stop()  # setting the dates started it
            self._loading = False

    @Slot()
    def clear(self) -> None:
        self.load(StuckFilter(open_only=True))
        self._announce()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- inside -------------------------------------------------------------------------------------
    @staticmethod
    def _pair(text: str, widget: QWidget, *more: QWidget) -> QWidget:
        """A label and its field (and any fields after it) kept together on one line of the flow."""
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget)
        for other in more:
            row.addWidget(other)
        return pair

    def _status_label(self, code: str) -> str:
        state = STUCK.state(code)
        return state.label_en if self._english else state.label

    def _today(self) -> date:
        return datetime.now(self._zone).date()

    def _start(self, day: date) -> datetime:
        return datetime.combine(day, time(0, 0), tzinfo=self._zone).astimezone(UTC)

    def _period_range(self) -> tuple[datetime | None, datetime | None]:
        period, today = self.period.value(), self._today()
        if period == "custom":
            first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
            return self._start(first), self._start(last + timedelta(days=1))
        days = {"today": (0, 0), "yesterday": (1, 1), "7d": (6, 0), "30d": (29, 0)}.get(period)
        if days is None:
            return None, None
        return self._start(today - timedelta(days=days[0])), self._start(today - timedelta(days=days[1] - 1))

    def _show_dates(self, opened_from: datetime | None, opened_to: datetime | None) -> None:
        today = self._today()
        first = opened_from.astimezone(self._zone).date() if opened_from else today
        last = (opened_to.astimezone(self._zone) - timedelta(microseconds=1)).date() if opened_to else today
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(last.year, last.month, last.day))

    def _show_date_fields(self) -> None:
        custom = self.period.value() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    @Slot(int)
    def _on_period_currentIndexChanged(self, _index: int) -> None:
        if self.period.value() == "custom" and not self._loading:
            self._loading = True  # the dates below are set, not chosen: one announcement, not three
            try:
                self._show_dates(None, None)
            finally:
                self._timer.stop()
                self._loading = False
        self._show_date_fields()
        self._announce()

    @Slot()
    def _announce(self) -> None:
        self._timer.stop()
        if not self._loading:
            self.changed.emit()
