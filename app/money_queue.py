"""The money-at-risk queue (资金风险): every open deadline that costs the outlet money when it is missed, with
what it costs and the time left, earliest first — the station manager's "what will cost us money today?".

Reasons: a 留言 reply owed to another outlet, a complaint's first response and its resolution, the 12305 clock,
an interception before the next delivery round, an early return by others to report within its days, a fine's
appeal deadline and an arbitration's reply. A fine costs its own amount and an arbitration its amount when
known; every other reason costs what the outlet set for it (`risk_costs`, a manager's setting, in yuan).

One SQL pass: a UNION ALL of index range scans on open rows, counted and summed per state in SQL, and only the
first rows listed, so an outlet with years of overdue history still gets its answer at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from app import settings
from app.deadlines import DeadlineRules, end_of_local_day, local_date
from app.returns import REPORT_DAYS
from app.risk_costs import DEFAULT_COSTS, REASONS
from db.models import Arbitration, Case, ComplaintDetail, Fine, InterceptDetail, ReturnShipment, StuckDetail, Waybill

SETTING = "risk_costs"
STATES = ("overdue", "today", "later")
SHOWN = 500
NOT_PULLED = ("accepted", "found")  # an interception stops costing money once pulled out of delivery


@dataclass(frozen=True)
class RiskItem:
    key: str  # "reason:id", the id of the row the deadline lives on
    reason: str
    ref_id: int
    case_id: int | None
    case_kind: str | None  # stuck | chase | complaint | intercept: how the case opens
    waybill_no: str | None
    due_at: datetime
    cost: Decimal
    state: str  # overdue | today | later

    @property
    def label(self) -> str:
        return REASONS[self.reason]

    def left(self, now: datetime) -> timedelta:
        """Time left before it costs money (negative: already late)."""
        return self.due_at - now


@dataclass(frozen=True)
class RiskQueue:
    at: datetime
    items: tuple[RiskItem, ...]  # earliest due first, at most SHOWN
    counts: dict[str, int]  # per state
    money: dict[str, Decimal]  # per state: what those deadlines cost when missed

    @property
    def pressing(self) -> int:
        """What the navigation shows: late already or due by the end of the local day."""
        return self.counts["overdue"] + self.counts["today"]

    @property
    def money_today(self) -> Decimal:
        return self.money["overdue"] + self.money["today"]


def costs(session: Session) -> dict[str, Decimal]:
    """The outlet's cost per reason in yuan (the defaults for reasons never set)."""
    stored = settings.get(session, SETTING)
    return {reason: Decimal(str(stored.get(reason, default))) for reason, default in DEFAULT_COSTS.items()}


def _reason(name: str) -> Any:
    """The branch's reason as an inline constant: a bound parameter in a UNION has no type PostgreSQL can infer."""
    return literal_column(f"'{name}'", String)


def _open_case() -> Any:
    return and_(Case.closed_at.is_(None), Case.deleted_at.is_(None))


def _no_amount() -> Any:
    """A typed NULL: PostgreSQL takes an untyped NULL in a UNION for text."""
    return cast(null(), BigInteger)


