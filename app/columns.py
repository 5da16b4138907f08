"""Column definitions for lists of cases: one place for header texts, display formatting and widths.

The GUI's table, the Excel and CSV exports and the clipboard copy all read these, so a column looks the same
wherever it appears. Formatters turn a raw value into the text a clerk reads, in the outlet's time zone; phone
numbers are masked unless the caller asks for them unmasked (a manager action).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from app.phones import mask_phone
from app.workflows import DIRECTION_LABELS, KIND_LABELS

DEFAULT_ZONE = "Asia/Shanghai"
TIME_FORMAT = "%Y-%m-%d %H:%M"
PRIORITY_LABELS = {0: "普通", 1: "高", 2: "紧急"}  # as stored: 0 normal, 1 high, 2 urgent
REGISTERED_BY_LABELS = {"us": "我方", "them": "对方"}  # who registered the stuck parcel in the carrier system
YES_NO = {True: "是", False: "否"}
_MANY_DIGITS = re.compile(r"\d{7}")


@dataclass(frozen=True)
class Format:
    """What a formatter needs besides the value: the outlet's zone and whether personal data may show."""

    zone: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_ZONE))
    unmasked: bool = False


Formatter = Callable[[Any, Format], str]


def plain(value: Any, _fmt: Format) -> str:
    return "" if value is None else str(value)


def local_time(value: Any, fmt: Format) -> str:
    """A stored UTC time in the outlet's zone; naive values are taken as UTC (SQLite returns them so)."""
    if not isinstance(value, datetime):
        return plain(value, fmt)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(fmt.zone).strftime(TIME_FORMAT)


def kind_label(value: Any, fmt: Format) -> str:
    return KIND_LABELS.get(value, plain(value, fmt))


def direction_label(value: Any, fmt: Format) -> str:
    return DIRECTION_LABELS.get(value, plain(value, fmt))


def priority_label(value: Any, fmt: Format) -> str:
    if isinstance(value, int) and value > max(PRIORITY_LABELS):
        return PRIORITY_LABELS[max(PRIORITY_LABELS)]
    return PRIORITY_LABELS.get(value, plain(value, fmt))


def local_day(value: Any, fmt: Format) -> str:
    """A calendar day as stored (already the outlet's day, e.g. the earliest return date)."""
    return value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else local_time(value, fmt)


def registered_by_label(value: Any, fmt: Format) -> str:
    return REGISTERED_BY_LABELS.get(value, plain(value, fmt))


def yes_no(value: Any, fmt: Format) -> str:
    return YES_NO.get(value, plain(value, fmt)) if isinstance(value, bool) else plain(value, fmt)


def phone(value: Any, fmt: Format) -> str:
    text = plain(value, fmt)
    return text if fmt.unmasked else mask_phone(text)


def one_line(value: Any, fmt: Format) -> str:
    """Free text on one line, so a note with line breaks does not make a table row tall."""
    return " ".join(plain(value, fmt).split())


def free_text(value: Any, fmt: Format) -> str:
    """Notes on one line; a phone number typed into them is masked like any other phone unless unmasked."""
    text = one_line(value, fmt)
    if not fmt.unmasked and _MANY_DIGITS.search(text):
        return mask_phone(text)
    return text


