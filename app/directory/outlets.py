"""Who else the clerk calls: counterpart outlets, transit centres and upstream companies per carrier, the
outlet's internal contacts with what they handle, and the carriers' hotlines (prefilled by the seed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.directory.matching import Query
from app.directory.records import check_length, check_phone, check_version, clean, clean_list, flush
from app.errors import NotFoundError, ValidationError
from app.imports.references import fold
from app.pinyin import initials
from db.models import Carrier, Contact, Outlet

OUTLET_KINDS: dict[str, str] = {"counterpart": "对方网点", "transit_centre": "转运中心", "upstream": "上级公司"}
HANDLES: tuple[str, ...] = ("理赔", "仲裁", "车辆", "站长", "财务", "客服主管")  # suggestions; free text allowed
_HOTLINE = re.compile(r"\d[\d-]{2,19}")


@dataclass(frozen=True)
class OutletView:
    id: int
    kind: str
    kind_label: str
    carrier: str | None  # carrier code
    carrier_name: str | None
    name: str
    code: str | None
    phone: str | None
    contact: str | None
    region: str | None
    notes: str | None
    version: int


@dataclass(frozen=True)
class OutletForm:
    kind: str
    name: str
    carrier_code: str | None = None
    code: str | None = None
    phone: str | None = None
    contact: str | None = None
    region: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ContactView:
    id: int
    name: str
    role: str | None
    phone: str | None
    handles: list[str]
    notes: str | None
    active: bool


@dataclass(frozen=True)
class ContactForm:
    name: str
    role: str | None = None
    phone: str | None = None
    handles: tuple[str, ...] = ()
    notes: str | None = None
    active: bool = True


@dataclass(frozen=True)
class HotlineView:
    carrier: str
    name: str
    hotline: str | None


def _outlet_view(outlet: Outlet, carrier: Carrier | None) -> OutletView:
    return OutletView(
        id=outlet.id,
        kind=outlet.kind,
        kind_label=OUTLET_KINDS.get(outlet.kind, outlet.kind),
        carrier=carrier.code if carrier else None,
        carrier_name=carrier.name if carrier else None,
        name=outlet.name,
        code=outlet.code,
        phone=outlet.phone,
        contact=outlet.contact,
        region=outlet.region,
        notes=outlet.notes,
        version=outlet.version,
    )


def list_outlets(
    session: Session, query: str = "", kind: str | None = None, carrier: str | None = None
) -> list[OutletView]:
    """Outlets by kind, carrier, then pinyin; `query` matches name, initials, code, phone, contact, region,
    notes and the carrier's name."""
    stmt = select(Outlet, Carrier).outerjoin(Carrier, Carrier.id == Outlet.carrier_id)
    if kind is not None:
        stmt = stmt.where(Outlet.kind == kind)
    if carrier is not None:
        stmt = stmt.where(Carrier.code == carrier)
    stmt = stmt.order_by(Outlet.kind, Carrier.sort_order, Outlet.pinyin, Outlet.name, Outlet.id)
    q = Query(query)
    return [
        _outlet_view(outlet, c)
        for outlet, c in session.execute(stmt)
        if q.matches(
            (outlet.name, outlet.contact, outlet.region, outlet.notes, c.name if c else None),
            pinyin=outlet.pinyin,
            phones=(outlet.phone,),
            codes=(outlet.code,),
        )
    ]


def _carrier(session: Session, code: str | None) -> Carrier | None:
    return session.scalar(select(Carrier).where(Carrier.code == code)) if code else None


