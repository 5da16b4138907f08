"""Fines and claims money of a report range, by status: fines issued in the range by their result, claims
registered in it by their status. Sums are exact (fen in the database, `Decimal` yuan out)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import settings
from app.reports.ranges import ReportRange
from db.models import Claim, Fine

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FineMoney:
    result: str  # open | accepted | appealed | cancelled | reduced
    count: int
    amount: Decimal
    recovered: Decimal


@dataclass(frozen=True)
class ClaimMoney:
    status: str
    count: int
    claimed: Decimal
    approved: Decimal


def _yuan(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(value).quantize(ZERO)


def fines_by_result(session: Session, rng: ReportRange) -> list[FineMoney]:
    start, end = rng.bounds(settings.deadline_rules(session))
    rows = session.execute(
        select(Fine.result, func.count(), func.sum(Fine.amount), func.sum(Fine.amount_recovered))
        .where(Fine.deleted_at.is_(None), Fine.issued_at >= start, Fine.issued_at < end)
        .group_by(Fine.result)
        .order_by(Fine.result)
    ).all()
    return [FineMoney(result, int(n), _yuan(amount), _yuan(recovered)) for result, n, amount, recovered in rows]


def claims_by_status(session: Session, rng: ReportRange) -> list[ClaimMoney]:
    start, end = rng.bounds(settings.deadline_rules(session))
    rows = session.execute(
        select(Claim.status, func.count(), func.sum(Claim.claimed_amount), func.sum(Claim.approved_amount))
        .where(Claim.deleted_at.is_(None), Claim.created_at >= start, Claim.created_at < end)
        .group_by(Claim.status)
        .order_by(Claim.status)
    ).all()
    return [ClaimMoney(status, int(n), _yuan(claimed), _yuan(approved)) for status, n, claimed, approved in rows]
