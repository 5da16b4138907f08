"""Reference data a new database starts with: carriers, problem types, the command-line operator, phrase templates.

Idempotent: run after every migration, it only adds what is missing, so edits by the outlet survive. The first-run
welcome (`set_up_outlet`) then fills in what only the outlet knows: its name, its people and its carriers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.errors import PermissionDenied, ValidationError
from app.notebook.phrases import seed_phrases
from app.operators import CLI_OPERATOR, create_operator, list_operators, register_self
from app.pinyin import initials
from app.waybills import DEFAULT_CARRIERS
from db.models import Carrier, Operator, ProblemType

# (code, name) of the seed problem types of DESIGN.md §6; hold days / reply hours use the rule defaults.
STUCK_TYPES: tuple[tuple[str, str], ...] = (
    ("power_off", "关机"),
    ("suspended", "停机"),
    ("empty_number", "空号"),
    ("no_answer", "无人接听"),
    ("wrong_address", "地址错误"),
    ("vague_address", "地址不详"),
    ("self_pickup", "客户自取"),
    ("later_date", "择日派送"),
    ("holiday", "节假日"),
    ("refused", "拒收"),
    ("out_of_area", "超区"),
    ("damaged", "破损"),
    ("short", "短少"),
    ("missorted", "错分"),
    ("no_label", "无面单"),
    ("prohibited", "违禁扣件"),
    ("suspected_lost", "疑似遗失"),
)


def seed(session: Session) -> None:
    have = set(session.scalars(select(Carrier.code)))
    for order, spec in enumerate(DEFAULT_CARRIERS):
        if spec.code not in have:
            session.add(
                Carrier(
                    code=spec.code,
                    name=spec.name,
                    hotline=spec.hotline,
                    patterns=list(spec.patterns),
                    sort_order=order,
                )
            )
    have = set(session.scalars(select(ProblemType.code).where(ProblemType.kind == "stuck")))
    for order, (code, name) in enumerate(STUCK_TYPES):
        if code not in have:
            session.add(ProblemType(kind="stuck", code=code, name=name, pinyin=initials(name), sort_order=order))
    if session.scalar(select(Operator.id).where(Operator.name == CLI_OPERATOR)) is None:
        session.add(Operator(name=CLI_OPERATOR, role="clerk", builtin=True))
    seed_phrases(session)


@dataclass(frozen=True)
class OutletSetup:
    """What the first-run welcome asks: the outlet, its manager (with PIN), its clerks, the carriers it works for."""

    outlet_name: str
    outlet_code: str
    manager: str
    manager_pin: str
    clerks: tuple[str, ...] = ()
    carriers: tuple[str, ...] = ()  # codes of the outlet's own carriers (they break ties between number forms)


def needs_setup(session: Session) -> bool:
    """A database nobody has set up yet: no operator and no outlet name."""
    return not list_operators(session) and not settings.get(session, "outlet.name")


def set_up_outlet(session: Session, setup: OutletSetup) -> Actor:
    """Store the welcome in one transaction and return the manager, who is signed in afterwards.

    Refused once anybody works here (the welcome would otherwise let anyone make themselves manager)."""
    if list_operators(session):
        raise PermissionDenied("manager_required")
    errors = {key: "required" for key, value in (("outlet_name", setup.outlet_name), ("manager", setup.manager))}
    errors = {key: code for key, code in errors.items() if not getattr(setup, key).strip()}
    if not setup.manager_pin:
        errors["manager_pin"] = "required"
    names = [setup.manager.strip(), *(c.strip() for c in setup.clerks if c.strip())]
    if len(set(names)) != len(names):
        errors["clerks"] = "operator_exists"
    if errors:
        raise ValidationError(fields=errors, name=next((n for n in names if names.count(n) > 1), ""))
    manager = register_self(session, setup.manager, role="manager", pin=setup.manager_pin)
    for clerk in names[1:]:
        create_operator(session, clerk, actor=manager)
    settings.put(session, "outlet.name", setup.outlet_name, actor=manager)
    settings.put(session, "outlet.code", setup.outlet_code, actor=manager)
    chosen = set(setup.carriers)
    for carrier in session.scalars(select(Carrier)):
        carrier.ours = carrier.code in chosen
    audit.record(session, manager, "carrier", None, "update", {"ours": sorted(chosen)})
    return manager
