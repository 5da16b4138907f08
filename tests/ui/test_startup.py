"""Starting the GUI for real: data folder, translators, crash handler, database, sign-in, main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.errors import ValidationError
from app.operators import list_operators
from ui.crash import CrashHandler
from ui.dialogs.operator_dialog import OperatorDialog
from ui.dialogs.welcome_dialog import WelcomeDialog
from ui.local_state import LocalState
from ui.main import Gui, apply_style, run_gui


def _args(home: Path, operator: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(db=None, home=str(home), operator=operator)


def _click_ok(qtbot, dialog: OperatorDialog) -> int:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    return dialog.result()


@pytest.fixture
def gui_factory(qtbot, prompt):
    started: list[Gui] = []

    def start(home: Path, run_dialog, operator: str | None = None) -> tuple[Gui, int | None]:
        gui = Gui(_args(home, operator), prompt=prompt, run_dialog=run_dialog)
        started.append(gui)
        code = gui.start()
        if gui.window is not None:
            qtbot.waitUntil(lambda: gui.window.problems is not None)  # let the start-up checks finish
        return gui, code

    yield start
    for gui in started:
        gui.close()


def test_first_run_adds_the_operator_and_remembers_them(qtbot, home, gui_factory):
    seen: list[OperatorDialog] = []

    def first_run(dialog: QDialog) -> int:
        if isinstance(dialog, WelcomeDialog):  # the welcome cancelled: the plain sign-in adds the first operator
            return QDialog.DialogCode.Rejected
        seen.append(dialog)
        assert dialog.intro.isVisibleTo(dialog) and not dialog.list.isVisibleTo(dialog)
        assert _click_ok(qtbot, dialog) != QDialog.DialogCode.Accepted  # a name is required
        assert dialog.errors.messages()["name"]
        dialog.name.insert("王芳")
        return _click_ok(qtbot, dialog)

    gui, code = gui_factory(home, first_run)
    assert code is None and len(seen) == 1
    assert gui.desk.actor.name == "王芳"
    assert [a.name for a in gui.desk.read(list_operators)] == ["王芳"]
    assert LocalState(home).last_operator == "王芳"
    assert "outlet-desk.ini" in {p.name for p in home.iterdir()}
    window = gui.window
    assert window.isVisible()
    assert [window.navigation.item(n).text() for n in (0, 1)] == ["今日", "查询"]  # the Chinese catalogue, by default
    assert window.windowTitle() == "网点客服台"
    assert sys.excepthook is gui.crash
    gui.close()
    assert sys.excepthook is not gui.crash


def test_the_last_operator_is_preselected_next_time(qtbot, home, database, clerk, manager, gui_factory, state):
    state.last_operator = manager.name

    def pick(dialog: OperatorDialog) -> int:
        assert not dialog.intro.isVisibleTo(dialog)
        assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == manager.name
        dialog.list.setCurrentRow(
            next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == "王芳")
        )
        return _click_ok(qtbot, dialog)

    gui, code = gui_factory(home, pick)
    assert code is None
    assert gui.desk.actor == clerk
    assert LocalState(home).last_operator == "王芳"


def test_a_newcomer_joins_as_a_clerk(qtbot, home, database, manager, gui_factory):
    def join(dialog: OperatorDialog) -> int:
        dialog.add.setChecked(True)
        assert not dialog.role.isEnabled()  # only the first operator may make themself manager
        dialog.name.insert(manager.name)
        assert _click_ok(qtbot, dialog) != QDialog.DialogCode.Accepted
        assert dialog.errors.messages()["name"] == ValidationError("operator_exists", name=manager.name).message()
        dialog.name.clear()
        dialog.name.insert("赵磊")
        return _click_ok(qtbot, dialog)

    gui, _code = gui_factory(home, join)
    assert (gui.desk.actor.name, gui.desk.actor.role) == ("赵磊", "clerk")


def test_operator_on_the_command_line_skips_the_dialog(home, database, clerk, gui_factory):
    def never(dialog):
        raise AssertionError("no dialog expected")

    gui, code = gui_factory(home, never, operator="王芳")
    assert code is None and gui.desk.actor == clerk


def test_cancelling_the_sign_in_exits_quietly(home, gui_factory):
    gui, code = gui_factory(home, lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 0 and gui.window is None


def test_a_file_that_is_no_database_is_refused_in_one_sentence(home, gui_factory, prompt):
    (home / "outlet-desk.db").write_text("这不是数据库", encoding="utf-8")
    gui, code = gui_factory(home, lambda dialog: pytest.fail("no sign-in expected"))
    assert code == 1 and gui.window is None
    assert len(prompt.errors) == 1
    assert "不是本软件的数据库文件" in prompt.errors[0] and "Traceback" not in prompt.errors[0]


def test_the_crash_handler_writes_a_log_and_says_where(home, prompt):
    handler = CrashHandler(home, prompt)
    try:
        raise KeyError("a bug")
    except KeyError as exc:
        handler(type(exc), exc, exc.__traceback__)
    assert handler.last_log is not None and handler.last_log.parent == home / "logs"
    log = handler.last_log.read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError: 'a bug'" in log
    (message,) = prompt.errors
    assert str(handler.last_log) in message and "Traceback" not in message


def test_an_expected_error_shows_its_sentence_without_a_log(home, prompt):
    handler = CrashHandler(home, prompt)
    handler(ValidationError, ValidationError("operator_exists", name="王芳"))
    assert prompt.errors == ["已有名为“王芳”的操作员。"]
    assert handler.last_log is None and not (home / "logs").exists()


def test_a_bug_in_a_slot_reaches_the_crash_handler(qtbot, home, prompt):
    handler = CrashHandler(home, prompt)
    handler.install()
    try:

        def broken_slot() -> None:
            raise RuntimeError("bug in a slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: handler.last_log is not None, timeout=3000)
    finally:
        handler.uninstall()
    assert "RuntimeError: bug in a slot" in handler.last_log.read_text(encoding="utf-8")
    assert len(prompt.errors) == 1


@pytest.fixture
def restore_look(qapp):
    font, style = qapp.font(), qapp.styleSheet()
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_run_gui_refuses_a_bad_database_with_exit_code_1(home, prompt, restore_look):
    (home / "outlet-desk.db").write_bytes(b"PK\x03\x04 a zip file, not SQLite")
    assert run_gui(_args(home), prompt=prompt) == 1
    assert len(prompt.errors) == 1 and "不是本软件的数据库文件" in prompt.errors[0]
    assert sys.excepthook is not None and not isinstance(sys.excepthook, CrashHandler)


def test_run_gui_logs_a_bug_while_starting(home, prompt, restore_look, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug while starting")

    monkeypatch.setattr("ui.main.welcome", broken)  # a fresh database: the welcome comes first
    monkeypatch.setattr("ui.main.sign_in", broken)
    assert run_gui(_args(home), prompt=prompt) == 1
    (log,) = (home / "logs").iterdir()
    assert "RuntimeError: bug while starting" in log.read_text(encoding="utf-8")
    assert str(log) in prompt.errors[0]


def test_the_look_is_fusion_under_our_style_sheet_with_visible_focus(qapp, restore_look):
    style = qapp.style().name()
    try:
        apply_style(qapp)
        sheet = qapp.styleSheet()
        qapp.setStyleSheet("")  # under a style sheet style() is the sheet's wrapper, which has no name
        assert qapp.style().name().lower() == "fusion"
        assert "QListWidget#navigation" in sheet
        assert "QPushButton:focus" in sheet and "QTableView:focus" in sheet
    finally:
        qapp.setStyle(style)


def test_qts_own_buttons_speak_chinese_and_lang_en_switches_one_run_to_english(home, database, clerk, prompt):
    never = lambda dialog: pytest.fail("no dialog expected")  # noqa: E731
    locale = QLocale()
    gui = Gui(_args(home, "王芳"), prompt=prompt, run_dialog=never)
    try:
        assert gui.start() is None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"  # qtbase_zh_CN
        buttons.deleteLater()
    finally:
        gui.close()
    english = argparse.Namespace(db=None, home=str(home), operator="王芳", lang="en")
    gui = Gui(english, prompt=prompt, run_dialog=never)
    try:
        assert gui.start() is None
        assert gui.window.navigation.item(0).text() == "Today"
        assert LocalState(home).language == "zh_CN"  # the ini keeps the PC's own choice
    finally:
        gui.close()
        QLocale.setDefault(locale)


@pytest.mark.parametrize(("problems", "optimized"), [([], True), (["page 7 is damaged"], False), (None, False)])
def test_closing_writes_planner_statistics_only_to_a_database_found_sound(
    home, database, clerk, gui_factory, monkeypatch, problems, optimized
):
    gui, _code = gui_factory(home, lambda dialog: pytest.fail("no dialog expected"), operator="王芳")
    calls: list[str] = []
    monkeypatch.setattr(gui.desk.database, "optimize", lambda: calls.append("optimize"))
    gui.window.problems = problems  # None: the start-up check never finished
    gui.close()
    assert calls == (["optimize"] if optimized else [])