def _fen(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def _branches() -> Any:
    """(reason, ref id, case id, waybill id, due, amount in fen or NULL) of every open deadline."""
    no_amount = _no_amount().label("amount")
    return union_all(
        select(_reason("reply").label("reason"), Case.id.label("ref_id"), Case.id.label("case_id"))
        .add_columns(Case.waybill_id.label("waybill_id"), StuckDetail.reply_due_at.label("due"), no_amount)
        .join(StuckDetail, StuckDetail.case_id == Case.id)
        .where(StuckDetail.reply_due_at.is_not(None), _open_case()),
        select(_reason("first_response"), Case.id, Case.id, Case.waybill_id, ComplaintDetail.first_response_due_at)
        .add_columns(_no_amount())
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .where(
            ComplaintDetail.first_response_due_at.is_not(None),
            ComplaintDetail.first_response_at.is_(None),
            _open_case(),
        ),
        select(_reason("complaint_due"), Case.id, Case.id, Case.waybill_id, Case.due_at, _no_amount()).where(
            Case.kind == "complaint", Case.due_at.is_not(None), _open_case()
        ),
        select(_reason("appeal"), Case.id, Case.id, Case.waybill_id, ComplaintDetail.appeal_risk_at, _no_amount())
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .where(Case.kind == "complaint", ComplaintDetail.appeal_risk_at.is_not(None), _open_case()),
        select(_reason("intercept"), Case.id, Case.id, Case.waybill_id, Case.due_at, _no_amount())
        .join(InterceptDetail, InterceptDetail.case_id == Case.id)
        .where(Case.kind == "intercept", Case.status.in_(NOT_PULLED), Case.due_at.is_not(None), _open_case()),
        select(
            _reason("fine_appeal"), Fine.id, Fine.case_id, Fine.waybill_id, Fine.appeal_due_at, _fen(Fine.amount)
        ).where(Fine.result == "open", Fine.appeal_due_at.is_not(None), Fine.deleted_at.is_(None)),
        select(
            _reason("arbitration"),
            Arbitration.id,
            cast(null(), Integer),
            Arbitration.waybill_id,
            Arbitration.reply_due_at,
        )
        .add_columns(_fen(Arbitration.amount))
        .where(Arbitration.decision.is_(None), Arbitration.reply_due_at.is_not(None), Arbitration.deleted_at.is_(None)),
    ).subquery()


def risk_queue(
    session: Session, now: datetime, rules: DeadlineRules, *, limit: int = SHOWN, reasons: set[str] | None = None
) -> RiskQueue:
    """Every open deadline with its cost, earliest first; counts and money per state cover them all."""
    per_reason = {reason: int(value * 100) for reason, value in costs(session).items()}
    end_of_day = end_of_local_day(local_date(now, rules), rules)
    rows = _branches()
    bucket = case((rows.c.due < now, 0), (rows.c.due <= end_of_day, 1), else_=2)
    fen = func.coalesce(rows.c.amount, case(per_reason, value=rows.c.reason, else_=0))
    wanted = rows.c.reason.in_(sorted(reasons)) if reasons else literal(True)
    counts = dict.fromkeys(STATES, 0)
    money = dict.fromkeys(STATES, 0)
    for index, count, total in session.execute(
        select(bucket, func.count(), func.sum(fen)).where(wanted).group_by(bucket)
    ):
        counts[STATES[index]] += count
        money[STATES[index]] += int(total or 0)
    listed = session.execute(
        select(rows.c.reason, rows.c.ref_id, rows.c.case_id, Case.kind, Waybill.waybill_no, rows.c.due, fen, bucket)
        .outerjoin(Waybill, Waybill.id == rows.c.waybill_id)
        .outerjoin(Case, Case.id == rows.c.case_id)
        .where(wanted)
        .order_by(rows.c.due, rows.c.ref_id, rows.c.reason)
        .limit(limit)
    ).all()
    items = [
        RiskItem(f"{reason}:{ref_id}", reason, ref_id, case_id, kind, number, at, _yuan(cost), STATES[index])
        for reason, ref_id, case_id, kind, number, at, cost, index in listed
    ]
    if reasons is None or "early_return" in reasons:
        for item in _early_returns(session, now, end_of_day, per_reason["early_return"]):
            items.append(item)
            counts[item.state] += 1
            money[item.state] += per_reason["early_return"]
    items.sort(key=lambda item: (item.due_at, item.ref_id, item.reason))
    yuan = {state: _yuan(total) for state, total in money.items()}
    return RiskQueue(now, tuple(items[:limit]), counts, yuan)


def _early_returns(session: Session, now: datetime, end_of_day: datetime, fen: int) -> list[RiskItem]:
    """Our parcels another outlet sent back before the earliest allowed day, not reported yet: each is due its
    report days after it came back (few rows, and the date arithmetic is simplest here)."""
    days = timedelta(days=REPORT_DAYS)
    rows = session.execute(
        select(ReturnShipment.id, ReturnShipment.case_id, Case.kind, Waybill.waybill_no, ReturnShipment.back_at)
        .where(ReturnShipment.back_at.is_not(None))
        .join(Waybill, Waybill.id == ReturnShipment.waybill_id)
        .outerjoin(Case, Case.id == ReturnShipment.case_id)
        .where(
            ReturnShipment.early_by_other.is_(True),
            ReturnShipment.reported_at.is_(None),
            ReturnShipment.back_at > now - timedelta(days=365),  # a year on, nobody pays for it any more
        )
    ).all()
    items: list[RiskItem] = []
    for ref_id, case_id, kind, number, back_at in rows:
        assert back_at is not None  # selected so
        due = back_at + days
        state = "overdue" if due < now else "today" if due <= end_of_day else "later"
        items.append(
            RiskItem(f"early_return:{ref_id}", "early_return", ref_id, case_id, kind, number, due, _yuan(fen), state)
        )
    return items


def _yuan(fen: int | None) -> Decimal:
    return (Decimal(fen or 0) / 100).quantize(Decimal("0.01"))
