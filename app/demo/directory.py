"""The outlet's directory the cases point at: operators, areas and places, couriers, outlets, contacts (the 话术
set comes from the seed, app/notebook/phrase_set.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.demo import data as D
from app.demo import territory as T
from app.demo.dice import SPAN_DAYS, Row, _local_at, _local_date
from app.demo.ids import _advance_sequences, _Ids, _table
from app.demo.people import _People
from app.operators import hash_pin
from app.pinyin import initials
from app.waybills import DEFAULT_CARRIERS
from db.base import Base
from db.models import (
    Area,
    Carrier,
    Contact,
    Courier,
    CourierArea,
    DeliveryCount,
    Operator,
    Outlet,
    Place,
    ProblemType,
    Setting,
    StandIn,
    Waybill,
)


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


_DIRECTORY_ID_MODELS = (Operator, Area, Place, Courier, CourierArea, StandIn, DeliveryCount, Outlet, Contact)


class _Directory(_People):
    """Draws the directory rows the cases point at (`reference`) and keeps what they may point at (`ref`)."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        super().__init__(rng, now)
        self.today = _local_date(now)
        self.ref: _Ref | None = None

    # --- reference data -------------------------------------------------------------------------------------

    def reference(self, session: Session) -> None:
        """Directory rows the cases point at. Each part is added only where the database has none of it yet
        (operators by name), so `--append` and an outlet's own directory are kept as they are."""
        ids = _Ids(session, _DIRECTORY_ID_MODELS)
        rows: dict[type[Base], list[Row]] = {}
        have_names = set(session.scalars(select(Operator.name)))
        for name, staff_no in T.CLERKS:
            if name not in have_names:
                rows.setdefault(Operator, []).append(self._operator(ids, name, staff_no, "clerk", None))
        name, staff_no = T.MANAGER
        if name not in have_names:
            pin_hash = hash_pin(T.MANAGER_PIN)
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
            rows[Contact] = [self._contact(ids, *spec) for spec in T.CONTACTS]
        outlet = {"outlet.name": T.OUR_OUTLET, "outlet.code": T.OUR_OUTLET_CODE, "outlet.phone": T.OUR_OUTLET_PHONE}
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
        for index, spec in enumerate(T.AREAS):
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
                    phone = f"{T.AREA_CODE}-{self.rng.randrange(2 * 10**7, 10**8):08d}"
                    if place.kind == "station" and self.chance(0.5):
                        phone = self.mobile()
                address = f"{T.DISTRICT}{place.road}" + (f"{place.number}号" if place.kind != "street" else "")
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
        for n, name in enumerate(T.COURIERS):
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
            for province, city, district in self.rng.sample(T.REGIONS, 5):
                region = city if province == city else province + city
                add("counterpart", spec.code, f"{spec.name}{city[:-1]}{district}{self.pick(T.OUTLET_SUFFIXES)}", region)
            for hub in T.TRANSIT_CITIES[:2]:
                add("transit_centre", spec.code, f"{spec.name}{hub}转运中心", hub)
            if spec.code in T.OUR_CARRIERS:
                add("upstream", spec.code, f"{T.CITY[:-1]}{spec.name}速递有限公司", T.CITY)
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
                select(Operator.id).where(Operator.name.in_([n for n, _ in T.CLERKS])).order_by(Operator.id)
            )
        ) or list(session.scalars(select(Operator.id).order_by(Operator.id)))
        couriers = dict(
            session.execute(select(Courier.id, Courier.name).where(Courier.active.is_(True)).order_by(Courier.id)).all()
        )
        area_index = {spec.name: i for i, spec in enumerate(T.AREAS)}
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