def save_outlet(
    session: Session,
    form: OutletForm,
    *,
    actor: Actor,
    outlet_id: int | None = None,
    version: int | None = None,
) -> OutletView:
    """Add an outlet (`outlet_id` None) or change one read at `version`. A code is unique per carrier."""
    values = {key: clean(getattr(form, key)) for key in ("name", "code", "phone", "contact", "region", "notes")}
    problems: dict[str, str] = {}
    if form.kind not in OUTLET_KINDS:
        problems["kind"] = "outlet_kind_unknown"
    if values["name"] is None:
        problems["name"] = "required"
    for key, limit in (("name", 80), ("code", 40), ("phone", 40), ("contact", 40), ("region", 80)):
        check_length(problems, key, values[key], limit)
    check_phone(problems, "phone", values["phone"])
    carrier = _carrier(session, clean(form.carrier_code))
    if clean(form.carrier_code) and carrier is None:
        problems["carrier_code"] = "carrier_unknown"
    if values["code"] is not None:
        clash = session.scalar(
            select(Outlet.id).where(
                Outlet.code == values["code"],
                Outlet.carrier_id.is_(None) if carrier is None else Outlet.carrier_id == carrier.id,
                Outlet.id != (outlet_id or 0),
            )
        )
        if clash is not None:
            problems["code"] = "outlet_code_taken"
    if problems:
        raise ValidationError(fields=problems)
    if outlet_id is None:
        outlet, before = Outlet(kind=form.kind, name=values["name"]), None
        session.add(outlet)
    else:
        found = session.get(Outlet, outlet_id, populate_existing=True)
        if found is None:
            raise NotFoundError("not_found", what="网点", key=outlet_id)
        outlet = found
        check_version(session, "outlet", outlet.id, outlet.version, version)
        before = _outlet_view(outlet, session.get(Carrier, outlet.carrier_id) if outlet.carrier_id else None)
    outlet.kind, outlet.carrier_id = form.kind, carrier.id if carrier else None
    for key, value in values.items():
        setattr(outlet, key, value)
    outlet.pinyin = initials(outlet.name)[:80]
    flush(session)
    after = _outlet_view(outlet, carrier)
    changes = {
        key: (getattr(before, key) if before else None, value)
        for key, value in after.__dict__.items()
        if key not in ("id", "version", "kind_label", "carrier_name")
        and (before is None or getattr(before, key) != value)
    }
    audit.record(session, actor, "outlet", outlet.id, "add" if before is None else "update", changes)
    return after


def _contact_view(contact: Contact) -> ContactView:
    return ContactView(
        id=contact.id,
        name=contact.name,
        role=contact.role,
        phone=contact.phone,
        handles=list(contact.handles or ()),
        notes=contact.notes,
        active=contact.active,
    )


def list_contacts(
    session: Session, query: str = "", handles: str | None = None, *, active_only: bool = False
) -> list[ContactView]:
    """Contacts, active ones first, by pinyin; `handles` keeps those who handle that matter (理赔 …)."""
    stmt = select(Contact).order_by(Contact.active.desc(), Contact.pinyin, Contact.name, Contact.id)
    if active_only:
        stmt = stmt.where(Contact.active.is_(True))
    q = Query(query)
    wanted = fold(handles) if handles else None
    return [
        _contact_view(c)
        for c in session.scalars(stmt)
        if (wanted is None or any(fold(h) == wanted for h in c.handles or ()))
        and q.matches((c.name, c.role, *(c.handles or ()), c.notes), pinyin=c.pinyin, phones=(c.phone,))
    ]


def save_contact(session: Session, form: ContactForm, *, actor: Actor, contact_id: int | None = None) -> ContactView:
    """Add a contact (`contact_id` None) or change one; handles are trimmed and de-duplicated."""
    name, role, phone = clean(form.name), clean(form.role), clean(form.phone)
    problems: dict[str, str] = {}
    if name is None:
        problems["name"] = "required"
    for key, value in (("name", name), ("role", role), ("phone", phone)):
        check_length(problems, key, value, 40)
    check_phone(problems, "phone", phone)
    if problems:
        raise ValidationError(fields=problems)
    assert name is not None
    if contact_id is None:
        contact, before = Contact(name=name), None
        session.add(contact)
    else:
        found = session.get(Contact, contact_id)
        if found is None:
            raise NotFoundError("not_found", what="联系人", key=contact_id)
        contact, before = found, _contact_view(found)
    contact.name, contact.pinyin, contact.role, contact.phone = name, initials(name)[:40], role, phone
    contact.handles, contact.notes, contact.active = list(clean_list(form.handles)), clean(form.notes), form.active
    flush(session)
    after = _contact_view(contact)
    changes = {
        key: (getattr(before, key) if before else None, value)
        for key, value in after.__dict__.items()
        if key != "id" and (before is None or getattr(before, key) != value)
    }
    audit.record(session, actor, "contact", contact.id, "add" if before is None else "update", changes)
    return after


def list_hotlines(session: Session) -> list[HotlineView]:
    """Every carrier's customer-service hotline, in the outlet's carrier order."""
    rows = session.scalars(select(Carrier).order_by(Carrier.sort_order, Carrier.id))
    return [HotlineView(c.code, c.name, c.hotline) for c in rows]


def set_hotline(session: Session, carrier: str, hotline: str, *, actor: Actor) -> HotlineView:
    """Change a carrier's hotline; blank clears it."""
    row = _carrier(session, carrier)
    if row is None:
        raise NotFoundError("not_found", what="快递公司", key=carrier)
    value = fold(hotline) or None
    if value is not None and not _HOTLINE.fullmatch(value):
        raise ValidationError(fields={"hotline": "hotline_invalid"})
    if value != row.hotline:
        audit.record(session, actor, "carrier", row.id, "hotline", {"hotline": (row.hotline, value)})
        row.hotline = value
        flush(session)
    return HotlineView(row.code, row.name, row.hotline)
