"""The import benchmark (issue 4): a 50,000-row problem-parcel export, as a carrier system writes it, imported into
a fresh database — read, check, upsert waybills, cases, details and messages, record the batch, commit — against
the raw baseline of the same run: python-calamine reading the file plus the driver's `executemany` of the same
rows (as text) into one plain table in one transaction. Target: at most 6× the baseline. Peak memory is measured
in a child process doing the whole import (target: under 400 MB)."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from bench.common import Result, Target

IMPORT_ROWS = 50_000
IMPORT_RATIO = 6.0
IMPORT_MEMORY_MB = 400
HEADER = ["运单号", "快递公司", "问题类型", "登记时间", "收件人", "收件人电话", "收件地址", "留言内容", "派件员"]
_TYPES = ["地址不详", "电话无人接听", "拒收", "客户要求改地址", "破损", "超区", "收件人不在"]
_STREETS = ["红星路", "人民路", "解放大道", "建设街", "和平里", "光明小区"]


def write_export(path: Path, rows: int, *, seed: int = 4) -> Path:
    """A carrier-style export: a title row, the header, `rows` rows (waybills as text, times as Excel dates)."""
    from openpyxl import Workbook

    dice = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("问题件")
    sheet.append(["问题件明细（导出）"])
    sheet.append(HEADER)
    start = datetime(2026, 11, 1, 8, 0)
    for i in range(rows):
        sheet.append(
            [
                f"YT{7730_0000_0000 + i * 7:013d}",
                "圆通",
                dice.choice(_TYPES),
                start + timedelta(minutes=i % 20_000),
                f"{dice.choice('王李张刘陈杨赵黄')}{dice.choice('伟芳娜敏静强磊洋')}",
                f"1{dice.randint(3, 9)}{dice.randint(0, 9)}****{dice.randint(0, 9999):04d}",
                f"{dice.choice(_STREETS)}{dice.randint(1, 300)}号",
                "请核实地址后派送" if i % 3 == 0 else None,
                f"快递员{i % 40}",
            ]
        )
    book.save(path)
    return path


def _raw(target: Target, path: Path) -> float:
    """calamine read + executemany of the data rows into one plain table of a fresh database."""
    from python_calamine import CalamineWorkbook

    with target.fresh() as (database, where):
        columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
        with database.engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE plain_rows ({columns})"))
        start = time.perf_counter()
        grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        rows = [tuple(None if v == "" else str(v) for v in row) for row in grid[2:]]
        read = time.perf_counter() - start
        marks = ", ".join("?" * len(HEADER))
        return read + target.raw_insert(where, f"INSERT INTO plain_rows VALUES ({marks})", rows)


def _ours(target: Target, path: Path) -> float:
    from app.imports.readers import read_file
    from app.imports.run import prepare, run_import
    from app.operators import create_operator

    with target.fresh() as (database, _where):
        with database.write() as session:
            actor = create_operator(session, "基准", role="clerk")
        start = time.perf_counter()
        table = read_file(path)
        with database.read() as session:
            prepared = prepare(session, table, "stuck")
        result = run_import(database, actor, table, "stuck", prepared.mapping)
        took = time.perf_counter() - start
        assert result.created == IMPORT_ROWS and not result.rejected, (result.created, result.rejected[:3])
        return took


_CHILD = """
import resource, sys
from pathlib import Path
from app.startup import open_database
from app.operators import create_operator
from app.imports.readers import read_file
from app.imports.run import prepare, run_import
home = Path(sys.argv[2])
database = open_database(str(home / "memory.db"), home)
with database.write() as session:
    actor = create_operator(session, "基准", role="clerk")
table = read_file(Path(sys.argv[1]))
with database.read() as session:
    prepared = prepare(session, table, "stuck")
result = run_import(database, actor, table, "stuck", prepared.mapping)
assert result.created == len(table.rows), result.created
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb(path: Path, workdir: Path) -> float:
    """Peak RSS of a process that imports the file into a fresh SQLite database (Linux reports KiB)."""
    home = workdir / "memory"
    home.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(home)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def bench_import(target: Target, runs: int, make_result: Any) -> Result:
    path = target.workdir / f"import-{IMPORT_ROWS}.xlsx"
    if not path.exists():
        write_export(path, IMPORT_ROWS)
    samples, base = [], []
    for _ in range(runs):  # interleaved, so load from other processes hits both alike
        base.append(_raw(target, path))
        samples.append(_ours(target, path))
    baseline = "calamine read + raw executemany into one plain table"
    out = make_result(f"import ({IMPORT_ROWS:,} rows)", target.engine, IMPORT_ROWS, samples, baseline, base, None)
    out.target_ratio, out.met = IMPORT_RATIO, out.ratio <= IMPORT_RATIO
    if target.engine == "sqlite":
        out.peak_mb = peak_memory_mb(path, target.workdir)
        out.met = out.met and out.peak_mb < IMPORT_MEMORY_MB
    return out
