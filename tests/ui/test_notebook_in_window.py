"""The notebook inside the main window: a waybill clicked in a note opens the lookup centre on it, and a todo's
reminder opens the notebook on that todo."""

from __future__ import annotations

from app.notebook.todos import TodoForm, save_todo
from tests.ui.conftest import WAYBILLS


def test_a_waybill_in_a_note_opens_the_lookup(qtbot, window) -> None:
    with qtbot.waitSignal(window.lookup_page.looked_up, timeout=5000) as found:
        window.notebook_page.lookup_requested.emit(WAYBILLS[0])
    assert found.args == [WAYBILLS[0], 1]
    assert window.pages.currentWidget() is window.lookup_page and window.search.text() == WAYBILLS[0]


def test_a_todo_reminder_opens_the_notebook_on_that_todo(qtbot, window, desk) -> None:
    other = desk.write(save_todo, TodoForm("打印交接单"))
    todo = desk.write(save_todo, TodoForm("给王先生回电"))
    assert other.id != todo.id
    window.reminders_page.todo_requested.emit(todo.id)
    page = window.notebook_page
    assert window.pages.currentWidget() is page and page.tabs.currentWidget() is page.todos
    qtbot.waitUntil(
        lambda: page.todos.todos.current() is not None and page.todos.todos.current().id == todo.id, timeout=5000
    )
