"""Demo data: a plausible outlet with two years of cases, to try the desk on and to measure it at scale.

A plain job (STYLE.md "Long work"): reports `progress(done, total)` and stops when `cancelled()` says so. On a fresh
database, which cases exist, their kind, status, age and waybill number depend on the seed alone; the rest on the
seed and `now`.

Rows are built as plain dicts and written with Core inserts (ORM objects would be 7× slower, FACTS.md), one write
transaction per chunk of cases. Ids are assigned here, counted on from max(id) + 1, so detail rows reference their
case without round trips; inside the write transaction a chunk's ids are moved past any rows another clerk wrote
meanwhile, and on PostgreSQL the id sequences are moved past ours.

Cancelling takes effect between chunks: every committed chunk is complete (each case with its details, messages,
follow-ups, claims, fines, notes …) and nothing of the chunk being built is written. An exception inside a chunk
rolls that chunk back the same way.
"""

from __future__ import annotations

import bisect
import gc
import math
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from app import demo_data as D
from app.actor import Actor
from app.audit import record as audit_record
from app.operators import hash_pin
from app.pinyin import initials
from app.waybills import DEFAULT_CARRIERS
from app.workflows import CASE_KINDS, CLAIM, DIRECTIONS, Workflow, case_workflow
from db.base import Base
from db.engine import Database
from db.models import (
    Arbitration,
    Area,
    Carrier,
    Case,
    ChaseDetail,
    Claim,
    ComplaintDetail,
    Contact,
    Courier,
    CourierArea,
    DeliveryCount,
    Fine,
    Followup,
    InterceptDetail,
    Message,
    Note,
    NoteWaybill,
    Operator,
    Outlet,
    Phrase,
    Place,
    ProblemType,
    RecipientFlag,
    ReturnShipment,
    Setting,
    StandIn,
    StuckDetail,
    Todo,
    UnlabelledParcel,
    Waybill,
)

T = TypeVar("T")
Row = dict[str, Any]

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for the demo's dates.
CST = timezone(timedelta(hours=8), "Asia/Shanghai")
CHUNK = 5000
SPAN_DAYS = 730
KIND_WEIGHTS = (("stuck", 45), ("chase", 30), ("complaint", 15), ("intercept", 10))
OUTBOUND_SHARE = {"stuck": 0.3, "chase": 0.45, "complaint": 0.2, "intercept": 0.6}
# How often each status is picked among the open or the terminal ones of its workflow (unlisted: 1).
STATUS_WEIGHTS: dict[str, dict[str, int]] = {
    "stuck": {
        "pending": 5,
        "awaiting_reply": 6,
        "replied": 3,
        "redeliver": 3,
        "to_return": 2,
        "signed": 40,
        "returned": 25,
        "forwarded": 4,
        "intercepted": 3,
        "to_claim": 4,
        "closed": 24,
    },
    "chase_outbound": {"pending": 3, "contacted_outlet": 4, "replied_customer": 2},
    "chase_inbound": {"pending": 3, "appointed": 3, "signed": 2},
    "complaint": {"new": 2, "processing": 4, "awaiting_visit": 2},
    "intercept": {"accepted": 2, "found": 2, "intercepted": 2, "returned": 40, "readdressed": 20, "forwarded": 10},
}
# Hours from opening to closing, per kind: (low, high).
CLOSE_HOURS = {"stuck": (12, 240), "chase": (1, 72), "complaint": (1, 60), "intercept": (6, 120)}
# A stuck parcel goes back only after its earliest return day (day 6–7 after the 留言) and takes days to arrive.
STATUS_HOURS = {
    ("stuck", "returned"): (170, 330),
    ("stuck", "returning"): (140, 200),
    ("stuck", "to_return"): (30, 160),
    ("intercept", "returned"): (30, 150),  # back at the sender's outlet
}
SIGNED_HOW = (("self", 45), ("proxy", 10), ("guard", 10), ("station", 25), ("locker", 10))
MOBILE_PREFIXES = (
    *("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156"),
    *("157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185", "186"),
    *("187", "188", "189", "191", "198", "199"),
)
VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")
NUMBER_FORMS: dict[str, tuple[tuple[str, int, int], ...]] = {
    # carrier: (prefix, random digits after it, weight) after DESIGN.md §7
    "YTO": (("YT", 13, 1),),
    "ZTO": (("73", 12, 5), ("75", 12, 3), ("78", 12, 2)),
    "STO": (("77", 13, 9), ("43", 13, 1)),  # 43… collides with YUNDA's [34]\d{14}
    "YUNDA": (("46", 13, 5), ("43", 13, 2), ("31", 13, 2), ("5", 12, 1)),
    "SF": (("SF1", 12, 9), ("SF0", 12, 1)),
    "JT": (("JT5", 12, 7), ("JT3", 12, 3)),
    "JD": (("JDX0", 11, 4), ("JDVA", 11, 3), ("JDVB", 11, 2), ("JDAZ", 11, 1)),
    "EMS": (("9", 12, 4), ("1", 12, 3), ("PA", 11, 1), ("", 0, 1)),  # "" = international EMS
    "DBL": (("DPK", 12, 1),),
}
_POWERS = [10**n for n in range(16)]


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


@dataclass(frozen=True)
class _Plan:
    """What is fixed before any row is built, so that it depends on the seed alone (not on `now` or chunks)."""

    opened_at: datetime
    kind: str
    direction: str
    status: str
    carrier: str
    waybill_no: str
    reuse_back: int  # > 0: the same parcel as the case this many places earlier (a repeat call, a conversion)


@dataclass
class _Person:
    name: str
    phone: str  # as written on the label
    tail: str | None
    ext: str | None
    true_mobile: str  # what the person calls from
    address: str


@dataclass
class _Parcel:
    row: Row  # the waybill row, still unwritten while its chunk is built
    direction: str
    carrier: str
    recipient: _Person
    sender: _Person
    area: int  # index into demo_data.AREAS of the local end (recipient inbound, sender outbound)


@dataclass
class _Ref:
    """What cases point at: ids of reference rows that exist in the database (ours or the outlet's own)."""

    carriers: dict[str, int]
    problem_types: dict[str, tuple[int, str]]  # code -> (id, name)
    clerks: list[int]
    couriers: dict[int, str]  # id -> name
    area_couriers: dict[int, list[int]]  # AREAS index -> courier ids covering it now
    counterparts: dict[str, list[tuple[int, str, str]]]  # carrier -> (outlet id, name, code)
    stuck_codes: list[str]  # problem types the demo has wording for and the database has


class _Weighted:
    """Weighted choice by bisecting cumulative weights: faster than `Random.choices` in a hot loop."""

    def __init__(self, pairs: Iterable[tuple[T, int]]) -> None:
        items = list(pairs)
        self.values = [v for v, _ in items]
        self.cum: list[int] = []
        total = 0
        for _, weight in items:
            total += weight
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.total)]


FOLLOWUP_COUNT = _Weighted(((1, 30), (2, 35), (3, 22), (4, 13)))
SATISFACTION = _Weighted(((5, 50), (4, 30), (3, 12), (2, 5), (1, 3)))
# Places a parcel is addressed to, and the stations and lockers it may be left at, per area.
ADDRESSABLE = [
    [p for p in a.places if p.kind in ("compound", "school", "unit", "shop", "key_customer")] for a in D.AREAS
]
DROP_POINTS = [{k: [p.name for p in a.places if p.kind == k] for k in ("station", "locker")} for a in D.AREAS]


def _money(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)


def _local_date(at: datetime) -> date:
    return at.astimezone(CST).date()


