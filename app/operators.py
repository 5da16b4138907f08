"""Operators and roles: clerks and managers; managers confirm sensitive actions with a PIN."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import NotFoundError, PermissionDenied, ValidationError
from db.models import Operator

CLI_OPERATOR = "命令行"
ROLES = ("clerk", "manager")
_ITERATIONS = 120_000


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ITERATIONS)
    return f"pbkdf2${_ITERATIONS}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        _, iterations, salt, digest = stored.split("$")
        candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def _actor(op: Operator) -> Actor:
    return Actor(id=op.id, name=op.name, role=op.role)


def list_operators(session: Session, *, include_builtin: bool = False) -> list[Actor]:
    query = select(Operator).where(Operator.active.is_(True)).order_by(Operator.name)
    if not include_builtin:
        query = query.where(Operator.builtin.is_(False))
    return [_actor(op) for op in session.scalars(query)]


def find_operator(session: Session, name: str) -> Actor:
    op = session.scalar(select(Operator).where(Operator.name == name))
    if op is None:
        raise NotFoundError("not_found", what="操作员", key=name)
    return _actor(op)


def cli_operator(session: Session) -> Actor:
    return find_operator(session, CLI_OPERATOR)


def create_operator(
    session: Session,
    name: str,
    *,
    role: str = "clerk",
    pin: str | None = None,
    staff_no: str | None = None,
    actor: Actor | None = None,
) -> Actor:
    name = name.strip()
    if not name:
        raise ValidationError(fields={"name": "required"})
    if role not in ROLES:
        raise ValidationError(fields={"role": "required"})
    if role == "manager" and not pin:
        raise ValidationError(fields={"pin": "required"})
    if session.scalar(select(Operator.id).where(Operator.name == name)) is not None:
        raise ValidationError("operator_exists", fields={"name": "operator_exists"}, name=name)
    op = Operator(name=name, role=role, staff_no=staff_no, pin_hash=hash_pin(pin) if pin else None)
    session.add(op)
    session.flush()
    if actor is not None:
        audit.record(session, actor, "operator", op.id, "create", {"name": name, "role": role})
    return _actor(op)


def require_manager(session: Session, pin: str | None) -> Actor:
    """The manager whose PIN this is: a clerk's screen lets the manager standing beside them approve."""
    managers = session.scalars(select(Operator).where(Operator.role == "manager", Operator.active.is_(True))).all()
    if not managers:
        raise PermissionDenied("manager_required")
    for op in managers:
        if pin_matches(pin or "", op.pin_hash):
            return _actor(op)
    raise PermissionDenied("wrong_pin")


def approver(session: Session, actor: Actor, pin: str | None) -> Actor:
    """Who approves a manager's action: the actor when they are a manager, else the manager whose PIN this is."""
    return actor if actor.is_manager else require_manager(session, pin)


def unlocks(session: Session, operator_id: int, pin: str) -> bool:
    """Whether `pin` lets this operator back in after an idle lock: their own PIN, or anything when they have
    none (the lock then only hides the screen from passers-by)."""
    stored = session.scalar(select(Operator.pin_hash).where(Operator.id == operator_id))
    return not stored or pin_matches(pin, stored)


def register_self(session: Session, name: str, *, role: str = "clerk", pin: str | None = None) -> Actor:
    """A newcomer adds themselves at the sign-in screen. Only the very first operator may make themselves a
    manager; after that, promotions are a manager's job."""
    if role == "manager" and list_operators(session):
        raise PermissionDenied("manager_required")
    actor = create_operator(session, name, role=role, pin=pin)
    audit.record(session, actor, "operator", actor.id, "register", {"name": actor.name, "role": role})
    return actor
