"""Opening a database: check the data folder, connect, migrate (with a backup first), seed reference data."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from app.errors import StorageError
from app.seed import seed
from db.engine import Database
from db.errors import StorageFault
from db.migrate import upgrade


def ensure_home(home: Path) -> Path:
    """Create the data folder and prove it is writable, before anything is written there."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=home)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StorageError("home_not_writable", path=str(home)) from exc
    return home


def open_database(target: str, home: Path) -> Database:
    """A ready database: migrated to head and seeded. Raises StorageFault with a user message code."""
    database = Database.open(target)
    try:
        if database.path is not None:
            _check_file(database.path)
        upgrade(database, backup_dir=home / "backups")
        with database.write() as session:
            seed(session)
    except BaseException:
        database.dispose()
        raise
    return database


def _check_file(path: Path) -> None:
    """Refuse, before SQLite writes a single byte (even switching to WAL changes the header), a file that is not
    SQLite, a SQLite file of another program, and a folder we cannot write to."""
    if path.is_dir():
        raise StorageFault("not_a_database", path=str(path))
    if not path.exists():
        if not path.parent.is_dir():
            raise StorageFault("db_unreachable", target=str(path))
        if not os.access(path.parent, os.W_OK):
            raise StorageFault("db_readonly", path=str(path.parent))
        return
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StorageFault("not_a_database", path=str(path))
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StorageFault("not_a_database", path=str(path)) from exc
    if tables and "alembic_version" not in tables:
        raise StorageFault("not_a_database", path=str(path))
    if not os.access(path, os.W_OK):
        raise StorageFault("db_readonly", path=str(path))
