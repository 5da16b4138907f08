"""The daily exception sheet (每日问题件日报) the manager and the upstream company receive every evening.

Sheet 1 "问题件明细" lists every stuck parcel opened on day D or still open at its end, plus those closed that day
(marked 当日结案); rows overdue at the end of D are filled. Sheet 2 "汇总" gives the day's figures: new parcels by
problem type, the 留言 we owed that day (answered in time, late, not yet), returns, the evening shelf count, and
counts by courier and by status. Both end with the handover signature lines.

The data comes in a handful of set-based queries (cases with everything joined, courier areas, compounds, later
status changes; the 汇总 figures in `daily_summary`) and is shaped in Python, so 10,000 rows cost about what
openpyxl needs to write them. "Day D" is the outlet's local calendar day. Personal data is masked unless the
caller (a manager) asks otherwise: phones, and addresses shortened to the compound or the road.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import settings
from app.columns import Column, Format, local_time, one_line, plain
from app.errors import ValidationError
from app.export.daily_summary import (
    CLOSED_TODAY,
    NEW_TODAY,
    SIGNATURES,
    DailySummary,
    LocalDay,
    latest_shelf_count,
    messages_due,
    money_on,
    returns_on,
    summarise,
    write_summary_sheet,
)
from app.export.files import approve_unmasked, atomic_output, ticker
from app.export.table import free_text, profile_columns, row_cells
from app.phones import mask_phone
from app.progress import Cancelled, Progress
from app.workflows import STUCK
from db.models import (
    Area,
    Carrier,
    Case,
    Courier,
    CourierArea,
    Followup,
    Operator,
    Place,
    ProblemType,
    StuckDetail,
    Waybill,
)

if TYPE_CHECKING:
    from app.actor import Actor
    from app.export.profiles import ExportProfileSpec

FORMATS = (".xlsx",)
DETAIL_SHEET = "问题件明细"
OVERDUE = "超期"
REGISTERED_BY = {"us": "我方", "them": "对方"}
MESSAGE_SIDE = {"sent": "我方", "received": "对方"}
REPLY_SIDE = {"sent": "received", "received": "sent"}  # a reply comes from the other side
NEXT_STEPS = {
    "pending": "给对方网点留言",
    "awaiting_reply": "催对方网点回复",
    "replied": "按回复处理",
    "redeliver": "安排再派",
    "to_return": "退回",
    "returning": "跟踪退回件",
}
SHORT_ADDRESS = 24  # characters of a masked address kept


# --- cell formatters ---------------------------------------------------------------------------------------------

_ADMIN_PREFIX = re.compile(
    r"^(?:.{2,8}?(?:省|自治区|特别行政区))?(?:.{2,8}?(?:市|自治州|地区|盟)(?:.{1,8}?(?:区|县|旗|市))?)?"
)
_DIGITS = re.compile(r"\d+")


def _registered_by(value: Any, fmt: Format) -> str:
    return REGISTERED_BY.get(value, plain(value, fmt))


def _yes_no(value: Any, fmt: Format) -> str:
    return "" if value is None else "是" if value else "否"


def _iso_date(value: Any, fmt: Format) -> str:
    return value.isoformat() if isinstance(value, date) else plain(value, fmt)


def _recipient_phone(value: Any, fmt: Format) -> str:
    """(phone as given, last four): masked like every printed phone; just the tail when no phone is stored."""
    phone, tail = value
    if phone:
        return one_line(phone, fmt) if fmt.unmasked else mask_phone(phone)
    return f"****{tail}" if tail else ""


def short_address(address: str) -> str:
    """The road and building without the province/city/district or any house, unit or room number."""
    text = " ".join(address.split())
    text = _ADMIN_PREFIX.sub("", text, count=1) or text
    return _DIGITS.sub("*", text)[:SHORT_ADDRESS]


def _place(value: Any, fmt: Format) -> str:
    """(compound, address): the compound when one of ours is named in the address, else the address itself."""
    compound, address = value
    if compound:
        return compound
    if not address:
        return ""
    return one_line(address, fmt) if fmt.unmasked else short_address(address)


def _message(value: Any, fmt: Format) -> str:
    side, text = value
    if not text:
        return ""
    label = MESSAGE_SIDE.get(side)
    body = free_text(text, fmt)
    return f"{label}：{body}" if label else body


DAILY_COLUMNS: tuple[Column, ...] = (
    Column("waybill_no", "运单号", "Waybill", 18),
    Column("carrier_name", "快递公司", "Carrier", 8),
    Column("registered_by", "登记方", "Registered by", 6, _registered_by),
    Column("problem_type_name", "问题类型", "Problem", 10),
    Column("opened_at", "登记时间", "Opened", 16, local_time),
    Column("courier", "快递员", "Courier", 8),
    Column("area", "片区", "Area", 10),
    Column("recipient_phone", "收件电话", "Recipient phone", 14, _recipient_phone),
    Column("place", "小区/地址", "Compound / address", 18, _place),
    Column("message", "最新留言", "Latest message", 26, _message),
    Column("message_at", "留言时间", "Message time", 16, local_time),
    Column("reply", "回复", "Reply", 26, _message),
    Column("reply_at", "回复时间", "Reply time", 16, local_time),
    Column("shelf", "货架", "Shelf", 7),
    Column("days_held", "滞留天数", "Days held", 6),
    Column("earliest_return_on", "最早可退日", "Earliest return", 11, _iso_date),
    Column("status_label", "状态", "Status", 11),
    Column("mark", "标记", "Mark", 10),
    Column("next_step", "下一步", "Next step", 18),
    Column("handler", "经办人", "Owner", 8),
    Column("in_carrier_system", "已录系统", "In carrier system", 6, _yes_no),
    Column("on_shelf", "盘点在架", "On shelf at count", 6, _yes_no),
    Column("detail", "说明", "Detail", 24, free_text),
)


# --- what the sheet shows ----------------------------------------------------------------------------------------


class DailyRow(NamedTuple):
    """One line of the detail sheet (a tuple: 10,000 of them are built per export)."""

    case_id: int
    waybill_no: str
    carrier_name: str | None
    registered_by: str | None
    problem_type_name: str | None
    opened_at: datetime
    courier_id: int | None
    courier: str | None
    area: str | None
    recipient_phone: tuple[str | None, str | None]
    place: tuple[str | None, str | None]
    message: tuple[str | None, str | None]
    message_at: datetime | None
    reply: tuple[str | None, str | None]
    reply_at: datetime | None
    shelf: str | None
    days_held: int
    earliest_return_on: date | None
    status: str
    status_label: str
    mark: str
    next_step: str
    handler: str | None
    in_carrier_system: bool | None
    on_shelf: bool | None
    detail: str | None
    opened_today: bool
    closed_today: bool
    open_at_end: bool
    overdue: bool


class _CompoundFinder:
    """Which of the outlet's compounds an address names: one alternation, longest names and keywords first."""

    def __init__(self, places: Iterable[tuple[str, list[str] | None]]) -> None:
        names: dict[str, str] = {}
        for name, keywords in places:
            names.setdefault(name, name)
            for keyword in keywords or []:
                if isinstance(keyword, str) and len(keyword) >= 2:
                    names.setdefault(keyword, name)
        self._names = names
        alternatives = sorted(names, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    def find(self, address: str | None) -> str | None:
        if not address or self._pattern is None:
            return None
        found = self._pattern.search(address)
        return self._names[found.group()] if found else None


# --- queries -----------------------------------------------------------------------------------------------------


def _case_rows(session: Session, d: LocalDay) -> list[Any]:
    """Every stuck case on D's sheet with all it shows, as plain tuples (`_daily_rows` unpacks them in order)."""
    query = (
        select(
            Case.id,
            Case.status,
            Case.opened_at,
            Case.closed_at,
            Case.due_at,
            Case.detail,
            Case.courier_id,
            Waybill.waybill_no,
            Waybill.recipient_phone,
            Waybill.recipient_phone_tail,
            Waybill.recipient_address,
            Carrier.name.label("carrier_name"),
            ProblemType.name.label("problem_type_name"),
            Operator.name.label("handler"),
            Courier.name.label("courier"),
            StuckDetail.registered_by,
            StuckDetail.in_carrier_system,
            StuckDetail.shelf,
            StuckDetail.earliest_return_on,
            StuckDetail.on_shelf_checked_at,
            StuckDetail.message_direction,
            StuckDetail.message_text,
            StuckDetail.message_at,
            StuckDetail.reply_text,
            StuckDetail.reply_at,
            StuckDetail.reply_due_at,
        )
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(StuckDetail, StuckDetail.case_id == Case.id)
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .outerjoin(Operator, Operator.id == Case.handler_id)
        .outerjoin(Courier, Courier.id == Case.courier_id)
        .where(
            Case.kind == "stuck",
            Case.deleted_at.is_(None),
            Case.opened_at < d.next_start,
            or_(Case.closed_at.is_(None), Case.closed_at >= d.start),
        )
        .order_by(Case.opened_at, Case.id)
    )
    return [tuple(row) for row in session.execute(query)]


def _areas_on(session: Session, day: date) -> dict[int, str]:
    """Each courier's areas valid on the day, joined: "滨江片区、望湖片区"."""
    query = (
        select(CourierArea.courier_id, Area.name)
        .join(Area, Area.id == CourierArea.area_id)
        .where(
            Area.deleted_at.is_(None),
            or_(CourierArea.valid_from.is_(None), CourierArea.valid_from <= day),
            or_(CourierArea.valid_to.is_(None), CourierArea.valid_to >= day),
        )
        .order_by(CourierArea.courier_id, Area.name)
    )
    areas: dict[int, list[str]] = {}
    for courier_id, name in session.execute(query):
        names = areas.setdefault(courier_id, [])
        if name not in names:
            names.append(name)
    return {courier_id: "、".join(names) for courier_id, names in areas.items()}


def _compounds(session: Session) -> _CompoundFinder:
    query = select(Place.name, Place.keywords).where(Place.kind == "compound", Place.deleted_at.is_(None))
    return _CompoundFinder((name, keywords) for name, keywords in session.execute(query))


def _status_at_end(session: Session, d: LocalDay) -> dict[int, str]:
    """Cases whose status changed after D: their status at the end of D is the `from` of the first later change
    (a sheet for an earlier day shows that day's status, not today's). Empty for today's sheet."""
    query = (
        select(Followup.case_id, Followup.data)
        .join(Case, Case.id == Followup.case_id)
        .where(Followup.at >= d.next_start, Case.kind == "stuck", Case.opened_at < d.next_start)
        .order_by(Followup.at, Followup.id)
    )
    earlier: dict[int, str] = {}
    for case_id, data in session.execute(query):
        before = data.get("from") if isinstance(data, dict) else None
        if case_id not in earlier and isinstance(before, str):
            earlier[case_id] = before
    return earlier


# --- shaping -----------------------------------------------------------------------------------------------------


def _next_step(
    status: str, open_at_end: bool, reply_due_at: datetime | None, earliest_return_on: date | None, fmt: Format
) -> str:
    """What the next shift does with the parcel: an answer we owe comes first, then the step its status asks for."""
    if not open_at_end:
        return ""
    if reply_due_at is not None:
        return f"回复对方留言（{local_time(reply_due_at, fmt)}前）"
    if status == "to_return" and earliest_return_on is not None:
        return f"{earliest_return_on.isoformat()}起退回"
    return NEXT_STEPS.get(status, "")


def _daily_rows(
    raw: Sequence[Any],
    d: LocalDay,
    *,
    areas: dict[int, str],
    compounds: _CompoundFinder,
    earlier_status: dict[int, str],
    counted: bool,
    fmt: Format,
) -> list[DailyRow]:
    zone = d.rules.tz()
    labels = {state.code: state.label for state in STUCK.states}
    rows = []
    # Unpacked in `_case_rows`' column order: a Row's attribute lookups cost more than the rest of this loop.
    for (
        case_id,
        current_status,
        opened_at,
        closed_at,
        due_at,
        detail,
        courier_id,
        waybill_no,
        recipient_phone,
        recipient_phone_tail,
        recipient_address,
        carrier_name,
        problem_type_name,
        handler,
        courier,
        registered_by,
        in_carrier_system,
        shelf,
        earliest_return_on,
        on_shelf_checked_at,
        message_direction,
        message_text,
        message_at,
        reply_text,
        reply_at,
        reply_due_at,
    ) in raw:
        closed_today = closed_at is not None and d.start <= closed_at < d.next_start
        open_at_end = closed_at is None or closed_at >= d.next_start
        opened_today = opened_at >= d.start
        status = earlier_status.get(case_id, current_status)
        overdue = open_at_end and (
            (due_at is not None and due_at < d.next_start) or (reply_due_at is not None and reply_due_at < d.next_start)
        )
        marks = [NEW_TODAY] if opened_today else []
        if closed_today:
            marks.append(CLOSED_TODAY)
        if overdue:
            marks.append(OVERDUE)
        if on_shelf_checked_at is not None and d.start <= on_shelf_checked_at < d.next_start:
            on_shelf: bool | None = True
        else:
            on_shelf = False if counted and open_at_end else None
        rows.append(
            DailyRow(
                case_id,
                waybill_no,
                carrier_name,
                registered_by,
                problem_type_name,
                opened_at,
                courier_id,
                courier,
                areas.get(courier_id) if courier_id is not None else None,
                (recipient_phone, recipient_phone_tail),
                (compounds.find(recipient_address), recipient_address),
                (message_direction, message_text),
                message_at,
                (REPLY_SIDE.get(message_direction), reply_text),
                reply_at,
                shelf,
                (d.day - opened_at.astimezone(zone).date()).days + 1,
                earliest_return_on,
                status,
                labels.get(status) or STUCK.label(status),
                "、".join(marks),
                _next_step(status, open_at_end, reply_due_at, earliest_return_on, fmt),
                handler,
                in_carrier_system,
                on_shelf,
                detail,
                opened_today,
                closed_today,
                open_at_end,
                overdue,
            )
        )
    return rows


def sheet_title(session: Session, day: date) -> str:
    outlet = settings.get(session, "outlet.name") or ""
    return f"{outlet} 每日问题件日报 {day.isoformat()}".strip()


def write_daily_sheet(
    session: Session,
    day: date,
    path: Path,
    *,
    unmasked: bool = False,
    actor: Actor | None = None,
    manager_pin: str | None = None,
    profile: ExportProfileSpec | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> DailySummary:
    """Write the sheet for local day `day` to `path` (.xlsx) and return its figures. Runs off the UI thread:
    `progress(done, total)` is called as rows are written and `cancelled()` is polled; a cancel or an error
    leaves no file behind. `unmasked` needs a manager (`actor` one, or `manager_pin`), checked before anything
    is written; the summary names that manager for the caller's `record_unmasked`."""
    from app.export.xlsx import Book, SheetColumn

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValidationError(
            "export_bad_suffix", fields={"path": "export_bad_suffix"}, suffix=path.suffix or "（无）", allowed=".xlsx"
        )
    approved_by = approve_unmasked(session, actor, manager_pin) if unmasked else None
    columns = profile_columns(DAILY_COLUMNS, "daily", profile)
    rules = settings.deadline_rules(session)
    d = LocalDay.of(day, rules)
    fmt = Format(zone=rules.tz(), unmasked=unmasked)
    with atomic_output(path) as temp:
        shelf = latest_shelf_count(session, d)
        rows = _daily_rows(
            _case_rows(session, d),
            d,
            areas=_areas_on(session, day),
            compounds=_compounds(session),
            earlier_status=_status_at_end(session, d),
            counted=shelf is not None,
            fmt=fmt,
        )
        summary = summarise(
            rows,
            d,
            path,
            messages=messages_due(session, d),
            returns=returns_on(session, d),
            shelf=shelf,
            money=money_on(session, d),
        )
        ticks = ticker(len(rows), progress, cancelled)
        title = sheet_title(session, day)
        book = Book()
        try:
            sheet = book.sheet(DETAIL_SHEET, title, [SheetColumn(c.header, c.column.width) for c in columns])
            cells = row_cells(columns, fmt)
            for done, row in enumerate(rows, 1):
                sheet.append(cells(row), highlight=row.overdue)
                ticks.tick(done)
            sheet.signatures(SIGNATURES)
            write_summary_sheet(book, f"{title}（汇总）", summary, fmt)
            ticks.report(len(rows))
            book.save(temp)
        except BaseException:
            book.discard()
            raise
    return dataclasses.replace(summary, approved_by=approved_by)
