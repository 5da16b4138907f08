"""Repeat detection over real databases: by waybill, by full phone, by a masked phone's tail, by a virtual
number's extension; inside and outside the window (whole local days), never the case itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.actor import Actor
from app.cases import NewCase, open_case
from app.deadlines import DeadlineRules
from app.phones import parse_phone, same_phone
from app.repeats import find_repeats
from db.engine import Database

RULES = DeadlineRules()  # Asia/Shanghai, 7 days
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def _open(database: Database, actor: Actor, waybill: str, *, phone: str | None, days_ago: float, kind: str = "chase"):
    with database.write() as session:
        extra = {"source": "12305"} if kind == "complaint" else {}
        new = NewCase(
            kind=kind,
            waybill_no=waybill,
            caller_phone=phone,
            opened_at=NOW - timedelta(days=days_ago),
            extra=extra,
        )
        return open_case(session, new, actor=actor).id


def _find(database: Database, waybill: str | None, phone: str | None, **kw):
    with database.read() as session:
        return find_repeats(session, waybill_no=waybill, phone=phone, now=NOW, rules=RULES, **kw)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("13812345678", "138 1234 5678", True),
        ("13812345678", "13912345678", False),
        ("138****5678", "13812345678", True),
        ("138****5678", "13912345678", False),  # visible head disagrees
        ("****5678", "13912345678", True),
        ("138****5678", "13812340000", False),
        ("17012345678转1234", "17012345678-1234", True),
        ("17012345678转1234", "17012345678转9999", False),  # one virtual number, two customers
        ("17012345678转1234", "17012345678", False),
    ],
)
def test_phones_match_on_what_is_visible(a: str, b: str, same: bool) -> None:
    pa, pb = parse_phone(a), parse_phone(b)
    assert pa is not None and pb is not None
    assert same_phone(pa, pb) is same
    assert same_phone(pb, pa) is same


def test_a_repeat_by_waybill_inside_the_window_only(database: Database, clerk: Actor) -> None:
    inside = _open(database, clerk, "YT7730123456789", phone=None, days_ago=3)
    _open(database, clerk, "YT7730123456789", phone=None, days_ago=9)  # outside the 7 days
    _open(database, clerk, "YT7730000000000", phone=None, days_ago=1)  # another parcel
    found = _find(database, "YT7730123456789", None)
    assert found.case_ids == (inside,) and (found.by_waybill, found.by_phone) == (1, 0)


def test_the_window_counts_whole_local_days(database: Database, clerk: Actor) -> None:
    # 7 local days back from 2026-11-23 is 2026-11-16 00:00 in Shanghai = 11-15 16:00 UTC
    edge = datetime(2026, 11, 15, 16, 0, tzinfo=UTC)
    on_edge = _open(database, clerk, "YT7730123456789", phone=None, days_ago=(NOW - edge).total_seconds() / 86400)
    before = edge - timedelta(minutes=1)
    _open(database, clerk, "YT7730123456789", phone=None, days_ago=(NOW - before).total_seconds() / 86400)
    assert _find(database, "YT7730123456789", None).case_ids == (on_edge,)


def test_a_repeat_by_full_phone_and_by_masked_tail(database: Database, clerk: Actor) -> None:
    full = _open(database, clerk, "YT7730000000001", phone="13812345678", days_ago=2)
    masked = _open(database, clerk, "ZT7730000000002", phone="138****5678", days_ago=1, kind="complaint")
    _open(database, clerk, "YT7730000000003", phone="13912345678", days_ago=1)  # same tail, another line
    _open(database, clerk, "YT7730000000004", phone="13812345678", days_ago=8)  # too old
    found = _find(database, "YT7730999999999", "13812345678")
    assert found.case_ids == (full, masked) and found.by_phone == 2 and found.by_waybill == 0
    # a masked caller today finds the full number and the masked one
    assert _find(database, None, "138****5678").case_ids == (full, masked)


def test_the_case_itself_is_no_repeat_and_both_reasons_count_once(database: Database, clerk: Actor) -> None:
    first = _open(database, clerk, "YT7730123456789", phone="13812345678", days_ago=1)
    second = _open(database, clerk, "YT7730123456789", phone="13812345678", days_ago=0)
    found = _find(database, "YT7730123456789", "13812345678", exclude_case_id=second)
    assert found.case_ids == (first,) and (found.by_waybill, found.by_phone) == (1, 1)


def test_stuck_cases_and_unknown_input_are_no_repeats(database: Database, clerk: Actor) -> None:
    _open(database, clerk, "YT7730123456789", phone="13812345678", days_ago=1, kind="stuck")
    assert _find(database, "YT7730123456789", "13812345678").count == 0
    assert _find(database, "YT7739999999999", "不是电话").count == 0
    assert _find(database, None, None).count == 0
