"""What every directory service shares: tidy form text, check fields, refuse stale edits, read JSON lists fast."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError
from app.imports.references import fold
from app.phones import phone_tails
from db.models import AuditEntry, Operator

_SERVICE_NUMBER = re.compile(r"\d[\d-]{2,19}")


def json_text(column: Any) -> Any:
    """A JSON list column read as its stored text on both engines, to be decoded by `json_list`."""
    return cast(column, Text)


@lru_cache(maxsize=65536)
def json_list(raw: str | None) -> tuple[str, ...]:
    """A stored JSON list of strings, decoded once per distinct text: directory lists are read on every
    keystroke, and decoding every row's keywords each time cost more than the rest of the search."""
    return tuple(json.loads(raw)) if raw else ()


def now() -> datetime:
    return datetime.now(UTC)


def clean(text: str | None) -> str | None:
    """Form text as stored: trimmed (full-width spaces too), None when nothing is left."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def clean_list(items: Iterable[str | None]) -> tuple[str, ...]:
    """Trimmed, blanks dropped, duplicates (compared without width or case) dropped, first spelling kept."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        value = clean(item)
        if value is None:
            continue
        key = unicodedata.normalize("NFKC", value).casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def check_length(problems: dict[str, str], field: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        problems.setdefault(field, "text_too_long")


def check_phone(problems: dict[str, str], field: str, value: str | None) -> None:
    """A phone field may hold several numbers ("138…/0571-…") or a short service number (95554)."""
    if value is not None and not phone_tails(value) and not _SERVICE_NUMBER.fullmatch(fold(value)):
        problems.setdefault(field, "phone_unreadable")


def check_version(session: Session, entity: str, row_id: int, current: int, expected: int | None) -> None:
    """Refuse an edit made from a form that read an older version, naming who saved since and when."""
    if expected is None or expected == current:
        return
    last = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == row_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    who = session.get(Operator, last.operator_id) if last and last.operator_id else None
    raise ConflictError(who=who.name if who else "他人", at=last.at.isoformat(timespec="minutes") if last else "")


def apply_changes(session: Session, actor: Any, entity: str, row: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Set the values that differ on `row`, flush (a concurrent edit is a ConflictError) and audit them as one
    "update"; returns {name: (old, new)} of what changed, empty when nothing did (and nothing is written)."""
    from app import audit

    diff = {name: (getattr(row, name), value) for name, value in values.items() if getattr(row, name) != value}
    if diff:
        for name, (_, value) in diff.items():
            setattr(row, name, value)
        flush(session)
        audit.record(session, actor, entity, row.id, "update", diff)
    return diff


def flush(session: Session) -> None:
    """Flush, turning a concurrent commit between our read and our write into a ConflictError."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(who="他人", at="") from exc