@dataclass(frozen=True)
class Column:
    key: str  # attribute of the row object
    zh: str
    en: str
    width: int  # in average characters, as Excel measures column widths
    format: Formatter = plain
    sort: str | None = None  # key in the list query's SORTABLE, None when the list cannot sort by it

    def header(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def value(self, row: Any) -> Any:
        return getattr(row, self.key, None)

    def text(self, row: Any, fmt: Format) -> str:
        return self.format(self.value(row), fmt)


CASE_COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "No.", 7, sort="id"),
    Column("kind", "类型", "Kind", 6, kind_label, sort="kind"),
    Column("direction", "方向", "Direction", 6, direction_label),
    Column("waybill_no", "运单号", "Waybill", 18, sort="waybill_no"),
    Column("carrier_name", "快递公司", "Carrier", 8),
    Column("status_label", "状态", "Status", 11, sort="status"),
    Column("priority", "优先级", "Priority", 6, priority_label, sort="priority"),
    Column("problem_type_name", "问题类型", "Problem", 10),
    Column("opened_at", "登记时间", "Opened", 16, local_time, sort="opened_at"),
    Column("due_at", "期限", "Due", 16, local_time, sort="due_at"),
    Column("callback_at", "回电时间", "Callback", 16, local_time),
    Column("last_followup_at", "最近跟进", "Last follow-up", 16, local_time, sort="last_followup_at"),
    Column("handler", "经办人", "Handler", 8),
    Column("courier", "快递员", "Courier", 8),
    Column("caller_name", "来电人", "Caller", 8),
    Column("caller_phone", "来电号码", "Caller phone", 14, phone),
    Column("detail", "说明", "Detail", 30, one_line),
    Column("closed_at", "结案时间", "Closed", 16, local_time, sort="closed_at"),
)


# The stuck-parcel list (app.stuck_query.StuckRow): every column sorts in SQL.
STUCK_COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "No.", 7, sort="id"),
    Column("waybill_no", "运单号", "Waybill", 18, sort="waybill_no"),
    Column("carrier_name", "快递公司", "Carrier", 8, sort="carrier_name"),
    Column("direction", "方向", "Direction", 6, direction_label, sort="direction"),
    Column("problem_type_name", "问题类型", "Problem", 9, sort="problem_type_name"),
    Column("registered_by", "登记方", "Registered by", 6, registered_by_label, sort="registered_by"),
    Column("in_carrier_system", "已录系统", "In carrier system", 6, yes_no, sort="in_carrier_system"),
    Column("courier", "快递员", "Courier", 8, sort="courier"),
    Column("round_no", "频次", "Round", 4, sort="round_no"),
    Column("opened_at", "登记时间", "Reported", 16, local_time, sort="opened_at"),
    Column("shelf", "货架", "Shelf", 6, sort="shelf"),
    Column("message_text", "最近留言", "Last message", 22, one_line, sort="message_text"),
    Column("message_at", "留言时间", "Message at", 16, local_time, sort="message_at"),
    Column("reply_text", "回复", "Reply", 22, one_line, sort="reply_text"),
    Column("reply_at", "回复时间", "Reply at", 16, local_time, sort="reply_at"),
    Column("reply_due_at", "回复期限", "Reply due", 16, local_time, sort="reply_due_at"),
    Column("earliest_return_on", "最早退回", "Earliest return", 10, local_day, sort="earliest_return_on"),
    Column("status_label", "状态", "Status", 10, sort="status_label"),
    Column("handler", "经办人", "Handler", 8, sort="handler"),
    Column("last_followup_at", "最近跟进", "Last follow-up", 16, local_time, sort="last_followup_at"),
    Column("due_at", "期限", "Due", 16, local_time, sort="due_at"),
)


def by_key(columns: Sequence[Column], key: str) -> Column:
    for column in columns:
        if column.key == key:
            return column
    raise KeyError(key)


def as_table(rows: Sequence[Any], columns: Sequence[Column], fmt: Format, lang: str = "zh") -> list[list[str]]:
    """Header line and one line of display texts per row: what an export or a clipboard copy writes. Free text
    (a `one_line` column) is written as `free_text`: a phone typed into a note is masked there too."""
    cells = [replace(c, format=free_text) if c.format is one_line else c for c in columns]
    return [[c.header(lang) for c in columns], *([c.text(row, fmt) for c in cells] for row in rows)]


def as_tsv(rows: Sequence[Any], columns: Sequence[Column], fmt: Format, lang: str = "zh") -> str:
    """Tab-separated text as Excel and WeChat accept a paste; tabs and line breaks inside cells become spaces."""
    lines = as_table(rows, columns, fmt, lang)
    return "\n".join("\t".join(" ".join(cell.split("\t")).replace("\n", " ") for cell in line) for line in lines)
