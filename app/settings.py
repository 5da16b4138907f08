"""Shared settings: a typed registry in code, values in the database so every PC of an outlet agrees.

Per-PC state (window geometry, last operator, language) lives in the ini file instead, handled by `ui/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.deadlines import ChannelSla, DeadlineRules, channel_slas
from app.errors import ValidationError
from app.operators import require_manager
from app.risk_costs import DEFAULT_COSTS, clean_costs
from db.models import Setting


def _text(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("应为文字")
        value = value.strip()
        if len(value) > limit:
            raise ValueError(f"最多 {limit} 个字")
        return value

    return check


def _rules(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("应为规则表")
    return DeadlineRules.from_dict(value).to_dict()


def _slas(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("应为各渠道时限表")
    return {source: asdict(sla) for source, sla in channel_slas(value).items()}


def _months(value: Any) -> int:
    """Whole months from 0 (keep personal data for ever) to 600."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("应为整数")
    try:
        months = int(str(value).strip())
    except ValueError:
        raise ValueError("应为整数") from None
    if not 0 <= months <= 600:
        raise ValueError("应在 0 到 600 之间")
    return months


def _multiple(value: Any) -> str:
    """A positive multiple up to 100 with at most two places, stored as text ("3", "2.5") since JSON has no
    decimals."""
    if isinstance(value, bool):
        raise ValueError("应为数字")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("应为数字") from None
    if not number.is_finite() or not 0 < number <= 100:
        raise ValueError("应大于 0，最多 100")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError("最多两位小数")
    return f"{number.normalize():f}"


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    clean: Callable[[Any], Any]
    needs_manager: bool = False


REGISTRY: dict[str, SettingDef] = {
    d.key: d
    for d in (
        SettingDef("outlet.name", "", _text(60)),
        SettingDef("outlet.code", "", _text(30)),
        SettingDef("outlet.phone", "", _text(30)),
        SettingDef("deadlines", DeadlineRules().to_dict(), _rules, needs_manager=True),
        SettingDef("complaint_sla", _slas({}), _slas, needs_manager=True),
        SettingDef("claim_freight_multiple", "3", _multiple, needs_manager=True),
        SettingDef("risk_costs", dict(DEFAULT_COSTS), clean_costs, needs_manager=True),
        SettingDef("retention_months", 0, _months, needs_manager=True),  # app.retention; 0 keeps for ever
    )
}


def _definition(key: str) -> SettingDef:
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValidationError("bad_setting", key=key, reason="unknown") from None


def get(session: Session, key: str) -> Any:
    definition = _definition(key)
    row = session.get(Setting, key)
    return definition.default if row is None else row.value


def get_all(session: Session) -> dict[str, Any]:
    stored = {row.key: row.value for row in session.query(Setting).all() if row.key in REGISTRY}
    return {key: stored.get(key, d.default) for key, d in REGISTRY.items()}


def clean(key: str, value: Any) -> Any:
    """`value` as the setting stores it. Raises ValidationError with the reason when it is not allowed."""
    try:
        return _definition(key).clean(value)
    except ValueError as exc:
        raise ValidationError("bad_setting", fields={key: "bad_setting"}, key=key, reason=str(exc)) from exc


def put(session: Session, key: str, value: Any, *, actor: Actor) -> Any:
    """Validate and store one setting; rules need a manager (the caller checks the PIN first)."""
    clean_value = clean(key, value)
    row = session.get(Setting, key)
    old = None if row is None else row.value
    if row is None:
        session.add(Setting(key=key, value=clean_value))
    else:
        row.value = clean_value
    audit.record(session, actor, "setting", None, "update", {"key": key, "old": old, "new": clean_value})
    return clean_value


def put_many(
    session: Session, values: dict[str, Any], *, actor: Actor, manager_pin: str | None = None
) -> dict[str, Any]:
    """Save a settings form in one go. When a rule that needs a manager changes, the PIN must be a manager's, and
    the change is attributed to that manager."""
    changed = {key: value for key, value in values.items() if get(session, key) != value}
    if any(_definition(key).needs_manager for key in changed):
        actor = require_manager(session, manager_pin)
    return {key: put(session, key, value, actor=actor) for key, value in changed.items()}


def deadline_rules(session: Session) -> DeadlineRules:
    return DeadlineRules.from_dict(get(session, "deadlines"))


def complaint_slas(session: Session) -> dict[str, ChannelSla]:
    return channel_slas(get(session, "complaint_sla"))
