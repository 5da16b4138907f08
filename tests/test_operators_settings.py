"""Operators and roles, shared settings, the message catalogue and where data lives."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from app import operators, paths, settings
from app.actor import Actor
from app.deadlines import DeadlineRules
from app.errors import PermissionDenied, ValidationError
from app.messages import CATALOGUE, text
from db.engine import Database
from db.models import AuditEntry, Operator
from tests.conftest import MANAGER_PIN


def test_pins_are_salted_hashes(database: Database, manager: Actor) -> None:
    with database.read() as session:
        stored = session.get(Operator, manager.id).pin_hash
    assert MANAGER_PIN not in stored and operators.pin_matches(MANAGER_PIN, stored)
    assert not operators.pin_matches("0000", stored)
    assert operators.hash_pin(MANAGER_PIN) != operators.hash_pin(MANAGER_PIN)


def test_manager_pin_approves_and_wrong_pin_refuses(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.read() as session:
        assert operators.require_manager(session, MANAGER_PIN) == manager
        with pytest.raises(PermissionDenied) as info:
            operators.require_manager(session, "1111")
        assert info.value.code == "wrong_pin"


def test_no_manager_means_no_approval(database: Database, clerk: Actor) -> None:
    with database.read() as session, pytest.raises(PermissionDenied) as info:
        operators.require_manager(session, "")
    assert info.value.code == "manager_required"


def test_operator_validation(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        with pytest.raises(ValidationError):
            operators.create_operator(session, "  ")
        with pytest.raises(ValidationError):
            operators.create_operator(session, clerk.name)
        with pytest.raises(ValidationError):
            operators.create_operator(session, "赵站长", role="manager")  # a manager needs a PIN
    with database.read() as session:
        names = [a.name for a in operators.list_operators(session)]
        assert names == [clerk.name]  # the built-in command-line operator is not offered for selection
        assert operators.cli_operator(session).name == "命令行"


def test_settings_round_trip_with_audit(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        settings.put(session, "outlet.name", " 华兴路分部 ", actor=clerk)
        rules = DeadlineRules(zone="Asia/Urumqi", peak_extra_days=3).to_dict()
        settings.put(session, "deadlines", rules, actor=clerk)
    with database.read() as session:
        assert settings.get(session, "outlet.name") == "华兴路分部"
        assert settings.deadline_rules(session).zone == "Asia/Urumqi"
        assert settings.deadline_rules(session).peak_extra_days == 3
        assert settings.get_all(session)["outlet.code"] == ""
        keys = [e.changes["key"] for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting"))]
        assert keys == ["outlet.name", "deadlines"]


def test_bad_settings_are_refused(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        with pytest.raises(ValidationError):
            settings.put(session, "deadlines", {"zone": "Mars/Olympus"}, actor=clerk)
        with pytest.raises(ValidationError):
            settings.put(session, "outlet.name", "名" * 61, actor=clerk)
        with pytest.raises(ValidationError):
            settings.put(session, "no.such.key", 1, actor=clerk)
    with database.read() as session:
        assert settings.deadline_rules(session) == DeadlineRules()


def _message_codes_used() -> set[str]:
    """Every literal message code passed to an error class or `text()` anywhere in app/ and db/."""
    codes: set[str] = set()
    for path in [*Path("app").rglob("*.py"), *Path("db").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name.endswith(("Error", "Fault", "Denied")) or name in {"text", "user_message_text"}:
                    value = node.args[0].value
                    if isinstance(value, str) and value.replace("_", "").isalnum() and value.islower():
                        codes.add(value)
    return codes


def test_every_message_code_is_in_the_catalogue_in_both_languages() -> None:
    used = _message_codes_used()
    assert {"bad_waybill", "db_unreachable", "not_a_database"} <= used
    used |= {"stale_edit", "invalid_input"}  # the defaults of ConflictError and ValidationError
    missing = used - set(CATALOGUE)
    assert not missing, f"codes without a catalogue entry: {missing}"
    for code, (zh, en) in CATALOGUE.items():
        assert zh and en, code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{code}: Chinese text expected"
    assert text("bad_waybill", "en", value="x") == "“x” is not a valid waybill number."


def test_database_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    env = {"OUTLET_DESK_DB": "postgresql://a@b/c"}
    assert paths.resolve_db_target("x.db", home, env) == "x.db"
    assert paths.resolve_db_target(None, home, env) == "postgresql://a@b/c"
    assert paths.resolve_db_target(None, home, {}) == str(home / "outlet-desk.db")
    exe = tmp_path / "桌面 Outlet Desk"
    exe.mkdir()
    (exe / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setattr(paths, "exe_dir", lambda: exe)
    assert paths.resolve_db_target(None, home, {}) == str(exe / "data" / "outlet-desk.db")
    assert paths.resolve_db_target(None, home, env) == "postgresql://a@b/c"
    assert paths.resolve_home(None, {}) == exe / "data"
    assert paths.resolve_home("D:/x", {"OUTLET_DESK_HOME": "E:/y"}) == Path("D:/x")
    assert paths.resolve_home(None, {"OUTLET_DESK_HOME": str(tmp_path)}) == tmp_path


def test_resources_are_found() -> None:
    assert paths.resources_dir().is_dir()
    assert paths.resource("i18n").parent == paths.resources_dir()


def test_register_self_only_the_first_may_be_manager(database: Database) -> None:
    with database.write() as session:
        first = operators.register_self(session, "李站长", role="manager", pin=MANAGER_PIN)
    assert first.role == "manager"
    with database.write() as session, pytest.raises(PermissionDenied):
        operators.register_self(session, "新人", role="manager", pin="1357")
    with database.write() as session:
        clerk = operators.register_self(session, "新人")
    with database.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "register").order_by(AuditEntry.id)).all()
        assert [(e.operator_id, e.entity_id) for e in entry] == [(first.id, first.id), (clerk.id, clerk.id)]


def test_put_many_asks_a_manager_only_for_rules(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        saved = settings.put_many(
            session, {"outlet.name": "华兴路分部", "deadlines": DeadlineRules().to_dict()}, actor=clerk
        )
    assert saved == {"outlet.name": "华兴路分部"}  # unchanged rules need no PIN and are not rewritten
    new_rules = DeadlineRules(complaint_sla_hours=12).to_dict()
    with database.write() as session, pytest.raises(PermissionDenied):
        settings.put_many(session, {"deadlines": new_rules, "outlet.code": "X1"}, actor=clerk, manager_pin="0000")
    with database.read() as session:
        assert settings.get(session, "outlet.code") == ""  # nothing of the refused form was saved
    with database.write() as session:
        settings.put_many(session, {"deadlines": new_rules}, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert settings.deadline_rules(session).complaint_sla_hours == 12
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "setting").order_by(AuditEntry.id.desc())
        ).first()
        assert last.operator_id == manager.id
