"""Courier choices for lists and forms."""

from __future__ import annotations

from app.couriers import CourierChoice, list_couriers
from db.engine import Database
from db.models import Courier


def test_active_couriers_by_pinyin_and_former_ones_on_request(database: Database) -> None:
    with database.write() as session:
        session.add_all(
            [
                Courier(name="王师傅", pinyin="wsf"),
                Courier(name="李师傅", pinyin="lsf"),
                Courier(name="赵师傅", pinyin="zsf", active=False),
            ]
        )
    with database.read() as session:
        active = list_couriers(session)
        everyone = list_couriers(session, active_only=False)
    assert [c.name for c in active] == ["李师傅", "王师傅"]
    assert all(isinstance(c, CourierChoice) and c.id > 0 for c in active)
    assert [c.name for c in everyone] == ["李师傅", "王师傅", "赵师傅"]
