"""The all-cases list: every stuck parcel, chase, complaint and interception, filtered and sorted in SQL."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.case_query import CaseFilter
from app.desk import Desk
from ui.models.case_table_model import CaseTableModel
from ui.pages.paged_list_page import PagedListPage
from ui.prompt import Prompt
from ui.tasks import TaskRunner


class CasesPage(PagedListPage):
    def __init__(
        self,
        desk: Desk,
        prompt: Prompt,
        language: str = "zh_CN",
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ):
        """With a `runner` the pages are read in the background (the window); without, at once (tests)."""
        model = CaseTableModel(desk, language=language, runner=runner)
        super().__init__(model, prompt, language, "caseTable", parent)
        self.model.setParent(self)
        self.setObjectName("casesPage")

        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        for label, code in (
            (self.tr("All kinds"), None),
            (self.tr("Stuck parcels"), "stuck"),
            (self.tr("Chases"), "chase"),
            (self.tr("Complaints"), "complaint"),
            (self.tr("Interceptions"), "intercept"),
        ):
            self.kind.addItem(label, code)
        self.open_only = QCheckBox(self.tr("&Open only"))
        self.open_only.setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill, phone last 4 or caller name"))
        self._opened: tuple[datetime | None, datetime | None] = (None, None)  # a span a today tile asked for
        self.span_label = QLabel()
        self.span_label.setObjectName("caseSpan")
        self.span_clear = QPushButton(self.tr("&Any date"))
        self.span_clear.setObjectName("caseSpanClear")
        self.span_clear.setToolTip(self.tr("Show cases opened on any date"))
        for widget in (self.span_label, self.span_clear):
            widget.hide()

        filters = QHBoxLayout()
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind)
        filters.addWidget(self.open_only)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.span_label)
        filters.addWidget(self.span_clear)
        self.lay_out(filters)
        self.setTabOrder(self.kind, self.open_only)
        self.setTabOrder(self.open_only, self.search)
        self.setTabOrder(self.search, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)

        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.open_only.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.filter_later)
        self.search.returnPressed.connect(self.apply_filter)
        self.span_clear.clicked.connect(self._on_span_clear_clicked)

    def show_filter(self, f: CaseFilter, span: str = "") -> None:
        """List the cases `f` picks (a today-page tile clicked); `span` names its opening dates ("today")."""
        for widget in (self.kind, self.open_only, self.search):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.open_only.setChecked(f.open_only)
        self.search.setText(f.text or "")
        for widget in (self.kind, self.open_only, self.search):
            widget.blockSignals(False)
        self._opened = (f.opened_from, f.opened_to)
        self.span_label.setText(self.tr("Opened: {span}").format(span=span))
        for widget in (self.span_label, self.span_clear):
            widget.setVisible(f.opened_from is not None or f.opened_to is not None)
        self.apply_filter()

    @Slot()
    def _on_span_clear_clicked(self) -> None:
        self._opened = (None, None)
        for widget in (self.span_label, self.span_clear):
            widget.hide()
        self.search.setFocus()
        self.apply_filter()

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            kind=self.kind.currentData(),
            open_only=self.open_only.isChecked(),
            text=self.search.text().strip() or None,
            opened_from=self._opened[0],
            opened_to=self._opened[1],
        )
