"""notebook search: FTS5 trigram indexes on SQLite, pg_trgm indexes on PostgreSQL; notes by time

SQLite: one contentless FTS5 trigram table per searched table (`fts_notes`, `fts_todos`, `fts_phrases`), kept in
step by triggers, so rows written by any path (the services, the demo's bulk inserts) are found. Contentless: the
text lives once, in the base table, and `PRAGMA integrity_check` of newer SQLite versions has no external content
to compare a decoded tag list against. A note's tags are stored as JSON (Chinese as \\uXXXX escapes), so the
triggers index them decoded. 1–2 character queries cannot use a trigram index at all; they read the base tables.

PostgreSQL: GIN trigram indexes for ILIKE when `pg_trgm` can be created (inside a savepoint: a server that refuses
the extension keeps plain ILIKE, and the migration goes on). Tags are indexed as `tags::jsonb::text`, which decodes
the escapes.

These objects are no part of the models: `db.migrate.include_name` leaves names starting `fts_` and `trgm_` out of
model comparisons.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TAGS = "(SELECT group_concat(value, ' ') FROM json_each({row}.tags))"
# table -> the indexed columns and the expression each is indexed from (`{row}` is new / old / the table)
_FTS: dict[str, tuple[tuple[str, str], ...]] = {
    "notes": (("title", "{row}.title"), ("body", "{row}.body"), ("tags", _TAGS)),
    "todos": (("title", "{row}.title"), ("body", "{row}.body")),
    "phrases": (("title", "{row}.title"), ("text", "{row}.text")),
}
_TRGM: dict[str, tuple[tuple[str, str], ...]] = {
    "notes": (("title", "title"), ("body", "body"), ("tags", "(CAST(CAST(tags AS JSONB) AS TEXT))")),
    "todos": (("title", "title"), ("body", "body")),
    "phrases": (("title", "title"), ("text", "text")),
}


def _values(table: str, row: str) -> str:
    return ", ".join(expr.format(row=row) for _, expr in _FTS[table])


def _sqlite_upgrade() -> None:
    for table, columns in _FTS.items():
        names = ", ".join(name for name, _ in columns)
        fts = f"fts_{table}"
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='', tokenize='trigram')")
        op.execute(f"INSERT INTO {fts}(rowid, {names}) SELECT id, {_values(table, table)} FROM {table}")
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {_values(table, 'new')});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {_values(table, 'old')});"
        watched = ", ".join(name for name, _ in columns)
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {watched} ON {table} BEGIN {delete} {insert} END")


def _postgresql_upgrade() -> None:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return  # no pg_trgm on this server: searches fall back to plain ILIKE
    for table, columns in _TRGM.items():
        for name, expr in columns:
            op.execute(f"CREATE INDEX trgm_{table}_{name} ON {table} USING gin ({expr} gin_trgm_ops)")


def upgrade() -> None:
    op.create_index("ix_notes_created_at", "notes", ["created_at"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgresql_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS fts_{table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS fts_{table}")
    elif dialect == "postgresql":
        for table, columns in _TRGM.items():
            for name, _ in columns:
                op.execute(f"DROP INDEX IF EXISTS trgm_{table}_{name}")
    op.drop_index("ix_notes_created_at", table_name="notes")
