"""Forms on their own: load → check (inline errors) → value, for the operator and settings dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.actor import Actor
from app.deadlines import DeadlineRules, PeakWindow
from ui.dialogs.operator_dialog import OperatorChoice, OperatorDialog
from ui.dialogs.settings_dialog import IDLE_LOCK_KEY, LANGUAGE_KEY, SettingsDialog, parse_peak_windows


@pytest.fixture
def operator_dialog(qtbot) -> OperatorDialog:
    dialog = OperatorDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_first_operator_may_be_a_manager_with_a_confirmed_pin(qtbot, operator_dialog):
    dialog = operator_dialog
    dialog.load([], None)
    dialog.name.insert("李站长")
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    assert dialog.pin.isEnabled()
    qtbot.keyClicks(dialog.pin, "12")
    assert not dialog.check()
    assert list(dialog.errors.messages()) == ["pin"]
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClicks(dialog.pin_again, "2469")
    assert not dialog.check()
    assert list(dialog.errors.messages()) == ["pin_again"]
    dialog.pin_again.clear()
    qtbot.keyClicks(dialog.pin_again, "2468")
    assert dialog.check()
    assert dialog.value() == OperatorChoice(existing=None, name="李站长", role="manager", pin="2468")


def test_picking_an_existing_operator(qtbot, operator_dialog):
    people = [Actor(1, "王芳"), Actor(2, "李站长", "manager")]
    operator_dialog.load(people, "李站长")
    assert operator_dialog.list.item(1).text() == operator_dialog.tr("{name} (manager)").format(name="李站长")
    assert operator_dialog.value() == OperatorChoice(existing=people[1])
    with qtbot.waitSignal(operator_dialog.submitted):
        qtbot.keyClick(operator_dialog.list, Qt.Key.Key_Return)  # Enter on the list signs in


def test_an_unknown_last_operator_falls_back_to_the_first(operator_dialog):
    operator_dialog.load([Actor(1, "王芳")], "已离职的人")
    assert operator_dialog.value().existing == Actor(1, "王芳")


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        ("11-11~11-20, 12-12~12-15", (PeakWindow((11, 11), (11, 20)), PeakWindow((12, 12), (12, 15)))),
        ("11-11至11-20，12-25～01-05", (PeakWindow((11, 11), (11, 20)), PeakWindow((12, 25), (1, 5)))),
        ("02-29~03-01", (PeakWindow((2, 29), (3, 1)),)),
        ("", ()),
    ],
)
def test_parse_peak_windows(text, windows):
    assert parse_peak_windows(text) == windows


@pytest.mark.parametrize("text", ["11-11", "11-11~11-31", "双十一", "11/11~11/20"])
def test_parse_peak_windows_refuses(text):
    with pytest.raises(ValueError):
        parse_peak_windows(text)


def test_settings_form_round_trip(qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    rules = DeadlineRules(zone="Asia/Urumqi", complaint_sla_hours=48, peak_windows=(PeakWindow((6, 18), (6, 20)),))
    data = {
        "outlet.name": "城东分部",
        "outlet.code": "571001",
        "outlet.phone": "0571-88886666",
        "deadlines": rules.to_dict(),
        "claim_freight_multiple": "2.5",
        "retention_months": 36,
        LANGUAGE_KEY: "en",
        IDLE_LOCK_KEY: 15,
    }
    dialog.load(data)
    assert dialog.idle_lock.value() == 15 and dialog.retention.value() == 36
    assert dialog.freight_multiple.value() == 2.5
    assert dialog.peaks.text() == "06-18~06-20"
    assert dialog.numbers["complaint_sla_hours"].value() == 48
    assert dialog.check()
    assert dialog.value() == data
    dialog.numbers["repeat_window_days"].setValue(14)
    assert DeadlineRules.from_dict(dialog.value()["deadlines"]).repeat_window_days == 14


def test_settings_form_cannot_offer_a_rule_the_engine_refuses(qtbot):
    """Return days start at day 1 (the 留言 day); a spin box at 0 would produce rules that cannot be saved."""
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    for key, box in dialog.numbers.items():
        box.setValue(box.minimum())
        DeadlineRules(**{key: box.value()})  # raises if the form's minimum is below the rule's
    assert dialog.numbers["return_day_no_reply"].minimum() == 1
