"""Export profiles: per upstream company, which columns an export has, in what order, under which headers.

Each upstream company wants the daily sheet or a case list in its own layout; a clerk saves that once as a named
profile and picks it when exporting. A profile names column keys of one catalogue (the daily sheet's
`DAILY_COLUMNS` or the case list's `CASE_COLUMNS`); unknown keys are refused when saving, so a profile that
loads is a profile that exports. Stored in `ExportProfile`: `columns` is the key list, `options["headers"]` maps
a key to its custom header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.columns import CASE_COLUMNS, Column
from app.errors import NotFoundError, ValidationError
from app.export.daily import DAILY_COLUMNS
from app.export.table import unknown_keys
from db.models import ExportProfile

CATALOGUES: dict[str, tuple[Column, ...]] = {"daily": DAILY_COLUMNS, "cases": CASE_COLUMNS}
TARGETS = tuple(CATALOGUES)
NAME_LIMIT = 80  # ExportProfile.name
HEADER_LIMIT = 40


@dataclass(frozen=True)
class ExportProfileSpec:
    name: str
    target: str  # "daily" | "cases"
    columns: tuple[str, ...]
    headers: Mapping[str, str] = field(default_factory=dict)  # column key -> custom header
    id: int | None = None


def catalogue(target: str) -> tuple[Column, ...]:
    try:
        return CATALOGUES[target]
    except KeyError:
        raise ValidationError("export_bad_target", fields={"target": "export_bad_target"}, target=target) from None


def _spec(row: ExportProfile) -> ExportProfileSpec:
    options: dict[str, Any] = row.options or {}
    headers = options.get("headers") or {}
    return ExportProfileSpec(
        name=row.name,
        target=row.target,
        columns=tuple(row.columns or ()),
        headers={str(k): str(v) for k, v in headers.items()},
        id=row.id,
    )


def validate(spec: ExportProfileSpec) -> ExportProfileSpec:
    """The cleaned profile, or ValidationError naming each bad field (unknown column keys listed by name)."""
    name = (spec.name or "").strip()
    if not name:
        raise ValidationError(fields={"name": "required"})
    if len(name) > NAME_LIMIT:
        raise ValidationError("export_name_too_long", fields={"name": "export_name_too_long"}, limit=NAME_LIMIT)
    columns = catalogue(spec.target)
    keys = tuple(k.strip() for k in spec.columns)
    if not keys:
        raise ValidationError("export_no_columns", fields={"columns": "export_no_columns"})
    unknown = unknown_keys(columns, [*keys, *spec.headers])
    if unknown:
        keys_text = "、".join(dict.fromkeys(unknown))
        raise ValidationError("export_unknown_columns", fields={"columns": "export_unknown_columns"}, keys=keys_text)
    twice = [k for k in dict.fromkeys(keys) if keys.count(k) > 1]
    if twice:
        raise ValidationError(
            "export_duplicate_columns", fields={"columns": "export_duplicate_columns"}, keys="、".join(twice)
        )
    headers: dict[str, str] = {}
    for key, header in spec.headers.items():
        text = " ".join(str(header or "").split())
        if len(text) > HEADER_LIMIT:
            raise ValidationError(
                "export_header_too_long", fields={"headers": "export_header_too_long"}, limit=HEADER_LIMIT
            )
        if text and key in keys:
            headers[key] = text
    return ExportProfileSpec(name=name, target=spec.target, columns=keys, headers=headers, id=spec.id)


def list_profiles(session: Session, target: str | None = None) -> list[ExportProfileSpec]:
    query = select(ExportProfile).order_by(ExportProfile.target, ExportProfile.name)
    if target is not None:
        query = query.where(ExportProfile.target == target)
    return [_spec(row) for row in session.scalars(query)]


def get_profile(session: Session, name: str) -> ExportProfileSpec:
    row = session.scalar(select(ExportProfile).where(ExportProfile.name == name.strip()))
    if row is None:
        raise NotFoundError("not_found", what="导出方案", key=name)
    return _spec(row)


def save_profile(session: Session, spec: ExportProfileSpec, *, actor: Actor) -> ExportProfileSpec:
    """Create a profile (spec.id None) or change the one with that id; names are unique."""
    clean = validate(spec)
    same_name = session.scalar(select(ExportProfile).where(ExportProfile.name == clean.name))
    if same_name is not None and same_name.id != clean.id:
        raise ValidationError("export_profile_exists", fields={"name": "export_profile_exists"}, name=clean.name)
    options = {"headers": dict(clean.headers)}
    if clean.id is None:
        row = ExportProfile(name=clean.name, target=clean.target, columns=list(clean.columns), options=options)
        session.add(row)
        action = "create"
    else:
        found = session.get(ExportProfile, clean.id)
        if found is None:
            raise NotFoundError("not_found", what="导出方案", key=clean.id)
        row = found
        row.name, row.target, row.columns, row.options = clean.name, clean.target, list(clean.columns), options
        action = "update"
    session.flush()
    audit.record(
        session,
        actor,
        "export_profile",
        row.id,
        action,
        {"name": clean.name, "target": clean.target, "columns": list(clean.columns), "headers": options["headers"]},
    )
    return _spec(row)


def delete_profile(session: Session, name: str, *, actor: Actor) -> None:
    row = session.scalar(select(ExportProfile).where(ExportProfile.name == name.strip()))
    if row is None:
        raise NotFoundError("not_found", what="导出方案", key=name)
    audit.record(session, actor, "export_profile", row.id, "delete", {"name": row.name, "target": row.target})
    session.delete(row)
