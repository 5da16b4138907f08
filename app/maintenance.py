"""Backup, restore and integrity checks as the GUI and the CLI ask for them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from db import backup
from db.engine import Database
from db.errors import StorageFault


def default_backup_path(home: Path) -> Path:
    return home / "backups" / f"outlet-desk-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.db"


def make_backup(database: Database, home: Path, target: Path | None = None) -> Path:
    return backup.backup_to(database, target or default_backup_path(home))


def restore(database: Database, source: Path, home: Path) -> Path:
    """Replace the database with a backup; the current one is kept in the backups folder first."""
    return backup.restore_from(database, source, aside_dir=home / "backups")


def check(database: Database, *, quick: bool = False) -> list[str]:
    """Problems found (empty when sound). On PostgreSQL the server guards integrity: a live query suffices."""
    if database.path is None:
        from sqlalchemy import text

        with database.read() as session:
            session.execute(text("SELECT 1"))
        return []
    return backup.integrity_problems(database.path, quick=quick)


def require_file_database(database: Database) -> Path:
    if database.path is None:
        raise StorageFault("pg_backup")
    return database.path
