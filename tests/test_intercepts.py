"""Interceptions with a fixed clock: due when the next delivery round leaves, every outcome (returned,
re-addressed, forwarded, failed: already signed / not found), one open interception per parcel, the warning
the scan bar and the shelf show, and bad requests refused with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.cases import get_case, timeline
from app.errors import ConflictError, TransitionError, ValidationError
from app.intercepts import NewIntercept, complete, fail, log_intercept, mark_found, mark_intercepted, warnings_for
from db.engine import Database
from db.models import Case, InterceptDetail, ReturnShipment, Waybill

YTO = "YT7730123456789"
SEVEN_AM = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 2026-11-23 07:00 in Shanghai


def _log(database: Database, actor: Actor, **kw) -> int:
    values = {"waybill_no": YTO, "request": "stop", "requested_by": "寄件人", "opened_at": SEVEN_AM, **kw}
    with database.write() as session:
        return log_intercept(session, NewIntercept(**values), actor=actor).id


def _state(database: Database, case_id: int) -> tuple[Case, InterceptDetail]:
    with database.read() as session:
        case = session.get(Case, case_id)
        detail = session.get(InterceptDetail, case_id)
        session.expunge_all()
        return case, detail


def test_an_interception_is_due_before_the_first_round_and_flags_its_parcel(database, clerk):
    case_id = _log(database, clerk, request="readdress", new_address="杭州市西湖区文三路 90 号", opened_at=SEVEN_AM)
    case, detail = _state(database, case_id)
    assert case.due_at == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 08:30 local, the first round
    assert (case.status, case.priority, detail.request, detail.requested_by) == ("accepted", 1, "readdress", "寄件人")
    late = _log(database, clerk, waybill_no="YT7730123456790", opened_at=SEVEN_AM + timedelta(hours=2))
    assert _state(database, late)[0].due_at == datetime(2026, 11, 23, 5, 30, tzinfo=UTC)  # 09:00 → 13:30 round
    with database.read() as session:
        warned = warnings_for(session, [YTO.lower(), "SF0000000000", "YT7730123456790"])
    assert sorted(warned) == [YTO, "YT7730123456790"]
    assert warned[YTO].text == "拦截件（改址，已受理）：勿派，新地址：杭州市西湖区文三路 90 号"
    assert warned[YTO].case_id == case_id


def test_a_second_request_for_the_same_parcel_is_noted_on_the_open_one(database, clerk):
    first = _log(database, clerk)
    again = _log(database, clerk, request="return", opened_at=SEVEN_AM + timedelta(minutes=20))
    assert again == first
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        texts = [entry.text for entry in timeline(session, first)]
    assert texts[-1] == "又一次拦截申请：退回寄件人"
    assert _log(database, clerk, opened_at=SEVEN_AM + timedelta(minutes=30)) == first  # the same again: no line
    with database.read() as session:
        assert len(timeline(session, first)) == len(texts)


def test_intercepted_then_returned_with_its_return_waybill(database, clerk):
    case_id = _log(database, clerk, request="return")
    pulled = SEVEN_AM + timedelta(minutes=40)
    with database.write() as session:
        case = mark_intercepted(session, case_id, expected_version=1, actor=clerk, at=pulled)  # found and stopped
        assert case.status == "intercepted"
        done = complete(
            session, case_id, "returned", new_waybill_no="yt 7730 9999 0001", expected_version=case.version, actor=clerk
        )
    assert done.status == "returned" and done.closed_at is not None
    _case, detail = _state(database, case_id)
    assert (detail.pulled_at, detail.outcome, detail.new_waybill_no) == (pulled, "done", "YT773099990001")
    with database.read() as session:
        shipment = session.scalars(select(ReturnShipment)).one()
        assert (shipment.case_id, shipment.return_waybill_no) == (case_id, "YT773099990001")
        assert warnings_for(session, [YTO]) == {}  # ended: no longer flagged
        steps = [entry.text for entry in timeline(session, case_id)]
    assert steps[-3:] == ["已受理 → 已找到", "已找到 → 已拦截", "已拦截 → 已退回"]


def test_readdressed_and_forwarded_need_their_address_and_waybill(database, clerk):
    readdress = _log(database, clerk, request="readdress", new_address="文三路 90 号")
    forward = _log(database, clerk, waybill_no="YT7730123456790", request="forward")
    with database.write() as session:
        version = mark_found(session, forward, expected_version=1, actor=clerk, note="在 3 号架").version
        version = mark_intercepted(session, forward, expected_version=version, actor=clerk).version
        with pytest.raises(ValidationError) as refused:
            complete(session, forward, "forwarded", expected_version=version, actor=clerk)
        assert refused.value.fields == {"new_waybill_no": "intercept_waybill_needed"}
        complete(session, forward, "forwarded", new_waybill_no="SF1385628716739", expected_version=version, actor=clerk)
        version = mark_intercepted(session, readdress, expected_version=1, actor=clerk).version
        complete(session, readdress, "readdressed", expected_version=version, actor=clerk)  # the address given
    assert _state(database, forward)[1].new_waybill_no == "SF1385628716739"
    assert _state(database, forward)[0].status == "forwarded"
    assert (_state(database, readdress)[0].status, _state(database, readdress)[1].new_address) == (
        "readdressed",
        "文三路 90 号",
    )


@pytest.mark.parametrize(("reason", "label"), [("already_signed", "拦截前已签收"), ("not_found", "找不到件")])
def test_a_failed_interception_keeps_its_reason(database, clerk, reason, label):
    case_id = _log(database, clerk)
    with database.write() as session:
        failed = fail(session, case_id, reason, expected_version=1, actor=clerk, note="快递员 8:20 已签")
    assert failed.status == "failed" and failed.closed_at is not None
    _case, detail = _state(database, case_id)
    assert detail.outcome == reason
    with database.read() as session:
        assert timeline(session, case_id)[-1].text == f"已受理 → 拦截失败：{label}：快递员 8:20 已签"


def test_bad_requests_and_steps_are_refused_and_nothing_is_written(database, clerk):
    with database.write() as session:
        with pytest.raises(ValidationError) as no_address:
            log_intercept(session, NewIntercept(YTO, request="readdress"), actor=clerk)
        with pytest.raises(ValidationError) as unknown:
            log_intercept(session, NewIntercept(YTO, request="burn"), actor=clerk)
        with pytest.raises(ValidationError) as long_name:
            log_intercept(session, NewIntercept(YTO, requested_by="平" * 81), actor=clerk)
    assert no_address.value.fields == {"new_address": "intercept_address_needed"}
    assert unknown.value.fields == {"request": "intercept_request_bad"}
    assert long_name.value.fields == {"requested_by": "text_too_long"}
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert session.scalar(select(func.count()).select_from(Waybill)) == 0
    case_id = _log(database, clerk)
    with database.write() as session:
        with pytest.raises(TransitionError):
            complete(session, case_id, "returned", expected_version=1, actor=clerk)  # not intercepted yet
        with pytest.raises(ValidationError):
            complete(session, case_id, "signed", expected_version=1, actor=clerk)
        with pytest.raises(ValidationError):
            fail(session, case_id, "bored", expected_version=1, actor=clerk)
        with pytest.raises(ConflictError):
            mark_found(session, case_id, expected_version=7, actor=clerk)
    with database.read() as session:
        assert get_case(session, case_id).status == "accepted"
