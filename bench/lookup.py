"""The lookup centre on the demo database: a phone's last four digits and six characters of a waybill number, the
whole `app.lookup.lookup` (parcels, timelines, flags, who to call) against its main SELECT through the raw driver.

The demo has about a hundred places; a real territory has thousands, and "who to call" matches every recipient
address against all of them, so 5,000 places are added first (raw INSERTs, spread over the demo's areas).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from app.lookup import lookup
from bench.common import Result, Target, captured, result, timed_pair
from db.engine import Database

PLACES = 5_000
LOOKUP_TARGET = 0.050
_KINDS = ("compound", "compound", "compound", "unit", "shop", "school", "station", "locker", "street", "key_customer")
_WORDS = "锦绣华府阳光翠苑金色家园东方明珠丽景湖畔雅居书香名门绿城桂花幸福里和平新村科技园商务中心"


def add_places(database: Database, target: Target, count: int = PLACES) -> int:
    """`count` more places, a compound or a unit or a shop …, each with a made-up name, address and keyword."""
    rng = random.Random(6)
    now = target.stamp(datetime.now(UTC))
    with database.write() as session:
        areas = list(session.scalars(text("SELECT id FROM areas WHERE deleted_at IS NULL ORDER BY id")))
        start = session.scalar(text("SELECT coalesce(max(id), 0) FROM places")) or 0
        rows = []
        for n in range(count):
            name = "".join(rng.choices(_WORDS, k=rng.randint(3, 5))) + str(n)
            rows.append(
                {
                    "id": start + n + 1,
                    "area_id": rng.choice(areas),
                    "kind": rng.choice(_KINDS),
                    "name": name,
                    "address": f"临江区{name}路{rng.randint(1, 300)}号",
                    "keywords": json.dumps([name[:4]]),
                    "flags": "[]",
                    "created_at": now,
                    "version": 1,
                }
            )
        session.execute(
            text(
                "INSERT INTO places (id, area_id, kind, name, address, keywords, flags, created_at, version) "
                "VALUES (:id, :area_id, :kind, :name, :address, :keywords, :flags, :created_at, :version)"
            ),
            rows,
        )
    return count


def _queries(database: Database) -> dict[str, str]:
    """A tail many parcels share, and six characters from the middle of a waybill number."""
    with database.read() as session:
        tail = session.scalar(
            text(
                "SELECT recipient_phone_tail FROM waybills WHERE recipient_phone_tail IS NOT NULL "
                "GROUP BY recipient_phone_tail ORDER BY count(*) DESC, recipient_phone_tail LIMIT 1"
            )
        )
        number = session.scalar(text("SELECT waybill_no FROM waybills ORDER BY id DESC LIMIT 1"))
    assert tail and number
    return {"phone last 4": tail, "waybill, 6 characters": number[-9:-3]}


def bench_lookup(target: Target, database: Database, where: str, size: int, runs: int) -> list[Result]:
    results = []
    raw = target.raw_query(where)
    for name, query in _queries(database).items():

        def app_call(query: str = query) -> Any:
            with database.read() as session:
                return lookup(session, query)

        found = app_call()  # warm: caches, pages, the address index of the flags
        with captured(database) as seen:
            app_call()
        statement, parameters = next((s, p) for s, p in seen if "FROM waybills" in s and "ORDER BY" in s)
        ids = raw(statement, parameters)
        assert len(ids) == len(found.matches) + found.truncated, (name, len(ids), len(found.matches))

        def raw_call(statement: str = statement, parameters: Any = parameters) -> None:
            raw(statement, parameters)

        samples, base = timed_pair(app_call, raw_call, runs)
        flags = sum(len(m.flags) for m in found.matches)
        results.append(
            result(
                f"lookup {name} “{query}” ({len(found.matches)} parcels, {flags} flags)",
                target.engine,
                size,
                samples,
                "its main SELECT (the parcels) through the raw driver",
                base,
                LOOKUP_TARGET,
            )
        )
    return results
