"""The idle lock on a real window: off by default, set per PC in the settings, covering the window after the
minutes pass, swallowing the window's shortcuts while locked, and opened again by the clerk's own PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.operators import create_operator
from ui.dialogs.settings_dialog import IDLE_LOCK_KEY
from ui.idle_lock import IdleLock
from ui.local_state import LocalState


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_off_by_default_and_set_per_pc_in_the_settings(qtbot, window, state: LocalState, prompt) -> None:
    assert state.idle_lock_minutes == 0 and window.idle_lock.minutes == 0 and not window.idle_lock.timer.isActive()
    dialog = window.settings_editor.open()
    dialog.idle_lock.setValue(10)
    with qtbot.waitSignal(window.settings_editor.saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args[0] == {IDLE_LOCK_KEY: 10} and prompt.pin_reasons == []  # a PC's own setting: no PIN
    assert LocalState(state.path.parent).idle_lock_minutes == 10
    assert window.idle_lock.minutes == 10 and window.idle_lock.timer.isActive()


def test_the_window_is_covered_after_the_minutes_and_opened_with_the_pin(qtbot, window, desk) -> None:
    clock = FakeClock()
    lock = IdleLock(desk, window, 5, clock=clock)
    window.activateWindow()
    qtbot.waitActive(window)
    clock.now += 4 * 60
    lock.check()
    assert not lock.is_locked
    qtbot.keyClick(window.search, Qt.Key.Key_A)  # a key press counts as being there
    clock.now += 4 * 60
    lock.check()
    assert not lock.is_locked
    clock.now += 60
    with qtbot.waitSignal(lock.locked):
        lock.check()
    assert lock.is_locked and lock.cover.geometry() == window.rect() and lock.cover.pin.hasFocus()
    page = window.pages.currentWidget()
    qtbot.keyClick(lock.cover.pin, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # a page shortcut: swallowed
    assert window.pages.currentWidget() is page
    with qtbot.waitSignal(lock.unlocked):  # 王芳 has no PIN: Enter is enough
        qtbot.keyClick(lock.cover.pin, Qt.Key.Key_Return)
    assert not lock.is_locked
    lock.detach()


def test_a_clerk_with_a_pin_needs_it(qtbot, desk, window) -> None:
    from app.desk import Desk

    zhao = desk.write(lambda s, *, actor: create_operator(s, "赵敏", role="clerk", pin="1357"))
    clock = FakeClock()
    lock = IdleLock(Desk(desk.database, zhao, desk.home), window, 1, clock=clock)
    clock.now += 61
    lock.check()
    assert lock.is_locked
    qtbot.keyClicks(lock.cover.pin, "0000")
    qtbot.keyClick(lock.cover.pin, Qt.Key.Key_Return)
    assert lock.is_locked and lock.cover.error.text() == lock.tr("That is not your PIN.")
    lock.cover.pin.setText("1357")
    lock.cover.button.click()
    assert not lock.is_locked
    lock.detach()
