"""Areas (片区) and the places in them (streets, compounds, units, schools, shops, key customers, 驿站, lockers):
what a clerk knows about the territory, with the address keywords that tie a recipient's address to an area.

Both are soft-deleted (the row stays for old references and the audit log) and edited with optimistic locking.
An area's name is unique over every row ever made, so adding a name that was deleted brings that area back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.directory.matching import Query, phone_digits, prepare
from app.directory.records import (
    check_length,
    check_phone,
    check_version,
    clean,
    clean_list,
    flush,
    json_list,
    json_text,
    now,
)
from app.errors import NotFoundError, ValidationError
from app.operators import require_manager
from app.pinyin import initials
from app.snapshot import Snapshot
from db.models import Area, Place

PLACE_KINDS: dict[str, str] = {
    "street": "街道",
    "compound": "小区",
    "unit": "单位",
    "school": "学校",
    "shop": "商铺",
    "key_customer": "重点客户",
    "station": "驿站",
    "locker": "快递柜",
}
_KEYWORD_SEPARATORS = re.compile(r"[、，,;；\s]+")
_PLACE_COLUMNS = (
    Place.id,
    Place.area_id,
    Place.kind,
    Place.name,
    Place.address,
    json_text(Place.keywords).label("keywords"),
    Place.pinyin,
    Place.phone,
    Place.notes,
    json_text(Place.flags).label("flags"),
    Place.version,
)


@dataclass(frozen=True)
class AreaView:
    id: int
    name: str
    keywords: list[str]
    notes: str | None
    version: int


@dataclass(frozen=True)
class PlaceView:
    id: int
    area_id: int | None
    area_name: str | None
    kind: str
    kind_label: str
    name: str
    address: str | None
    keywords: list[str]
    phone: str | None
    notes: str | None
    flags: list[str]
    version: int


@dataclass(frozen=True)
class AreaForm:
    name: str
    keywords: tuple[str, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class PlaceForm:
    kind: str
    name: str
    area_id: int | None = None
    address: str | None = None
    keywords: tuple[str, ...] = ()
    phone: str | None = None
    notes: str | None = None
    flags: tuple[str, ...] = ()


def split_keywords(text: str | None) -> tuple[str, ...]:
    """Keywords as typed in one field: "红星路、红星 花园;兴华里" → ("红星路", "红星", "花园", "兴华里")."""
    return clean_list(_KEYWORD_SEPARATORS.split(text or ""))


def _area_view(area: Area) -> AreaView:
    return AreaView(
        id=area.id, name=area.name, keywords=list(area.keywords or ()), notes=area.notes, version=area.version
    )


def list_areas(session: Session, query: str = "") -> list[AreaView]:
    """Live areas by pinyin, then name; `query` matches name, initials, keywords and notes."""
    q = Query(query)
    rows = session.scalars(
        select(Area).where(Area.deleted_at.is_(None)).order_by(Area.pinyin, Area.name, Area.id)
    ).all()
    return [_area_view(a) for a in rows if q.matches((a.name, *(a.keywords or ()), a.notes), pinyin=a.pinyin)]


def _live_area(session: Session, area_id: int) -> Area:
    area = session.get(Area, area_id, populate_existing=True)
    if area is None or area.deleted_at is not None:
        raise NotFoundError("not_found", what="片区", key=area_id)
    return area


def save_area(
    session: Session, form: AreaForm, *, actor: Actor, area_id: int | None = None, version: int | None = None
) -> AreaView:
    """Add an area (`area_id` None) or change one read at `version`; a stale version raises ConflictError."""
    name = clean(form.name)
    problems: dict[str, str] = {}
    if name is None:
        problems["name"] = "required"
    check_length(problems, "name", name, 60)
    keywords = clean_list(form.keywords)
    same = session.scalar(select(Area).where(Area.name == name)) if name else None
    if same is not None and same.deleted_at is None and same.id != area_id:
        problems["name"] = "area_name_taken"
    if problems:
        raise ValidationError(fields=problems)
    assert name is not None
    if area_id is None and same is not None:  # the name of a deleted area: bring it back rather than clash
        area, action = same, "restore"
        area.deleted_at = None
    elif area_id is None:
        area, action = Area(name=name), "add"
        session.add(area)
    else:
        area, action = _live_area(session, area_id), "update"
        check_version(session, "area", area.id, area.version, version)
        if same is not None and same.id != area.id:  # renamed onto a deleted area's name: free that name
            same.name = f"{same.name}#{same.id}"[:60]
            flush(session)
    before = _area_view(area) if action == "update" else None
    area.name, area.pinyin = name, initials(name)[:60]
    area.keywords, area.notes = list(keywords), clean(form.notes)
    flush(session)
    after = _area_view(area)
    audit.record(session, actor, "area", area.id, action, _changes(before, after))
    return after


def delete_area(session: Session, area_id: int, *, actor: Actor, manager_pin: str | None = None) -> None:
    """Soft delete, approved by a manager's PIN (the manager is recorded); refused while live places still belong
    to the area (they would lose their courier)."""
    actor = require_manager(session, manager_pin)
    area = _live_area(session, area_id)
    held = session.scalar(
        select(func.count()).select_from(Place).where(Place.area_id == area.id, Place.deleted_at.is_(None))
    )
    if held:
        raise ValidationError("area_has_places", fields={"area_id": "invalid_input"}, name=area.name, count=held)
    area.deleted_at = now()
    flush(session)
    audit.record(session, actor, "area", area.id, "delete", {"name": area.name})


def _place_view(place: Place, area_name: str | None) -> PlaceView:
    return PlaceView(
        id=place.id,
        area_id=place.area_id,
        area_name=area_name,
        kind=place.kind,
        kind_label=PLACE_KINDS.get(place.kind, place.kind),
        name=place.name,
        address=place.address,
        keywords=list(place.keywords or ()),
        phone=place.phone,
        notes=place.notes,
        flags=list(place.flags or ()),
        version=place.version,
    )


@dataclass(frozen=True)
class _Row:
    view: PlaceView
    folded: str  # the texts a query matches, prepared once per snapshot
    pinyin: str | None
    digits: tuple[str, ...]


def _read_places(session: Session) -> tuple[_Row, ...]:
    """Every live place, ordered, with its search text prepared; Core rows with the JSON lists read as text
    (5,000 ORM objects would cost more than the whole search)."""
    stmt = (
        select(*_PLACE_COLUMNS, Area.name.label("area_name"))
        .outerjoin(Area, Area.id == Place.area_id)
        .where(Place.deleted_at.is_(None))
        .order_by(Place.pinyin, Place.name, Place.id)
    )
    out: list[_Row] = []
    for (
        pid,
        area_id,
        kind,
        name,
        address,
        raw_keywords,
        pinyin,
        phone,
        notes,
        raw_flags,
        version,
        area_name,
    ) in session.execute(stmt):
        keywords, flags = json_list(raw_keywords), json_list(raw_flags)
        label = PLACE_KINDS.get(kind, kind)
        view = PlaceView(
            pid, area_id, area_name, kind, label, name, address, list(keywords), phone, notes, list(flags), version
        )
        texts = prepare(name, address, *keywords, notes, *flags, area_name, label)
        out.append(_Row(view, texts, pinyin, (phone_digits(phone),)))
    return tuple(out)


_PLACES = Snapshot(_read_places, Place, Area)


def list_places(
    session: Session, query: str = "", kind: str | None = None, area_id: int | None = None
) -> list[PlaceView]:
    """Live places by pinyin, then name; `query` matches name, initials, address, keywords, notes, flags, kind,
    the area's name and the phone (tail or any 3+ digits). The views are shared between calls: do not mutate."""
    q = Query(query)
    return [
        row.view
        for row in _PLACES.get(session)
        if (kind is None or row.view.kind == kind)
        and (area_id is None or row.view.area_id == area_id)
        and q.matches_prepared(row.folded, row.pinyin, row.digits)
    ]


