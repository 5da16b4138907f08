"""Parcels: the waybill everything hangs off, returns, parcels without a readable label and shelf counts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CreatedMixin, IdMixin, VersionedMixin, sparse_index
from db.types import Money, UTCDateTime


class Waybill(IdMixin, CreatedMixin, VersionedMixin, Base):
    __tablename__ = "waybills"
    __table_args__ = (
        Index(None, "recipient_phone_tail"),
        sparse_index("waybills", "sender_phone_tail"),
        sparse_index("waybills", "recipient_phone_ext"),
    )

    waybill_no: Mapped[str] = mapped_column(String(40), unique=True)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    sender_name: Mapped[str | None] = mapped_column(String(80))
    sender_phone: Mapped[str | None] = mapped_column(String(40))  # as given: full, masked or virtual+ext
    sender_phone_tail: Mapped[str | None] = mapped_column(String(8))
    sender_address: Mapped[str | None] = mapped_column(Text)
    recipient_name: Mapped[str | None] = mapped_column(String(80))
    recipient_phone: Mapped[str | None] = mapped_column(String(40))
    recipient_phone_tail: Mapped[str | None] = mapped_column(String(8))
    recipient_phone_ext: Mapped[str | None] = mapped_column(String(8))
    recipient_address: Mapped[str | None] = mapped_column(Text)
    item: Mapped[str | None] = mapped_column(String(120))
    quantity: Mapped[int | None] = mapped_column(Integer)
    declared_value: Mapped[Decimal | None] = mapped_column(Money)
    insured_value: Mapped[Decimal | None] = mapped_column(Money)
    insurance_fee: Mapped[Decimal | None] = mapped_column(Money)
    freight: Mapped[Decimal | None] = mapped_column(Money)
    cod: Mapped[bool] = mapped_column(Boolean, default=False)  # 到付
    collecting_outlet: Mapped[str | None] = mapped_column(String(40))
    delivering_outlet: Mapped[str | None] = mapped_column(String(40))
    weight_collected_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    weight_arrived_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    platform: Mapped[str | None] = mapped_column(String(60))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # collected (揽收 / 寄件), from the sent list
    signed_how: Mapped[str | None] = mapped_column(String(16))  # self | proxy | guard | station | locker
    signed_by: Mapped[str | None] = mapped_column(String(80))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReturnShipment(IdMixin, CreatedMixin, Base):
    __tablename__ = "return_shipments"

    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    return_waybill_no: Mapped[str | None] = mapped_column(String(40), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    earliest_allowed_on: Mapped[date | None] = mapped_column(Date)
    back_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    early_by_other: Mapped[bool] = mapped_column(Boolean, default=False)  # our parcel returned early by others
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the early return reported upstream
    notes: Mapped[str | None] = mapped_column(Text)


class UnlabelledParcel(IdMixin, CreatedMixin, Base):
    __tablename__ = "unlabelled_parcels"

    description: Mapped[str] = mapped_column(Text)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)
    found_where: Mapped[str | None] = mapped_column(String(120))
    shelf: Mapped[str | None] = mapped_column(String(20))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    matched_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    matched_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ShelfCount(IdMixin, CreatedMixin, Base):
    """One evening shelf count (留仓盘点): what was scanned and what the app found against the open cases."""

    __tablename__ = "shelf_counts"

    counted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    scanned: Mapped[int] = mapped_column(Integer, default=0)  # distinct waybills scanned
    on_shelf_open: Mapped[int] = mapped_column(Integer, default=0)  # scanned, open case: as it should be
    on_shelf_closed: Mapped[int] = mapped_column(Integer, default=0)  # scanned, but the case is closed
    not_scanned: Mapped[int] = mapped_column(Integer, default=0)  # open on the shelf list, not scanned
    unknown: Mapped[int] = mapped_column(Integer, default=0)  # scanned, no case at all
    flagged_lost: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # waybill lists per outcome
