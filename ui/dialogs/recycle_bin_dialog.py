"""The recycle bin (回收站): deleted notes, to-dos, phrases, fines, arbitrations, areas and places, newest first,
with who deleted them; Restore (Alt+R or Enter) puts the chosen one back, a clerk with a manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.desk import Desk
from app.recycle_bin import BinItem, list_bin, restore
from ui.prompt import Prompt
from ui.widgets.common import Clock, error_text, set_column_widths

ItemRole = Qt.ItemDataRole.UserRole + 1


class RecycleBinDialog(QDialog):
    restored = Signal(str, int)  # kind, id: the lists showing that kind read again

    def __init__(self, desk: Desk, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recycleBinDialog")
        self.setWindowTitle(self.tr("Recycle bin"))
        self._desk, self._prompt = desk, prompt
        self._clock = Clock(desk.read(settings.deadline_rules).zone)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setObjectName("binTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Name"), self.tr("Deleted"), self.tr("By")])
        set_column_widths(self.tree, (10, 30, 17))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setObjectName("restoreButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_current)
        self.tree.itemActivated.connect(self.restore_current)
        self.tree.currentItemChanged.connect(self._update_button)
        self.load()

    def load(self) -> None:
        items = self._desk.read(list_bin)
        self.tree.clear()
        for item in items:
            row = QTreeWidgetItem([item.what, item.name, self._clock.text(item.deleted_at), item.deleted_by or ""])
            row.setData(0, ItemRole, item)
            self.tree.addTopLevelItem(row)
        self.summary.setText(
            self.tr("{count} deleted records. Restoring one needs a manager.").format(count=len(items))
            if items
            else self.tr("The recycle bin is empty.")
        )
        self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_button()

    def items(self) -> list[BinItem]:
        return [self.tree.topLevelItem(n).data(0, ItemRole) for n in range(self.tree.topLevelItemCount())]

    def current(self) -> BinItem | None:
        row = self.tree.currentItem()
        return row.data(0, ItemRole) if row is not None else None

    @Slot()
    def restore_current(self) -> None:
        item = self.current()
        if item is None:
            return
        question = self.tr("Put back the {what} “{name}”?").format(what=item.what, name=item.name)
        if not self._prompt.confirm(self, question):
            return
        reason = self.tr("Restoring a deleted record needs a manager's PIN.")
        approved, pin = self._prompt.approval(self, self._desk.actor.is_manager, reason)
        if not approved:
            return
        try:
            self._desk.write(restore, item.kind, item.id, manager_pin=pin)
        except Exception as exc:  # error_text re-raises what is not the clerk's to read
            self._prompt.error(self, error_text(exc))
            return
        self.load()
        self.restored.emit(item.kind, item.id)

    @Slot()
    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.current() is not None)
