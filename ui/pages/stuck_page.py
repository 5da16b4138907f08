"""The stuck-parcel list (疑难件): scan in, filter, sort and act on many parcels at once, keyboard first.

Top to bottom: the scan bar (when installed), saved views and columns, the filters, the list, then the tools of
the day (paste a list, a courier's round, the shelf count, unlabelled parcels, copy for WeChat, the daily
sheet) and the bulk changes with Undo. Every read and write runs in the task runner.

Keys: F2 scan · Ctrl+F search · F5 refresh · Enter open · Ctrl+C copy rows · Ctrl+Shift+C copy for WeChat ·
Ctrl+Shift+V paste list · Ctrl+Shift+R courier round · Ctrl+Shift+K shelf count · Ctrl+Shift+U unlabelled ·
Ctrl+E daily sheet · Ctrl+Shift+S/A/L/F bulk status/assign/shelf/follow-up · Ctrl+Z undo · Ctrl+S save view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import carriers, couriers, operators, settings, stuck
from app.columns import as_tsv
from app.desk import Desk
from app.errors import user_message
from app.stuck_query import StuckFilter, StuckRow
from ui.local_state import LocalState
from ui.models.stuck_table_model import StuckTableModel
from ui.optional import optional
from ui.pages.stuck_bulk import BulkActions
from ui.pages.stuck_tools import StuckTools
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.column_chooser import ColumnChooser
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.saved_views import SavedViewsBar
from ui.widgets.stuck_filter_bar import StuckFilterBar

PAGE_KEY = "stuck"  # saved views and the per-PC column layout
DEFAULT_HIDDEN = ("id", "message_at", "reply_at", "due_at")


@dataclass(frozen=True)
class Choices:
    problem_types: list[Any]
    carriers: list[tuple[str, str]]
    couriers: list[Any]
    operators: list[Any]
    zone: str


def read_choices(session: Any) -> Choices:
    """What the filters and bulk changes offer, read in one go."""
    specs, _ours = carriers.carrier_specs(session)
    return Choices(
        problem_types=stuck.problem_types(session),
        carriers=[(spec.code, spec.name) for spec in specs],
        couriers=couriers.list_couriers(session, active_only=False),  # old cases still name former couriers
        operators=operators.list_operators(session),
        zone=settings.deadline_rules(session).zone,
    )


class StuckPage(QWidget):
    announced = Signal(str)  # a short sentence for the status bar

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        state: LocalState,
        language: str = "zh_CN",
        parent: QWidget | None = None,
        *,
        open_linked: Callable[[int, str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stuckPage")
        self._desk, self._runner, self._prompt, self._state = desk, runner, prompt, state
        self._language = language
        self._loaded_once = False
        self._reselect: int | None = None  # the case to put the cursor back on after a reload
        self.model = StuckTableModel(desk, language=language, runner=runner, parent=self)

        scan_bar_class = optional("ui.widgets.scan_bar", "ScanBar")
        self.scan_bar = scan_bar_class(desk, prompt, state, self) if scan_bar_class is not None else None
        self.views = SavedViewsBar(desk, runner, prompt, PAGE_KEY, self.view_state, self)
        self.columns_button = QPushButton(self.tr("Colu&mns"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.filter_bar = StuckFilterBar(language, self)
        self.table = self._make_table()
        self.chooser = ColumnChooser(
            self.table, [c.key for c in self.model.columns], name=PAGE_KEY, state=state, hidden=DEFAULT_HIDDEN
        )
        self.columns_button.setMenu(self.chooser.menu(self.columns_button))
        self.bulk = BulkActions(desk, runner, prompt, self.selected_rows, self, language)
        self.tools = StuckTools(desk, runner, prompt, state, self.selected_rows, self, open_linked=open_linked)
        self.result_label = QLabel()
        self.result_label.setObjectName("bulkResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.paste_button = _button(self.tools.paste_action)
        self.round_button = _button(self.tools.round_action)
        self.shelf_button = _button(self.tools.shelf_action)
        self.unlabelled_button = _button(self.tools.unlabelled_action)
        self.wechat_button = _button(self.tools.wechat_action)
        self.daily_button = _button(self.tools.daily_action)
        self.types_button = _button(self.tools.types_action)
        self.bulk_button = QPushButton(self.tr("&Bulk"))
        self.bulk_button.setMenu(self.bulk.menu)
        self.undo_button = _button(self.bulk.undo_action, self.tr("Undo"))
        self._shortcut("Ctrl+F", self.filter_bar.focus_search)
        self._shortcut("F2", self.focus_scan)
        copy = self._shortcut(QKeySequence.StandardKey.Copy, self._on_copy_triggered, self.table)
        copy.setText(self.tr("Copy rows"))

        self._lay_out()
        self.setFocusProxy(self.table)
        self.filter_bar.changed.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.reload)
        self.views.chosen.connect(self.apply_view)
        self.views.saved.connect(self._on_views_saved)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.rowsInserted.connect(self._show_count)
        self.model.modelReset.connect(self._on_selection_changed)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.bulk.changed.connect(self.reload)
        self.bulk.reported.connect(self._on_bulk_reported)
        self.tools.changed.connect(self._on_tools_changed)
        self.tools.types_changed.connect(self.read_choices)
        self.tools.announced.connect(self.announced)
        if self.scan_bar is not None:
            self.scan_bar.captured.connect(self._on_scan_bar_captured)
            self.scan_bar.openRequested.connect(self.tools.open_case)
        self._on_selection_changed()

    # --- building -----------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("stuckTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons below
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order_qt())
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.columns):
            table.setColumnWidth(number, column.width * char + 12)
        table.setSortingEnabled(True)
        return table

    def _shortcut(self, keys: Any, slot: Any, widget: QWidget | None = None) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (widget or self).addAction(action)
        return action

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.views)
        top.addWidget(self.columns_button)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        tools = FlowLayout()
        for button in (self.paste_button, self.round_button, self.shelf_button, self.unlabelled_button):
            tools.addWidget(button)
        for button in (self.wechat_button, self.daily_button, self.bulk_button, self.undo_button, self.types_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        if self.scan_bar is not None:
            layout.addWidget(self.scan_bar)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(tools)
        # The scan bar comes first, and the filter bar orders its own widgets from the search box to the dates.
        before = [self.views.combo, self.views.save_button, self.views.delete_button, self.columns_button]
        before += [self.refresh_button, self.filter_bar.search]
        after = [self.filter_bar.date_to, self.table, self.paste_button, self.round_button, self.shelf_button]
        after += [self.unlabelled_button, self.wechat_button, self.daily_button, self.bulk_button, self.undo_button]
        after += [self.types_button]
        for chain in (before, after):
            for first, second in pairwise(chain):
                self.setTabOrder(first, second)

    # --- what the page and the main window ask ------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:  # the first visit loads; later visits keep the user's scroll position
            self._loaded_once = True
            self.read_choices()
            self.views.reload()
            self.bulk.check_undo()
            self.apply_filter()

    @Slot()
    def read_choices(self) -> None:
        """Read what the filters and bulk changes offer (again after the problem types were edited)."""
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.read(read_choices))
        task.succeeded.connect(self._on_choices_read)
        task.failed.connect(self._on_task_failed)

    @Slot()
    def apply_filter(self) -> None:
        self.model.set_filter(self.filter_bar.value())

    def show_filter(self, f: StuckFilter) -> None:
        """List the parcels `f` picks (a today-page tile clicked), the filter bar showing it."""
        self.filter_bar.load(f)
        self.apply_filter()

    @Slot()
    def reload(self) -> None:
        """Read the list again, keeping the cursor on the same parcel when it is still there."""
        current = self.model.row_at(self.table.currentIndex().row())
        self._reselect = current.id if current is not None else self._reselect
        self.model.refresh()

    def selected_rows(self) -> list[StuckRow]:
        """Selected parcels, top to bottom."""
        rows: set[int] = set()
        for selected in self.table.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return [r for r in (self.model.row_at(n) for n in sorted(rows)) if r is not None]

    def view_state(self) -> dict[str, Any]:
        """What a saved view keeps: the filter, a relative period, the sort and the columns."""
        sort, descending = self.model.sort_order
        return {
            "filter": self.filter_bar.value().as_dict(),
            "period": self.filter_bar.period_name(),
            "sort": {"key": sort, "descending": descending},
            "columns": self.chooser.layout(),
        }

    @Slot(dict)
    def apply_view(self, state: dict[str, Any]) -> None:
        self.filter_bar.load(StuckFilter.from_dict(state.get("filter") or {}), state.get("period"))
        if isinstance(state.get("columns"), dict):
            self.chooser.apply(state["columns"])
        sort = state.get("sort") or {}
        key, descending = sort.get("key", "opened_at"), bool(sort.get("descending", True))
        self.model.set_query(self.filter_bar.value(), key, descending)
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is sorted already; the view must not sort it again
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order_qt())
        header.blockSignals(False)

    @Slot()
    def focus_scan(self) -> None:
        if self.scan_bar is None:
            return
        target = self.scan_bar.focusProxy() or next(iter(self.scan_bar.findChildren(QLineEdit)), self.scan_bar)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- slots --------------------------------------------------------------------------------------
    @Slot(object)
    def _on_choices_read(self, choices: Choices) -> None:
        self.tools.zone = choices.zone
        self.filter_bar.set_zone(choices.zone)
        self.filter_bar.set_choices(choices.problem_types, choices.carriers, choices.couriers)
        self.bulk.set_operators(choices.operators)

    @Slot(int)
    def _on_model_loaded(self, _total: int) -> None:
        self._show_count()
        if self._reselect is not None:
            row = next((n for n in range(self.model.rowCount()) if self.model.row_at(n).id == self._reselect), None)
            self._reselect = None
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, self.table.horizontalHeader().logicalIndex(0)))

    @Slot()
    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} of {total}").format(shown=self.model.rowCount(), total=self.model.total)
        )

    @Slot(str)
    def _on_model_load_failed(self, message: str) -> None:
        self.count_label.clear()
        self._prompt.error(self, message)

    @Slot()
    def _on_selection_changed(self) -> None:
        selected = self.table.selectionModel().hasSelection()
        for action in (*self.bulk.change_actions, self.tools.wechat_action):
            action.setEnabled(selected)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.tools.open_case(row.id)

    @Slot(int)
    def _on_tools_changed(self, case_id: int) -> None:
        if case_id:
            self._reselect = case_id
            self.model.refresh()
        else:
            self.reload()

    @Slot(int, bool)
    def _on_scan_bar_captured(self, case_id: int, _created: bool) -> None:
        self._reselect = case_id
        self.model.refresh()

    @Slot(str, str)
    def _on_bulk_reported(self, summary: str, reasons: str) -> None:
        self.result_label.setText("\n".join(filter(None, (summary, reasons))))
        self.result_label.show()
        self.announced.emit(summary)

    @Slot(str)
    def _on_views_saved(self, name: str) -> None:
        self.announced.emit(self.tr("View “{name}” saved.").format(name=name))

    @Slot()
    def _on_copy_triggered(self) -> None:
        rows = self.selected_rows()
        if rows:
            keys = self.chooser.visible_keys()
            columns = sorted((c for c in self.model.columns if c.key in keys), key=lambda c: keys.index(c.key))
            lang = "en" if self._language.startswith("en") else "zh"
            QGuiApplication.clipboard().setText(as_tsv(rows, columns, self.model.format, lang))
            self.announced.emit(self.tr("Rows copied: {count}.").format(count=len(rows)))

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        self._prompt.error(self, message)


def _button(action: QAction, text: str | None = None) -> QPushButton:
    """A push button for a page action: same text, shortcut in the tooltip, enabled with it."""
    button = QPushButton(text or action.text())
    button.setAutoDefault(False)
    button.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
    button.setEnabled(action.isEnabled())
    button.clicked.connect(action.trigger)
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button
