"""The first-run welcome: outlet, manager and clerks, carriers, data folder, demo data; stored by the service."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QWizard

from app import settings
from app.carriers import carrier_specs
from app.demo import count_cases
from app.errors import PermissionDenied
from app.operators import list_operators, pin_matches
from app.seed import OutletSetup, needs_setup, set_up_outlet
from db.models import Operator
from ui.dialogs.welcome_dialog import WelcomeDialog
from ui.main import Gui


def _args(home: Path) -> argparse.Namespace:
    return argparse.Namespace(db=None, home=str(home), operator=None)


def _next(qtbot, dialog: QWizard) -> None:
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _fill(qtbot, dialog: WelcomeDialog, *, demo: bool = False) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.currentId() == 0
    _next(qtbot, dialog)  # nothing filled in: stays, says why
    assert dialog.currentId() == 0
    assert set(dialog.errors.messages()) == {"outlet_name", "carriers"}
    dialog.outlet_name.insert("城东分部")  # keyClicks types Latin keys only
    qtbot.keyClicks(dialog.outlet_code, "571001")
    dialog.check_carrier("YTO")
    dialog.check_carrier("ZTO")
    _next(qtbot, dialog)
    assert dialog.currentId() == 1
    dialog.manager.insert("李站长")
    qtbot.keyClicks(dialog.pin, "12")
    _next(qtbot, dialog)
    assert dialog.currentId() == 1 and "manager_pin" in dialog.errors.messages()
    qtbot.keyClicks(dialog.pin, "34")
    qtbot.keyClicks(dialog.pin_again, "1234")
    dialog.clerks.setPlainText("王芳\n赵磊\n")
    _next(qtbot, dialog)
    assert dialog.currentId() == 2
    assert dialog.data_folder.text() == str(dialog.home)
    dialog.demo.setChecked(demo)


@pytest.fixture
def started(qtbot, prompt):
    guis: list[Gui] = []
    yield guis
    for gui in guis:
        if gui.runner is not None:
            gui.runner.wait(60_000)
        gui.close()


def test_the_welcome_sets_up_the_outlet_and_signs_the_manager_in(qtbot, home, prompt, started):
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        assert isinstance(dialog, WelcomeDialog)
        _fill(qtbot, dialog)
        qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        return dialog.result()

    gui = Gui(_args(home), prompt=prompt, run_dialog=run)
    started.append(gui)
    assert gui.start() is None and len(seen) == 1
    desk = gui.desk
    assert (desk.actor.name, desk.actor.role) == ("李站长", "manager")
    assert {(a.name, a.role) for a in desk.read(list_operators)} == {
        ("李站长", "manager"),
        ("王芳", "clerk"),
        ("赵磊", "clerk"),
    }
    assert desk.read(settings.get, "outlet.name") == "城东分部"
    assert desk.read(settings.get, "outlet.code") == "571001"
    assert desk.read(carrier_specs)[1] == ("YTO", "ZTO")
    with desk.database.read() as session:
        pin_hash = session.query(Operator.pin_hash).filter(Operator.name == "李站长").scalar()
    assert pin_matches("1234", pin_hash)
    assert not desk.read(needs_setup)
    qtbot.waitUntil(lambda: gui.window.problems is not None)
    qtbot.waitUntil(lambda: gui.window.windowTitle().startswith("城东分部"))


def test_demo_data_is_loaded_in_the_background_when_asked_for(qtbot, home, prompt, started, monkeypatch):
    monkeypatch.setattr("ui.main.DEMO_CASES", 60)

    def run(dialog: QDialog) -> int:
        _fill(qtbot, dialog, demo=True)
        qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        return dialog.result()

    gui = Gui(_args(home), prompt=prompt, run_dialog=run)
    started.append(gui)
    assert gui.start() is None
    with qtbot.waitSignal(gui.demo_task.finished, timeout=60_000):
        pass
    assert gui.desk.read(count_cases) >= 60
    assert prompt.errors == []


def test_cancelling_the_welcome_falls_back_to_the_sign_in(qtbot, home, prompt, started):
    seen: list[str] = []

    def run(dialog: QDialog) -> int:
        seen.append(type(dialog).__name__)
        return QDialog.DialogCode.Rejected

    gui = Gui(_args(home), prompt=prompt, run_dialog=run)
    started.append(gui)
    assert gui.start() == 0
    assert seen == ["WelcomeDialog", "OperatorDialog"]


def test_open_folder_shows_the_data_folder(qtbot, home):
    opened: list[QUrl] = []
    dialog = WelcomeDialog(home, open_url=lambda url: opened.append(url) or True)
    qtbot.addWidget(dialog)
    dialog.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(home))]
    assert dialog.backup_folder.text() == str(home / "backups")


def test_the_service_refuses_a_second_set_up(desk, clerk):
    with pytest.raises(PermissionDenied):
        desk.write_signed_out(set_up_outlet, OutletSetup("城西", "", "张三", "9999"))
