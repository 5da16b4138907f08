"""The recycle bin dialog on a real database: deleted records listed with who deleted them, and one put back by a
clerk only with a manager's PIN."""

from __future__ import annotations

from datetime import date

from app.notebook.notes import NoteForm, delete_note, notes_of_day, save_note
from ui.dialogs.recycle_bin_dialog import RecycleBinDialog

DAY = date(2026, 11, 20)


def test_a_deleted_note_is_listed_and_put_back_with_the_managers_pin(qtbot, desk, prompt, manager, manager_pin):
    note = desk.write(save_note, NoteForm("写错的笔记", day=DAY))
    desk.write(delete_note, note.id, manager_pin=manager_pin)
    dialog = RecycleBinDialog(desk, prompt)
    qtbot.addWidget(dialog)
    assert [(i.kind, i.id, i.name, i.deleted_by) for i in dialog.items()] == [("note", note.id, "写错的笔记", "王芳")]
    assert dialog.tree.topLevelItem(0).text(0) == "工作笔记" and dialog.restore_button.isEnabled()

    prompt.answers, prompt.pins = [True, True], [None, manager_pin]
    dialog.restore_button.click()  # the manager is not at hand: nothing happens
    assert prompt.pin_reasons == [dialog.tr("Restoring a deleted record needs a manager's PIN.")]
    assert len(dialog.items()) == 1 and desk.read(notes_of_day, DAY) == []
    with qtbot.waitSignal(dialog.restored) as restored:
        dialog.restore_button.click()
    assert restored.args == ["note", note.id]
    assert dialog.items() == [] and not dialog.restore_button.isEnabled()
    assert dialog.summary.text() == dialog.tr("The recycle bin is empty.")
    assert [n.id for n in desk.read(notes_of_day, DAY)] == [note.id]


def test_the_window_opens_the_bin_and_a_restore_reads_the_counts_again(qtbot, window, desk, manager, manager_pin):
    from PySide6.QtWidgets import QApplication

    note = desk.write(save_note, NoteForm("写错的笔记", day=DAY))
    desk.write(delete_note, note.id, manager_pin=manager_pin)
    window.bin_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, RecycleBinDialog) and w.isVisible()]
    assert len(dialogs) == 1 and [i.id for i in dialogs[0].items()] == [note.id]
    scans = []
    window.reminder_centre.scanned.connect(scans.append)
    dialogs[0].restored.emit("note", note.id)
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=5000)
    dialogs[0].close()
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=5000)
