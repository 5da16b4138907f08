"""The start page (今日): today's tiles, each a click into its filtered list, and the reports (报表) beside them.

The tiles read again whenever the page is shown, a case changes and the reminder centre scans (every minute);
the report reads when its tab is first opened. Ctrl+Tab switches between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.desk import Desk
from ui.pages.report_page import ReportPage
from ui.pages.today_tiles import TodayTiles
from ui.prompt import Prompt
from ui.tasks import TaskRunner


class TodayPage(QWidget):
    requested = Signal(str)  # a tile's code: the window shows its list

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.tiles = TodayTiles(desk, runner, clock)
        self.report = ReportPage(desk, runner, prompt, clock)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("todayTabs")
        self.tabs.addTab(self.tiles, self.tr("&Today"))
        self.tabs.addTab(self.report, self.tr("&Reports"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tiles)
        self.tiles.requested.connect(self.requested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.tiles.refresh()
