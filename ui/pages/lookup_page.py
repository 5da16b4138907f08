"""The lookup centre: everything recorded about the parcels that match what the caller said.

The search runs in the task runner (a server database may be slow); results arrive grouped by waybill, newest
record first. Clicking a waybill number copies it, ready to paste into the carrier's system or WeChat.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.columns import Format, local_time
from app.desk import Desk
from app.errors import user_message
from app.lookup import LookupResult, Match, lookup
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner

RECORD_TYPES = {
    "case": QT_TRANSLATE_NOOP("LookupPage", "Case"),
    "claim": QT_TRANSLATE_NOOP("LookupPage", "Claim"),
    "fine": QT_TRANSLATE_NOOP("LookupPage", "Fine"),
    "note": QT_TRANSLATE_NOOP("LookupPage", "Note"),
}
CASE_KINDS = {
    "stuck": QT_TRANSLATE_NOOP("LookupPage", "Stuck parcel"),
    "chase": QT_TRANSLATE_NOOP("LookupPage", "Chase"),
    "complaint": QT_TRANSLATE_NOOP("LookupPage", "Complaint"),
    "intercept": QT_TRANSLATE_NOOP("LookupPage", "Interception"),
}
WaybillRole = Qt.ItemDataRole.UserRole + 1


def _lookup_in_zone(session: Any, query: str) -> tuple[LookupResult, str]:
    return lookup(session, query), settings.deadline_rules(session).zone


class LookupPage(QWidget):
    looked_up = Signal(str, int)  # the query and how many parcels matched
    waybill_copied = Signal(str)

    HINT, RESULTS, EMPTY = range(3)

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPage")
        self._desk = desk
        self._runner = runner
        self._prompt = prompt
        self._latest: Task | None = None
        self.result: LookupResult | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.banner = QLabel()
        self.banner.setObjectName("truncatedBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        hint = QLabel(
            self.tr(
                "Type a waybill number (or part of it), the last 4 digits of a phone or a name "
                "into the search box (Ctrl+K) and press Enter."
            )
        )
        hint.setObjectName("emptyState")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.tree = QTreeWidget()
        self.tree.setObjectName("lookupTree")
        self.tree.setHeaderLabels([self.tr("Waybill / record"), self.tr("Status"), self.tr("Time"), self.tr("Summary")])
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((26, 12, 17)):
            self.tree.setColumnWidth(column, width * char + 16)
        self.tree.itemClicked.connect(self._on_tree_itemClicked)

        self.stack = QStackedWidget()
        for widget in (hint, self.tree, self.empty):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

    def lookup(self, query: str) -> Task | None:
        """Search in the background; a newer search makes the results of an older one be ignored."""
        query = query.strip()
        if not query:
            return None
        self.heading.setText(self.tr("Searching for “{query}”…").format(query=query))
        desk = self._desk
        task = self._runner.run(lambda _progress, _cancelled: desk.read(_lookup_in_zone, query))
        self._latest = task
        task.succeeded.connect(lambda outcome: self._on_task_succeeded(task, outcome))
        task.failed.connect(lambda exc: self._on_task_failed(task, exc))
        return task

    def _on_task_succeeded(self, task: Task, outcome: tuple[LookupResult, str]) -> None:
        if task is not self._latest:
            return
        result, zone = outcome
        self.show_result(result, Format(zone=ZoneInfo(zone)))

    def _on_task_failed(self, task: Task, exc: BaseException) -> None:
        if task is not self._latest:
            return
        message = user_message(exc)
        if message is None:
            raise exc
        self.heading.clear()
        self._prompt.error(self, message)

    def show_result(self, result: LookupResult, fmt: Format) -> None:
        self.result = result
        self.tree.clear()
        query = result.query.strip()
        if not result.matches:
            self.heading.setText(self.tr("No results for “{query}”").format(query=query))
            self.empty.setText(
                self.tr(
                    "Nothing is recorded for “{query}”. Check the number, or try the last 4 digits "
                    "of the phone or the name."
                ).format(query=query)
            )
            self.banner.hide()
            self.stack.setCurrentIndex(self.EMPTY)
            self.looked_up.emit(query, 0)
            return
        self.heading.setText(
            self.tr("Parcels matching “{query}”: {count}").format(query=query, count=len(result.matches))
        )
        self.banner.setText(
            self.tr("Only the first {count} parcels are shown. Type more of the number to narrow the search.").format(
                count=len(result.matches)
            )
        )
        self.banner.setVisible(result.truncated)
        for match in result.matches:
            self.tree.addTopLevelItem(self._match_item(match, fmt))
        if len(result.matches) == 1:
            self.tree.expandAll()
        self.tree.setCurrentItem(self.tree.topLevelItem(0))  # type: ignore[arg-type]  # never None: matches exist
        self.stack.setCurrentIndex(self.RESULTS)
        self.looked_up.emit(query, len(result.matches))

    def _match_item(self, match: Match, fmt: Format) -> QTreeWidgetItem:
        count = self.tr("records: {count}").format(count=len(match.records))
        summary = f"{match.carrier} · {count}" if match.carrier else count
        latest = local_time(max((r.at for r in match.records if r.at is not None), default=None), fmt)
        item = QTreeWidgetItem([match.waybill_no, "", latest, summary])
        item.setData(0, WaybillRole, match.waybill_no)
        item.setToolTip(0, self.tr("Click to copy the waybill number"))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        for record in match.records:
            kind = CASE_KINDS.get(record.kind or "") if record.type == "case" else None
            label = QCoreApplication.translate("LookupPage", str(kind or RECORD_TYPES.get(record.type, record.type)))
            child = QTreeWidgetItem(
                [label, record.status_label or record.status or "", local_time(record.at, fmt), record.summary]
            )
            child.setToolTip(3, record.summary)
            item.addChild(child)
        return item

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemClicked(self, item: QTreeWidgetItem, column: int) -> None:
        number = item.data(0, WaybillRole)
        if column == 0 and number:
            QGuiApplication.clipboard().setText(number)
            self.waybill_copied.emit(number)
