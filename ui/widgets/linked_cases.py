"""The cases linked to the one on screen: the one it was made from and the ones made from it (a chase that
became a stuck case or a complaint). Enter or a double click opens one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.case_links import LinkedCase
from app.workflows import DIRECTION_LABELS, KIND_LABELS
from ui.widgets.common import Clock, set_column_widths

RELATIONS = {
    "parent": QT_TRANSLATE_NOOP("LinkedCases", "Made from"),
    "child": QT_TRANSLATE_NOOP("LinkedCases", "Became"),
}
IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2


class LinkedCases(QTreeWidget):
    case_requested = Signal(int, str)  # case id, kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkedCases")
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr("Link"), self.tr("Case"), self.tr("Status"), self.tr("Opened")])
        set_column_widths(self, (8, 18, 10))
        self.setMaximumHeight(self.fontMetrics().height() * 6)
        self.itemActivated.connect(self._on_itemActivated)

    def load(self, links: list[LinkedCase], clock: Clock) -> None:
        self.clear()
        for link in links:
            kind = KIND_LABELS.get(link.kind, link.kind)
            if link.kind == "chase":
                kind = f"{DIRECTION_LABELS.get(link.direction, '')}{kind}"
            item = QTreeWidgetItem(
                [
                    QCoreApplication.translate("LinkedCases", RELATIONS[link.relation]),
                    f"#{link.id} {kind}",
                    link.status_label,
                    clock.text(link.opened_at),
                ]
            )
            item.setData(0, IdRole, link.id)
            item.setData(0, KindRole, link.kind)
            item.setToolTip(1, self.tr("Enter or double click opens it"))
            self.addTopLevelItem(item)
        self.setVisible(bool(links))

    def case_ids(self) -> list[int]:
        return [self.topLevelItem(n).data(0, IdRole) for n in range(self.topLevelItemCount())]

    def open_row(self, row: int) -> None:
        item = self.topLevelItem(row)
        if item is not None:
            self._on_itemActivated(item, 0)

    @Slot(QTreeWidgetItem, int)
    def _on_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.case_requested.emit(int(item.data(0, IdRole)), str(item.data(0, KindRole)))
