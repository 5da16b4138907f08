"""A real attach killed with SIGKILL inside its transaction (right after the blob's INSERT, right after the link's
INSERT) and right after its commit: afterwards the database is sound and holds both rows or neither — on SQLite
and on PostgreSQL.

This module is also the child: `python -m tests.test_attachments_kill TARGET HOME PHOTO OPERATOR STOP` attaches
PHOTO, printing `blob-inserted` / `link-inserted` after those statements and `committed` at the end, and waits at
the point named STOP to be killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.attachments import attach, list_attachments
from app.operators import create_operator, find_operator
from app.startup import open_database
from tests.kill_harness import (
    Outcome,
    Trial,
    child_env,
    kill_after,
    row_counts,
    sqlite_integrity,
    wait_for_other_sessions,
)

OPERATOR = "王芳"
OWNER = ("claim", 42)
TABLES = ["attachments", "attachment_links"]
HOLD = 60.0  # seconds the child waits at a reported point; the kill comes long before


def _line_is(expected: str) -> Any:
    return lambda line: line == expected


TRIALS = [
    Trial("blob-inserted", _line_is("blob-inserted")),
    Trial("link-inserted", _line_is("link-inserted")),
    Trial("after-commit", _line_is("committed")),
]
COMMITTED = {"after-commit"}


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1200×1200 noise PNG of about 4 MB: more than SQLite's page cache, so its pages reach the write-ahead log."""
    path = tmp_path_factory.mktemp("photo") / "破损.png"
    Image.effect_noise((1200, 1200), 80).convert("RGB").save(path, "PNG")
    assert path.stat().st_size > 2_000_000
    return path


def _seed(target: str, home: Path) -> None:
    database = open_database(target, home)
    try:
        with database.write() as session:
            create_operator(session, OPERATOR, role="clerk")
    finally:
        database.dispose()


def _command(target: str, home: Path, photo: Path, trial: Trial) -> list[str]:
    stop = "committed" if trial.name == "after-commit" else trial.name
    return [sys.executable, "-m", "tests.test_attachments_kill", target, str(home), str(photo), OPERATOR, stop]


def _both_or_neither(outcome: Outcome, counts: dict[str, int]) -> None:
    assert counts in ({t: 0 for t in TABLES}, {t: 1 for t in TABLES}), f"{outcome.trial.name}: half kept: {counts}"
    assert outcome.killed, f"{outcome.trial.name}: the child ended before the kill"
    kept = counts["attachments"] == 1
    assert kept == (outcome.trial.name in COMMITTED), f"{outcome.trial.name}: kept={kept}"


def _attach_again(target: str, home: Path, photo: Path) -> None:
    """The app opens the database as usual and attaches the same photo: one blob, one more link."""
    database = open_database(target, home)
    try:
        with database.write() as session:
            attach(session, *OWNER, photo.read_bytes(), photo.name, actor=find_operator(session, OPERATOR))
        with database.read() as session:
            assert {v.attachment_id for v in list_attachments(session, *OWNER)} != set()
    finally:
        database.dispose()


@pytest.mark.parametrize("trial", TRIALS, ids=lambda t: t.name)
def test_sqlite_keeps_both_rows_or_neither_of_a_killed_attach(trial: Trial, photo: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "outlet-desk.db"
    _seed(str(path), home)

    outcome = kill_after(_command(str(path), home, photo, trial), trial, env=child_env())

    log = path.with_name(path.name + "-wal")
    logged = log.stat().st_size if log.exists() else 0  # before anything opens the file and recovers it
    assert sqlite_integrity(path) == ("ok", [])
    if trial.name not in COMMITTED:  # the photo's pages had spilled into the log: recovery had to discard them
        assert logged > photo.stat().st_size // 2, f"{trial.name}: little of the write reached the disk ({logged})"
    _both_or_neither(outcome, row_counts(str(path), TABLES))
    _attach_again(str(path), home, photo)
    assert row_counts(str(path), TABLES)["attachments"] == 1
    assert sqlite_integrity(path) == ("ok", [])


@pytest.mark.parametrize("trial", TRIALS[:2], ids=lambda t: t.name)
def test_postgresql_keeps_both_rows_or_neither_of_a_killed_attach(
    trial: Trial, photo: Path, pg_url: str, tmp_path: Path
) -> None:
    _seed(pg_url, tmp_path)

    outcome = kill_after(_command(pg_url, tmp_path, photo, trial), trial, env=child_env())

    wait_for_other_sessions(pg_url)
    _both_or_neither(outcome, row_counts(pg_url, TABLES))
    _attach_again(pg_url, tmp_path, photo)
    assert row_counts(pg_url, TABLES) == {"attachments": 1, "attachment_links": 1}


# --- the child --------------------------------------------------------------------------------------------------


def _child(argv: list[str]) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    target, home, photo, operator, stop = argv
    points = {"INSERT INTO ATTACHMENTS ": "blob-inserted", "INSERT INTO ATTACHMENT_LINKS ": "link-inserted"}

    @event.listens_for(Engine, "after_cursor_execute")
    def _reached(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        head = statement.lstrip().upper()
        for prefix, line in points.items():
            if head.startswith(prefix):
                print(line, flush=True)
                if line == stop:
                    time.sleep(HOLD)

    database = open_database(target, Path(home))
    data = Path(photo).read_bytes()
    with database.write() as session:
        attach(session, *OWNER, data, Path(photo).name, actor=find_operator(session, operator))
    print("committed", flush=True)
    if stop == "committed":
        time.sleep(HOLD)


if __name__ == "__main__":
    _child(sys.argv[1:])
