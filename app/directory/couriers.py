"""Couriers (快递员) with the areas they cover over time and their stand-ins (替班), and who covers an area on a
given day. Assignments and stand-ins are dated links: ending one is a new end date or a removal, never an edit
that rewrites the past, so "who delivered there on the 3rd" keeps its answer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app import audit
from app.actor import Actor
from app.directory.matching import Query
from app.directory.records import check_length, check_phone, check_version, clean, flush
from app.errors import NotFoundError, ValidationError
from app.pinyin import initials
from db.models import Area, Courier, CourierArea, StandIn


@dataclass(frozen=True)
class CourierAreaView:
    id: int
    area_id: int
    area_name: str
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class StandInView:
    id: int
    courier_id: int  # who stands in
    courier_name: str
    for_courier_id: int  # for whom
    for_courier_name: str
    date_from: date
    date_to: date


@dataclass(frozen=True)
class CourierView:
    id: int
    name: str
    staff_no: str | None
    phone: str | None
    active: bool
    areas: list[CourierAreaView]
    stand_ins: list[StandInView]  # where this courier stands in for someone
    version: int
    covered_by: list[StandInView] = field(default_factory=list)  # where someone stands in for this courier


@dataclass(frozen=True)
class CourierForm:
    name: str
    staff_no: str | None = None
    phone: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Coverage:
    courier_id: int
    name: str
    phone: str | None
    stand_in: bool
    regular_id: int  # who normally covers the area (== courier_id when nobody stands in)
    regular_name: str


def _areas_by_courier(session: Session, courier_ids: Iterable[int] | None) -> dict[int, list[CourierAreaView]]:
    stmt = (
        select(CourierArea, Area.name)
        .join(Area, Area.id == CourierArea.area_id)
        .where(Area.deleted_at.is_(None))
        .order_by(CourierArea.valid_from, CourierArea.id)
    )
    if courier_ids is not None:
        stmt = stmt.where(CourierArea.courier_id.in_(list(courier_ids)))
    out: dict[int, list[CourierAreaView]] = defaultdict(list)
    for link, area_name in session.execute(stmt):
        out[link.courier_id].append(CourierAreaView(link.id, link.area_id, area_name, link.valid_from, link.valid_to))
    return out


def _stand_in_views(session: Session, *where: object) -> list[StandInView]:
    who, whom = aliased(Courier), aliased(Courier)
    stmt = (
        select(StandIn, who.name, whom.name)
        .join(who, who.id == StandIn.courier_id)
        .join(whom, whom.id == StandIn.for_courier_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(StandIn.date_from, StandIn.id)
    )
    return [
        StandInView(s.id, s.courier_id, name, s.for_courier_id, for_name, s.date_from, s.date_to)
        for s, name, for_name in session.execute(stmt)
    ]


def _view(
    courier: Courier,
    areas: dict[int, list[CourierAreaView]],
    stand_ins: dict[int, list[StandInView]],
    covered_by: dict[int, list[StandInView]],
) -> CourierView:
    return CourierView(
        id=courier.id,
        name=courier.name,
        staff_no=courier.staff_no,
        phone=courier.phone,
        active=courier.active,
        areas=areas.get(courier.id, []),
        stand_ins=stand_ins.get(courier.id, []),
        version=courier.version,
        covered_by=covered_by.get(courier.id, []),
    )


def _views(session: Session, couriers: list[Courier]) -> list[CourierView]:
    ids = [c.id for c in couriers]
    areas = _areas_by_courier(session, ids)
    stand_ins: dict[int, list[StandInView]] = defaultdict(list)
    covered_by: dict[int, list[StandInView]] = defaultdict(list)
    for s in _stand_in_views(session, StandIn.courier_id.in_(ids) | StandIn.for_courier_id.in_(ids)):
        stand_ins[s.courier_id].append(s)
        covered_by[s.for_courier_id].append(s)
    return [_view(c, areas, stand_ins, covered_by) for c in couriers]


def list_courier_views(session: Session, query: str = "", include_inactive: bool = False) -> list[CourierView]:
    """Couriers by pinyin, then name; `query` matches name, initials, staff number, phone and area names."""
    stmt = select(Courier).order_by(Courier.pinyin, Courier.name, Courier.id)
    if not include_inactive:
        stmt = stmt.where(Courier.active.is_(True))
    couriers = list(session.scalars(stmt))
    q = Query(query)
    return [
        view
        for courier, view in zip(couriers, _views(session, couriers), strict=True)
        if q.matches(
            (view.name, *(a.area_name for a in view.areas)),
            pinyin=courier.pinyin,
            phones=(view.phone,),
            codes=(view.staff_no,),
        )
    ]


def _courier(session: Session, courier_id: int) -> Courier:
    courier = session.get(Courier, courier_id, populate_existing=True)
    if courier is None:
        raise NotFoundError("not_found", what="快递员", key=courier_id)
    return courier


def get_courier(session: Session, courier_id: int) -> CourierView:
    return _views(session, [_courier(session, courier_id)])[0]


def save_courier(
    session: Session,
    form: CourierForm,
    *,
    actor: Actor,
    courier_id: int | None = None,
    version: int | None = None,
) -> CourierView:
    """Add a courier (`courier_id` None) or change one read at `version`. Staff numbers are unique."""
    name, staff_no, phone = clean(form.name), clean(form.staff_no), clean(form.phone)
    problems: dict[str, str] = {}
    if name is None:
        problems["name"] = "required"
    check_length(problems, "name", name, 40)
    check_length(problems, "staff_no", staff_no, 20)
    check_length(problems, "phone", phone, 40)
    check_phone(problems, "phone", phone)
    if staff_no is not None:
        holder = session.scalar(select(Courier.id).where(Courier.staff_no == staff_no))
        if holder is not None and holder != courier_id:
            problems["staff_no"] = "staff_no_taken"
    if problems:
        raise ValidationError(fields=problems)
    assert name is not None
    if courier_id is None:
        courier, before = Courier(name=name), None
        session.add(courier)
    else:
        courier = _courier(session, courier_id)
        check_version(session, "courier", courier.id, courier.version, version)
        before = (courier.name, courier.staff_no, courier.phone, courier.active)
    courier.name, courier.pinyin = name, initials(name)[:40]
    courier.staff_no, courier.phone, courier.active = staff_no, phone, form.active
    flush(session)
    after = (courier.name, courier.staff_no, courier.phone, courier.active)
    changes = {
        key: (old, new)
        for key, old, new in zip(("name", "staff_no", "phone", "active"), before or (None,) * 4, after, strict=True)
        if before is None or old != new
    }
    audit.record(session, actor, "courier", courier.id, "add" if before is None else "update", changes)
    return get_courier(session, courier.id)


def _check_dates(start: date | None, end: date | None, field_name: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(fields={field_name: "date_order"})


def _overlap(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    return (a_from or date.min) <= (b_to or date.max) and (b_from or date.min) <= (a_to or date.max)


def assign_area(
    session: Session,
    courier_id: int,
    area_id: int,
    *,
    valid_from: date | None = None,
    valid_to: date | None = None,
    actor: Actor,
) -> CourierAreaView:
    """Make a courier cover an area from `valid_from` to `valid_to` (inclusive; None: open-ended)."""
    courier = _courier(session, courier_id)
    area = session.get(Area, area_id)
    if area is None or area.deleted_at is not None:
        raise NotFoundError("not_found", what="片区", key=area_id)
    _check_dates(valid_from, valid_to, "valid_to")
    existing = session.scalars(
        select(CourierArea).where(CourierArea.courier_id == courier.id, CourierArea.area_id == area.id)
    )
    if any(_overlap(valid_from, valid_to, e.valid_from, e.valid_to) for e in existing):
        raise ValidationError(fields={"area_id": "assignment_overlap"})
    link = CourierArea(courier_id=courier.id, area_id=area.id, valid_from=valid_from, valid_to=valid_to)
    session.add(link)
    flush(session)
    audit.record(
        session,
        actor,
        "courier",
        courier.id,
        "assign_area",
        {"area": area.name, "valid_from": valid_from, "valid_to": valid_to},
    )
    return CourierAreaView(link.id, area.id, area.name, valid_from, valid_to)


def remove_area(session: Session, assignment_id: int, *, actor: Actor) -> None:
    link = session.get(CourierArea, assignment_id)
    if link is None:
        raise NotFoundError("not_found", what="片区分配", key=assignment_id)
    area = session.get(Area, link.area_id)
    audit.record(
        session,
        actor,
        "courier",
        link.courier_id,
        "remove_area",
        {"area": area.name if area else link.area_id, "valid_from": link.valid_from, "valid_to": link.valid_to},
    )
    session.delete(link)
    flush(session)


def add_stand_in(
    session: Session, courier_id: int, for_courier_id: int, date_from: date, date_to: date, *, actor: Actor
) -> StandInView:
    """`courier_id` covers `for_courier_id`'s areas from `date_from` to `date_to` (inclusive)."""
    who, whom = _courier(session, courier_id), _courier(session, for_courier_id)
    if who.id == whom.id:
        raise ValidationError(fields={"courier_id": "stand_in_self"})
    _check_dates(date_from, date_to, "date_to")
    taken = session.scalar(
        select(StandIn.id).where(
            StandIn.for_courier_id == whom.id, StandIn.date_from <= date_to, StandIn.date_to >= date_from
        )
    )
    if taken is not None:
        raise ValidationError(fields={"date_from": "stand_in_overlap"})
    row = StandIn(courier_id=who.id, for_courier_id=whom.id, date_from=date_from, date_to=date_to)
    session.add(row)
    flush(session)
    audit.record(
        session,
        actor,
        "courier",
        whom.id,
        "add_stand_in",
        {"stand_in": who.name, "date_from": date_from, "date_to": date_to},
    )
    return StandInView(row.id, who.id, who.name, whom.id, whom.name, date_from, date_to)


