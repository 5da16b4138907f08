"""The work notebook: notes, todos and phrase templates (话术)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CreatedMixin, IdMixin, SoftDeleteMixin, VersionedMixin
from db.types import UTCDateTime


class Note(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "notes"
    __table_args__ = (Index(None, "day"), Index(None, "created_at"))  # created_at: search lists newest first

    day: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    handover: Mapped[bool] = mapped_column(Boolean, default=False)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)


class NoteWaybill(Base):
    """Waybill numbers recognised in a note's text, for links and lookup."""

    __tablename__ = "note_waybills"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    waybill_no: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Todo(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "todos"
    __table_args__ = (Index(None, "done_at", "due_at"),)

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))


class Phrase(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "phrases"

    category: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    pinyin: Mapped[str | None] = mapped_column(String(80))
    use_count: Mapped[int] = mapped_column(Integer, default=0)
