"""PySide6 6.12.0 drops a reference to True on every Python emit; ui/ emits through a helper that makes up for it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

import ui
from ui.qtfix import emit


class _Sender(QObject):
    sent = Signal(object)


def test_emitting_through_the_helper_keeps_true_alive(qtbot) -> None:
    sender = _Sender()
    received: list[object] = []
    sender.sent.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(2000):  # far more than True's reference count on Python 3.11: a leak would abort
        emit(sender.sent, number)
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before - 5


def test_ui_never_emits_directly() -> None:
    root = Path(ui.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "qtfix.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.emit\(", line)
    ]
    assert offenders == []
