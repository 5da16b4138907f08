"""Daily per-courier counts (派件统计) into `delivery_counts`, one row per day and courier: new counts are added,
different ones replace what was there (the carrier's later export is the better one), equal ones are left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.imports.checking import Record
from app.imports.references import References
from app.imports.sql import chunks, insert_many, update_many
from app.progress import Ticker
from db.models import DeliveryCount

_T = cast(Table, DeliveryCount.__table__)
COUNTS = ("arrived", "delivered", "signed", "problem")


@dataclass
class DeliveryOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown: list[Record] = field(default_factory=list)  # rows naming a courier the directory does not have


def write_deliveries(
    session: Session, records: Sequence[Record], refs: References, *, ticker: Ticker
) -> DeliveryOutcome:
    out = DeliveryOutcome()
    wanted: dict[tuple[Any, int], dict[str, Any]] = {}
    for done, record in enumerate(records, 1):
        values = record.values
        courier = refs.courier_id(values.get("courier_no")) or refs.courier_id(values.get("courier"))
        if courier is None:
            out.unknown.append(record)
            continue
        counts = {name: values.get(name) for name in COUNTS if values.get(name) is not None}
        wanted.setdefault((values["day"], courier), {}).update(counts)  # a courier named by name and by number
        ticker.tick(done)
    existing: dict[tuple[Any, int], dict[str, Any]] = {}
    for part in chunks(sorted({day for day, _ in wanted})):
        for found in session.execute(select(_T).where(_T.c.day.in_(part))).mappings():
            existing[(found["day"], found["courier_id"])] = dict(found)
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for (day, courier), counts in wanted.items():
        row = existing.get((day, courier))
        if row is None:
            new.append({**dict.fromkeys(COUNTS, 0), **counts, "day": day, "courier_id": courier})
            out.created += 1
        elif any(row[name] != value for name, value in counts.items()):
            changed.append({"b_id": row["id"], **counts})
            out.updated += 1
        else:
            out.unchanged += 1
    insert_many(session, _T, new)
    update_many(session, _T, "id", changed)
    return out
