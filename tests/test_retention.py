"""Retention: personal data of parcels whose cases and claims all closed more than `retention_months` ago is
replaced by its masked form, in one audited transaction a manager runs; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app import settings
from app.actor import Actor
from app.backups import BackupPolicy, backups_folder, run_backup
from app.carriers import find_or_create_waybill
from app.cases import NewCase, open_case
from app.claims.records import ClaimFacts, NewClaim, create_claim
from app.errors import PermissionDenied, ValidationError
from app.lookup import lookup
from app.retention import anonymise, backups_holding, months_before
from db.engine import Database
from db.models import AuditEntry, Case, Claim, Waybill
from tests.conftest import MANAGER_PIN

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CUTOFF = datetime(2026, 5, 23, 12, 0, tzinfo=UTC)  # six months before NOW
OLD, RECENT, EDGE, OPEN, MIXED, CLAIMED = (
    "YT8962646785301",
    "YT8962646785302",
    "YT8962646785303",
    "YT8962646785304",
    "YT8962646785305",
    "YT8962646785306",
)
ADDRESS = "江州市临江区滨江路188号锦绣花园12栋3单元1802"


def parcel(database: Database, actor: Actor, number: str, tail: str, *closed: datetime | None) -> None:
    """A waybill with full personal data and one case per `closed` time (None: still open)."""
    with database.write() as session:
        row = find_or_create_waybill(
            session, number, recipient_name="张三丰", recipient_phone=f"1381234{tail}", recipient_address=ADDRESS
        )
        row.sender_name, row.sender_phone = "李四", f"1370000{tail}"
        row.sender_address = "杭州市西湖区文三路99号华星大厦12号楼1808室"
        for at in closed:
            new = NewCase(kind="stuck", waybill_no=number, caller_name="张三丰", caller_phone=f"1591111{tail}")
            view = open_case(session, new, actor=actor)
            if at is not None:
                case = session.get(Case, view.id)
                assert case is not None
                case.status, case.closed_at = "closed", at


@pytest.fixture
def story(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        settings.put(session, "retention_months", 6, actor=manager)
    parcel(database, clerk, OLD, "5678", CUTOFF - timedelta(days=40), CUTOFF - timedelta(seconds=1))
    parcel(database, clerk, RECENT, "1111", CUTOFF + timedelta(seconds=1))
    parcel(database, clerk, EDGE, "2222", CUTOFF)  # closed exactly six months ago: not longer
    parcel(database, clerk, OPEN, "3333", None)
    parcel(database, clerk, MIXED, "4444", CUTOFF - timedelta(days=300), NOW - timedelta(days=2))
    parcel(database, clerk, CLAIMED, "6666", CUTOFF - timedelta(days=60))
    with database.write() as session:  # an old case, but the claim on the parcel is still open
        facts = ClaimFacts(claimant_name="张三丰", claimant_phone="17788886666", actual_loss=Decimal("100"))
        create_claim(session, NewClaim(CLAIMED, facts), actor=clerk)


def waybill(database: Database, number: str) -> Waybill:
    with database.read() as session:
        row = session.scalar(select(Waybill).where(Waybill.waybill_no == number))
        assert row is not None
        return row


def untouched(database: Database, number: str, tail: str) -> bool:
    row = waybill(database, number)
    with database.read() as session:
        callers = set(session.scalars(select(Case.caller_phone).where(Case.waybill_id == row.id)))
    return (row.recipient_phone, row.recipient_name, row.recipient_address, callers) == (
        f"1381234{tail}",
        "张三丰",
        ADDRESS,
        {f"1591111{tail}"},
    )


def test_old_closed_parcels_are_anonymised_and_the_rest_untouched(
    database: Database, story: None, manager: Actor
) -> None:
    with database.write() as session:
        result = anonymise(session, now=NOW, actor=manager)
    assert (result.months, result.cutoff) == (6, CUTOFF)
    assert (result.waybills, result.cases, result.claims) == (1, 2, 0)

    old = waybill(database, OLD)
    masked = ("138****5678", "张*", "滨江路188号锦绣花园")
    assert (old.recipient_phone, old.recipient_name, old.recipient_address) == masked
    assert (old.sender_phone, old.sender_name) == ("137****5678", "李*")
    assert "12号楼" not in (old.sender_address or "") and "1808" not in (old.sender_address or "")
    assert old.recipient_phone_tail == "5678"
    with database.read() as session:
        callers = session.execute(select(Case.caller_name, Case.caller_phone).where(Case.waybill_id == old.id)).all()
    assert sorted(callers) == [("张*", "159****5678"), ("张*", "159****5678")]

    for number, tail in ((RECENT, "1111"), (EDGE, "2222"), (OPEN, "3333"), (MIXED, "4444"), (CLAIMED, "6666")):
        assert untouched(database, number, tail), number
    with database.read() as session:
        assert session.scalar(select(Claim.claimant_phone)) == "17788886666"
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.entity == "retention")).all()
    assert entry.operator_id == manager.id and entry.changes
    assert (entry.changes["waybills"], entry.changes["cases"], entry.changes["approved_by"]) == (1, 2, manager.name)


def test_a_second_run_changes_nothing(database: Database, story: None, manager: Actor) -> None:
    with database.write() as session:
        assert anonymise(session, now=NOW, actor=manager).changed == 3
    before = waybill(database, OLD)
    with database.write() as session:
        again = anonymise(session, now=NOW, actor=manager)
    assert (again.waybills, again.cases, again.claims) == (0, 0, 0)
    after = waybill(database, OLD)
    assert (after.version, after.recipient_address) == (before.version, before.recipient_address)
    with database.read() as session:
        assert len(session.scalars(select(AuditEntry).where(AuditEntry.entity == "retention")).all()) == 1


def test_an_ended_claim_counts_like_a_closed_case(database: Database, story: None, manager: Actor) -> None:
    with database.write() as session:
        claim = session.scalar(select(Claim))
        assert claim is not None
        claim.status, claim.closed_at = "paid", CUTOFF - timedelta(days=1)
    with database.write() as session:
        result = anonymise(session, now=NOW, actor=manager)
    assert (result.waybills, result.cases, result.claims) == (2, 3, 1)
    with database.read() as session:
        assert session.scalar(select(Claim.claimant_name)) == "张*"
        assert session.scalar(select(Claim.claimant_phone)) == "177****6666"


def test_a_clerk_is_refused_and_a_clerk_with_the_pin_is_not(database: Database, story: None, clerk: Actor) -> None:
    for pin in (None, "0000"):
        with pytest.raises(PermissionDenied), database.write() as session:
            anonymise(session, now=NOW, actor=clerk, manager_pin=pin)
    assert untouched(database, OLD, "5678")
    with database.write() as session:
        assert anonymise(session, now=NOW, actor=clerk, manager_pin=MANAGER_PIN).waybills == 1


def test_dry_run_counts_and_changes_nothing(database: Database, story: None, manager: Actor) -> None:
    with database.write() as session:
        result = anonymise(session, now=NOW, actor=manager, dry_run=True)
    assert result.dry_run and (result.waybills, result.cases) == (1, 2)
    assert untouched(database, OLD, "5678")


def test_retention_off_by_default(database: Database, clerk: Actor, manager: Actor) -> None:
    parcel(database, clerk, OLD, "5678", datetime(2020, 1, 1, tzinfo=UTC))
    with database.read() as session:
        assert settings.get(session, "retention_months") == 0
    with database.write() as session:
        result = anonymise(session, now=NOW, actor=manager)
    assert (result.cutoff, result.changed) == (None, 0)
    assert untouched(database, OLD, "5678")


def test_the_setting_needs_a_manager_and_whole_months(database: Database, clerk: Actor, manager: Actor) -> None:
    with pytest.raises(PermissionDenied), database.write() as session:
        settings.put_many(session, {"retention_months": 12}, actor=clerk)
    for bad in (-1, 601, "six", 1.5, True):
        with pytest.raises(ValidationError), database.write() as session:
            settings.put(session, "retention_months", bad, actor=manager)
    with database.write() as session:
        settings.put_many(session, {"retention_months": "24"}, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert settings.get(session, "retention_months") == 24


def test_lookup_by_the_phone_tail_still_finds_the_parcel(database: Database, story: None, manager: Actor) -> None:
    with database.write() as session:
        anonymise(session, now=NOW, actor=manager)
    with database.read() as session:
        found = lookup(session, "5678")
    assert [m.waybill_no for m in found.matches] == [OLD]
    assert found.matches[0].recipient_phone == "138****5678"


def test_months_before_clamps_to_the_months_end() -> None:
    assert months_before(datetime(2026, 3, 31, 8, tzinfo=UTC), 1) == datetime(2026, 2, 28, 8, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)
    assert months_before(NOW, 6) == CUTOFF


def test_backups_taken_before_the_run_are_listed(database: Database, home: Path) -> None:
    if not database.is_sqlite:
        pytest.skip("backups of a server database are the server's job")
    taken = run_backup(database, home, BackupPolicy(), datetime(2026, 11, 1, tzinfo=UTC)).path
    later = run_backup(database, home, BackupPolicy(), datetime(2026, 11, 30, tzinfo=UTC)).path
    assert [b.path for b in backups_holding(home, NOW)] == [taken]
    assert later.parent == backups_folder(home)


def in_process(capsys: pytest.CaptureFixture[str], home: Path, db: str, *args: str) -> tuple[int, str, str]:
    from app.__main__ import main

    try:
        code = main(["--home", str(home), "--db", db, *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_anonymise(
    database: Database,
    db_url: str,
    story: None,
    manager: Actor,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OUTLET_DESK_MANAGER_PIN", raising=False)
    code, out, err = in_process(capsys, home, db_url, "anonymise")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "Traceback" not in err
    code, out, err = in_process(capsys, home, db_url, "anonymise", "--manager-pin", "0000")
    assert (code, out, err) == (1, "", "PIN 码不正确。\n")
    assert untouched(database, OLD, "5678")

    with database.write() as session:  # the command runs at the real time: the story's dates are fixed
        expected = anonymise(session, now=datetime.now(UTC), actor=manager, dry_run=True)
    counts = f"运单 {expected.waybills} 条、案件 {expected.cases} 条、理赔 {expected.claims} 条"
    assert expected.waybills >= 1
    code, out, err = in_process(capsys, home, db_url, "anonymise", "--dry-run", "--manager-pin", MANAGER_PIN)
    assert code == 0 and out.startswith("试运行：") and counts in out, err
    assert untouched(database, OLD, "5678")

    backups = []
    if database.is_sqlite:
        backups = [run_backup(database, home, BackupPolicy(), datetime.now(UTC) - timedelta(hours=1)).path]
    monkeypatch.setenv("OUTLET_DESK_MANAGER_PIN", MANAGER_PIN)
    code, out, err = in_process(capsys, home, db_url, "anonymise")
    assert code == 0 and out.startswith("已匿名化 ") and counts in out, err
    assert waybill(database, OLD).recipient_phone == "138****5678"
    if backups:
        assert "以下 1 个较早的备份仍含有这些个人信息" in out and str(backups[0]) in out
    else:
        assert "没有较早的备份含有这些个人信息。" in out
