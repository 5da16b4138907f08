"""Benchmarks with a raw-library baseline measured in the same run (STYLE.md: ratios, not absolute claims).

    uv run python bench/run.py [--cases N] [--runs R] [--pg URL] [--only PART] [--demo-db FILE]

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
- lookup: `app.lookup.lookup` for a phone's last four digits and for six characters of a waybill number on the
  demo database with 5,000 places added (bench/lookup.py); baseline: its main SELECT (captured) through the raw
  driver. Target 50 ms. With `--only lookup`, `--demo-db FILE` uses a copy of a demo database built beforehand
  (`outlet-desk --db FILE demo --cases 200000`) instead of generating one.
- month report: `app.reports.report.build_report` for the demo's busiest month, one read session, each figure's
  median printed too (bench/reports.py); baseline: that month's cases counted by kind, one grouped SELECT through
  the raw driver. Target 300 ms. `--demo-db FILE` works for it as for the lookup.
- notebook: `app.notebook.search.search` for a 3-character Chinese query over 50,000 notes written into a fresh
  database (bench/notebook.py); baseline: its SELECT on the notes (captured) through the raw driver. Target 50 ms.
- claim form: `app.export.claim_form.render_claim_form` for a claim with six 3000×2000 photos (bench/claims.py);
  baseline: reportlab's canvas writing one plain A4 page with the same six JPEG files via drawImage. Target 300 ms.
- import: a 50,000-row problem-parcel export imported into a fresh database (bench/imports.py); baseline:
  calamine reading the file plus the driver's executemany of its rows into one plain table. Target ≤ 6×, and
  under 400 MB peak memory.
- startup: a child process that imports the desk, opens the demo database, shows the main window and waits for its
  first paint and the start-up checks, timed from the process's start (bench/startup.py); baseline: a bare PySide6
  window's first paint in a child. Target 2 s; heavy libraries imported at start fail it.
- ui: the longest event-loop stall (a 5 ms probe timer) on every list page during first paint, a filter change,
  a sort change, search typing and scrolling (bench/responsiveness.py); baseline: the probe on an idle loop.
  Target 100 ms.
- memory: peak RSS of `outlet-desk --selftest` over the demo database (every page and tab visited) and of the
  import bench's child (bench/memory.py); baselines: a bare PySide6 window, calamine reading the file.
  Targets 300 MB and 400 MB.
  startup, ui and memory run on SQLite only and take `--demo-db FILE` as the lookup does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import insert

from app import demo
from app.case_query import CaseFilter, count, page
from app.startup import open_database
from bench.claims import PHOTOS, bench_claim_form
from bench.common import PgTarget, Result, Target, captured, result, timed
from bench.exports import EXPORT_ROWS, bench_daily
from bench.imports import IMPORT_MEMORY_MB, IMPORT_ROWS, bench_import
from bench.lists import bench_reminders, bench_stuck_list
from bench.lookup import add_places, bench_lookup
from bench.memory import WINDOW_MEMORY_MB, bench_memory
from bench.notebook import NOTES, bench_search
from bench.reports import bench_report
from bench.responsiveness import bench_responsiveness
from bench.startup import bench_startup
from db.engine import Database
from db.models import Waybill

RESULTS = Path(__file__).resolve().parent / "results"
FILTER = CaseFilter(kind="stuck", status="pending")
TARGETS = {"demo": 30.0, "page": 0.020, "count": 0.020}  # seconds; demo: for 200,000 cases (DESIGN brief)


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
            limit = WINDOW_MEMORY_MB if "every page" in r.name else IMPORT_MEMORY_MB
            print(f"{r.name} [{r.engine}]: peak memory {r.peak_mb:.0f} MB (target < {limit} MB)")
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


@contextmanager
def demo_database(target: Target, copy_of: str | None, cases: int) -> Iterator[tuple[Database, str]]:
    """A demo database for the query benchmarks alone: a copy of one built beforehand, or a new one."""
    if copy_of is not None and target.engine == "sqlite":
        path = target.workdir / "demo-copy.db"
        shutil.copyfile(copy_of, path)
        database = open_database(str(path), target.workdir)
        try:
            yield database, str(path)
        finally:
            database.dispose()
        return
    with target.fresh() as (database, where):
        demo.generate(database, cases=cases, seed=0)
        yield database, where


PARTS = ("demo", "daily", "import", "lookup", "reports", "notebook", "claims", "startup", "ui", "memory")
DESK_PARTS = {"startup", "ui", "memory"}  # the whole desk in child processes, over a demo database file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the demo benchmark (queries: 10× as many)")
    parser.add_argument("--pg", metavar="URL", help="also on PostgreSQL (a user that may create databases)")
    parser.add_argument(
        "--demo-db", metavar="FILE", help="lookup, reports, startup, ui, memory: a copy of this SQLite demo database"
    )
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
                on_demo(database, where)

            def on_demo(database: Database, where: str, target: Target = target) -> None:
                """The benchmarks that read a demo database: the report last, as it vacuums PostgreSQL first."""
                if "lookup" in parts:
                    print(f"[{target.engine}] lookup …", file=sys.stderr, flush=True)
                    add_places(database, target)
                    results.extend(bench_lookup(target, database, where, args.cases, args.runs * 10))
                if "reports" in parts:
                    print(f"[{target.engine}] month report …", file=sys.stderr, flush=True)
                    results.append(bench_report(target, database, where, args.cases, args.runs * 5))
                if target.engine != "sqlite":
                    return
                database.dispose()  # the children open the file themselves
                if "startup" in parts:
                    print(f"[{target.engine}] start-up …", file=sys.stderr, flush=True)
                    results.append(bench_startup(where, target.workdir, args.cases, args.runs + 2, result))
                if "ui" in parts:
                    print(f"[{target.engine}] UI stalls on every list page …", file=sys.stderr, flush=True)
                    results.extend(bench_responsiveness(where, target.workdir, args.cases, args.runs, result))
                if "memory" in parts:
                    print(f"[{target.engine}] peak memory …", file=sys.stderr, flush=True)
                    results.extend(bench_memory(where, target.workdir, args.cases, args.runs, result))

            if "demo" in parts:
                print(f"[{target.engine}] demo --cases {args.cases:,} × {args.runs} …", file=sys.stderr, flush=True)
                first = len(results)
                results.insert(first, bench_demo(target, args.cases, args.runs, queries))
            elif parts & ({"lookup", "reports"} | DESK_PARTS):
                with demo_database(target, args.demo_db, args.cases) as (database, where):
                    on_demo(database, where)
            if "daily" in parts:
                print(f"[{target.engine}] daily sheet, {EXPORT_ROWS:,} rows …", file=sys.stderr, flush=True)
                results.extend(bench_daily(target, max(args.runs, 5)))
            if "import" in parts:
                print(f"[{target.engine}] import, {IMPORT_ROWS:,} rows …", file=sys.stderr, flush=True)
                results.append(bench_import(target, args.runs, result))
            if "notebook" in parts:
                print(f"[{target.engine}] notebook search, {NOTES:,} notes …", file=sys.stderr, flush=True)
                results.append(bench_search(target, args.runs * 10))
            if "claims" in parts:
                print(f"[{target.engine}] claim form, {PHOTOS} photos …", file=sys.stderr, flush=True)
                results.append(bench_claim_form(target, args.runs * 5))
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
