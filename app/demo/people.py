"""People, phones, addresses and waybill numbers: what every parcel and case is about."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from app.demo import territory as T
from app.demo.dice import Row, _Dice, _Weighted

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
    area: int  # index into data.AREAS of the local end (recipient inbound, sender outbound)


# Places a parcel is addressed to, and the stations and lockers it may be left at, per area.
ADDRESSABLE = [
    [p for p in a.places if p.kind in ("compound", "school", "unit", "shop", "key_customer")] for a in T.AREAS
]
DROP_POINTS = [{k: [p.name for p in a.places if p.kind == k] for k in ("station", "locker")} for a in T.AREAS]


class _People(_Dice):
    """Names, phones, addresses and waybill numbers drawn from the case stream; no number is drawn twice."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        super().__init__(rng, now)
        self.used: set[str] = set()
        self.surname = _Weighted(T.SURNAMES)
        self.number_forms = {code: _Weighted(((p, n), w) for p, n, w in forms) for code, forms in NUMBER_FORMS.items()}

    # --- people and places ---------------------------------------------------------------------------------------

    def name(self) -> str:
        given = self.pick(T.GIVEN_CHARS)
        if self.chance(0.6):
            given += self.pick(T.GIVEN_CHARS)
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
        return _Person(name, f"{T.AREA_CODE}-{landline}", landline[-4:], None, true_mobile, address)

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
        index = int(self.random() * len(T.AREAS))
        place = self.pick(ADDRESSABLE[index])
        base = f"{T.CITY}{T.DISTRICT}{place.road}{place.number}号{place.name}"
        if place.kind == "compound":
            return (
                f"{base}{self.between(1, 24)}栋{self.between(1, 4)}单元{self.between(1, 18)}0{self.between(1, 4)}",
                index,
            )
        if place.kind == "school":
            return f"{base}{self.between(1, 12)}号宿舍楼{self.between(100, 699)}室", index
        return f"{base}{self.between(1, 6)}楼", index

    def remote_address(self) -> str:
        province, city, district = self.pick(T.REGIONS)
        head = city if province == city else province + city
        return f"{head}{district}{self.pick(T.REMOTE_ROADS)}{self.between(1, 999)}{self.pick(T.REMOTE_BUILDINGS)}"
