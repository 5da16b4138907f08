"""The generate driver: plan the cases, build them chunk by chunk, and write each chunk in one transaction."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.audit import record as audit_record
from app.demo.cases import _CaseBuilder
from app.demo.dice import Row
from app.demo.extras import _Extras
from app.demo.ids import ID_MODELS, WRITE_ORDER, _advance_sequences, _Ids, _place, _table
from app.demo.people import _Parcel
from app.demo.plan import _Generator, _Plan
from app.stuck_messages import refresh_summaries
from db.base import Base
from db.engine import Database
from db.models import Case, Claim, Fine, Followup, Message, Note, StuckDetail, Waybill

CHUNK = 5000


@dataclass(frozen=True)
class DemoReport:
    """What one run wrote; `cancelled` means it stopped early after `cases` cases (all complete)."""

    cases: int
    waybills: int
    followups: int
    messages: int
    claims: int
    fines: int
    notes: int
    cancelled: bool


def count_cases(session: Session) -> int:
    """Every case row, deleted ones included: the demo refuses to mix into a database that holds any."""
    return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def generate(
    database: Database,
    *,
    cases: int = 2000,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
    chunk: int = CHUNK,
) -> DemoReport:
    """Fill the database with demo data around `cases` cases; existing rows are kept and added to.

    The same seed and `now` give the same data on a fresh database. Each chunk of `chunk` cases is built before
    its write transaction starts, so the write lock is held only for the inserts. `actor`, when given, is named in
    one audit entry for the whole run.
    """
    if cases < 0 or chunk < 1:
        raise ValueError("cases must not be negative and chunks not empty")
    with _fewer_collections():
        return _generate(
            database,
            cases=cases,
            seed=seed,
            progress=progress,
            cancelled=cancelled,
            now=now,
            actor=actor,
            chunk=chunk,
        )


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Millions of short-lived row dicts set off the cycle collector again and again: about 10 % of a big run."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _generate(
    database: Database,
    *,
    cases: int,
    seed: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    now: datetime | None,
    actor: Actor | None,
    chunk: int,
) -> DemoReport:
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    gen = _Generator(random.Random(seed), now)
    totals = dict.fromkeys(("cases", "waybills", "followups", "messages", "claims", "fines", "notes"), 0)
    progress(0, cases)
    if cancelled():
        return DemoReport(**totals, cancelled=True)
    with database.write() as session:
        gen.reference(session)
        ids = _Ids(session, ID_MODELS)
        if actor is not None:
            audit_record(session, actor, "demo", None, "generate", {"cases": cases, "seed": seed})
    plans = gen.plan(cases)
    for start, end in _cuts(plans, chunk):
        if cancelled():
            return DemoReport(**totals, cancelled=True)
        rows, first_ids = _chunk(gen, ids, plans[start:end])
        with database.write() as session:
            _place(session, rows, first_ids)
            _write(session, rows)
            refresh_summaries(session, [r["case_id"] for r in rows.get(StuckDetail, ())])
        for key, model in (
            ("cases", Case),
            ("waybills", Waybill),
            ("followups", Followup),
            ("messages", Message),
            ("claims", Claim),
            ("fines", Fine),
            ("notes", Note),
        ):
            totals[key] += len(rows.get(model, ()))
        progress(totals["cases"], cases)
    database.analyze()
    return DemoReport(**totals, cancelled=False)


# --- one chunk of cases with everything that hangs off them --------------------------------------------------


def _chunk(
    gen: _Generator, ids: _Ids, plans: Sequence[_Plan]
) -> tuple[dict[type[Base], list[Row]], dict[type[Base], int]]:
    """Rows of these cases and all that hangs off them, and the first id each table was given."""
    assert gen.ref is not None, "reference() runs first"
    first_ids = ids.snapshot()
    out: dict[type[Base], list[Row]] = {model: [] for model in WRITE_ORDER}
    built: list[tuple[Row, _Parcel]] = []
    for index, plan in enumerate(plans):
        parent: tuple[Row, _Parcel] | None = None
        if 0 < plan.reuse_back <= index and built[index - plan.reuse_back][1].direction == plan.direction:
            parent = built[index - plan.reuse_back]
        built.append(_CaseBuilder(gen, ids, out, plan, parent).build())
    _Extras(gen, ids, out, built).build()
    return out, first_ids


def _cuts(plans: Sequence[_Plan], size: int) -> list[tuple[int, int]]:
    """Chunk bounds about `size` apart that no repeat case straddles: a parcel's cases are built in one chunk."""
    count = len(plans)
    reach = list(range(count + 1))  # reach[i]: the earliest case any case from i on goes back to
    for i in range(count - 1, -1, -1):
        back = plans[i].reuse_back
        reach[i] = min(reach[i + 1], i - back if 0 < back <= i else i)
    bounds, start = [], 0
    while start < count:
        end = min(start + size, count)
        while end < count and reach[end] < end:
            end += 1
        bounds.append((start, end))
        start = end
    return bounds


def _write(session: Session, rows: dict[type[Base], list[Row]]) -> None:
    """Core executemany per table in foreign-key order; on PostgreSQL, move the id sequences past our ids.

    Rows of one table may leave out keys (a NULL costs nothing then); one executemany per set of keys."""
    conn = session.connection()
    for model in WRITE_ORDER:
        shapes: dict[tuple[str, ...], list[Row]] = {}
        for row in rows.get(model, ()):
            shapes.setdefault(tuple(row), []).append(row)
        for batch in shapes.values():
            conn.execute(insert(_table(model)), batch)
    _advance_sequences(session, [m for m in ID_MODELS if rows.get(m)])
