"""Reference data a new database starts with: carriers, problem types, the command-line operator, phrase templates.

Idempotent: run after every migration, it only adds what is missing, so edits by the outlet survive.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.notebook.phrases import seed_phrases
from app.operators import CLI_OPERATOR
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
