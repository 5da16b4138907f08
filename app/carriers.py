"""Carriers as stored: the pattern table the outlet may edit, and waybill records found or made from numbers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.phones import parse_phone
from app.waybills import CarrierSpec, ParsedWaybill, parse_waybill
from db.models import Carrier, Waybill


def carrier_specs(session: Session) -> tuple[tuple[CarrierSpec, ...], tuple[str, ...]]:
    """The active pattern table and the outlet's own carriers (which break ties between numeric forms)."""
    rows = session.scalars(select(Carrier).where(Carrier.active.is_(True)).order_by(Carrier.sort_order)).all()
    specs = tuple(
        CarrierSpec(code=c.code, name=c.name, hotline=c.hotline or "", patterns=tuple(c.patterns)) for c in rows
    )
    return specs, tuple(c.code for c in rows if c.ours)


def parse(session: Session, text: str) -> ParsedWaybill:
    specs, preferred = carrier_specs(session)
    parsed = parse_waybill(text, specs, preferred)
    if parsed is None:
        raise ValidationError("bad_waybill", fields={"waybill_no": "bad_waybill"}, value=text)
    return parsed


def carrier_id(session: Session, code: str | None) -> int | None:
    if not code:
        return None
    return session.scalar(select(Carrier.id).where(Carrier.code == code))


def find_or_create_waybill(
    session: Session,
    number: str,
    *,
    carrier_code: str | None = None,
    recipient_name: str | None = None,
    recipient_phone: str | None = None,
    recipient_address: str | None = None,
) -> Waybill:
    """The waybill row for a number, created when new; the carrier is detected unless given."""
    parsed = parse(session, number)
    waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == parsed.number))
    if waybill is None:
        code = carrier_code or (parsed.candidates[0].code if parsed.candidates else None)
        waybill = Waybill(waybill_no=parsed.number, carrier_id=carrier_id(session, code))
        session.add(waybill)
    if recipient_name and not waybill.recipient_name:
        waybill.recipient_name = recipient_name
    if recipient_address and not waybill.recipient_address:
        waybill.recipient_address = recipient_address
    if recipient_phone and not waybill.recipient_phone:
        info = parse_phone(recipient_phone)
        waybill.recipient_phone = recipient_phone
        waybill.recipient_phone_tail = info.tail if info else None
        waybill.recipient_phone_ext = info.ext if info else None
    session.flush()
    return waybill
