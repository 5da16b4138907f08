"""Memory (issue 13): peak RSS of child processes, read from the kernel's accounting of each child (`os.wait4`),
so the child needs no instrumentation and nothing is added to the dependencies.

- the desk over the 200,000-case database with every page and tab visited: `outlet-desk --selftest` (it opens the
  main window offscreen and visits each page and tab once, waiting for their reads). Target: under 300 MB.
  Baseline: a bare PySide6 window (the start-up bench's child).
- a 50,000-row import: the import bench's own child (bench/imports.py, the same generated file). Target: under
  400 MB. Baseline: a child that only reads the file with python-calamine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

from bench.imports import _CHILD as IMPORT_CHILD
from bench.imports import IMPORT_MEMORY_MB, IMPORT_ROWS, write_export
from bench.startup import _BARE

if TYPE_CHECKING:
    from bench.common import Result

WINDOW_MEMORY_MB = 300
ROOT = Path(__file__).resolve().parent.parent
_CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
print(len(rows))
"""


def peak_of(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child process (Linux reports ru_maxrss in KiB)."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a full pipe would block the child
        child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            raise RuntimeError(f"{argv[:3]} failed ({code}): {err.read().decode(errors='replace')[-2000:]}")
    return took, usage.ru_maxrss / 1024


def bench_memory(database_file: str, workdir: Path, size: int, runs: int, make_result: Any) -> list[Result]:
    home = workdir / "memory-home"
    home.mkdir(exist_ok=True)
    desk = [sys.executable, "-c", "from app.__main__ import main; main()", "--db", database_file]
    desk += ["--home", str(home), "--selftest"]
    window, bare = [], []
    for _ in range(runs):
        bare.append(peak_of([sys.executable, "-c", _BARE]))
        window.append(peak_of(desk))
    path = workdir / f"import-{IMPORT_ROWS}.xlsx"
    if not path.exists():
        write_export(path, IMPORT_ROWS)
    imports, reads = [], []
    import_home = workdir / "memory-import"
    import_home.mkdir(exist_ok=True)
    for _ in range(runs):
        (import_home / "memory.db").unlink(missing_ok=True)
        reads.append(peak_of([sys.executable, "-c", _CALAMINE, str(path)]))
        imports.append(peak_of([sys.executable, "-c", IMPORT_CHILD, str(path), str(import_home)]))
    results = []
    for name, ours, base, baseline, limit, rows in (
        (
            f"peak RSS, every page visited (< {WINDOW_MEMORY_MB} MB)",
            window,
            bare,
            "bare PySide6 window",
            WINDOW_MEMORY_MB,
            size,
        ),
        (
            f"peak RSS, import of {IMPORT_ROWS:,} rows (< {IMPORT_MEMORY_MB} MB)",
            imports,
            reads,
            "python-calamine reading the file",
            IMPORT_MEMORY_MB,
            IMPORT_ROWS,
        ),
    ):
        out = make_result(name, "sqlite", rows, [t for t, _ in ours], baseline, [t for t, _ in base], None)
        out.peak_mb = median(mb for _, mb in ours)
        out.met = out.peak_mb < limit
        out.baseline += f" (peak {median(mb for _, mb in base):.0f} MB)"
        print(
            f"  {name}: peaks {', '.join(f'{mb:.0f}' for _, mb in ours)} MB; baseline peaks "
            f"{', '.join(f'{mb:.0f}' for _, mb in base)} MB",
            file=sys.stderr,
        )
        results.append(out)
    return results
