"""Backups through SQLite's online backup API (never a file copy of a live database), integrity checks, restore."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import time
from contextlib import closing, suppress
from datetime import UTC, datetime
from pathlib import Path

from db.engine import Database
from db.errors import StorageFault


def _require_file(database: Database) -> Path:
    if database.path is None:
        raise StorageFault("pg_backup")
    return database.path


def backup_to(database: Database, target: Path) -> Path:
    """Copy the live database to `target` page by page; other clerks keep working meanwhile.

    A full disk or a read-only folder raises `backup_disk_full` / `backup_folder_readonly` and leaves no partial
    file behind: the live database is only read.
    """
    source_path = _require_file(database)
    target = Path(target)
    if target.exists():
        raise StorageFault("file_exists", path=str(target))
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.open("wb").close()  # a read-only folder fails here, before SQLite says "unable to open"
        with closing(sqlite3.connect(source_path)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst, pages=1024)
        partial.replace(target)
    except sqlite3.DatabaseError as exc:
        _unlink_quietly(partial)
        message = str(exc).lower()
        if "full" in message:
            raise StorageFault("backup_disk_full", path=str(target.parent)) from exc
        if "i/o" in message and not integrity_problems(source_path, quick=True):
            raise StorageFault("backup_write_failed", path=str(target.parent)) from exc  # the target, then
        raise _fault(exc, str(source_path)) from exc
    except OSError as exc:
        _unlink_quietly(partial)
        raise _os_fault(exc, target.parent) from exc
    return target


def copy_file(source: Path, target: Path) -> Path:
    """Copy a finished (not live) backup file, e.g. to a USB stick, through a partial name."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        _unlink_quietly(partial)
        raise _os_fault(exc, target.parent) from exc
    return target


def _os_fault(exc: OSError, folder: Path) -> StorageFault:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StorageFault("backup_disk_full", path=str(folder))
    return StorageFault("backup_folder_readonly", path=str(folder))


def _unlink_quietly(path: Path) -> None:
    with suppress(OSError):
        path.unlink(missing_ok=True)


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Empty when sound; otherwise what SQLite found (or why the file cannot be read as a database)."""
    if not path.is_file():
        return [f"missing: {path}"]
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
            fk = [] if quick else conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    problems += [f"foreign key: {row}" for row in fk]
    return problems


def is_outlet_desk_file(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None


def managers_in(path: Path) -> list[tuple[int, str, str | None]]:
    """(id, name, PIN hash) of the active managers recorded in a database file, read without writing to it."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            rows = conn.execute(
                "SELECT id, name, pin_hash FROM operators WHERE role = 'manager' AND active = 1 ORDER BY id"
            ).fetchall()
    except sqlite3.DatabaseError:
        return []
    return [(int(row[0]), str(row[1]), row[2]) for row in rows]


def restore_from(database: Database, source: Path, *, aside_dir: Path, damaged: bool = False) -> Path:
    """Replace the database with `source`, keeping the current file aside. Returns where it was kept.

    A `damaged` database is kept by copying its files as they are (with its WAL): the backup API would read
    through the broken pages, and nothing may be written to it.
    """
    target = _require_file(database)
    source = Path(source)
    if not source.is_file():
        raise StorageFault("backup_missing", path=str(source))
    if integrity_problems(source) or not is_outlet_desk_file(source):
        raise StorageFault("not_a_database", path=str(source))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside_dir.mkdir(parents=True, exist_ok=True)
    aside = aside_dir / f"{'damaged' if damaged else 'before-restore'}-{stamp}.db"
    if damaged:
        database.dispose()
        for suffix in ("", "-wal"):
            if Path(str(target) + suffix).exists():
                copy_file(Path(str(target) + suffix), Path(str(aside) + suffix))
    elif target.exists():
        backup_to(database, aside)
    database.dispose()
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, staged)
    try:
        _replace(staged, target)
    except OSError:
        _unlink_quietly(staged)
        raise StorageFault("restore_file_in_use", path=str(target)) from None
    return aside


REPLACE_TRIES = 5  # Windows refuses to replace a file another process holds open; a virus scanner lets go soon
REPLACE_WAIT = 0.2  # seconds between tries


def _replace(staged: Path, target: Path) -> None:
    """Put the staged copy in the database's place, its old WAL and shared-memory files gone first. On Windows a
    file another process holds open can be neither deleted nor replaced (a PermissionError): try a few times,
    then give up with the live file as it was."""
    for attempt in range(REPLACE_TRIES):
        try:
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            staged.replace(target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(REPLACE_WAIT)


def _fault(exc: sqlite3.DatabaseError, target: str) -> StorageFault:
    message = str(exc).lower()
    if "not a database" in message or "malformed" in message:
        return StorageFault("not_a_database", path=target)
    if "locked" in message or "busy" in message:
        return StorageFault("db_locked")
    return StorageFault("db_damaged", detail=str(exc))
