"""Per-PC state in the ini file of the data folder: language, last operator, window geometry.

Shared rules live in the database; what belongs to one PC (and would be wrong on the next) lives here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from app.paths import INI_FILENAME

LANGUAGES = ("zh_CN", "en")
MAX_IDLE_LOCK_MINUTES = 240
DEFAULT_LANGUAGE = "zh_CN"
SCANNER_SUFFIXES = ("enter", "tab")  # the key a barcode scanner sends after each number


class LocalState:
    def __init__(self, home: Path) -> None:
        self.path = home / INI_FILENAME
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _text(self, key: str) -> str | None:
        value = self._settings.value(key)
        return str(value) if value not in (None, "") else None

    @property
    def language(self) -> str:
        value = self._text("ui/language")
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value)
        self._settings.sync()

    @property
    def last_operator(self) -> str | None:
        return self._text("session/last_operator")

    @last_operator.setter
    def last_operator(self, name: str) -> None:
        self._settings.setValue("session/last_operator", name)
        self._settings.sync()

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without a key or click before the window is covered; 0: never (the default)."""
        value = self._text("ui/idle_lock_minutes")
        return int(value) if value and value.isdigit() and int(value) <= MAX_IDLE_LOCK_MINUTES else 0

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        if not 0 <= value <= MAX_IDLE_LOCK_MINUTES:
            raise ValueError(value)
        self._settings.setValue("ui/idle_lock_minutes", str(value))
        self._settings.sync()

    @property
    def scanner_suffix(self) -> str:
        value = self._text("scanner/suffix")
        return value if value in SCANNER_SUFFIXES else SCANNER_SUFFIXES[0]

    @scanner_suffix.setter
    def scanner_suffix(self, value: str) -> None:
        if value not in SCANNER_SUFFIXES:
            raise ValueError(value)
        self._settings.setValue("scanner/suffix", value)
        self._settings.sync()

    def list_columns(self, name: str) -> dict[str, Any] | None:
        """The column layout a list was left in on this PC (see ui.widgets.column_chooser), None if none yet."""
        text = self._text(f"lists/{name}_columns")
        try:
            value = json.loads(text) if text else None
        except ValueError:  # a hand-edited ini must not stop the list from opening
            return None
        return value if isinstance(value, dict) else None

    def save_list_columns(self, name: str, layout: dict[str, Any]) -> None:
        self._settings.setValue(f"lists/{name}_columns", json.dumps(layout, ensure_ascii=False))
        self._settings.sync()

    def window(self, name: str) -> tuple[QByteArray | None, QByteArray | None]:
        """Saved geometry and dock/toolbar state of a window, None where nothing was saved yet."""
        geometry = self._settings.value(f"{name}/geometry")
        state = self._settings.value(f"{name}/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window(self, name: str, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue(f"{name}/geometry", geometry)
        self._settings.setValue(f"{name}/state", state)
        self._settings.sync()
