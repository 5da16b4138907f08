"""The idle lock: after some minutes without a key press or a click, the main window is covered, so customers'
phones and addresses are not left on an unattended screen (个人信息保护法). The clerk comes back with Enter, or
with their PIN when they have one. Off unless set for this PC in the settings (LocalState.idle_lock_minutes).

While locked, keys and clicks meant for the window behind (its shortcuts included) are swallowed; only the
cover takes input.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.desk import Desk
from app.operators import unlocks

CHECK_MS = 5000  # how often the idle time is looked at
INPUT_EVENTS = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
)


class LockCover(QWidget):
    """What covers the window: who is signed in, a PIN field and the button back."""

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel(self.tr("Locked: {name} stepped away.").format(name=desk.actor.name))
        self.title.setObjectName("pageHeading")
        self.pin = QLineEdit()
        self.pin.setObjectName("unlockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Your PIN (Enter when you have none)"))
        self.pin.setMaximumWidth(260)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.button = QPushButton(self.tr("&Continue"))
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.pin, self.error, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.hide()


class IdleLock(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        desk: Desk,
        window: QWidget,
        minutes: int = 0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._desk, self._window, self._clock = desk, window, clock
        self.minutes = minutes
        self._last = clock()
        self.cover = LockCover(desk, window)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.cover.button.clicked.connect(self.try_unlock)
        self.cover.pin.returnPressed.connect(self.try_unlock)
        window.installEventFilter(self)
        self._watching = False
        self.set_minutes(minutes)

    @property
    def is_locked(self) -> bool:
        return self.cover.isVisible()

    def set_minutes(self, minutes: int) -> None:
        """0 turns the lock off (and stops watching every event of the application: it costs only when on)."""
        self.minutes = minutes
        self._last = self._clock()
        self._watch(minutes > 0)
        if minutes > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    @Slot()
    def check(self) -> None:
        if self.minutes > 0 and not self.is_locked and self._clock() - self._last >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        self.cover.setGeometry(self._window.rect())
        self.cover.error.clear()
        self.cover.pin.clear()
        self.cover.show()
        self.cover.raise_()
        self.cover.pin.setFocus()
        self.locked.emit()

    @Slot()
    def try_unlock(self) -> None:
        if not self._desk.read(unlocks, self._desk.actor.id, self.cover.pin.text()):
            self.cover.error.setText(self.tr("That is not your PIN."))
            self.cover.pin.selectAll()
            return
        self.cover.hide()
        self._last = self._clock()
        self.unlocked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize:
            self.cover.setGeometry(self._window.rect())
        elif kind in INPUT_EVENTS:
            if self.is_locked:
                return not self._on_cover(watched)  # swallow whatever is not meant for the cover
            self._last = self._clock()
        return False

    def _on_cover(self, watched: QObject) -> bool:
        while isinstance(watched, QObject):
            if watched is self.cover:
                return True
            watched = watched.parent()
        return False

    def detach(self) -> None:
        """Stop watching the application's input (the window is closing)."""
        self.timer.stop()
        self._watch(False)
