"""Automatic backups: the policy, Anki-like thinning, real backups of a real SQLite file, restore by a manager."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import backups
from app.actor import Actor
from app.backups import BackupPolicy, due, list_backups, run_backup, thin
from app.cases import NewCase, open_case
from app.errors import PermissionDenied, ValidationError
from app.operators import create_operator
from db import backup
from db.engine import Database
from db.errors import StorageFault
from db.models import AuditEntry
from tests.conftest import MANAGER_PIN

T0 = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # a Wednesday
NONE_KEPT = BackupPolicy(recent=1, daily=0, weekly=0, monthly=0)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def kept(items: list[tuple[Path, datetime]], policy: BackupPolicy, **kw) -> list[str]:
    gone = set(thin(items, T0, policy, **kw))
    return sorted(p.name for p, _ in items if p not in gone)


def named(*times: datetime) -> list[tuple[Path, datetime]]:
    return [(Path(t.strftime("%Y%m%d-%H%M%S")), t) for t in times]


# --- due ---------------------------------------------------------------------------------------------------
def test_due_when_none_yet_or_older_than_the_interval() -> None:
    policy = BackupPolicy(interval_minutes=30)
    assert due(T0, None, policy)
    assert not due(T0, T0 - timedelta(minutes=29, seconds=59), policy)
    assert due(T0, T0 - timedelta(minutes=30), policy)
    assert due(T0, T0 + timedelta(hours=1), policy)  # the clock was set back: do not wait an hour


# --- thinning ----------------------------------------------------------------------------------------------
def test_recent_ones_are_kept_and_nothing_else_when_counts_are_zero() -> None:
    items = named(*(T0 - timedelta(minutes=10 * i) for i in range(5)))
    assert kept(items, BackupPolicy(recent=3, daily=0, weekly=0, monthly=0)) == sorted(p.name for p, _ in items[:3])


def test_one_per_day_is_the_newest_of_each_older_day() -> None:
    items = named(
        at(2026, 3, 18, 11), at(2026, 3, 18, 9),  # today: the recent one, then dropped
        at(2026, 3, 17, 23, 59, 59), at(2026, 3, 17, 0, 0, 0),  # yesterday: the last second of it wins
        at(2026, 3, 16, 0, 0, 0), at(2026, 3, 15, 23, 59, 59),  # midnight splits them into two days
        at(2026, 3, 14, 8),
    )  # fmt: skip
    assert kept(items, BackupPolicy(recent=1, daily=3, weekly=0, monthly=0)) == [
        "20260315-235959",
        "20260316-000000",
        "20260317-235959",
        "20260318-110000",
    ]


def test_days_without_backups_do_not_use_up_the_daily_count() -> None:
    items = named(at(2026, 3, 18, 11), at(2026, 2, 1, 9), at(2026, 1, 5, 9), at(2025, 12, 1, 9))
    assert kept(items, BackupPolicy(recent=1, daily=3, weekly=0, monthly=0)) == sorted(p.name for p, _ in items)


def test_weeks_start_on_monday_and_follow_the_daily_stage() -> None:
    items = named(
        at(2026, 3, 18, 11),  # recent (Wed)
        at(2026, 3, 17, 9),  # daily (Tue)
        at(2026, 3, 16, 0, 0, 1),  # Monday, same week as the daily: dropped
        at(2026, 3, 15, 23, 59, 59),  # Sunday: the week before, kept as weekly
        at(2026, 3, 9, 10),  # Monday of that same week: dropped
        at(2026, 3, 8, 10),  # the week before: weekly count used up, month already kept: dropped
        at(2026, 2, 27, 10),  # an older month: monthly
        at(2026, 2, 2, 10),  # same month: dropped
        at(2026, 1, 31, 23, 59, 59),  # January: monthly
        at(2025, 12, 31, 23, 59, 59),  # monthly count used up
    )
    assert kept(items, BackupPolicy(recent=1, daily=1, weekly=1, monthly=2)) == [
        "20260131-235959",
        "20260227-100000",
        "20260315-235959",
        "20260317-090000",
        "20260318-110000",
    ]


def test_iso_week_across_new_year_is_one_week() -> None:
    # 2025-12-29 is a Monday; 2026-01-01 falls in the same week
    items = named(at(2026, 1, 2, 10), at(2026, 1, 1, 10), at(2025, 12, 29, 10), at(2025, 12, 28, 10))
    assert kept(items, BackupPolicy(recent=1, daily=0, weekly=5, monthly=0)) == ["20251228-100000", "20260102-100000"]


def test_leap_day_and_month_ends() -> None:
    items = named(at(2024, 3, 1, 0, 0, 0), at(2024, 2, 29, 23, 59, 59), at(2024, 2, 1, 0, 0, 0), at(2024, 1, 31, 1))
    assert kept(items, BackupPolicy(recent=1, daily=0, weekly=0, monthly=2)) == [
        "20240131-010000",
        "20240229-235959",
        "20240301-000000",
    ]


def test_days_are_counted_in_the_given_zone() -> None:
    # 16:30 and 15:30 UTC on one UTC day are 00:30 and 23:30 on two days in Shanghai
    items = named(at(2026, 3, 18, 16, 30), at(2026, 3, 18, 15, 30))
    utc_day = BackupPolicy(recent=1, daily=5, weekly=0, monthly=0)
    assert kept(items, utc_day) == ["20260318-163000"]
    assert len(kept(items, utc_day, zone=ZoneInfo("Asia/Shanghai"))) == 2


def test_order_of_the_input_does_not_matter_and_nothing_is_kept_twice() -> None:
    times = [T0 - timedelta(hours=7 * i) for i in range(200)]
    policy = BackupPolicy(recent=4, daily=5, weekly=3, monthly=2)
    forward = set(thin(named(*times), T0, policy))
    backward = set(thin(named(*reversed(times)), T0, policy))
    assert forward == backward
    assert 200 - len(forward) == 4 + 5 + 3 + 2


def test_policy_from_dict_validates_and_round_trips(tmp_path: Path) -> None:
    policy = BackupPolicy.from_dict({"interval_minutes": "60", "daily": 3, "second_folder": str(tmp_path)})
    assert policy.interval_minutes == 60 and policy.daily == 3 and policy.second_folder == tmp_path
    assert BackupPolicy.from_dict(policy.to_dict()) == policy
    assert BackupPolicy.from_dict({}) == BackupPolicy()
    with pytest.raises(ValidationError) as caught:
        BackupPolicy.from_dict({"recent": 0})
    assert "recent" in caught.value.fields
    with pytest.raises(ValidationError):
        BackupPolicy.from_dict({"interval_minutes": "soon"})


# --- real backups ------------------------------------------------------------------------------------------
@pytest.fixture
def people(sqlite_database: Database) -> tuple[Actor, Actor]:
    with sqlite_database.write() as session:
        clerk = create_operator(session, "王芳", role="clerk")
        manager = create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
    return clerk, manager


def add_case(database: Database, actor: Actor, waybill: str) -> None:
    with database.write() as session:
        open_case(session, NewCase(kind="stuck", waybill_no=waybill, detail="破损"), actor=actor)


def waybills_in(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT waybill_no FROM waybills").fetchall()
    return {row[0] for row in rows}


def test_run_backup_makes_sound_readable_backups_and_thins_old_ones(
    sqlite_database: Database, home: Path, people: tuple[Actor, Actor]
) -> None:
    add_case(sqlite_database, people[0], "YT8962646785389")
    policy = BackupPolicy(recent=2, daily=0, weekly=0, monthly=0)
    runs = [run_backup(sqlite_database, home, policy, T0 + timedelta(minutes=40 * i)) for i in range(4)]
    for made in runs:
        assert made.path.name.startswith("outlet-desk-")
    listed = [b for b in list_backups(home / "backups") if b.kind == "auto"]
    assert [b.path for b in listed] == [runs[3].path, runs[2].path]
    assert runs[3].deleted == [runs[1].path] and runs[2].deleted == [runs[0].path]
    for b in listed:
        assert backup.integrity_problems(b.path) == []
        assert b.size == b.path.stat().st_size > 0
        assert "YT8962646785389" in waybills_in(b.path)
    assert listed[0].taken_at == T0 + timedelta(minutes=120)


def test_two_backups_in_one_second_get_distinct_names(sqlite_database: Database, home: Path) -> None:
    first = run_backup(sqlite_database, home, BackupPolicy(), T0)
    second = run_backup(sqlite_database, home, BackupPolicy(), T0)
    assert first.path != second.path and second.path.exists() and first.path.exists()


def test_pre_migration_and_aside_files_are_listed_but_never_thinned(sqlite_database: Database, home: Path) -> None:
    folder = home / "backups"
    folder.mkdir(exist_ok=True)
    for name in ("pre-migrate-abc123-20200101-000000.db", "before-restore-20200101-000000.db", "notes.txt"):
        (folder / name).write_bytes(b"x")
    run_backup(sqlite_database, home, NONE_KEPT, T0)
    run_backup(sqlite_database, home, NONE_KEPT, T0 + timedelta(hours=1))
    kinds = sorted(b.kind for b in list_backups(folder))
    assert kinds == ["auto", "before-restore", "pre-migrate"]


def test_second_folder_gets_a_copy_and_is_thinned_too(sqlite_database: Database, home: Path, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    policy = BackupPolicy(recent=1, daily=0, weekly=0, monthly=0, second_folder=stick)
    first = run_backup(sqlite_database, home, policy, T0)
    second = run_backup(sqlite_database, home, policy, T0 + timedelta(hours=1))
    assert first.copy == stick / first.path.name
    assert [b.path for b in list_backups(stick)] == [stick / second.path.name]
    assert (stick / second.path.name).read_bytes() == second.path.read_bytes()
    assert second.deleted == [first.path, stick / first.path.name]


def test_a_full_second_folder_still_leaves_the_backup_made(
    sqlite_database: Database, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    made = run_backup(sqlite_database, home, BackupPolicy(second_folder=tmp_path / "usb"), T0)
    assert made.path.exists() and made.copy is None
    assert made.copy_error == str(tmp_path / "usb")
    assert not list((tmp_path / "usb").glob("*.partial"))


def test_an_injected_enospc_gives_a_clear_message_and_leaves_nothing(
    sqlite_database: Database, home: Path, people: tuple[Actor, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_case(sqlite_database, people[0], "YT8962646785389")
    real_connect = sqlite3.connect

    class FullConnection:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def backup(self, *_a, **_kw):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self._conn.close()

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: FullConnection(real_connect(*a, **kw)))
    with pytest.raises(StorageFault) as caught:
        run_backup(sqlite_database, home, BackupPolicy(), T0)
    monkeypatch.undo()
    assert caught.value.code == "backup_disk_full"
    assert list((home / "backups").glob("outlet-desk-*")) == []
    assert backup.integrity_problems(sqlite_database.path) == []
    assert "YT8962646785389" in waybills_in(sqlite_database.path)


CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from app.backups import BackupPolicy, run_backup
    from app.errors import user_message
    from db.engine import Database
    from db.errors import StorageFault

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    database = Database.open(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))
    try:
        run_backup(database, Path(sys.argv[2]), BackupPolicy(), datetime.now(UTC))
    except StorageFault as exc:
        print(exc.code)
        print(user_message(exc))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_in_a_child_process_keeps_the_live_database(
    sqlite_database: Database, home: Path, people: tuple[Actor, Actor]
) -> None:
    add_case(sqlite_database, people[0], "YT8962646785389")
    sqlite_database.dispose()
    path = sqlite_database.path
    assert path is not None and path.stat().st_size > 64 * 1024
    before = path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(home)], capture_output=True, text=True, timeout=60
    )
    lines = result.stdout.splitlines()
    assert lines[:1] == ["backup_write_failed"], result.stderr  # SQLite says "disk I/O error" for EFBIG
    assert "磁盘已满" in lines[1] and "数据库本身完好" in lines[1]
    assert list((home / "backups").glob("outlet-desk-*")) == []
    assert path.read_bytes() == before
    assert backup.integrity_problems(path) == []


def test_a_read_only_backup_folder_gives_a_clear_message(
    sqlite_database: Database, home: Path, read_only_dir: Path
) -> None:
    with pytest.raises(StorageFault) as caught:
        backup.backup_to(sqlite_database, read_only_dir / "b.db")
    assert caught.value.code == "backup_folder_readonly"
    assert backup.integrity_problems(sqlite_database.path) == []


def test_postgresql_refuses_with_one_sentence(home: Path) -> None:
    database = Database.open("postgresql://outlet@127.0.0.1:1/none")  # never connected
    with pytest.raises(StorageFault) as caught:
        run_backup(database, home, BackupPolicy(), T0)
    assert caught.value.code == "pg_backup"
    with pytest.raises(StorageFault):
        backups.restore_backup(database, home / "x.db", home, manager_pin=MANAGER_PIN)
    database.dispose()


# --- restore ------------------------------------------------------------------------------------------------
def test_a_clerk_cannot_restore_and_a_manager_can(
    sqlite_database: Database, home: Path, people: tuple[Actor, Actor]
) -> None:
    clerk, _manager = people
    add_case(sqlite_database, clerk, "YT8962646785389")
    good = run_backup(sqlite_database, home, BackupPolicy(), T0).path
    add_case(sqlite_database, clerk, "SF1385628716739")
    for pin in (None, "", "0000"):
        with pytest.raises(PermissionDenied):
            backups.restore_backup(sqlite_database, good, home, manager_pin=pin)
    assert "SF1385628716739" in waybills_in(sqlite_database.path)

    aside = backups.restore_backup(sqlite_database, good, home, manager_pin=MANAGER_PIN)
    assert "SF1385628716739" in waybills_in(aside)
    assert "SF1385628716739" not in waybills_in(sqlite_database.path)
    with sqlite_database.read() as session:
        entry = session.query(AuditEntry).filter_by(entity="database", action="restore").one()
        assert entry.operator_id == people[1].id


def test_backups_pause_after_a_restore_so_good_ones_are_not_rotated_away(sqlite_database: Database, home: Path) -> None:
    with sqlite_database.write() as session:
        create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
    policy = BackupPolicy(recent=1, daily=0, weekly=0, monthly=0)
    good = run_backup(sqlite_database, home, policy, T0).path
    assert not backups.is_paused(sqlite_database)
    backups.restore_backup(sqlite_database, good, home, manager_pin=MANAGER_PIN)
    assert backups.is_paused(sqlite_database)
    later = run_backup(sqlite_database, home, policy, T0 + timedelta(hours=1))
    assert later.deleted == [] and not later.thinned
    assert good.exists() and later.path.exists()


def test_newest_good_backup_skips_damaged_ones(sqlite_database: Database, home: Path) -> None:
    older = run_backup(sqlite_database, home, BackupPolicy(), T0).path
    newer = run_backup(sqlite_database, home, BackupPolicy(), T0 + timedelta(hours=1)).path
    newer.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    found = backups.newest_good_backup([home / "backups", home / "absent"])
    assert found is not None and found.path == older


@pytest.mark.parametrize("refusals", [2, backup.REPLACE_TRIES])
def test_a_database_file_held_open_elsewhere_is_not_replaced(
    sqlite_database: Database, home: Path, people: tuple[Actor, Actor], monkeypatch, refusals: int
) -> None:
    """Windows refuses to replace a file another process holds open (a stand-in here): a brief hold (a virus
    scanner) is waited out; a lasting one (another clerk's window) leaves the live database as it was."""
    clerk, _manager = people
    add_case(sqlite_database, clerk, "YT8962646785389")
    good = run_backup(sqlite_database, home, BackupPolicy(), T0).path
    add_case(sqlite_database, clerk, "SF1385628716739")
    real_replace, tries = Path.replace, []

    def held_open(self: Path, target: Path) -> Path:
        if Path(target) != sqlite_database.path:  # the copy kept aside is written as usual
            return real_replace(self, target)
        tries.append(self.name)
        if len(tries) <= refusals:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", held_open)
    monkeypatch.setattr(backup, "REPLACE_WAIT", 0.01)
    if refusals < backup.REPLACE_TRIES:
        backups.restore_backup(sqlite_database, good, home, manager_pin=MANAGER_PIN)
        assert "SF1385628716739" not in waybills_in(sqlite_database.path)  # restored after the waits
        return
    with pytest.raises(StorageFault) as refused:
        backups.restore_backup(sqlite_database, good, home, manager_pin=MANAGER_PIN)
    assert refused.value.code == "restore_file_in_use" and len(tries) == backup.REPLACE_TRIES
    assert "SF1385628716739" in waybills_in(sqlite_database.path)  # the live database as it was
    assert not list(sqlite_database.path.parent.glob("*.restoring"))  # no staged copy left behind
