"""The compensation worked out for a claim: each rule with its figures, the chosen ones marked, the total."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.claims.compensation import Compensation
from ui.widgets.common import set_column_widths


class CompensationView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compensationView")
        self.options = QTreeWidget()
        self.options.setObjectName("compensationOptions")
        self.options.setRootIsDecorated(False)
        self.options.setWordWrap(True)
        self.options.setHeaderLabels([self.tr("Used"), self.tr("Rule"), self.tr("Amount"), self.tr("How")])
        set_column_widths(self.options, (5, 16, 10))
        self.total = QLabel()
        self.total.setObjectName("compensationTotal")
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.options, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.problem)

    def show_result(self, compensation: Compensation | None, problem: str | None = None) -> None:
        self.options.clear()
        if compensation is None:
            self.total.clear()
            self.problem.setText(problem or "")
            self.problem.setVisible(bool(problem))
            return
        self.problem.hide()
        for option in compensation.options:
            item = QTreeWidgetItem(["✔" if option.chosen else "", option.label, f"{option.amount:,.2f}", option.text])
            item.setToolTip(3, option.text)
            self.options.addTopLevelItem(item)
        self.total.setText(self.tr("Compensation due: ¥{amount}").format(amount=f"{compensation.amount:,.2f}"))
