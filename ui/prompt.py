"""Every modal question and message the UI asks or shows, behind one small object.

Pages and dialogs receive a `Prompt` in their constructor instead of calling QMessageBox themselves, so tests
hand in a scripted stand-in and never block on a modal box.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Prompt(QObject):
    def ask_pin(self, parent: QWidget | None, reason: str) -> str | None:
        """A manager's PIN, or None when the clerk cancels."""
        pin, ok = QInputDialog.getText(parent, self.tr("Manager approval"), reason, QLineEdit.EchoMode.Password)
        return pin if ok else None

    def approval(self, parent: QWidget | None, is_manager: bool, reason: str) -> tuple[bool, str | None]:
        """(go ahead, PIN) for a manager's action: a manager goes ahead on their own say-so (no PIN); a clerk
        when a manager types their PIN in, which the service then checks; not at all when the clerk cancels."""
        if is_manager:
            return True, None
        pin = self.ask_pin(parent, reason)
        return pin is not None, pin

    def confirm(self, parent: QWidget | None, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, self.tr("Please confirm"), text, buttons)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, self.tr("Outlet Desk"), text)

    def info(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, self.tr("Outlet Desk"), text)

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """One line of text (a view name, a shelf), or None when the clerk cancels."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def choose(self, parent: QWidget | None, title: str, label: str, items: list[str], current: int = 0) -> int | None:
        """The position of the item picked from a list, or None when the clerk cancels."""
        value, ok = QInputDialog.getItem(parent, title, label, items, current, False)
        return items.index(value) if ok and value in items else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filter: str) -> str | None:
        """Where to write a file (`suggested` is a name or a path), or None when the clerk cancels."""
        path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        return path or None

    def open_file(self, parent: QWidget | None, title: str, folder: str, filter: str) -> str | None:
        """A file to read (a photo, an import file), or None when the clerk cancels."""
        path, _chosen = QFileDialog.getOpenFileName(parent, title, folder, filter)
        return path or None

    def choose_folder(self, parent: QWidget | None, title: str, folder: str) -> str | None:
        """A folder (where to keep a second copy of the backups), or None when the clerk cancels."""
        path = QFileDialog.getExistingDirectory(parent, title, folder)
        return path or None
