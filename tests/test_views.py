"""Saved views on both engines: own and shared views per page, replace by name, validation of name and state,
and who may replace or delete a shared view."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app import views
from app.actor import Actor
from app.desk import Desk
from app.errors import NotFoundError, PermissionDenied, ValidationError
from app.operators import create_operator
from db.engine import Database
from db.models import AuditEntry, SavedView

STATE = {"filter": {"status": ["pending", "awaiting_reply"], "open": True}, "sort": ["due_at", 1], "zoom": 1.5}


@pytest.fixture
def colleague(database: Database) -> Actor:
    with database.write() as session:
        return create_operator(session, "张伟", role="clerk")


def test_save_and_list_own_then_shared(desk: Desk, colleague: Actor) -> None:
    mine = desk.write(views.save_view, "stuck", "  今天到期  ", STATE)
    shared = desk.write(views.save_view, "stuck", "全站超时", {"overdue": True}, shared=True)
    desk.write(views.save_view, "complaints", "今天到期", {})
    theirs = desk.act_as(colleague).write(views.save_view, "stuck", "我的", {"a": None})

    assert (mine.name, mine.page, mine.state, mine.shared, mine.operator_id) == (
        "今天到期",
        "stuck",
        STATE,
        False,
        desk.actor.id,
    )
    assert shared.shared and shared.operator_id is None
    listed = desk.read(views.list_views, "stuck", desk.actor.id)
    assert [(v.id, v.name, v.shared) for v in listed] == [(mine.id, "今天到期", False), (shared.id, "全站超时", True)]
    assert listed[0].state == STATE
    assert [v.id for v in desk.read(views.list_views, "stuck", colleague.id)] == [theirs.id, shared.id]
    assert [v.id for v in desk.read(views.list_views, "stuck", None)] == [shared.id]
    with desk.database.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "saved_view", AuditEntry.entity_id == mine.id)
        ).one()
        assert entry.action == "create" and entry.operator_id == desk.actor.id


def test_same_name_replaces_for_the_same_operator_and_page(desk: Desk, colleague: Actor) -> None:
    first = desk.write(views.save_view, "stuck", "今天到期", {"v": 1})
    again = desk.write(views.save_view, "stuck", "今天到期 ", {"v": 2})
    other = desk.act_as(colleague).write(views.save_view, "stuck", "今天到期", {"v": 3})
    assert again.id == first.id and again.state == {"v": 2}
    assert other.id != first.id
    assert [v.state for v in desk.read(views.list_views, "stuck", desk.actor.id)] == [{"v": 2}]
    with desk.database.read() as session:
        assert session.scalar(select(func.count()).select_from(SavedView)) == 2
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == first.id, AuditEntry.entity == "saved_view")
        ).all()
        assert sorted(actions) == ["create", "replace"]


@pytest.mark.parametrize(
    ("name", "state", "field", "code"),
    [
        ("   ", {}, "name", "invalid_input"),
        ("视" * 81, {}, "name", "view_name_too_long"),
        ("ok", {"when": date(2026, 11, 2)}, "state", "view_state_invalid"),
        ("ok", {"cols": ("a", "b")}, "state", "view_state_invalid"),
        ("ok", {"cols": {"a", "b"}}, "state", "view_state_invalid"),
        ("ok", {"width": float("nan")}, "state", "view_state_invalid"),
        ("ok", {"widths": {1: 80}}, "state", "view_state_invalid"),
        ("ok", ["not", "a", "dict"], "state", "view_state_invalid"),
    ],
)
def test_bad_names_and_states_are_refused(desk: Desk, name: str, state: object, field: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        desk.write(views.save_view, "stuck", name, state)
    assert field in info.value.fields and info.value.code == code
    with desk.database.read() as session:
        assert session.scalar(select(func.count()).select_from(SavedView)) == 0


def test_longest_name_and_nested_state_are_kept(desk: Desk) -> None:
    loop: dict[str, object] = {"ok": [1, 2.5, None, True, {"deep": ["x"]}]}
    saved = desk.write(views.save_view, "stuck", "视" * 80, loop)
    assert desk.read(views.list_views, "stuck", desk.actor.id)[0].state == loop
    assert saved.name == "视" * 80
    loop["self"] = loop
    with pytest.raises(ValidationError):
        desk.write(views.save_view, "stuck", "loop", loop)


def test_who_may_change_and_delete(desk: Desk, colleague: Actor, manager: Actor) -> None:
    mine = desk.write(views.save_view, "stuck", "我的", {})
    shared = desk.write(views.save_view, "stuck", "全站", {"v": 1}, shared=True)
    other = desk.act_as(colleague)

    with pytest.raises(PermissionDenied):
        other.write(views.delete_view, mine.id)
    with pytest.raises(PermissionDenied):
        other.write(views.delete_view, shared.id)
    with pytest.raises(PermissionDenied):
        other.write(views.save_view, "stuck", "全站", {"v": 2}, shared=True)
    assert desk.write(views.save_view, "stuck", "全站", {"v": 3}, shared=True).id == shared.id
    assert desk.act_as(manager).write(views.save_view, "stuck", "全站", {"v": 4}, shared=True).state == {"v": 4}

    desk.write(views.delete_view, mine.id)
    desk.act_as(manager).write(views.delete_view, shared.id)
    assert desk.read(views.list_views, "stuck", desk.actor.id) == []
    with pytest.raises(NotFoundError):
        desk.write(views.delete_view, mine.id)
    with desk.database.read() as session:
        deletes = session.execute(
            select(AuditEntry.entity_id, AuditEntry.operator_id).where(
                AuditEntry.entity == "saved_view", AuditEntry.action == "delete"
            )
        ).all()
        assert sorted(deletes) == sorted([(mine.id, desk.actor.id), (shared.id, manager.id)])
