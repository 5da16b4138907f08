"""Notifications when a promise falls due, behind one small interface.

The desk shows them as a tray balloon where the system has a tray, in the status bar where it has none (a
terminal server, the offscreen platform), and tests hand in a `RecordingNotifier` and read what it was told.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QStatusBar, QSystemTrayIcon

from app.paths import resource

SHOWN_MS = 10_000


class Notifier(Protocol):
    def notify(self, title: str, text: str) -> None: ...


class RecordingNotifier:
    """Keeps every notification as (title, text), in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, text: str) -> None:
        self.sent.append((title, text))


class StatusBarNotifier:
    """Where there is no tray: the sentence in the main window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self._bar = bar

    def notify(self, title: str, text: str) -> None:
        self._bar.showMessage(f"{title}：{text}", SHOWN_MS)


class TrayNotifier(QObject):
    """A tray icon that shows a balloon; clicking the balloon or the icon calls `on_clicked` (show the window)."""

    def __init__(self, icon: QIcon, tooltip: str, on_clicked: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_clicked = on_clicked
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip(tooltip)
        self.tray.messageClicked.connect(self._on_tray_messageClicked)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.show()

    def notify(self, title: str, text: str) -> None:
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)

    @Slot()
    def _on_tray_messageClicked(self) -> None:
        self._on_clicked()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_tray_activated(self, _reason: QSystemTrayIcon.ActivationReason) -> None:
        self._on_clicked()


class BackgroundNotifier:
    """A balloon only while the clerk works in another window; in front, the status bar says it quietly (the
    navigation count already shows it), so a balloon never covers the form being typed in."""

    def __init__(self, background: Notifier, foreground: Notifier, in_front: Callable[[], bool]) -> None:
        self._background, self._foreground, self._in_front = background, foreground, in_front

    def notify(self, title: str, text: str) -> None:
        (self._foreground if self._in_front() else self._background).notify(title, text)


def default_notifier(window: QMainWindow, on_clicked: Callable[[], None]) -> Notifier:
    """A tray balloon while the window is in the background where the system has a tray, else the status bar."""
    status = StatusBarNotifier(window.statusBar())
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = TrayNotifier(QIcon(str(resource("icons", "app.png"))), window.windowTitle(), on_clicked, window)
        return BackgroundNotifier(tray, status, window.isActiveWindow)
    return status
