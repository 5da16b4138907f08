"""A courier's areas and stand-ins as one spreadsheet cell each, written by the directory export and read back
strictly by the directory import (a cell that does not follow the format rejects its row with one reason).

负责片区: entries joined with "；", each the area's name, optionally followed by its dates in brackets,
`起~止` with either end left empty when open:

    红星片区(2026-01-01~2026-12-31)；东风片区(2026-03-01~)；兴华片区

替班 (this courier covers for another over a date range, both ends given): entries joined with "；", each "替",
the other courier's name (their staff number when two couriers share the name) and the dates:

    替 李四 2026-11-20~2026-11-25；替 0012 2026-12-01~2026-12-03

Dates are YYYY-MM-DD. Full-width brackets, tilde and semicolon (（）～；) read the same as ASCII ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.imports.values import ValueProblem

JOIN = "；"
_WIDTH = str.maketrans({"（": "(", "）": ")", "～": "~", "；": ";", "\u3000": " "})
_AREA_ITEM = re.compile(r"(?P<name>[^()~;]+?)\s*(?:\((?P<start>[^()~]*)~(?P<end>[^()~]*)\))?")
_STAND_IN_ITEM = re.compile(r"替\s*(?P<who>\S(?:.*\S)?)\s+(?P<start>\S+?)\s*~\s*(?P<end>\S+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class AreaSpan:
    """One area a courier covers, from `start` to `end` inclusive (None: open)."""

    area: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class StandInSpan:
    """This courier covers for `who` (a name or a staff number) from `start` to `end` inclusive."""

    who: str
    start: date
    end: date


def format_areas(spans: Iterable[AreaSpan]) -> str:
    return JOIN.join(
        s.area if s.start is None and s.end is None else f"{s.area}({_show(s.start)}~{_show(s.end)})" for s in spans
    )


def format_stand_ins(spans: Iterable[StandInSpan]) -> str:
    return JOIN.join(f"替 {s.who} {s.start.isoformat()}~{s.end.isoformat()}" for s in spans)


def parse_areas(cell: str | None) -> tuple[AreaSpan, ...]:
    """The entries of a 负责片区 cell; ValueProblem names the first entry that does not follow the format."""
    out: list[AreaSpan] = []
    for item in _items(cell):
        found = _AREA_ITEM.fullmatch(item)
        if found is None:
            raise ValueProblem("import_areas_cell_bad", item=item)
        start, end = _day(found["start"], item), _day(found["end"], item)
        _check_order(start, end, item)
        out.append(AreaSpan(found["name"].strip(), start, end))
    return tuple(out)


def parse_stand_ins(cell: str | None) -> tuple[StandInSpan, ...]:
    """The entries of a 替班 cell; ValueProblem names the first entry that does not follow the format."""
    out: list[StandInSpan] = []
    for item in _items(cell):
        found = _STAND_IN_ITEM.fullmatch(item)
        if found is None:
            raise ValueProblem("import_stand_ins_cell_bad", item=item)
        start, end = _day(found["start"], item), _day(found["end"], item)
        if start is None or end is None:
            raise ValueProblem("import_stand_ins_cell_bad", item=item)
        _check_order(start, end, item)
        out.append(StandInSpan(found["who"], start, end))
    return tuple(out)


def _items(cell: str | None) -> list[str]:
    text = (cell or "").translate(_WIDTH)
    return [item.strip() for item in text.split(";") if item.strip()]


def _day(text: str | None, item: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueProblem("import_cell_date_bad", value=text, item=item)


def _check_order(start: date | None, end: date | None, item: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueProblem("import_cell_dates_reversed", item=item)


def _show(day: date | None) -> str:
    return day.isoformat() if day is not None else ""
