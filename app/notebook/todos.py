"""Todos (待办): what a clerk must still do, with a due time and a priority. Open todos due by the end of the day
show in the reminder centre (`app.reminders.scan`, kind "todo") and its navigation count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.directory.records import check_length, check_version, clean, flush, now
from app.errors import NotFoundError, ValidationError
from db.models import Case, Operator, Todo

PRIORITIES = {0: "普通", 1: "重要", 2: "紧急"}
TITLE_LIMIT = 200
BODY_LIMIT = 5_000
LISTED = 1_000


@dataclass(frozen=True)
class TodoView:
    id: int
    title: str
    body: str | None
    due_at: datetime | None
    priority: int
    done_at: datetime | None
    case_id: int | None
    operator_name: str | None
    version: int


@dataclass(frozen=True)
class TodoForm:
    title: str
    body: str | None = None
    due_at: datetime | None = None
    priority: int = 0
    case_id: int | None = None


def _view(todo: Todo, operator_name: str | None) -> TodoView:
    return TodoView(
        id=todo.id,
        title=todo.title,
        body=todo.body,
        due_at=todo.due_at,
        priority=todo.priority,
        done_at=todo.done_at,
        case_id=todo.case_id,
        operator_name=operator_name,
        version=todo.version,
    )


def _live_todo(session: Session, todo_id: int) -> Todo:
    todo = session.get(Todo, todo_id, populate_existing=True)
    if todo is None or todo.deleted_at is not None:
        raise NotFoundError("not_found", what="待办", key=todo_id)
    return todo


def get_todo(session: Session, todo_id: int) -> TodoView:
    todo = _live_todo(session, todo_id)
    operator = session.get(Operator, todo.operator_id) if todo.operator_id else None
    return _view(todo, operator.name if operator else None)


def _checked(session: Session, form: TodoForm) -> tuple[str, str | None]:
    problems: dict[str, str] = {}
    title, body = clean(form.title), clean(form.body)
    if title is None:
        problems["title"] = "required"
    check_length(problems, "title", title, TITLE_LIMIT)
    check_length(problems, "body", body, BODY_LIMIT)
    if form.priority not in PRIORITIES:
        problems["priority"] = "todo_priority_unknown"
    if form.due_at is not None and form.due_at.tzinfo is None:
        problems["due_at"] = "todo_due_naive"
    if form.case_id is not None:
        case = session.get(Case, form.case_id)
        if case is None or case.deleted_at is not None:
            problems["case_id"] = "note_case_missing"
    if problems:
        raise ValidationError(fields=problems)
    assert title is not None
    return title, body


def _fields(todo: Todo) -> dict[str, Any]:
    return {
        "title": todo.title,
        "body": todo.body,
        "due_at": todo.due_at,
        "priority": todo.priority,
        "case_id": todo.case_id,
    }


def save_todo(
    session: Session, form: TodoForm, *, actor: Actor, todo_id: int | None = None, version: int | None = None
) -> TodoView:
    """Add a todo (`todo_id` None) or change one read at `version`; a stale version raises ConflictError."""
    title, body = _checked(session, form)
    if todo_id is None:
        todo, action, before = Todo(operator_id=actor.id), "add", {}
    else:
        todo, action = _live_todo(session, todo_id), "update"
        check_version(session, "todo", todo.id, todo.version, version)
        before = _fields(todo)
    todo.title, todo.body, todo.due_at = title, body, form.due_at
    todo.priority, todo.case_id = form.priority, form.case_id
    session.add(todo)
    flush(session)
    after = _fields(todo)
    changes = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
    if changes:
        audit.record(session, actor, "todo", todo.id, action, changes)
    return get_todo(session, todo.id)


def set_done(session: Session, todo_id: int, done: bool, *, actor: Actor, at: datetime | None = None) -> TodoView:
    """Tick a todo off (at `at`, default now) or open it again; its reminder goes or comes back with it."""
    todo = _live_todo(session, todo_id)
    if (todo.done_at is not None) != done:
        todo.done_at = (at or now()) if done else None
        flush(session)
        audit.record(session, actor, "todo", todo.id, "done" if done else "reopen", {"done_at": todo.done_at})
    return get_todo(session, todo.id)


def delete_todo(session: Session, todo_id: int, *, actor: Actor) -> None:
    """Soft delete: gone from the lists, the search and the reminders."""
    todo = _live_todo(session, todo_id)
    todo.deleted_at = now()
    flush(session)
    audit.record(session, actor, "todo", todo.id, "delete", {"title": todo.title})


def list_todos(session: Session, *, open_only: bool = True, limit: int = LISTED) -> list[TodoView]:
    """Open todos first: those with a due time by due time (the overdue ones lead), then the undated; each tie
    broken by priority, highest first. With `open_only` False the done ones follow, last done first."""
    stmt = (
        select(Todo, Operator.name)
        .outerjoin(Operator, Operator.id == Todo.operator_id)
        .where(Todo.deleted_at.is_(None))
        .order_by(
            Todo.done_at.is_not(None),
            Todo.done_at.desc(),
            Todo.due_at.is_(None),
            Todo.due_at,
            Todo.priority.desc(),
            Todo.id.desc(),
        )
        .limit(limit)
    )
    if open_only:
        stmt = stmt.where(Todo.done_at.is_(None))
    return [_view(todo, name) for todo, name in session.execute(stmt)]
