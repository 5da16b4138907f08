"""The one deadline module: every time rule of DESIGN.md §3, configurable through `DeadlineRules`.

Hour limits are exact (`start + N h`, whatever the calendar does). Day limits end at the end of the N-th local
calendar day after the opening day, and peak windows (双十一, 双十二) add extra days to them. Instants go in
aware (any zone) and come out in UTC, which is how they are stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Urgency = Literal["overdue", "due_today", "later", "none"]

_NUMBERS: tuple[str, ...] = (
    "peak_extra_days",
    "message_reply_hours",
    "return_day_no_reply",
    "return_day_unreachable",
    "complaint_sla_hours",
    "complaint_12305_days",
    "chase_stalled_days",
    "repeat_window_days",
)
_NUMBERS += ("fine_appeal_days", "arbitration_reply_days")
_AT_LEAST_ONE: tuple[str, ...] = ("return_day_no_reply", "return_day_unreachable")  # day 1 is the 留言 day itself
_AT_LEAST_ONE += ("fine_appeal_days", "arbitration_reply_days")
_ROUND = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _month_day(value: Any) -> tuple[int, int]:
    """(month, day) from `"11-11"` or `[11, 11]`; checked against a leap year so 02-29 is a real day."""
    parts = value.strip().split("-") if isinstance(value, str) else list(value)
    if len(parts) != 2 or any(isinstance(p, bool | float) for p in parts):
        raise ValueError(value)
    month, day = (int(p) for p in parts)
    date(2024, month, day)
    return month, day


@dataclass(frozen=True)
class PeakWindow:
    """A recurring stretch of busy days (both ends inclusive); it may wrap the year end (12-25 .. 01-05)."""

    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            try:
                valid = isinstance(value, tuple) and _month_day(value) == value
            except (ValueError, TypeError):
                valid = False
            if not valid:
                raise ValueError(f"{name}: {value!r}")

    def contains(self, d: date) -> bool:
        md = (d.month, d.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end

    def __str__(self) -> str:
        return f"{self.start[0]:02d}-{self.start[1]:02d}~{self.end[0]:02d}-{self.end[1]:02d}"


@dataclass(frozen=True)
class DeadlineRules:
    """The outlet's time rules; every carrier and region differs, so all of them are settings."""

    zone: str = "Asia/Shanghai"
    peak_windows: tuple[PeakWindow, ...] = (PeakWindow((11, 11), (11, 20)), PeakWindow((12, 12), (12, 15)))
    peak_extra_days: int = 2
    message_reply_hours: int = 24  # reply to another outlet's 留言
    return_day_no_reply: int = 6  # earliest return: day 6 counting the 留言 day
    return_day_unreachable: int = 7  # 7 when the recipient cannot be reached
    complaint_sla_hours: int = 24
    complaint_12305_days: int = 7
    chase_stalled_days: int = 3
    repeat_window_days: int = 7
    delivery_rounds: tuple[str, ...] = ("08:30", "13:30")  # local times the couriers go out: intercept by then
    fine_appeal_days: int = 3  # a fine without the carrier's appeal date may be appealed this many days
    arbitration_reply_days: int = 3  # our statement in an arbitration is due this many days after filing

    def __post_init__(self) -> None:
        """Refuse bad rules when they are built, not later in the middle of a list refresh."""
        try:
            ZoneInfo(self.zone)
        except (ValueError, TypeError, ZoneInfoNotFoundError) as exc:
            raise ValueError(f"zone: {self.zone!r}") from exc
        if not (isinstance(self.peak_windows, tuple) and all(isinstance(w, PeakWindow) for w in self.peak_windows)):
            raise ValueError(f"peak_windows: {self.peak_windows!r}")
        rounds = self.delivery_rounds
        if not (isinstance(rounds, tuple) and rounds and all(isinstance(r, str) and _ROUND.match(r) for r in rounds)):
            raise ValueError(f"delivery_rounds: {rounds!r}")
        for name in _NUMBERS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < lowest(name):
                raise ValueError(f"{name}: {value!r}")

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadlineRules:
        """Rules from stored JSON; unknown keys are ignored, a bad value raises ValueError naming its key."""
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        if "delivery_rounds" in values:
            raw_rounds = values["delivery_rounds"]
            if isinstance(raw_rounds, str | Mapping) or not isinstance(raw_rounds, list | tuple):
                raise ValueError(f"delivery_rounds: {raw_rounds!r}")
            values["delivery_rounds"] = tuple(sorted(raw_rounds, key=str))
        if "peak_windows" in values:
            raw = values["peak_windows"]
            try:
                if isinstance(raw, str | Mapping):
                    raise TypeError(raw)
                values["peak_windows"] = tuple(
                    w if isinstance(w, PeakWindow) else PeakWindow(*(_month_day(x) for x in w)) for w in raw
                )
            except (ValueError, TypeError) as exc:
                raise ValueError(f"peak_windows: {raw!r}") from exc
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values; windows as `["11-11", "11-20"]` so the stored settings stay readable."""
        data = asdict(self)
        data["peak_windows"] = [str(w).split("~") for w in self.peak_windows]
        data["delivery_rounds"] = list(self.delivery_rounds)
        return data


def lowest(name: str) -> int:
    """The smallest value a numeric rule accepts (forms use it as their minimum)."""
    return 1 if name in _AT_LEAST_ONE else 0


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: deadlines need an aware instant")
    return instant


def after_hours(start: datetime, hours: float) -> datetime:
    """Exactly `hours` later: hour limits ignore calendars, DST and peak windows. Computed in UTC because Python
    adds to an aware datetime on its wall clock, which would make 24 h across a DST change 23 or 25 real hours."""
    return _aware(start).astimezone(UTC) + timedelta(hours=hours)


def local_date(instant: datetime, rules: DeadlineRules) -> date:
    """The outlet's calendar day of an instant; day limits count these, not UTC days."""
    return _aware(instant).astimezone(rules.tz()).date()


