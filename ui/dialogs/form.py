"""Inline field errors for forms: a small red line under each field, shown by `check()` or after a save."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.errors import DeskError
from app.messages import text as message_text
from ui.widgets.common import message_language


def field_message(exc: DeskError, code: str) -> str:
    """The sentence for one field's error code (with the error's parameters, e.g. the bad value)."""
    if code == exc.code:
        return exc.message(message_language())
    return message_text(code, message_language(), **exc.params)


class FieldErrors:
    """Adds rows to a QFormLayout and keeps one error label under each field, keyed by the field's name."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def add_row(self, form: QFormLayout, key: str, label: str, field: QWidget) -> QWidget:
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        form.addRow(label, field)
        form.addRow("", error)
        self._labels[key] = error
        self._fields[key] = field
        return field

    def add_label(self, key: str, error: QLabel) -> None:
        """An error line that belongs to a group of fields rather than one."""
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self._labels[key] = error

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, key: str, message: str) -> bool:
        """Show `message` under the field (or group) `key`; False when the form has no such field."""
        label = self._labels.get(key)
        if label is None:
            return False
        label.setText(message)
        label.show()
        return True

    def focus_first(self) -> None:
        """Put the cursor in the first field (in form order) that has an error."""
        for key, label in self._labels.items():
            if label.text() and key in self._fields:
                self._fields[key].setFocus()
                return

    def messages(self) -> dict[str, str]:
        return {key: label.text() for key, label in self._labels.items() if label.text()}
