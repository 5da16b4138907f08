"""The problem-type catalogue (问题类型): seeded from DESIGN.md §6, edited by the outlet.

Each type has a stable code (what the database, imports and exports use), a Chinese name with its pinyin
initials for keyboard picking, the carriers it applies to (empty: every carrier), and its own limits: the day
count of the earliest return and the hours to answer a 留言 (empty: the outlet's rule). Limits decide when a
return is fined, so changing them needs a manager, as the deadline rules do. Types in use are deactivated,
never deleted, so old cases keep their label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import NotFoundError, ValidationError
from app.operators import require_manager
from app.pinyin import initials
from db.models import Carrier, ProblemType

CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
LIMIT_FIELDS = ("hold_days", "reply_hours")


@dataclass(frozen=True)
class ProblemTypeRecord:
    id: int | None  # None: a new type
    code: str
    name: str
    carrier_codes: tuple[str, ...] = ()
    hold_days: int | None = None
    reply_hours: int | None = None
    active: bool = True
    sort_order: int = 0


def _record(t: ProblemType) -> ProblemTypeRecord:
    return ProblemTypeRecord(
        id=t.id,
        code=t.code,
        name=t.name,
        carrier_codes=tuple(t.carrier_codes or ()),
        hold_days=t.hold_days,
        reply_hours=t.reply_hours,
        active=t.active,
        sort_order=t.sort_order,
    )


def catalogue(session: Session, kind: str = "stuck") -> list[ProblemTypeRecord]:
    """Every type of a kind, inactive ones included, in the outlet's order."""
    rows = session.scalars(
        select(ProblemType).where(ProblemType.kind == kind).order_by(ProblemType.sort_order, ProblemType.id)
    ).all()
    return [_record(t) for t in rows]


def _check(session: Session, record: ProblemTypeRecord, kind: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not CODE.match(record.code):
        problems["code"] = "problem_type_code"
    name = record.name.strip()
    if not name or len(name) > 40:
        problems["name"] = "required" if not name else "invalid_input"
    clash = session.scalar(
        select(ProblemType.id).where(
            ProblemType.kind == kind,
            (ProblemType.code == record.code) | (ProblemType.name == name),
            ProblemType.id != (record.id or 0),
        )
    )
    if clash is not None:
        problems.setdefault("code", "problem_type_taken")
    known = set(session.scalars(select(Carrier.code)))
    if any(code not in known for code in record.carrier_codes):
        problems["carrier_codes"] = "invalid_input"
    if record.hold_days is not None and not 1 <= record.hold_days <= 60:
        problems["hold_days"] = "invalid_input"
    if record.reply_hours is not None and not 1 <= record.reply_hours <= 720:
        problems["reply_hours"] = "invalid_input"
    return problems


def save(
    session: Session,
    record: ProblemTypeRecord,
    *,
    actor: Actor,
    manager_pin: str | None = None,
    kind: str = "stuck",
) -> ProblemTypeRecord:
    """Add or change a type. A new limit, or a changed one, must be approved with a manager's PIN."""
    problems = _check(session, record, kind)
    if problems:
        raise ValidationError(fields=problems)
    if record.id is None:
        row = ProblemType(kind=kind, code=record.code)
        old_limits: tuple[int | None, ...] = (None, None)
        next_order = session.scalar(select(func.max(ProblemType.sort_order)).where(ProblemType.kind == kind))
        row.sort_order = record.sort_order or (next_order or 0) + 1
        session.add(row)
    else:
        found = session.get(ProblemType, record.id)
        if found is None or found.kind != kind:
            raise NotFoundError("not_found", what="问题类型", key=record.id)
        row = found
        if row.code != record.code:
            raise ValidationError(fields={"code": "problem_type_code_fixed"})
        old_limits = (row.hold_days, row.reply_hours)
        row.sort_order = record.sort_order
    if (record.hold_days, record.reply_hours) != old_limits:
        actor = require_manager(session, manager_pin)
    before = _record(row) if record.id is not None else None
    row.name = record.name.strip()
    row.pinyin = initials(row.name)
    row.carrier_codes = list(record.carrier_codes)
    row.hold_days, row.reply_hours = record.hold_days, record.reply_hours
    row.active = record.active
    session.flush()
    after = _record(row)
    changes = {
        key: (getattr(before, key) if before else None, value)
        for key, value in after.__dict__.items()
        if key != "id" and (before is None or getattr(before, key) != value)
    }
    audit.record(session, actor, "problem_type", row.id, "save" if before else "add", changes)
    return after
