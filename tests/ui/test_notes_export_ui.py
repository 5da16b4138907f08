"""Notes exported from the notebook page: the range asked (the week up to the day on show suggested), the file
written in the background, the phones masked, the outcome announced."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import QDate, Qt, QTimer

from app.notebook.notes import NoteForm, save_note
from tests.ui.test_notebook_page import TODAY, page  # noqa: F401  (the page fixture)


def test_the_notes_of_a_range_export_to_excel_with_phones_masked(qtbot, page, desk, prompt, tmp_path) -> None:  # noqa: F811
    desk.write(save_note, NoteForm("交接", body="回电 13812345678", day=TODAY))
    desk.write(save_note, NoteForm("上周的", day=date(2025, 10, 1)))
    target = tmp_path / "笔记.xlsx"
    prompt.files = [str(target)]
    asked: list[tuple[date, date]] = []

    def answer(dialog) -> None:
        asked.append(dialog.chosen())
        dialog.first.setDate(QDate(2025, 11, 1))
        QTimer.singleShot(0, dialog.accept)

    page.notes.exporter.dialog_opened.connect(answer)
    with qtbot.waitSignal(page.announced, timeout=10_000) as said:
        qtbot.mouseClick(page.notes.export_button, Qt.MouseButton.LeftButton)
    assert asked == [(date(2025, 10, 29), TODAY)]
    assert str(target) in said.args[0]
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if "标题" in row)
    column = rows[header].index("标题")
    data = rows[header + 1 :]
    assert [row[column] for row in data] == ["交接"]  # 10-01 is outside the range
    assert "13812345678" not in str(rows) and "5678" in str(data[0][column + 1])
