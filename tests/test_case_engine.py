"""The case engine on real databases (SQLite file and PostgreSQL): open, transition, follow up, assign, close,
convert, audit, and optimistic locking that never overwrites a concurrent edit silently."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import cases
from app.actor import Actor
from app.cases import NewCase
from app.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from db.engine import Database
from db.models import AuditEntry, Case, Followup, Waybill


def open_(database: Database, actor: Actor, **kw) -> cases.CaseView:
    kw.setdefault("kind", "stuck")
    kw.setdefault("waybill_no", "YT8962646785389")
    with database.write() as session:
        return cases.open_case(session, NewCase(**kw), actor=actor)


def test_open_detects_carrier_and_audits(database: Database, clerk: Actor) -> None:
    view = open_(
        database,
        clerk,
        kind="stuck",
        waybill_no=" ７３６１０５５５５８２８８３ ",
        problem_type="关机",
        caller_phone="138****5678",
        extra={"round_no": 2, "shelf": "A-03"},
    )
    assert view.waybill_no == "73610555582883" and view.carrier == "ZTO" and view.carrier_name == "中通"
    assert view.status == "pending" and view.status_label == "待处理"
    assert view.problem_type == "power_off" and view.handler == clerk.name
    assert view.details["shelf"] == "A-03" and view.details["round_no"] == 2
    with database.read() as session:
        case = session.get(Case, view.id)
        assert case.caller_phone_tail == "5678"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == view.id)).one()
        assert (entry.action, entry.operator_id) == ("open", clerk.id)


def test_open_refuses_bad_input(database: Database, clerk: Actor) -> None:
    with pytest.raises(ValidationError) as info:
        open_(database, clerk, waybill_no="12345")
    assert "waybill_no" in info.value.fields
    with pytest.raises(ValidationError):
        open_(database, clerk, kind="parcel")
    with pytest.raises(ValidationError):
        open_(database, clerk, direction="sideways")
    with pytest.raises(ValidationError):
        open_(database, clerk, extra={"no_such_field": 1})
    with database.read() as session:
        assert session.scalar(select(Case.id)) is None
        assert session.scalar(select(Waybill.id)) is None


def test_complaint_gets_its_sla_due_time(database: Database, clerk: Actor) -> None:
    opened = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    view = open_(database, clerk, kind="complaint", opened_at=opened, extra={"source": "12305"})
    assert view.due_at == opened + timedelta(hours=24)
    assert view.details["source"] == "12305"


def test_transition_along_the_workflow_and_refusal(database: Database, clerk: Actor) -> None:
    view = open_(database, clerk)
    with database.write() as session:
        view = cases.transition(session, view.id, "awaiting_reply", expected_version=view.version, actor=clerk)
    with pytest.raises(TransitionError), database.write() as session:
        cases.transition(session, view.id, "signed", expected_version=view.version, actor=clerk)
    with database.write() as session:
        view = cases.transition(session, view.id, "replied", expected_version=view.version, actor=clerk)
        view = cases.transition(session, view.id, "redeliver", expected_version=view.version, actor=clerk)
        view = cases.transition(session, view.id, "signed", expected_version=view.version, actor=clerk, note="本人签收")
    assert view.status == "signed" and view.closed_at is not None and not view.is_open
    with database.read() as session:
        lines = [e.text for e in cases.timeline(session, view.id)]
    assert lines[-1] == "待再派 → 已签收：本人签收" and len(lines) == 4


def test_early_return_guard(database: Database, clerk: Actor) -> None:
    tomorrow = date.today() + timedelta(days=3)
    view = open_(database, clerk, extra={"earliest_return_on": tomorrow})
    with database.write() as session:
        view = cases.transition(session, view.id, "to_return", expected_version=view.version, actor=clerk)
    with pytest.raises(TransitionError) as info, database.write() as session:
        cases.transition(session, view.id, "returning", expected_version=view.version, actor=clerk)
    assert info.value.code == "early_return"
    with database.write() as session:
        view = cases.update_case(session, view.id, {"return_agreed": True}, expected_version=view.version, actor=clerk)
        view = cases.transition(session, view.id, "returning", expected_version=view.version, actor=clerk)
    assert view.status == "returning"


def test_followup_assign_close_convert(database: Database, clerk: Actor, manager: Actor) -> None:
    chase = open_(
        database,
        clerk,
        kind="chase",
        direction="outbound",
        waybill_no="SF1385628716739",
        caller_name="张伟",
        caller_phone="13812345678",
    )
    at = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    with database.write() as session:
        chase = cases.add_followup(
            session, chase.id, "已电话联系客户，答应下午回电", actor=clerk, channel="phone", at=at
        )
    assert chase.last_followup_at == at
    with pytest.raises(ValidationError), database.write() as session:
        cases.add_followup(session, chase.id, "   ", actor=clerk)
    with database.write() as session:
        chase = cases.assign(session, chase.id, manager.id, expected_version=chase.version, actor=clerk)
    assert chase.handler == manager.name
    with database.write() as session:
        complaint = cases.convert(session, chase.id, "complaint", actor=clerk, extra={"source": "platform"})
    assert complaint.kind == "complaint" and complaint.parent_case_id == chase.id
    assert complaint.caller_name == "张伟" and complaint.waybill_no == "SF1385628716739"
    with database.read() as session:
        chase = cases.get_case(session, chase.id)
    with database.write() as session:
        closed = cases.close(session, chase.id, "客户已收到", expected_version=chase.version, actor=clerk)
    assert closed.status == "done" and closed.resolution == "客户已收到"
    with database.read() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "case", AuditEntry.entity_id == chase.id)
            .order_by(AuditEntry.id)
        ).all()
        assert actions == ["open", "followup", "update", "convert", "transition"]
        assert session.scalar(select(Followup.operator_id).where(Followup.case_id == chase.id).limit(1)) == clerk.id


def test_stale_edit_is_a_conflict_not_an_overwrite(database: Database, clerk: Actor, manager: Actor) -> None:
    view = open_(database, clerk, detail="原始说明")
    with database.read() as session:  # clerk A's form reads version 1
        form = cases.get_case(session, view.id)
    with database.write() as session:  # clerk B saves first
        cases.update_case(session, view.id, {"detail": "B 的修改"}, expected_version=form.version, actor=manager)
    with pytest.raises(ConflictError) as info, database.write() as session:
        cases.update_case(session, view.id, {"detail": "A 的修改"}, expected_version=form.version, actor=clerk)
    assert info.value.theirs["detail"] == "B 的修改"
    assert manager.name in info.value.message()
    with database.read() as session:
        assert cases.get_case(session, view.id).detail == "B 的修改"


def test_conflict_survives_a_rollback_in_the_same_session(database: Database, clerk: Actor, manager: Actor) -> None:
    """A rollback expires loaded objects; the next flush must not quietly take the newer version as its own."""
    view = open_(database, clerk, detail="原始说明")
    session_a = database._writer()
    try:
        case_a = session_a.get(Case, view.id)
        assert case_a.version == view.version
        session_a.rollback()  # e.g. a failed save; the form still holds version 1
        with database.write() as session_b:
            cases.update_case(session_b, view.id, {"detail": "B 的修改"}, expected_version=view.version, actor=manager)
        with pytest.raises(ConflictError):
            cases.update_case(session_a, view.id, {"detail": "A 的修改"}, expected_version=view.version, actor=clerk)
        session_a.rollback()
    finally:
        session_a.close()
    with database.read() as session:
        assert cases.get_case(session, view.id).detail == "B 的修改"


def test_version_column_catches_a_write_between_read_and_flush(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    """Even code that skips the form check cannot overwrite: the UPDATE itself checks the version."""
    view = open_(database, clerk, detail="原始说明")
    reader = database._reader() if database.is_sqlite else database._writer()
    try:
        stale = reader.get(Case, view.id)
        with database.write() as session_b:
            cases.update_case(session_b, view.id, {"detail": "B"}, expected_version=view.version, actor=manager)
        stale.detail = "A"
        with pytest.raises(Exception) as info:
            reader.flush()
        assert "StaleData" in type(info.value).__name__ or "locked" in str(info.value).lower()
        reader.rollback()
    finally:
        reader.close()
    with database.read() as session:
        assert cases.get_case(session, view.id).detail == "B"


def test_missing_case(database: Database, clerk: Actor) -> None:
    with pytest.raises(NotFoundError), database.write() as session:
        cases.transition(session, 999999, "closed", expected_version=1, actor=clerk)
