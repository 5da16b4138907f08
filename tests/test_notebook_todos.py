"""Todos on both engines: writing, validation, stale edits, done and undone, deletion, and the list's order
(due ones by due time, then the undated, ties by priority)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.cases import NewCase, open_case
from app.desk import Desk
from app.errors import ConflictError, NotFoundError, ValidationError
from app.notebook.todos import PRIORITIES, TodoForm, delete_todo, list_todos, save_todo, set_done

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def _todo(desk: Desk, title: str, **kw) -> int:
    return desk.write(save_todo, TodoForm(title, **kw)).id


def test_a_todo_is_written_and_edited_with_its_version(desk: Desk) -> None:
    case_id = desk.write(open_case, NewCase(kind="chase", waybill_no="YT8962646785389", opened_at=T0)).id
    todo = desk.write(save_todo, TodoForm(" 回电张伟 ", " 问门牌号 ", due_at=T0, priority=2, case_id=case_id))
    assert (todo.title, todo.body, todo.due_at, todo.priority, todo.case_id) == ("回电张伟", "问门牌号", T0, 2, case_id)
    assert (todo.operator_name, todo.done_at, todo.version, PRIORITIES[todo.priority]) == ("王芳", None, 1, "紧急")
    edited = desk.write(save_todo, TodoForm("回电张伟", priority=1), todo_id=todo.id, version=todo.version)
    assert (edited.body, edited.due_at, edited.priority, edited.version) == (None, None, 1, 2)
    with pytest.raises(ConflictError):
        desk.write(save_todo, TodoForm("回电李四"), todo_id=todo.id, version=todo.version)


@pytest.mark.parametrize(
    ("form", "field", "code"),
    [
        (TodoForm(""), "title", "required"),
        (TodoForm("x", priority=5), "priority", "todo_priority_unknown"),
        (TodoForm("x", due_at=datetime(2026, 11, 20, 9, 0)), "due_at", "todo_due_naive"),
        (TodoForm("x", case_id=424242), "case_id", "note_case_missing"),
    ],
)
def test_bad_todos_are_refused_with_a_field_message(desk: Desk, form: TodoForm, field: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        desk.write(save_todo, form)
    assert info.value.fields == {field: code}


def test_the_list_puts_due_ones_first_by_time_then_priority(desk: Desk) -> None:
    undated_low = _todo(desk, "整理货架")
    undated_high = _todo(desk, "盘点", priority=2)
    later = _todo(desk, "下午回电", due_at=T0 + timedelta(hours=5))
    overdue = _todo(desk, "昨天就该回电", due_at=T0 - timedelta(days=1))
    same_time_high = _todo(desk, "紧急留言", due_at=T0 + timedelta(hours=5), priority=2)
    done = _todo(desk, "已处理", due_at=T0 - timedelta(days=2))
    desk.write(set_done, done, True, at=T0)
    order = [overdue, same_time_high, later, undated_high, undated_low]
    assert [t.id for t in desk.read(list_todos)] == order
    assert [t.id for t in desk.read(list_todos, open_only=False)] == [*order, done]
    assert desk.read(list_todos, open_only=False)[-1].done_at == T0


def test_done_undone_and_deleted(desk: Desk) -> None:
    todo = _todo(desk, "回电")
    assert desk.write(set_done, todo, True, at=T0).done_at == T0
    assert desk.write(set_done, todo, True, at=T0 + timedelta(hours=1)).done_at == T0  # already done: unchanged
    assert desk.read(list_todos) == []
    assert desk.write(set_done, todo, False).done_at is None
    assert [t.id for t in desk.read(list_todos)] == [todo]
    desk.write(delete_todo, todo)
    assert desk.read(list_todos, open_only=False) == []
    with pytest.raises(NotFoundError):
        desk.write(set_done, todo, True)
