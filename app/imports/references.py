"""The reference data an import resolves names against, read once per run: carriers, problem types, couriers,
outlets and the outlet's own name. Carrier exports name things their own way ("收件人电话无人接听" for 无人接听,
"中通快递" for 中通), so matching is forgiving but never guesses between two equally good answers."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.carriers import carrier_specs
from app.deadlines import DeadlineRules
from app.waybills import CarrierSpec, parse_waybill
from db.models import Carrier, Courier, Outlet, ProblemType

_CARRIER_SUFFIXES = ("快递", "速递", "速运", "物流", "快运", "express")


def fold(text: Any) -> str:
    """Names compared without width, case or spaces."""
    return "".join(unicodedata.normalize("NFKC", str(text)).lower().split()) if text is not None else ""


def _per_instance(method: Callable[..., Any]) -> Callable[..., Any]:
    """Remember a lookup's answer per References (one import run): a file names the same few carriers, types,
    couriers and outlets on thousands of rows."""
    name = method.__name__

    @functools.wraps(method)
    def remembered(self: References, *args: Any) -> Any:
        memo = self.memo.setdefault(name, {})
        try:
            return memo[args]
        except KeyError:
            out = memo[args] = method(self, *args)
            return out

    return remembered


@dataclass(frozen=True)
class TypeRef:
    id: int
    code: str
    name: str
    hold_days: int | None
    reply_hours: int | None


@dataclass
class References:
    rules: DeadlineRules
    specs: tuple[CarrierSpec, ...]
    preferred: tuple[str, ...]
    carrier_ids: dict[str, int]  # code -> id
    carrier_names: dict[str, str]  # folded name or code -> code
    types_by_kind: dict[str, dict[str, TypeRef]]  # kind -> folded name or code -> type
    types_by_id: dict[int, TypeRef]  # inactive ones included: a case may still carry one
    couriers: dict[str, int]  # folded name or staff number -> id (names shared by two couriers left out)
    outlets: dict[str, int]  # folded name or code -> id
    ours: frozenset[str]  # the outlet's own name and code, folded
    memo: dict[str, dict[tuple[Any, ...], Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> References:
        specs, preferred = carrier_specs(session)
        carriers = session.execute(select(Carrier.id, Carrier.code, Carrier.name)).all()
        names: dict[str, str] = {}
        for c in carriers:
            for alias in (c.code, c.name):
                names[fold(alias)] = c.code
        types: dict[str, dict[str, TypeRef]] = {}
        by_id: dict[int, TypeRef] = {}
        for t in session.scalars(select(ProblemType)):
            ref = by_id[t.id] = TypeRef(t.id, t.code, t.name, t.hold_days, t.reply_hours)
            if not t.active:
                continue
            bucket = types.setdefault(t.kind, {})
            bucket.setdefault(fold(t.name), ref)
            bucket.setdefault(fold(t.code), ref)
        return cls(
            rules=settings.deadline_rules(session),
            specs=specs,
            preferred=preferred,
            carrier_ids={c.code: c.id for c in carriers},
            carrier_names=names,
            types_by_kind=types,
            types_by_id=by_id,
            couriers=_unique(session.execute(select(Courier.id, Courier.name, Courier.staff_no)).all()),
            outlets=_unique(session.execute(select(Outlet.id, Outlet.name, Outlet.code)).all()),
            ours=frozenset(
                fold(v) for v in (settings.get(session, "outlet.name"), settings.get(session, "outlet.code")) if v
            ),
        )

    def carrier_code(self, given: str | None, number: str) -> str | None:
        """The carrier named in the file (中通, 中通快递, ZTO), else the one the number's format says."""
        if given:
            named = self._named_carrier(given)
            if named is not None:
                return named
        parsed = parse_waybill(number, self.specs, self.preferred)
        return parsed.candidates[0].code if parsed and parsed.candidates else None

    @_per_instance
    def _named_carrier(self, given: str) -> str | None:
        name = fold(given)
        for suffix in _CARRIER_SUFFIXES:
            name = name.removesuffix(suffix)
        return self.carrier_names.get(name)

    @_per_instance
    def problem_type(self, kind: str, given: str | None) -> TypeRef | None:
        """Exact name or code first, then the one catalogue name contained in the text (the longest wins)."""
        if not given:
            return None
        types = self.types_by_kind.get(kind, {})
        name = fold(given)
        if name in types:
            return types[name]
        contained = sorted((k for k in types if len(k) >= 2 and k in name), key=len, reverse=True)
        if contained and (len(contained) == 1 or len(contained[0]) > len(contained[1])):
            return types[contained[0]]
        return None

    @_per_instance
    def courier_id(self, given: str | None) -> int | None:
        return self.couriers.get(fold(given)) if given else None

    @_per_instance
    def outlet_id(self, given: str | None) -> int | None:
        return self.outlets.get(fold(given)) if given else None

    def is_ours(self, outlet: str | None) -> bool:
        """True when the registering outlet named in the file is this outlet (or none is named)."""
        return not outlet or fold(outlet) in self.ours or not self.ours


def _unique(rows: Sequence[Any]) -> dict[str, int]:
    """name/code -> id, leaving out a name two rows share (two couriers called 王强: the file must say which)."""
    seen: dict[str, int] = {}
    shared: set[str] = set()
    for row in rows:
        for alias in row[1:]:
            if not alias:
                continue
            key = fold(alias)
            if key in seen and seen[key] != row[0]:
                shared.add(key)
            seen.setdefault(key, row[0])
    return {k: v for k, v in seen.items() if k not in shared}
