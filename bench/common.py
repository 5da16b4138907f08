"""What every benchmark shares: the result record, timing, the engines (fresh migrated databases and raw-driver
statements) and capturing the SQL the app sends, so the raw baseline runs exactly the same statements."""

from __future__ import annotations

import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text

from app.startup import open_database
from db.engine import Database


@dataclass
class Result:
    name: str
    engine: str
    size: int
    runs: int
    median_s: float
    baseline: str
    baseline_median_s: float
    ratio: float
    target_s: float | None
    met: bool | None
    samples_s: list[float]
    baseline_samples_s: list[float]
    target_ratio: float | None = None
    peak_mb: float | None = None  # peak RSS of a child process doing the same work, where measured


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def result(
    name: str, engine: str, size: int, samples: list[float], baseline: str, base: list[float], target: float | None
) -> Result:
    median, base_median = statistics.median(samples), statistics.median(base)
    return Result(
        name=name,
        engine=engine,
        size=size,
        runs=len(samples),
        median_s=median,
        baseline=baseline,
        baseline_median_s=base_median,
        ratio=median / base_median if base_median else float("inf"),
        target_s=target,
        met=None if target is None else median <= target,
        samples_s=samples,
        baseline_samples_s=base,
    )


# --- databases -------------------------------------------------------------------------------------------------


class Target:
    """One engine: makes fresh migrated databases and runs raw-driver statements against them."""

    engine = "sqlite"

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir

    @contextmanager
    def fresh(self) -> Iterator[tuple[Database, str]]:
        path = self.workdir / f"bench-{uuid.uuid4().hex[:8]}.db"
        database = open_database(str(path), self.workdir)
        try:
            yield database, str(path)
        finally:
            database.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

    def raw_insert(self, target: str, sql: str, rows: list[tuple[Any, ...]]) -> float:
        conn = sqlite3.connect(target, isolation_level=None)
        try:
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(sql, rows)
            conn.execute("COMMIT")
            return time.perf_counter() - start
        finally:
            conn.close()

    def raw_query(self, target: str) -> Callable[[str, Any], list[Any]]:
        conn = sqlite3.connect(target)
        return lambda sql, params: conn.execute(sql, params).fetchall()

    @staticmethod
    def stamp(at: datetime) -> Any:
        """How the app's UTCDateTime stores an instant on SQLite: naive UTC text."""
        return at.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


class PgTarget(Target):
    engine = "postgresql"

    def __init__(self, workdir: Path, url: str) -> None:
        super().__init__(workdir)
        self.admin = create_engine(
            url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
        )

    @contextmanager
    def fresh(self) -> Iterator[tuple[Database, str]]:
        name = f"od_bench_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = self.admin.url.set(database=name).render_as_string(hide_password=False)
        database = open_database(url, self.workdir)
        try:
            yield database, url
        finally:
            database.dispose()
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _connect(self, target: str) -> Any:
        import psycopg

        return psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://", 1))

    def raw_insert(self, target: str, sql: str, rows: list[tuple[Any, ...]]) -> float:
        conn = self._connect(target)
        try:
            start = time.perf_counter()
            with conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
            conn.commit()
            return time.perf_counter() - start
        finally:
            conn.close()

    def raw_query(self, target: str) -> Callable[[str, Any], list[Any]]:
        conn = self._connect(target)
        conn.autocommit = True
        return lambda sql, params: conn.execute(sql, params).fetchall()

    @staticmethod
    def stamp(at: datetime) -> Any:
        return at


@contextmanager
def captured(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The SQL and parameters the app sends, exactly as the driver receives them."""
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)


def timed_pair(app: Callable[[], Any], raw: Callable[[], Any], runs: int) -> tuple[list[float], list[float]]:
    """App and baseline runs interleaved, so load from other processes on a shared machine hits both alike."""
    samples: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        samples += timed(app, 1)
        base += timed(raw, 1)
    return samples, base
