"""A real import of 24,900 problem parcels killed with SIGKILL at moments across its write transaction: afterwards
the database is sound and holds the whole batch or none of it — on SQLite (its write-ahead log) and on
PostgreSQL (the server rolls the lost client's transaction back)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import stuck
from app.operators import create_operator, find_operator
from app.startup import open_database
from tests import import_files as files
from tests.kill_harness import (
    Outcome,
    Trial,
    child_env,
    import_command,
    kill_after,
    row_counts,
    sqlite_integrity,
    wait_for_other_sessions,
    write_point,
    writing,
)

ROWS = 24_900  # not a multiple of the progress step, so the last planning report and the pre-commit one differ
OPERATOR = "王芳"
BATCH = {  # what one import of the file adds
    "waybills": ROWS,
    "cases": ROWS,
    "stuck_details": ROWS,
    "import_batches": 1,
    "import_items": ROWS,
    "audit_log": 1,
}
BEFORE_COMMIT = write_point(1.0)

SQLITE_TRIALS = [
    Trial("transaction-begins", write_point(0.0)),
    Trial("waybills-upserted", write_point(0.0), 0.25),
    Trial("cases-planned-half", write_point(0.5)),
    Trial("cases-inserted", write_point(0.98), 0.1),
    Trial("cases-inserted-late", write_point(0.98), 0.4),
    Trial("right-before-commit", BEFORE_COMMIT),
    Trial("after-commit", BEFORE_COMMIT, 1.0),
]
# Killed after the cases were inserted: far more than SQLite's page cache holds had been written, so uncommitted
# pages sat in the write-ahead log and recovery had to throw them away.
SPILLED = {"cases-inserted", "cases-inserted-late", "right-before-commit"}
PG_TRIALS = [
    Trial("cases-planned-half", write_point(0.5)),
    Trial("cases-inserted", write_point(0.98), 0.3),
]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return files.big_stuck_xlsx(tmp_path_factory.mktemp("kill") / "问题件.xlsx", ROWS)


def _seed(target: str, home: Path) -> None:
    """The clerk, and one case logged earlier, so "none of the batch" is not simply an empty database."""
    database = open_database(target, home)
    try:
        with database.write() as session:
            clerk = create_operator(session, OPERATOR, role="clerk")
            stuck.capture(session, "YT8962646785389", actor=clerk, problem_type="refused")
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def base_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("base")
    _seed(str(home / "outlet-desk.db"), home)
    assert not (home / "outlet-desk.db-wal").exists()
    return home / "outlet-desk.db"


def _all_or_none(outcome: Outcome, before: dict[str, int], after: dict[str, int]) -> bool:
    """True when the whole batch is there, False when none of it is; fails on anything in between."""
    added = {table: after[table] - before[table] for table in before}
    assert added in ({t: 0 for t in BATCH}, BATCH), f"{outcome.trial.name}: part of the batch survived: {added}"
    return added == BATCH


def _check(outcome: Outcome, kept_all: bool) -> None:
    if not outcome.saw(BEFORE_COMMIT):
        assert not kept_all, f"{outcome.trial.name}: killed before the commit, yet the batch is there"
    if outcome.trial.name == "after-commit":
        assert kept_all, "the batch committed before the kill is gone"
    if outcome.trial.name.startswith("cases-"):
        assert outcome.killed and outcome.saw(writing), f"{outcome.trial.name}: not killed inside the transaction"


@pytest.mark.parametrize("trial", SQLITE_TRIALS, ids=lambda t: t.name)
def test_sqlite_keeps_all_or_none_of_a_killed_import(
    trial: Trial, big_file: Path, base_sqlite: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "outlet-desk.db"
    shutil.copyfile(base_sqlite, path)
    before = row_counts(str(path), list(BATCH))

    outcome = kill_after(import_command(str(path), home, big_file, "stuck", OPERATOR), trial, env=child_env())

    log = path.with_name(path.name + "-wal")
    logged = log.stat().st_size if log.exists() else 0  # before anything opens the file and recovers it
    assert sqlite_integrity(path) == ("ok", [])
    kept_all = _all_or_none(outcome, before, row_counts(str(path), list(BATCH)))
    _check(outcome, kept_all)
    if not kept_all and trial.name in SPILLED:
        assert logged > 0, f"{trial.name}: nothing of the write had reached the disk; the kill proved little"
    database = open_database(str(path), home)  # the app opens it as usual and can write to it
    try:
        with database.write() as session:
            stuck.capture(session, "JT5261988016578", actor=find_operator(session, OPERATOR), problem_type="refused")
    finally:
        database.dispose()
    assert sqlite_integrity(path) == ("ok", [])


@pytest.mark.parametrize("trial", PG_TRIALS, ids=lambda t: t.name)
def test_postgresql_keeps_all_or_none_of_a_killed_import(
    trial: Trial, big_file: Path, pg_url: str, tmp_path: Path
) -> None:
    _seed(pg_url, tmp_path)
    before = row_counts(pg_url, list(BATCH))

    outcome = kill_after(import_command(pg_url, tmp_path, big_file, "stuck", OPERATOR), trial, env=child_env())

    wait_for_other_sessions(pg_url)
    kept_all = _all_or_none(outcome, before, row_counts(pg_url, list(BATCH)))
    _check(outcome, kept_all)
