"""The one deadline module: every time rule of DESIGN.md §3, configurable through `DeadlineRules`.

Hour limits are exact (`start + N h`, whatever the calendar does). Day limits end at the end of the N-th local
calendar day after the opening day, and peak windows (双十一, 双十二) add extra days to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Urgency = Literal["overdue", "due_today", "later", "none"]


@dataclass(frozen=True)
class PeakWindow:
    start: tuple[int, int]  # (month, day), inclusive, every year
    end: tuple[int, int]  # inclusive; may wrap the year end (12-25 .. 01-05)

    def contains(self, d: date) -> bool:
        md = (d.month, d.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end

    def __str__(self) -> str:
        return f"{self.start[0]:02d}-{self.start[1]:02d}~{self.end[0]:02d}-{self.end[1]:02d}"


def _month_day(value: Any) -> tuple[int, int]:
    if isinstance(value, str):
        month, day = (int(x) for x in value.strip().split("-"))
    else:
        month, day = (int(x) for x in value)
    date(2024, month, day)  # a leap year, so 02-29 is allowed; raises ValueError for 13-40
    return month, day


@dataclass(frozen=True)
class DeadlineRules:
    zone: str = "Asia/Shanghai"
    peak_windows: tuple[PeakWindow, ...] = (PeakWindow((11, 11), (11, 20)), PeakWindow((12, 12), (12, 15)))
    peak_extra_days: int = 2
    message_reply_hours: int = 24
    return_day_no_reply: int = 6
    return_day_unreachable: int = 7
    complaint_sla_hours: int = 24
    complaint_12305_days: int = 7
    chase_stalled_days: int = 3
    repeat_window_days: int = 7

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadlineRules:
        """Rules from stored JSON; unknown keys are ignored, a bad value raises ValueError naming its key."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            try:
                if f.name == "zone":
                    ZoneInfo(str(raw))
                    values["zone"] = str(raw)
                elif f.name == "peak_windows":
                    values["peak_windows"] = tuple(
                        PeakWindow(_month_day(w[0]), _month_day(w[1])) if not isinstance(w, PeakWindow) else w
                        for w in raw
                    )
                else:
                    number = int(raw)
                    if number < 0 or (number != raw and not isinstance(raw, str)):
                        raise ValueError(raw)
                    values[f.name] = number
            except (ValueError, TypeError, IndexError, ZoneInfoNotFoundError) as exc:
                raise ValueError(f"{f.name}: {raw!r}") from exc
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["peak_windows"] = [
            [f"{w.start[0]:02d}-{w.start[1]:02d}", f"{w.end[0]:02d}-{w.end[1]:02d}"] for w in self.peak_windows
        ]
        return data


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: deadlines need an aware instant")
    return instant


def after_hours(start: datetime, hours: float) -> datetime:
    """Exactly `hours` later: hour limits ignore calendars, DST and peak windows. Computed in UTC because Python
    adds to an aware datetime on its wall clock, which would make 24 h across a DST change 23 or 25 real hours."""
    return _aware(start).astimezone(UTC) + timedelta(hours=hours)


def local_date(instant: datetime, rules: DeadlineRules) -> date:
    return _aware(instant).astimezone(rules.tz()).date()


def start_of_local_day(d: date, rules: DeadlineRules) -> datetime:
    return datetime.combine(d, time(0, 0), tzinfo=rules.tz()).astimezone(UTC)


def end_of_local_day(d: date, rules: DeadlineRules) -> datetime:
    return datetime.combine(d, time(23, 59, 59), tzinfo=rules.tz()).astimezone(UTC)


def is_peak(d: date, rules: DeadlineRules) -> bool:
    return any(w.contains(d) for w in rules.peak_windows)


def _extended_day(first: date, days: int, rules: DeadlineRules) -> date:
    """`first + days`, plus the peak extra days when any day of that span falls in a peak window."""
    due = first + timedelta(days=days)
    span = (first + timedelta(days=i) for i in range((due - first).days + 1))
    if rules.peak_extra_days and any(is_peak(d, rules) for d in span):
        due += timedelta(days=rules.peak_extra_days)
    return due


def after_days(start: datetime, days: int, rules: DeadlineRules) -> datetime:
    """End of the N-th local calendar day after the opening day (peak windows add days)."""
    return end_of_local_day(_extended_day(local_date(start, rules), days, rules), rules)


def earliest_return_on(message_at: datetime, rules: DeadlineRules, *, unreachable: bool = False) -> date:
    """Day N counting the 留言 day as day 1 (6 by default, 7 when the recipient cannot be reached)."""
    n = rules.return_day_unreachable if unreachable else rules.return_day_no_reply
    return _extended_day(local_date(message_at, rules), max(n - 1, 0), rules)


def message_reply_due(received_at: datetime, rules: DeadlineRules) -> datetime:
    return after_hours(received_at, rules.message_reply_hours)


def complaint_due(opened_at: datetime, rules: DeadlineRules) -> datetime:
    return after_hours(opened_at, rules.complaint_sla_hours)


def complaint_12305_due(opened_at: datetime, rules: DeadlineRules) -> datetime:
    return after_days(opened_at, rules.complaint_12305_days, rules)


def chase_stalled(last_scan_at: datetime, now: datetime, rules: DeadlineRules) -> bool:
    """True once the parcel has not moved past the stalled-days limit (peak windows allow more)."""
    return _aware(now) > after_days(last_scan_at, rules.chase_stalled_days, rules)


def repeat_window_start(now: datetime, rules: DeadlineRules) -> datetime:
    return _aware(now).astimezone(UTC) - timedelta(days=rules.repeat_window_days)


def urgency(due_at: datetime | None, now: datetime, rules: DeadlineRules) -> Urgency:
    if due_at is None:
        return "none"
    if _aware(now) > _aware(due_at):
        return "overdue"
    if local_date(due_at, rules) == local_date(now, rules):
        return "due_today"
    return "later"
