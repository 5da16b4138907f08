"""Address → area and courier: which areas and places a recipient's address names, and who covers them on a day.

Every live area offers its name and keywords, every live place (that belongs to a live area) its name, its own
address and its keywords. A term found in the address scores its length times a weight for how precise that kind
of term is: an area's own word is the loosest, a street place is a little better, and any other place (a
compound, a school, a locker …) names one spot, so it beats its area's keyword of the same length. One
suggestion per area, best first; other terms of the same area found too add a little (they agree).
Full-width characters, case and spaces are folded on both sides before matching.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.directory.couriers import Coverage, covering
from app.directory.records import json_list, json_text
from app.imports.references import fold
from app.snapshot import Snapshot
from db.models import Area, Place

MIN_TERM = 2  # one character (路, 号) would match nearly every address
AREA_WEIGHT, STREET_WEIGHT, PLACE_WEIGHT = 1.0, 1.2, 1.5
AGREEMENT_BONUS = 0.1  # per further term of the same area found in the address


@dataclass(frozen=True)
class Suggestion:
    area_id: int
    area_name: str
    place_id: int | None
    place_name: str | None
    place_kind: str | None
    keyword: str  # the text of the address that matched
    couriers: list[Coverage]
    score: float


def _folded_with_origin(address: str) -> tuple[str, list[int]]:
    """The address folded like the terms, with the index in `address` each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(address):
        piece = "".join(unicodedata.normalize("NFKC", char).lower().split())
        out.append(piece)
        origin.extend([i] * len(piece))
    return "".join(out), origin


@dataclass(frozen=True)
class _Term:
    text: str  # folded
    weight: float
    area_id: int
    area_name: str
    place_id: int | None = None
    place_name: str | None = None
    place_kind: str | None = None


def _read_terms(session: Session) -> tuple[_Term, ...]:
    """Every term of a live area or of a live place in a live area, folded, long enough to mean something."""
    terms: list[_Term] = []
    areas = session.execute(select(Area.id, Area.name, json_text(Area.keywords)).where(Area.deleted_at.is_(None)))
    for area_id, name, keywords in areas:
        terms += [_Term(fold(word), AREA_WEIGHT, area_id, name) for word in (name, *json_list(keywords))]
    places = session.execute(
        select(Area.id, Area.name, Place.id, Place.kind, Place.name, Place.address, json_text(Place.keywords))
        .join(Area, Area.id == Place.area_id)
        .where(Place.deleted_at.is_(None), Area.deleted_at.is_(None))
    )
    for area_id, area_name, place_id, kind, name, place_address, keywords in places:
        weight = STREET_WEIGHT if kind == "street" else PLACE_WEIGHT
        words = (name, place_address, *json_list(keywords))
        terms += [_Term(fold(w), weight, area_id, area_name, place_id, name, kind) for w in words if w]
    unique = dict.fromkeys(t for t in terms if len(t.text) >= MIN_TERM)  # a keyword repeating the name counts once
    return tuple(unique)


_TERMS = Snapshot(_read_terms, Area, Place)


def suggest(session: Session, address: str, day: date, limit: int = 5) -> list[Suggestion]:
    """The areas (and places) `address` names, best first, each with the couriers covering it on `day`."""
    folded, origin = _folded_with_origin(address or "")
    if len(folded) < MIN_TERM:
        return []
    best: dict[int, tuple[float, int, _Term]] = {}  # area -> (score, where in the folded address, term)
    found: dict[int, set[str]] = {}
    for term in _TERMS.get(session):
        at = folded.find(term.text)
        if at < 0:
            continue
        found.setdefault(term.area_id, set()).add(term.text)
        score = len(term.text) * term.weight
        if term.area_id not in best or score > best[term.area_id][0]:
            best[term.area_id] = (score, at, term)
    scored = [(score + AGREEMENT_BONUS * (len(found[area]) - 1), at, t) for area, (score, at, t) in best.items()]
    scored.sort(key=lambda item: (-item[0], item[2].area_name, item[2].area_id))
    out: list[Suggestion] = []
    for score, at, term in scored[:limit]:
        end = at + len(term.text) - 1
        out.append(
            Suggestion(
                area_id=term.area_id,
                area_name=term.area_name,
                place_id=term.place_id,
                place_name=term.place_name,
                place_kind=term.place_kind,
                keyword=address[origin[at] : origin[end] + 1],
                couriers=covering(session, term.area_id, day),
                score=round(score, 3),
            )
        )
    return out
