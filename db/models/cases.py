"""The case engine's tables: one core row per case, kind-specific details beside it, and the timeline."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, CreatedMixin, IdMixin, SoftDeleteMixin, VersionedMixin, sparse_index, utcnow
from db.types import UTCDateTime

_LIVE = text("deleted_at IS NULL")
_OPEN = text("closed_at IS NULL AND deleted_at IS NULL")  # the reminder scan's rows: open, live cases only
# Only cases that have the clock: most cases have no deadline or callback, and need no entry (an import of
# 50,000 problem parcels would otherwise fill both indexes with NULLs).
_OPEN_DUE = text("due_at IS NOT NULL AND closed_at IS NULL AND deleted_at IS NULL")
_OPEN_CALLBACK = text("callback_at IS NOT NULL AND closed_at IS NULL AND deleted_at IS NULL")
_CLOSED = text("closed_at IS NOT NULL AND deleted_at IS NULL")
# The reports' indexes (app/reports) cover their queries: every column a report reads, `deleted_at` included
# although it is always NULL in them, since SQLite before 3.45 does not count a column the partial index's
# WHERE fixes as covered and would read each case's row for it.
_REPORT_OPENED = ("kind", "opened_at", "courier_id", "repeat_count", "deleted_at")
_REPORT_CLOSED = ("closed_at", "kind", "opened_at", "id", "deleted_at")


class Case(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "cases"
    __table_args__ = (
        # Partial on live rows: every list filters `deleted_at IS NULL`, and counts then never touch the table.
        Index(
            "ix_cases_live_kind_status", "kind", "status", "opened_at", "id", sqlite_where=_LIVE, postgresql_where=_LIVE
        ),
        Index("ix_cases_live_kind_opened", "kind", "opened_at", "id", sqlite_where=_LIVE, postgresql_where=_LIVE),
        Index(None, "kind", "direction", "opened_at", "id"),
        Index(None, "opened_at", "id"),
        Index("ix_cases_open_due", "due_at", sqlite_where=_OPEN_DUE, postgresql_where=_OPEN_DUE),
        Index("ix_cases_open_callback", "callback_at", sqlite_where=_OPEN_CALLBACK, postgresql_where=_OPEN_CALLBACK),
        Index("ix_cases_open_kind", "kind", sqlite_where=_OPEN, postgresql_where=_OPEN),
        Index("ix_cases_report_opened", *_REPORT_OPENED, sqlite_where=_LIVE, postgresql_where=_LIVE),
        Index("ix_cases_report_closed", *_REPORT_CLOSED, sqlite_where=_CLOSED, postgresql_where=_CLOSED),
        sparse_index("cases", "caller_phone_tail"),
        Index(None, "waybill_id"),
        sparse_index("cases", "handler_id"),
        sparse_index("cases", "courier_id"),
        sparse_index("cases", "parent_case_id"),
    )

    kind: Mapped[str] = mapped_column(String(16))  # stuck | chase | complaint | intercept
    direction: Mapped[str] = mapped_column(String(16))  # inbound | outbound
    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"))
    status: Mapped[str] = mapped_column(String(24))
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)  # 0 normal, 1 high, 2 urgent
    problem_type_id: Mapped[int | None] = mapped_column(ForeignKey("problem_types.id"))
    detail: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_followup_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    courier_id: Mapped[int | None] = mapped_column(ForeignKey("couriers.id"))
    counterpart_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    caller_name: Mapped[str | None] = mapped_column(String(80))
    caller_phone: Mapped[str | None] = mapped_column(String(40))
    caller_phone_tail: Mapped[str | None] = mapped_column(String(8))
    repeat_count: Mapped[int] = mapped_column(Integer, default=0)
    parent_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    waybill = relationship("Waybill", lazy="joined", innerjoin=True)
    stuck = relationship("StuckDetail", uselist=False, back_populates="case", cascade="all, delete-orphan")
    chase = relationship("ChaseDetail", uselist=False, back_populates="case", cascade="all, delete-orphan")
    complaint = relationship("ComplaintDetail", uselist=False, back_populates="case", cascade="all, delete-orphan")
    intercept = relationship("InterceptDetail", uselist=False, back_populates="case", cascade="all, delete-orphan")


class StuckDetail(Base):
    """What only a stuck parcel has. The `message_*` / `reply_*` columns summarise its 留言 thread (kept by
    app.stuck on every message change) so the list can filter and sort on them without a per-row subquery."""

    __tablename__ = "stuck_details"
    __table_args__ = (sparse_index("stuck_details", "shelf"), sparse_index("stuck_details", "reply_due_at"))

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    registered_by: Mapped[str] = mapped_column(String(8), default="us")  # us | them
    in_carrier_system: Mapped[bool] = mapped_column(Boolean, default=False)
    round_no: Mapped[int | None] = mapped_column(SmallInteger)  # 频次
    shelf: Mapped[str | None] = mapped_column(String(20))
    earliest_return_on: Mapped[date | None] = mapped_column(Date)
    return_agreed: Mapped[bool] = mapped_column(Boolean, default=False)  # the reply says: return it
    on_shelf_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_direction: Mapped[str | None] = mapped_column(String(8))  # of the latest message: sent | received
    message_text: Mapped[str | None] = mapped_column(Text)
    message_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply_text: Mapped[str | None] = mapped_column(Text)
    reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # we wrote, no answer yet
    awaiting_reply: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)
    reply_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # earliest answer we owe

    case = relationship("Case", back_populates="stuck")


class Message(IdMixin, CreatedMixin, Base):
    """A 留言 on a stuck case, posted by us or by the other outlet, with its reply and deadline."""

    __tablename__ = "messages"
    __table_args__ = (Index(None, "case_id", "at"), sparse_index("messages", "reply_due_at"))

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(8))  # sent | received
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reply_text: Mapped[str | None] = mapped_column(Text)
    reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))


class ChaseDetail(Base):
    __tablename__ = "chase_details"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    request: Mapped[str | None] = mapped_column(Text)  # what the caller wants
    last_scan_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_node: Mapped[str | None] = mapped_column(String(80))
    arrived: Mapped[bool | None] = mapped_column(Boolean)
    appointment: Mapped[str | None] = mapped_column(String(120))  # time window, self-pickup, new address

    case = relationship("Case", back_populates="chase")


_UNANSWERED = text("first_response_at IS NULL")


class ComplaintDetail(Base):
    """A complaint's channel and clocks: first response and resolution by the channel's SLA (the resolution due
    is the case's `due_at`), and the day the customer may take it to 12305 (`appeal_risk_at`)."""

    __tablename__ = "complaint_details"
    __table_args__ = (
        Index(
            "ix_complaint_details_unanswered_due",
            "first_response_due_at",
            sqlite_where=_UNANSWERED,
            postgresql_where=_UNANSWERED,
        ),
        Index(None, "appeal_risk_at"),
        sparse_index("complaint_details", "return_visit_at"),  # the reports' satisfaction
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20))  # call | carrier_ticket | platform | 12345 | 12305
    external_ticket_no: Mapped[str | None] = mapped_column(String(60), index=True)
    category: Mapped[str | None] = mapped_column(String(20))
    first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    appeal_risk_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalation_level: Mapped[int] = mapped_column(SmallInteger, default=0)
    return_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)  # 1..5

    case = relationship("Case", back_populates="complaint")


class InterceptDetail(Base):
    __tablename__ = "intercept_details"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    request: Mapped[str] = mapped_column(String(16))  # stop | readdress | forward | return
    requested_by: Mapped[str | None] = mapped_column(String(80))
    new_address: Mapped[str | None] = mapped_column(Text)
    new_waybill_no: Mapped[str | None] = mapped_column(String(40))
    pulled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))  # done | already_signed | not_found

    case = relationship("Case", back_populates="intercept")


_CONTACT = text("channel <> 'system'")


class Followup(IdMixin, CreatedMixin, Base):
    """One entry of a case's timeline: who, when, by which channel, what."""

    __tablename__ = "followups"
    __table_args__ = (
        Index(None, "case_id", "at"),
        # a case's contacts (the human channels) without its status changes: first response and one-contact
        # resolution read only these, and a system entry is about every other row (`channel` is in it so the
        # index covers them on SQLite before 3.45, like `deleted_at` in the reports' case indexes)
        Index("ix_followups_contacts", "case_id", "at", "channel", sqlite_where=_CONTACT, postgresql_where=_CONTACT),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    channel: Mapped[str] = mapped_column(String(16), default="system")
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, object] | None] = mapped_column(JSON)  # structured facts, e.g. a status change
