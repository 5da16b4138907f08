"""Claim lists from SQL for the CLI, exports and (later) the claims page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.workflows import CLAIM
from db.models import Carrier, Claim, Waybill


@dataclass(frozen=True)
class ClaimRow:
    id: int
    claim_no: str
    waybill_no: str
    carrier: str | None
    status: str
    status_label: str
    loss_type: str
    claimant_name: str | None
    claimed_amount: Decimal | None
    approved_amount: Decimal | None
    created_at: datetime
    closed_at: datetime | None


def list_claims(
    session: Session, *, status: str | None = None, open_only: bool = False, waybill: str | None = None
) -> list[ClaimRow]:
    query = (
        select(
            Claim.id,
            Claim.claim_no,
            Waybill.waybill_no,
            Carrier.code,
            Claim.status,
            Claim.loss_type,
            Claim.claimant_name,
            Claim.claimed_amount,
            Claim.approved_amount,
            Claim.created_at,
            Claim.closed_at,
        )
        .join(Waybill, Waybill.id == Claim.waybill_id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .where(Claim.deleted_at.is_(None))
        .order_by(Claim.created_at.desc(), Claim.id.desc())
    )
    if status:
        CLAIM.state(status)
        query = query.where(Claim.status == status)
    if open_only:
        query = query.where(Claim.status.in_(CLAIM.open_codes))
    if waybill:
        query = query.where(Waybill.waybill_no.contains(waybill.strip().upper(), autoescape=True))
    return [
        ClaimRow(
            id=r[0],
            claim_no=r[1],
            waybill_no=r[2],
            carrier=r[3],
            status=r[4],
            status_label=CLAIM.label(r[4]),
            loss_type=r[5],
            claimant_name=r[6],
            claimed_amount=r[7],
            approved_amount=r[8],
            created_at=r[9],
            closed_at=r[10],
        )
        for r in session.execute(query)
    ]
