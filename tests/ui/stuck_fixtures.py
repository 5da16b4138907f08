"""A small stuck-parcel log with one parcel per situation the list must tell apart (times relative to now)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app import stuck, stuck_messages
from app.cases import get_case, transition, update_case
from app.desk import Desk
from db.models import Courier, Waybill

# name -> (waybill, problem type, direction); ZTO and JT among the YTO numbers so the carrier filter has work.
PARCELS = {
    "plain": ("YT8962646785301", "no_answer", "inbound"),
    "awaiting": ("YT8962646785302", "refused", "inbound"),
    "owed_late": ("YT8962646785303", "wrong_address", "outbound"),
    "overdue": ("73610555582883", "no_answer", "inbound"),
    "later": ("YT8962646785305", "refused", "inbound"),
    "closed": ("YT8962646785306", "no_answer", "inbound"),
    "outbound": ("JT5261988016578", "refused", "outbound"),
}
RECIPIENT_PHONE = "13912345678"


def make_stuck(desk: Desk, now: datetime | None = None) -> dict[str, int]:
    """Seven stuck parcels; returns their case ids by name (see PARCELS)."""
    now = now or datetime.now(UTC)

    def create(session, *, actor) -> dict[str, int]:
        wang, li = Courier(name="王师傅", pinyin="wsf"), Courier(name="李师傅", pinyin="lsf")
        session.add_all([wang, li])
        session.flush()
        ids = {}
        for number, (name, (waybill, ptype, direction)) in enumerate(PARCELS.items()):
            ids[name] = stuck.capture(
                session,
                waybill,
                actor=actor,
                problem_type=ptype,
                direction=direction,
                courier_id=(wang.id, li.id, None)[number % 3],
                round_no=1 + number % 3,
                shelf=f"A-{number}",
                in_carrier_system=number % 2 == 0,
                registered_by="them" if name == "outbound" else "us",
                at=now - timedelta(days=3, hours=number),
            ).case.id
        stuck_messages.post(session, ids["awaiting"], "请核实地址", actor=actor, at=now - timedelta(hours=3))
        stuck_messages.post(
            session,
            ids["owed_late"],
            "收件人电话打不通",
            actor=actor,
            direction="received",
            at=now - timedelta(hours=30),
        )
        for name, due in (("overdue", now - timedelta(hours=1)), ("later", now + timedelta(days=3))):
            view = get_case(session, ids[name])
            update_case(session, ids[name], {"due_at": due}, expected_version=view.version, actor=actor)
        view = get_case(session, ids["closed"])
        transition(session, ids["closed"], "closed", expected_version=view.version, actor=actor, at=now)
        waybill = session.query(Waybill).filter_by(waybill_no=PARCELS["plain"][0]).one()
        waybill.recipient_name, waybill.recipient_phone, waybill.recipient_phone_tail = (
            "陈晓东",
            RECIPIENT_PHONE,
            "5678",
        )
        return ids

    return desk.write(create)
