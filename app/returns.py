"""Returns (退件): each parcel sent back with its return waybill, when it went, the earliest day it was allowed to
go, and when it came back — and our own parcels another outlet sent back before their earliest day, which the
outlet reports upstream within seven days of their coming back (the early-return report, 提前退回上报): reported
in time, the other outlet is fined instead of us; missed, the money is gone.

A return is started by the stuck-parcel log (`app.stuck.start_return`, guarded by the earliest return date) or by
an interception sent back (`app.intercepts.complete`); this module records the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.directory.records import clean, flush
from app.errors import NotFoundError, ValidationError
from app.waybills import normalise_waybill
from db.models import ReturnShipment, Waybill

ENTITY = "return"
REPORT_DAYS = 7  # an early return by another outlet is reported within this many days of coming back
NOTES_LIMIT = 500


@dataclass(frozen=True)
class ReturnView:
    id: int
    waybill_no: str
    return_waybill_no: str | None
    case_id: int | None
    sent_at: datetime | None
    earliest_allowed_on: date | None
    back_at: datetime | None
    early_by_other: bool
    reported_at: datetime | None
    notes: str | None

    @property
    def report_due_at(self) -> datetime | None:
        """When the early-return report is due; None when it is not one, or reported already."""
        if not self.early_by_other or self.reported_at is not None or self.back_at is None:
            return None
        return self.back_at + timedelta(days=REPORT_DAYS)


def _now() -> datetime:
    return datetime.now(UTC)


def _query() -> Select[ReturnShipment, str]:
    return select(ReturnShipment, Waybill.waybill_no).join(Waybill, Waybill.id == ReturnShipment.waybill_id)


def _view(shipment: ReturnShipment, number: str) -> ReturnView:
    return ReturnView(
        shipment.id,
        number,
        shipment.return_waybill_no,
        shipment.case_id,
        shipment.sent_at,
        shipment.earliest_allowed_on,
        shipment.back_at,
        shipment.early_by_other,
        shipment.reported_at,
        shipment.notes,
    )


def _load(session: Session, shipment_id: int) -> tuple[ReturnShipment, str]:
    row = session.execute(_query().where(ReturnShipment.id == shipment_id)).first()
    if row is None:
        raise NotFoundError("not_found", what="退件", key=shipment_id)
    return row[0], row[1]


def get_return(session: Session, shipment_id: int) -> ReturnView:
    return _view(*_load(session, shipment_id))


def list_returns(session: Session, *, on_the_way: bool = False, limit: int = 1000) -> list[ReturnView]:
    """Newest first; `on_the_way`: sent and not back yet."""
    query = _query().order_by(ReturnShipment.id.desc()).limit(limit)
    if on_the_way:
        query = query.where(ReturnShipment.sent_at.is_not(None), ReturnShipment.back_at.is_(None))
    return [_view(shipment, number) for shipment, number in session.execute(query)]


def mark_back(session: Session, shipment_id: int, *, actor: Actor, at: datetime | None = None) -> ReturnView:
    """The returned parcel is back at its sender's outlet."""
    shipment, number = _load(session, shipment_id)
    if shipment.back_at is not None:
        raise ValidationError("return_back_already", fields={"back_at": "return_back_already"})
    shipment.back_at = at or _now()
    flush(session)
    audit.record(session, actor, ENTITY, shipment.id, "back", {"back_at": shipment.back_at})
    return _view(shipment, number)


def record_early_return(
    session: Session,
    waybill_no: str,
    *,
    actor: Actor,
    back_at: datetime | None = None,
    return_waybill_no: str | None = None,
    notes: str | None = None,
) -> ReturnView:
    """One of our parcels came back: another outlet returned it before its earliest day. It goes on the
    early-return report, due REPORT_DAYS after it came back."""
    notes = clean(notes)
    if notes is not None and len(notes) > NOTES_LIMIT:
        raise ValidationError("text_too_long", fields={"notes": "text_too_long"})
    waybill = find_or_create_waybill(session, waybill_no)
    number = normalise_waybill(return_waybill_no or "") or None
    shipment = ReturnShipment(
        waybill_id=waybill.id,
        return_waybill_no=number,
        back_at=back_at or _now(),
        early_by_other=True,
        notes=notes,
    )
    session.add(shipment)
    flush(session)
    audit.record(session, actor, ENTITY, shipment.id, "early", {"waybill_no": waybill.waybill_no})
    return _view(shipment, waybill.waybill_no)


def report_early_return(session: Session, shipment_id: int, *, actor: Actor, at: datetime | None = None) -> ReturnView:
    """The early return was reported upstream: it leaves the report and the money-at-risk queue."""
    shipment, number = _load(session, shipment_id)
    if not shipment.early_by_other:
        raise ValidationError("return_not_early", fields={"reported_at": "return_not_early"})
    if shipment.reported_at is not None:
        raise ValidationError("return_reported_already", fields={"reported_at": "return_reported_already"})
    shipment.reported_at = at or _now()
    flush(session)
    audit.record(session, actor, ENTITY, shipment.id, "reported", {"reported_at": shipment.reported_at})
    return _view(shipment, number)


def early_return_report(session: Session) -> list[ReturnView]:
    """Our parcels returned early by others and not reported yet, the one whose report is due first on top."""
    query = (
        _query()
        .where(
            ReturnShipment.early_by_other.is_(True),
            ReturnShipment.reported_at.is_(None),
            ReturnShipment.back_at.is_not(None),
        )
        .order_by(ReturnShipment.back_at, ReturnShipment.id)
    )
    return [_view(shipment, number) for shipment, number in session.execute(query)]
