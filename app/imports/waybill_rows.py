"""The waybills an import touches, found or created in chunks with Core statements (one SELECT per 500 numbers,
one multi-row INSERT for the new ones, one executemany UPDATE per set of changed columns).

A problem-parcel or chase list only fills what the waybill does not know yet; the outlet's own sent list (底单)
is the carrier's record of the parcel and corrects what differs, except that a masked phone never replaces the
full number it masks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.imports.checking import Record
from app.imports.references import References
from app.imports.sql import chunks, insert_many, reserve_ids, update_many
from app.imports.values import PhoneValue
from db.models import Waybill

_T = cast(Table, Waybill.__table__)

PLAIN = {  # import field -> waybills column
    "recipient_name": "recipient_name",
    "recipient_address": "recipient_address",
    "sender_name": "sender_name",
    "sender_address": "sender_address",
    "item": "item",
    "quantity": "quantity",
    "weight_kg": "weight_collected_kg",
    "freight": "freight",
    "declared_value": "declared_value",
    "insured_value": "insured_value",
    "cod": "cod",
    "platform": "platform",
    "sent_at": "sent_at",
}
PHONES = {  # import field -> (phone, tail, extension) columns
    "recipient_phone": ("recipient_phone", "recipient_phone_tail", "recipient_phone_ext"),
    "sender_phone": ("sender_phone", "sender_phone_tail", None),
}
_READ = ("id", "waybill_no", "carrier_id", *PLAIN.values(), *(c for cs in PHONES.values() for c in cs if c))


@dataclass
class Waybills:
    """What the run did to waybills: ids by number, and which numbers were created or changed (with the
    changed columns as (old, new) for the follow-up text)."""

    ids: dict[str, int] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    changes: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)

    def outcome(self, number: str) -> str:
        return "created" if number in self.created else "updated" if number in self.changes else "unchanged"


def wanted(values: dict[str, Any], refs: References, number: str) -> dict[str, Any]:
    """The waybill columns a record gives (only what it knows)."""
    out: dict[str, Any] = {}
    carrier = refs.carrier_code(values.get("carrier"), number)
    if carrier is not None and carrier in refs.carrier_ids:
        out["carrier_id"] = refs.carrier_ids[carrier]
    for name, column in PLAIN.items():
        if values.get(name) is not None:
            out[column] = values[name]
    for name, (column, tail, ext) in PHONES.items():
        phone: PhoneValue | None = values.get(name)
        if phone is not None:
            out[column] = phone.text
            out[tail] = phone.tail
            if ext:
                out[ext] = phone.ext
    return out


def _masked_same(old: Any, new: Any, old_tail: Any, new_tail: Any) -> bool:
    return isinstance(new, str) and "*" in new and bool(old) and old_tail == new_tail


def _differences(
    row: dict[str, Any], want: dict[str, Any], *, overwrite: bool, fill_only: frozenset[str]
) -> dict[str, tuple[Any, Any]]:
    """Columns to write: blanks always, differing values only with `overwrite` (and never `fill_only` ones)."""
    changed: dict[str, tuple[Any, Any]] = {}
    for column, new in want.items():
        old = row.get(column)
        if old != new and (old is None or old == "" or (overwrite and column not in fill_only)):
            changed[column] = (old, new)
    for column, tail, ext in PHONES.values():
        if column in changed and _masked_same(row.get(column), want[column], row.get(tail), want.get(tail)):
            for name in (column, tail, ext):
                changed.pop(name or "", None)
    return changed


def upsert(
    session: Session, records: Sequence[Record], refs: References, *, overwrite: bool, now: datetime
) -> Waybills:
    """Find or create the waybill of every record; fill blanks (or, with `overwrite`, correct what differs)."""
    out = Waybills()
    by_number = {r.values["waybill_no"]: r.values for r in records}
    wants = {number: wanted(values, refs, number) for number, values in by_number.items()}
    numbers = list(wants)
    existing: dict[str, dict[str, Any]] = {}
    columns = [_T.c[name] for name in _READ]
    for part in chunks(numbers):
        for found in session.execute(select(*columns).where(_T.c.waybill_no.in_(part))).mappings():
            existing[found["waybill_no"]] = dict(found)
    new_rows = [_new_row(number, wants[number], now) for number in numbers if number not in existing]
    for row, new_id in zip(new_rows, reserve_ids(session, _T, len(new_rows)), strict=True):
        row["id"] = out.ids[row["waybill_no"]] = new_id
        out.created.add(row["waybill_no"])
    insert_many(session, _T, new_rows)
    updates: list[dict[str, Any]] = []
    for number, row in existing.items():
        out.ids[number] = row["id"]
        given_carrier = bool(by_number[number].get("carrier"))
        fill_only = frozenset() if given_carrier else _DETECTED
        changed = _differences(row, wants[number], overwrite=overwrite, fill_only=fill_only)
        if changed:
            out.changes[number] = changed
            updates.append({"b_id": row["id"], **{column: new for column, (_, new) in changed.items()}})
    update_many(session, _T, "id", updates, versioned_at=now)
    return out


_DETECTED = frozenset({"carrier_id"})  # detected from the number: fills a blank, never corrects a clerk's choice
_NEW_DEFAULTS: dict[str, Any] = {name: None for name in _READ if name not in ("id", "waybill_no")}


def _new_row(number: str, want: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Every row of one INSERT carries the same keys (executemany compiles the first row's shape)."""
    return {**_NEW_DEFAULTS, "cod": False, **want, "waybill_no": number, "version": 1, "created_at": now}
