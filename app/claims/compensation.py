"""Compensation (赔偿计算): what a claim is worth, each rule shown with its figures and the chosen one marked.

Insured parcels get the insured value capped by the actual loss. Uninsured parcels show both the actual loss under
civil law and the carrier-terms cap (the outlet's multiple of the freight); the lower one is chosen, because the
carrier's terms apply. A late parcel (延误) has its freight waived and no goods compensation unless a loss is proven.
Half a loss pays 50 %; items short pay the loss pro rata. Money is `Decimal` yuan rounded half up to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.errors import ValidationError
from app.messages import text
from db.types import CENT

LOSS_TYPES = ("damaged", "lost", "short", "late")
EXTENTS = ("full", "half", "items_short")
RULES = ("insured", "civil_law", "carrier_cap", "freight_waived")
SETTING = "claim_freight_multiple"
MAX_MONEY = Decimal("100000000")
HALF = Decimal("0.5")
T = TypeVar("T")


@dataclass(frozen=True)
class LossFacts:
    loss_type: str  # damaged | lost | short | late
    loss_extent: str | None  # full | half | items_short | None (full)
    declared_value: Decimal | None
    actual_loss: Decimal | None  # the proven loss; the declared value stands in when it is missing (not when late)
    insured: bool
    insured_value: Decimal | None
    freight: Decimal | None
    quantity: int | None = None
    quantity_short: int | None = None


@dataclass(frozen=True)
class Option:
    rule: str  # insured | civil_law | carrier_cap | freight_waived
    label: str  # the rule's name
    text: str  # the rule in one sentence with the figures
    amount: Decimal
    chosen: bool


@dataclass(frozen=True)
class Compensation:
    options: list[Option]
    amount: Decimal  # the chosen options' sum (a late parcel with a proven loss: freight waived plus the goods)
    rule_text: str  # what goes on the claim form: every rule with its figures, the chosen ones marked, the total


def compute(facts: LossFacts, *, freight_multiple: Decimal, lang: str = "zh") -> Compensation:
    """Work out the compensation for `facts`. Raises ValidationError (one sentence, fields marked) when the facts
    are impossible or the figures a rule needs are missing."""
    _check(facts, freight_multiple)
    options: list[Option] = []
    if facts.loss_type == "late":
        options.append(_option("freight_waived", _cents(_need(facts.freight)), True, lang, freight=facts.freight))
    loss = _goods_loss(facts)
    if loss is not None:
        options.extend(_goods(facts, loss, freight_multiple, lang))
    amount = _cents(sum((o.amount for o in options if o.chosen), Decimal(0)))
    return Compensation(options, amount, _form_text(options, amount, lang))


def freight_multiple(session: Session) -> Decimal:
    """The outlet's carrier-terms multiple of the freight for uninsured claims (3 unless a manager changed it)."""
    return Decimal(settings.get(session, SETTING))


def set_freight_multiple(
    session: Session, value: Decimal | int | str, *, actor: Actor, manager_pin: str | None
) -> Decimal:
    """Change the multiple; a change needs a manager's PIN and is attributed to that manager."""
    clean = settings.clean(SETTING, value)
    settings.put_many(session, {SETTING: clean}, actor=actor, manager_pin=manager_pin)
    return Decimal(clean)


def _goods(facts: LossFacts, loss: Decimal, multiple: Decimal, lang: str) -> list[Option]:
    share, share_text = _share(facts, lang)
    if facts.insured:
        insured = _need(facts.insured_value)
        base = min(insured, loss)
        figures = {"insured": insured, "loss": loss, "base": base, "share": share_text}
        return [_option("insured", _cents(base * share), True, lang, **figures)]
    civil = _cents(loss * share)
    cap = _cents(_need(facts.freight) * multiple)
    return [
        _option("civil_law", civil, civil <= cap, lang, loss=loss, share=share_text),
        _option("carrier_cap", cap, cap < civil, lang, freight=facts.freight, multiple=_plain(multiple)),
    ]


def _share(facts: LossFacts, lang: str) -> tuple[Decimal, str]:
    if facts.loss_extent == "half":
        return HALF, text("claim_share_half", lang)
    if facts.loss_extent == "items_short":
        short, quantity = _need(facts.quantity_short), _need(facts.quantity)
        return Decimal(short) / Decimal(quantity), text("claim_share_items", lang, short=short, quantity=quantity)
    return Decimal(1), ""


def _option(rule: str, amount: Decimal, chosen: bool, lang: str, **figures: object) -> Option:
    shown = {key: _yuan(v) if isinstance(v, Decimal) and key != "multiple" else v for key, v in figures.items()}
    sentence = text(f"claim_text_{rule}", lang, amount=_yuan(amount), **shown)
    return Option(rule, text(f"claim_rule_{rule}", lang), sentence, amount, chosen)


def _form_text(options: list[Option], amount: Decimal, lang: str) -> str:
    lines = [text("claim_mark_chosen" if o.chosen else "claim_mark_shown", lang) + o.text for o in options]
    return "\n".join([*lines, text("claim_total", lang, amount=_yuan(amount))])


def _check(facts: LossFacts, multiple: Decimal) -> None:
    problems: dict[str, str] = {}
    params: dict[str, object] = {}
    if facts.loss_type not in LOSS_TYPES:
        problems["loss_type"] = "claim_loss_type_bad"
    if facts.loss_extent is not None and facts.loss_extent not in EXTENTS:
        problems["loss_extent"] = "claim_extent_bad"
    for name in ("declared_value", "actual_loss", "insured_value", "freight"):
        value = getattr(facts, name)
        if value is not None and value < 0:
            problems[name] = "claim_money_negative"
        elif value is not None and value >= MAX_MONEY:
            problems[name] = "claim_money_too_big"
    for name in ("quantity", "quantity_short"):
        value = getattr(facts, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            problems[name] = "claim_quantity_bad"
    if facts.loss_extent == "items_short" and (facts.quantity is None or facts.quantity_short is None):
        problems.setdefault("quantity_short", "claim_quantity_needed")
    quantity, short = facts.quantity, facts.quantity_short
    if not problems and quantity is not None and short is not None and short > quantity:
        problems["quantity_short"] = "claim_quantity_short_too_many"
        params["quantity"] = quantity
    if not multiple > 0:
        problems["freight_multiple"] = "claim_multiple_bad"
    late = facts.loss_type == "late"
    loss = _goods_loss(facts)
    if not late and loss is None:
        problems.setdefault("actual_loss", "claim_loss_needed")
    if loss is not None and facts.insured and facts.insured_value is None:
        problems.setdefault("insured_value", "claim_insured_value_needed")
    if facts.freight is None and (late or (loss is not None and not facts.insured)):
        problems.setdefault("freight", "claim_freight_needed")
    if problems:
        raise ValidationError(next(iter(problems.values())), fields=problems, **params)


def _goods_loss(facts: LossFacts) -> Decimal | None:
    """The loss the goods are compensated for: the proven loss, else the declared value; a late parcel only
    when a loss (above zero) is proven."""
    if facts.loss_type == "late":
        return facts.actual_loss if facts.actual_loss else None
    return facts.actual_loss if facts.actual_loss is not None else facts.declared_value


def _need(value: T | None) -> T:
    assert value is not None, "checked by _check"
    return value


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _yuan(value: Decimal) -> str:
    return f"{_cents(value):,.2f}"


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
