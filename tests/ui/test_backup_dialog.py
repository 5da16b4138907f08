"""The backup scheduler and the backup window on a real SQLite file: automatic runs, back up now, settings,
restore by a manager's PIN, a clerk refused, PostgreSQL explained."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from app import backups
from app.backups import BackupPolicy, list_backups, run_backup
from app.cases import NewCase, open_case
from app.desk import Desk
from app.messages import text as message_text
from db import backup
from db.engine import Database
from tests.conftest import MANAGER_PIN
from ui.backup_scheduler import POLICY_KEY, BackupScheduler, load_policy, save_policy
from ui.dialogs.backup_dialog import BackupDialog

T0 = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def scheduler(qapp, desk, runner, state, clock) -> BackupScheduler:
    return BackupScheduler(desk, runner, state, clock)


@pytest.fixture
def dialog(qtbot, desk, runner, prompt, scheduler, state, manager) -> BackupDialog:
    widget = BackupDialog(desk, runner, prompt, scheduler, state)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def add_case(desk: Desk, waybill: str) -> None:
    desk.write(lambda session, *, actor: open_case(session, NewCase(kind="stuck", waybill_no=waybill), actor=actor))


def waybills_in(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT waybill_no FROM waybills")}


def autos(home: Path) -> list[Path]:
    return [b.path for b in list_backups(home / "backups") if b.kind == "auto"]


# --- the scheduler -----------------------------------------------------------------------------------------
def test_start_backs_up_when_none_is_recent_and_not_again_without_changes(qtbot, scheduler, home, clock):
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000) as made:
        scheduler.start()
    assert autos(home) == [made.args[0].path]
    assert backup.integrity_problems(made.args[0].path) == []
    clock.now += timedelta(hours=5)
    scheduler._on_timer_timeout()  # a tick: the file did not change since
    assert scheduler.task is None and len(autos(home)) == 1
    scheduler.stop()


def test_start_skips_when_the_last_backup_is_recent(scheduler, desk, home, clock):
    run_backup(desk.database, home, BackupPolicy(), T0 - timedelta(minutes=10))
    scheduler.start()
    assert scheduler.task is None
    scheduler.stop()


def test_a_tick_backs_up_after_a_change_once_the_interval_passed(qtbot, scheduler, desk, home, clock):
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000):
        scheduler.start()
    add_case(desk, "YT8962646785389")
    clock.now += timedelta(minutes=10)
    scheduler._on_timer_timeout()  # changed, but not due yet
    assert scheduler.task is None
    clock.now += timedelta(minutes=25)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000) as made:
        scheduler._on_timer_timeout()
    assert "YT8962646785389" in waybills_in(made.args[0].path)
    assert len(autos(home)) == 2
    scheduler.stop()


def test_never_two_at_once(qtbot, scheduler):
    first = scheduler.back_up_now()
    assert first is not None
    assert scheduler.back_up_now() is None
    qtbot.waitUntil(lambda: scheduler.task is None, timeout=10_000)


def test_a_folder_that_cannot_be_written_is_said_once(qtbot, scheduler, home, desk):
    (home / "backups").write_text("not a folder")
    said: list[str] = []
    scheduler.failed.connect(said.append)
    for _ in range(2):
        scheduler.back_up_now()
        qtbot.waitUntil(lambda: scheduler.task is None, timeout=10_000)
    assert said == [message_text("backup_folder_readonly", "zh", path=str(home / "backups"))]
    assert backup.integrity_problems(desk.database.path) == []


def test_the_policy_is_kept_per_pc_and_survives_a_bad_ini(state, tmp_path):
    assert load_policy(state) == BackupPolicy()
    policy = BackupPolicy(interval_minutes=60, recent=3, second_folder=tmp_path)
    save_policy(state, policy)
    assert load_policy(state) == policy
    for junk in ('{"recent": -1}', "not json", "[1, 2]"):
        ini = QSettings(str(state.path), QSettings.Format.IniFormat)
        ini.setValue(POLICY_KEY, junk)
        ini.sync()
        assert load_policy(state) == BackupPolicy()


# --- the window ------------------------------------------------------------------------------------------------
def test_the_list_shows_backups_with_outlet_time_and_size(qtbot, desk, runner, prompt, scheduler, state, home):
    run_backup(desk.database, home, BackupPolicy(), T0)
    run_backup(desk.database, home, BackupPolicy(), T0 + timedelta(hours=1))
    dialog = BackupDialog(desk, runner, prompt, scheduler, state)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "2026-03-18 21:00:00"  # Asia/Shanghai
    assert dialog.table.item(1, 0).text() == "2026-03-18 20:00:00"
    assert dialog.table.item(0, 1).text().endswith("KB") or dialog.table.item(0, 1).text().endswith("MB")
    assert dialog.table.item(0, 3).text() == str(home / "backups")
    assert dialog.selected_path() == autos(home)[0]


def test_back_up_now_adds_a_row(qtbot, dialog, home):
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(dialog._scheduler.backed_up, timeout=10_000):
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert str(autos(home)[0]) in dialog.status.text()


def test_settings_with_a_second_folder_are_saved(qtbot, dialog, prompt, state, tmp_path, home):
    stick = tmp_path / "usb"
    prompt.folders = [str(stick)]
    dialog.spins["recent"].setValue(3)
    dialog.choose_button.click()
    dialog.save_button.click()
    assert load_policy(state) == BackupPolicy(recent=3, second_folder=stick)
    with qtbot.waitSignal(dialog._scheduler.backed_up, timeout=10_000):
        dialog.back_up_button.click()
    assert len(list_backups(stick)) == 1
    assert dialog.table.rowCount() == 2  # both folders listed


def test_restore_as_a_manager_with_the_pin(qtbot, dialog, desk, prompt, home):
    add_case(desk, "YT8962646785389")
    good = run_backup(desk.database, home, BackupPolicy(), T0).path
    add_case(desk, "SF1385628716739")
    dialog.reload()
    prompt.answers, prompt.pins = [True], [MANAGER_PIN]
    with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
        dialog.restore_button.click()
    aside = Path(restored.args[0])
    assert "SF1385628716739" in waybills_in(aside)
    assert waybills_in(desk.database.path) == waybills_in(good)
    assert backups.is_paused(desk.database)
    assert dialog.status.text() == message_text("backups_paused", "zh")
    assert prompt.infos and str(aside) in prompt.infos[-1]
    assert dialog._scheduler.back_up_now() is not None  # a manual backup is still allowed, nothing thinned
    qtbot.waitUntil(lambda: dialog._scheduler.task is None, timeout=10_000)
    assert good.exists()


def test_a_clerk_without_the_pin_is_refused(qtbot, dialog, desk, prompt, home):
    run_backup(desk.database, home, BackupPolicy(), T0)
    add_case(desk, "SF1385628716739")
    dialog.reload()
    prompt.answers, prompt.pins = [True, True], ["0000", None]
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(prompt.errors), timeout=10_000)
    assert prompt.errors == [message_text("restore_needs_manager", "zh")]
    dialog.restore_button.click()  # cancelled at the PIN: nothing happens
    assert "SF1385628716739" in waybills_in(desk.database.path)
    assert not backups.is_paused(desk.database)
    assert not list((home / "backups").glob("before-restore-*"))


def test_postgresql_says_backups_are_the_servers_job(qtbot, runner, prompt, state, home, clerk, clock):
    database = Database.open("postgresql://outlet@127.0.0.1:1/none")  # never connected
    desk = Desk(database, clerk, home)
    scheduler = BackupScheduler(desk, runner, state, clock)
    scheduler.start()
    assert scheduler.task is None and not scheduler.timer.isActive()
    dialog = BackupDialog(desk, runner, prompt, scheduler, state)
    qtbot.addWidget(dialog)
    assert dialog.status.text() == message_text("pg_backup", "zh")
    assert not hasattr(dialog, "table")
    database.dispose()


def test_the_window_opens_it_with_ctrl_shift_b(qtbot, window):
    assert window.backup_action.shortcut().toString() == "Ctrl+Shift+B"
    window.backup_action.trigger()
    dialog = window.findChild(BackupDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: window.backup_scheduler.task is None, timeout=10_000)
    dialog.reload()
    assert dialog.table.rowCount() >= 1  # the backup made at start, after the first paint
    dialog.reject()