def remove_stand_in(session: Session, stand_in_id: int, *, actor: Actor) -> None:
    row = session.get(StandIn, stand_in_id)
    if row is None:
        raise NotFoundError("not_found", what="替班", key=stand_in_id)
    audit.record(
        session,
        actor,
        "courier",
        row.for_courier_id,
        "remove_stand_in",
        {"stand_in_id": row.courier_id, "date_from": row.date_from, "date_to": row.date_to},
    )
    session.delete(row)
    flush(session)


def covering(session: Session, area_id: int, day: date) -> list[Coverage]:
    """Who delivers in the area on `day`: its active couriers then, most recently assigned first, each replaced
    by the courier standing in for them that day (an inactive stand-in is ignored)."""
    area = session.get(Area, area_id)
    if area is None or area.deleted_at is not None:
        raise NotFoundError("not_found", what="片区", key=area_id)
    rows = session.execute(
        select(CourierArea.id, CourierArea.valid_from, Courier.id, Courier.name, Courier.phone)
        .join(Courier, Courier.id == CourierArea.courier_id)
        .where(
            CourierArea.area_id == area_id,
            Courier.active.is_(True),
            (CourierArea.valid_from.is_(None)) | (CourierArea.valid_from <= day),
            (CourierArea.valid_to.is_(None)) | (CourierArea.valid_to >= day),
        )
    ).all()
    regulars = sorted(rows, key=lambda r: (r[1] or date.min, r[0]), reverse=True)
    substitutes: dict[int, tuple[int, str, str | None]] = {}
    stand_in_rows = session.execute(
        select(StandIn.for_courier_id, Courier.id, Courier.name, Courier.phone)
        .join(Courier, Courier.id == StandIn.courier_id)
        .where(
            StandIn.for_courier_id.in_([r[2] for r in regulars]),
            StandIn.date_from <= day,
            StandIn.date_to >= day,
            Courier.active.is_(True),
        )
        .order_by(StandIn.id)
    ).all()
    for for_id, sub_id, sub_name, sub_phone in stand_in_rows:
        substitutes[for_id] = (sub_id, sub_name, sub_phone)  # the latest entry wins
    out: list[Coverage] = []
    seen: set[int] = set()
    for _link, _from, regular_id, regular_name, regular_phone in regulars:
        sub = substitutes.get(regular_id)
        courier_id, name, phone = sub if sub else (regular_id, regular_name, regular_phone)
        if courier_id not in seen:
            seen.add(courier_id)
            out.append(Coverage(courier_id, name, phone, sub is not None, regular_id, regular_name))
    return out
