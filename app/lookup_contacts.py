""" "Who to call" about a parcel: the courier covering the recipient's address today (a stand-in when someone
covers for the regular courier; else the courier on its case), the counterpart outlet of its cases, the carrier's
transit centres and the carrier's hotline.

One `Contacts` serves one lookup: what several parcels share (an address, a carrier, an outlet) is read once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.directory.address import Suggestion, suggest
from db.models import Carrier, Courier, Outlet

ROLE_LABELS = {
    "courier": "派件快递员",
    "counterpart_outlet": "对方网点",
    "transit_centre": "分拨中心",
    "hotline": "客服热线",
}


@dataclass(frozen=True)
class WhoToCall:
    role: str  # courier | counterpart_outlet | transit_centre | hotline
    name: str
    phone: str | None
    note: str | None


@dataclass(frozen=True)
class ParcelContext:
    """What a parcel's contacts are found from."""

    address: str | None
    carrier_id: int | None
    courier_ids: list[int]  # on its cases, newest case first
    outlet_ids: list[int]  # counterpart outlets of its cases, newest case first


def _contact(name: str | None) -> str | None:
    return f"联系人：{name}" if name else None


def _area_couriers(best: Suggestion) -> list[WhoToCall]:
    where = best.area_name + (f"·{best.place_name}" if best.place_name else "")
    out = []
    for c in best.couriers:
        note = f"片区：{where}（地址中的“{best.keyword}”）"
        if c.stand_in:
            note += f"；今日替班，原快递员：{c.regular_name}"
        out.append(WhoToCall("courier", c.name, c.phone, note))
    return out


class Contacts:
    def __init__(self, session: Session, today: date, parcels: Iterable[ParcelContext]) -> None:
        self.session, self.today = session, today
        parcels = list(parcels)
        self._suggested: dict[str, list[WhoToCall]] = {}
        courier_ids = {i for p in parcels for i in p.courier_ids}
        outlet_ids = {i for p in parcels for i in p.outlet_ids}
        carrier_ids = {p.carrier_id for p in parcels if p.carrier_id is not None}
        self._courier_ids = sorted(courier_ids)
        self._couriers: dict[int, WhoToCall] | None = None  # read only when an address names no area
        self._outlets = {
            row.id: WhoToCall(
                "counterpart_outlet", row.name, row.phone, f"联系人：{row.contact}" if row.contact else None
            )
            for row in session.execute(
                select(Outlet.id, Outlet.name, Outlet.phone, Outlet.contact).where(Outlet.id.in_(sorted(outlet_ids)))
            )
        }
        self._centres: dict[int, list[WhoToCall]] = {}
        for row in session.execute(
            select(Outlet.carrier_id, Outlet.name, Outlet.phone, Outlet.contact, Outlet.region)
            .where(Outlet.kind == "transit_centre", Outlet.carrier_id.in_(sorted(carrier_ids)))
            .order_by(Outlet.name, Outlet.id)
        ):
            note = "，".join(p for p in (row.region, _contact(row.contact)) if p) or None
            self._centres.setdefault(row.carrier_id, []).append(WhoToCall("transit_centre", row.name, row.phone, note))
        self._hotlines = {
            row.id: WhoToCall("hotline", f"{row.name}客服", row.hotline, None)
            for row in session.execute(
                select(Carrier.id, Carrier.name, Carrier.hotline).where(Carrier.id.in_(sorted(carrier_ids)))
            )
            if row.hotline
        }

    def _case_couriers(self) -> dict[int, WhoToCall]:
        if self._couriers is None:
            rows = self.session.execute(
                select(Courier.id, Courier.name, Courier.phone).where(Courier.id.in_(self._courier_ids))
            )
            self._couriers = {row.id: WhoToCall("courier", row.name, row.phone, "案件登记的快递员") for row in rows}
        return self._couriers

    def _by_address(self, address: str) -> list[WhoToCall]:
        if address not in self._suggested:
            found = suggest(self.session, address, self.today, limit=1)
            self._suggested[address] = _area_couriers(found[0]) if found else []
        return self._suggested[address]

    def for_parcel(self, parcel: ParcelContext) -> list[WhoToCall]:
        out = self._by_address(parcel.address) if parcel.address else []
        if not out:
            out = [self._case_couriers()[i] for i in parcel.courier_ids[:1] if i in self._case_couriers()]
        out = out + [self._outlets[i] for i in parcel.outlet_ids if i in self._outlets]
        if parcel.carrier_id is not None:
            out += self._centres.get(parcel.carrier_id, [])
            if parcel.carrier_id in self._hotlines:
                out.append(self._hotlines[parcel.carrier_id])
        return out
