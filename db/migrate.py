"""Schema migrations: upgrade to head, back up a SQLite file first, refuse a database from a newer version.

Alembic (and the template engine it brings) is loaded only when a database is not at HEAD already: an
up-to-date desk starts without it (about half a second on a modest PC, bench --only startup).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

from db.engine import Database, translate_errors
from db.errors import StorageFault

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0012"  # the newest migration's revision; a test checks it against the scripts
# Objects made by migrations alone, outside the models: SQLite's FTS5 tables (and their shadow tables and
# triggers) and PostgreSQL's trigram indexes. Model comparisons leave them out.
UNMODELLED_PREFIXES = ("fts_", "trgm_")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's `include_name` hook: compare only what the models declare."""
    return not (name or "").startswith(UNMODELLED_PREFIXES)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(database: Database, *, backup_dir: Path | None = None) -> str | None:
    """Bring the database to head. Returns the path of the pre-migration backup, if one was made."""
    with translate_errors(database.display_name), database.engine.connect() as conn:
        if inspect(conn).has_table("alembic_version"):
            stored = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
            if stored == [HEAD]:  # the usual start: nothing to do, and no Alembic to load
                conn.rollback()
                return None
        revision = current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
        conn.rollback()
    if revision is None and has_tables:
        raise StorageFault("not_a_database", path=database.display_name)
    if revision is not None and revision not in known_revisions():
        raise StorageFault("db_newer", revision=revision)
    if revision == head_revision():
        return None
    backup_path = None
    if revision is not None and database.is_sqlite and backup_dir is not None:
        from db.backup import backup_to

        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup_path = backup_to(database, backup_dir / f"pre-migrate-{revision}-{stamp}.db")
    from alembic import command

    cfg = alembic_config()
    with (
        translate_errors(database.display_name),
        database.engine.execution_options(write=True).begin() as conn,
    ):
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return str(backup_path) if backup_path else None
