"""The 汇总 sheet of the daily exception sheet: the day's figures, the queries behind them and their layout.

New parcels by problem type, the 留言 from other outlets whose answer was due that day (answered in time, late,
not yet), returns sent and arrived (from the status changes the timeline records), the day's latest shelf count,
and counts by courier and by status. Each figure is one set-based query or a count over the detail rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.columns import Format, local_time
from app.deadlines import DeadlineRules, start_of_local_day
from db.models import Case, Claim, Fine, Followup, Message, ReturnShipment, ShelfCount

if TYPE_CHECKING:
    from app.actor import Actor
    from app.export.xlsx import Book

SUMMARY_SHEET = "汇总"
SIGNATURES = ("交班人", "接班人", "站长")
CLOSED_TODAY = "当日结案"
NEW_TODAY = "当日新增"
NO_TYPE = "未分类"
NO_COURIER = "未指派"
RETURN_STATUSES = ("returning", "returned")


class SummaryRow(Protocol):
    """What the counts need of a detail row."""

    @property
    def problem_type_name(self) -> str | None: ...
    @property
    def courier(self) -> str | None: ...
    @property
    def status_label(self) -> str: ...
    @property
    def opened_today(self) -> bool: ...
    @property
    def closed_today(self) -> bool: ...
    @property
    def open_at_end(self) -> bool: ...
    @property
    def overdue(self) -> bool: ...


@dataclass(frozen=True)
class LocalDay:
    """Day D in the outlet's zone, as the half-open UTC range [start, next_start)."""

    day: date
    start: datetime  # first instant of D (UTC)
    next_start: datetime  # first instant of D + 1: "the end of D" without sub-second gaps
    rules: DeadlineRules

    @classmethod
    def of(cls, day: date, rules: DeadlineRules) -> LocalDay:
        return cls(day, start_of_local_day(day, rules), start_of_local_day(day + timedelta(days=1), rules), rules)

    def contains(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.next_start


@dataclass(frozen=True)
class ShelfCountResult:
    counted_at: datetime
    scanned: int
    on_shelf_open: int
    on_shelf_closed: int
    not_scanned: int
    unknown: int
    flagged_lost: int


@dataclass(frozen=True)
class MoneyDay:
    """The day's money at risk: interceptions due by D's rounds and what became of them, returns both ways,
    fines issued and claims paid on D."""

    intercepts_due: int  # interceptions whose round left on D
    intercepts_done: int  # went to 已拦截 on D
    intercepts_failed: int  # went to 拦截失败 on D
    returns_sent: int  # return shipments sent on D
    returns_back: int  # our parcels back on D
    returns_early: int  # of those, returned early by another outlet (to report)
    fines: int
    fines_amount: Decimal
    claims_paid: int
    claims_paid_amount: Decimal


@dataclass(frozen=True)
class DailySummary:
    """The day's figures, as the 汇总 sheet shows them (also for tests and the GUI's status line)."""

    day: date
    path: Path
    rows: int
    new: int
    open_at_end: int
    closed_today: int
    overdue: int
    new_by_type: dict[str, int]
    messages_due: int  # 留言 from other outlets whose answer was due on D
    answered_in_time: int
    answered_late: int
    unanswered: int
    returns_started: int  # cases that went to 退回中 on D
    returned: int  # cases that went to 已退回 on D
    shelf_count: ShelfCountResult | None  # the day's latest count, None when nobody counted
    by_courier: dict[str, int]
    overdue_by_courier: dict[str, int]
    by_status: dict[str, int]
    money: MoneyDay
    approved_by: Actor | None = None  # the manager who allowed an unmasked sheet


# --- queries ---------------------------------------------------------------------------------------------------------


def messages_due(session: Session, d: LocalDay) -> tuple[int, int, int]:
    """Other outlets' 留言 whose answer was due on D: (answered in time, answered late, not answered)."""
    query = (
        select(Message.reply_at, Message.reply_due_at)
        .join(Case, Case.id == Message.case_id)
        .where(
            Message.direction == "received",
            Message.reply_due_at >= d.start,
            Message.reply_due_at < d.next_start,
            Case.kind == "stuck",
            Case.deleted_at.is_(None),
        )
    )
    in_time = late = unanswered = 0
    for reply_at, due in session.execute(query):
        if reply_at is None:
            unanswered += 1
        elif due is None or reply_at <= due:
            in_time += 1
        else:
            late += 1
    return in_time, late, unanswered


def returns_on(session: Session, d: LocalDay) -> dict[str, int]:
    """Cases that went to 退回中 / 已退回 on D, from the transitions the timeline records as {"from", "to"}."""
    to = Followup.data["to"].as_string()
    query = (
        select(to, Followup.case_id)
        .join(Case, Case.id == Followup.case_id)
        .where(
            Followup.at >= d.start,
            Followup.at < d.next_start,
            to.in_(RETURN_STATUSES),
            Case.kind == "stuck",
            Case.deleted_at.is_(None),
        )
        .distinct()
    )
    return dict(Counter(status for status, _ in session.execute(query)))


def money_on(session: Session, d: LocalDay) -> MoneyDay:
    """Interceptions, returns, fines and paid claims of D, each one counting query."""
    to = Followup.data["to"].as_string()
    moved = (
        select(to, func.count(func.distinct(Followup.case_id)))
        .join(Case, Case.id == Followup.case_id)
        .where(
            Followup.at >= d.start,
            Followup.at < d.next_start,
            to.in_(("intercepted", "failed")),
            Case.kind == "intercept",
            Case.deleted_at.is_(None),
        )
        .group_by(to)
    )
    steps: dict[str, int] = {status: count for status, count in session.execute(moved)}
    due = session.scalar(
        select(func.count()).where(
            Case.kind == "intercept", Case.due_at >= d.start, Case.due_at < d.next_start, Case.deleted_at.is_(None)
        )
    )
    sent = session.scalar(
        select(func.count()).where(ReturnShipment.sent_at >= d.start, ReturnShipment.sent_at < d.next_start)
    )
    back, early = session.execute(
        select(func.count(), func.count().filter(ReturnShipment.early_by_other.is_(True))).where(
            ReturnShipment.back_at >= d.start, ReturnShipment.back_at < d.next_start
        )
    ).one()
    fines, fined = session.execute(
        select(func.count(), func.sum(Fine.amount)).where(
            Fine.issued_at >= d.start, Fine.issued_at < d.next_start, Fine.deleted_at.is_(None)
        )
    ).one()
    paid, paid_amount = session.execute(
        select(func.count(), func.sum(Claim.approved_amount)).where(
            Claim.status == "paid",
            Claim.closed_at >= d.start,
            Claim.closed_at < d.next_start,
            Claim.deleted_at.is_(None),
        )
    ).one()
    return MoneyDay(
        intercepts_due=due or 0,
        intercepts_done=steps.get("intercepted", 0),
        intercepts_failed=steps.get("failed", 0),
        returns_sent=sent or 0,
        returns_back=back or 0,
        returns_early=early or 0,
        fines=fines or 0,
        fines_amount=fined or Decimal("0.00"),
        claims_paid=paid or 0,
        claims_paid_amount=paid_amount or Decimal("0.00"),
    )


def latest_shelf_count(session: Session, d: LocalDay) -> ShelfCountResult | None:
    count = session.scalars(
        select(ShelfCount)
        .where(ShelfCount.counted_at >= d.start, ShelfCount.counted_at < d.next_start)
        .order_by(ShelfCount.counted_at.desc(), ShelfCount.id.desc())
        .limit(1)
    ).first()
    if count is None:
        return None
    return ShelfCountResult(
        counted_at=count.counted_at,
        scanned=count.scanned,
        on_shelf_open=count.on_shelf_open,
        on_shelf_closed=count.on_shelf_closed,
        not_scanned=count.not_scanned,
        unknown=count.unknown,
        flagged_lost=count.flagged_lost,
    )


# --- the sheet -------------------------------------------------------------------------------------------------------


def summarise(
    rows: Sequence[SummaryRow],
    d: LocalDay,
    path: Path,
    *,
    messages: tuple[int, int, int],
    returns: dict[str, int],
    shelf: ShelfCountResult | None,
    money: MoneyDay,
) -> DailySummary:
    new_by_type = Counter(r.problem_type_name or NO_TYPE for r in rows if r.opened_today)
    by_courier = Counter(r.courier or NO_COURIER for r in rows)
    overdue_by_courier = Counter(r.courier or NO_COURIER for r in rows if r.overdue)
    by_status = Counter(r.status_label for r in rows)
    in_time, late, unanswered = messages
    return DailySummary(
        day=d.day,
        path=path,
        rows=len(rows),
        new=sum(new_by_type.values()),
        open_at_end=sum(1 for r in rows if r.open_at_end),
        closed_today=sum(1 for r in rows if r.closed_today),
        overdue=sum(overdue_by_courier.values()),
        new_by_type=dict(new_by_type.most_common()),
        messages_due=in_time + late + unanswered,
        answered_in_time=in_time,
        answered_late=late,
        unanswered=unanswered,
        returns_started=returns.get("returning", 0),
        returned=returns.get("returned", 0),
        shelf_count=shelf,
        by_courier=dict(by_courier.most_common()),
        overdue_by_courier=dict(overdue_by_courier),
        by_status=dict(by_status.most_common()),
        money=money,
    )


def _overdue_note(s: DailySummary, courier: str) -> str:
    n = s.overdue_by_courier.get(courier, 0)
    return f"超期 {n}" if n else ""


def write_summary_sheet(book: Book, title: str, s: DailySummary, fmt: Format) -> None:
    from app.export.xlsx import SheetColumn

    sheet = book.sheet(
        SUMMARY_SHEET, title, [SheetColumn("项目", 22), SheetColumn("数量", 10), SheetColumn("说明", 30)], table=False
    )

    def section(name: str, lines: Iterable[tuple[str, int | str, str]]) -> None:
        sheet.heading(name)
        for label, value, note in lines:
            sheet.append([label, value, note])

    section(
        "概况",
        [
            ("明细行数", s.rows, ""),
            (NEW_TODAY, s.new, ""),
            ("日终未结", s.open_at_end, ""),
            (CLOSED_TODAY, s.closed_today, ""),
            ("超期未结", s.overdue, "明细中已标红"),
        ],
    )
    section("当日新增（按问题类型）", [(name, n, "") for name, n in s.new_by_type.items()] or [("无", 0, "")])
    section(
        "对方留言（当日到期）",
        [
            ("应回复", s.messages_due, ""),
            ("按时回复", s.answered_in_time, ""),
            ("超时回复", s.answered_late, ""),
            ("未回复", s.unanswered, ""),
        ],
    )
    section("退回", [("转为退回中", s.returns_started, ""), ("已退回", s.returned, "")])
    m = s.money
    section(
        "资金风险",
        [
            ("拦截件当日到期", m.intercepts_due, "当日派送趟次前须拦下"),
            ("已拦截", m.intercepts_done, ""),
            ("拦截失败", m.intercepts_failed, "可能被扣款" if m.intercepts_failed else ""),
            ("退件寄出", m.returns_sent, ""),
            ("退件返回", m.returns_back, ""),
            ("其中被提前退回", m.returns_early, "7 日内上报" if m.returns_early else ""),
            ("当日罚款", m.fines, f"合计 {m.fines_amount:,.2f} 元"),
            ("当日理赔赔付", m.claims_paid, f"合计 {m.claims_paid_amount:,.2f} 元"),
        ],
    )
    count = s.shelf_count
    if count is None:
        section("留仓盘点", [("当日未盘点", "", "")])
    else:
        section(
            "留仓盘点",
            [
                ("盘点时间", local_time(count.counted_at, fmt), ""),
                ("扫描件数", count.scanned, ""),
                ("在架且未结", count.on_shelf_open, ""),
                ("在架但已结案", count.on_shelf_closed, "应下架或改状态"),
                ("未扫到", count.not_scanned, "需查找"),
                ("无案件记录", count.unknown, "需登记"),
                ("疑似遗失", count.flagged_lost, ""),
            ],
        )
    section(
        "按快递员",
        [(name, n, _overdue_note(s, name)) for name, n in s.by_courier.items()] or [("无", 0, "")],
    )
    section("按状态", [(label, n, "") for label, n in s.by_status.items()] or [("无", 0, "")])
    sheet.signatures(SIGNATURES)
