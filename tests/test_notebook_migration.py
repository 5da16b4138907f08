"""Migration 0008 on a database that already holds notebook rows: the search indexes are built from them (tags
decoded), and a downgrade and upgrade again leave the search working — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert

from app.notebook.search import search
from app.startup import open_database
from db import migrate
from db.engine import Database
from db.models import Note, Phrase, Todo
from tests.conftest import PG_URL, _pg_admin, drop_pg_database


def _migrate(database: Database, revision: str, *, down: bool = False) -> None:
    cfg = migrate.alembic_config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0007(request: pytest.FixtureRequest, home: Path) -> Iterator[Database]:
    """An empty database migrated to 0007 only, on each engine."""
    if request.param == "sqlite":
        database = Database.open(str(home / "old.db"))
        yield database
        database.dispose()
        return
    if not PG_URL:
        request.getfixturevalue("pg_template")  # skips (or fails under OUTLET_DESK_REQUIRE_PG) like the others
    name = f"od_old_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    database = Database.open(admin.url.set(database=name).render_as_string(hide_password=False))
    admin.dispose()
    yield database
    database.dispose()
    drop_pg_database(name)


def test_existing_rows_are_indexed_and_a_downgrade_round_trip_keeps_the_search(at_0007: Database, home: Path) -> None:
    _migrate(at_0007, "0007")
    with at_0007.engine.begin() as conn:
        conn.execute(
            insert(Note),
            [{"day": date(2026, 11, 1), "title": "旧笔记", "body": "放在门卫室", "tags": ["重要客户"], "version": 1}],
        )
        conn.execute(insert(Todo), [{"title": "回电张伟", "priority": 0, "version": 1}])
        conn.execute(insert(Phrase), [{"category": "closing", "title": "再见", "text": "感谢来电", "version": 1}])
    url = at_0007.engine.url.render_as_string(hide_password=False)
    at_0007.dispose()
    database = open_database(url, home)  # to head (and seeded)

    def found(query: str) -> list[tuple[str, str]]:
        with database.read() as session:
            return [(h.type, h.title) for h in search(session, query)]

    try:
        assert found("门卫室") == found("重要客户") == [("note", "旧笔记")]
        assert found("回电张伟") == [("todo", "回电张伟")] and ("phrase", "再见") in found("感谢来电")
        _migrate(database, "0007", down=True)
        _migrate(database, "head")
        assert found("门卫室") == found("卫") == [("note", "旧笔记")]
    finally:
        database.dispose()
