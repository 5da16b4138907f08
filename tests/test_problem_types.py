"""The problem-type catalogue: seeded, editable, limits guarded by a manager's PIN, and used by the stuck log."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app import problem_types, stuck
from app.actor import Actor
from app.errors import PermissionDenied, ValidationError
from app.problem_types import ProblemTypeRecord
from db.engine import Database
from db.models import AuditEntry, StuckDetail
from tests.conftest import MANAGER_PIN

SEEDED = (
    "关机 停机 空号 无人接听 地址错误 地址不详 客户自取 择日派送 节假日 "
    "拒收 超区 破损 短少 错分 无面单 违禁扣件 疑似遗失"
)


def test_seeded_with_the_design_list(database: Database) -> None:
    with database.read() as session:
        types = problem_types.catalogue(session)
    assert [t.name for t in types] == SEEDED.split()
    assert all(t.active and t.hold_days is None and t.reply_hours is None for t in types)


def test_add_and_rename_a_type_then_pick_it_by_pinyin(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        added = problem_types.save(session, ProblemTypeRecord(None, "locker_full", "快递柜满", ("ZTO",)), actor=clerk)
    assert added.id is not None and added.sort_order == 17  # after the 17 seeded ones (0–16)
    with database.write() as session:
        renamed = problem_types.save(session, replace(added, name="柜满"), actor=clerk)
    with database.read() as session:
        choices = stuck.problem_types(session, "ZTO")
        assert "locker_full" not in {c.code for c in stuck.problem_types(session, "YTO")}
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "problem_type")).all()
    assert stuck.match_types(choices, "gm")[0].code == "locker_full" and renamed.name == "柜满"
    assert [a.action for a in audit] == ["add", "save"] and audit[1].changes == {"name": ["快递柜满", "柜满"]}


def test_limits_need_a_manager_and_drive_the_earliest_return(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.read() as session:
        refused = next(t for t in problem_types.catalogue(session) if t.code == "refused")
    longer = replace(refused, hold_days=10)
    with database.write() as session, pytest.raises(PermissionDenied):
        problem_types.save(session, longer, actor=clerk)
    with database.write() as session, pytest.raises(PermissionDenied):
        problem_types.save(session, longer, actor=clerk, manager_pin="0000")
    with database.write() as session:
        problem_types.save(session, longer, actor=clerk, manager_pin=MANAGER_PIN)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "problem_type")).one()
        assert entry.operator_id == manager.id  # attributed to the approving manager
    with database.write() as session:
        done = stuck.capture(
            session, "YT8962646785389", actor=clerk, problem_type="refused", at=datetime(2026, 3, 2, 1, tzinfo=UTC)
        )
        assert session.get(StuckDetail, done.case.id).earliest_return_on == date(2026, 3, 11)
    with database.write() as session:  # a name change alone needs no PIN
        problem_types.save(session, replace(longer, name="客户拒收"), actor=clerk)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"code": "Bad Code"}, "code", "problem_type_code"),
        ({"name": "  "}, "name", "required"),
        ({"name": "关机"}, "code", "problem_type_taken"),
        ({"carrier_codes": ("NOPE",)}, "carrier_codes", "invalid_input"),
        ({"hold_days": 0}, "hold_days", "invalid_input"),
        ({"reply_hours": 10_000}, "reply_hours", "invalid_input"),
    ],
)
def test_bad_types_are_refused(database: Database, clerk: Actor, change: dict, field: str, code: str) -> None:
    record = replace(ProblemTypeRecord(None, "new_type", "新类型"), **change)
    with database.write() as session, pytest.raises(ValidationError) as info:
        problem_types.save(session, record, actor=clerk, manager_pin=MANAGER_PIN)
    assert info.value.fields[field] == code
    with database.read() as session:
        assert len(problem_types.catalogue(session)) == 17


def test_code_is_fixed_and_deactivated_types_are_not_offered(database: Database, clerk: Actor) -> None:
    with database.read() as session:
        holiday = next(t for t in problem_types.catalogue(session) if t.code == "holiday")
    with database.write() as session, pytest.raises(ValidationError) as info:
        problem_types.save(session, replace(holiday, code="holidays"), actor=clerk)
    assert info.value.fields == {"code": "problem_type_code_fixed"}
    with database.write() as session:
        problem_types.save(session, replace(holiday, active=False), actor=clerk)
    with database.read() as session:
        assert "holiday" not in {c.code for c in stuck.problem_types(session)}
        assert "holiday" in {t.code for t in problem_types.catalogue(session)}
