"""The all-cases list: every stuck parcel, chase, complaint and interception, filtered and sorted in SQL."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.case_query import CaseFilter
from app.desk import Desk
from ui.models.case_table_model import CaseTableModel
from ui.pages.paged_list_page import PagedListPage
from ui.prompt import Prompt


class CasesPage(PagedListPage):
    def __init__(self, desk: Desk, prompt: Prompt, language: str = "zh_CN", parent: QWidget | None = None):
        super().__init__(CaseTableModel(desk, language=language), prompt, language, "caseTable", parent)
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

        filters = QHBoxLayout()
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind)
        filters.addWidget(self.open_only)
        filters.addWidget(self.search, 1)
        self.lay_out(filters)
        self.setTabOrder(self.kind, self.open_only)
        self.setTabOrder(self.open_only, self.search)
        self.setTabOrder(self.search, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)

        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.open_only.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self.filter_later)
        self.search.returnPressed.connect(self.apply_filter)

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            kind=self.kind.currentData(),
            open_only=self.open_only.isChecked(),
            text=self.search.text().strip() or None,
        )
