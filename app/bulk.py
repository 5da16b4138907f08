"""Bulk changes to many cases at once (status, handler, shelf, the same follow-up), each one undoable.

Every case goes through the same service a single edit uses, so workflows, the early-return guard and the audit
apply; cases a change cannot apply to are skipped with the reason, the rest change. The previous values are kept
in a BulkAction row; `undo` puts them back for the cases nobody has touched since, and says which it left alone.
Closing many cases at once is a manager's decision (DESIGN.md §3): a clerk's bulk close needs a manager's PIN,
and the audit names the manager who approved it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app import audit, cases
from app.actor import Actor
from app.errors import NotFoundError, UserError, ValidationError, user_message
from app.operators import approver
from app.workflows import CHASE_INBOUND, CHASE_OUTBOUND, COMPLAINT, INTERCEPT, STUCK, case_workflow
from db.models import BulkAction, Case, Followup, StuckDetail

ACTIONS = ("status", "assign", "shelf", "followup")
MAX_CASES = 5000  # one confirmation should not rewrite a whole year
CASE_WORKFLOWS = (STUCK, CHASE_OUTBOUND, CHASE_INBOUND, COMPLAINT, INTERCEPT)


@dataclass(frozen=True)
class BulkResult:
    action_id: int | None  # None when nothing changed (nothing to undo)
    changed: tuple[int, ...]
    skipped: dict[int, str] = field(default_factory=dict)  # case id -> why, as the clerk reads it


def _now() -> datetime:
    return datetime.now(UTC)


def _why(exc: UserError) -> str:
    return user_message(exc) or exc.code


def _shelf(session: Session, case_id: int) -> str | None:
    return session.scalar(select(StuckDetail.shelf).where(StuckDetail.case_id == case_id))


def _apply(session: Session, case: Case, action: str, value: Any, *, actor: Actor, at: datetime) -> dict[str, Any]:
    """Change one case; returns what undo needs (previous values, ids of rows added)."""
    if action == "status":
        status, closed_at = case.status, case.closed_at.isoformat() if case.closed_at else None
        last = session.scalar(select(Followup.id).order_by(Followup.id.desc()).limit(1)) or 0
        cases.transition(session, case.id, value, expected_version=case.version, actor=actor, at=at)
        added = session.scalars(select(Followup.id).where(Followup.case_id == case.id, Followup.id > last)).all()
        return {"status": status, "closed_at": closed_at, "followups": list(added)}
    if action == "assign":
        handler_id = case.handler_id
        cases.assign(session, case.id, int(value), expected_version=case.version, actor=actor)
        return {"handler_id": handler_id}
    if action == "shelf":
        if case.kind != "stuck":
            raise ValidationError("bad_kind", kind=case.kind)
        detail = session.get(StuckDetail, case.id)
        assert detail is not None
        before = {"shelf": detail.shelf}
        cases.update_case(session, case.id, {"shelf": value}, expected_version=case.version, actor=actor)
        return before
    last = session.scalar(select(Followup.id).order_by(Followup.id.desc()).limit(1)) or 0
    cases.add_followup(session, case.id, str(value), actor=actor, channel="system", at=at)
    added = session.scalars(select(Followup.id).where(Followup.case_id == case.id, Followup.id > last)).all()
    return {"followups": list(added), "last_followup_at": None}


def closes(action: str, value: Any) -> bool:
    """Whether this bulk change closes cases: a status that ends a case in any of the case workflows."""
    return action == "status" and any(
        state.code == value and state.terminal for workflow in CASE_WORKFLOWS for state in workflow.states
    )


def apply(
    session: Session,
    case_ids: Sequence[int],
    action: str,
    value: Any,
    *,
    actor: Actor,
    at: datetime | None = None,
    manager_pin: str | None = None,
) -> BulkResult:
    if action not in ACTIONS:
        raise ValidationError(fields={"action": "invalid_input"})
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        raise ValidationError("bulk_empty")
    if len(ids) > MAX_CASES:
        raise ValidationError("bulk_too_many", limit=MAX_CASES)
    approved_by = approver(session, actor, manager_pin).name if closes(action, value) else None
    if action == "shelf":
        value = (str(value or "")).strip() or None
    at = at or _now()
    before: dict[str, Any] = {}
    changed: list[int] = []
    skipped: dict[int, str] = {}
    for case_id in ids:
        case = session.get(Case, case_id)
        if case is None or case.deleted_at is not None:
            skipped[case_id] = _why(NotFoundError("not_found", what="案件", key=case_id))
            continue
        if action == "status" and case.status == value:
            label = case_workflow(case.kind, case.direction).label(value)
            skipped[case_id] = _why(ValidationError("bulk_already", status=label))
            continue
        previous_last = case.last_followup_at
        savepoint = session.begin_nested()
        try:
            undo = _apply(session, case, action, value, actor=actor, at=at)
        except UserError as exc:
            savepoint.rollback()
            skipped[case_id] = _why(exc)
            continue
        savepoint.commit()
        undo["last_followup_at"] = previous_last.isoformat() if previous_last else None
        undo["version"] = case.version  # undo touches only cases still at this version
        before[str(case_id)] = undo
        changed.append(case_id)
    if not changed:
        return BulkResult(None, (), skipped)
    row = BulkAction(operator_id=actor.id, action=action, params={"value": value}, before=before)
    session.add(row)
    session.flush()
    changes: dict[str, Any] = {"value": value, "cases": changed}
    if approved_by not in (None, actor.name):
        changes["approved_by"] = approved_by
    audit.record(session, actor, "bulk", row.id, action, changes)
    return BulkResult(row.id, tuple(changed), skipped)


def undo(session: Session, action_id: int, *, actor: Actor) -> BulkResult:
    """Put back what a bulk change changed, except on cases someone has edited since."""
    row = session.get(BulkAction, action_id)
    if row is None:
        raise NotFoundError("not_found", what="批量操作", key=action_id)
    if row.undone_at is not None:
        raise ValidationError("bulk_undone")
    restored: list[int] = []
    skipped: dict[int, str] = {}
    for key, previous in row.before.items():
        case = session.get(Case, int(key))
        if case is None or case.version != previous["version"]:
            skipped[int(key)] = _why(ValidationError("bulk_changed_since"))
            continue
        if row.action == "status":
            case.status = previous["status"]
            case.closed_at = datetime.fromisoformat(previous["closed_at"]) if previous["closed_at"] else None
        elif row.action == "assign":
            case.handler_id = previous["handler_id"]
        elif row.action == "shelf":
            detail = session.get(StuckDetail, case.id)
            assert detail is not None
            detail.shelf = previous["shelf"]
        if previous.get("followups"):
            session.execute(delete(Followup).where(Followup.id.in_(previous["followups"])))
        last = previous.get("last_followup_at")
        case.last_followup_at = datetime.fromisoformat(last) if last else None
        flag_modified(case, "status")  # a new version, as after any edit
        session.flush()
        audit.record(session, actor, "case", case.id, "bulk_undo", {"bulk_action": row.id, "restored": previous})
        restored.append(case.id)
    row.undone_at = datetime.now(UTC)
    session.flush()
    return BulkResult(row.id, tuple(restored), skipped)


def last_undoable(session: Session, operator_id: int | None) -> BulkAction | None:
    """The operator's newest bulk change that can still be undone (the Undo button's target)."""
    return session.scalars(
        select(BulkAction)
        .where(BulkAction.operator_id == operator_id, BulkAction.undone_at.is_(None))
        .order_by(BulkAction.id.desc())
        .limit(1)
    ).first()
