"""The chase list (催单): outbound and inbound together or one direction, with the repeat counter loud when the
parcel or caller came before, stalled days for parcels we sent, and rows coloured by their callback or deadline.

Keys: Ctrl+N new outbound chase · Ctrl+Shift+N new inbound chase · Enter open · Ctrl+C copy rows · F5 refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from app.chase_query import ChaseFilter, ChaseRow
from app.desk import Desk
from app.workflows import DIRECTION_LABELS
from ui.dialogs.case_opener import CaseOpener
from ui.dialogs.chase_dialog import ChaseDialog
from ui.models.chase_table_model import ChaseTableModel
from ui.pages.paged_list_page import PagedListPage, labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.flow_layout import FlowLayout


class ChasesPage(PagedListPage):
    logged = Signal(int)  # a new chase's id

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        opener: CaseOpener,
        clock: Callable[[], datetime],
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        model = ChaseTableModel(desk, language=language, runner=runner, clock=clock)
        super().__init__(model, prompt, language, "chaseTable", parent)
        model.setParent(self)
        self.setObjectName("chasesPage")
        self._desk, self._runner, self._opener, self._clock = desk, runner, opener, clock
        self.dialog: ChaseDialog | None = None

        self.direction = QComboBox()
        self.direction.setObjectName("directionFilter")
        self.direction.addItem(self.tr("Both directions"), None)
        for code in ("outbound", "inbound"):
            self.direction.addItem(DIRECTION_LABELS[code], code)
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.open_only.setChecked(True)
        self.repeats_only = QCheckBox(self.tr("Re&peats only"))
        self.search = QLineEdit()
        self.search.setObjectName("chaseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill, phone last 4 or caller name"))
        self.new_outbound = QPushButton(self.tr("New outbound chase"))
        self.new_outbound.setShortcut(QKeySequence("Ctrl+N"))
        self.new_outbound.setToolTip(self.tr("A parcel we sent (Ctrl+N)"))
        self.new_inbound = QPushButton(self.tr("New inbound chase"))
        self.new_inbound.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_inbound.setToolTip(self.tr("A parcel for delivery here (Ctrl+Shift+N)"))

        filters = FlowLayout()
        filters.addWidget(self.new_outbound)
        filters.addWidget(self.new_inbound)
        filters.addWidget(labelled(self.tr("&Direction:"), self.direction))
        filters.addWidget(self.open_only)
        filters.addWidget(self.repeats_only)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        filters.addWidget(self.search)
        self.lay_out(filters)

        self.direction.currentIndexChanged.connect(self.apply_filter)
        self.open_only.toggled.connect(self.apply_filter)
        self.repeats_only.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.filter_later)
        self.search.returnPressed.connect(self.apply_filter)
        self.new_outbound.clicked.connect(self._on_new_outbound_clicked)
        self.new_inbound.clicked.connect(self._on_new_inbound_clicked)
        self.row_activated.connect(self._on_row_activated)

    def current_filter(self) -> ChaseFilter:
        return ChaseFilter(
            direction=self.direction.currentData(),
            open_only=self.open_only.isChecked(),
            repeats_only=self.repeats_only.isChecked(),
            text=self.search.text().strip() or None,
            now=self._clock(),
        )

    def new_chase(self, direction: str) -> ChaseDialog:
        """Open the capture form; the list reads again once the chase is logged."""
        dialog = ChaseDialog(self._desk, self._runner, self._prompt, direction, self, clock=self._clock)
        self.dialog = dialog
        self._opener.capture(dialog, self._on_dialog_logged)
        return dialog

    @Slot()
    def _on_new_outbound_clicked(self) -> None:
        self.new_chase("outbound")

    @Slot()
    def _on_new_inbound_clicked(self) -> None:
        self.new_chase("inbound")

    @Slot(object)
    def _on_dialog_logged(self, case: object) -> None:
        self.apply_filter()
        self.logged.emit(case.id)  # type: ignore[attr-defined]

    @Slot(object)
    def _on_row_activated(self, row: ChaseRow) -> None:
        self._opener.open(row.id, "chase", self)