def start_of_local_day(d: date, rules: DeadlineRules) -> datetime:
    """First instant of a local day. Where midnight falls in a DST gap the pre-gap offset lands on the gap's end."""
    return datetime.combine(d, time(0, 0), tzinfo=rules.tz()).astimezone(UTC)


def end_of_local_day(d: date, rules: DeadlineRules) -> datetime:
    """23:59:59 local. Taken as one second before the next day starts so that, where the clocks fall back at
    midnight and 23:xx happens twice, the day keeps its second 23:xx hour."""
    return start_of_local_day(d + timedelta(days=1), rules) - timedelta(seconds=1)


def is_peak(d: date, rules: DeadlineRules) -> bool:
    return any(w.contains(d) for w in rules.peak_windows)


def _extended_day(first: date, days: int, rules: DeadlineRules) -> date:
    """`first + days`, plus the peak extra days when any day of that span falls in a peak window."""
    if days < 0:
        raise ValueError(f"days: {days}")
    due = first + timedelta(days=days)
    if any(is_peak(first + timedelta(days=i), rules) for i in range(days + 1)):
        due += timedelta(days=rules.peak_extra_days)
    return due


def after_days(start: datetime, days: int, rules: DeadlineRules) -> datetime:
    """End of the N-th local calendar day after the opening day, so the time of day of opening does not matter;
    peak windows add days because carriers allow more time then."""
    return end_of_local_day(_extended_day(local_date(start, rules), days, rules), rules)


def earliest_return_on(
    message_at: datetime, rules: DeadlineRules, *, unreachable: bool = False, days: int | None = None
) -> date:
    """Day N counting the 留言 day as day 1 (6 by default, 7 when the recipient cannot be reached, or the problem
    type's own `days`); a return before it is fined. A date, not an instant: the whole day is allowed."""
    n = days if days is not None else rules.return_day_unreachable if unreachable else rules.return_day_no_reply
    if n < 1:
        raise ValueError(f"days: {n}")
    return _extended_day(local_date(message_at, rules), n - 1, rules)


