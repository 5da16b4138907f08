"""Small pieces the stuck-parcel dialogs share: buttons that ignore Enter, the user's sentence for an error, times."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QPushButton, QTreeWidget, QWidget

from app import settings
from app.columns import Format, local_time
from app.errors import user_message


def action_button(text: str, name: str, parent: QWidget | None = None) -> QPushButton:
    """A button that Enter in a nearby field never presses: in these dialogs Enter belongs to the scanner."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def set_column_widths(tree: QTreeWidget, chars: tuple[int, ...]) -> None:
    """Widths in average characters of the current font, so they suit Chinese and English alike."""
    char = tree.fontMetrics().averageCharWidth()
    for column, width in enumerate(chars):
        tree.setColumnWidth(column, width * char + 12)


def message_language() -> str:
    return "en" if QLocale().language() == QLocale.Language.English else "zh"


def error_text(exc: BaseException) -> str:
    """The sentence to show for an expected error; anything else is a bug and goes on to the crash handler."""
    message = user_message(exc, message_language())
    if message is None:
        raise exc
    return message


def outlet_zone(session: Any) -> str:
    return settings.deadline_rules(session).zone


class Clock:
    """Times shown in the outlet's zone (not the PC's), as every list of the desk shows them."""

    def __init__(self, zone: str) -> None:
        self.zone = ZoneInfo(zone)
        self._format = Format(zone=self.zone)

    def text(self, value: datetime | None) -> str:
        return local_time(value, self._format) if value is not None else ""
