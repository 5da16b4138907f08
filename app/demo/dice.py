"""Random draws (weighted picks, digits, times) and the outlet's local clock, shared by every part of the demo."""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, TypeVar

T = TypeVar("T")
Row = dict[str, Any]

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for the demo's dates.
CST = timezone(timedelta(hours=8), "Asia/Shanghai")
SPAN_DAYS = 730
_POWERS = [10**n for n in range(16)]


class _Weighted:
    """Weighted choice by bisecting cumulative weights: faster than `Random.choices` in a hot loop."""

    def __init__(self, pairs: Iterable[tuple[T, int]]) -> None:
        items = list(pairs)
        self.values = [v for v, _ in items]
        self.cum: list[int] = []
        total = 0
        for _, weight in items:
            total += weight
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.total)]


def _local_date(at: datetime) -> date:
    return at.astimezone(CST).date()


def _local_at(day: date, hour: float) -> datetime:
    return (datetime(day.year, day.month, day.day, tzinfo=CST) + timedelta(hours=hour)).astimezone(UTC)


class _Dice:
    """Small draws from one random stream; `now` caps the times drawn."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.random = rng.random
        self.now = now

    def chance(self, p: float) -> bool:
        return self.random() < p

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def digits(self, count: int) -> str:
        """`count` random digits; a float's 53 bits are plenty for the 13 the longest number needs."""
        return str(int(self.random() * _POWERS[count])).zfill(count)

    def hours_after(self, at: datetime, low: float, high: float, *, cap: datetime | None = None) -> datetime:
        moment = at + timedelta(seconds=int(3600 * (low + self.random() * (high - low))))
        limit = cap or self.now
        return min(moment, limit)
