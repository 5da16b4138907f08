"""One desk per data folder: a second launch hands over and leaves; a killed desk's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ui.single_instance import SingleInstance, lock_path, server_name

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def first(qapp, home):
    instance = SingleInstance(home)
    yield instance
    instance.release()


def test_a_second_launch_hands_its_arguments_to_the_first_and_exits_0(qtbot, home, first):
    assert first.acquire()
    with qtbot.waitSignal(first.activated, timeout=20_000) as received:
        second = _python(
            "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
            "from ui.single_instance import SingleInstance;"
            "app = QCoreApplication([]);"
            "sys.exit(0 if not SingleInstance(Path(sys.argv[1])).acquire(sys.argv[2:]) else 5)",
            str(home),
            "--operator",
            "王芳",
        )
    assert received.args == [["--operator", "王芳"]]
    assert second.wait(20) == 0, second.stderr.read() if second.stderr else ""


def test_outlet_desk_launched_twice_brings_the_first_window_forward(qtbot, home, first):
    assert first.acquire()
    with qtbot.waitSignal(first.activated, timeout=30_000):
        second = _python("import sys; from app.__main__ import main; sys.exit(main())", "--home", str(home))
    assert second.wait(30) == 0
    assert not (home / "outlet-desk.db").exists()  # the second launch opened nothing


def test_other_data_folders_run_side_by_side(qapp, tmp_path):
    one, two = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    for folder in (tmp_path / "a", tmp_path / "b"):
        folder.mkdir()
    try:
        assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
        assert one.acquire() and two.acquire()
    finally:
        one.release()
        two.release()


def test_the_lock_of_a_killed_desk_is_taken_over(qapp, home):
    holder = _python(
        "import sys, time; from PySide6.QtCore import QLockFile;"
        "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0); assert lock.tryLock(0);"
        "print('locked', flush=True); time.sleep(60)",
        str(lock_path(home)),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert lock_path(home).is_file()
        blocked = SingleInstance(home)
        assert not blocked.lock.tryLock(0)  # alive: the lock holds
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    instance = SingleInstance(home)
    try:
        assert instance.acquire()
        assert instance.server is not None and instance.server.isListening()
    finally:
        instance.release()
    assert not lock_path(home).exists()
