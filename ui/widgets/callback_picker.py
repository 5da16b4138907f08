"""When the clerk promised to call back: one press for the usual promises (+30 min, +1 h, +2 h, tomorrow
morning), or a time typed in. Times are shown and typed in the outlet's zone and given back in UTC; presets
count from the moment they are pressed, as the promise was made then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QDateTimeEdit, QHBoxLayout, QPushButton, QWidget

from app.columns import DEFAULT_ZONE
from app.promises import CALLBACK_PRESETS, preset_time

LABELS = {
    "none": QT_TRANSLATE_NOOP("CallbackPicker", "&No callback"),
    "30min": QT_TRANSLATE_NOOP("CallbackPicker", "+&30 min"),
    "1h": QT_TRANSLATE_NOOP("CallbackPicker", "+&1 h"),
    "2h": QT_TRANSLATE_NOOP("CallbackPicker", "+&2 h"),
    "tomorrow": QT_TRANSLATE_NOOP("CallbackPicker", "Tomorrow &morning"),
    "custom": QT_TRANSLATE_NOOP("CallbackPicker", "&Other time:"),
}
DISPLAY = "yyyy-MM-dd HH:mm"


def to_local_qt(at: datetime, zone: str) -> QDateTime:
    """A UTC time as the wall-clock time of the outlet, for an edit that knows no zones."""
    return QDateTime(at.astimezone(ZoneInfo(zone)).replace(tzinfo=None, second=0, microsecond=0))


def from_local_qt(value: QDateTime, zone: str) -> datetime:
    naive = value.toPython()
    assert isinstance(naive, datetime)
    return naive.replace(tzinfo=ZoneInfo(zone), second=0, microsecond=0).astimezone(UTC)


class CallbackPicker(QWidget):
    changed = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.zone = DEFAULT_ZONE
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for name in ("none", *CALLBACK_PRESETS, "custom"):
            button = QPushButton(QCoreApplication.translate("CallbackPicker", LABELS[name]))
            button.setObjectName(f"callback_{name}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.group.addButton(button)
            self.buttons[name] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, n=name: self.choose(n))
        self.when = QDateTimeEdit()
        self.when.setObjectName("callbackTime")
        self.when.setDisplayFormat(DISPLAY)
        self.when.setCalendarPopup(True)
        layout.addWidget(self.when)
        layout.addStretch(1)
        self._show(preset_time("1h", clock(), self.zone))  # what "other time" starts from
        self.when.dateTimeChanged.connect(self._on_when_dateTimeChanged)
        self.choose("none")

    def set_zone(self, zone: str) -> None:
        at = self.value()
        self.zone = zone
        if at is not None:
            self._show(at)

    def choose(self, name: str) -> None:
        """Press a preset (or "none", or "custom" to type a time)."""
        self.buttons[name].setChecked(True)
        if name == "none":
            self.when.setEnabled(False)
        elif name == "custom":
            self.when.setEnabled(True)
            if self.when.dateTime() < to_local_qt(self._clock(), self.zone):
                self._show(preset_time("1h", self._clock(), self.zone))
            self.when.setFocus()
        else:
            self.when.setEnabled(True)
            self._show(preset_time(name, self._clock(), self.zone))
        self.changed.emit()

    def load(self, at: datetime | None) -> None:
        if at is None:
            self.choose("none")
            return
        self._show(at)
        self.buttons["custom"].setChecked(True)
        self.when.setEnabled(True)

    def value(self) -> datetime | None:
        if self.buttons["none"].isChecked():
            return None
        return from_local_qt(self.when.dateTime(), self.zone)

    def chosen(self) -> str:
        return next(name for name, button in self.buttons.items() if button.isChecked())

    def _show(self, at: datetime) -> None:
        self.when.blockSignals(True)
        self.when.setDateTime(to_local_qt(at, self.zone))
        self.when.blockSignals(False)

    @Slot(QDateTime)
    def _on_when_dateTimeChanged(self, _value: QDateTime) -> None:
        """Typing a time makes it the chosen one."""
        self.buttons["custom"].setChecked(True)
        self.changed.emit()
