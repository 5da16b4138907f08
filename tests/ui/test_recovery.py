"""Recovery at start: a byte-flipped database is opened, the window says so, offers the newest sound backup,
writes nothing to the damaged file, and a manager's PIN restores the backup while the damaged file is kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.backups import BackupPolicy, run_backup
from app.desk import Desk
from app.messages import text as message_text
from db import backup
from db.engine import Database
from tests.conftest import MANAGER_PIN
from ui.main_window import MainWindow

T0 = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)


def flip_page(path: Path, table: str) -> None:
    """Spoil the b-tree page type of `table`'s root page, as a bad sector or a torn write would."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(sqlite_database: Database, home: Path, cases, manager: Actor) -> Iterator[tuple[Path, Path]]:
    """(the damaged database file, the newest sound backup); an older sound one and a newer spoilt one exist too."""
    run_backup(sqlite_database, home, BackupPolicy(), T0 - timedelta(days=1))
    good = run_backup(sqlite_database, home, BackupPolicy(), T0).path
    spoilt = run_backup(sqlite_database, home, BackupPolicy(), T0 + timedelta(hours=1)).path
    flip_page(spoilt, "cases")
    sqlite_database.dispose()
    path = sqlite_database.path
    assert path is not None and not Path(f"{path}-wal").exists()
    flip_page(path, "audit_log")
    assert backup.integrity_problems(path, quick=True)
    yield path, good


@pytest.fixture
def window_on(qtbot, runner, prompt, state, home, clerk):
    opened: list[Database] = []

    def make(path: Path) -> MainWindow:
        database = Database.open(str(path))
        opened.append(database)
        win = MainWindow(Desk(database, clerk, home), runner, prompt, state)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield make
    runner.wait(10_000)
    for database in opened:
        database.dispose()


def test_the_damage_is_said_and_the_newest_good_backup_offered_without_writing(qtbot, window_on, prompt, damaged, home):
    path, good = damaged
    before = path.read_bytes()
    window = window_on(path)
    with qtbot.waitSignal(window.recovery.offered, timeout=20_000) as offered:
        pass
    assert window.problems
    assert offered.args[0].path == good  # the newer spoilt backup was skipped
    assert len(prompt.questions) == 1
    assert message_text("db_damaged", "zh", detail="").split("（")[0] in prompt.questions[0]
    assert good.name in prompt.questions[0]
    assert not window.centralWidget().isEnabled() and not window.import_action.isEnabled()
    assert not window.backup_scheduler.timer.isActive()
    window._runner.wait(10_000)
    assert path.read_bytes() == before  # declined: the damaged file untouched, byte for byte
    assert len(list((home / "backups").glob("outlet-desk-*.db"))) == 3  # no backup made of it, none thinned


def test_a_manager_restores_the_offered_backup_and_the_damaged_file_is_kept(qtbot, window_on, prompt, damaged, home):
    path, good = damaged
    before = path.read_bytes()
    prompt.answers, prompt.pins = [True, True], ["0000", MANAGER_PIN]  # a mistyped PIN is asked again
    window = window_on(path)
    with qtbot.waitSignal(window.recovery.restored, timeout=20_000) as restored:
        pass
    assert prompt.errors == [message_text("restore_needs_manager", "zh")]
    aside = Path(restored.args[0])
    assert aside.name.startswith("damaged-") and aside.read_bytes() == before
    assert backup.integrity_problems(path) == []
    with sqlite3.connect(path) as conn, sqlite3.connect(good) as kept:
        query = "SELECT waybill_no FROM waybills ORDER BY waybill_no"
        assert conn.execute(query).fetchall() == kept.execute(query).fetchall()
        assert conn.execute("SELECT action FROM audit_log WHERE entity = 'database'").fetchall() == [("restore",)]
    assert str(aside) in prompt.infos[-1]


def test_no_sound_backup_means_one_clear_sentence(qtbot, window_on, prompt, damaged, home):
    path, _good = damaged
    for file in (home / "backups").glob("outlet-desk-*.db"):
        file.unlink()
    before = path.read_bytes()
    window = window_on(path)
    with qtbot.waitSignal(window.recovery.offered, timeout=20_000) as offered:
        pass
    assert offered.args[0] is None
    assert len(prompt.errors) == 1 and "没有找到完好的备份" in prompt.errors[0]
    window._runner.wait(10_000)
    assert path.read_bytes() == before


def test_a_sound_database_starts_the_scheduler_instead(qtbot, window, home):
    qtbot.waitUntil(lambda: bool(list((home / "backups").glob("outlet-desk-*.db"))), timeout=10_000)
    assert window.backup_scheduler.timer.isActive()
    assert window.centralWidget().isEnabled()
    qtbot.waitUntil(lambda: window.backup_scheduler.task is None, timeout=10_000)