def _local_at(day: date, hour: float) -> datetime:
    return (datetime(day.year, day.month, day.day, tzinfo=CST) + timedelta(hours=hour)).astimezone(UTC)


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
        rows, first_ids = gen.chunk(ids, plans[start:end])
        with database.write() as session:
            _place(session, rows, first_ids)
            _write(session, rows)
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
    return DemoReport(**totals, cancelled=False)


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


_DIRECTORY_ID_MODELS = (Operator, Area, Place, Courier, CourierArea, StandIn, DeliveryCount, Outlet, Contact, Phrase)
WRITE_ORDER: tuple[type[Base], ...] = (
    Waybill,
    Case,
    StuckDetail,
    ChaseDetail,
    ComplaintDetail,
    InterceptDetail,
    Message,
    Followup,
    Claim,
    Arbitration,
    Fine,
    ReturnShipment,
    RecipientFlag,
    Note,
    NoteWaybill,
    Todo,
    UnlabelledParcel,
)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


ID_MODELS = tuple(m for m in WRITE_ORDER if "id" in _table(m).c)


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


def _advance_sequences(session: Session, models: Iterable[type[Base]]) -> None:
    """Explicit ids do not move PostgreSQL's serial sequences; later ORM inserts would collide without this.

    Never moves one back: somebody else's insert may have taken a higher value meanwhile."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        session.execute(
            text(
                f"SELECT setval({sequence}, GREATEST((SELECT max(id) FROM {table}),"
                f" COALESCE(pg_sequence_last_value({sequence}::regclass), 1)))"
            )
        )


class _Ids:
    """Next free id per table: current max + 1, then counted on by the generator."""

    def __init__(self, session: Session, models: Sequence[type[Base]]) -> None:
        self._next = {m: int(session.scalar(select(func.max(_table(m).c.id))) or 0) + 1 for m in models}

    def take(self, model: type[Base]) -> int:
        value = self._next[model]
        self._next[model] = value + 1
        return value

    def snapshot(self) -> dict[type[Base], int]:
        return dict(self._next)


def _claim_no(created: datetime, claim_id: int) -> str:
    return f"LP{_local_date(created):%Y%m%d}{claim_id:05d}"


# (column, table it points at) per table, for moving a chunk's ids
_REFERENCES = {
    m: [
        (c.key, fk.column.table.name)
        for c in _table(m).c
        for fk in c.foreign_keys
        if fk.column.table.name in {_table(t).name for t in ID_MODELS}
    ]
    for m in WRITE_ORDER
}


def _place(session: Session, rows: dict[type[Base], list[Row]], first_ids: dict[type[Base], int]) -> None:
    """Move a chunk's ids past rows somebody else wrote since they were counted (inside the write lock on SQLite).

    Ids were counted on from the previous chunk while this one was built; normally nothing changed and this only
    reads one max(id) per table.
    """
    current = _Ids(session, ID_MODELS).snapshot()
    offsets = {
        _table(m).name: current[m] - first_ids[m] for m in ID_MODELS if rows.get(m) and current[m] > first_ids[m]
    }
    if not offsets:
        return
    for model in WRITE_ORDER:
        own = offsets.get(_table(model).name, 0) if "id" in _table(model).c else 0
        refs = [(key, offsets[target]) for key, target in _REFERENCES[model] if target in offsets]
        if not own and not refs:
            continue
        for row in rows.get(model, ()):
            if own:
                row["id"] += own
            for key, offset in refs:
                if row.get(key) is not None:
                    row[key] += offset
            if model is Claim and own:
                row["claim_no"] = _claim_no(row["created_at"], row["id"])


class _Dice:
    """Small draws from one random stream; `now` caps the times drawn."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.random = rng.random
        self.now = now

    def chance(self, p: float) -> bool:
        return self.random() < p

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def digits(self, count: int) -> str:
        """`count` random digits; a float's 53 bits are plenty for the 13 the longest number needs."""
        return str(int(self.random() * _POWERS[count])).zfill(count)

    def hours_after(self, at: datetime, low: float, high: float, *, cap: datetime | None = None) -> datetime:
        moment = at + timedelta(seconds=int(3600 * (low + self.random() * (high - low))))
        limit = cap or self.now
        return min(moment, limit)


