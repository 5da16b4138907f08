"""The plan fixed before any row is built: which cases, when, in which status, and the generator that draws it."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.demo import data as D
from app.demo import territory as T
from app.demo.dice import SPAN_DAYS, _local_at, _Weighted
from app.demo.directory import _Directory
from app.workflows import CASE_KINDS, CLAIM, DIRECTIONS, Workflow, case_workflow

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


class _Generator(_Directory):
    """The case stream and what earlier steps produced. The notebook (notes, todos, unlabelled parcels) draws from
    its own stream, made per chunk, so case data is the same however the run is cut into chunks."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        super().__init__(rng, now)
        self.notebook_seed = rng.getrandbits(64)
        self.midnight = _local_at(self.today, 0)
        self.since_midnight = (now - self.midnight).total_seconds()
        self.statuses: dict[tuple[str, bool], _Weighted] = {}
        self.kind = _Weighted(KIND_WEIGHTS)
        self.carrier = _Weighted(T.CARRIER_WEIGHTS.items())
        # what the case builders draw from
        self.signed_how = _Weighted(SIGNED_HOW)
        self.channel = _Weighted(D.CHANNEL_WEIGHTS)
        self.source = _Weighted(D.COMPLAINT_SOURCES)
        self.fine_result = _Weighted(D.FINE_RESULTS)
        self.claims_forced = [s.code for s in CLAIM.states]

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
