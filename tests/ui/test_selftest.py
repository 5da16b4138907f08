"""`outlet-desk --selftest`: the main window offscreen, every page and tab visited, exit 0; any failure exit 1."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.main import run_gui

ROOT = Path(__file__).resolve().parents[2]


def _args(home: Path, **extra) -> argparse.Namespace:
    return argparse.Namespace(db=None, home=str(home), operator=None, selftest=True, lang=None, **extra)


@pytest.fixture
def restore_look(qapp):
    font, sheet, style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


def test_selftest_visits_every_page_and_tab(home, restore_look, capsys, monkeypatch):
    from ui.main_window import MainWindow

    shown: list[int] = []
    original = MainWindow.show_page
    monkeypatch.setattr(MainWindow, "show_page", lambda self, n: (shown.append(n), original(self, n)))
    assert run_gui(_args(home)) == 0
    out = capsys.readouterr()
    assert shown == list(range(11))
    assert out.out.startswith("selftest ok:") and out.err == ""
    visited = int(out.out.split(":")[1].split()[0])
    assert visited > 11  # the pages and their tabs (today, money, notebook, directory, reports)
    assert not (home / "logs").exists()


def test_a_failing_page_makes_the_selftest_exit_1_with_one_line(home, restore_look, capsys, monkeypatch):
    from ui.main_window import MainWindow

    original = MainWindow.show_page

    def broken(self, number):
        if number == 4:
            raise RuntimeError("page 4 is broken")
        original(self, number)

    monkeypatch.setattr(MainWindow, "show_page", broken)
    assert run_gui(_args(home)) == 1
    err = capsys.readouterr().err.strip()
    assert err == "selftest failed: RuntimeError: page 4 is broken"


def test_an_error_shown_to_the_user_fails_the_selftest(home, restore_look, capsys):
    (home / "outlet-desk.db").write_text("这不是数据库", encoding="utf-8")
    assert run_gui(_args(home)) == 1
    err = capsys.readouterr().err
    assert err.startswith("selftest failed:") and len(err.strip().splitlines()) == 1


def test_outlet_desk_selftest_in_a_process_of_its_own(tmp_path):
    home = tmp_path / "数据 目录"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}  # it sets offscreen itself
    done = subprocess.run(
        [sys.executable, "-m", "app", "--home", str(home), "--selftest"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("selftest ok:")
    assert (home / "outlet-desk.db").is_file()
