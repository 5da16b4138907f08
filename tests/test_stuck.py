"""The stuck-parcel log on real databases: capture without duplicates, keyboard type picking, pasted lists, courier
rounds, 留言 both ways with their summary, the early-return guard and returns with their new waybill."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import stuck, stuck_messages
from app.actor import Actor
from app.cases import get_case, transition
from app.errors import TransitionError, ValidationError
from db.engine import Database
from db.models import Case, Courier, Followup, Message, ProblemType, ReturnShipment, StuckDetail, Waybill

YTO, ZTO, JT = "YT8962646785389", "73610555582883", "JT5261988016578"
# 2026-03-02 09:00 in Shanghai (UTC+8), a Monday outside every peak window
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def capture(database: Database, actor: Actor, number: str, **kw) -> stuck.Captured:
    with database.write() as session:
        return stuck.capture(session, number, actor=actor, **kw)


def detail(database: Database, case_id: int) -> StuckDetail:
    with database.read() as session:
        found = session.get(StuckDetail, case_id)
        assert found is not None
        session.expunge(found)
        return found


def test_capture_detects_carrier_and_never_duplicates(database: Database, clerk: Actor) -> None:
    first = capture(database, clerk, "ＹＴ８９６２６４６７８５３８９", problem_type="no_answer", shelf=" B-2 ", at=T0)
    assert first.created and first.case.waybill_no == YTO and first.case.carrier == "YTO"
    assert first.case.problem_type_name == "无人接听" and first.case.details["shelf"] == "B-2"
    again = capture(database, clerk, YTO.lower(), problem_type="refused")
    assert not again.created and again.case.id == first.case.id
    assert again.case.problem_type == "no_answer"  # the second scan changed nothing
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_closed_case_does_not_block_a_new_one(database: Database, clerk: Actor) -> None:
    first = capture(database, clerk, ZTO)
    with database.write() as session:
        transition(session, first.case.id, "closed", expected_version=first.case.version, actor=clerk)
    second = capture(database, clerk, ZTO)
    assert second.created and second.case.id != first.case.id


def test_capture_refuses_bad_input_and_writes_nothing(database: Database, clerk: Actor) -> None:
    for number, kw in (("12345", {}), (YTO, {"problem_type": "no_such_type"}), (YTO, {"registered_by": "x"})):
        with pytest.raises(ValidationError):
            capture(database, clerk, number, **kw)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_type_picking_by_number_initials_and_name(database: Database) -> None:
    with database.read() as session:
        choices = stuck.problem_types(session)
    assert [c.number for c in choices] == list(range(1, len(choices) + 1))
    by_name = {c.name: c for c in choices}
    assert stuck.match_types(choices, "1") == [choices[0]]
    assert stuck.match_types(choices, "99") == []
    assert stuck.match_types(choices, "dzcw")[0] is by_name["地址错误"]
    assert stuck.match_types(choices, "DZ")[:2] == [by_name["地址错误"], by_name["地址不详"]]
    assert stuck.match_types(choices, "拒收") == [by_name["拒收"]]
    assert by_name["疑似遗失"] in stuck.match_types(choices, "遗失")
    assert stuck.match_types(choices, "") == choices


def test_carrier_specific_types_are_offered_only_for_that_carrier(database: Database) -> None:
    with database.write() as session:
        session.add(ProblemType(kind="stuck", code="sf_only", name="顺丰专用", carrier_codes=["SF"], sort_order=99))
    with database.read() as session:
        assert "sf_only" in {c.code for c in stuck.problem_types(session, "SF")}
        assert "sf_only" not in {c.code for c in stuck.problem_types(session, "ZTO")}


def test_paste_a_wechat_message(database: Database, clerk: Actor) -> None:
    capture(database, clerk, JT)
    text = f"王姐，这两个件麻烦看下：{YTO}（电话13812345678 没人接），还有 {JT}，明天下午3点前回复，谢谢！"
    with database.read() as session:
        found = stuck.paste_candidates(session, text)
    assert [(p.waybill_no, p.carrier) for p in found] == [(YTO, "YTO"), (JT, "JT")]
    assert found[0].open_case_id is None and found[1].open_case_id is not None
    with database.write() as session:
        done = stuck.capture_many(session, [YTO, JT, YTO], actor=clerk, problem_type="wrong_address")
    assert [d.created for d in done] == [True, False]


def test_courier_round_reporting(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        courier = Courier(name="张师傅", staff_no="K001")
        session.add(courier)
        session.flush()
        courier_id = courier.id
        done = stuck.report_round(session, courier_id, 2, [(YTO, "power_off"), (ZTO, "refused")], actor=clerk)
    assert all(d.created for d in done)
    assert [d.case.problem_type for d in done] == ["power_off", "refused"]
    assert {d.case.courier for d in done} == {"张师傅"}
    assert {detail(database, d.case.id).round_no for d in done} == {2}
    with database.write() as session, pytest.raises(ValidationError):
        stuck.report_round(session, courier_id, 0, [(JT, None)], actor=clerk)


def test_earliest_return_by_type_and_first_message(database: Database, clerk: Actor) -> None:
    unreachable = capture(database, clerk, YTO, problem_type="power_off", at=T0)
    plain = capture(database, clerk, ZTO, problem_type="wrong_address", at=T0)
    # day 1 is the registration day (no message yet): 7 days for an unreachable recipient, else 6
    assert detail(database, unreachable.case.id).earliest_return_on == date(2026, 3, 8)
    assert detail(database, plain.case.id).earliest_return_on == date(2026, 3, 7)
    with database.write() as session:
        stuck_messages.post(session, plain.case.id, "地址错误，请提供新地址", actor=clerk, at=T0 + timedelta(days=2))
    assert detail(database, plain.case.id).earliest_return_on == date(2026, 3, 9)  # counted from the message day
    with database.write() as session:
        session.scalars(select(ProblemType).where(ProblemType.code == "refused")).one().hold_days = 3
        stuck.set_problem_type(session, plain.case.id, "refused", expected_version=None, actor=clerk)
    assert detail(database, plain.case.id).earliest_return_on == date(2026, 3, 6)


def test_messages_both_ways_and_their_summary(database: Database, clerk: Actor) -> None:
    ours = capture(database, clerk, YTO, at=T0).case
    theirs = capture(database, clerk, ZTO, direction="outbound", registered_by="them", at=T0).case
    with database.write() as session:
        sent = stuck_messages.post(session, ours.id, "电话关机，请联系寄件人", actor=clerk, at=T0 + timedelta(hours=1))
    assert get_case_status(database, ours.id) == "awaiting_reply"
    summary = detail(database, ours.id)
    assert (summary.message_direction, summary.message_text, summary.awaiting_reply) == ("sent", sent.text, True)
    with database.write() as session:
        got = stuck_messages.post(
            session, theirs.id, "收件人说没收到，请核实", actor=clerk, direction="received", at=T0 + timedelta(hours=2)
        )
    assert got.reply_due_at == T0 + timedelta(hours=26)  # 24 h by default
    assert detail(database, theirs.id).reply_due_at == got.reply_due_at
    with database.write() as session:
        stuck_messages.reply(session, sent.id, "已联系寄件人，改派新地址", actor=clerk, at=T0 + timedelta(hours=5))
        stuck_messages.reply(session, got.id, "已核实，明天再派", actor=clerk, at=T0 + timedelta(hours=3))
    assert get_case_status(database, ours.id) == "replied"
    summary = detail(database, ours.id)
    assert (summary.reply_text, summary.awaiting_reply) == ("已联系寄件人，改派新地址", False)
    assert summary.reply_at == T0 + timedelta(hours=5)
    assert detail(database, theirs.id).reply_due_at is None
    with database.read() as session:
        texts = [f.text for f in session.scalars(select(Followup).where(Followup.case_id == ours.id))]
        assert "我方留言：电话关机，请联系寄件人" in texts and "对方回复：已联系寄件人，改派新地址" in texts


def test_owed_messages_come_first_in_the_thread(database: Database, clerk: Actor) -> None:
    case = capture(database, clerk, ZTO, direction="outbound", at=T0).case
    with database.write() as session:
        old = stuck_messages.post(session, case.id, "第一条", actor=clerk, direction="received", at=T0)
        stuck_messages.reply(session, old.id, "已回", actor=clerk, at=T0 + timedelta(hours=1))
        late = stuck_messages.post(
            session, case.id, "第二条", actor=clerk, direction="received", at=T0 + timedelta(hours=3)
        )
        early = stuck_messages.post(
            session, case.id, "第三条", actor=clerk, direction="received", at=T0 + timedelta(hours=2)
        )
        ordered = stuck_messages.thread(session, case.id)
    assert [m.id for m in ordered] == [early.id, late.id, old.id]
    assert [m.owed for m in ordered] == [True, True, False]
    assert detail(database, case.id).reply_due_at == early.reply_due_at


def test_message_refusals(database: Database, clerk: Actor) -> None:
    case = capture(database, clerk, YTO, at=T0).case
    with database.write() as session:
        sent = stuck_messages.post(session, case.id, "请回复", actor=clerk, at=T0)
    with database.write() as session, pytest.raises(ValidationError):
        stuck_messages.post(session, case.id, "   ", actor=clerk)
    with database.write() as session, pytest.raises(ValidationError) as info:
        stuck_messages.reply(session, sent.id, "早于留言", actor=clerk, at=T0 - timedelta(minutes=1))
    assert info.value.fields == {"reply_at": "reply_before_message"}
    with database.write() as session:
        stuck_messages.reply(session, sent.id, "好的", actor=clerk, at=T0 + timedelta(hours=1))
    with database.write() as session, pytest.raises(ValidationError) as info:
        stuck_messages.reply(session, sent.id, "再回一次", actor=clerk)
    assert info.value.code == "message_answered"
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 1


def get_case_status(database: Database, case_id: int) -> str:
    with database.read() as session:
        return get_case(session, case_id).status


def _to_return(database: Database, actor: Actor, case_id: int, at: datetime) -> int:
    with database.write() as session:
        view = transition(
            session, case_id, "to_return", expected_version=get_case(session, case_id).version, actor=actor, at=at
        )
        return view.version


def test_early_return_is_refused_with_the_date(database: Database, clerk: Actor) -> None:
    case = capture(database, clerk, YTO, problem_type="wrong_address", at=T0).case
    version = _to_return(database, clerk, case.id, T0 + timedelta(days=1))
    with database.write() as session, pytest.raises(TransitionError) as info:
        stuck.start_return(
            session,
            case.id,
            return_waybill_no="YT8962646785390",
            expected_version=version,
            actor=clerk,
            at=T0 + timedelta(days=2),
        )
    assert info.value.code == "early_return" and info.value.params["date"] == "2026-03-07"
    assert get_case_status(database, case.id) == "to_return"
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(ReturnShipment)) == 0
    # on the earliest day itself (Shanghai time) the return is allowed and recorded with its new waybill
    on_the_day = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)  # 00:30 on 7 March in Shanghai, still the 6th in UTC
    with database.write() as session:
        view = stuck.start_return(
            session, case.id, return_waybill_no="yt8962646785390", expected_version=version, actor=clerk, at=on_the_day
        )
        shipment = session.scalars(select(ReturnShipment)).one()
        assert (shipment.return_waybill_no, shipment.case_id) == ("YT8962646785390", case.id)
        assert shipment.earliest_allowed_on == date(2026, 3, 7)
    assert view.status == "returning"


def test_a_reply_asking_for_the_return_lifts_the_guard(database: Database, clerk: Actor) -> None:
    case = capture(database, clerk, YTO, problem_type="refused", at=T0).case
    with database.write() as session:
        sent = stuck_messages.post(session, case.id, "客户拒收，是否退回？", actor=clerk, at=T0)
        stuck_messages.reply(session, sent.id, "同意退回", actor=clerk, asks_return=True, at=T0 + timedelta(hours=2))
    version = _to_return(database, clerk, case.id, T0 + timedelta(hours=3))
    with database.write() as session:
        view = stuck.start_return(
            session,
            case.id,
            return_waybill_no="YT8962646785390",
            expected_version=version,
            actor=clerk,
            at=T0 + timedelta(hours=4),
        )
    assert view.status == "returning" and detail(database, case.id).return_agreed


def test_return_needs_its_new_waybill(database: Database, clerk: Actor) -> None:
    case = capture(database, clerk, YTO, at=T0).case
    with database.write() as session, pytest.raises(ValidationError) as info:
        stuck.start_return(session, case.id, return_waybill_no="  ", expected_version=case.version, actor=clerk)
    assert info.value.fields == {"return_waybill_no": "required"}


def test_an_address_typed_at_capture_fills_a_blank_waybill_address_only(database: Database, clerk: Actor) -> None:
    first = capture(database, clerk, YTO, address=" 红星路12号 ")
    with database.write() as session:
        waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == YTO))
        assert waybill is not None and waybill.recipient_address == "红星路12号"
        transition(session, first.case.id, "closed", expected_version=first.case.version, actor=clerk)
    capture(database, clerk, YTO, address="东风路1号")  # a new case: the carrier's or first address stays
    with database.read() as session:
        assert session.scalar(select(Waybill.recipient_address).where(Waybill.waybill_no == YTO)) == "红星路12号"
