"""Photos and screenshots, stored in the database so they are atomic with their record and inside every backup."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CreatedMixin, IdMixin


class Attachment(IdMixin, CreatedMixin, Base):
    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # content address: stored once
    data: Mapped[bytes] = mapped_column(LargeBinary)
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)


class AttachmentLink(IdMixin, CreatedMixin, Base):
    __tablename__ = "attachment_links"
    __table_args__ = (Index(None, "owner_type", "owner_id"),)

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), index=True)
    owner_type: Mapped[str] = mapped_column(String(24))  # followup | claim | fine | note | unlabelled …
    owner_id: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str | None] = mapped_column(String(255))
    label: Mapped[str | None] = mapped_column(String(60))  # e.g. evidence checklist item
