"""Responsiveness (issue 13): the longest the UI thread stays blocked on each list page over the 200,000-case
database, while the page paints for the first time, a filter changes, the sort changes, a search is typed and
the whole list is scrolled. A probe timer fires every 5 ms and keeps the largest gap between two firings: any
work on the UI thread (a query, a model reset, painting thousands of rows) shows up as that gap. Baseline in
the same run: the same probe over an idle event loop (the timer's own jitter). Target: no stall over 100 ms.

The pages are driven in a child process (`python -m bench.responsiveness DB HOME SCROLL_S`) that prints one
JSON line: {"idle": seconds, "pages": {page: {action: seconds, ...}}, "rows": {page: rows reached scrolling}}.
Scrolling stops after SCROLL_S seconds of a page (200,000 rows at 200 a page would take minutes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.common import Result

STALL_TARGET_S = 0.100
PROBE_MS = 5
SETTLE_MS = 350  # after the task runner goes idle: the search delay (300 ms) and the paint that follows
SEARCH_TEXT = "138"
ROOT = Path(__file__).resolve().parent.parent
PAGES = {  # navigation row → name, in the window's order (the lookup page is a search, not a list)
    0: "today",
    2: "stuck",
    3: "cases",
    4: "chases",
    5: "complaints",
    6: "reminders",
    7: "claims",
    8: "money",
    9: "notebook",
    10: "directory",
}


# --- the child: drives the real window ----------------------------------------------------------------------


def _drive(database_file: str, home: str, scroll_s: float) -> dict[str, Any]:
    import argparse

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QTabWidget, QWidget

    from ui.i18n import apply_font
    from ui.main import Gui, _SelftestPrompt, apply_style

    app = QApplication(sys.argv[:1])
    apply_font(app)  # type: ignore[arg-type]
    apply_style(app)  # type: ignore[arg-type]
    args = argparse.Namespace(db=database_file, home=home, operator=None, lang=None, selftest=True)
    gui = Gui(args, prompt=_SelftestPrompt())
    assert gui.start() is None and gui.window is not None and gui.runner is not None
    window, runner = gui.window, gui.runner
    window.resize(1366, 768)

    class Probe:
        def __init__(self) -> None:
            self.clock = QElapsedTimer()
            self.clock.start()
            self.last = self.clock.nsecsElapsed()
            self.worst = 0
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(PROBE_MS)
            self.timer.timeout.connect(self.tick)
            self.timer.start()

        def tick(self) -> None:
            now = self.clock.nsecsElapsed()
            self.worst = max(self.worst, now - self.last)
            self.last = now

        def reset(self) -> None:
            self.last, self.worst = self.clock.nsecsElapsed(), 0

    def settle(limit_ms: int = 60_000) -> None:
        """Until the task runner has been idle for SETTLE_MS (its answers arrive and are painted)."""
        clock = QElapsedTimer()
        clock.start()
        quiet = QElapsedTimer()
        quiet.start()
        while clock.elapsed() < limit_ms:
            QTest.qWait(10)
            if runner.busy:
                quiet.restart()
            elif quiet.elapsed() >= SETTLE_MS:
                return

    probe = Probe()

    def measure(action: Callable[[], None]) -> float:
        settle()
        probe.reset()
        action()
        settle()
        probe.tick()
        return probe.worst / 1e9

    def visible(page: QWidget, kind: type) -> list[Any]:
        return [w for w in page.findChildren(kind) if w.isVisible() and w.isEnabled()]

    while window.problems is None:
        QTest.qWait(20)
    settle()
    idle = measure(lambda: QTest.qWait(1000))
    pages: dict[str, dict[str, float]] = {}
    rows: dict[str, int] = {}
    for number, name in PAGES.items():
        page = window.pages.widget(number)
        stalls = pages.setdefault(name, {})
        stalls["first paint"] = measure(lambda number=number: window.show_page(number))
        if name == "today":
            today: Any = page
            kind = today.report.kind
            stalls["report first paint"] = measure(lambda t=today: t.tabs.setCurrentIndex(1))
            stalls["report: month"] = measure(lambda k=kind: k.setCurrentIndex(max(0, k.findData("month"))))
            stalls["report: previous month"] = measure(
                lambda t=today: QTest.keyClick(t.report, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
            )
            today.tabs.setCurrentIndex(0)
            continue
        for tabs in [t for t in page.findChildren(QTabWidget) if t.isVisible()]:
            for index in range(1, tabs.count()):
                label = tabs.tabText(index).replace("&", "")
                stalls[f"tab {label} first paint"] = measure(lambda t=tabs, i=index: t.setCurrentIndex(i))
            tabs.setCurrentIndex(0)
            settle()
        views = sorted(visible(page, QAbstractItemView), key=lambda v: -(v.model().rowCount() if v.model() else 0))
        combos = [c for c in visible(page, QComboBox) if not c.isEditable() and c.count() > 1]
        searches = [e for e in visible(page, QLineEdit) if not e.isReadOnly() and e.parent() is not None]
        if combos:
            combo = combos[0]
            stalls["filter change"] = measure(lambda c=combo: c.setCurrentIndex((c.currentIndex() + 1) % c.count()))
            stalls["filter back"] = measure(lambda c=combo: c.setCurrentIndex((c.currentIndex() - 1) % c.count()))
        if views and views[0].model() is not None:
            view = views[0]
            table: Any = view
            if getattr(table, "isSortingEnabled", lambda: False)():
                stalls["sort change"] = measure(lambda t=table: t.sortByColumn(1, Qt.SortOrder.DescendingOrder))
                stalls["sort back"] = measure(lambda t=table: t.sortByColumn(1, Qt.SortOrder.AscendingOrder))
        if searches:
            search = searches[0]

            def type_search(search: QLineEdit = search) -> None:
                search.setFocus()
                for char in SEARCH_TEXT:
                    QTest.keyClicks(search, char)
                    QTest.qWait(60)

            stalls["search typing"] = measure(type_search)
            stalls["search cleared"] = measure(search.clear)
        if views and views[0].model() is not None:
            view, model = views[0], views[0].model()

            def scroll(view: QAbstractItemView = view, model: Any = model) -> None:
                clock = QElapsedTimer()
                clock.start()
                while clock.elapsed() < scroll_s * 1000:
                    view.scrollToBottom()
                    QTest.keyClick(view.viewport(), Qt.Key.Key_PageDown)
                    QTest.qWait(20)
                    if not model.canFetchMore(view.rootIndex()) and not runner.busy:
                        break

            stalls["scroll whole list"] = measure(scroll)
            rows[name] = model.rowCount()
    gui.close()
    return {"idle": idle, "pages": pages, "rows": rows}


# --- the parent: runs the child and makes results -----------------------------------------------------------


def _child(database_file: str, home: Path, scroll_s: float) -> dict[str, Any]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.responsiveness", database_file, str(home), str(scroll_s)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"responsiveness child failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_responsiveness(
    database_file: str, workdir: Path, size: int, runs: int, make_result: Any, scroll_s: float = 6.0
) -> list[Result]:
    """One result per page: the median over runs of its worst stall across the actions (each printed)."""
    home = workdir / "ui-home"
    home.mkdir(exist_ok=True)
    outs = [_child(database_file, home, scroll_s) for _ in range(runs)]
    idle = [out["idle"] for out in outs]
    results = []
    for name in PAGES.values():
        actions = outs[0]["pages"][name]
        per_action = {a: median(out["pages"][name][a] for out in outs) for a in actions}
        print(
            f"  {name}: "
            + ", ".join(f"{a} {s * 1000:.0f} ms" for a, s in per_action.items())
            + (f" (scrolled to row {outs[0]['rows'][name]:,})" if name in outs[0]["rows"] else ""),
            file=sys.stderr,
        )
        worst = max(per_action, key=lambda a: per_action[a])
        samples = [max(out["pages"][name].values()) for out in outs]
        results.append(
            make_result(
                f"UI stall, {name} (worst: {worst})",
                "sqlite",
                size,
                samples,
                "the same probe, idle event loop",
                idle,
                STALL_TARGET_S,
            )
        )
    return results


if __name__ == "__main__":
    print(json.dumps(_drive(sys.argv[1], sys.argv[2], float(sys.argv[3]))))
