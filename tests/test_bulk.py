"""Bulk changes on real databases: applied through the same rules as single edits, skipped with a reason when a
case refuses, and undone exactly — except on cases somebody edited since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import bulk, stuck
from app.actor import Actor
from app.cases import add_followup, get_case, transition
from app.errors import PermissionDenied, ValidationError
from db.engine import Database
from db.models import AuditEntry, BulkAction, Followup, StuckDetail
from tests.conftest import MANAGER_PIN

NUMBERS = ["YT8962646785389", "73610555582883", "JT5261988016578", "SF1385628716739"]
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def case_ids(database: Database, clerk: Actor) -> list[int]:
    with database.write() as session:
        done = stuck.capture_many(session, NUMBERS, actor=clerk, problem_type="no_answer", shelf="A-1", at=T0)
    return [d.case.id for d in done]


def state(database: Database, ids: list[int]) -> list[tuple]:
    with database.read() as session:
        out = []
        for case_id in ids:
            view = get_case(session, case_id)
            followups = session.scalar(select(func.count()).select_from(Followup).where(Followup.case_id == case_id))
            out.append(
                (view.status, view.closed_at, view.handler, view.details["shelf"], followups, view.last_followup_at)
            )
        return out


def test_status_change_and_undo(database: Database, clerk: Actor, manager: Actor, case_ids: list[int]) -> None:
    before = state(database, case_ids)
    with database.write() as session:
        done = bulk.apply(
            session, case_ids, "status", "closed", actor=clerk, at=T0 + timedelta(hours=1), manager_pin=MANAGER_PIN
        )
    assert done.changed == tuple(case_ids) and done.skipped == {} and done.action_id is not None
    after = state(database, case_ids)
    assert {s[0] for s in after} == {"closed"} and all(s[1] is not None for s in after)
    with database.write() as session:
        assert bulk.last_undoable(session, clerk.id).id == done.action_id
        undone = bulk.undo(session, done.action_id, actor=clerk)
    assert undone.changed == tuple(case_ids)
    assert state(database, case_ids) == before
    with database.write() as session:
        assert bulk.last_undoable(session, clerk.id) is None
        with pytest.raises(ValidationError) as info:
            bulk.undo(session, done.action_id, actor=clerk)
        assert info.value.code == "bulk_undone"


def test_a_bulk_close_needs_a_managers_pin_and_names_who_approved(
    database: Database, clerk: Actor, manager: Actor, case_ids: list[int]
) -> None:
    before = state(database, case_ids)
    for pin, code in ((None, "wrong_pin"), ("0000", "wrong_pin")):
        with pytest.raises(PermissionDenied) as refused, database.write() as session:
            bulk.apply(session, case_ids, "status", "closed", actor=clerk, manager_pin=pin)
        assert refused.value.code == code
    assert state(database, case_ids) == before  # nothing closed, nothing written
    with database.write() as session:  # a status that keeps the case open needs no one's approval
        assert bulk.apply(session, case_ids[:1], "status", "to_return", actor=clerk).changed == (case_ids[0],)
    with database.write() as session:
        done = bulk.apply(session, case_ids[1:], "status", "closed", actor=clerk, manager_pin=MANAGER_PIN)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "bulk")).all()[-1]
    assert done.changed == tuple(case_ids[1:])
    assert (entry.operator_id, entry.changes["approved_by"]) == (clerk.id, manager.name)
    with database.write() as session:  # the manager closes on their own say-so
        undone = bulk.undo(session, done.action_id, actor=clerk)
        assert bulk.apply(session, list(undone.changed), "status", "closed", actor=manager).changed == undone.changed
    assert bulk.closes("status", "closed") and bulk.closes("status", "signed") and not bulk.closes("shelf", "closed")
    assert not bulk.closes("status", "to_return")


def test_refused_cases_are_skipped_with_the_reason(database: Database, clerk: Actor, case_ids: list[int]) -> None:
    with database.write() as session:
        view = get_case(session, case_ids[0])
        transition(session, view.id, "to_return", expected_version=view.version, actor=clerk)
    with database.write() as session:
        done = bulk.apply(session, case_ids, "status", "returning", actor=clerk, at=T0 + timedelta(hours=2))
    # only the first may go to 退回中, and even it is refused: it is an early return
    assert done.changed == () and done.action_id is None
    assert "最早退回日期" in done.skipped[case_ids[0]]
    assert "不能从" in done.skipped[case_ids[1]]
    assert [s[0] for s in state(database, case_ids)] == ["to_return", "pending", "pending", "pending"]
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(BulkAction)) == 0


def test_undo_leaves_cases_edited_since(database: Database, clerk: Actor, manager: Actor, case_ids: list[int]) -> None:
    with database.write() as session:
        done = bulk.apply(session, case_ids, "assign", manager.id, actor=clerk)
    assert {s[2] for s in state(database, case_ids)} == {manager.name}
    with database.write() as session:
        add_followup(session, case_ids[1], "客户来电，改约明天", actor=manager)
    with database.write() as session:
        undone = bulk.undo(session, done.action_id, actor=clerk)
    assert set(undone.changed) == set(case_ids) - {case_ids[1]}
    assert list(undone.skipped) == [case_ids[1]]
    handlers = [s[2] for s in state(database, case_ids)]
    assert handlers == [clerk.name, manager.name, clerk.name, clerk.name]


def test_shelf_and_followup_and_undo(database: Database, clerk: Actor, case_ids: list[int]) -> None:
    before = state(database, case_ids)
    with database.write() as session:
        shelf = bulk.apply(session, case_ids[:2], "shelf", " C-9 ", actor=clerk)
    with database.read() as session:
        shelves = [session.get(StuckDetail, i).shelf for i in case_ids]
        assert shelves == ["C-9", "C-9", "A-1", "A-1"]
    with database.write() as session:
        bulk.undo(session, shelf.action_id, actor=clerk)
    assert state(database, case_ids) == before
    with database.write() as session:
        note = bulk.apply(session, case_ids, "followup", "已短信通知收件人", actor=clerk, at=T0 + timedelta(hours=3))
    assert [s[4] for s in state(database, case_ids)] == [b[4] + 1 for b in before]
    assert {s[5] for s in state(database, case_ids)} == {T0 + timedelta(hours=3)}
    with database.write() as session:
        bulk.undo(session, note.action_id, actor=clerk)
    assert state(database, case_ids) == before


def test_an_older_change_is_not_undone_over_a_newer_one(database: Database, clerk: Actor, case_ids: list[int]) -> None:
    """Only cases untouched since can go back: undoing a newer change first does not reopen the older one."""
    with database.write() as session:
        shelf = bulk.apply(session, case_ids[:2], "shelf", "C-9", actor=clerk)
        bulk.apply(session, case_ids[1:], "followup", "已短信通知", actor=clerk)
    with database.write() as session:
        undone = bulk.undo(session, shelf.action_id, actor=clerk)
    assert undone.changed == (case_ids[0],) and list(undone.skipped) == [case_ids[1]]
    with database.read() as session:
        assert [session.get(StuckDetail, i).shelf for i in case_ids[:2]] == ["A-1", "C-9"]


def test_bad_bulk_requests(database: Database, clerk: Actor, case_ids: list[int]) -> None:
    with database.write() as session:
        with pytest.raises(ValidationError):
            bulk.apply(session, [], "status", "closed", actor=clerk)
        with pytest.raises(ValidationError):
            bulk.apply(session, case_ids, "delete", None, actor=clerk)
        with pytest.raises(ValidationError) as info:
            bulk.apply(session, list(range(1, bulk.MAX_CASES + 2)), "status", "closed", actor=clerk)
        assert info.value.code == "bulk_too_many"
        done = bulk.apply(session, [*case_ids, 999_999], "status", "pending", actor=clerk)
    assert done.changed == () and set(done.skipped) == {*case_ids, 999_999}
