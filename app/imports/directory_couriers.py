"""Couriers from the directory's 快递员 sheet: the courier by staff number (else by name), then the areas they cover
and the stand-ins they do, each given as one cell (`directory_cells`).

A filled 负责片区 or 替班 cell is the courier's whole list: entries it does not hold are removed and new ones
added (so a changed end date is an update, not a second assignment); a blank cell leaves the lists alone.

A stand-in may name a courier listed further down the file, so every courier is written before any stand-in. When
a stand-in cannot be made (its courier unknown, or refused by the directory), the whole attempt is rolled back and
run again without that row: a rejected row leaves nothing behind, and the rows that point at it are rejected in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypeVar

from app.directory.couriers import (
    CourierForm,
    CourierView,
    add_stand_in,
    assign_area,
    list_courier_views,
    remove_area,
    remove_stand_in,
    save_courier,
)
from app.directory.places import list_areas
from app.errors import ConflictError, NotFoundError, ValidationError
from app.imports.checking import Record, Rejected
from app.imports.directory_cells import AreaSpan, StandInSpan, parse_areas, parse_stand_ins
from app.imports.directory_rows import DirectoryOutcome, Refused, Rows, merged
from app.imports.references import fold
from app.imports.values import ValueProblem
from app.progress import Ticker

Span = TypeVar("Span", AreaSpan, StandInSpan)


@dataclass(frozen=True)
class _Plan:
    """One row read and checked against the directory, before anything is written."""

    record: Record
    areas: tuple[tuple[int, AreaSpan], ...] | None  # (area id, span); None: the cell was blank
    stand_ins: tuple[StandInSpan, ...] | None


def write_couriers(rows: Rows, records: Sequence[Record], ticker: Ticker) -> None:
    excluded: list[Rejected] = []
    plans: list[_Plan] = []
    area_ids = {fold(a.name): a.id for a in list_areas(rows.session)}
    for record in records:
        try:
            plans.append(_plan(record, area_ids))
        except Refused as refused:
            excluded.append(rows.rejection(record, refused))
    while True:
        out = {r.row for r in excluded}
        attempt = rows.session.begin_nested()
        rows.outcome = DirectoryOutcome()
        failed = _run(rows, [p for p in plans if p.record.row not in out], ticker)
        if not failed:
            attempt.commit()
            rows.outcome.rejected = sorted([*excluded, *rows.outcome.rejected], key=lambda r: r.row)
            return
        attempt.rollback()  # each round drops at least one row, so this ends
        excluded.extend(failed)


def _plan(record: Record, area_ids: dict[str, int]) -> _Plan:
    v = record.values
    areas: tuple[tuple[int, AreaSpan], ...] | None = None
    stand_ins: tuple[StandInSpan, ...] | None = None
    if v.get("areas") is not None:
        found: list[tuple[int, AreaSpan]] = []
        for span in _parsed(parse_areas, v["areas"], "areas"):
            area_id = area_ids.get(fold(span.area))
            if area_id is None:
                raise Refused("areas", "import_area_unknown", name=span.area)
            found.append((area_id, span))
        areas = tuple(found)
    if v.get("stand_ins") is not None:
        stand_ins = _parsed(parse_stand_ins, v["stand_ins"], "stand_ins")
    return _Plan(record, areas, stand_ins)


def _parsed(parse: Callable[[str], tuple[Span, ...]], cell: str, name: str) -> tuple[Span, ...]:
    try:
        return parse(cell)
    except ValueProblem as problem:
        raise Refused(name, problem.code, **problem.params) from None


def _run(rows: Rows, plans: Sequence[_Plan], ticker: Ticker) -> list[Rejected]:
    """One attempt: every courier with their areas (a savepoint per row), then every stand-in. Returns the rows
    the stand-in pass refused; the attempt stands only when there are none."""
    couriers = list_courier_views(rows.session, include_inactive=True)
    ids: dict[int, int] = {}  # row -> courier id
    statuses: dict[int, str] = {}
    for done, plan in enumerate(plans, 1):
        status = rows.attempt(plan.record, partial(_courier, rows, couriers, ids, plan))
        if status is not None:
            statuses[plan.record.row] = status
        ticker.tick(done)
    failed: list[Rejected] = []
    everyone = list_courier_views(rows.session, include_inactive=True)
    for plan in plans:
        row = plan.record.row
        if plan.stand_ins is None or row not in statuses:
            continue
        try:
            with rows.session.begin_nested():
                changed = _stand_ins(rows, everyone, ids[row], plan.stand_ins)
        except (Refused, ValidationError, ConflictError, NotFoundError) as problem:
            failed.append(rows.rejection(plan.record, problem))
            continue
        if changed and statuses[row] == "unchanged":
            rows.outcome.unchanged -= 1
            rows.outcome.updated += 1
    return failed


def _find(couriers: Sequence[CourierView], v: Mapping[str, Any]) -> CourierView | None:
    """The courier of a row: by staff number; else by name among those without one (a name two share refuses)."""
    staff_no = v.get("staff_no")
    if staff_no is not None:
        numbered = [c for c in couriers if c.staff_no is not None and fold(c.staff_no) == fold(staff_no)]
        if numbered:
            return numbered[0]
    named = [c for c in couriers if fold(c.name) == fold(v["name"]) and (staff_no is None or c.staff_no is None)]
    if len(named) > 1:
        raise Refused("name", "import_courier_shared", name=v["name"])
    return named[0] if named else None


def _courier(rows: Rows, couriers: list[CourierView], ids: dict[int, int], plan: _Plan) -> str:
    v = plan.record.values
    found = _find(couriers, v)
    changes = {key: v.get(key) for key in ("name", "staff_no", "phone", "active")}
    if found is None:
        view = save_courier(rows.session, merged(CourierForm(name=v["name"]), changes), actor=rows.actor)
        status = "created"
    else:
        old = CourierForm(found.name, found.staff_no, found.phone, found.active)
        new = merged(old, changes)
        view, status = found, "unchanged"
        if new != old:
            view = save_courier(rows.session, new, actor=rows.actor, courier_id=found.id, version=found.version)
            status = "updated"
    if plan.areas is not None and _areas(rows, view, plan.areas) and status == "unchanged":
        status = "updated"
    # only now, with every write of the row done: a refused row must leave no trace in what later rows match
    if found is None:
        couriers.append(view)
    else:
        couriers[couriers.index(found)] = view
    ids[plan.record.row] = view.id
    return status


def _areas(rows: Rows, courier: CourierView, wanted: Sequence[tuple[int, AreaSpan]]) -> bool:
    """Make the courier's areas exactly the cell's list; True when anything changed."""
    current = {(a.area_id, a.valid_from, a.valid_to): a.id for a in courier.areas}
    want = {(area_id, span.start, span.end) for area_id, span in wanted}
    for key, link_id in current.items():
        if key not in want:
            remove_area(rows.session, link_id, actor=rows.actor)
    for area_id, start, end in sorted(want - current.keys(), key=_order):
        assign_area(rows.session, courier.id, area_id, valid_from=start, valid_to=end, actor=rows.actor)
    return want != current.keys()


def _stand_ins(rows: Rows, everyone: Sequence[CourierView], courier_id: int, spans: Sequence[StandInSpan]) -> bool:
    """Make the stand-ins this courier does exactly the cell's list; True when anything changed."""
    me = next(c for c in everyone if c.id == courier_id)
    want = {(_whom(everyone, span.who).id, span.start, span.end) for span in spans}
    current = {(s.for_courier_id, s.date_from, s.date_to): s.id for s in me.stand_ins}
    for key, stand_in_id in current.items():
        if key not in want:
            remove_stand_in(rows.session, stand_in_id, actor=rows.actor)
    for whom, start, end in sorted(want - current.keys(), key=_order):
        add_stand_in(rows.session, courier_id, whom, start, end, actor=rows.actor)
    return want != current.keys()


def _whom(everyone: Sequence[CourierView], who: str) -> CourierView:
    """The courier a stand-in names: by staff number, else by a name nobody else has."""
    numbered = [c for c in everyone if c.staff_no is not None and fold(c.staff_no) == fold(who)]
    named = numbered or [c for c in everyone if fold(c.name) == fold(who)]
    if len(named) > 1:
        raise Refused("stand_ins", "import_courier_shared", name=who)
    if not named:
        raise Refused("stand_ins", "import_stand_in_unknown", name=who)
    return named[0]


def _order(key: tuple[int, date | None, date | None]) -> tuple[int, date, date]:
    return key[0], key[1] or date.min, key[2] or date.max
