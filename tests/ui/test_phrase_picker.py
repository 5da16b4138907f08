"""The phrase picker (话术) opened from a case as a clerk on the phone uses it: the case dialog's Phrases button,
the pinyin initials of the title typed, Enter — and the clipboard holds the template filled from the case (its
waybill, its caller, the time) with the value the case lacks (its courier) left visible as {快递员}. The same from
the stuck-parcel dialog; Up/Down choose another phrase, a piece of the text finds it too, Esc takes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from app.cases import get_case
from app.desk import Desk
from app.notebook.phrases import PhraseForm, save_phrase
from app.pinyin import initials
from app.stuck import capture
from db.models import Phrase
from tests.ui.test_scan_bar import type_text
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.phrase_picker import PhrasePicker
from ui.dialogs.stuck_case_dialog import StuckCaseDialog

NOW = datetime(2025, 11, 4, 6, 5, tzinfo=UTC)  # 14:05 in Shanghai
TEMPLATE = "{客户}您好，您的快递{单号}由{快递员}派送，预计{时间}后送达。"
TITLE = "派送时间告知"
OTHER = "驿站取件码说明"
PICKUP = "取件码在短信里，凭码到菜鸟驿站取件。"


@pytest.fixture
def phrases(desk: Desk) -> dict[str, int]:
    def create(session, *, actor) -> dict[str, int]:
        return {
            TITLE: save_phrase(session, PhraseForm("delay", TITLE, TEMPLATE), actor=actor).id,
            OTHER: save_phrase(
                session, PhraseForm("opening", OTHER, "取件码在短信里，凭码到菜鸟驿站取件。"), actor=actor
            ).id,
        }

    return desk.write(create)


def _use_count(desk: Desk, phrase_id: int) -> int:
    with desk.database.read() as session:
        return session.scalar(select(Phrase.use_count).where(Phrase.id == phrase_id))


def _picker(qtbot, dialog) -> PhrasePicker:
    qtbot.mouseClick(dialog.phrases_button, Qt.MouseButton.LeftButton)
    picker = dialog.findChild(PhrasePicker)
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=5000)
    assert picker.filter.hasFocus()
    return picker


def _type(qtbot, picker: PhrasePicker, text: str) -> None:
    with qtbot.waitSignal(picker.loaded, timeout=5000):
        type_text(picker.filter, text)
    qtbot.waitUntil(lambda: picker._latest is None, timeout=5000)  # the list for the whole text is on show


def test_a_phrase_picked_from_a_case_is_filled_and_copied(qtbot, desk: Desk, runner, prompt, cases, phrases) -> None:
    case_id = cases[6]  # a chase from 客户1 on its own waybill, with no courier
    case = desk.read(get_case, case_id)
    dialog = CaseDialog(desk, runner, prompt, case_id, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.show()
    qtbot.waitExposed(dialog)
    picker = _picker(qtbot, dialog)

    _type(qtbot, picker, initials(TITLE))  # "psxjgz"
    assert [p.title for p in picker.phrases()] == [TITLE] and picker.text.toPlainText() == TEMPLATE
    with qtbot.waitSignal(picker.copied, timeout=5000) as copied:
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    expected = f"客户1您好，您的快递{case.waybill_no}由{{快递员}}派送，预计11月4日 14:05后送达。"
    assert copied.args == [expected] and QGuiApplication.clipboard().text() == expected
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    assert _use_count(desk, phrases[TITLE]) == 1


def test_the_stuck_dialog_picks_by_text_and_arrow_keys(qtbot, desk: Desk, prompt, phrases) -> None:
    with desk.database.write() as session:
        case_id = capture(session, "YT8962646785389", actor=desk.actor, problem_type="no_answer").case.id
    dialog = StuckCaseDialog(desk, prompt, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = _picker(qtbot, dialog)
    _type(qtbot, picker, "您好")  # a piece of the text
    listed = [p.title for p in picker.phrases()]
    assert TITLE in listed and OTHER not in listed

    last = len(listed) - 1
    for _ in range(last):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Down)  # the cursor stays in the field; the list moves
    assert picker.list.currentRow() == last and picker.filter.hasFocus()
    for _ in range(last - listed.index(TITLE)):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Up)
    assert picker.current().title == TITLE
    with qtbot.waitSignal(picker.copied, timeout=5000) as copied:
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    text = copied.args[0]
    assert text == QGuiApplication.clipboard().text()
    assert text.startswith("{客户}您好，您的快递YT8962646785389由{快递员}派送，预计")  # no caller, no courier
    assert "{时间}" not in text
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)


def test_esc_takes_nothing(qtbot, desk: Desk, runner, prompt, cases, phrases) -> None:
    QGuiApplication.clipboard().setText("before")
    picker = PhrasePicker(desk, runner, prompt, case_id=cases[0], clock=lambda: NOW)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=5000)
    with qtbot.waitSignal(picker.rejected, timeout=2000):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert QGuiApplication.clipboard().text() == "before"
    assert _use_count(desk, phrases[TITLE]) == 0
