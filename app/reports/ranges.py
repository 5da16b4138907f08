"""Report ranges: whole local days of the outlet, turned into the half-open UTC span the database is asked about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from app.deadlines import DeadlineRules, local_date, start_of_local_day

RangeKind = Literal["day", "week", "month", "custom"]


@dataclass(frozen=True)
class ReportRange:
    """Local calendar days `first` to `last`, both inclusive; a week runs Monday to Sunday."""

    kind: RangeKind
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"range ends {self.last} before it starts {self.first}")

    @classmethod
    def day(cls, d: date) -> ReportRange:
        return cls("day", d, d)

    @classmethod
    def week(cls, d: date) -> ReportRange:
        monday = d - timedelta(days=d.weekday())
        return cls("week", monday, monday + timedelta(days=6))

    @classmethod
    def month(cls, d: date) -> ReportRange:
        first = d.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls("month", first, following - timedelta(days=1))

    @classmethod
    def custom(cls, first: date, last: date) -> ReportRange:
        return cls("custom", first, last)

    @classmethod
    def containing(cls, kind: RangeKind, instant: datetime, rules: DeadlineRules) -> ReportRange:
        """The day, week or month (in the outlet's zone) that `instant` falls in: "this week" for the today page."""
        d = local_date(instant, rules)
        if kind == "day":
            return cls.day(d)
        if kind == "week":
            return cls.week(d)
        if kind == "month":
            return cls.month(d)
        raise ValueError(f"kind: {kind!r}")

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def previous(self) -> ReportRange:
        """The range just before this one, of the same kind and length: for a trend against it."""
        if self.kind == "month":
            return ReportRange.month(self.first - timedelta(days=1))
        length = (self.last - self.first).days + 1
        return ReportRange(self.kind, self.first - timedelta(days=length), self.first - timedelta(days=1))

    def bounds(self, rules: DeadlineRules) -> tuple[datetime, datetime]:
        """Half-open UTC [start, end): the first instant of the first local day up to the first of the day after."""
        return start_of_local_day(self.first, rules), start_of_local_day(self.last + timedelta(days=1), rules)

    def day_bounds(self, rules: DeadlineRules) -> list[datetime]:
        """Start of each local day, then the range's end: len(days()) + 1 instants (not 24 h apart across DST)."""
        return [start_of_local_day(d, rules) for d in self.days()] + [self.bounds(rules)[1]]
