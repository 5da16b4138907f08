"""When a promise falls due: the callback presets a clerk picks while on the phone and the snooze presets of the
reminder centre. "Tomorrow morning" is 9:00 on the outlet's next local day, whatever zone the PC is in."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

MORNING = time(9, 0)
CALLBACK_PRESETS = ("30min", "1h", "2h", "tomorrow")
SNOOZE_PRESETS = ("15min", "1h", "tomorrow")
_STEPS = {
    "15min": timedelta(minutes=15),
    "30min": timedelta(minutes=30),
    "1h": timedelta(hours=1),
    "2h": timedelta(hours=2),
}


def tomorrow_morning(now: datetime, zone: str) -> datetime:
    """9:00 on the outlet's next local day, in UTC."""
    tz = ZoneInfo(zone)
    day = now.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(day, MORNING, tzinfo=tz).astimezone(UTC)


def preset_time(name: str, now: datetime, zone: str) -> datetime:
    """The moment a preset names, counted from `now` (aware); "tomorrow" is tomorrow morning."""
    if name == "tomorrow":
        return tomorrow_morning(now, zone)
    if name not in _STEPS:
        raise ValueError(f"unknown preset: {name!r}")
    return now.astimezone(UTC) + _STEPS[name]
