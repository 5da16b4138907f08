"""Chases: logging with a promised callback and the repeat counter, stalled days (peak windows allow more), and
conversion into a stuck case or a complaint that closes the chase and links both ways."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.actor import Actor
from app.cases import get_case, timeline
from app.chases import NewChase, convert_chase, is_stalled, log_chase, stalled_days
from app.deadlines import DeadlineRules
from app.errors import ValidationError
from db.engine import Database
from db.models import Case

T0 = datetime(2026, 10, 20, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
RULES = DeadlineRules()


def _log(database: Database, actor: Actor, **kw):
    values = {"waybill_no": "YT7730123456789", "direction": "outbound", "opened_at": T0, **kw}
    with database.write() as session:
        return log_chase(session, NewChase(**values), actor=actor)


def test_an_outbound_chase_with_its_callback_and_scan(database: Database, clerk: Actor) -> None:
    chase = _log(
        database,
        clerk,
        caller_name="张先生",
        caller_phone="13812345678",
        request="催促尽快派送",
        callback_at=T0 + timedelta(hours=1),
        last_scan_at=T0 - timedelta(days=4),
        last_node="杭州转运中心",
    )
    assert (chase.kind, chase.direction, chase.status_label) == ("chase", "outbound", "待跟进")
    assert chase.callback_at == T0 + timedelta(hours=1) and chase.repeat_count == 0
    assert chase.details["last_node"] == "杭州转运中心" and chase.details["request"] == "催促尽快派送"


def test_the_second_call_is_counted_as_a_repeat(database: Database, clerk: Actor) -> None:
    _log(database, clerk, caller_phone="13812345678")
    again = _log(database, clerk, caller_phone="138****5678", opened_at=T0 + timedelta(days=2))
    other = _log(database, clerk, waybill_no="ZT7730000000001", caller_phone="13900000000")
    assert (again.repeat_count, other.repeat_count) == (1, 0)


def test_stalled_days_and_the_peak_allowance() -> None:
    scan = datetime(2026, 10, 16, 10, 0, tzinfo=UTC)  # 18:00 on 10-16 local
    now = datetime(2026, 10, 20, 1, 0, tzinfo=UTC)  # 09:00 on 10-20 local
    assert stalled_days(scan, now, RULES) == 4 and is_stalled(scan, now, RULES)
    assert not is_stalled(scan, datetime(2026, 10, 19, 15, 0, tzinfo=UTC), RULES)  # 10-19 23:00: day 3
    peak_scan = datetime(2026, 11, 12, 2, 0, tzinfo=UTC)  # inside the 11-11 ~ 11-20 window: 2 more days
    assert not is_stalled(peak_scan, datetime(2026, 11, 16, 2, 0, tzinfo=UTC), RULES)
    assert is_stalled(peak_scan, datetime(2026, 11, 18, 2, 0, tzinfo=UTC), RULES)
    assert stalled_days(None, now, RULES) is None and not is_stalled(None, now, RULES)


def test_a_callback_before_the_call_is_refused(database: Database, clerk: Actor) -> None:
    with pytest.raises(ValidationError):
        _log(database, clerk, callback_at=T0 - timedelta(minutes=5))
    with pytest.raises(ValidationError):
        _log(database, clerk, direction="sideways")
    with database.read() as session:
        assert session.query(Case).count() == 0


@pytest.mark.parametrize(("kind", "label"), [("stuck", "待处理"), ("complaint", "新建")])
def test_conversion_links_and_closes_the_chase(database: Database, clerk: Actor, kind: str, label: str) -> None:
    chase = _log(database, clerk, caller_phone="13812345678", detail="客户说一周没动")
    extra = {"source": "platform", "category": "延误"} if kind == "complaint" else None
    with database.write() as session:
        new = convert_chase(session, chase.id, kind, actor=clerk, expected_version=chase.version, extra=extra)
    with database.read() as session:
        closed = get_case(session, chase.id)
        entries = [e.text for e in timeline(session, chase.id)]
        converted = session.get(Case, new.id)
        assert converted is not None
        if kind == "complaint":
            assert converted.complaint.source == "platform" and converted.complaint.first_response_due_at is not None
    assert (new.kind, new.status_label, new.parent_case_id, new.waybill_no) == (kind, label, chase.id, chase.waybill_no)
    assert new.caller_phone == "13812345678" and new.detail == "客户说一周没动"
    assert (closed.status, closed.closed_at is not None) == ("done", True)
    assert closed.resolution is not None and f"#{new.id}" in closed.resolution
    assert any(f"#{new.id}" in text for text in entries)


def test_a_closed_chase_or_another_kind_is_not_converted(database: Database, clerk: Actor) -> None:
    chase = _log(database, clerk)
    with database.write() as session:
        convert_chase(session, chase.id, "stuck", actor=clerk, expected_version=chase.version)
    with database.write() as session, pytest.raises(ValidationError):
        convert_chase(session, chase.id, "stuck", actor=clerk, expected_version=get_case(session, chase.id).version)
    with database.write() as session, pytest.raises(ValidationError):
        convert_chase(session, chase.id, "intercept", actor=clerk, expected_version=1)


def test_a_promised_callback_is_moved_then_kept(database: Database, clerk: Actor) -> None:
    from app.chases import complete_callback, set_callback

    chase = _log(database, clerk, callback_at=T0 + timedelta(hours=1))
    later = T0 + timedelta(hours=3)
    with database.write() as session:
        moved = set_callback(session, chase.id, later, actor=clerk, expected_version=chase.version, now=T0)
        with pytest.raises(ValidationError):
            set_callback(
                session, chase.id, T0 - timedelta(hours=1), actor=clerk, expected_version=moved.version, now=T0
            )
    assert moved.callback_at == later
    with database.write() as session:
        done = complete_callback(session, chase.id, "客户已知悉", actor=clerk, at=later)
        with pytest.raises(ValidationError):
            complete_callback(session, chase.id, "", actor=clerk, at=later)
        entries = [e.text for e in timeline(session, chase.id)]
    assert done.callback_at is None and done.last_followup_at == later
    assert "已回电：客户已知悉" in entries


def test_repeats_shown_while_typing_use_the_outlet_window(database: Database, clerk: Actor) -> None:
    from app.repeats import repeats_at_capture

    first = _log(database, clerk, caller_phone="13812345678")
    with database.read() as session:
        assert repeats_at_capture(session, None, "138****5678", T0 + timedelta(days=6)).case_ids == (first.id,)
        assert repeats_at_capture(session, None, "138****5678", T0 + timedelta(days=9)).count == 0


def test_a_conversion_at_a_given_time_keeps_the_timeline_in_order(database: Database, clerk: Actor) -> None:
    chase = _log(database, clerk)
    at = T0 + timedelta(hours=2)
    with database.write() as session:
        new = convert_chase(session, chase.id, "stuck", actor=clerk, expected_version=chase.version, at=at)
        entries = timeline(session, chase.id)
        closed = get_case(session, chase.id)
    assert new.opened_at == at and closed.closed_at == at
    assert [e.at for e in entries] == [at, at]  # "converted" and the closing step, both at the given time
