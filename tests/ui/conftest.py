"""GUI test fixtures: a real migrated SQLite database, a scripted prompt, the task runner, the main window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app.actor import Actor
from app.cases import NewCase, open_case
from app.desk import Desk
from db.engine import Database
from tests.conftest import MANAGER_PIN
from ui.local_state import LocalState
from ui.main_window import MainWindow
from ui.prompt import Prompt
from ui.tasks import TaskRunner

# The offscreen platform cannot propagate size hints and says so whenever a main window shows: noise, not a fault.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

WAYBILLS = ["YT8962646785389", "73610555582883", "SF1385628716739", "JT5261988016578", "DPK202252612836"]


class ScriptedPrompt(Prompt):
    """Answers questions from a script and records every message instead of showing a modal box."""

    def __init__(self) -> None:
        super().__init__()
        self.pins: list[str | None] = []
        self.answers: list[bool] = []
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.pin_reasons: list[str] = []
        self.questions: list[str] = []  # every confirm() text, answered or not
        self.texts: list[str | None] = []
        self.choices: list[int | None] = []
        self.files: list[str | None] = []
        self.folders: list[str | None] = []
        self.asked: list[tuple[str, ...]] = []  # (title, label, ...) of every ask_text / choose / save_file / open_file

    def ask_pin(self, parent, reason):  # type: ignore[override]
        self.pin_reasons.append(reason)
        return self.pins.pop(0) if self.pins else None

    def confirm(self, parent, text):  # type: ignore[override]
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else False

    def ask_text(self, parent, title, label, text=""):  # type: ignore[override]
        self.asked.append((title, label, text))
        return self.texts.pop(0) if self.texts else None

    def choose(self, parent, title, label, items, current=0):  # type: ignore[override]
        self.asked.append((title, label, *items))
        return self.choices.pop(0) if self.choices else None

    def save_file(self, parent, title, suggested, filter):  # type: ignore[override]
        self.asked.append((title, suggested, filter))
        return self.files.pop(0) if self.files else None

    def open_file(self, parent, title, folder, filter):  # type: ignore[override]
        self.asked.append((title, folder, filter))
        return self.files.pop(0) if self.files else None

    def choose_folder(self, parent, title, folder):  # type: ignore[override]
        self.asked.append((title, folder))
        return self.folders.pop(0) if self.folders else None

    def error(self, parent, text):  # type: ignore[override]
        self.errors.append(text)

    def info(self, parent, text):  # type: ignore[override]
        self.infos.append(text)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(OFFSCREEN_NOISE)


@pytest.fixture
def database(sqlite_database: Database) -> Database:
    """UI tests run on SQLite only: the engines are covered by the service tests."""
    return sqlite_database


@pytest.fixture(autouse=True)
def _default_locale_kept() -> Iterator[None]:
    """A test that starts the GUI in English (`--lang en`, the settings) sets Qt's default locale, which picks the
    language of the app's own sentences: put it back, so the tests after it read the Chinese they expect."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture
def prompt() -> ScriptedPrompt:
    return ScriptedPrompt()


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.shutdown(10_000), "background jobs still running after the test"
    runner.deleteLater()


@pytest.fixture
def state(home: Path) -> LocalState:
    return LocalState(home)


def make_cases(desk: Desk, count: int, *, start: int = 0) -> list[int]:
    """`count` cases of every kind on distinct YTO waybills, opened one minute apart; returns their ids."""
    kinds = ["stuck", "chase", "complaint", "intercept"]
    base = datetime(2025, 11, 3, 1, 0, tzinfo=UTC)

    def create(session, *, actor: Actor) -> list[int]:
        ids = []
        for i in range(start, start + count):
            new = NewCase(
                kind=kinds[i % 4],
                waybill_no=f"YT{8962646700000 + i:013d}",
                direction="outbound" if i % 8 == 1 else "inbound",
                opened_at=base + timedelta(minutes=i),
                due_at=None if i % 3 else base + timedelta(days=i % 5),
                caller_name=f"客户{i}",
                detail=f"第{i}件",
            )
            ids.append(open_case(session, new, actor=actor).id)
        return ids

    return desk.write(create)


@pytest.fixture
def case_factory(desk: Desk):
    """`case_factory(count, start=0)` adds numbered cases (see make_cases) and returns their ids."""
    return lambda count, start=0: make_cases(desk, count, start=start)


@pytest.fixture
def waybills() -> list[str]:
    return list(WAYBILLS)


@pytest.fixture
def manager_pin() -> str:
    return MANAGER_PIN


@pytest.fixture
def cases(desk: Desk) -> list[int]:
    """A handful of cases on the well-known sample waybills, plus 12 numbered ones."""

    def create(session, *, actor: Actor) -> list[int]:
        return [
            open_case(session, NewCase(kind=kind, waybill_no=number, detail="客户要求改派"), actor=actor).id
            for kind, number in zip(["stuck", "chase", "complaint", "intercept", "stuck"], WAYBILLS, strict=True)
        ]

    return desk.write(create) + make_cases(desk, 12)


@pytest.fixture
def window(qtbot, desk: Desk, runner: TaskRunner, prompt: ScriptedPrompt, state: LocalState, cases) -> MainWindow:
    win = MainWindow(desk, runner, prompt, state)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.problems is not None)  # start-up checks done
    return win
