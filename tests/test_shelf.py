"""The evening shelf count on both engines: scans sorted against the held stuck cases, the count stored with
its lists, the scanned open parcels marked checked, and the not-found ones flagged 疑似遗失 in one action."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app import cases, shelf
from app.cases import NewCase
from app.desk import Desk
from app.errors import NotFoundError, ValidationError
from db.models import AuditEntry, Case, Followup, ShelfCount, StuckDetail

AT = datetime(2026, 11, 2, 11, 30, tzinfo=UTC)  # 19:30 in Asia/Shanghai


def stuck(desk: Desk, number: str, **kw) -> cases.CaseView:
    kw.setdefault("kind", "stuck")
    kw.setdefault("carrier_code", "YTO")
    return desk.write(cases.open_case, NewCase(waybill_no=number, **kw))


@pytest.fixture
def shelf_cases(desk: Desk) -> dict[str, cases.CaseView]:
    return {
        "held": stuck(desk, "YT8962646785301", problem_type="no_answer", extra={"shelf": "A-3"}),
        "no_shelf": stuck(desk, "YT8962646785302", status="awaiting_reply", problem_type="power_off"),
        "to_return": stuck(desk, "YT8962646785303", status="to_return", extra={"shelf": "B-1"}),
        "closed": stuck(desk, "YT8962646785304", status="signed", extra={"shelf": "A-1"}),
        "returning_gone": stuck(desk, "YT8962646785305", status="returning", extra={"shelf": "C-1"}),
        "returning_here": stuck(desk, "YT8962646785306", status="returning", extra={"shelf": "C-2"}),
        "outbound": stuck(desk, "YT8962646785307", direction="outbound", extra={"shelf": "D-1"}),
        "chase": stuck(desk, "YT8962646785308", kind="chase"),
    }


def test_count_sorts_scans_and_stores_the_count(desk: Desk, shelf_cases: dict[str, cases.CaseView]) -> None:
    c = shelf_cases
    scans = [
        "YT8962646785301",
        " yt8962646785301 ",  # scanned twice, once as typed: counted once
        "ＹＴ８９６２６４６７８５３０３",  # a full-width scan of the to_return parcel
        "YT8962646785304",
        "YT8962646785306",
        "YT8962646785308",  # a chase, no stuck case: unknown
        "JT5261988016578",
        "",
    ]
    result = desk.write(shelf.count_shelf, scans, at=AT)

    assert result.scanned == 6
    assert [(i.waybill_no, i.case_id, i.shelf, i.status) for i in result.on_shelf_open] == [
        ("YT8962646785301", c["held"].id, "A-3", "pending"),
        ("YT8962646785303", c["to_return"].id, "B-1", "to_return"),
    ]
    assert result.on_shelf_open[0].problem_type == "no_answer"
    assert result.on_shelf_open[0].problem_type_name == "无人接听"
    assert [(i.waybill_no, i.case_id, i.status_label) for i in result.on_shelf_closed] == [
        ("YT8962646785304", c["closed"].id, "已签收"),
        ("YT8962646785306", c["returning_here"].id, "退回中"),
    ]
    # held without a shelf label is missed; a returning parcel has left and an outbound one was never here
    assert [(i.case_id, i.shelf, i.problem_type) for i in result.not_scanned] == [(c["no_shelf"].id, None, "power_off")]
    assert [i.waybill_no for i in result.unknown] == ["YT8962646785308", "JT5261988016578"]
    assert all(i.case_id is None for i in result.unknown)

    with desk.database.read() as session:
        row = session.get(ShelfCount, result.count_id)
        assert row is not None and row.counted_at == AT and row.operator_id == desk.actor.id
        counts = (row.scanned, row.on_shelf_open, row.on_shelf_closed, row.not_scanned, row.unknown)
        assert counts == (6, 2, 2, 1, 2)
        assert [i["case_id"] for i in row.detail["not_scanned"]] == [c["no_shelf"].id]
        assert [i["waybill_no"] for i in row.detail["unknown"]] == ["YT8962646785308", "JT5261988016578"]
        checked = dict(session.execute(select(StuckDetail.case_id, StuckDetail.on_shelf_checked_at)).all())
        assert checked[c["held"].id] == AT and checked[c["to_return"].id] == AT
        assert checked[c["no_shelf"].id] is None and checked[c["closed"].id] is None
        assert checked[c["returning_here"].id] is None
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "shelf_count")).one()
        assert entry.entity_id == result.count_id and entry.operator_id == desk.actor.id
        assert entry.changes["checked_case_ids"] == [c["held"].id, c["to_return"].id]


def test_deleted_case_is_not_expected(desk: Desk) -> None:
    kept = stuck(desk, "YT8962646785311")
    gone = stuck(desk, "YT8962646785312")
    with desk.database.write() as session:
        case = session.get(Case, gone.id)
        assert case is not None
        case.deleted_at = AT
    result = desk.write(shelf.count_shelf, ["JT5261988016578"], at=AT)
    assert [i.case_id for i in result.not_scanned] == [kept.id]


def test_empty_scan_is_refused_and_nothing_stored(desk: Desk) -> None:
    stuck(desk, "YT8962646785321")
    with pytest.raises(ValidationError) as info:
        desk.write(shelf.count_shelf, ["", "  "], at=AT)
    assert info.value.code == "shelf_scan_empty" and "scanned" in info.value.fields
    with desk.database.read() as session:
        assert session.scalar(select(ShelfCount.id)) is None


def test_flag_lost_marks_not_scanned_once(desk: Desk, shelf_cases: dict[str, cases.CaseView]) -> None:
    c = shelf_cases
    extra = stuck(desk, "YT8962646785331", problem_type="refused")
    result = desk.write(shelf.count_shelf, ["YT8962646785301", "YT8962646785303"], at=AT)
    assert {i.case_id for i in result.not_scanned} == {c["no_shelf"].id, extra.id}

    with pytest.raises(ValidationError) as info:
        desk.write(shelf.flag_lost, [c["no_shelf"].id, c["held"].id], count_id=result.count_id)
    assert info.value.code == "shelf_not_in_count" and info.value.params["case_id"] == c["held"].id

    # the refused parcel turned up and was closed before the clerk flagged the rest
    desk.write(cases.close, extra.id, "已找到，本人签收", expected_version=extra.version)
    flagged = desk.write(shelf.flag_lost, [c["no_shelf"].id, extra.id], count_id=result.count_id)
    assert flagged == 1
    lost = desk.read(cases.get_case, c["no_shelf"].id)
    assert lost.problem_type == "suspected_lost" and lost.problem_type_name == "疑似遗失"
    assert lost.status == "awaiting_reply"
    assert desk.read(cases.get_case, extra.id).problem_type == "refused"
    with desk.database.read() as session:
        note = session.scalars(select(Followup).where(Followup.case_id == lost.id)).one()
        assert note.channel == "system" and note.operator_id == desk.actor.id
        assert note.text == "11月2日留仓盘点未扫到，标记为疑似遗失（原问题类型：关机）"
        row = session.get(ShelfCount, result.count_id)
        assert row is not None and row.flagged_lost == 1 and row.detail["flagged_case_ids"] == [lost.id]
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "shelf_count").order_by(AuditEntry.id)
        ).all()
        assert actions == ["count", "flag_lost"]
    assert desk.read(shelf.last_count).flagged_case_ids == (lost.id,)

    assert desk.write(shelf.flag_lost, [c["no_shelf"].id], count_id=result.count_id) == 0
    with desk.database.read() as session:
        assert session.get(ShelfCount, result.count_id).flagged_lost == 1
        assert len(session.scalars(select(Followup).where(Followup.case_id == lost.id)).all()) == 1


def test_flag_lost_needs_a_known_count(desk: Desk) -> None:
    with pytest.raises(NotFoundError):
        desk.write(shelf.flag_lost, [1], count_id=999)


def test_last_count_overall_and_by_local_day(desk: Desk) -> None:
    stuck(desk, "YT8962646785341")
    assert desk.read(shelf.last_count) is None
    first = desk.write(shelf.count_shelf, ["YT8962646785341"], at=AT)
    # 17:00 UTC is already 01:00 on 3 November in the outlet's zone
    second = desk.write(shelf.count_shelf, ["JT5261988016578"], at=datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    newest = desk.read(shelf.last_count)
    assert newest is not None and newest.count_id == second.count_id
    assert [i.waybill_no for i in newest.unknown] == ["JT5261988016578"]
    assert [i.waybill_no for i in newest.not_scanned] == ["YT8962646785341"]
    on_second = desk.read(shelf.last_count, date(2026, 11, 2))
    assert on_second is not None and on_second.count_id == first.count_id
    assert [i.waybill_no for i in on_second.on_shelf_open] == ["YT8962646785341"]
    assert desk.read(shelf.last_count, date(2026, 11, 3)).count_id == second.count_id
    assert desk.read(shelf.last_count, date(2026, 11, 4)) is None
