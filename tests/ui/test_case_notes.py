"""A work note written from a case: the case dialog's Work note button opens the note form on the case's day,
the saved note is attached to the case and shows on its timeline (both case dialogs)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.stuck import capture
from db.models import Note
from tests.ui.test_scan_bar import type_text
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.stuck_case_dialog import StuckCaseDialog

NOW = datetime(2025, 11, 4, 17, 5, tzinfo=UTC)  # 01:05 on the 5th in Shanghai: the note's day is the outlet's


def _write_note(qtbot, dialog, title: str) -> None:
    qtbot.mouseClick(dialog.note_button, Qt.MouseButton.LeftButton)
    form = dialog.notebook.note_dialog
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: form.loaded, timeout=5000)
    assert form.day.date().toPython() == date(2025, 11, 5)
    type_text(form.title, title)
    form.body_text.setPlainText("已和收件人约好明早派送")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        form.save()


def test_a_note_from_a_chase_shows_on_its_timeline(qtbot, desk, runner, prompt, cases) -> None:
    case_id = cases[6]
    dialog = CaseDialog(desk, runner, prompt, case_id, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.show()
    _write_note(qtbot, dialog, "改约明早")
    qtbot.waitUntil(lambda: "改约明早" in _timeline_text(dialog.timeline), timeout=5000)
    with desk.database.read() as session:
        assert session.scalars(select(Note.case_id).where(Note.title == "改约明早")).all() == [case_id]


def test_a_note_from_a_stuck_case_shows_on_its_timeline(qtbot, desk, runner, prompt) -> None:
    with desk.database.write() as session:
        case_id = capture(session, "YT8962646785389", actor=desk.actor).case.id
    dialog = StuckCaseDialog(desk, prompt, case_id, runner=runner, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _write_note(qtbot, dialog, "货架B3")
    assert "货架B3" in _timeline_text(dialog.timeline)
    without_runner = StuckCaseDialog(desk, prompt, case_id)
    qtbot.addWidget(without_runner)
    assert without_runner.note_button.isHidden()


def _timeline_text(tree) -> str:
    return " ".join(
        tree.topLevelItem(i).text(c) for i in range(tree.topLevelItemCount()) for c in range(tree.columnCount())
    )
