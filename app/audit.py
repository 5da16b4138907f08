"""The audit log: every change attributed to the operator who made it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.actor import Actor
from db.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: dict[str, Any] | None = None,
) -> None:
    plain = {k: [_plain(x) for x in v] if isinstance(v, tuple) else _plain(v) for k, v in (changes or {}).items()}
    session.add(
        AuditEntry(operator_id=actor.id, entity=entity, entity_id=entity_id, action=action, changes=plain or None)
    )
