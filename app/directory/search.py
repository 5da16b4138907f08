"""Search for Chinese habits, shared by every directory list (`matches_query`), and one search box over the
whole directory (`search_directory`): areas, places, couriers, outlets and contacts, best first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from app.directory.couriers import list_courier_views
from app.directory.matching import Query, matches_query
from app.directory.outlets import list_contacts, list_outlets
from app.directory.places import list_areas, list_places
from app.pinyin import initials

_initials = lru_cache(maxsize=8192)(initials)  # ranking may ask for the same names on every keystroke

__all__ = ["DirectoryHit", "matches_query", "search_directory"]

HIT_TYPES = ("area", "place", "courier", "outlet", "contact")
_SEP = " · "


@dataclass(frozen=True)
class DirectoryHit:
    type: str  # area | place | courier | outlet | contact
    id: int
    name: str
    detail: str
    phone: str | None


def _detail(*parts: str | None) -> str:
    return _SEP.join(p for p in parts if p)


def _hits(session: Session, query: str) -> list[DirectoryHit]:
    hits = [
        DirectoryHit("area", a.id, a.name, _detail("、".join(a.keywords)), None) for a in list_areas(session, query)
    ]
    hits += [
        DirectoryHit("place", p.id, p.name, _detail(p.kind_label, p.area_name, p.address), p.phone)
        for p in list_places(session, query)
    ]
    hits += [
        DirectoryHit("courier", c.id, c.name, _detail(c.staff_no, "、".join(a.area_name for a in c.areas)), c.phone)
        for c in list_courier_views(session, query)
    ]
    hits += [
        DirectoryHit("outlet", o.id, o.name, _detail(o.kind_label, o.carrier_name, o.code, o.region), o.phone)
        for o in list_outlets(session, query)
    ]
    hits += [
        DirectoryHit("contact", c.id, c.name, _detail(c.role, "、".join(c.handles)), c.phone)
        for c in list_contacts(session, query, active_only=True)
    ]
    return hits


def search_directory(session: Session, query: str, limit: int = 20) -> list[DirectoryHit]:
    """Everything in the directory `query` finds (see `matches_query`), best first: the name itself (or its
    initials), then names that start with it, then the rest; within each, in the order areas, places, couriers,
    outlets, contacts. A blank query finds nothing (there is nothing to look for yet)."""
    q = Query(query)
    if q.empty:
        return []
    hits = _hits(session, query)
    order = {kind: i for i, kind in enumerate(HIT_TYPES)}
    hits.sort(key=lambda h: (q.rank(h.name, _initials(h.name) if q.pinyin else None), order[h.type]))
    return hits[:limit]
