"""Saved views of list pages: a named filter / sort / column state an operator keeps, or shares with everyone.

The schema has no "shared" column: a shared view is stored without an operator (`operator_id` NULL) and its
creator is the operator of its first audit entry. Own views are changed and deleted by their owner; shared ones
by their creator or a manager, so one clerk cannot silently replace the view the whole outlet uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import NotFoundError, PermissionDenied, ValidationError
from db.models import AuditEntry, SavedView

NAME_MAX = 80
PAGE_MAX = 40


@dataclass(frozen=True)
class SavedViewInfo:
    id: int
    page: str
    name: str
    state: dict[str, Any]
    shared: bool
    operator_id: int | None  # the owner; None for a shared view
    created_at: datetime


def _info(row: SavedView) -> SavedViewInfo:
    return SavedViewInfo(
        id=row.id,
        page=row.page,
        name=row.name,
        state=row.state,
        shared=row.operator_id is None,
        operator_id=row.operator_id,
        created_at=row.created_at,
    )


def _check_state(value: Any, path: str, seen: set[int]) -> None:
    """Only what JSON stores and reads back unchanged: dicts with text keys, lists, text, numbers, booleans, null."""
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if math.isfinite(value):
            return
        raise ValidationError("view_state_invalid", fields={"state": "view_state_invalid"}, path=path)
    if isinstance(value, dict | list):
        if id(value) in seen:
            raise ValidationError("view_state_invalid", fields={"state": "view_state_invalid"}, path=path)
        seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ValidationError("view_state_invalid", fields={"state": "view_state_invalid"}, path=path)
                _check_state(item, f"{path}.{key}", seen)
        else:
            for index, item in enumerate(value):
                _check_state(item, f"{path}[{index}]", seen)
        seen.discard(id(value))
        return
    raise ValidationError("view_state_invalid", fields={"state": "view_state_invalid"}, path=path)


def _clean_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned:
        raise ValidationError(fields={"name": "required"})
    if len(cleaned) > NAME_MAX:
        raise ValidationError("view_name_too_long", fields={"name": "view_name_too_long"}, limit=NAME_MAX)
    return cleaned


def _clean_page(page: str) -> str:
    cleaned = (page or "").strip()
    if not cleaned or len(cleaned) > PAGE_MAX:
        raise ValidationError(fields={"page": "required" if not cleaned else "invalid_input"})
    return cleaned


def _creator(session: Session, view_id: int) -> int | None:
    return session.scalar(
        select(AuditEntry.operator_id)
        .where(AuditEntry.entity == "saved_view", AuditEntry.entity_id == view_id)
        .order_by(AuditEntry.at, AuditEntry.id)
        .limit(1)
    )


def _may_change(session: Session, row: SavedView, actor: Actor) -> bool:
    if row.operator_id is not None:
        return row.operator_id == actor.id
    return actor.is_manager or _creator(session, row.id) == actor.id


def save_view(
    session: Session, page: str, name: str, state: dict[str, Any], *, actor: Actor, shared: bool = False
) -> SavedViewInfo:
    """Store a view, replacing the one of the same name on the same page (own views, or the shared ones)."""
    page = _clean_page(page)
    name = _clean_name(name)
    if not isinstance(state, dict):
        raise ValidationError("view_state_invalid", fields={"state": "view_state_invalid"}, path="state")
    _check_state(state, "state", set())
    owner = None if shared else actor.id
    owner_clause = SavedView.operator_id.is_(None) if shared else SavedView.operator_id == owner
    row = session.scalars(
        select(SavedView).where(SavedView.page == page, SavedView.name == name, owner_clause).order_by(SavedView.id)
    ).first()
    if row is None:
        row = SavedView(page=page, name=name, operator_id=owner, state=state)
        session.add(row)
        session.flush()
        audit.record(session, actor, "saved_view", row.id, "create", {"page": page, "name": name, "shared": shared})
        return _info(row)
    if not _may_change(session, row, actor):
        raise PermissionDenied("view_not_yours")
    row.state = state
    session.flush()
    audit.record(session, actor, "saved_view", row.id, "replace", {"page": page, "name": name, "shared": shared})
    return _info(row)


def list_views(session: Session, page: str, operator_id: int | None) -> list[SavedViewInfo]:
    """The operator's own views of a page, then the shared ones, each by name."""
    owned: list[ColumnElement[bool]] = [SavedView.operator_id.is_(None)]
    if operator_id is not None:
        owned.append(SavedView.operator_id == operator_id)
    rows = session.scalars(
        select(SavedView)
        .where(SavedView.page == page.strip(), or_(*owned))
        .order_by(SavedView.operator_id.is_(None), SavedView.name, SavedView.id)
    )
    return [_info(row) for row in rows]


def delete_view(session: Session, view_id: int, *, actor: Actor) -> None:
    row = session.get(SavedView, view_id)
    if row is None:
        raise NotFoundError("not_found", what="视图", key=view_id)
    if not _may_change(session, row, actor):
        raise PermissionDenied("view_not_yours")
    info = _info(row)
    session.delete(row)
    session.flush()
    audit.record(
        session, actor, "saved_view", view_id, "delete", {"page": info.page, "name": info.name, "shared": info.shared}
    )
