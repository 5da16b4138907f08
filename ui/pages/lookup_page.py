"""The lookup centre: everything recorded about the parcels that match what the caller said.

The search runs in the task runner (a server database may be slow); results arrive grouped by waybill, one
timeline per parcel, newest record first; directory entries (places, couriers, outlets, contacts) that match the
words or pinyin initials follow. Clicking a waybill number copies it, ready to paste into the carrier's system or
WeChat; a double click (or Enter) on a record opens its case. Beside the list, the selected parcel's flags and
whom to call (`ParcelPanel`); flags are added and removed there.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
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
from app.flags import remove_flag
from app.lookup import LookupResult, Match, lookup
from ui.dialogs.flag_dialog import FlagDialog
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner
from ui.widgets.common import error_text
from ui.widgets.evidence_export import EvidenceExporter
from ui.widgets.parcel_panel import ParcelPanel

RECORD_TYPES = {
    "case": QT_TRANSLATE_NOOP("LookupPage", "Case"),
    "message": QT_TRANSLATE_NOOP("LookupPage", "Message"),
    "reply": QT_TRANSLATE_NOOP("LookupPage", "Reply"),
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
DIRECTORY_TYPES = {
    "area": QT_TRANSLATE_NOOP("LookupPage", "Area"),
    "place": QT_TRANSLATE_NOOP("LookupPage", "Place"),
    "courier": QT_TRANSLATE_NOOP("LookupPage", "Courier"),
    "outlet": QT_TRANSLATE_NOOP("LookupPage", "Outlet"),
    "contact": QT_TRANSLATE_NOOP("LookupPage", "Contact"),
}
WaybillRole = Qt.ItemDataRole.UserRole + 1
MatchRole = Qt.ItemDataRole.UserRole + 2
CaseRole = Qt.ItemDataRole.UserRole + 3  # (case id, kind) a record opens
PhoneRole = Qt.ItemDataRole.UserRole + 4  # a directory entry's phone


def _lookup_in_zone(session: Any, query: str) -> tuple[LookupResult, str]:
    return lookup(session, query), settings.deadline_rules(session).zone


class LookupPage(QWidget):
    looked_up = Signal(str, int)  # the query and how many parcels matched
    waybill_copied = Signal(str)  # also a phone: what was copied
    case_requested = Signal(int, str)  # a record was opened: case id, kind
    announced = Signal(str)  # a short sentence for the status bar (an evidence pack written)

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
        self.tree.itemActivated.connect(self._on_tree_itemActivated)
        self.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)

        self.stack = QStackedWidget()
        for widget in (hint, self.tree, self.empty):
            self.stack.addWidget(widget)
        self.panel = ParcelPanel()
        self.panel.phone_copied.connect(self.waybill_copied)
        self.panel.flag_requested.connect(self._on_panel_flag_requested)
        self.panel.flag_removal_requested.connect(self._on_panel_flag_removal_requested)
        self.evidence = EvidenceExporter(desk, runner, prompt, self)
        self.panel.evidence_requested.connect(self.evidence.export)
        self.evidence.announced.connect(self.announced)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._query = ""
        self.flag_dialog: FlagDialog | None = None

    def lookup(self, query: str) -> Task | None:
        """Search in the background; a newer search makes the results of an older one be ignored."""
        query = query.strip()
        if not query:
            return None
        self._query = query
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
        self.panel.show_match(None)
        if not result.matches and not result.directory:
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
        if result.matches:
            heading = self.tr("Parcels matching “{query}”: {count}").format(query=query, count=len(result.matches))
        else:
            heading = self.tr("No parcel matches “{query}”; directory entries do.").format(query=query)
        self.heading.setText(heading)
        self.banner.setText(
            self.tr("Only the first {count} parcels are shown. Type more of the number to narrow the search.").format(
                count=len(result.matches)
            )
        )
        self.banner.setVisible(result.truncated)
        for match in result.matches:
            self.tree.addTopLevelItem(self._match_item(match, fmt))
        if result.directory:
            self.tree.addTopLevelItem(self._directory_item(result))
        if len(result.matches) <= 1:
            self.tree.expandAll()
        self.tree.setCurrentItem(self.tree.topLevelItem(0))  # type: ignore[arg-type]  # never None: something matched
        self.stack.setCurrentIndex(self.RESULTS)
        self.looked_up.emit(query, len(result.matches))

    def _match_item(self, match: Match, fmt: Format) -> QTreeWidgetItem:
        count = self.tr("records: {count}").format(count=len(match.records))
        summary = f"{match.carrier_name or match.carrier} · {count}" if match.carrier else count
        latest = local_time(max((r.at for r in match.records if r.at is not None), default=None), fmt)
        if match.flags:
            summary = "⚠ " + "、".join(f.label for f in match.flags) + " · " + summary
        item = QTreeWidgetItem([match.waybill_no, "", latest, summary])
        item.setData(0, WaybillRole, match.waybill_no)
        item.setData(0, MatchRole, match)
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
            child.setData(0, MatchRole, match)
            if record.type == "claim":  # a claim opens itself, not the case it came from
                child.setData(0, CaseRole, (record.id, "claim"))
            elif (case_id := record.id if record.type == "case" else record.case_id) is not None:
                child.setData(0, CaseRole, (case_id, record.kind if record.type == "case" else "stuck"))
                child.setToolTip(0, self.tr("Double-click or Enter opens the case"))
            item.addChild(child)
        return item

    def _directory_item(self, result: LookupResult) -> QTreeWidgetItem:
        heading = self.tr("Directory: {count}").format(count=len(result.directory))
        item = QTreeWidgetItem([heading, "", "", ""])
        for hit in result.directory:
            label = QCoreApplication.translate("LookupPage", DIRECTORY_TYPES.get(hit.type, hit.type))
            child = QTreeWidgetItem([hit.name, label, hit.phone or "", hit.detail])
            child.setToolTip(3, hit.detail)
            if hit.phone:
                child.setData(0, PhoneRole, hit.phone)
                child.setToolTip(2, self.tr("Click to copy the phone"))
            item.addChild(child)
        return item

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemClicked(self, item: QTreeWidgetItem, column: int) -> None:
        number = item.data(0, WaybillRole)
        phone = item.data(0, PhoneRole)
        copied = number if column == 0 and number else phone if column == 2 and phone else None
        if copied:
            QGuiApplication.clipboard().setText(copied)
            self.waybill_copied.emit(copied)

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, CaseRole)
        if target is not None:
            case_id, kind = target
            self.case_requested.emit(case_id, kind)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_currentItemChanged(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.panel.show_match(current.data(0, MatchRole) if current is not None else None)

    # --- flags ------------------------------------------------------------------------------------------
    @Slot(object)
    def _on_panel_flag_requested(self, match: Match) -> None:
        dialog = FlagDialog(
            self._desk,
            self._runner,
            self._prompt,
            phone=match.recipient_phone,
            address=match.recipient_address,
            parent=self,
        )
        dialog.saved.connect(self._search_again)
        dialog.open()
        self.flag_dialog = dialog

    @Slot(int)
    def _on_panel_flag_removal_requested(self, flag_id: int) -> None:
        if not self._prompt.confirm(self, self.tr("Remove this flag?")):
            return
        task = self._runner.run(lambda _p, _c: self._desk.write(remove_flag, flag_id), write=True)
        task.succeeded.connect(self._search_again)
        task.failed.connect(lambda exc: self._prompt.error(self, error_text(exc)))

    @Slot()
    def _search_again(self, *_args: object) -> None:
        if self._query:
            self.lookup(self._query)
