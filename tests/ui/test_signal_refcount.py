"""PySide6 6.12.0 dropped a reference to True on every emit() from Python and aborted Python 3.11 after a few
hundred signals; pyproject excludes that release. This guards the pin against a regression in a later one."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    sent = Signal(object)
    flagged = Signal(bool)


def test_emitting_keeps_true_alive(qtbot) -> None:
    sender = _Sender()
    received: list[object] = []
    sender.sent.connect(received.append)
    sender.flagged.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):
        sender.sent.emit(number)
        sender.flagged.emit(True)
    assert len(received) == 400
    assert sys.getrefcount(True) >= before - 5  # the broken release loses one per emit