def message_reply_due(received_at: datetime, rules: DeadlineRules) -> datetime:
    return after_hours(received_at, rules.message_reply_hours)


def next_round(start: datetime, rules: DeadlineRules) -> datetime:
    """When the next delivery round leaves after `start`: an interception must be found and pulled by then, or the
    parcel goes out with a courier and is signed."""
    tz = rules.tz()
    local = _aware(start).astimezone(tz)
    for offset in range(2):
        day = local.date() + timedelta(days=offset)
        for text in sorted(rules.delivery_rounds):
            hour, minute = (int(part) for part in text.split(":"))
            leaves = datetime.combine(day, time(hour, minute), tzinfo=tz)
            if leaves > local:
                return leaves.astimezone(UTC)
    raise AssertionError("a round always leaves within two days")


def complaint_due(opened_at: datetime, rules: DeadlineRules) -> datetime:
    return after_hours(opened_at, rules.complaint_sla_hours)


def complaint_12305_due(opened_at: datetime, rules: DeadlineRules) -> datetime:
    """When an unresolved complaint risks going to 12305 (the postal regulator), counted in days."""
    return after_days(opened_at, rules.complaint_12305_days, rules)


COMPLAINT_SOURCES = ("call", "carrier_ticket", "platform", "12345", "12305")


@dataclass(frozen=True)
class ChannelSla:
    """How fast a complaint from one channel must be answered and settled (the outlet plan's defaults)."""

    first_response_minutes: int = 15
    resolution_hours: int = 24

    def __post_init__(self) -> None:
        for name in ("first_response_minutes", "resolution_hours"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}: {value!r}")


_SLA_FIELDS = ("first_response_minutes", "resolution_hours")


def channel_slas(data: Mapping[str, Any] | None) -> dict[str, ChannelSla]:
    """Every channel's SLA from stored JSON (a missing channel keeps the defaults); ValueError names a bad one."""
    out = {}
    for source in COMPLAINT_SOURCES:
        given = (data or {}).get(source) or {}
        if not isinstance(given, Mapping):
            raise ValueError(f"{source}: {given!r}")
        try:
            out[source] = ChannelSla(
                **{k: given[k] for k in ("first_response_minutes", "resolution_hours") if k in given}
            )
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from exc
    return out


@dataclass(frozen=True)
class ComplaintClocks:
    first_response_due_at: datetime
    resolution_due_at: datetime
    appeal_risk_at: datetime  # 12305: when the customer may take it to the regulator


def complaint_clocks(opened_at: datetime, sla: ChannelSla, rules: DeadlineRules) -> ComplaintClocks:
    return ComplaintClocks(
        first_response_due_at=_aware(opened_at).astimezone(UTC) + timedelta(minutes=sla.first_response_minutes),
        resolution_due_at=after_hours(opened_at, sla.resolution_hours),
        appeal_risk_at=complaint_12305_due(opened_at, rules),
    )


def chase_stalled(last_scan_at: datetime, now: datetime, rules: DeadlineRules) -> bool:
    """True once the parcel has not moved past the stalled-days limit (peak windows allow more)."""
    return _aware(now) > after_days(last_scan_at, rules.chase_stalled_days, rules)


def repeat_window_start(now: datetime, rules: DeadlineRules) -> datetime:
    """Cases opened from here on count as repeats. Whole local days, mirroring `after_days`: a case opened on day
    D is a repeat for anything up to the end of day D + N, whatever the hour. No peak days: it is a look-back for
    counting, not a limit anyone has to meet."""
    return start_of_local_day(local_date(now, rules) - timedelta(days=rules.repeat_window_days), rules)


def urgency(due_at: datetime | None, now: datetime, rules: DeadlineRules) -> Urgency:
    """How a list colours a row; "today" is the outlet's local day, not the UTC one."""
    _aware(now)
    if due_at is None:
        return "none"
    if now > _aware(due_at):
        return "overdue"
    if local_date(due_at, rules) == local_date(now, rules):
        return "due_today"
    return "later"
