"""Couriers as the lists and forms offer them: plain (id, name) choices, in the order a clerk looks for a name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Courier


@dataclass(frozen=True)
class CourierChoice:
    id: int
    name: str


def list_couriers(session: Session, active_only: bool = True) -> list[CourierChoice]:
    """Couriers by pinyin, then name; former couriers only when asked (old cases still name them)."""
    query = select(Courier.id, Courier.name).order_by(Courier.pinyin, Courier.name, Courier.id)
    if active_only:
        query = query.where(Courier.active.is_(True))
    return [CourierChoice(id=row.id, name=row.name) for row in session.execute(query)]
