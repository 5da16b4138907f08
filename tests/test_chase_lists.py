"""The chase and complaint lists in SQL (filters, keyset pages, counts, stalled days against the filter's clock),
the links between converted cases, and the callback / snooze presets; on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import chase_query, complaint_query
from app.actor import Actor
from app.case_links import linked_cases
from app.chase_query import ChaseFilter
from app.chases import NewChase, convert_chase, log_chase
from app.complaint_query import ComplaintFilter
from app.complaints import NewComplaint, escalate, log_complaint
from app.errors import ValidationError
from app.promises import preset_time, tomorrow_morning
from db.engine import Database

T0 = datetime(2026, 10, 20, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
ZONE = "Asia/Shanghai"


def _chase(database: Database, actor: Actor, number: str, direction: str = "outbound", **kw):
    with database.write() as session:
        return log_chase(session, NewChase(waybill_no=number, direction=direction, opened_at=T0, **kw), actor=actor)


def _complaint(database: Database, actor: Actor, number: str, source: str, **kw):
    new = NewComplaint(waybill_no=number, source=source, category="延误", opened_at=T0, **kw)
    with database.write() as session:
        return log_complaint(session, new, actor=actor)


def _all(database: Database, query, f, **kw) -> list:
    """Every row of a list, walked in pages of 2 so the keyset is exercised."""
    rows, after = [], None
    with database.read() as session:
        while True:
            page = query.page(session, f, after=after, limit=2, **kw)
            rows += page
            if len(page) < 2:
                return rows
            after = query.sort_key(page[-1], kw.get("sort", "opened_at"))


def test_chases_by_direction_repeats_and_stalled_days(database: Database, clerk: Actor) -> None:
    stalled = _chase(
        database, clerk, "YT7730100000001", caller_phone="13812345678", last_scan_at=T0 - timedelta(days=4)
    )
    moving = _chase(database, clerk, "YT7730100000002", last_scan_at=T0 - timedelta(days=1))
    again = _chase(database, clerk, "YT7730100000003", "inbound", caller_phone="138****5678", arrived=True)
    rows = {row.id: row for row in _all(database, chase_query, ChaseFilter(now=T0))}
    assert set(rows) == {stalled.id, moving.id, again.id}
    assert (rows[stalled.id].stalled_days, rows[stalled.id].stalled) == (4, True)
    assert (rows[moving.id].stalled_days, rows[moving.id].stalled) == (1, False)
    assert (rows[again.id].stalled_days, rows[again.id].repeat_count, rows[again.id].arrived) == (None, 1, True)
    with database.read() as session:
        assert chase_query.count(session, ChaseFilter(direction="outbound")) == 2
        assert chase_query.count(session, ChaseFilter(repeats_only=True)) == 1
        assert chase_query.count(session, ChaseFilter(text="5678")) == 2
        assert [r.id for r in chase_query.page(session, ChaseFilter(direction="inbound"))] == [again.id]
        later = chase_query.page(session, ChaseFilter(now=T0 + timedelta(days=3)), sort="id", descending=False)
        assert later[1].stalled_days == 4 and later[1].stalled
        with pytest.raises(ValidationError):
            chase_query.page(session, ChaseFilter(), sort="caller_name")
        with pytest.raises(ValidationError):
            chase_query.count(session, ChaseFilter(direction="sideways"))


def test_chase_pages_sorted_by_callback_put_none_last(database: Database, clerk: Actor) -> None:
    ids = [
        _chase(database, clerk, f"YT773010000009{n}", callback_at=T0 + timedelta(hours=h) if h else None).id
        for n, h in enumerate([3, 0, 1, 2, 0])
    ]
    rows = _all(database, chase_query, ChaseFilter(), sort="callback_at", descending=False)
    assert [r.id for r in rows] == [ids[2], ids[3], ids[0], ids[1], ids[4]]


def test_complaints_by_channel_with_clocks(database: Database, clerk: Actor) -> None:
    regulator = _complaint(
        database, clerk, "YT7730100000001", "12305", external_ticket_no="12305-88", caller_phone="13812345678"
    )
    call = _complaint(database, clerk, "YT7730100000002", "call")
    with database.write() as session:
        escalate(session, call.id, "客户要求站长回电", actor=clerk, expected_version=call.version)
    rows = {row.id: row for row in _all(database, complaint_query, ComplaintFilter())}
    row = rows[regulator.id]
    assert (row.source, row.external_ticket_no, row.category, row.priority) == ("12305", "12305-88", "延误", 2)
    assert row.first_response_due_at is not None and row.appeal_risk_at is not None and row.due_at is not None
    assert row.next_due == min(row.first_response_due_at, row.due_at, row.appeal_risk_at)
    assert rows[call.id].escalation_level == 1
    with database.read() as session:
        assert [r.id for r in complaint_query.page(session, ComplaintFilter(source="12305"))] == [regulator.id]
        assert complaint_query.count(session, ComplaintFilter(source="12305")) == 1
        assert complaint_query.count(session, ComplaintFilter(escalated_only=True)) == 1
        assert complaint_query.count(session, ComplaintFilter(text="5678")) == 1
        by_source = complaint_query.page(session, ComplaintFilter(), sort="source", descending=False)
        assert [r.source for r in by_source] == ["12305", "call"]
        with pytest.raises(ValidationError):
            complaint_query.count(session, ComplaintFilter(source="wechat"))


def test_links_both_ways_after_a_conversion(database: Database, clerk: Actor) -> None:
    chase = _chase(database, clerk, "YT7730100000001")
    with database.write() as session:
        stuck = convert_chase(session, chase.id, "stuck", actor=clerk, expected_version=chase.version)
    with database.read() as session:
        from_chase, from_stuck = linked_cases(session, chase.id), linked_cases(session, stuck.id)
    assert [(link.id, link.relation, link.kind) for link in from_chase] == [(stuck.id, "child", "stuck")]
    assert [(link.id, link.relation, link.kind) for link in from_stuck] == [(chase.id, "parent", "chase")]
    assert from_stuck[0].status_label == "已完结" and from_stuck[0].closed_at is not None
    assert from_chase[0].status_label == "待处理"


def test_presets_count_from_now_and_tomorrow_is_the_outlets_morning() -> None:
    late_evening = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    assert preset_time("30min", T0, ZONE) == T0 + timedelta(minutes=30)
    assert preset_time("1h", T0, ZONE) == T0 + timedelta(hours=1)
    assert preset_time("2h", T0, ZONE) == T0 + timedelta(hours=2)
    assert preset_time("15min", T0, ZONE) == T0 + timedelta(minutes=15)
    assert tomorrow_morning(T0, ZONE) == datetime(2026, 10, 21, 1, 0, tzinfo=UTC)
    assert preset_time("tomorrow", late_evening, ZONE) == datetime(2026, 10, 21, 1, 0, tzinfo=UTC)
    just_after_midnight = datetime(2026, 10, 20, 16, 30, tzinfo=UTC)  # 00:30 on 10-21 local
    assert tomorrow_morning(just_after_midnight, ZONE) == datetime(2026, 10, 22, 1, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        preset_time("3d", T0, ZONE)
