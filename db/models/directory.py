"""The territory and the people: areas, places, couriers over time, outlets, contacts, recipient flags."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CreatedMixin, IdMixin, SoftDeleteMixin, VersionedMixin


class Area(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "areas"

    name: Mapped[str] = mapped_column(String(60), unique=True)
    pinyin: Mapped[str | None] = mapped_column(String(60), index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)  # address words that mean this area
    notes: Mapped[str | None] = mapped_column(Text)


class Place(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "places"

    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    kind: Mapped[str] = mapped_column(
        String(16)
    )  # street | compound | unit | school | shop | key_customer | station | locker
    name: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str | None] = mapped_column(Text)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    pinyin: Mapped[str | None] = mapped_column(String(80), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)


class RecipientFlag(IdMixin, CreatedMixin, Base):
    __tablename__ = "recipient_flags"
    __table_args__ = (Index(None, "phone_tail"), Index(None, "phone"))

    phone: Mapped[str | None] = mapped_column(String(40))
    phone_tail: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str | None] = mapped_column(Text)
    flag: Mapped[str] = mapped_column(
        String(24)
    )  # complained | went_12305 | door_only | leave_with_guard | no_station | note
    note: Mapped[str | None] = mapped_column(Text)
    source_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    auto: Mapped[bool] = mapped_column(Boolean, default=False)


class Courier(IdMixin, CreatedMixin, VersionedMixin, Base):
    __tablename__ = "couriers"

    name: Mapped[str] = mapped_column(String(40), index=True)
    staff_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    pinyin: Mapped[str | None] = mapped_column(String(40), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CourierArea(IdMixin, Base):
    __tablename__ = "courier_areas"

    courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class StandIn(IdMixin, Base):
    """A courier covering for another (替班) over a date range."""

    __tablename__ = "stand_ins"

    courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"), index=True)
    for_courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"), index=True)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)


class DeliveryCount(IdMixin, Base):
    __tablename__ = "delivery_counts"
    __table_args__ = (Index(None, "day", "courier_id", unique=True),)

    day: Mapped[date] = mapped_column(Date)
    courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"))
    arrived: Mapped[int] = mapped_column(Integer, default=0)
    delivered: Mapped[int] = mapped_column(Integer, default=0)
    signed: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[int] = mapped_column(Integer, default=0)


class Outlet(IdMixin, CreatedMixin, VersionedMixin, Base):
    __tablename__ = "outlets"

    kind: Mapped[str] = mapped_column(String(20))  # counterpart | transit_centre | upstream
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    name: Mapped[str] = mapped_column(String(80), index=True)
    code: Mapped[str | None] = mapped_column(String(40), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    contact: Mapped[str | None] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(80))
    pinyin: Mapped[str | None] = mapped_column(String(80))
    notes: Mapped[str | None] = mapped_column(Text)


class Contact(IdMixin, CreatedMixin, Base):
    __tablename__ = "contacts"

    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    handles: Mapped[list[str]] = mapped_column(JSON, default=list)  # 理赔, 仲裁, 车辆, 站长 …
    pinyin: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
