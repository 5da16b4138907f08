"""Kill a real writer with SIGKILL at a known moment of its work, then look at what the database kept.

A child process prints one line per step it reaches; `kill_after` waits for the line a trial names, sleeps the
trial's delay and sends SIGKILL. So a kill lands at a known point (inside the write transaction, just before its
commit, just after it), not at a guessed wall-clock time that a slower machine would move.

This module is also the child for imports: `python -m tests.kill_harness TARGET HOME FILE KIND OPERATOR` reads and
maps FILE, then runs `run_import`, printing `progress DONE TOTAL` for every progress report (the first half of
TOTAL is checking, outside the transaction; the second half is writing, inside it) and `committed` once the import
has returned. `write_point(at)` names the line at a fraction of the write phase.

The checks afterwards (`sqlite_integrity`, `row_counts`, `wait_for_other_sessions`) serve any writer.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 60.0  # seconds for the child to reach the line a trial waits for


@dataclass(frozen=True)
class Trial:
    """Kill once `after` accepts a line the child printed, `delay` seconds later."""

    name: str
    after: Callable[[str], bool]
    delay: float = 0.0


@dataclass
class Outcome:
    trial: Trial
    lines: list[str] = field(default_factory=list)  # everything the child printed before it died or ended
    killed: bool = False  # False: the child had ended by itself before the kill
    returncode: int | None = None
    stderr: str = ""

    def saw(self, accept: Callable[[str], bool]) -> bool:
        return any(accept(line) for line in self.lines)


def kill_after(command: Sequence[str], trial: Trial, *, env: dict[str, str] | None = None) -> Outcome:
    """Start `command`, kill it with SIGKILL as `trial` says, and return what it printed."""
    process = subprocess.Popen(
        list(command),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(process, lines), daemon=True)
    reader.start()
    outcome = Outcome(trial)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    try:
        while True:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            if line is None:  # the child ended before the moment came
                break
            outcome.lines.append(line)
            if trial.after(line):
                time.sleep(trial.delay)
                outcome.killed = process.poll() is None
                if outcome.killed:
                    process.send_signal(signal.SIGKILL)
                break
    except queue.Empty:
        process.kill()
        raise AssertionError(f"{trial.name}: the child printed nothing useful in {STARTUP_TIMEOUT:.0f} s") from None
    finally:
        outcome.returncode = process.wait(timeout=30)
        reader.join(timeout=10)
        assert process.stderr is not None
        outcome.stderr = process.stderr.read()
        process.stderr.close()
    while not lines.empty():
        rest = lines.get_nowait()
        if rest is not None:
            outcome.lines.append(rest)
    if not outcome.killed and outcome.returncode != 0:
        raise AssertionError(f"{trial.name}: the child failed by itself:\n{outcome.stderr}")
    return outcome


def _read_lines(process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line.rstrip("\n"))
    process.stdout.close()
    lines.put(None)


# --- what the database kept -----------------------------------------------------------------------------------


def sqlite_integrity(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """`PRAGMA integrity_check` and `PRAGMA foreign_key_check` of a file a killed process left behind (opening it
    replays or discards its write-ahead log as SQLite does after a crash)."""
    with sqlite3.connect(path) as conn:
        integrity = ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    return integrity, foreign


def row_counts(url: str, tables: Sequence[str]) -> dict[str, int]:
    """Rows per table, read through a connection of its own (SQLite path or SQLAlchemy URL)."""
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
    finally:
        engine.dispose()


def wait_for_other_sessions(url: str, timeout: float = 30.0) -> None:
    """PostgreSQL: wait until no session but ours is connected to the database (the killed client's backend has
    noticed the lost connection and rolled back)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    try:
        deadline = time.monotonic() + timeout
        with engine.connect() as conn:
            while conn.execute(query).scalar_one():
                if time.monotonic() > deadline:
                    raise AssertionError("the killed client's session is still open on the server")
                time.sleep(0.05)
    finally:
        engine.dispose()


# --- the import child -------------------------------------------------------------------------------------------


def import_command(target: str, home: Path, path: Path, kind: str, operator: str) -> list[str]:
    return [sys.executable, "-m", "tests.kill_harness", target, str(home), str(path), kind, operator]


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("OUTLET_DESK_DB", None)
    return env


def write_point(at: float) -> Callable[[str], bool]:
    """Accepts the first progress line at fraction `at` of the write phase or later: 0 is the report right before
    the write transaction begins, 1 the report right before its commit."""

    def accept(line: str) -> bool:
        parts = line.split()
        if len(parts) != 3 or parts[0] != "progress":
            return False
        done, total = int(parts[1]), int(parts[2])
        return done >= total * (1 + at) / 2

    return accept


def writing(line: str) -> bool:
    """A progress report from inside the write transaction."""
    parts = line.split()
    return len(parts) == 3 and parts[0] == "progress" and int(parts[1]) > int(parts[2]) / 2


def _child(argv: Sequence[str]) -> None:
    from app.imports.readers import read_file
    from app.imports.run import prepare, run_import
    from app.operators import find_operator
    from app.startup import open_database

    target, home, path, kind, operator = argv
    database = open_database(target, Path(home))
    table = read_file(Path(path))
    with database.read() as session:
        mapping = prepare(session, table, kind).mapping
        actor = find_operator(session, operator)

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    run_import(database, actor, table, kind, mapping, progress=progress)
    print("committed", flush=True)
    database.dispose()


if __name__ == "__main__":
    _child(sys.argv[1:])
