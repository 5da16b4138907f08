"""The recycle bin on SQLite and PostgreSQL: deleted notes, to-dos and fines listed newest first with who deleted
them; putting one back is a manager's decision, audited, and the record is live again everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.errors import NotFoundError, PermissionDenied, ValidationError
from app.fine_views import list_fines
from app.fines import NewFine, delete_fine, record_fine
from app.notebook.notes import NoteForm, delete_note, notes_of_day, save_note
from app.notebook.todos import TodoForm, delete_todo, list_todos, save_todo
from app.recycle_bin import list_bin, restore
from db.engine import Database
from db.models import AuditEntry
from tests.conftest import MANAGER_PIN

DAY = date(2026, 11, 20)


def _deleted_things(database: Database, clerk: Actor, manager: Actor) -> dict[str, int]:
    with database.write() as session:
        note = save_note(session, NoteForm("写错的笔记", "客户电话记错了", day=DAY), actor=clerk)
        todo = save_todo(session, TodoForm("回电张伟"), actor=clerk)
        fine = record_fine(
            session,
            NewFine("YT8962646785389", "late", Decimal("50.00"), datetime(2026, 11, 19, 2, tzinfo=UTC)),
            actor=clerk,
        )
        kept = save_note(session, NoteForm("留着的笔记", day=DAY), actor=clerk)
    with database.write() as session:
        delete_todo(session, todo.id, actor=clerk)
    with database.write() as session:
        delete_note(session, note.id, actor=clerk, manager_pin=MANAGER_PIN)
    with database.write() as session:
        delete_fine(session, fine.id, expected_version=fine.version, actor=clerk, manager_pin=MANAGER_PIN)
    return {"note": note.id, "todo": todo.id, "fine": fine.id, "kept": kept.id}


def test_the_bin_lists_what_was_deleted_newest_first_with_who(database: Database, clerk: Actor, manager: Actor) -> None:
    ids = _deleted_things(database, clerk, manager)
    with database.read() as session:
        items = list_bin(session)
    assert [(i.kind, i.id, i.what, i.name) for i in items] == [
        ("fine", ids["fine"], "罚款", "YT8962646785389"),
        ("note", ids["note"], "工作笔记", "写错的笔记"),
        ("todo", ids["todo"], "待办", "回电张伟"),
    ]
    # a fine's deletion is attributed to the approving manager (app.fines); a note's to the clerk who asked
    assert [i.deleted_by for i in items] == [manager.name, clerk.name, clerk.name]
    assert items[0].deleted_at >= items[1].deleted_at >= items[2].deleted_at


def test_putting_back_needs_a_manager_and_makes_the_record_live_again(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    ids = _deleted_things(database, clerk, manager)
    for pin in (None, "0000"):
        with pytest.raises(PermissionDenied), database.write() as session:
            restore(session, "note", ids["note"], actor=clerk, manager_pin=pin)
    with database.read() as session:
        assert len(list_bin(session)) == 3
    with database.write() as session:
        restore(session, "note", ids["note"], actor=clerk, manager_pin=MANAGER_PIN)
        restore(session, "fine", ids["fine"], actor=manager)  # a manager needs no PIN of their own
    with database.read() as session:
        assert [i.kind for i in list_bin(session)] == ["todo"]
        assert {n.id for n in notes_of_day(session, DAY)} == {ids["note"], ids["kept"]}
        assert [f.id for f in list_fines(session)] == [ids["fine"]]
        assert [t.title for t in list_todos(session)] == []
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).all()
    assert [(e.entity, e.entity_id, e.changes["approved_by"]) for e in entries] == [
        ("note", ids["note"], manager.name),
        ("fine", ids["fine"], manager.name),
    ]


def test_putting_back_what_is_not_in_the_bin_is_refused(database: Database, clerk: Actor, manager: Actor) -> None:
    ids = _deleted_things(database, clerk, manager)
    with pytest.raises(NotFoundError), database.write() as session:
        restore(session, "note", ids["kept"], actor=manager)  # never deleted
    with pytest.raises(NotFoundError), database.write() as session:
        restore(session, "note", 999_999, actor=manager)
    with pytest.raises(ValidationError), database.write() as session:
        restore(session, "case", 1, actor=manager)
