"""Start-up (issue 13): a child process that imports the desk, opens the 200,000-case database, builds the main
window, shows it and waits for its first paint and for the start-up checks (`window.problems` is set), timed from
the moment the parent starts the process. Baseline in the same run: a child that starts a bare PySide6 window
(QApplication, a QWidget shown, its first paint). Target: under 2 s. The child also says which heavy libraries
were imported by then (reportlab, openpyxl, python_calamine and pypinyin must wait until first used)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.common import Result

STARTUP_TARGET_S = 2.0
HEAVY = ("reportlab", "openpyxl", "python_calamine", "pypinyin")
RARELY_NEEDED = ("alembic", "mako", "pygments")  # migrations only: printed, not failed
ROOT = Path(__file__).resolve().parent.parent

# What both children share: the moment of the first paint of any widget in a top-level window, on the system-wide
# monotonic clock the parent reads too.
_PAINT_PROBE = """
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
marks = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in marks and isinstance(obj, QWidget):
            marks["painted"] = time.monotonic()
        return False
"""

_BARE = (
    _PAINT_PROBE
    + """
app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
window = QWidget()
window.resize(1024, 700)
window.show()
def poll():
    if "painted" in marks:
        app.exit(0)
    else:
        QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
app.exec()
print(json.dumps(marks))
"""
)

_DESK = (
    _PAINT_PROBE
    + f"HEAVY = {HEAVY!r}\n"
    + """
import argparse
from ui.i18n import apply_font
from ui.main import Gui, _SelftestPrompt, apply_style
marks["imported"] = time.monotonic()
app = QApplication(sys.argv[:1])
app.setApplicationName("Outlet Desk")
app.setOrganizationName("OutletDesk")
apply_font(app)
apply_style(app)
probe = FirstPaint()
app.installEventFilter(probe)
args = argparse.Namespace(db=sys.argv[1], home=sys.argv[2], operator=None, lang=None, selftest=True)
gui = Gui(args, prompt=_SelftestPrompt())
assert gui.start() is None and gui.window is not None and gui.runner is not None
marks["shown"] = time.monotonic()
def poll():
    window, runner = gui.window, gui.runner
    if "checked" not in marks and window.problems is not None:
        marks["checked"] = time.monotonic()
    if "painted" in marks and "checked" in marks and not runner.busy:
        marks["idle"] = time.monotonic()
        app.exit(0)
    elif time.monotonic() - marks["imported"] > 120:
        app.exit(1)
    else:
        QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
code = app.exec()
marks["heavy"] = [name for name in HEAVY if name in sys.modules]
marks["problems"] = gui.window.problems
gui.close()
print(json.dumps(marks, ensure_ascii=False))
sys.exit(code)
"""
)


def _child(script: str, *argv: str) -> tuple[float, dict[str, Any]]:
    """Seconds from spawning the child to its first paint (and every mark, relative to the spawn)."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"start-up child failed ({done.returncode}): {done.stderr[-2000:]}")
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    rel = {k: v - start if isinstance(v, float) else v for k, v in marks.items()}
    return rel["painted"], rel


def import_costs(top: int = 10) -> tuple[list[tuple[str, float]], list[str]]:
    """The costliest imports of `ui.main` two levels down, by cumulative time (python -X importtime), and which
    of the libraries that only migrations or rare features need were among them; for the printout."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ui.main"], capture_output=True, text=True, cwd=ROOT
    )
    costs: list[tuple[str, float]] = []
    seen: set[str] = set()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, raw = line.split(":", 1)[1].split("|")
        name = raw.strip()
        seen.add(name.split(".")[0])
        if (len(raw) - len(raw.lstrip()) - 1) // 2 in (1, 2):  # what ui.main imports, and what those import
            costs.append((name, int(cumulative) / 1e6))
    return sorted(costs, key=lambda item: -item[1])[:top], [m for m in RARELY_NEEDED if m in seen]


def bench_startup(database_file: str, workdir: Path, size: int, runs: int, make_result: Any) -> Result:
    """Interleaved runs of the desk and the bare window; the desk's time is to first paint *and* checks done."""
    home = workdir / "startup-home"
    home.mkdir(exist_ok=True)
    samples, base, details = [], [], []
    for _ in range(runs):
        base.append(_child(_BARE)[0])
        _painted, marks = _child(_DESK, database_file, str(home))
        samples.append(max(marks["painted"], marks["checked"]))
        details.append(marks)
    for marks in details:
        print(
            "  start-up: imports {imported:.2f} s, window shown {shown:.2f} s, first paint {painted:.2f} s, "
            "checks done {checked:.2f} s, background reads idle {idle:.2f} s".format(**marks),
            file=sys.stderr,
        )
    heavy = sorted({name for marks in details for name in marks["heavy"]})
    print(f"  heavy libraries imported at start: {', '.join(heavy) or 'none'}", file=sys.stderr)
    costs, rare = import_costs()
    listed = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in costs)
    print(f"  import ui.main, costliest imports (cumulative): {listed}", file=sys.stderr)
    print(f"  imported at start though only migrations need them: {', '.join(rare) or 'none'}", file=sys.stderr)
    out = make_result(
        "start-up to interactive window (first paint + checks)",
        "sqlite",
        size,
        samples,
        "bare PySide6 window: QApplication + QWidget shown + first paint",
        base,
        STARTUP_TARGET_S,
    )
    if heavy:
        out.met = False
        out.name += f" [heavy at start: {', '.join(heavy)}]"
    return out
