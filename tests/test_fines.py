"""Fines (罚款 / 考核) with a fixed clock on SQLite and PostgreSQL: the appeal deadline worked out in local days
(peak windows add days), the result workflow with its guards, a late appeal only with the manager's PIN, a
reduction that keeps the fine one fine, recovery, the courier charged, stale forms and bad figures refused with
the field named and nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app import settings
from app.actor import Actor
from app.cases import NewCase, open_case
from app.errors import ConflictError, NotFoundError, PermissionDenied, TransitionError, ValidationError
from app.fine_views import REASONS, get_fine, history, list_fines
from app.fines import (
    NewFine,
    appeal_fine,
    charge_courier,
    decide_fine,
    delete_fine,
    reason_code,
    record_fine,
    record_recovery,
    update_fine,
)
from app.workflows import FINE
from db.engine import Database
from db.models import AuditEntry, Courier, Fine, Waybill
from tests.conftest import MANAGER_PIN

YTO = "YT7730123456789"
ZTO = "73610555582883"
ISSUED = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, outside the peak windows
DUE = datetime(2026, 10, 23, 15, 59, 59, tzinfo=UTC)  # the end of 10-23 local: the 3rd day after 10-20


def _record(database: Database, actor: Actor, **kw: Any):
    values: dict[str, Any] = {"waybill_no": YTO, "reason": "fake_signing", "amount": Decimal("200.00")}
    values |= {"issued_at": ISSUED, **kw}
    with database.write() as session:
        return record_fine(session, NewFine(**values), actor=actor)


def _counts(database: Database) -> tuple[int, int, int]:
    """Fines, waybills and audit entries about fines: what a refused call must leave as it was."""
    with database.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Fine)) or 0,
            session.scalar(select(func.count()).select_from(Waybill)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "fine")) or 0,
        )


def _write(database: Database, fn, *args: Any, **kw: Any):
    with database.write() as session:
        return fn(session, *args, **kw)


def test_a_fine_gets_the_appeal_deadline_in_local_days(database: Database, clerk: Actor) -> None:
    fine = _record(database, clerk, evidence="签收照片非本人")
    assert (fine.waybill_no, fine.carrier, fine.carrier_name) == (YTO, "YTO", "圆通")
    assert (fine.reason, fine.reason_label, fine.amount) == ("fake_signing", "虚假签收", Decimal("200.00"))
    assert (fine.result, fine.result_label, fine.is_open) == ("open", "待处理", True)
    assert (fine.issued_at, fine.appeal_due_at, fine.evidence) == (ISSUED, DUE, "签收照片非本人")
    assert (fine.version, fine.arbitrations, fine.appealed_at, fine.amount_recovered) == (1, (), None, None)
    late_evening = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)  # 23:30 local: still the 20th, same deadline
    assert _record(database, clerk, waybill_no=ZTO, issued_at=late_evening).appeal_due_at == DUE


def test_peak_windows_and_the_setting_move_the_default_deadline(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    in_peak = datetime(2026, 11, 12, 2, 0, tzinfo=UTC)  # 11-12 local, inside 11-11 ~ 11-20
    assert _record(database, clerk, issued_at=in_peak).appeal_due_at == datetime(
        2026, 11, 17, 15, 59, 59, tzinfo=UTC
    )  # 11-15 + 2 peak days
    with database.write() as session:
        rules = settings.get(session, "deadlines") | {"fine_appeal_days": 5}
        settings.put(session, "deadlines", rules, actor=manager)
    assert _record(database, clerk, waybill_no=ZTO).appeal_due_at == datetime(2026, 10, 25, 15, 59, 59, tzinfo=UTC)


def test_the_carriers_own_appeal_date_is_kept(database: Database, clerk: Actor) -> None:
    theirs = datetime(2026, 10, 21, 10, 0, tzinfo=UTC)
    assert _record(database, clerk, appeal_due_at=theirs).appeal_due_at == theirs


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"amount": Decimal("-5.00")}, "amount", "money_not_positive"),
        ({"amount": Decimal("0")}, "amount", "money_not_positive"),
        ({"amount": Decimal("1000000")}, "amount", "money_too_big"),
        ({"amount": Decimal("12.345")}, "amount", "money_cents"),
        ({"amount": 12.5}, "amount", "money_bad"),
        ({"amount": Decimal("NaN")}, "amount", "money_bad"),
        ({"reason": "迟到"}, "reason", "fine_reason_bad"),
        ({"issued_at": datetime(2026, 10, 20, 10, 0)}, "issued_at", "invalid_input"),
        ({"appeal_due_at": ISSUED - timedelta(hours=1)}, "appeal_due_at", "fine_due_before_issue"),
        ({"evidence": "证" * 2001}, "evidence", "text_too_long"),
        ({"waybill_no": "12"}, "waybill_no", "bad_waybill"),
        ({"carrier_code": "NOPE"}, "carrier", "not_found"),
        ({"courier_charged_id": 9999}, "courier_charged_id", "not_found"),
    ],
)
def test_bad_facts_are_refused_with_the_field_named(
    database: Database, clerk: Actor, changes: dict[str, Any], field: str, code: str
) -> None:
    before = _counts(database)
    with pytest.raises(ValidationError) as info:
        _record(database, clerk, **changes)
    assert info.value.fields == {field: code}
    assert _counts(database) == before == (0, 0, 0)


def test_the_same_fine_twice_is_refused_but_another_figure_or_day_is_another_fine(
    database: Database, clerk: Actor
) -> None:
    first = _record(database, clerk)
    with pytest.raises(ValidationError) as info:
        _record(database, clerk, issued_at=ISSUED + timedelta(hours=5))  # 15:00 the same local day
    assert info.value.fields == {"waybill_no": "fine_duplicate"} and str(first.id) in info.value.message()
    assert _record(database, clerk, amount=Decimal("150.00")).id != first.id
    assert _record(database, clerk, issued_at=ISSUED + timedelta(days=1)).id != first.id
    assert _record(database, clerk, reason="late").id != first.id
    assert _counts(database)[0] == 4


def test_a_case_link_must_be_about_the_same_parcel(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        ours = open_case(session, NewCase(kind="complaint", waybill_no=YTO), actor=clerk).id
        other = open_case(session, NewCase(kind="complaint", waybill_no=ZTO), actor=clerk).id
    assert _record(database, clerk, case_id=ours).case_id == ours
    with pytest.raises(ValidationError) as info:
        _record(database, clerk, case_id=other, reason="late")
    assert info.value.fields == {"case_id": "link_other_waybill"}


def test_appeal_in_time_then_the_decisions(database: Database, clerk: Actor) -> None:
    fine = _record(database, clerk)
    at = DUE - timedelta(minutes=1)
    appealed = _write(database, appeal_fine, fine.id, expected_version=1, actor=clerk, at=at, note="有签收录音")
    assert (appealed.result, appealed.result_label, appealed.appealed_at, appealed.version) == (
        "appealed",
        "申诉中",
        at,
        2,
    )
    assert appealed.is_open
    reduced = _write(
        database, decide_fine, fine.id, "reduced", expected_version=2, actor=clerk, new_amount=Decimal("50.00")
    )
    assert (reduced.result, reduced.result_label, reduced.amount, reduced.is_open) == (
        "reduced",
        "已减免",
        Decimal("50.00"),
        False,
    )
    with database.read() as session:
        lines = [entry.text for entry in history(session, fine.id)]
    assert lines == [
        "登记罚款：虚假签收 200.00元",
        "待处理 → 申诉中，有签收录音",
        "申诉中 → 已减免，金额 200.00 → 50.00元",
    ]


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["accepted"], ("accepted", Decimal("200.00"))),
        (["cancelled"], ("cancelled", Decimal("200.00"))),
        (["appeal", "accepted"], ("accepted", Decimal("200.00"))),
        (["appeal", "cancelled"], ("cancelled", Decimal("200.00"))),
    ],
)
def test_each_way_to_an_end(database: Database, clerk: Actor, path: list[str], final: tuple[str, Decimal]) -> None:
    fine = _record(database, clerk)
    version = fine.version
    for step in path:
        if step == "appeal":
            done = _write(database, appeal_fine, fine.id, expected_version=version, actor=clerk, at=ISSUED)
        else:
            done = _write(database, decide_fine, fine.id, step, expected_version=version, actor=clerk)
        version = done.version
    assert (done.result, done.amount) == final and not done.is_open


def test_refused_steps_change_nothing(database: Database, clerk: Actor) -> None:
    fine = _record(database, clerk)
    with pytest.raises(TransitionError):  # a reduction is the answer to an appeal
        _write(database, decide_fine, fine.id, "reduced", expected_version=1, actor=clerk, new_amount=Decimal(1))
    with pytest.raises(ValidationError) as info:
        _write(database, decide_fine, fine.id, "paid", expected_version=1, actor=clerk)
    assert info.value.fields == {"result": "fine_decision_bad"}
    _write(database, appeal_fine, fine.id, expected_version=1, actor=clerk, at=ISSUED)
    for amount, code in [
        (None, "fine_new_amount_needed"),
        (Decimal("200.00"), "fine_reduce_not_less"),
        (Decimal("250.00"), "fine_reduce_not_less"),
        (Decimal("0"), "money_not_positive"),
        (Decimal("9.999"), "money_cents"),
    ]:
        with pytest.raises(ValidationError) as info:
            _write(database, decide_fine, fine.id, "reduced", expected_version=2, actor=clerk, new_amount=amount)
        assert info.value.fields == {"new_amount": code}
    with pytest.raises(ValidationError) as info:
        _write(database, decide_fine, fine.id, "accepted", expected_version=2, actor=clerk, new_amount=Decimal(1))
    assert info.value.fields == {"new_amount": "fine_new_amount_only_reduced"}
    with database.read() as session:
        current = get_fine(session, fine.id)
    assert (current.result, current.amount, current.version) == ("appealed", Decimal("200.00"), 2)
    done = _write(database, decide_fine, fine.id, "accepted", expected_version=2, actor=clerk)
    with pytest.raises(TransitionError):
        _write(database, appeal_fine, fine.id, expected_version=done.version, actor=clerk, at=ISSUED)
    with pytest.raises(ValidationError) as info:
        _write(database, update_fine, fine.id, {"evidence": "补充"}, expected_version=done.version, actor=clerk)
    assert info.value.code == "fine_decided"


def test_a_late_appeal_needs_the_managers_pin(database: Database, clerk: Actor, manager: Actor) -> None:
    fine = _record(database, clerk)
    late = DUE + timedelta(seconds=1)
    with pytest.raises(ValidationError) as info:
        _write(database, appeal_fine, fine.id, expected_version=1, actor=clerk, at=late)
    assert info.value.fields == {"appealed_at": "fine_appeal_late"}
    assert "2026-10-23 23:59" in info.value.message()
    with pytest.raises(PermissionDenied):
        _write(database, appeal_fine, fine.id, expected_version=1, actor=clerk, at=late, manager_pin="0000")
    with database.read() as session:
        assert (get_fine(session, fine.id).result, get_fine(session, fine.id).version) == ("open", 1)
    done = _write(database, appeal_fine, fine.id, expected_version=1, actor=clerk, at=late, manager_pin=MANAGER_PIN)
    assert (done.result, done.appealed_at) == ("appealed", late)
    with database.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "appeal")).one()
        assert (entry.operator_id, entry.changes["late_approved_by"]) == (clerk.id, manager.name)
        assert history(session, fine.id)[-1].text == "待处理 → 申诉中，逾期申诉，李站长批准"


def test_stale_forms_are_refused(database: Database, clerk: Actor) -> None:
    fine = _record(database, clerk)
    fresh = _write(database, update_fine, fine.id, {"amount": Decimal("180.00")}, expected_version=1, actor=clerk)
    assert (fresh.amount, fresh.version) == (Decimal("180.00"), 2)
    for call in (
        lambda s: update_fine(s, fine.id, {"evidence": "x"}, expected_version=1, actor=clerk),
        lambda s: appeal_fine(s, fine.id, expected_version=1, actor=clerk, at=ISSUED),
        lambda s: decide_fine(s, fine.id, "accepted", expected_version=1, actor=clerk),
        lambda s: record_recovery(s, fine.id, Decimal(10), expected_version=1, actor=clerk),
        lambda s: charge_courier(s, fine.id, None, expected_version=1, actor=clerk),
    ):
        with pytest.raises(ConflictError) as info, database.write() as session:
            call(session)
        assert clerk.name in info.value.message()
    with database.read() as session:
        assert (get_fine(session, fine.id).version, get_fine(session, fine.id).evidence) == (2, None)


def test_edits_check_like_a_new_fine(database: Database, clerk: Actor) -> None:
    fine = _record(database, clerk)
    for changes, field in [
        ({"amount": Decimal("-1")}, "amount"),
        ({"reason": "nope"}, "reason"),
        ({"appeal_due_at": ISSUED - timedelta(days=1)}, "appeal_due_at"),
        ({"carrier_code": "XX"}, "carrier"),
        ({"result": "cancelled"}, "result"),
    ]:
        with pytest.raises(ValidationError) as info:
            _write(database, update_fine, fine.id, changes, expected_version=1, actor=clerk)
        assert set(info.value.fields) == {field}
    edited = _write(
        database,
        update_fine,
        fine.id,
        {"reason": "late", "carrier_code": "ZTO", "evidence": "  对方未上传签收底单  "},
        expected_version=1,
        actor=clerk,
    )
    assert (edited.reason_label, edited.carrier, edited.evidence, edited.version) == (
        "延误",
        "ZTO",
        "对方未上传签收底单",
        2,
    )
    same = _write(database, update_fine, fine.id, {"reason": "late"}, expected_version=2, actor=clerk)
    assert same.version == 2  # nothing differs: no new version, no audit line


def test_money_recovered_and_the_courier_charged(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        courier = Courier(name="王师傅", pinyin="wsf")
        session.add(courier)
        session.flush()
        courier_id = courier.id
    fine = _record(database, clerk)
    with pytest.raises(ValidationError) as info:
        _write(database, charge_courier, fine.id, 9999, expected_version=1, actor=clerk)
    assert info.value.fields == {"courier_charged_id": "not_found"}
    charged = _write(database, charge_courier, fine.id, courier_id, expected_version=1, actor=clerk)
    assert (charged.courier_charged_id, charged.courier_charged, charged.version) == (courier_id, "王师傅", 2)
    for amount, code in [(Decimal("200.01"), "fine_recovered_too_much"), (Decimal(-1), "money_negative")]:
        with pytest.raises(ValidationError) as info:
            _write(database, record_recovery, fine.id, amount, expected_version=2, actor=clerk)
        assert info.value.fields == {"amount_recovered": code}
    back = _write(database, record_recovery, fine.id, Decimal("200.00"), expected_version=2, actor=clerk)
    assert (back.amount_recovered, back.version) == (Decimal("200.00"), 3)
    done = _write(
        database, decide_fine, fine.id, "accepted", expected_version=3, actor=clerk, amount_recovered=Decimal("80")
    )
    assert (done.result, done.amount_recovered) == ("accepted", Decimal("80.00"))
    cleared = _write(database, record_recovery, fine.id, None, expected_version=done.version, actor=clerk)
    assert cleared.amount_recovered is None
    with database.read() as session:
        assert [f.id for f in list_fines(session, courier_id=courier_id)] == [fine.id]


def test_the_list_filters_and_puts_the_nearest_appeal_deadline_first(database: Database, clerk: Actor) -> None:
    later = _record(database, clerk, appeal_due_at=DUE + timedelta(days=2))
    sooner = _record(database, clerk, waybill_no=ZTO, reason="late", amount=Decimal("20.00"))
    decided = _record(database, clerk, reason="lost", amount=Decimal("500.00"), issued_at=ISSUED - timedelta(days=3))
    _write(database, decide_fine, decided.id, "accepted", expected_version=1, actor=clerk)
    appealed = _record(database, clerk, reason="damaged", issued_at=ISSUED + timedelta(days=1))
    _write(database, appeal_fine, appealed.id, expected_version=1, actor=clerk, at=ISSUED + timedelta(days=1))
    with database.read() as session:

        def ids(**kw: Any) -> list[int]:
            return [f.id for f in list_fines(session, **kw)]

        # deadlines: decided 10-20, sooner 10-23, appealed 10-24 (issued 10-21), later 10-25 (the carrier's date)
        assert ids(open_only=True) == [sooner.id, appealed.id, later.id]
        assert ids() == [decided.id, sooner.id, appealed.id, later.id]
        assert ids(result="accepted") == [decided.id]
        assert ids(reason="late") == [sooner.id]
        assert ids(carrier="ZTO") == [sooner.id]
        assert ids(waybill_no=" yt7730123456789 ", open_only=True) == [appealed.id, later.id]
        assert ids(issued_from=date(2026, 10, 20), issued_to=date(2026, 10, 20)) == [sooner.id, later.id]
        assert ids(issued_from=date(2026, 10, 21)) == [appealed.id]
        assert ids(appeal_due_before=DUE + timedelta(days=1), open_only=True) == [sooner.id]
        with pytest.raises(ValidationError):
            list_fines(session, result="paid")


def test_delete_needs_the_manager_and_is_soft(database: Database, clerk: Actor, manager: Actor) -> None:
    fine = _record(database, clerk)
    with pytest.raises(PermissionDenied):
        _write(database, delete_fine, fine.id, expected_version=1, actor=clerk, manager_pin="1111")
    _write(database, delete_fine, fine.id, expected_version=1, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert list_fines(session) == []
        with pytest.raises(NotFoundError):
            get_fine(session, fine.id)
        row = session.get(Fine, fine.id)
        assert row is not None and row.deleted_at is not None
    assert _record(database, clerk).id != fine.id  # the same fine may be recorded again after a delete


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("虚假签收", "fake_signing"),
        ("虚假签收考核", "fake_signing"),
        ("延误", "late"),
        ("派送延误罚款", "late"),
        ("快件遗失", "lost"),
        ("丢失", "lost"),
        ("外包装破损", "damaged"),
        ("留言回复超时", "message_late"),
        ("问题件留言超时未回复", "message_late"),
        ("工单回复超时", "ticket_late"),
        ("投诉工单逾期", "ticket_late"),
        ("有效投诉", "complaint"),
        ("早退", "early_return"),
        ("其他", "other"),
        ("lost", "lost"),
        ("服务态度", None),
        ("", None),
    ],
)
def test_reason_wordings(wording: str, code: str | None) -> None:
    assert reason_code(wording) == code
    assert code is None or code in REASONS


FINE_MOVES = {
    ("open", "appealed"),
    ("open", "accepted"),
    ("open", "cancelled"),
    ("appealed", "accepted"),
    ("appealed", "cancelled"),
    ("appealed", "reduced"),
}


@pytest.mark.parametrize("current", [s.code for s in FINE.states])
@pytest.mark.parametrize("target", [s.code for s in FINE.states])
def test_the_fine_workflow_table(current: str, target: str) -> None:
    if (current, target) in FINE_MOVES:
        FINE.check(current, target)
    else:
        with pytest.raises(TransitionError):
            FINE.check(current, target)
    assert FINE.open_codes == ("open", "appealed")
    assert [s.label for s in FINE.states] == ["待处理", "申诉中", "已认罚", "已撤销", "已减免"]
