"""Reference data and bookkeeping: carriers, problem types, operators, the audit log, settings, profiles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CreatedMixin, IdMixin, VersionedMixin, utcnow
from db.types import UTCDateTime


class Carrier(IdMixin, Base):
    __tablename__ = "carriers"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    hotline: Mapped[str | None] = mapped_column(String(20))
    # Regexes matched against the whole normalised number (DESIGN.md §7); data, editable by a manager.
    patterns: Mapped[list[str]] = mapped_column(JSON, default=list)
    ours: Mapped[bool] = mapped_column(Boolean, default=False)  # the outlet's own carriers break ties
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ProblemType(IdMixin, Base):
    __tablename__ = "problem_types"
    __table_args__ = (Index(None, "kind", "code", unique=True),)

    kind: Mapped[str] = mapped_column(String(16), default="stuck")
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(40))
    pinyin: Mapped[str | None] = mapped_column(String(40))
    carrier_codes: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: every carrier
    hold_days: Mapped[int | None] = mapped_column(Integer)
    reply_hours: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Operator(IdMixin, CreatedMixin, Base):
    __tablename__ = "operators"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    staff_no: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(16), default="clerk")  # clerk | manager
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditEntry(IdMixin, Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "at"))

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Setting(VersionedMixin, Base):
    """Shared rules and outlet facts; the typed registry lives in `app.settings`."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class ImportProfile(IdMixin, CreatedMixin, Base):
    __tablename__ = "import_profiles"

    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    header_key: Mapped[str] = mapped_column(String(64), index=True)  # hash of the normalised header set
    headers: Mapped[list[str]] = mapped_column(JSON, default=list)
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # header text -> field
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExportProfile(IdMixin, CreatedMixin, Base):
    __tablename__ = "export_profiles"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    target: Mapped[str] = mapped_column(String(40))  # daily sheet, case list, upstream company …
    columns: Mapped[list[str]] = mapped_column(JSON, default=list)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SavedView(IdMixin, CreatedMixin, Base):
    __tablename__ = "saved_views"

    page: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str | None] = mapped_column(Text)


class BulkAction(IdMixin, CreatedMixin, Base):
    """A change applied to many cases at once, with each case's previous values so it can be undone."""

    __tablename__ = "bulk_actions"

    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    action: Mapped[str] = mapped_column(String(20))  # status | assign | shelf | followup
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # str(case_id) -> previous values
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Snooze(IdMixin, CreatedMixin, Base):
    """A reminder a clerk put off until `until`; kept in the database so it survives a restart."""

    __tablename__ = "snoozes"
    __table_args__ = (Index(None, "operator_id", "key", unique=True),)

    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    key: Mapped[str] = mapped_column(String(60))  # what is due: "callback:123", "reply:123", …
    until: Mapped[datetime] = mapped_column(UTCDateTime)


class ImportBatch(IdMixin, CreatedMixin, Base):
    """One import run that wrote something: where it came from, what it did, and who ran it."""

    __tablename__ = "import_batches"
    __table_args__ = (Index(None, "kind", "created_at"),)

    kind: Mapped[str] = mapped_column(String(20))  # the import target: stuck | chase-out | … | deliveries
    source: Mapped[str] = mapped_column(String(255))  # file name (no folder) or "粘贴的表格"
    sheet: Mapped[str | None] = mapped_column(String(80))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # unknown types, reconcile counts …


class ImportItem(Base):
    """A waybill a batch listed, and what the batch did with it; the next batch of the same kind compares its
    own list with this one to find the parcels that vanished from the carrier's list."""

    __tablename__ = "import_items"
    __table_args__ = (Index(None, "waybill_id"),)

    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), primary_key=True)
    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"), primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    outcome: Mapped[str] = mapped_column(String(10))  # created | updated | unchanged
