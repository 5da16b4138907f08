"""Benchmarks with a raw-library baseline measured in the same run (STYLE.md: ratios, not absolute claims).

    uv run python bench/run.py [--cases N] [--runs R] [--pg URL]

Prints a table and writes bench/results/<timestamp>.json. Not part of the test run.

What is measured:
- demo: `app.demo.generate` of N cases into a fresh database; baseline: the driver's executemany of N minimal case
  rows into the same (migrated, indexed) schema, one transaction.
- page / count: `app.case_query.page(...)` and `.count(...)` for stuck + pending, newest first, 100 rows, on the
  demo database; baseline: the very SQL the app sent (captured from the engine), run through the raw driver.
- stuck list: each filter change and search the stuck-parcel page runs (count + first page of 200 in one read
  transaction) on the demo database; baseline: the same SELECTs (captured) through the raw driver. Target 100 ms.
- reminder scan: `app.reminders.scan` (everything due by the end of the day, counted, first 500 listed) on the
  demo database; baseline: the same SELECTs (captured) through the raw driver. Target 50 ms.
- daily sheet: `app.export.daily.write_daily_sheet` for a day with 10,000 stuck parcels (queries, formatting,
  both sheets); baseline: openpyxl write-only writing the same cells (values read back from the app's file, the
  overdue rows filled with WriteOnlyCells). The xlsx writer alone: `app.export.xlsx` writing those detail cells.
- import: a 50,000-row problem-parcel export imported into a fresh database (bench/imports.py); baseline:
  calamine reading the file plus the driver's executemany of its rows into one plain table. Target ≤ 6×, and
  under 400 MB peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import create_engine, event, insert, select, text

from app import demo, stuck_query
from app.case_query import CaseFilter, count, page
from app.startup import open_database
from app.stuck_query import StuckFilter
from bench.imports import IMPORT_MEMORY_MB, IMPORT_ROWS, bench_import
from db.engine import Database
from db.models import Waybill

RESULTS = Path(__file__).resolve().parent / "results"
FILTER = CaseFilter(kind="stuck", status="pending")
TARGETS = {"demo": 30.0, "page": 0.020, "count": 0.020}  # seconds; demo: for 200,000 cases (DESIGN brief)
EXPORT_ROWS = 10_000
EXPORT_RATIO = 1.5  # the daily sheet and its writer: at most this many times raw openpyxl write-only


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


# --- the benchmarks ----------------------------------------------------------------------------------------------

MINIMAL_CASE = (
    "INSERT INTO cases (id, kind, direction, waybill_id, status, priority, opened_at, created_at, version, "
    "repeat_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def bench_demo(target: Target, cases: int, runs: int, then: Callable[[Database, str], None]) -> Result:
    """Median of `runs` generations into fresh databases; `then` runs on the last one before it is dropped."""
    samples = []
    for n in range(runs):
        with target.fresh() as (database, where):
            start = time.perf_counter()
            report = demo.generate(database, cases=cases, seed=n)
            samples.append(time.perf_counter() - start)
            assert report.cases == cases
            if n == runs - 1:
                then(database, where)
    base = []
    for _ in range(runs):
        with target.fresh() as (database, where):
            now = datetime.now(UTC)
            with database.write() as session:  # one parcel for the minimal rows to point at
                session.execute(insert(Waybill), [{"id": 1, "waybill_no": "YT0000000000001", "created_at": now}])
            rows = [
                (
                    i,
                    "stuck",
                    "inbound",
                    1,
                    "pending",
                    0,
                    target.stamp(now - timedelta(seconds=i)),
                    target.stamp(now),
                    1,
                    0,
                )
                for i in range(1, cases + 1)
            ]
            database.dispose()
            base.append(target.raw_insert(where, MINIMAL_CASE, rows))
    target_s = TARGETS["demo"] if cases == 200_000 else None  # the target is set for that size only
    return result(
        "demo generate", target.engine, cases, samples, "driver executemany, minimal case rows", base, target_s
    )


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


def bench_queries(target: Target, database: Database, where: str, size: int, runs: int) -> list[Result]:
    results = []
    raw = target.raw_query(where)
    for name, call in (
        ("page of 100 (stuck, pending, newest first)", lambda s: page(s, FILTER, sort="opened_at", limit=100)),
        ("count (stuck, pending)", lambda s: count(s, FILTER)),
    ):
        with database.read() as session:
            expected = call(session)  # warm: caches, pages in memory
            with captured(database) as seen:
                call(session)
        statement, parameters = next((s, p) for s, p in reversed(seen) if s.lstrip().upper().startswith("SELECT"))
        got = raw(statement, parameters)
        size_check = len(expected) if isinstance(expected, list) else expected
        raw_check = len(got) if isinstance(expected, list) else got[0][0]
        assert size_check == raw_check, (name, size_check, raw_check)

        def app_call(call: Callable[[Any], Any] = call) -> None:
            with database.read() as session:
                call(session)

        def raw_call(statement: str = statement, parameters: Any = parameters) -> None:
            raw(statement, parameters)

        samples = timed(app_call, runs)
        base = timed(raw_call, runs)
        key = "page" if name.startswith("page") else "count"
        results.append(
            result(name, target.engine, size, samples, "same SQL through the raw driver", base, TARGETS[key])
        )
    return results


# --- the stuck-parcel list ----------------------------------------------------------------------------------------

# What the page asks when the clerk changes a filter or types in search: the count and the first page of 200, in
# one read transaction (ui.models.paged_table_model._first_page). Search texts: part of a waybill, a phone's last
# four digits, a surname.
STUCK_REFRESHES = {
    "filter: open + overdue": StuckFilter(open_only=True, overdue=True),
    "filter: open + type + inbound": StuckFilter(open_only=True, problem_types=("no_answer",), direction="inbound"),
    "filter: open + carrier + not in system": StuckFilter(open_only=True, carrier="ZTO", not_in_system=True),
    "filter: awaiting reply": StuckFilter(open_only=True, awaiting_reply=True),
    "search: part of a waybill": StuckFilter(open_only=True, text="64678"),
    "search: phone last 4": StuckFilter(open_only=True, text="5678"),
    "search: surname": StuckFilter(open_only=True, text="王"),
}
STUCK_TARGET = 0.100


def bench_stuck_list(target: Target, database: Database, where: str, size: int, runs: int) -> list[Result]:
    """Each refresh as the page runs it, against the same SELECTs (captured) through the raw driver."""
    results = []
    raw = target.raw_query(where)
    now = datetime.now(UTC)
    for name, f in STUCK_REFRESHES.items():

        def app_call(f: StuckFilter = f) -> tuple[int, list[Any]]:
            with database.read() as session:
                return stuck_query.count(session, f, now=now), stuck_query.page(
                    session, f, sort="opened_at", limit=200, now=now
                )

        total, rows = app_call()  # warm
        with captured(database) as seen:
            app_call()
        selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        got = [raw(s, p) for s, p in selects]
        assert got[0][0][0] == total and len(got[-1]) == len(rows), (name, total, len(rows))

        def raw_call(selects: list[tuple[str, Any]] = selects) -> None:
            for statement, parameters in selects:
                raw(statement, parameters)

        samples, base = timed_pair(app_call, raw_call, runs)
        results.append(
            result(
                f"stuck list {name} ({total:,} match)",
                target.engine,
                size,
                samples,
                "same SELECTs through the raw driver",
                base,
                STUCK_TARGET,
            )
        )
    return results


REMINDER_TARGET = 0.050


def bench_reminders(target: Target, database: Database, where: str, size: int, runs: int) -> Result:
    """The reminder centre's minute timer: `reminders.scan` for the demo's clerk, against its SELECTs raw."""
    from app import settings
    from app.reminders import scan

    raw = target.raw_query(where)
    now = datetime.now(UTC)
    with database.read() as session:
        rules = settings.deadline_rules(session)

    def app_call() -> Any:
        with database.read() as session:
            return scan(session, now, rules, operator_id=1)

    found = app_call()  # warm
    with captured(database) as seen:
        app_call()
    selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def raw_call() -> None:
        for statement, parameters in selects:
            raw(statement, parameters)

    samples, base = timed_pair(app_call, raw_call, runs)
    due = sum(found.counts.values())
    name = f"reminder scan ({due:,} due today)"
    return result(name, target.engine, size, samples, "same SELECTs through the raw driver", base, REMINDER_TARGET)


# --- exports -----------------------------------------------------------------------------------------------------


def timed_pair(app: Callable[[], Any], raw: Callable[[], Any], runs: int) -> tuple[list[float], list[float]]:
    """App and baseline runs interleaved, so load from other processes on a shared machine hits both alike."""
    samples: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        samples += timed(app, 1)
        base += timed(raw, 1)
    return samples, base


def daily_fixture(database: Database, rows: int) -> date:
    """`rows` stuck parcels on one day, shaped like an outlet's: couriers with areas, compounds in addresses, 留言
    summaries, a fifth overdue, a tenth closed that day. Written with Core bulk inserts."""
    from app.deadlines import DeadlineRules
    from db.models import Area, Carrier, Case, Courier, CourierArea, Operator, Place, ProblemType, StuckDetail

    day, zone = date(2026, 10, 14), DeadlineRules().tz()
    start = datetime(2026, 10, 14, 8, 0, tzinfo=zone)
    with database.write() as session:
        carrier = session.scalar(select(Carrier.id).where(Carrier.code == "YTO"))
        handler = session.scalar(select(Operator.id))
        types = list(session.scalars(select(ProblemType.id).where(ProblemType.kind == "stuck")))
        session.execute(insert(Area), [{"id": i, "name": f"片区{i}", "created_at": start} for i in range(1, 11)])
        session.execute(insert(Courier), [{"id": i, "name": f"快递员{i}", "created_at": start} for i in range(1, 21)])
        session.execute(insert(CourierArea), [{"courier_id": i, "area_id": (i - 1) % 10 + 1} for i in range(1, 21)])
        compounds = [f"小区{i}花园" for i in range(40)]
        session.execute(insert(Place), [{"kind": "compound", "name": n, "created_at": start} for n in compounds])
        session.execute(
            insert(Waybill),
            [
                {
                    "id": i,
                    "waybill_no": f"YT{8962646700000 + i}",
                    "carrier_id": carrier,
                    "recipient_phone": f"138{i:08d}",
                    "recipient_phone_tail": f"{i:08d}"[-4:],
                    "recipient_address": f"江州市临江区滨江路{i % 300}号{compounds[i % 50] if i % 50 < 40 else '商铺'}"
                    f"{i % 24}栋{i % 4}单元{i % 18}01",
                    "created_at": start,
                }
                for i in range(1, rows + 1)
            ],
        )
        opened = [start + timedelta(seconds=3 * i) for i in range(rows + 1)]
        session.execute(
            insert(Case),
            [
                {
                    "id": i,
                    "kind": "stuck",
                    "direction": "inbound",
                    "waybill_id": i,
                    "status": "closed" if i % 10 == 0 else "awaiting_reply",
                    "problem_type_id": types[i % len(types)],
                    "detail": "收件人电话关机，已发短信",
                    "opened_at": opened[i],
                    "created_at": opened[i],
                    "due_at": opened[i] + timedelta(hours=4 if i % 4 == 0 else 72),
                    "closed_at": opened[i] + timedelta(hours=1) if i % 10 == 0 else None,
                    "handler_id": handler,
                    "courier_id": i % 20 + 1,
                }
                for i in range(1, rows + 1)
            ],
        )
        session.execute(
            insert(StuckDetail),
            [
                {
                    "case_id": i,
                    "registered_by": "us",
                    "in_carrier_system": i % 7 != 0,
                    "shelf": f"{'ABCDEF'[i % 6]}-{i % 20:02d}",
                    "message_direction": "sent",
                    "message_text": "收件人电话关机，请联系寄件人提供正确电话，谢谢",
                    "message_at": opened[i] + timedelta(minutes=10),
                    "reply_text": "已联系寄件人，请再派" if i % 3 == 0 else None,
                    "reply_at": opened[i] + timedelta(hours=2) if i % 3 == 0 else None,
                    "awaiting_reply": i % 3 != 0,
                }
                for i in range(1, rows + 1)
            ],
        )
    return day


Cells = list[tuple[str, list[tuple[Any, ...]]]]  # (sheet title, rows of values) per sheet


def _sheet_cells(path: Path) -> Cells:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
    finally:
        book.close()


def _raw_write(sheets: Cells, path: Path, filled: set[int]) -> None:
    """The same cells the plain openpyxl way: values appended, rows `filled` (indexes into the first sheet) as
    WriteOnlyCells with the overdue fill, as openpyxl's documentation styles cells in write-only mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    book = Workbook(write_only=True)
    for number, (title, rows) in enumerate(sheets):
        ws = book.create_sheet(title)
        for index, row in enumerate(rows):
            if number == 0 and index in filled:
                cells = [WriteOnlyCell(ws, value) for value in row]
                for cell in cells:
                    cell.fill = fill
                ws.append(cells)
            else:
                ws.append(row)
    book.save(path)


