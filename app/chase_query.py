"""The chase list (催单) straight from SQL: outbound and inbound, keyset pages, counts, and stalled days.

One query per page joins the case with its ChaseDetail, waybill, carrier, handler and courier. The repeat counter
is the case's own column (set when the chase was logged); stalled days are counted for each row of a page against
the clock in the filter, so a list and its test agree on what "today" is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app import settings
from app.case_query import matches_text
from app.chases import is_stalled, stalled_days
from app.columns import Column, direction_label, local_time, one_line, phone, plain, yes_no
from app.errors import ValidationError
from app.paging import sorted_page
from app.workflows import DIRECTIONS, case_workflow
from db.models import Carrier, Case, ChaseDetail, Courier, Operator, Waybill


@dataclass(frozen=True)
class ChaseFilter:
    direction: str | None = None  # outbound | inbound | None for both
    open_only: bool = False
    repeats_only: bool = False  # chased or complained about before, within the repeat window
    text: str | None = None  # part of a waybill, a phone's last 4 digits, or a name
    now: datetime | None = None  # stalled days count up to here (None: the current time)


@dataclass(frozen=True)
class ChaseRow:
    id: int
    version: int
    kind: str
    direction: str
    waybill_no: str
    carrier_name: str | None
    status: str
    status_label: str
    priority: int
    repeat_count: int
    opened_at: datetime
    callback_at: datetime | None
    due_at: datetime | None
    closed_at: datetime | None
    last_followup_at: datetime | None
    caller_name: str | None
    caller_phone: str | None
    request: str | None
    last_scan_at: datetime | None
    last_node: str | None
    arrived: bool | None
    appointment: str | None
    courier: str | None
    handler: str | None
    detail: str | None
    stalled_days: int | None  # outbound only: whole local days since the last scan
    stalled: bool  # past the outlet's stalled-days limit (peak windows allow more)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def next_due(self) -> datetime | None:
        """The earliest promise still open: the callback or the case's own deadline."""
        if not self.is_open:
            return None
        dues = [d for d in (self.callback_at, self.due_at) if d is not None]
        return min(dues) if dues else None


SORTABLE: dict[str, Any] = {
    "id": Case.id,
    "opened_at": Case.opened_at,
    "waybill_no": Waybill.waybill_no,
    "status": Case.status,
    "repeat_count": Case.repeat_count,
    "callback_at": Case.callback_at,
    "due_at": Case.due_at,
    "last_scan_at": ChaseDetail.last_scan_at,
    "last_followup_at": Case.last_followup_at,
}
_NOT_NULL = {"id", "opened_at", "waybill_no", "status", "repeat_count"}

COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "No.", 7, sort="id"),
    Column("repeat_count", "重复", "Repeats", 5, plain, sort="repeat_count"),
    Column("direction", "方向", "Direction", 6, direction_label),
    Column("waybill_no", "运单号", "Waybill", 18, sort="waybill_no"),
    Column("carrier_name", "快递公司", "Carrier", 8),
    Column("status_label", "状态", "Status", 11, sort="status"),
    Column("caller_name", "来电人", "Caller", 8),
    Column("caller_phone", "来电号码", "Caller phone", 14, phone),
    Column("request", "诉求", "Request", 20, one_line),
    Column("callback_at", "约定回电", "Callback", 16, local_time, sort="callback_at"),
    Column("stalled_days", "停滞天数", "Days stalled", 6, plain),
    Column("last_scan_at", "最后扫描", "Last scan", 16, local_time, sort="last_scan_at"),
    Column("last_node", "最后节点", "Last node", 12, one_line),
    Column("arrived", "已到件", "Arrived", 5, yes_no),
    Column("appointment", "预约", "Appointment", 14, one_line),
    Column("courier", "快递员", "Courier", 8),
    Column("opened_at", "来电时间", "Called", 16, local_time, sort="opened_at"),
    Column("due_at", "期限", "Due", 16, local_time, sort="due_at"),
    Column("last_followup_at", "最近跟进", "Last follow-up", 16, local_time, sort="last_followup_at"),
    Column("handler", "经办人", "Handler", 8),
    Column("detail", "说明", "Detail", 24, one_line),
)


def _base() -> Select:
    return (
        select(
            Case.id,
            Case.version,
            Case.kind,
            Case.direction,
            Waybill.waybill_no,
            Carrier.name.label("carrier_name"),
            Case.status,
            Case.priority,
            Case.repeat_count,
            Case.opened_at,
            Case.callback_at,
            Case.due_at,
            Case.closed_at,
            Case.last_followup_at,
            Case.caller_name,
            Case.caller_phone,
            ChaseDetail.request,
            ChaseDetail.last_scan_at,
            ChaseDetail.last_node,
            ChaseDetail.arrived,
            ChaseDetail.appointment,
            Courier.name.label("courier"),
            Operator.name.label("handler"),
            Case.detail,
        )
        .select_from(Case)
        .join(ChaseDetail, ChaseDetail.case_id == Case.id)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .outerjoin(Operator, Operator.id == Case.handler_id)
        .outerjoin(Courier, Courier.id == Case.courier_id)
    )


def conditions(f: ChaseFilter) -> list[ColumnElement[bool]]:
    if f.direction is not None and f.direction not in DIRECTIONS:
        raise ValidationError("bad_direction", direction=f.direction)
    cond: list[ColumnElement[bool]] = [Case.kind == "chase", Case.deleted_at.is_(None)]
    if f.direction:
        cond.append(Case.direction == f.direction)
    if f.open_only:
        cond.append(Case.closed_at.is_(None))
    if f.repeats_only:
        cond.append(Case.repeat_count > 0)
    if f.text and f.text.strip():
        cond.append(matches_text(f.text))
    return cond


def count(session: Session, f: ChaseFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(Case).where(*conditions(f))) or 0)


def _row(r: Any, now: datetime, rules: Any) -> ChaseRow:
    data = r._asdict()
    data["status_label"] = case_workflow("chase", data["direction"]).label(data["status"])
    outbound_open = data["direction"] == "outbound" and data["closed_at"] is None
    scanned = data["last_scan_at"]
    data["stalled_days"] = stalled_days(scanned, now, rules) if data["direction"] == "outbound" else None
    data["stalled"] = outbound_open and is_stalled(scanned, now, rules)
    return ChaseRow(**data)


def page(
    session: Session,
    f: ChaseFilter,
    *,
    sort: str = "opened_at",
    descending: bool = True,
    after: tuple[Any, int] | None = None,
    limit: int = 200,
) -> list[ChaseRow]:
    """One keyset page: rows strictly after `after` = (sort value, id) of the previous page's last row."""
    query = sorted_page(
        _base().where(*conditions(f)),
        SORTABLE,
        _NOT_NULL,
        sort,
        id_column=Case.id,
        descending=descending,
        after=after,
        limit=limit,
    )
    rules, now = settings.deadline_rules(session), f.now or datetime.now(UTC)
    return [_row(r, now, rules) for r in session.execute(query)]


def sort_key(row: ChaseRow, sort: str) -> tuple[Any, int]:
    return getattr(row, sort), row.id
