"""Every time rule of DESIGN.md §3: exact hours, day ends in the outlet's zone, peak windows, other zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app import deadlines as dl
from app.deadlines import DeadlineRules, PeakWindow

SH = ZoneInfo("Asia/Shanghai")
RULES = DeadlineRules()


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def test_hours_are_exact_across_midnight_and_dst() -> None:
    assert dl.after_hours(sh(2026, 3, 2, 23, 30), 24) == sh(2026, 3, 3, 23, 30)
    berlin = ZoneInfo("Europe/Berlin")
    before_dst = datetime(2026, 3, 28, 12, 0, tzinfo=berlin)  # clocks go forward on 03-29
    due = dl.after_hours(before_dst, 24)
    assert due - before_dst == timedelta(hours=24)
    assert due.astimezone(berlin).hour == 13  # the wall clock moved, the duration did not
    assert dl.message_reply_due(sh(2026, 5, 1, 9, 0), RULES) == sh(2026, 5, 2, 9, 0)
    assert dl.complaint_due(sh(2026, 5, 1, 9, 0), DeadlineRules(complaint_sla_hours=4)) == sh(2026, 5, 1, 13, 0)


def test_hours_ignore_peak_windows() -> None:
    assert dl.after_hours(sh(2026, 11, 12, 8, 0), 24) == sh(2026, 11, 13, 8, 0)


def test_days_end_at_the_end_of_the_nth_local_day() -> None:
    assert dl.after_days(sh(2026, 3, 2, 10, 0), 3, RULES) == sh(2026, 3, 5, 23, 59, 59)
    # 23:30 and 00:10 local are on different days, so their deadlines differ by a whole day
    assert dl.after_days(sh(2026, 3, 2, 23, 30), 1, RULES) == sh(2026, 3, 3, 23, 59, 59)
    assert dl.after_days(sh(2026, 3, 3, 0, 10), 1, RULES) == sh(2026, 3, 4, 23, 59, 59)
    # the same instant given in UTC is still judged by the Shanghai calendar (16:30 UTC = 00:30 next day)
    assert dl.after_days(datetime(2026, 3, 2, 16, 30, tzinfo=UTC), 1, RULES) == sh(2026, 3, 4, 23, 59, 59)
    assert dl.after_days(sh(2026, 3, 2, 10, 0), 0, RULES) == sh(2026, 3, 2, 23, 59, 59)


def test_peak_windows_add_days() -> None:
    inside = dl.after_days(sh(2026, 11, 12, 10, 0), 3, RULES)
    assert inside == sh(2026, 11, 17, 23, 59, 59)  # 3 days + 2 peak days
    running_into = dl.after_days(sh(2026, 11, 9, 10, 0), 3, RULES)  # 11-09 .. 11-12 touches 11-11
    assert running_into == sh(2026, 11, 14, 23, 59, 59)
    before = dl.after_days(sh(2026, 11, 5, 10, 0), 3, RULES)  # 11-05 .. 11-08: no peak
    assert before == sh(2026, 11, 8, 23, 59, 59)
    more = DeadlineRules(peak_extra_days=5)
    assert dl.after_days(sh(2026, 12, 13, 10, 0), 1, more) == sh(2026, 12, 19, 23, 59, 59)
    none = DeadlineRules(peak_extra_days=0)
    assert dl.after_days(sh(2026, 11, 12, 10, 0), 3, none) == sh(2026, 11, 15, 23, 59, 59)


def test_peak_window_wrapping_the_year_end() -> None:
    window = PeakWindow((12, 25), (1, 5))
    assert window.contains(date(2026, 12, 31)) and window.contains(date(2027, 1, 3))
    assert not window.contains(date(2027, 1, 6)) and not window.contains(date(2026, 12, 24))
    rules = DeadlineRules(peak_windows=(window,), peak_extra_days=2)
    assert dl.after_days(sh(2027, 1, 2, 9, 0), 1, rules) == sh(2027, 1, 5, 23, 59, 59)
    assert dl.is_peak(date(2026, 11, 11), RULES) and not dl.is_peak(date(2026, 11, 21), RULES)


def test_another_zone_moves_the_deadline() -> None:
    opened = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # 01:00 on 03-03 in Shanghai, 23:00 on 03-02 in Urumqi
    shanghai = dl.after_days(opened, 1, RULES)
    urumqi = dl.after_days(opened, 1, DeadlineRules(zone="Asia/Urumqi"))
    assert shanghai == sh(2026, 3, 4, 23, 59, 59)
    assert urumqi == datetime(2026, 3, 3, 23, 59, 59, tzinfo=ZoneInfo("Asia/Urumqi"))
    assert shanghai != urumqi
    berlin = DeadlineRules(zone="Europe/Berlin")
    due = dl.after_days(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), 1, berlin)  # across the DST change
    assert due.astimezone(ZoneInfo("Europe/Berlin")) == datetime(
        2026, 3, 29, 23, 59, 59, tzinfo=ZoneInfo("Europe/Berlin")
    )


def test_earliest_return_date() -> None:
    assert dl.earliest_return_on(sh(2026, 10, 1, 15, 0), RULES) == date(2026, 10, 6)  # day 6 counting day 1
    assert dl.earliest_return_on(sh(2026, 10, 1, 15, 0), RULES, unreachable=True) == date(2026, 10, 7)
    assert dl.earliest_return_on(sh(2026, 11, 10, 15, 0), RULES) == date(2026, 11, 17)  # peak adds 2
    assert dl.earliest_return_on(sh(2026, 10, 1, 15, 0), DeadlineRules(return_day_no_reply=3)) == date(2026, 10, 3)


def test_complaint_12305_clock_and_chase_stalled() -> None:
    assert dl.complaint_12305_due(sh(2026, 6, 1, 9, 0), RULES) == sh(2026, 6, 8, 23, 59, 59)
    scan = sh(2026, 6, 1, 9, 0)
    assert not dl.chase_stalled(scan, sh(2026, 6, 4, 23, 59, 58), RULES)
    assert dl.chase_stalled(scan, sh(2026, 6, 5, 0, 0, 1), RULES)
    assert not dl.chase_stalled(sh(2026, 11, 11, 9, 0), sh(2026, 11, 15, 12, 0), RULES)  # peak allows more
    assert dl.repeat_window_start(sh(2026, 6, 8, 9, 0), RULES) == sh(2026, 6, 1, 9, 0)


def test_urgency() -> None:
    now = sh(2026, 6, 1, 10, 0)
    assert dl.urgency(None, now, RULES) == "none"
    assert dl.urgency(sh(2026, 6, 1, 9, 59), now, RULES) == "overdue"
    assert dl.urgency(sh(2026, 6, 1, 23, 0), now, RULES) == "due_today"
    assert dl.urgency(sh(2026, 6, 2, 0, 30), now, RULES) == "later"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        dl.after_hours(datetime(2026, 1, 1, 8, 0), 1)
    with pytest.raises(ValueError, match="naive"):
        dl.after_days(datetime(2026, 1, 1, 8, 0), 1, RULES)


def test_rules_round_trip_and_bad_values() -> None:
    rules = DeadlineRules(zone="Asia/Urumqi", peak_windows=(PeakWindow((6, 18), (6, 20)),), peak_extra_days=1)
    assert DeadlineRules.from_dict(rules.to_dict()) == rules
    assert DeadlineRules.from_dict({"unknown": 1}) == DeadlineRules()
    for key, value in [
        ("zone", "Nowhere/City"),
        ("peak_windows", [["13-01", "13-05"]]),
        ("complaint_sla_hours", -1),
        ("peak_extra_days", "many"),
    ]:
        with pytest.raises(ValueError, match=key):
            DeadlineRules.from_dict({key: value})
