"""Notifications interrupt only a clerk working elsewhere: a balloon in the background, the status bar in front."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ui.notifier import BackgroundNotifier, RecordingNotifier, StatusBarNotifier


def test_a_balloon_only_while_the_window_is_in_the_background(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    balloons = RecordingNotifier()
    in_front = [False]
    notifier = BackgroundNotifier(balloons, StatusBarNotifier(window.statusBar()), lambda: in_front[0])
    notifier.notify("提醒中心", "回电 YT7730123456789")
    assert balloons.sent == [("提醒中心", "回电 YT7730123456789")]
    assert window.statusBar().currentMessage() == ""
    in_front[0] = True
    notifier.notify("提醒中心", "投诉首次响应 ZT7730000000001")
    assert len(balloons.sent) == 1
    assert window.statusBar().currentMessage() == "提醒中心：投诉首次响应 ZT7730000000001"
