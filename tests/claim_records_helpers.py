"""What the claim-record tests share: sample facts, a parcel and a stuck case to claim from, and short ways to
register, edit, tick, move and read back a claim on a real database."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

import db.base
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.cases import NewCase, open_case
from app.claims.records import (
    ClaimFacts,
    ClaimView,
    NewClaim,
    create_claim,
    get_claim,
    move_claim,
    set_evidence,
    timeline,
    update_claim,
)
from db.engine import Database
from db.models import AuditEntry, Claim

D = Decimal
YTO, ZTO = "YT8962646785389", "73610555582883"
SENDER_PHONE, RECIPIENT_PHONE = "13812345678", "13900001111"
# uninsured, damaged: the civil-law loss 800.00 against the cap 12.00 × 3 = 36.00; the cap is lower
UNINSURED = ClaimFacts(actual_loss=D(800), freight=D(12), claimant_name="张先生", claimant_phone=SENDER_PHONE)
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


# --- helpers ----------------------------------------------------------------------------------------------------


def register(database: Database, actor: Actor, facts: ClaimFacts = UNINSURED, number: str = YTO) -> ClaimView:
    with database.write() as session:
        return create_claim(session, NewClaim(number, facts), actor=actor)


def fresh(database: Database, claim_id: int) -> ClaimView:
    with database.read() as session:
        return get_claim(session, claim_id)


def stored(database: Database, claim_id: int) -> Claim:
    with database.read() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        session.expunge(claim)
        return claim


def audit_actions(database: Database, claim_id: int) -> list[str]:
    with database.read() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity == "claim", AuditEntry.entity_id == claim_id)
                .order_by(AuditEntry.id)
            )
        )


def count(database: Database, model: type) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def edit(database: Database, actor: Actor, claim_id: int, **changes: Any) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return update_claim(session, claim_id, changes, expected_version=version, actor=actor)


def tick(database: Database, actor: Actor, claim_id: int, **ticks: bool) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return set_evidence(session, claim_id, ticks, expected_version=version, actor=actor)


def tick_needed(database: Database, actor: Actor, claim_id: int) -> ClaimView:
    needed = {item.code: True for item in fresh(database, claim_id).evidence if item.needed}
    return tick(database, actor, claim_id, **needed)


def move(database: Database, actor: Actor, claim_id: int, status: str, **kw: Any) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return move_claim(session, claim_id, status, expected_version=version, actor=actor, **kw)


def timeline_texts(database: Database, claim_id: int) -> list[str]:
    with database.read() as session:
        return [entry.text for entry in timeline(session, claim_id)]


def ended(database: Database, actor: Actor, end: str) -> ClaimView:
    claim = register(database, actor)
    tick_needed(database, actor, claim.id)
    move(database, actor, claim.id, "submitted")
    if end == "paid":
        move(database, actor, claim.id, "reviewed", approved_amount=D(36))
        return move(database, actor, claim.id, "paid")
    return move(database, actor, claim.id, "rejected", note="外包装完好，不予受理")


def parcel(database: Database, number: str = YTO, **values: Any) -> None:
    """The parcel as the carrier's list described it."""
    with database.write() as session:
        waybill = find_or_create_waybill(session, number)
        for name, value in values.items():
            setattr(waybill, name, value)


def stuck_case(database: Database, actor: Actor, number: str = YTO, **kw: Any) -> int:
    with database.write() as session:
        return open_case(session, NewCase(kind="stuck", waybill_no=number, **kw), actor=actor).id


def picture(fmt: str = "JPEG", colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, colour)
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def frozen_clock(monkeypatch: pytest.MonkeyPatch, at: datetime) -> None:
    """Stamp rows (created_at, audit times) with `at`: the mixins' default calls db.base's datetime.now."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return at.astimezone(tz) if tz is not None else at

    monkeypatch.setattr(db.base, "datetime", Frozen)
