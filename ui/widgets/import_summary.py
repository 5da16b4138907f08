"""What an import did (or, after a dry run, would do): the counts, problem types the catalogue does not know, the
morning reconcile one tab per category, and the rejected rows with the reason for each.

Double-click or Enter on a reconcile row asks for its case (`case_requested`); Enter never reaches the
wizard's default button from a list.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.imports.mapping import Field
from app.imports.reconcile import CATEGORIES, Entry
from app.imports.run import ImportResult
from ui.widgets.common import Clock, action_button, set_column_widths

CaseRole = Qt.ItemDataRole.UserRole + 1
COUNTS = (
    ("rows", QT_TRANSLATE_NOOP("ImportSummary", "Rows read")),
    ("created", QT_TRANSLATE_NOOP("ImportSummary", "New")),
    ("updated", QT_TRANSLATE_NOOP("ImportSummary", "Updated")),
    ("unchanged", QT_TRANSLATE_NOOP("ImportSummary", "Unchanged")),
    ("rejected", QT_TRANSLATE_NOOP("ImportSummary", "Rejected rows")),
    ("folded", QT_TRANSLATE_NOOP("ImportSummary", "Repeated in the file")),
    ("linked", QT_TRANSLATE_NOOP("ImportSummary", "New beside a closed case")),
)
CATEGORY_TITLES = {
    "new": QT_TRANSLATE_NOOP("ImportSummary", "New ({count})"),
    "changed": QT_TRANSLATE_NOOP("ImportSummary", "Changed ({count})"),
    "replied": QT_TRANSLATE_NOOP("ImportSummary", "Replied ({count})"),
    "vanished": QT_TRANSLATE_NOOP("ImportSummary", "Gone from the carrier's list ({count})"),
    "unregistered": QT_TRANSLATE_NOOP("ImportSummary", "Not registered with the carrier ({count})"),
}
CATEGORY_TIPS = {
    "new": QT_TRANSLATE_NOOP("ImportSummary", "Parcels this list opened as new cases."),
    "changed": QT_TRANSLATE_NOOP("ImportSummary", "Open cases whose details this list changed."),
    "replied": QT_TRANSLATE_NOOP("ImportSummary", "Our messages the other outlet has answered."),
    "vanished": QT_TRANSLATE_NOOP("ImportSummary", "Parcels the previous list had and this one has not."),
    "unregistered": QT_TRANSLATE_NOOP(
        "ImportSummary", "Our open stuck parcels not registered in the carrier system yet: register them today."
    ),
}
URGENT = ("unregistered",)  # these cost a fine if left for tomorrow: their tab is red when not empty
URGENT_COLOUR = "#b42318"  # the colour of field errors in style.qss
COLUMN_CHARS = (22, 12, 18)


def _translate(text: str) -> str:
    return QCoreApplication.translate("ImportSummary", text)


class ImportSummary(QWidget):
    case_requested = Signal(int)  # a reconcile row's case, by double-click or Enter
    save_requested = Signal()  # "save rejected rows" pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for number, (key, text) in enumerate(COUNTS):
            value = QLabel()
            value.setObjectName(f"count_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setStyleSheet("font-weight: bold")
            row, column = divmod(number, 4)
            grid.addWidget(QLabel(_translate(text)), row, 2 * column)
            grid.addWidget(value, row, 2 * column + 1)
            self.counts[key] = value
        grid.setColumnStretch(7, 1)
        self.unknown = QLabel()
        self.unknown.setObjectName("unknownValues")
        self.unknown.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.reconcile: dict[str, QTreeWidget] = {}
        for category in CATEGORIES:
            self.reconcile[category] = self._tree(
                f"reconcile_{category}", [self.tr("Waybill"), self.tr("Status"), self.tr("Opened")]
            )
            self.reconcile[category].itemActivated.connect(self._on_tree_itemActivated)
        self.rejected = self._tree("rejectedRows", [self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        set_column_widths(self.rejected, (6, 14))
        self.save_button = action_button(self.tr("&Save rejected rows…"), "saveRejected")
        self.save_button.clicked.connect(self.save_requested)
        self.saved = QLabel()
        self.saved.setObjectName("savedNote")
        self.saved.setWordWrap(True)
        saving = QHBoxLayout()
        saving.addWidget(self.save_button)
        saving.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.unknown)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(saving)

    def _tree(self, name: str, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(headers)
        tree.installEventFilter(self)
        set_column_widths(tree, COLUMN_CHARS)
        return tree

    def show_result(self, result: ImportResult, fields: tuple[Field, ...], clock: Clock, *, reconcile: bool) -> None:
        """Fill every part from `result`; the reconcile tabs only when asked (a dry run's cases do not exist)."""
        rejected_rows = result.rejected_rows
        values = {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": rejected_rows,
            "folded": result.folded,
            "linked": result.linked,
        }
        for key, label in self.counts.items():
            label.setText(str(values[key]))
        self._show_unknown(result.unknown, fields)
        self.tabs.clear()
        if reconcile and result.reconcile is not None:
            for category in CATEGORIES:
                count = result.reconcile.counts.get(category, 0)
                entries = result.reconcile.entries.get(category, [])
                tree = self.reconcile[category]
                self._fill_entries(tree, entries, count, clock)
                index = self.tabs.addTab(tree, _translate(CATEGORY_TITLES[category]).format(count=count))
                self.tabs.setTabToolTip(index, _translate(CATEGORY_TIPS[category]))
                if category in URGENT and count:
                    self.tabs.tabBar().setTabTextColor(index, QColor(URGENT_COLOUR))
        self.rejected.clear()
        for r in result.rejected:
            item = QTreeWidgetItem([str(r.row), r.column or "", r.reason])
            item.setToolTip(2, r.reason)
            self.rejected.addTopLevelItem(item)
        self.tabs.addTab(self.rejected, self.tr("Rejected ({count})").format(count=rejected_rows))
        if rejected_rows and not (reconcile and result.reconcile is not None):
            self.tabs.setCurrentWidget(self.rejected)
        self.save_button.setEnabled(bool(rejected_rows))
        self.saved.clear()

    def _show_unknown(self, unknown: dict[str, dict[str, int]], fields: tuple[Field, ...]) -> None:
        labels = {f.name: f.label for f in fields}
        lines = []
        for name, counted in unknown.items():
            found = "、".join(
                self.tr("{text} ({count} rows)").format(text=text, count=count) for text, count in counted.items()
            )
            lines.append(
                self.tr("{field} not in the catalogue, the text was kept: {values}").format(
                    field=labels.get(name, name), values=found
                )
            )
        self.unknown.setText("\n".join(lines))
        self.unknown.setVisible(bool(lines))

    def _fill_entries(self, tree: QTreeWidget, entries: list[Entry], count: int, clock: Clock) -> None:
        tree.clear()
        for entry in entries:
            item = QTreeWidgetItem([entry.waybill_no, entry.status or "", clock.text(entry.opened_at)])
            item.setData(0, CaseRole, entry.case_id)
            tree.addTopLevelItem(item)
        if count > len(entries):
            more = QTreeWidgetItem([self.tr("{shown} of {total} listed").format(shown=len(entries), total=count)])
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(more)
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, CaseRole)
        if case_id:
            self.case_requested.emit(int(case_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a list opens its row here and goes no further (the wizard would take it as Finish)."""
        if (
            isinstance(watched, QTreeWidget)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            item = watched.currentItem()
            if item is not None:
                self._on_tree_itemActivated(item, 0)
            return True
        return super().eventFilter(watched, event)
