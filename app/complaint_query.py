"""The complaint list (投诉) straight from SQL: by channel, with its clocks, keyset pages and counts.

One query per page joins the case with its ComplaintDetail, waybill, carrier and handler. The clocks are the
ones `app.complaints` set when the complaint was logged: first response, resolution (the case's due time) and
the day the customer may go to 12305.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.case_query import matches_text
from app.columns import Column, Format, local_time, one_line, phone, plain
from app.complaints import SOURCE_LABELS
from app.deadlines import COMPLAINT_SOURCES
from app.errors import ValidationError
from app.paging import sorted_page
from app.workflows import COMPLAINT
from db.models import Carrier, Case, ComplaintDetail, Operator, Waybill


@dataclass(frozen=True)
class ComplaintFilter:
    source: str | None = None  # one of COMPLAINT_SOURCES, None for every channel
    open_only: bool = False
    repeats_only: bool = False
    escalated_only: bool = False
    text: str | None = None  # part of a waybill, a phone's last 4 digits, or a name


@dataclass(frozen=True)
class ComplaintRow:
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
    source: str
    external_ticket_no: str | None
    category: str | None
    opened_at: datetime
    first_response_due_at: datetime | None
    first_response_at: datetime | None
    due_at: datetime | None
    appeal_risk_at: datetime | None
    callback_at: datetime | None
    closed_at: datetime | None
    escalation_level: int
    satisfaction: int | None
    caller_name: str | None
    caller_phone: str | None
    handler: str | None
    detail: str | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def next_due(self) -> datetime | None:
        """The earliest clock still running: first response (until answered), callback, resolution, 12305."""
        if not self.is_open:
            return None
        first = self.first_response_due_at if self.first_response_at is None else None
        dues = [d for d in (first, self.callback_at, self.due_at, self.appeal_risk_at) if d is not None]
        return min(dues) if dues else None


SORTABLE: dict[str, Any] = {
    "id": Case.id,
    "opened_at": Case.opened_at,
    "waybill_no": Waybill.waybill_no,
    "status": Case.status,
    "source": ComplaintDetail.source,
    "repeat_count": Case.repeat_count,
    "first_response_due_at": ComplaintDetail.first_response_due_at,
    "due_at": Case.due_at,
    "appeal_risk_at": ComplaintDetail.appeal_risk_at,
    "callback_at": Case.callback_at,
    "escalation_level": ComplaintDetail.escalation_level,
    "satisfaction": ComplaintDetail.satisfaction,
}
_NOT_NULL = {"id", "opened_at", "waybill_no", "status", "source", "repeat_count", "escalation_level"}


def source_label(value: Any, fmt: Format) -> str:
    return SOURCE_LABELS.get(value, plain(value, fmt))


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "No.", 7, sort="id"),
    Column("repeat_count", "重复", "Repeats", 5, plain, sort="repeat_count"),
    Column("source", "渠道", "Channel", 10, source_label, sort="source"),
    Column("external_ticket_no", "工单号", "Ticket", 16),
    Column("category", "类别", "Category", 8),
    Column("waybill_no", "运单号", "Waybill", 18, sort="waybill_no"),
    Column("status_label", "状态", "Status", 8, sort="status"),
    Column("escalation_level", "升级", "Escalated", 5, plain, sort="escalation_level"),
    Column("caller_name", "投诉人", "Complainant", 8),
    Column("caller_phone", "联系电话", "Phone", 14, phone),
    Column("opened_at", "登记时间", "Opened", 16, local_time, sort="opened_at"),
    Column("first_response_due_at", "首次响应期限", "First response due", 16, local_time, sort="first_response_due_at"),
    Column("first_response_at", "首次响应", "First response", 16, local_time),
    Column("callback_at", "约定回电", "Callback", 16, local_time, sort="callback_at"),
    Column("due_at", "办结期限", "Resolve by", 16, local_time, sort="due_at"),
    Column("appeal_risk_at", "12305 风险", "12305 risk", 16, local_time, sort="appeal_risk_at"),
    Column("satisfaction", "满意度", "Satisfaction", 5, plain, sort="satisfaction"),
    Column("handler", "经办人", "Handler", 8),
    Column("carrier_name", "快递公司", "Carrier", 8),
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
            ComplaintDetail.source,
            ComplaintDetail.external_ticket_no,
            ComplaintDetail.category,
            Case.opened_at,
            ComplaintDetail.first_response_due_at,
            ComplaintDetail.first_response_at,
            Case.due_at,
            ComplaintDetail.appeal_risk_at,
            Case.callback_at,
            Case.closed_at,
            ComplaintDetail.escalation_level,
            ComplaintDetail.satisfaction,
            Case.caller_name,
            Case.caller_phone,
            Operator.name.label("handler"),
            Case.detail,
        )
        .select_from(Case)
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .outerjoin(Operator, Operator.id == Case.handler_id)
    )


def conditions(f: ComplaintFilter) -> list[ColumnElement[bool]]:
    if f.source is not None and f.source not in COMPLAINT_SOURCES:
        raise ValidationError(fields={"source": "invalid_input"})
    cond: list[ColumnElement[bool]] = [Case.kind == "complaint", Case.deleted_at.is_(None)]
    if f.source:
        cond.append(ComplaintDetail.source == f.source)
    if f.open_only:
        cond.append(Case.closed_at.is_(None))
    if f.repeats_only:
        cond.append(Case.repeat_count > 0)
    if f.escalated_only:
        cond.append(ComplaintDetail.escalation_level > 0)
    if f.text and f.text.strip():
        cond.append(matches_text(f.text))
    return cond


def count(session: Session, f: ComplaintFilter) -> int:
    query = select(func.count()).select_from(Case)
    if f.source or f.escalated_only:  # the only filters that look at the detail row
        query = query.join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
    return int(session.scalar(query.where(*conditions(f))) or 0)


def _row(r: Any) -> ComplaintRow:
    data = r._asdict()
    data["status_label"] = COMPLAINT.label(data["status"])
    return ComplaintRow(**data)


def page(
    session: Session,
    f: ComplaintFilter,
    *,
    sort: str = "opened_at",
    descending: bool = True,
    after: tuple[Any, int] | None = None,
    limit: int = 200,
) -> list[ComplaintRow]:
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
    return [_row(r) for r in session.execute(query)]


def sort_key(row: ComplaintRow, sort: str) -> tuple[Any, int]:
    return getattr(row, sort), row.id
