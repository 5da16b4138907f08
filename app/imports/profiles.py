"""Saved column mappings (导入方案): the wizard saves the clerk's fixed mapping under the file's header set, and the
next file with the same headers (in any column order) is mapped the same way, in the wizard and on the command
line. Stored by header text, so a moved column still maps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import ValidationError
from app.imports.mapping import fields_for, header_key
from app.imports.table import normalise_header
from db.models import ImportProfile


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    target: str
    mapping: dict[int, str]  # column index of this file -> field


def _stored(profile: ImportProfile, headers: Sequence[str]) -> Profile:
    names = {f.name for f in fields_for(profile.kind)}
    by_header = {k: v for k, v in profile.mapping.items() if v in names}
    mapping = {i: by_header[normalise_header(h)] for i, h in enumerate(headers) if normalise_header(h) in by_header}
    used: set[str] = set()
    unique = {}
    for column, name in mapping.items():  # two columns with the same header: the first keeps the field
        if name not in used:
            unique[column] = name
            used.add(name)
    return Profile(profile.id, profile.name, profile.kind, unique)


def find_profile(session: Session, headers: Sequence[str], target: str) -> Profile | None:
    """The profile saved for this header set and target, most recently used first."""
    found = session.scalars(
        select(ImportProfile)
        .where(ImportProfile.header_key == header_key(headers), ImportProfile.kind == target)
        .order_by(ImportProfile.last_used_at.desc().nulls_last(), ImportProfile.id.desc())
        .limit(1)
    ).first()
    return _stored(found, headers) if found is not None else None


def save_profile(
    session: Session,
    name: str,
    target: str,
    headers: Sequence[str],
    mapping: Mapping[int, str],
    *,
    actor: Actor,
) -> Profile:
    """Save (or replace) the mapping for this header set and target."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(fields={"name": "required"})
    names = {f.name for f in fields_for(target)}
    stored = {normalise_header(headers[i]): field for i, field in mapping.items() if field in names and headers[i]}
    key = header_key(headers)
    profile = session.scalars(
        select(ImportProfile).where(ImportProfile.header_key == key, ImportProfile.kind == target)
    ).first()
    if profile is None:
        profile = ImportProfile(kind=target, header_key=key)
        session.add(profile)
    profile.name, profile.headers, profile.mapping = name[:80], list(headers), stored
    profile.last_used_at = datetime.now(UTC)
    session.flush()
    audit.record(session, actor, "import_profile", profile.id, "save", {"name": profile.name, "kind": target})
    return _stored(profile, headers)


def mark_used(session: Session, profile_id: int, at: datetime) -> None:
    profile = session.get(ImportProfile, profile_id)
    if profile is not None:
        profile.last_used_at = at
