"""The complaint list (投诉): by channel, with the ticket number, the clocks (first response, resolution, the 12305
day), escalations and satisfaction; the repeat counter loud when the caller or parcel came before.

Keys: Ctrl+N new complaint · Enter open · Ctrl+C copy rows · F5 refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from app.complaint_query import ComplaintFilter, ComplaintRow
from app.complaints import SOURCE_LABELS
from app.desk import Desk
from ui.dialogs.case_opener import CaseOpener
from ui.dialogs.complaint_dialog import ComplaintDialog
from ui.models.chase_table_model import ComplaintTableModel
from ui.pages.paged_list_page import PagedListPage, labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.flow_layout import FlowLayout


class ComplaintsPage(PagedListPage):
    logged = Signal(int)  # a new complaint's id

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
        model = ComplaintTableModel(desk, language=language, runner=runner, clock=clock)
        super().__init__(model, prompt, language, "complaintTable", parent)
        model.setParent(self)
        self.setObjectName("complaintsPage")
        self._desk, self._runner, self._opener, self._clock = desk, runner, opener, clock
        self.dialog: ComplaintDialog | None = None

        self.source = QComboBox()
        self.source.setObjectName("sourceFilter")
        self.source.addItem(self.tr("Every channel"), None)
        for code, label in SOURCE_LABELS.items():
            self.source.addItem(label, code)
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.open_only.setChecked(True)
        self.repeats_only = QCheckBox(self.tr("Re&peats only"))
        self.escalated_only = QCheckBox(self.tr("&Escalated only"))
        self.search = QLineEdit()
        self.search.setObjectName("complaintSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill, phone last 4 or caller name"))
        self.new_button = QPushButton(self.tr("New complaint"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip("Ctrl+N")

        filters = FlowLayout()
        filters.addWidget(self.new_button)
        filters.addWidget(labelled(self.tr("C&hannel:"), self.source))
        for box in (self.open_only, self.repeats_only, self.escalated_only):
            filters.addWidget(box)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        filters.addWidget(self.search)
        self.lay_out(filters)

        self.source.currentIndexChanged.connect(self.apply_filter)
        for box in (self.open_only, self.repeats_only, self.escalated_only):
            box.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.filter_later)
        self.search.returnPressed.connect(self.apply_filter)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.row_activated.connect(self._on_row_activated)

    def current_filter(self) -> ComplaintFilter:
        return ComplaintFilter(
            source=self.source.currentData(),
            open_only=self.open_only.isChecked(),
            repeats_only=self.repeats_only.isChecked(),
            escalated_only=self.escalated_only.isChecked(),
            text=self.search.text().strip() or None,
        )

    def new_complaint(self) -> ComplaintDialog:
        dialog = ComplaintDialog(self._desk, self._runner, self._prompt, self, clock=self._clock)
        self.dialog = dialog
        self._opener.capture(dialog, self._on_dialog_logged)
        return dialog

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_complaint()

    @Slot(object)
    def _on_dialog_logged(self, case: object) -> None:
        self.apply_filter()
        self.logged.emit(case.id)  # type: ignore[attr-defined]

    @Slot(object)
    def _on_row_activated(self, row: ComplaintRow) -> None:
        self._opener.open(row.id, "complaint", self)
