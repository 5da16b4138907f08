"""Engine and session factory: SQLite with WAL and up-front write locks, or any SQLAlchemy URL.

`Database.read()` and `Database.write()` are the only ways the rest of the program gets a Session. A write
session on SQLite starts with BEGIN IMMEDIATE, so it waits (busy timeout) for another writer instead of failing
half-way with "database is locked" when a deferred read tries to upgrade.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StorageFault

BUSY_TIMEOUT_MS = 5000


def to_url(target: str) -> URL:
    """A SQLAlchemy URL from a URL or a plain SQLite file path."""
    if "://" in target:
        try:
            url = make_url(target)
        except ArgumentError as exc:
            raise StorageFault("db_unreachable", target=target) from exc
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(target).expanduser().resolve()))


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4)  # type: ignore[attr-defined]


NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afpfs", "davfs", "fuse.davfs2"}


def _linux_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3 or len(parts[1]) <= len(best):
            continue
        if resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/"):
            best, fstype = parts[1], parts[2]
    return fstype


def is_network_path(
    path: Path,
    *,
    platform: str = sys.platform,
    drive_is_remote: Callable[[Path], bool] = _windows_drive_is_remote,
    fs_type: Callable[[Path], str | None] = _linux_fs_type,
) -> bool:
    """True for a UNC path, a mapped network drive or a network file system: SQLite must not live there."""
    text = str(path)
    if platform == "win32":
        return text.startswith(("\\\\", "//")) or drive_is_remote(path)
    return (fs_type(path) or "") in NETWORK_FS


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, see _sqlite_begin
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(target: str, *, check_share: Callable[[Path], bool] = is_network_path) -> Engine:
    url = to_url(target)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:":
            path = Path(database)
            if check_share(path.parent):
                raise StorageFault("network_share", path=str(path))
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except (ArgumentError, ModuleNotFoundError) as exc:
        raise StorageFault("db_unreachable", target=url.render_as_string(hide_password=True)) from exc


class Database:
    """One database: its engine, a session factory and the unit-of-work context managers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=engine.execution_options(write=True), expire_on_commit=False)

    @classmethod
    def open(cls, target: str) -> Database:
        return cls(make_engine(target))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        db = self.engine.url.database
        return Path(db) if self.is_sqlite and db and db != ":memory:" else None

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.display_name), self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back on any error."""
        with translate_errors(self.display_name), self._writer() as session, session.begin():
            yield session

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load (demo, import): without them SQLite sorts a whole
        200,000-case list instead of walking an index. PostgreSQL's autovacuum does this by itself, later."""
        with translate_errors(self.display_name), self.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")

    def optimize(self) -> None:
        """SQLite's recommended habit before closing a database the app has been using (never a foreign file:
        it may write statistics)."""
        if self.is_sqlite and self.path is not None and self.path.exists():
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except DBAPIError:
                pass  # read-only, locked or damaged: statistics are an optimisation, never worth an error

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(target: str) -> Iterator[None]:
    """Turn driver errors about the environment into StorageFault; let everything else through as a bug."""
    try:
        yield
    except OperationalError as exc:
        raise storage_fault_from(exc, target) from exc
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError) and "not a database" in str(exc.orig):
            raise StorageFault("not_a_database", path=target) from exc
        if isinstance(exc.orig, sqlite3.DatabaseError) and "malformed" in str(exc.orig):
            raise StorageFault("db_damaged", detail=str(exc.orig)) from exc  # a damaged page met mid-work
        raise


def storage_fault_from(exc: BaseException, target: str) -> StorageFault:
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return StorageFault("db_locked")
    if "readonly" in message or "read-only" in message:
        return StorageFault("db_readonly", path=target)
    if "disk is full" in message or "no space" in message:
        return StorageFault("disk_full")
    if "disk i/o error" in message:  # a write refused by the system (file size limit, failing disk)
        return StorageFault("disk_write_failed", path=target)
    if "not a database" in message or "malformed" in message:
        return StorageFault("not_a_database", path=target)
    return StorageFault("db_unreachable", target=target)
