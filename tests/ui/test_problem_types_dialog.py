"""The problem-type editor driven as a manager would: change a limit with the PIN, add a type, see refusals."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import problem_types
from app.desk import Desk
from tests.conftest import MANAGER_PIN
from ui.dialogs.problem_types_dialog import ProblemTypesDialog


def catalogue(desk: Desk) -> dict:
    return {t.code: t for t in desk.read(problem_types.catalogue)}


def test_a_limit_change_asks_for_the_pin(qtbot, desk: Desk, prompt, manager) -> None:
    dialog = ProblemTypesDialog(desk, prompt)
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(names.index("拒收"))
    assert dialog.code.text() == "refused" and dialog.code.isReadOnly()
    assert dialog.hold_days.text() == dialog.hold_days.specialValueText()  # no limit of its own yet
    dialog.hold_days.setValue(9)
    prompt.pins = [None]  # the clerk cancels the PIN: nothing changes
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert catalogue(desk)["refused"].hold_days is None
    prompt.pins = ["1111", MANAGER_PIN]  # a wrong PIN is shown, the right one saves
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert catalogue(desk)["refused"].hold_days == 9
    assert len(prompt.pin_reasons) == 3


def test_add_a_type_for_one_carrier_and_refusals_show_inline(qtbot, desk: Desk, prompt) -> None:
    dialog = ProblemTypesDialog(desk, prompt)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.code.text() == "" and not dialog.code.isReadOnly()
    qtbot.keyClicks(dialog.code, "Locker Full")
    dialog.name.setText("快递柜满")  # QTest.keyClicks aborts on non-ASCII keys
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "小写字母" in dialog.errors.messages()["code"]
    assert "locker_full" not in catalogue(desk)
    dialog.code.setText("locker_full")
    zto = next(
        i for i in range(dialog.carriers.count()) if dialog.carriers.item(i).data(Qt.ItemDataRole.UserRole) == "ZTO"
    )
    dialog.carriers.item(zto).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = catalogue(desk)["locker_full"]
    assert (saved.name, saved.carrier_codes, saved.active) == ("快递柜满", ("ZTO",), True)
    assert dialog.list.currentItem().text() == "快递柜满" and prompt.pin_reasons == []