def bench_daily(target: Target, runs: int) -> list[Result]:
    """The daily sheet against raw openpyxl writing its cells; on SQLite also the writer alone."""
    from app.export import xlsx
    from app.export.daily import DAILY_COLUMNS, write_daily_sheet

    results = []
    baseline = "openpyxl write-only, same cells and fills"
    mark = [c.key for c in DAILY_COLUMNS].index("mark")
    with target.fresh() as (database, _where):
        day = daily_fixture(database, EXPORT_ROWS)
        ours, raw = target.workdir / "daily.xlsx", target.workdir / "raw.xlsx"

        def app_call() -> None:
            with database.read() as session:
                summary = write_daily_sheet(session, day, ours)
            assert summary.rows == EXPORT_ROWS

        app_call()  # warm: imports, caches
        sheets = _sheet_cells(ours)
        title, rows = sheets[0]
        data = rows[2 : 2 + EXPORT_ROWS]
        overdue = {2 + i for i, row in enumerate(data) if "超期" in (row[mark] or "")}
        samples, base = timed_pair(app_call, lambda: _raw_write(sheets, raw, overdue), runs)
        name = f"daily sheet ({EXPORT_ROWS:,} rows)"
        results.append(result(name, target.engine, EXPORT_ROWS, samples, baseline, base, None))
    if target.engine == "sqlite":
        columns = [xlsx.SheetColumn(str(h), c.width) for h, c in zip(rows[1], DAILY_COLUMNS, strict=True)]

        def writer_call() -> None:
            book = xlsx.Book()
            sheet = book.sheet(title, str(rows[0][0]), columns)
            for index, row in enumerate(data, 2):
                sheet.append(row, highlight=index in overdue)
            book.save(ours)

        detail_only = [(title, rows[: 2 + EXPORT_ROWS])]
        samples, base = timed_pair(writer_call, lambda: _raw_write(detail_only, raw, overdue), runs)
        results.append(result("xlsx writer (daily detail cells)", "-", EXPORT_ROWS, samples, baseline, base, None))
    for r in results:
        r.target_ratio, r.met = EXPORT_RATIO, r.ratio <= EXPORT_RATIO
    ours.unlink(missing_ok=True)
    raw.unlink(missing_ok=True)
    return results


