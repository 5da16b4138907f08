"""Inline field errors for forms: a small red line under each field, shown by `check()` or after a save."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.errors import DeskError, ValidationError
from app.messages import text as message_text
from ui.widgets.common import error_text, message_language


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

    def show_refusal(self, exc: BaseException) -> str | None:
        """A service refused a save: its field errors go next to their fields (the cursor to the first one) and
        None is returned; a refusal no field of this form shows comes back as one message for the clerk (a bug
        raises on, to the crash handler)."""
        message = error_text(exc)
        fields = exc.fields if isinstance(exc, ValidationError) else {}
        if any([self.show(key, field_message(exc, code)) for key, code in fields.items()]):
            self.focus_first()
            return None
        return message

    def focus_first(self) -> None:
        """Put the cursor in the first field (in form order) that has an error."""
        for key, label in self._labels.items():
            if label.text() and key in self._fields:
                self._fields[key].setFocus()
                return

    def messages(self) -> dict[str, str]:
        return {key: label.text() for key, label in self._labels.items() if label.text()}
