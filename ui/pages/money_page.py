"""Money at risk (资金风险): every open deadline that costs the outlet money when missed, earliest first, with the
time left and what it costs — the station manager's first look of the day.

Read in the background when the page shows, when a case changes and on each reminder scan; Enter or a double
click opens the case a deadline belongs to. New interception (Ctrl+N) takes a sender's or platform's request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.desk import Desk
from app.money_queue import RiskItem, RiskQueue, risk_queue
from app.risk_costs import REASONS
from ui.dialogs.intercept_dialog import InterceptDialog
from ui.pages.arbitration_tab import ArbitrationTab
from ui.pages.fines_tab import FinesTab
from ui.pages.paged_list_page import labelled
from ui.pages.returns_tab import ReturnsTab
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, action_button, error_text, outlet_zone, set_column_widths

ItemRole = Qt.ItemDataRole.UserRole + 1
LATE = QColor("#b42318")


def read_queue(session: Any, now: datetime, reasons: set[str] | None) -> tuple[RiskQueue, str]:
    return risk_queue(session, now, settings.deadline_rules(session), reasons=reasons), outlet_zone(session)


class MoneyPage(QWidget):
    case_requested = Signal(int, str)  # id, kind
    counted = Signal(object)  # the RiskQueue read, for the navigation's count
    logged = Signal(int)  # a new interception's case id

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moneyPage")
        self._desk, self._runner, self._prompt, self._clock = desk, runner, prompt, clock
        self.queue: RiskQueue | None = None
        self._loading = False
        self.heading = QLabel(self.tr("Money at risk"))
        self.heading.setObjectName("pageHeading")
        self.summary = QLabel()
        self.summary.setObjectName("moneySummary")
        self.reason = QComboBox()
        self.reason.setObjectName("riskReason")
        self.reason.addItem(self.tr("All"), None)
        for code, label in REASONS.items():
            self.reason.addItem(label, code)
        self.refresh_button = action_button(self.tr("&Refresh"), "refreshButton")
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.intercept_button = action_button(self.tr("New &interception…"), "newInterceptButton")
        self.tree = QTreeWidget()
        self.tree.setObjectName("riskList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [self.tr("Time left"), self.tr("Due"), self.tr("What"), self.tr("Waybill"), self.tr("Costs (¥)")]
        )
        set_column_widths(self.tree, (14, 17, 16, 18))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(labelled(self.tr("S&how:"), self.reason))
        top.addWidget(self.intercept_button)
        top.addWidget(self.refresh_button)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(self.summary)
        queue_layout.addWidget(self.tree, 1)
        self.fines = FinesTab(desk, prompt, clock)
        self.returns = ReturnsTab(desk, prompt, clock)
        self.arbitrations = ArbitrationTab(desk, prompt, clock)
        self.tabs = QTabWidget()
        self.tabs.addTab(queue, self.tr("&Deadlines"))
        self.tabs.addTab(self.fines, self.tr("Fi&nes"))
        self.tabs.addTab(self.returns, self.tr("Re&turns"))
        self.tabs.addTab(self.arbitrations, self.tr("Arbitrati&on"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.tree)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_intercept)
        self.refresh_button.clicked.connect(self.refresh)
        self.intercept_button.clicked.connect(self.new_intercept)
        self.reason.currentIndexChanged.connect(self.refresh)
        self.tree.itemActivated.connect(self._on_tree_itemActivated)
        self.fines.changed.connect(self.refresh)
        self.returns.changed.connect(self.refresh)
        self.arbitrations.changed.connect(self.refresh)
        self.tabs.currentChanged.connect(self._on_tabs_currentChanged)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def show_reason(self, reason: str | None) -> None:
        """The deadlines tab, showing one reason's deadlines (None: every reason)."""
        self.tabs.setCurrentIndex(0)
        index = self.reason.findData(reason)
        if index == self.reason.currentIndex():
            self.refresh()
        self.reason.setCurrentIndex(index)  # a change reads the queue again

    @Slot()
    def refresh(self) -> None:
        """Read the queue again in the background (once at a time: a refresh asked meanwhile waits for it)."""
        if self._loading:
            return
        self._loading = True
        desk, now = self._desk, self._clock()
        chosen = self.reason.currentData()
        reasons = {chosen} if chosen else None
        task = self._runner.run(lambda _p, _c: desk.read(read_queue, now, reasons))
        task.succeeded.connect(self._on_read)
        task.failed.connect(self._on_read_failed)

    @Slot(object)
    def _on_read(self, result: tuple[RiskQueue, str]) -> None:
        self._loading = False
        queue, zone = result
        self.queue = queue
        clock = Clock(zone)
        self.summary.setText(
            self.tr(
                "Late or due today: {pressing} (¥{money_today}). Late: {late} (¥{money_late}). "
                "All open: {total} (¥{money_total})."
            ).format(
                pressing=queue.pressing,
                money_today=f"{queue.money_today:,.2f}",
                late=queue.counts["overdue"],
                money_late=f"{queue.money['overdue']:,.2f}",
                total=sum(queue.counts.values()),
                money_total=f"{sum(queue.money.values()):,.2f}",
            )
        )
        self.tree.clear()
        for item in queue.items:
            row = QTreeWidgetItem(
                [
                    self.time_left(item.left(queue.at)),
                    clock.text(item.due_at),
                    item.label,
                    item.waybill_no or "",
                    f"{item.cost:,.2f}",
                ]
            )
            row.setData(0, ItemRole, item)
            row.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if item.state == "overdue":
                for column in range(5):
                    row.setForeground(column, QBrush(LATE))
            self.tree.addTopLevelItem(row)
        self.counted.emit(queue)

    @Slot(object)
    def _on_read_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(error_text(exc))

    def time_left(self, left: timedelta) -> str:
        """ "3 h 20 min" / "late 2 d 4 h": what a clerk reads at a glance."""
        minutes = int(abs(left).total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        if days:
            text = self.tr("{days} d {hours} h").format(days=days, hours=hours)
        elif hours:
            text = self.tr("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        else:
            text = self.tr("{minutes} min").format(minutes=minutes)
        return self.tr("late {time}").format(time=text) if left < timedelta(0) else text

    def items(self) -> list[RiskItem]:
        return [self.tree.topLevelItem(n).data(0, ItemRole) for n in range(self.tree.topLevelItemCount())]

    @Slot()
    def new_intercept(self) -> InterceptDialog:
        dialog = InterceptDialog(self._desk, self._runner, self._prompt, self, clock=self._clock)
        dialog.logged.connect(self._on_intercept_logged)
        dialog.open()
        return dialog

    @Slot(object)
    def _on_intercept_logged(self, case: Any) -> None:
        self.logged.emit(case.id)
        self.refresh()

    @Slot(int)
    def _on_tabs_currentChanged(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab in (self.fines, self.returns, self.arbitrations):
            tab.refresh()

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemActivated(self, row: QTreeWidgetItem, _column: int) -> None:
        item: RiskItem = row.data(0, ItemRole)
        if item.case_id is not None:
            self.case_requested.emit(item.case_id, item.case_kind or "stuck")
