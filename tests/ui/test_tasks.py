"""The task runner: results and progress on the main thread, Cancel, errors as signals, serialised writes."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QWidget

from ui.tasks import ProgressDialog, TaskRunner


def test_result_and_progress_arrive_on_the_main_thread(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[int, int, bool]] = []
    worker_threads: list[bool] = []

    def job(progress, cancelled):
        worker_threads.append(threading.current_thread() is threading.main_thread())
        for done in range(1, 6):
            progress(done, 5)
            time.sleep(0.06)  # longer than the progress throttle, so every step gets through
        return "report"

    task = runner.run(job)
    task.progressed.connect(lambda d, t: seen.append((d, t, QThread.currentThread().isMainThread())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == ["report"]
    assert worker_threads == [False]
    assert seen[-1][:2] == (5, 5)
    assert [d for d, _t, _m in seen] == sorted(d for d, _t, _m in seen)
    assert all(main for _d, _t, main in seen)


def test_progress_is_throttled(qtbot, runner: TaskRunner) -> None:
    seen: list[int] = []

    def job(progress, cancelled):
        for done in range(1, 100_001):
            progress(done, 100_000)

    task = runner.run(job)
    task.progressed.connect(lambda d, t: seen.append(d))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert seen and seen[-1] == 100_000
    assert len(seen) < 1000


def test_cancel_stops_a_job(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    steps: list[int] = []

    def job(progress, cancelled):
        started.set()
        for step in range(10_000):
            if cancelled():
                return "partial"
            steps.append(step)
            time.sleep(0.005)
        return "complete"

    task = runner.run(job)
    succeeded: list[object] = []
    task.succeeded.connect(succeeded.append)
    assert started.wait(5)
    with qtbot.waitSignals([task.cancelled, task.finished], timeout=5000):
        task.cancel()
    assert succeeded == []
    assert len(steps) < 10_000


def test_cancel_button_of_the_progress_dialog_stops_the_job(qtbot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def job(progress, cancelled):
        progress(1, 3)
        while not cancelled():
            time.sleep(0.01)
        release.set()

    task = runner.run(job, title="Importing", dialog_parent=parent)
    dialog = parent.findChild(ProgressDialog)
    assert dialog is not None and not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # appears once the job has taken a moment
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 3 and dialog.bar.value() == 1)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert release.is_set()
    qtbot.waitUntil(lambda: parent.findChild(ProgressDialog) is None, timeout=5000)


def test_a_quick_job_shows_no_progress_dialog(qtbot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = runner.run(lambda progress, cancelled: "quick", title="Checking", dialog_parent=parent)
    shown: list[bool] = []
    dialog = parent.findChild(ProgressDialog)
    task.finished.connect(lambda: shown.append(dialog.isVisible()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert shown == [False]
    qtbot.waitUntil(lambda: parent.findChild(ProgressDialog) is None)


def test_an_exception_in_a_job_reaches_the_failed_signal(qtbot, runner: TaskRunner) -> None:
    def job(progress, cancelled):
        raise ZeroDivisionError("bug in a job")

    task = runner.run(job)
    succeeded: list[object] = []
    task.succeeded.connect(succeeded.append)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    (exc,) = blocker.args
    assert isinstance(exc, ZeroDivisionError)
    assert succeeded == []
    again = runner.run(lambda p, c: 42)  # the runner still works afterwards
    with qtbot.waitSignal(again.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]


def test_write_jobs_run_one_at_a_time_and_reads_alongside(qtbot, runner: TaskRunner) -> None:
    lock = threading.Lock()
    running = {"write": 0, "read": 0}
    peak = {"write": 0, "read": 0}
    order: list[int] = []

    def job(kind: str, number: int):
        def run(progress, cancelled):
            with lock:
                running[kind] += 1
                peak[kind] = max(peak[kind], running[kind])
            time.sleep(0.05)
            with lock:
                running[kind] -= 1
                if kind == "write":
                    order.append(number)

        return run

    tasks = [runner.run(job("write", n), write=True) for n in range(5)]
    tasks += [runner.run(job("read", n)) for n in range(4)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=10_000)
    assert peak["write"] == 1
    assert order == [0, 1, 2, 3, 4]  # queued writes keep their order
    assert peak["read"] == 2  # reads run in parallel with each other


@pytest.mark.parametrize("write", [False, True])
def test_shutdown_cancels_and_waits(qtbot, write: bool) -> None:
    runner = TaskRunner()
    finished = threading.Event()

    def job(progress, cancelled):
        while not cancelled():
            time.sleep(0.01)
        finished.set()

    runner.run(job, write=write)
    time.sleep(0.05)
    assert runner.busy
    assert runner.shutdown(5000)
    assert finished.is_set()
    runner.deleteLater()
