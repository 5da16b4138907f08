"""Every modal question and message the UI asks or shows, behind one small object.

Pages and dialogs receive a `Prompt` in their constructor instead of calling QMessageBox themselves, so tests
hand in a scripted stand-in and never block on a modal box.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


class Prompt(QObject):
    def ask_pin(self, parent: QWidget | None, reason: str) -> str | None:
        """A manager's PIN, or None when the clerk cancels."""
        pin, ok = QInputDialog.getText(parent, self.tr("Manager approval"), reason, QLineEdit.EchoMode.Password)
        return pin if ok else None

    def confirm(self, parent: QWidget | None, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, self.tr("Please confirm"), text, buttons)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, self.tr("Outlet Desk"), text)

    def info(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, self.tr("Outlet Desk"), text)
