"""The daily sheet's 资金风险 section: interceptions due by the day's rounds, intercepted and failed that day,
returns sent and back (early returns by others counted apart), fines issued and claims paid that day — counted
from the day's events only, in the outlet's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import select

from app.actor import Actor
from app.claims.records import ClaimFacts, NewClaim, create_claim, move_claim, set_evidence
from app.export.daily import write_daily_sheet
from app.export.daily_summary import SUMMARY_SHEET
from app.intercepts import NewIntercept, fail, log_intercept, mark_intercepted
from db.engine import Database
from db.models import Claim, Fine, ReturnShipment, Waybill

D = date(2026, 11, 23)
MORNING = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # D 07:00 in Shanghai
YESTERDAY = MORNING - timedelta(days=1)


def _events(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        due = [
            log_intercept(session, NewIntercept(f"YT77300000000{n}", opened_at=MORNING), actor=clerk) for n in (1, 2, 3)
        ]
        old = log_intercept(session, NewIntercept("YT773000000009", opened_at=YESTERDAY), actor=clerk)  # due D-1
        mark_intercepted(
            session, due[0].id, expected_version=due[0].version, actor=clerk, at=MORNING + timedelta(hours=1)
        )
        fail(
            session,
            due[1].id,
            "already_signed",
            expected_version=due[1].version,
            actor=clerk,
            at=MORNING + timedelta(hours=2),
        )
        mark_intercepted(session, old.id, expected_version=old.version, actor=clerk, at=YESTERDAY + timedelta(hours=1))
        waybill_id = session.scalar(select(Waybill.id).where(Waybill.waybill_no == "YT773000000001"))
        session.add_all(
            [
                ReturnShipment(waybill_id=waybill_id, sent_at=MORNING + timedelta(hours=3)),
                ReturnShipment(waybill_id=waybill_id, back_at=MORNING + timedelta(hours=4), early_by_other=True),
                ReturnShipment(waybill_id=waybill_id, back_at=MORNING + timedelta(hours=5)),
                ReturnShipment(waybill_id=waybill_id, back_at=YESTERDAY),
                Fine(waybill_id=waybill_id, reason="虚假签收", amount=Decimal("150.00"), issued_at=MORNING),
                Fine(
                    waybill_id=waybill_id,
                    reason="延误",
                    amount=Decimal("30.50"),
                    issued_at=MORNING + timedelta(hours=9),
                ),
                Fine(waybill_id=waybill_id, reason="延误", amount=Decimal("99.00"), issued_at=YESTERDAY),
            ]
        )
        facts = ClaimFacts(loss_type="late", freight=Decimal("12.00"))
        claim = create_claim(session, NewClaim("YT773000000001", facts), actor=clerk)
        claim = set_evidence(
            session, claim.id, {"waybill_receipt": True, "id_card": True}, expected_version=claim.version, actor=clerk
        )
        for status in ("submitted", "reviewed", "paid"):
            claim = move_claim(
                session, claim.id, status, expected_version=claim.version, actor=clerk, approved_amount=Decimal("12.00")
            )
        session.get(Claim, claim.id).closed_at = MORNING + timedelta(hours=6)


def test_the_days_money_figures_on_the_summary_sheet(database: Database, clerk: Actor, tmp_path: Path) -> None:
    _events(database, clerk)
    with database.read() as session:
        summary = write_daily_sheet(session, D, tmp_path / "日报.xlsx")
    m = summary.money
    assert (m.intercepts_due, m.intercepts_done, m.intercepts_failed) == (3, 1, 1)  # yesterday's ones not counted
    assert (m.returns_sent, m.returns_back, m.returns_early) == (1, 2, 1)
    assert (m.fines, m.fines_amount) == (2, Decimal("180.50"))  # 17:00 local is still D; yesterday's is not
    assert (m.claims_paid, m.claims_paid_amount) == (1, Decimal("12.00"))
    sheet = openpyxl.load_workbook(tmp_path / "日报.xlsx")[SUMMARY_SHEET]
    lines = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert lines["拦截件当日到期"][0] == 3 and lines["拦截失败"][1] == "可能被扣款"
    assert lines["其中被提前退回"] == (1, "7 日内上报")
    assert lines["当日罚款"] == (2, "合计 180.50 元")
    assert lines["当日理赔赔付"] == (1, "合计 12.00 元")
