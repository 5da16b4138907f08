"""The directory's own sheets written through the directory services (`app.directory`), inside the import's one
transaction: each row in a savepoint of its own, so a row the services refuse is rejected whole (with the
service's reason under the header of the column at fault) and the rest go in.

Upserts, so the same file twice creates nothing and changes nothing, and a blank cell never erases:
- areas by name; places by (area, name) — a row with a place name is a place, one without is an area, and the
  areas are written first so a place may name an area listed further down the same sheet;
- couriers by staff number, else by name (`directory_couriers`);
- outlets by (kind, carrier, name); a row without a kind matches the one outlet of that carrier and name;
- contacts by name and phone; a row whose phone is new updates the one contact of that name.
Kinds are read as the Chinese label or the code (小区 / compound); lists (关键词, 负责事项, 标记) are split the
way the directory's forms split them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.actor import Actor
from app.directory.outlets import (
    OUTLET_KINDS,
    ContactForm,
    ContactView,
    OutletForm,
    OutletView,
    list_contacts,
    list_outlets,
    save_contact,
    save_outlet,
)
from app.directory.places import (
    PLACE_KINDS,
    AreaForm,
    AreaView,
    PlaceForm,
    PlaceView,
    list_areas,
    list_places,
    save_area,
    save_place,
    split_keywords,
)
from app.errors import ConflictError, NotFoundError, ValidationError
from app.imports.checking import Record, Rejected
from app.imports.references import References, fold
from app.imports.values import ValueProblem
from app.messages import text
from app.progress import Ticker

Form = TypeVar("Form")
_PLACE_ONLY = ("kind", "address", "phone", "flags")  # cells that make sense only on a place row
_OUTLET_ALIASES = {"分拨中心": "transit_centre", "中转中心": "transit_centre", "分拨": "transit_centre"}
# the services' form fields -> the import field whose column is at fault
_FORM_FIELDS = {
    "area_id": "area",
    "carrier_code": "carrier",
    "valid_to": "areas",
    "date_from": "stand_ins",
    "date_to": "stand_ins",
    "courier_id": "stand_ins",
}


class Refused(Exception):
    """A row this writer cannot take: which field's column is at fault and the message code saying why."""

    def __init__(self, field_name: str | None, code: str, **params: Any) -> None:
        super().__init__(code)
        self.field_name, self.code, self.params = field_name, code, params


@dataclass
class DirectoryOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass
class Rows:
    """What every directory writer needs: the session, who is importing, the header of each field's column, and
    the outcome being counted."""

    session: Session
    actor: Actor
    headers: Mapping[str, str | None]  # field name -> header text of its column
    lang: str
    outcome: DirectoryOutcome = field(default_factory=DirectoryOutcome)

    def rejection(self, record: Record, problem: Exception, name: str | None = None) -> Rejected:
        """The row's rejection for a refusal, a cell that does not read, or a service's ValidationError."""
        if isinstance(problem, Refused):
            return Rejected(
                record.row, self.header(problem.field_name), text(problem.code, self.lang, **problem.params)
            )
        if isinstance(problem, ValueProblem):
            return Rejected(record.row, self.header(name), problem.message(self.lang))
        if isinstance(problem, ValidationError) and problem.fields:
            form_field, code = next(iter(problem.fields.items()))
            return Rejected(record.row, self.header(_FORM_FIELDS.get(form_field, form_field)), text(code, self.lang))
        assert isinstance(problem, ValidationError | ConflictError | NotFoundError)
        return Rejected(record.row, None, problem.message(self.lang))

    def header(self, name: str | None) -> str | None:
        return self.headers.get(name) if name else None

    def attempt(self, record: Record, write: Callable[[], str]) -> str | None:
        """Run one row's writes in a savepoint; its status ("created", "updated", "unchanged"), or None when the
        row was refused (its writes undone and the reason recorded)."""
        try:
            with self.session.begin_nested():
                status = write()
        except (Refused, ValueProblem, ValidationError, ConflictError, NotFoundError) as problem:
            self.outcome.rejected.append(self.rejection(record, problem))
            return None
        self.outcome.count(status)
        return status


