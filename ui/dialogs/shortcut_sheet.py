"""The shortcut sheet (帮助 → 快捷键): every key the desk answers to, by where it works.

The list is written out here so each key gets a sentence; a test compares it with the shortcuts the live window
actually carries, so a new shortcut without a line here fails the build.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

CONTEXT = "ShortcutSheet"

# (where, keys in portable text, what), marked for lupdate and translated when the sheet opens
ROWS: tuple[tuple[str, str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"),
        "Alt+Home",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Today (the start page)"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"),
        "Alt+1 … Alt+0",
        QT_TRANSLATE_NOOP("ShortcutSheet", "The pages in the navigation, top to bottom"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"),
        "Ctrl+K",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Search a waybill, phone tail or name"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"),
        "Ctrl+I",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Import a carrier export or a pasted table"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"), "Ctrl+,", QT_TRANSLATE_NOOP("ShortcutSheet", "Settings")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"),
        "Ctrl+Shift+B",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Backups and restore"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Everywhere"), "F1", QT_TRANSLATE_NOOP("ShortcutSheet", "This shortcut sheet")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Ctrl+N",
        QT_TRANSLATE_NOOP("ShortcutSheet", "New record (chase, complaint, claim, interception)"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Ctrl+Shift+N",
        QT_TRANSLATE_NOOP("ShortcutSheet", "New inbound chase"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"), "F5", QT_TRANSLATE_NOOP("ShortcutSheet", "Refresh")),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"), "Ctrl+F", QT_TRANSLATE_NOOP("ShortcutSheet", "Filter or find")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Ctrl+C",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Copy the selected rows"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Ctrl+S",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Save the current view"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Del",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Delete the selected record"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Lists"),
        "Alt+Left / Alt+Right",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Earlier / later (reports, notes)"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"), "F2", QT_TRANSLATE_NOOP("ShortcutSheet", "Scan box")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+S",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Change status of the selected parcels"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Assign the selected parcels"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Put the selected parcels on a shelf"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+F",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Add the same follow-up to the selected parcels"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Z",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Undo the last bulk change"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+V",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Paste a list of waybills"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Courier round"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+K",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Evening shelf count"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+U",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Unlabelled parcels"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Copy for WeChat"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+Shift+T",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Problem types"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Stuck parcels"),
        "Ctrl+E",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Daily exception sheet"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Reminders"),
        "Ctrl+D",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Mark the reminder done"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Reminders"),
        "Ctrl+1 / Ctrl+2 / Ctrl+3",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Snooze 15 minutes / 1 hour / until tomorrow 9:00"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Reports"), "Ctrl+E", QT_TRANSLATE_NOOP("ShortcutSheet", "Export to Excel")),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Reports"), "Ctrl+P", QT_TRANSLATE_NOOP("ShortcutSheet", "Export to PDF")),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Dialogs"), "Ctrl+S / Ctrl+Enter", QT_TRANSLATE_NOOP("ShortcutSheet", "Save")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Dialogs"),
        "Ctrl+P",
        QT_TRANSLATE_NOOP("ShortcutSheet", "Claim form (in a claim)"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Dialogs"), "Esc", QT_TRANSLATE_NOOP("ShortcutSheet", "Close without saving")),
)


def shortcuts() -> list[tuple[str, str, str]]:
    """(where, keys, what) in the order the sheet shows them, in the interface language."""
    return [
        (QCoreApplication.translate(CONTEXT, w), keys, QCoreApplication.translate(CONTEXT, t)) for w, keys, t in ROWS
    ]


def documented_keys() -> set[str]:
    """Every single key sequence the sheet names (groups like "Alt+1 … Alt+0" spelled out)."""
    keys: set[str] = {f"Alt+{n}" for n in range(10)}
    for _where, text, _what in shortcuts():
        for part in text.replace(" … ", " / ").split(" / "):
            keys.add(QKeySequence(part).toString(QKeySequence.SequenceFormat.PortableText))
    return keys


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcuts()
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (where, keys, what) in enumerate(rows):
            for column, text in enumerate((where, keys, what)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
