"""Every time rule of DESIGN.md §3: exact hours, day ends in the outlet's zone, peak windows, other zones."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app import deadlines as dl
from app.deadlines import DeadlineRules, PeakWindow

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SANTIAGO = ZoneInfo("America/Santiago")  # its clocks change at midnight
RULES = DeadlineRules()


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def end_sh(year: int, month: int, day: int) -> datetime:
    return sh(year, month, day, 23, 59, 59)


# --- hours are exact ---------------------------------------------------------------------------------------------


def test_hours_are_exact_across_midnight_and_come_back_in_utc() -> None:
    due = dl.after_hours(sh(2026, 3, 2, 23, 30), 24)
    assert due == utc(2026, 3, 3, 15, 30)
    assert due.tzinfo is UTC


def test_hours_stay_exact_when_the_clocks_spring_forward() -> None:
    before = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)  # CET; clocks go forward on 03-29 at 02:00
    due = dl.after_hours(before, 24)
    assert due == utc(2026, 3, 29, 11, 0)
    assert due.astimezone(BERLIN).hour == 13  # the wall clock moved an hour, the duration did not


def test_hours_stay_exact_when_the_clocks_fall_back() -> None:
    before = datetime(2026, 10, 31, 12, 0, tzinfo=NEW_YORK)  # EDT; clocks go back on 11-01 at 02:00
    due = dl.message_reply_due(before, DeadlineRules(zone="America/New_York"))
    assert due == utc(2026, 11, 1, 16, 0)
    assert due.astimezone(NEW_YORK).hour == 11


def test_message_reply_and_complaint_sla_use_their_configured_hours() -> None:
    assert dl.message_reply_due(sh(2026, 5, 1, 9, 0), RULES) == sh(2026, 5, 2, 9, 0)
    assert dl.message_reply_due(sh(2026, 5, 1, 9, 0), DeadlineRules(message_reply_hours=48)) == sh(2026, 5, 3, 9, 0)
    assert dl.complaint_due(sh(2026, 5, 1, 9, 0), RULES) == sh(2026, 5, 2, 9, 0)
    assert dl.complaint_due(sh(2026, 5, 1, 9, 0), DeadlineRules(complaint_sla_hours=4)) == sh(2026, 5, 1, 13, 0)


def test_hours_ignore_peak_windows() -> None:
    assert dl.message_reply_due(sh(2026, 11, 12, 8, 0), RULES) == sh(2026, 11, 13, 8, 0)
    assert dl.complaint_due(sh(2026, 12, 12, 8, 0), RULES) == sh(2026, 12, 13, 8, 0)


# --- days end at the end of the N-th local day -------------------------------------------------------------------


def test_days_end_at_the_end_of_the_nth_local_day() -> None:
    due = dl.after_days(sh(2026, 3, 2, 10, 0), 3, RULES)
    assert due == utc(2026, 3, 5, 15, 59, 59)  # 2026-03-05 23:59:59 in Shanghai
    assert due.tzinfo is UTC
    assert dl.after_days(sh(2026, 3, 2, 10, 0), 0, RULES) == end_sh(2026, 3, 2)


def test_forty_minutes_apart_across_local_midnight_is_a_day_apart() -> None:
    assert dl.after_days(sh(2026, 3, 2, 23, 30), 1, RULES) == end_sh(2026, 3, 3)
    assert dl.after_days(sh(2026, 3, 3, 0, 10), 1, RULES) == end_sh(2026, 3, 4)


def test_days_count_the_outlets_calendar_not_utc() -> None:
    assert dl.local_date(utc(2026, 3, 2, 16, 30), RULES) == date(2026, 3, 3)  # 00:30 in Shanghai
    assert dl.after_days(utc(2026, 3, 2, 16, 30), 1, RULES) == end_sh(2026, 3, 4)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="days"):
        dl.after_days(sh(2026, 3, 2, 10, 0), -1, RULES)


def test_local_day_bounds() -> None:
    assert dl.start_of_local_day(date(2026, 3, 5), RULES) == utc(2026, 3, 4, 16, 0)
    assert dl.end_of_local_day(date(2026, 3, 5), RULES) == utc(2026, 3, 5, 15, 59, 59)


def test_local_day_bounds_where_the_clocks_change_at_midnight() -> None:
    chile = DeadlineRules(zone="America/Santiago")
    # 04-04: at 24:00 -03 the clocks go back to 23:00 -04, so 23:xx happens twice and the day ends at the second
    end = dl.end_of_local_day(date(2026, 4, 4), chile)
    assert end == utc(2026, 4, 5, 3, 59, 59)
    assert end.astimezone(SANTIAGO).replace(tzinfo=None) == datetime(2026, 4, 4, 23, 59, 59)
    assert dl.start_of_local_day(date(2026, 4, 5), chile) == end + timedelta(seconds=1)
    # 09-06: midnight does not exist (23:59:59 -04 is followed by 01:00 -03)
    assert dl.end_of_local_day(date(2026, 9, 5), chile) == utc(2026, 9, 6, 3, 59, 59)
    assert dl.start_of_local_day(date(2026, 9, 6), chile) == utc(2026, 9, 6, 4, 0)


def test_days_across_dst_end_on_the_new_offset() -> None:
    berlin = DeadlineRules(zone="Europe/Berlin")
    due = dl.after_days(datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN), 3, berlin)  # CET → CEST on 03-29
    assert due == utc(2026, 3, 30, 21, 59, 59)
    new_york = DeadlineRules(zone="America/New_York")
    due = dl.after_days(datetime(2026, 10, 30, 10, 0, tzinfo=NEW_YORK), 3, new_york)  # EDT → EST on 11-01
    assert due == utc(2026, 11, 3, 4, 59, 59)
    assert due.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 11, 2, 23, 59, 59)


# --- peak windows ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opened", "days", "due"),
    [
        (sh(2026, 11, 12, 10, 0), 3, end_sh(2026, 11, 17)),  # opened inside: 3 days + 2
        (sh(2026, 11, 8, 10, 0), 3, end_sh(2026, 11, 13)),  # due day 11-11 is the window's first day
        (sh(2026, 11, 9, 10, 0), 3, end_sh(2026, 11, 14)),  # runs into the window
        (sh(2026, 11, 7, 10, 0), 3, end_sh(2026, 11, 10)),  # ends the day before the window
        (sh(2026, 11, 5, 10, 0), 4, end_sh(2026, 11, 9)),  # extra days would reach 11-11, but do not cascade
        (sh(2026, 11, 20, 10, 0), 1, end_sh(2026, 11, 23)),  # opened on the window's last day
        (sh(2026, 11, 21, 10, 0), 1, end_sh(2026, 11, 22)),  # opened the day after
        (sh(2026, 12, 16, 10, 0), 3, end_sh(2026, 12, 19)),  # after the 双十二 window
        (sh(2026, 12, 10, 10, 0), 1, end_sh(2026, 12, 11)),  # before it
        (sh(2026, 12, 10, 10, 0), 2, end_sh(2026, 12, 14)),  # into it
    ],
)
def test_peak_windows_add_days(opened: datetime, days: int, due: datetime) -> None:
    assert dl.after_days(opened, days, RULES) == due


def test_peak_extra_days_are_configurable() -> None:
    assert dl.after_days(sh(2026, 12, 13, 10, 0), 1, DeadlineRules(peak_extra_days=5)) == end_sh(2026, 12, 19)
    assert dl.after_days(sh(2026, 11, 12, 10, 0), 3, DeadlineRules(peak_extra_days=0)) == end_sh(2026, 11, 15)
    assert dl.after_days(sh(2026, 11, 12, 10, 0), 3, DeadlineRules(peak_windows=())) == end_sh(2026, 11, 15)
    june = DeadlineRules(peak_windows=(PeakWindow((6, 18), (6, 18)),))
    assert dl.after_days(sh(2026, 6, 17, 10, 0), 1, june) == end_sh(2026, 6, 20)
    assert dl.after_days(sh(2026, 11, 12, 10, 0), 3, june) == end_sh(2026, 11, 15)  # defaults replaced


def test_is_peak_is_inclusive_at_both_ends() -> None:
    assert [dl.is_peak(date(2026, 11, d), RULES) for d in (10, 11, 20, 21)] == [False, True, True, False]
    assert [dl.is_peak(date(2026, 12, d), RULES) for d in (11, 12, 15, 16)] == [False, True, True, False]
    assert dl.is_peak(date(2031, 11, 15), RULES)  # every year


def test_peak_window_wrapping_the_year_end() -> None:
    window = PeakWindow((12, 25), (1, 5))
    inside = [date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 5)]
    outside = [date(2026, 12, 24), date(2027, 1, 6), date(2027, 6, 1)]
    assert all(window.contains(d) for d in inside)
    assert not any(window.contains(d) for d in outside)
    rules = DeadlineRules(peak_windows=(window,))
    assert dl.after_days(sh(2026, 12, 20, 9, 0), 3, rules) == end_sh(2026, 12, 23)
    assert dl.after_days(sh(2026, 12, 23, 9, 0), 3, rules) == end_sh(2026, 12, 28)
    assert dl.after_days(sh(2026, 12, 30, 9, 0), 3, rules) == end_sh(2027, 1, 4)
    assert dl.after_days(sh(2027, 1, 2, 9, 0), 1, rules) == end_sh(2027, 1, 5)
    assert dl.after_days(sh(2027, 1, 6, 9, 0), 1, rules) == end_sh(2027, 1, 7)


def test_peak_windows_are_judged_on_the_local_day() -> None:
    # 11-10 16:30 UTC is 11-11 00:30 in Shanghai: the opening day is inside the window there
    assert dl.after_days(utc(2026, 11, 9, 16, 30), 0, RULES) == end_sh(2026, 11, 10)
    assert dl.after_days(utc(2026, 11, 10, 16, 30), 0, RULES) == end_sh(2026, 11, 13)


# --- other zones -------------------------------------------------------------------------------------------------


def test_another_zone_gives_another_instant_for_the_same_rule() -> None:
    urumqi = DeadlineRules(zone="Asia/Urumqi")  # UTC+6
    same_day = utc(2026, 3, 2, 4, 0)  # 12:00 in Shanghai, 10:00 in Urumqi
    assert dl.after_days(same_day, 1, RULES) == utc(2026, 3, 3, 15, 59, 59)
    assert dl.after_days(same_day, 1, urumqi) == utc(2026, 3, 3, 17, 59, 59)
    late = utc(2026, 3, 2, 17, 0)  # 01:00 on 03-03 in Shanghai, 23:00 on 03-02 in Urumqi
    assert dl.local_date(late, RULES) == date(2026, 3, 3)
    assert dl.local_date(late, urumqi) == date(2026, 3, 2)
    assert dl.after_days(late, 1, RULES) == utc(2026, 3, 4, 15, 59, 59)
    assert dl.after_days(late, 1, urumqi) == utc(2026, 3, 3, 17, 59, 59)


# --- earliest return ---------------------------------------------------------------------------------------------


def test_earliest_return_counts_the_message_day_as_day_one() -> None:
    message = sh(2026, 11, 1, 15, 0)
    assert dl.earliest_return_on(message, RULES) == date(2026, 11, 6)
    assert dl.earliest_return_on(message, RULES, unreachable=True) == date(2026, 11, 7)
    assert dl.earliest_return_on(message, DeadlineRules(return_day_no_reply=3)) == date(2026, 11, 3)
    assert dl.earliest_return_on(message, DeadlineRules(return_day_unreachable=10), unreachable=True) == date(
        2026, 11, 10
    )
    assert dl.earliest_return_on(message, DeadlineRules(return_day_no_reply=1)) == date(2026, 11, 1)


def test_earliest_return_uses_the_local_message_day() -> None:
    assert dl.earliest_return_on(utc(2026, 10, 31, 17, 0), RULES) == date(2026, 11, 6)  # 11-01 01:00 local


def test_earliest_return_gets_peak_days() -> None:
    message = sh(2026, 11, 10, 15, 0)  # day 6 is 11-15; the span touches 11-11
    assert dl.earliest_return_on(message, RULES) == date(2026, 11, 17)
    assert dl.earliest_return_on(message, RULES, unreachable=True) == date(2026, 11, 18)
    assert dl.earliest_return_on(message, DeadlineRules(peak_extra_days=0)) == date(2026, 11, 15)
    assert dl.earliest_return_on(sh(2026, 11, 5, 15, 0), RULES) == date(2026, 11, 10)  # 11-05 .. 11-10: none
    assert dl.earliest_return_on(sh(2026, 11, 5, 15, 0), RULES, unreachable=True) == date(2026, 11, 13)


# --- complaints, chases, repeats ---------------------------------------------------------------------------------


def test_complaint_12305_clock_counts_days() -> None:
    assert dl.complaint_12305_due(sh(2026, 6, 1, 9, 0), RULES) == end_sh(2026, 6, 8)
    assert dl.complaint_12305_due(sh(2026, 6, 1, 23, 50), RULES) == end_sh(2026, 6, 8)
    assert dl.complaint_12305_due(sh(2026, 6, 1, 9, 0), DeadlineRules(complaint_12305_days=3)) == end_sh(2026, 6, 4)
    assert dl.complaint_12305_due(sh(2026, 12, 10, 9, 0), RULES) == end_sh(2026, 12, 19)  # touches 12-12


def test_chase_stalled_boundary() -> None:
    scan = sh(2026, 6, 1, 9, 0)  # limit: end of 06-04 in Shanghai = 06-04 15:59:59 UTC
    assert not dl.chase_stalled(scan, sh(2026, 6, 4, 9, 0), RULES)
    assert not dl.chase_stalled(scan, utc(2026, 6, 4, 15, 59, 59), RULES)
    assert dl.chase_stalled(scan, utc(2026, 6, 4, 16, 0, 0), RULES)
    assert dl.chase_stalled(scan, sh(2026, 6, 3, 0, 0), DeadlineRules(chase_stalled_days=1))


def test_chase_stalled_allows_more_in_peak() -> None:
    scan = sh(2026, 11, 11, 9, 0)  # 3 days → 11-14, +2 → end of 11-16
    assert not dl.chase_stalled(scan, sh(2026, 11, 16, 23, 0), RULES)
    assert dl.chase_stalled(scan, sh(2026, 11, 17, 0, 0), RULES)
    assert dl.chase_stalled(scan, sh(2026, 11, 16, 23, 0), DeadlineRules(peak_extra_days=0))


def test_repeat_window_starts_at_a_local_midnight() -> None:
    expected = utc(2026, 5, 31, 16, 0)  # 06-01 00:00 in Shanghai
    assert dl.repeat_window_start(sh(2026, 6, 8, 9, 0), RULES) == expected
    assert dl.repeat_window_start(sh(2026, 6, 8, 0, 1), RULES) == expected
    assert dl.repeat_window_start(sh(2026, 6, 8, 23, 59), RULES) == expected
    fortnight = DeadlineRules(repeat_window_days=14)
    assert dl.repeat_window_start(sh(2026, 6, 8, 9, 0), fortnight) == sh(2026, 5, 25, 0, 0)


def test_repeat_window_mirrors_the_day_rule() -> None:
    """A case opened on day D counts as a repeat exactly while a D + N day limit (without peak days) runs."""
    rules = DeadlineRules(peak_windows=())
    now = sh(2026, 6, 8, 9, 0)
    start = dl.repeat_window_start(now, rules)
    earlier = [sh(2026, 5, 31, 23, 59), sh(2026, 6, 1, 0, 0), sh(2026, 6, 1, 23, 0), sh(2026, 6, 7, 9, 0)]
    counted = [e >= start for e in earlier]
    assert counted == [False, True, True, True]
    assert counted == [now <= dl.after_days(e, rules.repeat_window_days, rules) for e in earlier]


# --- urgency -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "now", "expected"),
    [
        (None, sh(2026, 6, 1, 10, 0), "none"),
        (sh(2026, 6, 1, 9, 59), sh(2026, 6, 1, 10, 0), "overdue"),
        (sh(2026, 6, 1, 10, 0), sh(2026, 6, 1, 10, 0), "due_today"),  # due this very second is not yet late
        (sh(2026, 6, 1, 23, 59, 59), sh(2026, 6, 1, 10, 0), "due_today"),
        (sh(2026, 6, 2, 0, 0), sh(2026, 6, 1, 10, 0), "later"),
        (sh(2026, 6, 1, 20, 0), sh(2026, 6, 1, 7, 0), "due_today"),  # different UTC dates, same local day
        (sh(2026, 6, 2, 1, 0), sh(2026, 6, 1, 10, 0), "later"),  # same UTC date, different local days
    ],
)
def test_urgency(due: datetime | None, now: datetime, expected: str) -> None:
    assert dl.urgency(due, now, RULES) == expected


def test_urgency_today_is_the_outlets_today() -> None:
    due, now = utc(2026, 6, 1, 17, 0), utc(2026, 6, 1, 15, 0)  # 01:00 vs 23:00 in Shanghai, 23:00 vs 21:00 in Urumqi
    assert dl.urgency(due, now, RULES) == "later"
    assert dl.urgency(due, now, DeadlineRules(zone="Asia/Urumqi")) == "due_today"


# --- naive datetimes ---------------------------------------------------------------------------------------------

NAIVE = datetime(2026, 1, 1, 8, 0)
AWARE = sh(2026, 1, 1, 8, 0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: dl.after_hours(NAIVE, 1),
        lambda: dl.local_date(NAIVE, RULES),
        lambda: dl.after_days(NAIVE, 1, RULES),
        lambda: dl.earliest_return_on(NAIVE, RULES),
        lambda: dl.message_reply_due(NAIVE, RULES),
        lambda: dl.complaint_due(NAIVE, RULES),
        lambda: dl.complaint_12305_due(NAIVE, RULES),
        lambda: dl.chase_stalled(NAIVE, AWARE, RULES),
        lambda: dl.chase_stalled(AWARE, NAIVE, RULES),
        lambda: dl.repeat_window_start(NAIVE, RULES),
        lambda: dl.urgency(NAIVE, AWARE, RULES),
        lambda: dl.urgency(AWARE, NAIVE, RULES),
        lambda: dl.urgency(None, NAIVE, RULES),
    ],
)
def test_naive_datetimes_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="naive"):
        call()


# --- rules as settings -------------------------------------------------------------------------------------------


def test_defaults_follow_the_design() -> None:
    assert (RULES.zone, RULES.peak_extra_days, RULES.message_reply_hours) == ("Asia/Shanghai", 2, 24)
    assert (RULES.return_day_no_reply, RULES.return_day_unreachable) == (6, 7)
    assert [str(w) for w in RULES.peak_windows] == ["11-11~11-20", "12-12~12-15"]
    assert RULES.tz() == SH


def test_rules_round_trip_through_json() -> None:
    rules = DeadlineRules(
        zone="Asia/Urumqi",
        peak_windows=(PeakWindow((6, 18), (6, 20)), PeakWindow((12, 25), (1, 5))),
        peak_extra_days=1,
        return_day_unreachable=9,
        repeat_window_days=30,
    )
    stored = json.loads(json.dumps(rules.to_dict()))
    assert stored["peak_windows"] == [["06-18", "06-20"], ["12-25", "01-05"]]
    assert DeadlineRules.from_dict(stored) == rules
    assert DeadlineRules.from_dict(DeadlineRules().to_dict()) == DeadlineRules()


def test_from_dict_fills_defaults_and_ignores_unknown_keys() -> None:
    assert DeadlineRules.from_dict({}) == RULES
    assert DeadlineRules.from_dict({"unknown": 1, "chase_stalled_days": 5}) == DeadlineRules(chase_stalled_days=5)
    windows = DeadlineRules.from_dict({"peak_windows": [[[6, 18], [6, 20]], ["02-29", "03-01"]]}).peak_windows
    assert windows == (PeakWindow((6, 18), (6, 20)), PeakWindow((2, 29), (3, 1)))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("zone", "Nowhere/City"),
        ("zone", ""),
        ("zone", 8),
        ("peak_windows", [["13-01", "13-05"]]),
        ("peak_windows", [["02-30", "03-01"]]),
        ("peak_windows", [["11-11"]]),
        ("peak_windows", [["11-11", "11-20", "11-30"]]),
        ("peak_windows", [{"start": "11-11", "end": "11-20"}]),
        ("peak_windows", "11-11~11-20"),
        ("peak_windows", [["11.5-1", "11-20"]]),
        ("complaint_sla_hours", -1),
        ("peak_extra_days", "many"),
        ("peak_extra_days", "2"),
        ("chase_stalled_days", 2.5),
        ("repeat_window_days", True),
        ("message_reply_hours", None),
        ("return_day_no_reply", 0),
        ("return_day_unreachable", 0),
    ],
)
def test_from_dict_names_the_bad_key(key: str, value: Any) -> None:
    with pytest.raises(ValueError, match=rf"^{key}: "):
        DeadlineRules.from_dict({**RULES.to_dict(), key: value})


def test_bad_rules_are_refused_when_built() -> None:
    with pytest.raises(ValueError, match=r"^zone: "):
        DeadlineRules(zone="Mars/Base")
    with pytest.raises(ValueError, match=r"^chase_stalled_days: "):
        DeadlineRules(chase_stalled_days=-1)
    with pytest.raises(ValueError, match=r"^start: "):
        PeakWindow((13, 1), (1, 5))
    with pytest.raises(ValueError, match=r"^end: "):
        PeakWindow((2, 28), (2, 30))
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES.peak_extra_days = 3  # type: ignore[misc]


def test_an_interception_is_due_when_the_next_delivery_round_leaves():
    from app.deadlines import next_round

    rules = DeadlineRules(delivery_rounds=("13:30", "08:30"))  # any order; both local (Asia/Shanghai, UTC+8)
    shanghai = ZoneInfo("Asia/Shanghai")
    at = datetime(2026, 11, 23, 7, 0, tzinfo=shanghai)
    assert next_round(at, rules) == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 08:30 the same morning
    assert next_round(at.replace(hour=8, minute=30), rules) == datetime(2026, 11, 23, 5, 30, tzinfo=UTC)  # 13:30
    evening = datetime(2026, 11, 23, 22, 15, tzinfo=shanghai)
    assert next_round(evening, rules) == datetime(2026, 11, 24, 0, 30, tzinfo=UTC)  # tomorrow's first round
    assert DeadlineRules.from_dict(rules.to_dict()) == DeadlineRules(delivery_rounds=("08:30", "13:30"))


@pytest.mark.parametrize("rounds", [(), ("8:30",), ("24:00",), ("08:30", 9), "08:30", {"a": "08:30"}])
def test_delivery_rounds_must_be_local_times(rounds):
    with pytest.raises(ValueError, match="delivery_rounds"):
        DeadlineRules.from_dict({"delivery_rounds": rounds})