# --- output ------------------------------------------------------------------------------------------------------


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.2f} ms"


def print_table(results: list[Result]) -> None:
    header = ("measured", "engine", "size", "runs", "median", "raw baseline", "ratio", "target", "met")
    rows = [
        (
            r.name,
            r.engine,
            f"{r.size:,}",
            str(r.runs),
            _fmt(r.median_s),
            _fmt(r.baseline_median_s),
            f"{r.ratio:.1f}×",
            f"< {_fmt(r.target_s)}" if r.target_s is not None else f"≤ {r.target_ratio}×" if r.target_ratio else "",
            {True: "yes", False: "NO", None: ""}[r.met],
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    for r in results:
        if r.peak_mb is not None:
            print(f"{r.name} [{r.engine}]: peak memory {r.peak_mb:.0f} MB (target < {IMPORT_MEMORY_MB} MB)")
    baselines = {r.name.split(" (")[0]: r.baseline for r in results}
    print("baselines: " + "; ".join(f"{name} = {baseline}" for name, baseline in baselines.items()))


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
    }


PARTS = ("demo", "daily", "import")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the demo benchmark (queries: 10× as many)")
    parser.add_argument("--pg", metavar="URL", help="also on PostgreSQL (a user that may create databases)")
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="only this part (repeatable)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="outlet-bench-") as tmp:
        workdir = Path(tmp)
        targets: list[Target] = [Target(workdir)]
        if args.pg:
            targets.append(PgTarget(workdir, args.pg))
        for target in targets:

            def queries(database: Database, where: str, target: Target = target) -> None:
                results.extend(bench_queries(target, database, where, args.cases, args.runs * 10))
                results.extend(bench_stuck_list(target, database, where, args.cases, args.runs * 5))
                results.append(bench_reminders(target, database, where, args.cases, args.runs * 10))

            if "demo" in parts:
                print(f"[{target.engine}] demo --cases {args.cases:,} × {args.runs} …", file=sys.stderr, flush=True)
                first = len(results)
                results.insert(first, bench_demo(target, args.cases, args.runs, queries))
            if "daily" in parts:
                print(f"[{target.engine}] daily sheet, {EXPORT_ROWS:,} rows …", file=sys.stderr, flush=True)
                results.extend(bench_daily(target, max(args.runs, 5)))
            if "import" in parts:
                print(f"[{target.engine}] import, {IMPORT_ROWS:,} rows …", file=sys.stderr, flush=True)
                results.append(bench_import(target, args.runs, result))
    print_table(results)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(
        json.dumps(
            {
                "at": datetime.now(UTC).isoformat(),
                "args": vars(args) | {"pg": bool(args.pg)},
                "machine": machine(),
                "results": [asdict(r) for r in results],
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