def write_directory_rows(
    session: Session,
    target: str,
    records: Sequence[Record],
    refs: References,
    *,
    headers: Mapping[str, str | None],
    actor: Actor,
    lang: str,
    ticker: Ticker,
) -> DirectoryOutcome:
    """Write one directory sheet's checked rows; the counts and the rows refused."""
    from app.imports.directory_couriers import write_couriers  # it builds on this module's Rows and Refused

    rows = Rows(session, actor, headers, lang)
    if target == "couriers":
        write_couriers(rows, records, ticker)
    elif target == "areas":
        _write_areas(rows, records, ticker)
    elif target == "outlets":
        _write_outlets(rows, records, refs, ticker)
    else:
        _write_contacts(rows, records, ticker)
    return rows.outcome


def merged(old: Form, changes: Mapping[str, Any]) -> Form:
    """The form with every non-blank cell of the row laid over it: a blank cell never erases."""
    return replace(old, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[type-var]


def words(value: str | None) -> tuple[str, ...] | None:
    return split_keywords(value) if value is not None else None


def choice(
    given: str | None, kinds: Mapping[str, str], name: str, aliases: Mapping[str, str] | None = None
) -> str | None:
    """A kind written as its code or its Chinese label; None for a blank cell."""
    if given is None:
        return None
    folded = fold(given)
    for code, label in kinds.items():
        if folded in (fold(code), fold(label)):
            return code
    if aliases and folded in aliases:
        return aliases[folded]
    raise Refused(name, "import_kind_unknown", value=given, kinds="、".join(kinds.values()))


# --- areas and places ------------------------------------------------------------------------------------------


def _write_areas(rows: Rows, records: Sequence[Record], ticker: Ticker) -> None:
    areas = {fold(a.name): a for a in list_areas(rows.session)}
    places = {(p.area_id, fold(p.name)): p for p in list_places(rows.session)}
    ordered = [r for r in records if r.values.get("place") is None] + [
        r for r in records if r.values.get("place") is not None
    ]
    for done, record in enumerate(ordered, 1):
        v = record.values
        if v.get("place") is None:
            rows.attempt(record, partial(_area, rows, areas, v))
        else:
            rows.attempt(record, partial(_place, rows, areas, places, v))
        ticker.tick(done)


def _area(rows: Rows, areas: dict[str, AreaView], v: Mapping[str, Any]) -> str:
    stray = next((name for name in _PLACE_ONLY if v.get(name) is not None), None)
    if stray is not None:  # a place's cells without the place's name
        raise Refused("place", "import_required_missing", field="地点")
    found = areas.get(fold(v["area"]))
    changes = {"keywords": words(v.get("keywords")), "notes": v.get("notes")}
    if found is None:
        view = save_area(rows.session, merged(AreaForm(v["area"]), changes), actor=rows.actor)
        areas[fold(view.name)] = view
        return "created"
    old = AreaForm(found.name, tuple(found.keywords), found.notes)
    new = merged(old, changes)
    if new == old:
        return "unchanged"
    areas[fold(found.name)] = save_area(rows.session, new, actor=rows.actor, area_id=found.id, version=found.version)
    return "updated"


def _place(
    rows: Rows, areas: dict[str, AreaView], places: dict[tuple[int | None, str], PlaceView], v: Mapping[str, Any]
) -> str:
    area_id: int | None = None
    if v.get("area") is not None:
        area = areas.get(fold(v["area"]))
        if area is None:
            raise Refused("area", "import_area_unknown", name=v["area"])
        area_id = area.id
    changes = {
        "kind": choice(v.get("kind"), PLACE_KINDS, "kind"),
        "address": v.get("address"),
        "keywords": words(v.get("keywords")),
        "phone": v.get("phone"),
        "notes": v.get("notes"),
        "flags": words(v.get("flags")),
    }
    key = (area_id, fold(v["place"]))
    found = places.get(key)
    if found is None:
        if changes["kind"] is None:
            raise Refused("kind", "import_place_kind_missing", kinds="、".join(PLACE_KINDS.values()))
        form = merged(PlaceForm(kind="", name=v["place"], area_id=area_id), changes)
        places[key] = save_place(rows.session, form, actor=rows.actor)
        return "created"
    old = PlaceForm(
        kind=found.kind,
        name=found.name,
        area_id=found.area_id,
        address=found.address,
        keywords=tuple(found.keywords),
        phone=found.phone,
        notes=found.notes,
        flags=tuple(found.flags),
    )
    new = merged(old, changes)
    if new == old:
        return "unchanged"
    places[key] = save_place(rows.session, new, actor=rows.actor, place_id=found.id, version=found.version)
    return "updated"


# --- outlets and contacts --------------------------------------------------------------------------------------


def _write_outlets(rows: Rows, records: Sequence[Record], refs: References, ticker: Ticker) -> None:
    outlets = list_outlets(rows.session)
    for done, record in enumerate(records, 1):
        rows.attempt(record, partial(_outlet, rows, outlets, refs, record.values))
        ticker.tick(done)


def _outlet(rows: Rows, outlets: list[OutletView], refs: References, v: Mapping[str, Any]) -> str:
    kind = choice(v.get("kind"), OUTLET_KINDS, "kind", _OUTLET_ALIASES)
    carrier: str | None = None
    if v.get("carrier") is not None:
        carrier = refs.carrier_code(v["carrier"], "")
        if carrier is None:
            raise Refused("carrier", "import_carrier_unknown", value=v["carrier"])
    name = fold(v["name"])
    same = [o for o in outlets if fold(o.name) == name and o.carrier == carrier and kind in (None, o.kind)]
    changes = {key: v.get(key) for key in ("code", "phone", "contact", "region", "notes")}
    if len(same) > 1:  # a counterpart and a transit centre of one name: only the kind can say which
        raise Refused("kind", "import_required_missing", field="类型")
    if not same:
        form = merged(OutletForm(kind=kind or "counterpart", name=v["name"], carrier_code=carrier), changes)
        outlets.append(save_outlet(rows.session, form, actor=rows.actor))
        return "created"
    found = same[0]
    old = OutletForm(
        kind=found.kind,
        name=found.name,
        carrier_code=found.carrier,
        code=found.code,
        phone=found.phone,
        contact=found.contact,
        region=found.region,
        notes=found.notes,
    )
    new = merged(old, changes)
    if new == old:
        return "unchanged"
    view = save_outlet(rows.session, new, actor=rows.actor, outlet_id=found.id, version=found.version)
    outlets[outlets.index(found)] = view
    return "updated"


def _write_contacts(rows: Rows, records: Sequence[Record], ticker: Ticker) -> None:
    contacts = list_contacts(rows.session)
    for done, record in enumerate(records, 1):
        rows.attempt(record, partial(_contact, rows, contacts, record.values))
        ticker.tick(done)


def _contact(rows: Rows, contacts: list[ContactView], v: Mapping[str, Any]) -> str:
    named = [c for c in contacts if fold(c.name) == fold(v["name"])]
    phone = v.get("phone")
    exact = [c for c in named if phone is not None and fold(c.phone) == fold(phone)]
    if exact or len(named) == 1:  # a new phone for the one contact of that name is a change, not a new contact
        found: ContactView | None = (exact or named)[0]
    elif named and phone is None:
        raise Refused("name", "import_contact_shared", name=v["name"])
    else:  # nobody of that name, or several and none with this phone
        found = None
    changes = {
        "role": v.get("role"),
        "phone": phone,
        "handles": words(v.get("handles")),
        "notes": v.get("notes"),
        "active": v.get("active"),
    }
    if found is None:
        contacts.append(save_contact(rows.session, merged(ContactForm(name=v["name"]), changes), actor=rows.actor))
        return "created"
    old = ContactForm(
        name=found.name,
        role=found.role,
        phone=found.phone,
        handles=tuple(found.handles),
        notes=found.notes,
        active=found.active,
    )
    new = merged(old, changes)
    if new == old:
        return "unchanged"
    contacts[contacts.index(found)] = save_contact(rows.session, new, actor=rows.actor, contact_id=found.id)
    return "updated"