def _live_place(session: Session, place_id: int) -> Place:
    place = session.get(Place, place_id, populate_existing=True)
    if place is None or place.deleted_at is not None:
        raise NotFoundError("not_found", what="地点", key=place_id)
    return place


def save_place(
    session: Session, form: PlaceForm, *, actor: Actor, place_id: int | None = None, version: int | None = None
) -> PlaceView:
    """Add a place (`place_id` None) or change one read at `version`; a stale version raises ConflictError."""
    name, address, phone = clean(form.name), clean(form.address), clean(form.phone)
    problems: dict[str, str] = {}
    if form.kind not in PLACE_KINDS:
        problems["kind"] = "place_kind_unknown"
    if name is None:
        problems["name"] = "required"
    check_length(problems, "name", name, 80)
    check_length(problems, "phone", phone, 40)
    check_phone(problems, "phone", phone)
    area_name: str | None = None
    if form.area_id is not None:
        area = session.get(Area, form.area_id)
        if area is None or area.deleted_at is not None:
            problems["area_id"] = "not_found"
        else:
            area_name = area.name
    if problems:
        raise ValidationError(fields=problems)
    assert name is not None
    if place_id is None:
        place, before = Place(kind=form.kind, name=name), None
        session.add(place)
    else:
        place = _live_place(session, place_id)
        check_version(session, "place", place.id, place.version, version)
        before = _place_view(place, None)
    place.kind, place.name, place.pinyin = form.kind, name, initials(name)[:80]
    place.area_id, place.address, place.phone, place.notes = form.area_id, address, phone, clean(form.notes)
    place.keywords, place.flags = list(clean_list(form.keywords)), list(clean_list(form.flags))
    flush(session)
    after = _place_view(place, area_name)
    audit.record(session, actor, "place", place.id, "add" if before is None else "update", _changes(before, after))
    return after


def delete_place(session: Session, place_id: int, *, actor: Actor, manager_pin: str | None = None) -> None:
    """Soft delete, approved by a manager's PIN (the manager is recorded)."""
    actor = require_manager(session, manager_pin)
    place = _live_place(session, place_id)
    place.deleted_at = now()
    flush(session)
    audit.record(session, actor, "place", place.id, "delete", {"name": place.name})


def _changes(before: AreaView | PlaceView | None, after: AreaView | PlaceView) -> dict[str, tuple[object, object]]:
    skip = {"id", "version", "area_name", "kind_label"}
    return {
        key: (getattr(before, key) if before else None, value)
        for key, value in after.__dict__.items()
        if key not in skip and (before is None or getattr(before, key) != value)
    }
