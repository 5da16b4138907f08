"""The work notebook driven as a clerk would: a note mentioning a waybill written through the form (its live
preview links the number), found again by a two- and a five-character Chinese search with the match in bold,
opened from the hit, its waybill link clicked (the lookup shows the parcel) and its phone copied; the day view
moving between days with pinned notes on top; a todo written and ticked off with Space; a phrase written with a
placeholder button and copied. Each step is checked on screen and in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QTextBrowser
from sqlalchemy import select

from app.desk import Desk
from app.notebook.notes import NoteForm, save_note
from app.notebook.search import Hit
from db.models import Note, Phrase, Todo
from tests.ui.conftest import WAYBILLS
from tests.ui.test_scan_bar import type_text
from ui.dialogs.directory_dialogs import RecordDialog
from ui.pages.lookup_page import LookupPage
from ui.pages.notebook_page import NotebookPage
from ui.pages.notebook_tab import NotebookTab

NOW = datetime(2025, 11, 4, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai
TODAY = date(2025, 11, 4)
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
NUMBER = WAYBILLS[0]  # a case on it exists (the `cases` fixture)
PHONE = "13812345678"


@pytest.fixture
def page(qtbot, desk: Desk, runner, prompt, cases) -> NotebookPage:
    widget = NotebookPage(desk, runner, prompt, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.notes.loaded, timeout=5000):
        widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)  # shortcuts (Ctrl+F) reach an active window only
    return widget


def _rows(desk: Desk, model) -> list:
    with desk.database.read() as session:
        rows = list(session.scalars(select(model).order_by(model.id)))
        session.expunge_all()
        return rows


def _open(qtbot, tab: NotebookTab, button) -> RecordDialog:
    before = tab.dialog
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog is not before, timeout=2000)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    return dialog


def _save(qtbot, tab: NotebookTab, dialog: RecordDialog, key_field) -> None:
    """Ctrl+Enter in a field saves; the tab is read again with the saved record current."""
    with qtbot.waitSignal(tab.loaded, timeout=5000), qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.keyClick(key_field, Qt.Key.Key_Return, CTRL)


def _click_text(qtbot, browser: QTextBrowser, text: str) -> None:
    """Click in the middle of `text` where the browser shows it."""
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"{text} is not on show"
    cursor.setPosition(cursor.selectionStart() + len(text) // 2)
    qtbot.mouseClick(browser.viewport(), LEFT, pos=browser.cursorRect(cursor).center())


def _search(qtbot, page: NotebookPage, query: str) -> list[Hit]:
    page.activateWindow()  # back from a form (the offscreen platform does not give the focus back by itself)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    page.tabs.setFocus()  # somewhere on the page, away from the search box
    qtbot.keyClick(page.tabs, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    with qtbot.waitSignal(page.searched, timeout=5000):
        type_text(page.search, query)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return page.hits.hits()


def test_a_note_with_a_waybill_is_found_and_its_link_leads_to_the_lookup(
    qtbot, page: NotebookPage, desk: Desk, runner, prompt
) -> None:
    notes = page.notes
    dialog = _open(qtbot, notes, notes.notes.add_button)
    type_text(dialog.title, "张先生催件")
    body = f"客户来电，{NUMBER} 明天改派到菜鸟驿站。\n\n回电 {PHONE}"
    dialog.body_text.setPlainText(body)
    assert f'href="waybill:{NUMBER}"' in dialog.preview.toHtml()  # the live preview links the number
    type_text(dialog.tags, "催件、改派")
    qtbot.mouseClick(dialog.handover, LEFT)
    _save(qtbot, notes, dialog, dialog.title)

    [note] = _rows(desk, Note)
    assert (note.title, note.body, note.tags, note.handover, note.day) == (
        "张先生催件",
        body,
        ["催件", "改派"],
        True,
        TODAY,
    )
    assert notes.notes.texts(1) == ["张先生催件"] and notes.notes.texts(0) == [notes.tr("Handover")]

    notes.go(1)  # another day: the note is not there; the search finds it all the same
    qtbot.waitUntil(lambda: notes.notes.rows == [], timeout=5000)
    for query in ("改派", "改派到菜鸟"):  # two and five Chinese characters
        page.search.clear()
        hits = _search(qtbot, page, query)
        found = [n for n, hit in enumerate(hits) if hit.type == "note"]
        assert [hits[n].title for n in found] == ["张先生催件"]
        assert f"<b>{query}</b>" in page.hits.labels[found[0]].text()  # the match in bold in the snippet

    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # on to the hits
    assert page.hits.hasFocus()
    for _ in range(found[0]):
        qtbot.keyClick(page.hits, Qt.Key.Key_Down)
    with qtbot.waitSignal(notes.loaded, timeout=5000):
        qtbot.keyClick(page.hits, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is notes and notes.day == TODAY and notes.current().id == note.id

    lookup = LookupPage(desk, runner, prompt)  # as the main window routes the signal to the lookup centre
    qtbot.addWidget(lookup)
    page.lookup_requested.connect(lookup.lookup)
    with qtbot.waitSignal(page.lookup_requested) as asked, qtbot.waitSignal(lookup.looked_up, timeout=5000) as found:
        _click_text(qtbot, notes.browser, NUMBER)
    assert asked.args == [NUMBER] and found.args == [NUMBER, 1]
    assert lookup.tree.topLevelItem(0).text(0) == NUMBER

    with qtbot.waitSignal(page.copied) as copied:
        _click_text(qtbot, notes.browser, PHONE)
    assert copied.args == [PHONE] and QGuiApplication.clipboard().text() == PHONE


def test_the_day_view_moves_between_days_with_pinned_notes_on_top(qtbot, page: NotebookPage, desk: Desk) -> None:
    def create(session, *, actor) -> None:
        save_note(session, NoteForm("门卫代收规则", "兴华小区放门卫", day=date(2025, 11, 1), pinned=True), actor=actor)
        save_note(session, NoteForm("昨天的交接", "", day=date(2025, 11, 3), handover=True), actor=actor)
        save_note(session, NoteForm("今天的事", "", day=TODAY), actor=actor)

    desk.write(create)
    notes = page.notes
    with qtbot.waitSignal(notes.loaded, timeout=5000):
        qtbot.mouseClick(notes.today_button, LEFT)
    assert notes.notes.texts(1) == ["门卫代收规则", "今天的事"]  # pinned first, from whatever day
    with qtbot.waitSignal(notes.loaded, timeout=5000):
        qtbot.mouseClick(notes.previous_button, LEFT)
    assert notes.day == date(2025, 11, 3) and notes.date.date().toPython() == date(2025, 11, 3)
    assert notes.notes.texts(1) == ["门卫代收规则", "昨天的交接"]
    assert notes.notes.texts(0)[1] == notes.tr("Handover")


def test_a_todo_is_written_and_ticked_off_with_space(qtbot, page: NotebookPage, desk: Desk) -> None:
    todos = page.todos
    with qtbot.waitSignal(todos.loaded, timeout=5000):
        page.tabs.setCurrentWidget(todos)
    dialog = _open(qtbot, todos, todos.todos.add_button)
    type_text(dialog.title, "下午三点前回电王女士")
    qtbot.mouseClick(dialog.has_due, LEFT)
    dialog.priority.setCurrentIndex(dialog.priority.findData(2))
    _save(qtbot, todos, dialog, dialog.title)
    [todo] = _rows(desk, Todo)
    assert todo.title == "下午三点前回电王女士" and todo.priority == 2 and todo.due_at is not None
    assert todos.todos.texts(0) == ["下午三点前回电王女士"] and todos.todos.texts(2)[0] == "2025-11-04 10:30"

    tree = todos.todos.tree
    tree.setFocus()
    with qtbot.waitSignal(todos.loaded, timeout=5000):
        qtbot.keyClick(tree, Qt.Key.Key_Space)
    [todo] = _rows(desk, Todo)
    assert todo.done_at == NOW
    assert todos.todos.rows == []  # open todos only
    with qtbot.waitSignal(todos.loaded, timeout=5000):
        qtbot.mouseClick(todos.show_done, LEFT)
    assert todos.todos.texts(0) == ["下午三点前回电王女士"]
    assert tree.topLevelItem(0).checkState(0) == Qt.CheckState.Checked


def test_a_phrase_is_written_with_a_placeholder_button_and_copied(qtbot, page: NotebookPage, desk: Desk) -> None:
    phrases = page.phrases
    with qtbot.waitSignal(phrases.loaded, timeout=5000):
        page.tabs.setCurrentWidget(phrases)
    dialog = _open(qtbot, phrases, phrases.phrases.add_button)
    type_text(dialog.title, "到件提醒")
    type_text(dialog.text, "您好，您的快递")
    qtbot.mouseClick(dialog.placeholder_buttons[0], LEFT)
    type_text(dialog.text, "已到，请于{时间}前领取。")
    _save(qtbot, phrases, dialog, dialog.title)
    phrase = next(p for p in _rows(desk, Phrase) if p.title == "到件提醒")
    assert phrase.text == "您好，您的快递{单号}已到，请于{时间}前领取。"
    assert phrases.phrases.current().id == phrase.id and phrases.text.toPlainText() == phrase.text

    with qtbot.waitSignal(page.copied, timeout=5000) as copied:
        qtbot.mouseClick(phrases.copy_button, LEFT)
    assert copied.args == [phrase.text]  # no case here: the placeholders stay visible
    assert QGuiApplication.clipboard().text() == phrase.text
    phrase = next(p for p in _rows(desk, Phrase) if p.title == "到件提醒")
    assert phrase.use_count == 1


def test_a_note_is_edited_with_enter_and_deleted_after_a_question(
    qtbot, page: NotebookPage, desk: Desk, prompt, manager, manager_pin
) -> None:
    desk.write(lambda session, *, actor: save_note(session, NoteForm("丰巢满了", "", day=TODAY), actor=actor))
    notes = page.notes
    with qtbot.waitSignal(notes.loaded, timeout=5000):
        qtbot.mouseClick(notes.today_button, LEFT)
    tree = notes.notes.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: notes.dialog is not None and notes.dialog.loaded, timeout=5000)
    dialog = notes.dialog
    assert dialog.title.text() == "丰巢满了"
    type_text(dialog.title, "，放驿站")
    _save(qtbot, notes, dialog, dialog.title)
    assert [n.title for n in _rows(desk, Note)] == ["丰巢满了，放驿站"]
    assert notes.browser.toPlainText().startswith("丰巢满了，放驿站")

    prompt.answers, prompt.pins = [False, True, True], [None, manager_pin]
    page.activateWindow()  # back from the form: shortcuts (Del) reach an active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # refused: nothing happens
    assert prompt.questions[-1] == notes.tr("Delete the note “{title}”?").format(title="丰巢满了，放驿站")
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # yes, but no manager's PIN: nothing happens
    assert prompt.pin_reasons == [notes.tr("Deleting a note needs a manager's PIN.")]
    assert _rows(desk, Note)[0].deleted_at is None
    with qtbot.waitSignal(notes.loaded, timeout=5000):
        qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert notes.notes.rows == [] and _rows(desk, Note)[0].deleted_at is not None


def test_phrases_are_filtered_by_category(qtbot, page: NotebookPage) -> None:
    phrases = page.phrases
    with qtbot.waitSignal(phrases.loaded, timeout=5000):
        page.tabs.setCurrentWidget(phrases)
    assert {p.category for p in phrases.phrases.rows} >= {"opening", "apology"}  # the prefilled set
    with qtbot.waitSignal(phrases.loaded, timeout=5000):
        phrases.category.setCurrentIndex(phrases.category.findData("apology"))
    assert phrases.phrases.rows and {p.category for p in phrases.phrases.rows} == {"apology"}
