"""Money at risk: fines, arbitration and claims."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, CreatedMixin, IdMixin, SoftDeleteMixin, VersionedMixin
from db.types import Money, UTCDateTime


class Fine(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "fines"
    __table_args__ = (Index(None, "appeal_due_at"), Index(None, "waybill_id"))

    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    reason: Mapped[str] = mapped_column(String(60))
    amount: Mapped[Decimal] = mapped_column(Money)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    appeal_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evidence: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(16), default="open")  # open | accepted | appealed | cancelled | reduced
    appealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the appeal went upstream
    amount_recovered: Mapped[Decimal | None] = mapped_column(Money)
    courier_charged_id: Mapped[int | None] = mapped_column(ForeignKey("couriers.id"))

    waybill = relationship("Waybill", lazy="joined")


class Arbitration(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "arbitrations"
    __table_args__ = (Index(None, "reply_due_at"),)

    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    fine_id: Mapped[int | None] = mapped_column(ForeignKey("fines.id"))
    reply_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # our statement or evidence is due by then
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    other_party: Mapped[str | None] = mapped_column(String(80))
    decision: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    our_share_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    amount: Mapped[Decimal | None] = mapped_column(Money)


class Claim(IdMixin, CreatedMixin, VersionedMixin, SoftDeleteMixin, Base):
    __tablename__ = "claims"
    __table_args__ = (Index(None, "status", "created_at"),)

    claim_no: Mapped[str] = mapped_column(String(30), unique=True)
    waybill_id: Mapped[int] = mapped_column(ForeignKey("waybills.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="registered")
    claimant_name: Mapped[str | None] = mapped_column(String(80))
    claimant_phone: Mapped[str | None] = mapped_column(String(40))
    claimant_relation: Mapped[str | None] = mapped_column(String(16))  # sender | recipient
    authorisation: Mapped[str | None] = mapped_column(String(16))  # not_needed | needed | received
    loss_type: Mapped[str] = mapped_column(String(16))  # damaged | lost | short | late
    loss_extent: Mapped[str | None] = mapped_column(String(16))  # full | half | items_short
    item: Mapped[str | None] = mapped_column(String(120))
    quantity: Mapped[int | None] = mapped_column(Integer)
    quantity_short: Mapped[int | None] = mapped_column(Integer)  # items missing, when the extent is items_short
    declared_value: Mapped[Decimal | None] = mapped_column(Money)
    actual_loss: Mapped[Decimal | None] = mapped_column(Money)  # the proven loss; the declared value when unknown
    loss_note: Mapped[str | None] = mapped_column(Text)  # what happened, as the claimant and the clerk saw it
    value_proof: Mapped[str | None] = mapped_column(String(120))
    insured: Mapped[bool] = mapped_column(Boolean, default=False)
    insured_value: Mapped[Decimal | None] = mapped_column(Money)
    insurance_fee: Mapped[Decimal | None] = mapped_column(Money)
    freight: Mapped[Decimal | None] = mapped_column(Money)
    freight_cod: Mapped[bool] = mapped_column(Boolean, default=False)
    packaging: Mapped[str | None] = mapped_column(String(16))  # original | retaped
    inspected_at_signing: Mapped[bool | None] = mapped_column(Boolean)
    claimed_amount: Mapped[Decimal | None] = mapped_column(Money)
    computed_amount: Mapped[Decimal | None] = mapped_column(Money)
    rule_text: Mapped[str | None] = mapped_column(Text)
    approved_amount: Mapped[Decimal | None] = mapped_column(Money)
    responsible_party: Mapped[str | None] = mapped_column(String(20))  # our_outlet | counterpart | transit | carrier
    responsible_name: Mapped[str | None] = mapped_column(String(80))  # which outlet or centre
    responsible_share_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    paid_first: Mapped[bool] = mapped_column(Boolean, default=False)
    amount_recovered: Mapped[Decimal | None] = mapped_column(Money)
    salvage: Mapped[str | None] = mapped_column(String(120))
    payee: Mapped[str | None] = mapped_column(String(80))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # checklist code -> ticked
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    waybill = relationship("Waybill", lazy="joined", innerjoin=True)