class _Generator(_Dice):
    """The case stream and what earlier steps produced. The notebook (notes, todos, unlabelled parcels) draws from
    its own stream, made per chunk, so case data is the same however the run is cut into chunks."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        super().__init__(rng, now)
        self.notebook_seed = rng.getrandbits(64)
        self.today = _local_date(now)
        self.midnight = _local_at(self.today, 0)
        self.since_midnight = (now - self.midnight).total_seconds()
        self.statuses: dict[tuple[str, bool], _Weighted] = {}
        self.used: set[str] = set()
        self.surname = _Weighted(D.SURNAMES)
        self.kind = _Weighted(KIND_WEIGHTS)
        self.carrier = _Weighted(D.CARRIER_WEIGHTS.items())
        self.number_forms = {code: _Weighted(((p, n), w) for p, n, w in forms) for code, forms in NUMBER_FORMS.items()}
        self.signed_how = _Weighted(SIGNED_HOW)
        self.channel = _Weighted(D.CHANNEL_WEIGHTS)
        self.source = _Weighted(D.COMPLAINT_SOURCES)
        self.fine_result = _Weighted(D.FINE_RESULTS)
        self.claims_forced = [s.code for s in CLAIM.states]
        self.ref: _Ref | None = None

    # --- people and places ---------------------------------------------------------------------------------------

    def name(self) -> str:
        given = self.pick(D.GIVEN_CHARS)
        if self.chance(0.6):
            given += self.pick(D.GIVEN_CHARS)
        return self.surname.pick(self.rng) + given

    def mobile(self) -> str:
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def person(self, address: str) -> _Person:
        """A person with the phone as a label or an export shows it; tail and ext as `parse_phone` reads them."""
        name = self.name()
        true_mobile = self.mobile()
        r = self.random()
        if r < 0.55:
            return _Person(name, true_mobile, true_mobile[-4:], None, true_mobile, address)
        if r < 0.8:
            masked = f"{true_mobile[:3]}****{true_mobile[-4:]}"
            return _Person(name, masked, true_mobile[-4:], None, true_mobile, address)
        if r < 0.97:
            virtual = self.pick(VIRTUAL_PREFIXES) + self.digits(8)
            ext = self.digits(4)
            sep = "-" if r < 0.92 else "转"
            # The caller's own number is hidden behind the virtual one: it is another phone altogether.
            return _Person(name, f"{virtual}{sep}{ext}", virtual[-4:], ext, self.mobile(), address)
        landline = f"{self.rng.randrange(2 * 10**7, 10**8):08d}"
        return _Person(name, f"{D.AREA_CODE}-{landline}", landline[-4:], None, true_mobile, address)

    def waybill_no(self, carrier: str) -> str:
        while True:
            prefix, digits = self.number_forms[carrier].pick(self.rng)
            if carrier == "EMS" and not prefix:
                number = f"E{self.pick('AMRCL')}{self.digits(9)}{self.pick(('CN', 'US', 'JP', 'HK'))}"
            else:
                number = prefix + self.digits(digits)
            if number not in self.used:
                self.used.add(number)
                return number

    def local_address(self) -> tuple[str, int]:
        index = int(self.random() * len(D.AREAS))
        place = self.pick(ADDRESSABLE[index])
        base = f"{D.CITY}{D.DISTRICT}{place.road}{place.number}号{place.name}"
        if place.kind == "compound":
            return (
                f"{base}{self.between(1, 24)}栋{self.between(1, 4)}单元{self.between(1, 18)}0{self.between(1, 4)}",
                index,
            )
        if place.kind == "school":
            return f"{base}{self.between(1, 12)}号宿舍楼{self.between(100, 699)}室", index
        return f"{base}{self.between(1, 6)}楼", index

    def remote_address(self) -> str:
        province, city, district = self.pick(D.REGIONS)
        head = city if province == city else province + city
        return f"{head}{district}{self.pick(D.REMOTE_ROADS)}{self.between(1, 999)}{self.pick(D.REMOTE_BUILDINGS)}"

    # --- reference data -------------------------------------------------------------------------------------

    def reference(self, session: Session) -> None:
        """Directory rows the cases point at. Each part is added only where the database has none of it yet
        (operators by name), so `--append` and an outlet's own directory are kept as they are."""
        ids = _Ids(session, _DIRECTORY_ID_MODELS)
        rows: dict[type[Base], list[Row]] = {}
        have_names = set(session.scalars(select(Operator.name)))
        for name, staff_no in D.CLERKS:
            if name not in have_names:
                rows.setdefault(Operator, []).append(self._operator(ids, name, staff_no, "clerk", None))
        name, staff_no = D.MANAGER
        if name not in have_names:
            pin_hash = hash_pin(D.MANAGER_PIN)
            rows.setdefault(Operator, []).append(self._operator(ids, name, staff_no, "manager", pin_hash))
        area_ids: dict[int, int] = {}
        if not session.scalar(select(func.count()).select_from(Area)):
            rows[Area], rows[Place], area_ids = self._areas(ids)
        carriers = dict(session.execute(select(Carrier.code, Carrier.id)).all())
        if not session.scalar(select(func.count()).select_from(Courier)):
            self._couriers(ids, rows, area_ids)
        if not session.scalar(select(func.count()).select_from(Outlet)):
            rows[Outlet] = self._outlets(ids, carriers)
        if not session.scalar(select(func.count()).select_from(Contact)):
            rows[Contact] = [self._contact(ids, *spec) for spec in D.CONTACTS]
        if not session.scalar(select(func.count()).select_from(Phrase)):
            rows[Phrase] = [self._phrase(ids, *spec) for spec in D.PHRASES]
        outlet = {"outlet.name": D.OUR_OUTLET, "outlet.code": D.OUR_OUTLET_CODE, "outlet.phone": D.OUR_OUTLET_PHONE}
        for key, value in outlet.items():
            if session.get(Setting, key) is None:
                session.add(Setting(key=key, value=value))
        conn = session.connection()
        for model in _DIRECTORY_ID_MODELS:
            if rows.get(model):
                conn.execute(insert(_table(model)), rows[model])
        _advance_sequences(session, [m for m in _DIRECTORY_ID_MODELS if rows.get(m)])
        self.ref = self._load_ref(session, carriers)
        if session.scalar(select(func.count()).select_from(Waybill)):  # --append: never reuse a stored number
            self.used.update(session.scalars(select(Waybill.waybill_no)))

    def _operator(self, ids: _Ids, name: str, staff_no: str, role: str, pin_hash: str | None) -> Row:
        created = self.now - timedelta(days=SPAN_DAYS + 30)
        return {
            "id": ids.take(Operator),
            "name": name,
            "staff_no": staff_no,
            "role": role,
            "pin_hash": pin_hash,
            "builtin": False,
            "active": True,
            "created_at": created,
        }

    def _areas(self, ids: _Ids) -> tuple[list[Row], list[Row], dict[int, int]]:
        created = self.now - timedelta(days=SPAN_DAYS + 30)
        areas, places, area_ids = [], [], {}
        for index, spec in enumerate(D.AREAS):
            area_id = ids.take(Area)
            area_ids[index] = area_id
            areas.append(
                {
                    "id": area_id,
                    "name": spec.name,
                    "pinyin": initials(spec.name),
                    "notes": f"{spec.street_office}。{spec.notes}",
                    "created_at": created,
                    "version": 1,
                }
            )
            for place in spec.places:
                phone = None
                if place.kind in ("unit", "shop", "station", "key_customer"):
                    phone = f"{D.AREA_CODE}-{self.rng.randrange(2 * 10**7, 10**8):08d}"
                    if place.kind == "station" and self.chance(0.5):
                        phone = self.mobile()
                address = f"{D.DISTRICT}{place.road}" + (f"{place.number}号" if place.kind != "street" else "")
                places.append(
                    {
                        "id": ids.take(Place),
                        "area_id": area_id,
                        "kind": place.kind,
                        "name": place.name,
                        "address": address,
                        "keywords": list(place.keywords),
                        "pinyin": initials(place.name),
                        "phone": phone,
                        "notes": place.notes,
                        "flags": list(place.flags),
                        "created_at": created,
                        "version": 1,
                    }
                )
        return areas, places, area_ids

    def _couriers(self, ids: _Ids, rows: dict[type[Base], list[Row]], area_ids: dict[int, int]) -> None:
        """Two couriers per area; one who left (his area passed on), one floater who stands in (替班)."""
        couriers, assignments = [], []
        start = self.today - timedelta(days=SPAN_DAYS + 60)
        left_on = self.today - timedelta(days=240)
        courier_ids = []
        for n, name in enumerate(D.COURIERS):
            courier_id = ids.take(Courier)
            courier_ids.append(courier_id)
            couriers.append(
                {
                    "id": courier_id,
                    "name": name,
                    "staff_no": f"KD{n + 1:03d}",
                    "phone": self.mobile(),
                    "pinyin": initials(name),
                    "active": n != 16,
                    "created_at": _local_at(start, 9),
                    "version": 1,
                }
            )
        rows[Courier] = couriers
        leaver, floater = courier_ids[16], courier_ids[17]
        for n, courier_id in enumerate(courier_ids[:16]):
            area_id = area_ids.get(n // 2)
            if area_id is None:
                continue
            joined = left_on if n == 1 else start  # courier 1 took over the leaver's round
            assignments.append(self._courier_area(ids, courier_id, area_id, joined, None))
        if 0 in area_ids:
            assignments.append(self._courier_area(ids, leaver, area_ids[0], start, left_on - timedelta(days=1)))
        rows[CourierArea] = assignments
        stand_ins = [
            (floater, courier_ids[3], 40, 33),
            (floater, courier_ids[8], 2, -3),
            (courier_ids[5], courier_ids[4], 100, 97),
            (floater, courier_ids[12], 200, 190),
        ]
        rows[StandIn] = [
            {
                "id": ids.take(StandIn),
                "courier_id": who,
                "for_courier_id": whom,
                "date_from": self.today - timedelta(days=begin),
                "date_to": self.today - timedelta(days=end),
            }
            for who, whom, begin, end in stand_ins
        ]
        counts = []
        for back in range(365, 0, -1):
            day = self.today - timedelta(days=back)
            for n, courier_id in enumerate(courier_ids):
                if n == 17 or (n == 16 and day >= left_on) or (n == 1 and day < left_on):
                    continue
                arrived = self.between(80, 260)
                problem = self.between(0, 9)
                delivered = arrived - problem
                counts.append(
                    {
                        "id": ids.take(DeliveryCount),
                        "day": day,
                        "courier_id": courier_id,
                        "arrived": arrived,
                        "delivered": delivered,
                        "signed": delivered - self.between(0, 3),
                        "problem": problem,
                    }
                )
        rows[DeliveryCount] = counts

    def _courier_area(self, ids: _Ids, courier_id: int, area_id: int, start: date, end: date | None) -> Row:
        return {
            "id": ids.take(CourierArea),
            "courier_id": courier_id,
            "area_id": area_id,
            "valid_from": start,
            "valid_to": end,
        }

    def _outlets(self, ids: _Ids, carriers: dict[str, int]) -> list[Row]:
        created = self.now - timedelta(days=SPAN_DAYS + 30)
        outlets = []

        def add(kind: str, code: str, name: str, region: str) -> None:
            outlets.append(
                {
                    "id": ids.take(Outlet),
                    "kind": kind,
                    "carrier_id": carriers.get(code),
                    "name": name,
                    "code": f"{self.rng.randrange(10**5, 10**6)}",
                    "phone": self.mobile()
                    if self.chance(0.6)
                    else f"0{self.between(10, 999)}-{self.between(2, 9)}{self.rng.randrange(10**6, 10**7)}",
                    "contact": self.name(),
                    "region": region,
                    "pinyin": initials(name),
                    "created_at": created,
                    "version": 1,
                }
            )

        for spec in DEFAULT_CARRIERS:
            for province, city, district in self.rng.sample(D.REGIONS, 5):
                region = city if province == city else province + city
                add("counterpart", spec.code, f"{spec.name}{city[:-1]}{district}{self.pick(D.OUTLET_SUFFIXES)}", region)
            for hub in D.TRANSIT_CITIES[:2]:
                add("transit_centre", spec.code, f"{spec.name}{hub}转运中心", hub)
            if spec.code in D.OUR_CARRIERS:
                add("upstream", spec.code, f"{D.CITY[:-1]}{spec.name}速递有限公司", D.CITY)
        return outlets

    def _contact(self, ids: _Ids, name: str, role: str, handles: tuple[str, ...], notes: str | None) -> Row:
        return {
            "id": ids.take(Contact),
            "name": name,
            "role": role,
            "phone": self.mobile(),
            "handles": list(handles),
            "pinyin": initials(name),
            "notes": notes,
            "active": True,
            "created_at": self.now - timedelta(days=SPAN_DAYS),
        }

    def _phrase(self, ids: _Ids, category: str, title: str, body: str) -> Row:
        return {
            "id": ids.take(Phrase),
            "category": category,
            "title": title,
            "text": body,
            "pinyin": initials(title),
            "use_count": self.between(0, 300),
            "created_at": self.now - timedelta(days=SPAN_DAYS),
            "version": 1,
        }

    def _load_ref(self, session: Session, carriers: dict[str, int]) -> _Ref:
        problem_types = {
            code: (pid, name)
            for pid, code, name in session.execute(
                select(ProblemType.id, ProblemType.code, ProblemType.name).where(
                    ProblemType.kind == "stuck", ProblemType.active.is_(True)
                )
            )
        }
        clerks = list(
            session.scalars(
                select(Operator.id).where(Operator.name.in_([n for n, _ in D.CLERKS])).order_by(Operator.id)
            )
        ) or list(session.scalars(select(Operator.id).order_by(Operator.id)))
        couriers = dict(
            session.execute(select(Courier.id, Courier.name).where(Courier.active.is_(True)).order_by(Courier.id)).all()
        )
        area_index = {spec.name: i for i, spec in enumerate(D.AREAS)}
        area_couriers: dict[int, list[int]] = {}
        current = session.execute(
            select(Area.name, CourierArea.courier_id)
            .join(CourierArea, CourierArea.area_id == Area.id)
            .where(CourierArea.valid_to.is_(None))
            .order_by(CourierArea.id)
        )
        for area_name, courier_id in current:
            if area_name in area_index and courier_id in couriers:
                area_couriers.setdefault(area_index[area_name], []).append(courier_id)
        counterparts: dict[str, list[tuple[int, str, str]]] = {}
        code_of = {cid: code for code, cid in carriers.items()}
        outlets = session.execute(
            select(Outlet.id, Outlet.carrier_id, Outlet.name, Outlet.code)
            .where(Outlet.kind == "counterpart")
            .order_by(Outlet.id)
        )
        for outlet_id, carrier_id, name, code in outlets:
            if carrier_id in code_of:
                counterparts.setdefault(code_of[carrier_id], []).append((outlet_id, name, code or ""))
        stuck_codes = [c for c in D.PROBLEM_DETAILS if c in problem_types]
        return _Ref(carriers, problem_types, clerks, couriers, area_couriers, counterparts, stuck_codes)

    # --- the plan: which cases, when, in which status ---------------------------------------------------------

    def plan(self, count: int) -> list[_Plan]:
        """Kinds, directions, opening times and statuses of every case, oldest first.

        The first ones cover every status of every workflow in both directions, so even a small demo shows them
        all; the rest follow the age: the older a case, the likelier it has ended.
        """
        forced = [
            (kind, direction, state.code, state.terminal)
            for kind in CASE_KINDS
            for direction in DIRECTIONS
            for state in case_workflow(kind, direction).states
        ]
        assert self.ref is not None, "reference() runs first"
        known = list(self.ref.carriers)
        plans, ages = [], []
        for i in range(count):
            if i < len(forced):
                kind, direction, status, terminal = forced[i]
                age = self._age() if terminal else 12 * self.random() ** 2
            else:
                kind = self.kind.pick(self.rng)
                direction = "outbound" if self.chance(OUTBOUND_SHARE[kind]) else "inbound"
                age = self._age()
                terminal = not self.chance(_open_share(age))
                status = self._status(case_workflow(kind, direction), terminal)
            # A case cannot have got further than its age allows: a parcel returned an hour after it got stuck.
            low, _ = STATUS_HOURS.get((kind, status), CLOSE_HOURS[kind] if terminal else (0, 0))
            margin = 16 + 24 * self.random()  # hours; 16 because the opening hour is squeezed into the working day
            age = max(age, (low + margin) / 24) if low else age
            ages.append(age)
            carrier = self.carrier.pick(self.rng)
            if carrier not in known:
                carrier = known[0]
            reuse, back = self.chance(0.08), self.between(1, 60)
            back = back if reuse and kind != "stuck" else 0
            plans.append(_Plan(self._opened_at(age), kind, direction, status, carrier, self.waybill_no(carrier), back))
        order = sorted(range(len(plans)), key=lambda i: -ages[i])
        plans = [plans[i] for i in order]
        return plans

    def _age(self) -> float:
        """Days before now, denser towards today: half are younger than about 100 days, a fifth than a week."""
        return SPAN_DAYS * self.rng.random() ** 2.8

    def _opened_at(self, age: float) -> datetime:
        """The local day `age` days ago, its hours squeezed into working hours (08:00–21:00), never after now.

        Monotonic in `age`, so sorting by age sorts by opening time whatever `now` is: the order of the cases,
        and with it the waybill each one gets, depends on the seed alone.
        """
        x = self.since_midnight - age * 86400  # seconds after today's local midnight (negative: earlier days)
        day = math.floor(x / 86400)
        if day < 0:
            seconds = 86400 * day + 8 * 3600 + 13 * 3600 * (x / 86400 - day)
        else:
            end = min(21 * 3600, self.since_midnight)
            seconds = 8 * 3600 + (end - 8 * 3600) * x / self.since_midnight if end > 8 * 3600 else x
        return self.midnight + timedelta(seconds=int(seconds))

    def _status(self, workflow: Workflow, terminal: bool) -> str:
        key = (workflow.name, terminal)
        if key not in self.statuses:
            weights = STATUS_WEIGHTS.get(workflow.name, {})
            pool = [(s.code, weights.get(s.code, 1)) for s in workflow.states if s.terminal == terminal]
            self.statuses[key] = _Weighted(pool)
        return str(self.statuses[key].pick(self.rng))

    # --- one chunk of cases with everything that hangs off them ----------------------------------------------

    def chunk(self, ids: _Ids, plans: Sequence[_Plan]) -> tuple[dict[type[Base], list[Row]], dict[type[Base], int]]:
        """Rows of these cases and all that hangs off them, and the first id each table was given."""
        assert self.ref is not None, "reference() runs first"
        first_ids = ids.snapshot()
        out: dict[type[Base], list[Row]] = {model: [] for model in WRITE_ORDER}
        built: list[tuple[Row, _Parcel]] = []
        for index, plan in enumerate(plans):
            parent: tuple[Row, _Parcel] | None = None
            if 0 < plan.reuse_back <= index and built[index - plan.reuse_back][1].direction == plan.direction:
                parent = built[index - plan.reuse_back]
            built.append(_CaseBuilder(self, ids, out, plan, parent).build())
        _Extras(self, ids, out, built).build()
        return out, first_ids


def _open_share(age_days: float) -> float:
    """Most of today's cases are open, a few forgotten old ones too (the overdue lists need some)."""
    if age_days < 1:
        return 0.9
    if age_days < 3:
        return 0.6
    if age_days < 7:
        return 0.35
    if age_days < 30:
        return 0.08
    return 0.004


_PREVIOUS: dict[tuple[str, str], str] = {}


def _previous_open(workflow: Workflow, status: str) -> str:
    """The open state a case most plausibly left when it reached `status` (for its last timeline entry)."""
    key = (workflow.name, status)
    if key not in _PREVIOUS:
        before = [s.code for s in workflow.states if not s.terminal and status in workflow.allowed(s.code)]
        _PREVIOUS[key] = before[-1] if before else workflow.initial
    return _PREVIOUS[key]


class _CaseBuilder:
    """One case: its parcel (new, or the parent's), core row, kind details, timeline and money at risk."""

    def __init__(
        self,
        gen: _Generator,
        ids: _Ids,
        out: dict[type[Base], list[Row]],
        plan: _Plan,
        parent: tuple[Row, _Parcel] | None,
    ) -> None:
        assert gen.ref is not None
        self.g, self.ref, self.ids, self.out, self.plan, self.parent = gen, gen.ref, ids, out, plan, parent
        self.workflow = case_workflow(plan.kind, plan.direction)
        self.terminal = self.workflow.is_terminal(plan.status)
        self.opened = plan.opened_at
        self.closed: datetime | None = None
        if self.terminal:
            low, high = STATUS_HOURS.get((plan.kind, plan.status), CLOSE_HOURS[plan.kind])
            self.closed = max(self.opened, gen.hours_after(self.opened, low, high))
        self.end = self.closed or gen.now

    def build(self) -> tuple[Row, _Parcel]:
        g, plan = self.g, self.plan
        parcel = self.parent[1] if self.parent else self._parcel()
        self.parcel = parcel
        handler = g.pick(self.ref.clerks) if self.ref.clerks else None
        area_couriers = self.ref.area_couriers.get(parcel.area) or list(self.ref.couriers)
        courier = g.pick(area_couriers) if area_couriers and (plan.direction == "inbound" or g.chance(0.4)) else None
        counterparts = self.ref.counterparts.get(parcel.carrier) or []
        outlet = g.pick(counterparts) if counterparts else None
        case: Row = {
            "id": self.ids.take(Case),
            "kind": plan.kind,
            "direction": plan.direction,
            "waybill_id": parcel.row["id"],
            "status": plan.status,
            "priority": 2 if g.chance(0.04) else 1 if g.chance(0.12) else 0,
            "problem_type_id": None,
            "detail": None,
            "opened_at": self.opened,
            "created_at": g.hours_after(self.opened, 0, 0.3),
            "due_at": None,
            "callback_at": None,
            "closed_at": self.closed,
            "last_followup_at": None,
            "resolution": g.pick(D.RESOLUTIONS[plan.status])
            if self.terminal and plan.status in D.RESOLUTIONS
            else None,
            "handler_id": handler,
            "courier_id": courier,
            "counterpart_outlet_id": outlet[0] if outlet else None,
            "caller_name": None,
            "caller_phone": None,
            "caller_phone_tail": None,
            "repeat_count": 0,
            "parent_case_id": None,
            "version": 1,
        }
        self.case = case
        self.out[Case].append(case)
        self.context = {
            "courier": self.ref.couriers.get(courier, "快递员") if courier else "快递员",
            "outlet": outlet[1] if outlet else "对方网点",
            "shelf": "A-01",
            "node": "江州转运中心",
            "time": f"{self.g.between(9, 19)}:00",
        }
        if self.parent:
            self._link(self.parent[0])
        getattr(self, f"_{plan.kind}")()
        self._followups()
        return case, parcel

    def _link(self, earlier: Row) -> None:
        """A chase that became a complaint, or a customer calling again about the same parcel."""
        if earlier["kind"] == self.plan.kind:
            self.case["repeat_count"] = earlier["repeat_count"] + 1
            self.case["priority"] = max(self.case["priority"], 1)
            if earlier["closed_at"] is not None:
                self.case["parent_case_id"] = earlier["id"]
        elif earlier["kind"] == "chase" and self.plan.kind == "complaint":
            self.case["parent_case_id"] = earlier["id"]

    # --- the parcel ------------------------------------------------------------------------------------------

    def _parcel(self) -> _Parcel:
        g, direction = self.g, self.plan.direction
        carrier = self.plan.carrier
        local, area = g.local_address()
        remote = g.remote_address()
        if direction == "inbound":
            recipient = g.person(local)
            sender = g.person(remote)
            if g.chance(0.6):
                sender.name = g.pick(D.SHOP_STEMS) + g.pick(D.SHOP_WORDS)
            platform = g.pick(D.PLATFORMS)
        else:
            sender = g.person(local)
            recipient = g.person(remote)
            platform = g.pick(D.PLATFORMS) if g.chance(0.3) else None
        item, low, high = g.pick(D.ITEMS)
        declared = g.between(low, high) * 100 if high else None
        insured = declared if declared and declared >= 20000 and g.chance(0.25) else None
        grams = g.between(100, 3000) if g.chance(0.8) else g.between(3000, 25000)
        freight = 500 + 100 * g.between(0, 7) + 200 * (grams // 1000)
        outlets = self.ref.counterparts.get(carrier)
        other_code = g.pick(outlets)[2] if outlets else None
        row: Row = {
            "id": self.ids.take(Waybill),
            "waybill_no": self.plan.waybill_no,
            "carrier_id": self.ref.carriers[carrier],
            "sender_name": sender.name,
            "sender_phone": sender.phone,
            "sender_phone_tail": sender.tail,
            "sender_address": sender.address,
            # some carrier exports mask the name; the person still gives the whole name on the phone
            "recipient_name": recipient.name[0] + "*" * (len(recipient.name) - 1) if g.chance(0.08) else recipient.name,
            "recipient_phone": recipient.phone,
            "recipient_phone_tail": recipient.tail,
            "recipient_phone_ext": recipient.ext,
            "recipient_address": recipient.address,
            "item": item,
            "quantity": 1 if g.chance(0.85) else g.between(2, 4),
            "declared_value": _money(declared),
            "insured_value": _money(insured),
            "insurance_fee": _money(max(100, insured * 5 // 1000)) if insured else None,
            "freight": _money(freight),
            "cod": g.chance(0.04),
            "collecting_outlet": other_code if direction == "inbound" else D.OUR_OUTLET_CODE,
            "delivering_outlet": D.OUR_OUTLET_CODE if direction == "inbound" else other_code,
            "weight_collected_kg": Decimal(grams).scaleb(-3),
            "weight_arrived_kg": Decimal(grams).scaleb(-3) if g.chance(0.97) else Decimal(grams * 7 // 10).scaleb(-3),
            "platform": platform,
            "signed_how": None,
            "signed_by": None,
            "signed_at": None,
            "created_at": self.opened - timedelta(hours=12 + 84 * g.rng.random()),
            "version": 1,
        }
        self.out[Waybill].append(row)
        return _Parcel(row, direction, carrier, recipient, sender, area)

    def _signed(self, at: datetime) -> None:
        row, g = self.parcel.row, self.g
        how = g.signed_how.pick(g.rng)
        row["signed_how"] = how
        row["signed_by"] = {"self": self.parcel.recipient.name, "proxy": "家人代收", "guard": "门卫"}.get(how, "")
        if how in ("station", "locker"):
            points = DROP_POINTS[self.parcel.area][how]
            row["signed_by"] = g.pick(points) if points else "驿站"
        row["signed_at"] = max(at, row["created_at"])

    def _caller(self) -> None:
        person = self.parcel.recipient if self.plan.direction == "inbound" else self.parcel.sender
        self.case["caller_name"] = person.name
        self.case["caller_phone"] = person.true_mobile
        self.case["caller_phone_tail"] = person.true_mobile[-4:]

    # --- kinds -----------------------------------------------------------------------------------------------

    def _stuck(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        codes = self.ref.stuck_codes
        if status == "to_claim":
            codes = [c for c in ("damaged", "short", "suspected_lost") if c in codes] or codes
        code = g.pick(codes) if codes else None
        reason = "无法派送"
        if code is not None:
            case["problem_type_id"], reason = self.ref.problem_types[code]
            case["detail"] = g.pick(D.PROBLEM_DETAILS[code])
        shelf = f"{g.pick('ABCDEF')}-{g.between(1, 20):02d}" if inbound else None
        self.context["shelf"] = shelf or "A-01"
        wants_return = status in ("to_return", "returning", "returned")
        messages = self._messages(reason, wants_return)
        earliest = None
        if messages:
            case["due_at"] = messages[-1]["reply_due_at"]
            days = 6 if code in D.UNREACHABLE_TYPES else 5  # day 7 / day 6 counting the 留言 day
            earliest = _local_date(messages[0]["at"]) + timedelta(days=days)
        checked = None
        if inbound and not self.terminal:
            evening = _local_at(g.today, 20)
            evening = evening if evening <= g.now else evening - timedelta(days=1)
            checked = evening if evening > self.opened else None
        self.out[StuckDetail].append(
            {
                "case_id": case["id"],
                "registered_by": "us" if inbound else "them",
                "in_carrier_system": True if not inbound else g.chance(0.85),
                "round_no": g.between(1, 3) if inbound else None,
                "shelf": shelf,
                "earliest_return_on": earliest,
                "return_agreed": wants_return and bool(messages) and g.chance(0.7),
                "on_shelf_checked_at": checked,
            }
        )
        if status == "signed":
            self._signed(self.end)
        if status in ("returning", "returned"):
            start = self.opened if earliest is None else max(self.opened, _local_at(earliest, 9))
            sent = min(start + timedelta(hours=g.between(0, 30)), self.end)
            back = g.hours_after(sent, 48, 120) if status == "returned" else None
            self._return(sent, earliest, back, early_by_other=not inbound and g.chance(0.1))
        if status == "to_claim":
            loss = {"damaged": "damaged", "short": "short"}.get(code or "", "lost")
            self.g_claim(loss)
        if self.out[StuckDetail][-1]["in_carrier_system"] is False and g.chance(0.2):
            self.g_fine("问题件未上报")
        if g.chance(0.6) and any(
            m["direction"] == "received" and (m["reply_at"] or g.now) > m["reply_due_at"] for m in messages
        ):
            self.g_fine("超时未回复留言")

    def _messages(self, reason: str, wants_return: bool) -> list[Row]:
        """留言 with the other outlet: we post about parcels we deliver, they post about ours; 24 h to reply."""
        g, status, inbound = self.g, self.plan.status, self.plan.direction == "inbound"
        if inbound and status == "pending":
            return []
        unanswered = status == "awaiting_reply" or (not inbound and status == "pending")
        posts = D.MESSAGES_SENT if inbound else D.MESSAGES_RECEIVED
        replies = D.REPLIES_THEM if inbound else D.REPLIES_US
        at = g.hours_after(self.opened, 0.1, 3, cap=self.end)
        count = 2 if g.chance(0.3) else 1  # a second 留言 a day later (or just now, when the case is younger)
        rows = []
        for n in range(count):
            last = n == count - 1
            reply_at = reply = None
            if not (last and unanswered):
                reply_at = g.hours_after(at, 0.5, 30, cap=self.end)
                index = D.REPLY_RETURN if wants_return and last else int(g.rng.random() * len(replies))
                reply = replies[index].format(phone=g.mobile())
            rows.append(
                {
                    "id": self.ids.take(Message),
                    "case_id": self.case["id"],
                    "direction": "sent" if inbound else "received",
                    "text": g.pick(posts).format(reason=reason),
                    "at": at,
                    "reply_text": reply,
                    "reply_at": reply_at,
                    "reply_due_at": at + timedelta(hours=24),
                    "operator_id": self.case["handler_id"] if inbound else None,
                    "created_at": at,
                }
            )
            at = g.hours_after(at, 24, 30, cap=self.end)
        self.out[Message].extend(rows)
        return rows

    def _chase(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        self._caller()
        case["detail"] = g.pick(D.CHASE_REQUESTS[self.plan.direction])
        _, city, _ = g.pick(D.REGIONS)
        node = g.pick(D.LAST_NODES).format(region=city[:-1])
        self.context["node"] = node
        reached = status in ("appointed", "signed", "done")
        appointment = None
        if inbound and reached and (status == "appointed" or g.chance(0.6)):
            stations = DROP_POINTS[self.parcel.area]["station"] or ["驿站"]
            appointment = g.pick(D.APPOINTMENTS).format(station=g.pick(stations))
        if g.chance(0.5):
            if not self.terminal and g.chance(0.5):
                case["callback_at"] = g.now + timedelta(minutes=g.between(30, 1800))
            else:
                case["callback_at"] = g.hours_after(self.opened, 1, 24, cap=self.end)
        self.out[ChaseDetail].append(
            {
                "case_id": case["id"],
                "request": case["detail"],
                "last_scan_at": self.opened - timedelta(hours=2 + 94 * g.rng.random()),
                "last_node": node,
                "arrived": (reached or g.chance(0.6)) if inbound else None,
                "appointment": appointment,
            }
        )
        if (inbound and status in ("signed", "done")) or (not inbound and status == "done" and g.chance(0.6)):
            self._signed(g.hours_after(self.opened, 1, 24, cap=self.end))

    def _complaint(self) -> None:
        g, case, status = self.g, self.case, self.plan.status
        self._caller()
        source = g.source.pick(g.rng)
        category = g.pick(tuple(D.COMPLAINT_CATEGORIES))
        case["detail"] = g.pick(D.COMPLAINT_CATEGORIES[category])
        case["due_at"] = self.opened + timedelta(hours=24)
        escalation = (1 + int(g.chance(0.3))) if source == "12305" else 2 if g.chance(0.03) else int(g.chance(0.12))
        case["priority"] = (
            2 if source == "12305" else max(case["priority"], 1 if escalation or source == "12345" else 0)
        )
        ticket = None
        if source in D.SOURCE_TICKET_PREFIX:
            ticket = f"{D.SOURCE_TICKET_PREFIX[source]}{_local_date(self.opened):%Y%m%d}{g.digits(6)}"
        responded = None
        if status != "new" or g.chance(0.4):
            seconds = g.between(20, 180) if g.chance(0.8) else g.between(180, 900)
            responded = min(self.opened + timedelta(seconds=seconds), self.end)
        visit = self.closed if status == "resolved" and g.chance(0.85) else None
        satisfaction = None
        if visit is not None:
            satisfaction = SATISFACTION.pick(g.rng)
        self.out[ComplaintDetail].append(
            {
                "case_id": case["id"],
                "source": source,
                "external_ticket_no": ticket,
                "category": category,
                "first_response_at": responded,
                "escalation_level": escalation,
                "return_visit_at": visit,
                "satisfaction": satisfaction,
            }
        )
        if category not in ("延误", "丢失", "服务态度"):
            self._signed(self.opened - timedelta(hours=2 + 70 * g.rng.random()))
        if category in ("破损", "丢失") and g.chance(0.5):
            self.g_claim("damaged" if category == "破损" else "lost")
        elif category == "延误" and g.chance(0.1):
            self.g_claim("late")
        if self.terminal and g.chance(0.25):
            self.g_fine("12305申诉" if source == "12305" else "虚假签收" if category == "虚假签收" else "有责投诉")
        self._flag("complained")
        if source == "12305":
            self._flag("went_12305")

    def _intercept(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        request = {"readdressed": "readdress", "forwarded": "forward"}.get(status)
        if status == "returned":
            request = g.pick(("stop", "return"))
        request = request or g.pick(tuple(D.INTERCEPT_REQUESTS))
        case["detail"] = g.pick(D.INTERCEPT_REQUESTS[request])
        new_address = None
        if request == "readdress":
            new_address = g.local_address()[0] if inbound else g.remote_address()
        elif request == "forward":
            new_address = g.remote_address()
        new_number = g.waybill_no(self.parcel.carrier) if status in ("forwarded", "returned") else None
        pulled = None
        if status in ("found", "intercepted", "returned", "readdressed", "forwarded"):
            pulled = g.hours_after(self.opened, 1, 20, cap=self.end)
        outcome = None
        if status in ("returned", "readdressed", "forwarded"):
            outcome = "done"
        elif status == "failed":
            outcome = "already_signed" if g.chance(0.6) else "not_found"
            case["resolution"] = D.INTERCEPT_FAILED[outcome]
            if outcome == "already_signed":
                self._signed(self.opened + timedelta(minutes=g.between(5, 300)))
        self.out[InterceptDetail].append(
            {
                "case_id": case["id"],
                "request": request,
                "requested_by": self.parcel.sender.name if g.chance(0.7) else "平台客服",
                "new_address": new_address,
                "new_waybill_no": new_number,
                "pulled_at": pulled,
                "outcome": outcome,
            }
        )
        if status == "returned" and pulled is not None:
            sent = g.hours_after(pulled, 1, 24, cap=self.end)
            self._return(sent, None, self.closed if not inbound else None, number=new_number)

    # --- what hangs off a case -------------------------------------------------------------------------------

    def _return(
        self,
        sent: datetime,
        earliest: date | None,
        back: datetime | None,
        *,
        early_by_other: bool = False,
        number: str | None = None,
    ) -> None:
        self.out[ReturnShipment].append(
            {
                "id": self.ids.take(ReturnShipment),
                "waybill_id": self.parcel.row["id"],
                "case_id": self.case["id"],
                "return_waybill_no": number or self.g.waybill_no(self.parcel.carrier),
                "sent_at": sent,
                "earliest_allowed_on": earliest,
                "back_at": back,
                "early_by_other": early_by_other,
                "notes": "对方网点提前退回，已申诉" if early_by_other else None,
                "created_at": sent,
            }
        )

    def _flag(self, flag: str) -> None:
        phone = self.case["caller_phone"]
        self.out[RecipientFlag].append(
            {
                "id": self.ids.take(RecipientFlag),
                "phone": phone,
                "phone_tail": phone[-4:] if phone else None,
                "address": self.parcel.recipient.address if self.plan.direction == "inbound" else None,
                "flag": flag,
                "note": None,
                "source_case_id": self.case["id"],
                "auto": True,
                "created_at": self.case["created_at"],
            }
        )

    def g_fine(self, reason: str) -> None:
        g = self.g
        low, high = next((lo, hi) for r, lo, hi in D.FINE_REASONS if r == reason)
        amount = g.between(low // 5, high // 5) * 500
        issued = g.hours_after(self.opened, 24, 120)
        appeal_due = issued + timedelta(days=3)
        # Still within the appeal window: open or appealed; older ones have their result.
        result = ("open" if g.chance(0.7) else "appealed") if appeal_due > g.now else g.fine_result.pick(g.rng)
        recovered = amount if result == "cancelled" else amount // 2 if result == "reduced" else None
        charged = self.case["courier_id"] if result == "accepted" and g.chance(0.6) else None
        evidence = None
        if result in ("appealed", "cancelled", "reduced"):
            evidence = g.pick(("签收底单照片", "通话录音", "派件轨迹截图", "聊天记录截图"))
        self.out[Fine].append(
            {
                "id": self.ids.take(Fine),
                "waybill_id": self.parcel.row["id"],
                "case_id": self.case["id"],
                "carrier_id": self.parcel.row["carrier_id"],
                "reason": reason,
                "amount": _money(amount),
                "issued_at": issued,
                "appeal_due_at": appeal_due,
                "evidence": evidence,
                "result": result,
                "amount_recovered": _money(recovered),
                "courier_charged_id": charged,
                "created_at": issued,
                "version": 1,
            }
        )

    def g_claim(self, loss: str) -> None:
        """A claim with the compensation rule applied; the first ones cover every claim status."""
        g, parcel, row = self.g, self.parcel, self.parcel.row
        created = g.hours_after(self.opened, 2, 72)
        if g.claims_forced:
            status = g.claims_forced.pop(0)
        else:
            age = (g.now - created).days
            ended = g.chance(0.95 if age > 45 else 0.5 if age > 10 else 0.15)
            open_codes = CLAIM.open_codes
            status = ("paid" if g.chance(0.8) else "rejected") if ended else g.pick(open_codes)
        declared = int(row["declared_value"] * 100) if row["declared_value"] is not None else 5000
        freight = int(row["freight"] * 100)
        insured = int(row["insured_value"] * 100) if row["insured_value"] is not None else None
        extent = {"lost": "full", "short": "items_short", "late": None}.get(loss, g.pick(("full", "half")))
        claimed = {"full": declared, "half": declared // 2, "items_short": declared // 3}.get(extent or "", freight)
        if loss == "late":
            computed, rule = freight, D.CLAIM_RULES["late"]
        elif insured is not None:
            computed, rule = min(claimed, insured), D.CLAIM_RULES["insured"]
        else:
            computed, rule = min(claimed, 3 * freight), D.CLAIM_RULES["uninsured"]
        if extent == "half":
            rule = f"{rule}；{D.CLAIM_RULES['half']}"
        decided = status in ("reviewed", "paid", "rejected")
        approved = (computed if g.chance(0.8) else computed * 8 // 10) if status in ("reviewed", "paid") else None
        party = g.pick(D.RESPONSIBLE) if decided else None
        share = g.pick((100, 100, 100, 50, 30)) if decided else None
        paid_first = status == "paid" and g.chance(0.6)
        recovered = None
        if paid_first and approved and share and party != "本网点" and g.chance(0.6):
            recovered = approved * share // 100
        claimant = parcel.sender if g.chance(0.7) else parcel.recipient
        relation = "sender" if claimant is parcel.sender else "recipient"
        authorisation = "not_needed"
        if relation == "recipient":
            authorisation = "needed" if status in ("registered", "missing_docs") else "received"
        evidence = {item: True for item in D.CLAIM_EVIDENCE}
        if status in ("registered", "missing_docs"):
            for item in g.rng.sample(D.CLAIM_EVIDENCE, g.between(1, 3)):
                evidence[item] = False
        closed = g.hours_after(created, 72, 480) if status in ("paid", "rejected") else None
        claim_id = self.ids.take(Claim)
        self.out[Claim].append(
            {
                "id": claim_id,
                "claim_no": _claim_no(created, claim_id),
                "waybill_id": row["id"],
                "case_id": self.case["id"],
                "status": status,
                "claimant_name": claimant.name,
                "claimant_phone": claimant.true_mobile,
                "claimant_relation": relation,
                "authorisation": authorisation,
                "loss_type": loss,
                "loss_extent": extent,
                "item": row["item"],
                "quantity": row["quantity"],
                "declared_value": _money(declared),
                "value_proof": g.pick(("订单截图", "发票", "聊天记录", "收据")),
                "insured": insured is not None,
                "insured_value": _money(insured),
                "insurance_fee": row["insurance_fee"],
                "freight": row["freight"],
                "freight_cod": row["cod"],
                "packaging": "original" if g.chance(0.8) else "retaped",
                "inspected_at_signing": None if loss == "lost" else g.chance(0.4),
                "claimed_amount": _money(claimed),
                "computed_amount": _money(computed),
                "rule_text": rule,
                "approved_amount": _money(approved),
                "responsible_party": party,
                "responsible_share_pct": Decimal(share).quantize(Decimal("0.01")) if share else None,
                "paid_first": paid_first,
                "amount_recovered": _money(recovered),
                "salvage": g.pick(D.CLAIM_SALVAGE) if loss == "damaged" else None,
                "payee": claimant.name if status == "paid" else None,
                "evidence": evidence,
                "closed_at": closed,
                "created_at": created,
                "version": 1,
                "updated_at": closed,
            }
        )
        if loss == "lost" and decided and g.chance(0.4):
            filed = g.hours_after(created, 24, 120)
            ours = g.pick((0, 30, 50, 100))
            self.out[Arbitration].append(
                {
                    "id": self.ids.take(Arbitration),
                    "waybill_id": row["id"],
                    "claim_id": claim_id,
                    "filed_at": filed,
                    "other_party": self.context["outlet"],
                    "decision": f"判定本网点承担{ours}%，对方承担{100 - ours}%",
                    "decided_at": g.hours_after(filed, 48, 240),
                    "our_share_pct": Decimal(ours).quantize(Decimal("0.01")),
                    "amount": _money(claimed * ours // 100),
                    "created_at": filed,
                    "version": 1,
                }
            )

    def _followups(self) -> None:
        """1–4 timeline entries; a case that has ended ends with its status change, as the engine writes it."""
        g, case = self.g, self.case
        count = FOLLOWUP_COUNT.pick(g.rng)
        span = max((self.end - self.opened).total_seconds(), 60)
        plain = count - 1 if self.terminal else count
        times = sorted(self.opened + timedelta(seconds=int(span * g.rng.random())) for _ in range(plain))
        templates = D.FOLLOWUPS[self.plan.kind]
        rows = []
        for at in times:
            self.context["outcome"] = g.pick(D.OUTCOMES)
            rows.append(self._followup(at, g.channel.pick(g.rng), g.pick(templates).format_map(self.context), None))
        if self.terminal:
            before = _previous_open(self.workflow, self.plan.status)
            label = f"{self.workflow.label(before)} → {self.workflow.label(self.plan.status)}"
            note = case["resolution"]
            text_ = f"{label}：{note}" if note else label
            assert self.closed is not None
            rows.append(self._followup(self.closed, "system", text_, {"from": before, "to": self.plan.status}))
        self.out[Followup].extend(rows)
        case["last_followup_at"] = max(r["at"] for r in rows)

    def _followup(self, at: datetime, channel: str, body: str, data: dict[str, object] | None) -> Row:
        clerks = self.ref.clerks
        operator = self.case["handler_id"] if not clerks or self.g.chance(0.8) else self.g.pick(clerks)
        row = {
            "id": self.ids.take(Followup),
            "case_id": self.case["id"],
            "at": at,
            "operator_id": operator,
            "channel": channel,
            "text": body,
            "created_at": at,
        }
        if data is not None:  # left out, the column is SQL NULL rather than JSON null
            row["data"] = data
        return row


class _Extras:
    """The notebook, todos and unlabelled parcels of one chunk, pointing at that chunk's cases."""

    def __init__(
        self, gen: _Generator, ids: _Ids, out: dict[type[Base], list[Row]], built: list[tuple[Row, _Parcel]]
    ) -> None:
        self.g, self.ids, self.out, self.built = gen, ids, out, built
        # seeded by the chunk's first case, so the case stream and the other chunks do not depend on it
        self.d = _Dice(random.Random(gen.notebook_seed ^ built[0][0]["id"] if built else 0), gen.now)

    def build(self) -> None:
        if not self.built:
            return
        n = len(self.built)
        for _ in range(max(1, n // 25)):
            self._note()
        for _ in range(max(1, n // 40)):
            self._todo()
        for _ in range(n // 400):
            self._unlabelled()

    def _note(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        picked = [d.pick(self.built) for _ in range(d.between(1, 3))]
        case, parcel = picked[0]
        title_t, body_t, tags = d.pick(D.NOTE_TEMPLATES)
        area = D.AREAS[parcel.area]
        numbers = list(dict.fromkeys(p.row["waybill_no"] for _, p in picked))
        values = {
            "waybills": "、".join(numbers),
            "outlet": d.pick(g.ref.counterparts.get(parcel.carrier) or [(0, "对方网点", "")])[1],
            "courier": g.ref.couriers.get(case["courier_id"], "快递员"),
            "place": d.pick(area.places).name,
            "count": len(numbers),
        }
        day = min(_local_date(case["opened_at"]) + timedelta(days=d.between(0, 1)), g.today)
        created = min(_local_at(day, 17 + 3 * d.random()), g.now)
        note_id = self.ids.take(Note)
        linked = "{waybills}" in body_t
        self.out[Note].append(
            {
                "id": note_id,
                "day": day,
                "title": title_t.format_map(values),
                "body": body_t.format_map(values),
                "tags": list(tags),
                "pinned": d.chance(0.02),
                "handover": title_t == "交接班记录",
                "operator_id": case["handler_id"],
                "case_id": case["id"] if linked and d.chance(0.5) else None,
                "created_at": created,
                "version": 1,
            }
        )
        if linked:
            self.out[NoteWaybill].extend({"note_id": note_id, "waybill_no": no} for no in numbers)

    def _todo(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        case, parcel = d.pick(self.built)
        values = {
            "customer": case["caller_name"] or parcel.recipient.name,
            "outlet": d.pick(g.ref.counterparts.get(parcel.carrier) or [(0, "对方网点", "")])[1],
            "waybill": parcel.row["waybill_no"],
            "courier": g.ref.couriers.get(case["courier_id"], "快递员"),
        }
        due = d.hours_after(case["opened_at"], 2, 72, cap=g.now + timedelta(days=3))
        done = d.hours_after(case["opened_at"], 1, 70) if due < g.now - timedelta(days=1) and d.chance(0.9) else None
        self.out[Todo].append(
            {
                "id": self.ids.take(Todo),
                "title": d.pick(D.TODO_TITLES).format_map(values),
                "body": case["detail"],
                "due_at": due,
                "priority": case["priority"],
                "done_at": done,
                "operator_id": case["handler_id"],
                "case_id": case["id"],
                "created_at": case["created_at"],
                "version": 1,
                "updated_at": done,
            }
        )

    def _unlabelled(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        case, parcel = d.pick(self.built)
        found = case["opened_at"]
        resolved = d.hours_after(found, 24, 240) if found < g.now - timedelta(days=10) else None
        matched = case["id"] if case["kind"] == "stuck" and resolved and d.chance(0.5) else None
        self.out[UnlabelledParcel].append(
            {
                "id": self.ids.take(UnlabelledParcel),
                "description": f"{d.pick(('黑色塑料袋', '纸箱', '编织袋', '白色快递袋'))}包裹约"
                f"{d.between(1, 8)}kg，内似{parcel.row['item']}",
                "carrier_id": parcel.row["carrier_id"],
                "found_at": found,
                "found_where": d.pick(("分拣线", "派件车", "网点门口", "货架底层")),
                "shelf": f"W-{d.between(1, 9):02d}",
                "photo_id": None,
                "matched_case_id": matched,
                "matched_claim_id": None,
                "resolved_at": resolved,
                "created_at": found,
            }
        )
