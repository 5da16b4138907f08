"""The storage layer on real databases: migrations, refusals, pragmas, locks, exact money and time."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command as alembic_command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

import db.models  # noqa: F401
from app.errors import StorageError
from app.startup import ensure_home, open_database
from db import migrate
from db.base import Base
from db.engine import Database, is_network_path, make_engine
from db.errors import StorageFault
from db.models import Carrier, Fine, Operator, ProblemType, Waybill


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_migrates_to_head_and_is_seeded(database: Database) -> None:
    with database.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        tables = set(inspect(conn).get_table_names())
    assert {"cases", "waybills", "claims", "fines", "notes", "audit_log", "settings"} <= tables
    with database.read() as session:
        codes = set(session.scalars(select(Carrier.code)))
        assert codes == {"YTO", "ZTO", "STO", "YUNDA", "SF", "JT", "JD", "EMS", "DBL"}
        names = set(session.scalars(select(ProblemType.name)))
        assert {"关机", "地址错误", "疑似遗失"} <= names
        assert session.scalar(select(Operator.name).where(Operator.builtin.is_(True))) == "命令行"


def test_models_and_migrations_agree(database: Database) -> None:
    """A model change without a migration would show up here as a diff."""
    with database.engine.connect() as conn:
        opts = {"compare_type": True, "include_name": migrate.include_name}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_reopening_is_idempotent(sqlite_url: str, home: Path) -> None:
    open_database(sqlite_url, home).dispose()
    database = open_database(sqlite_url, home)
    with database.read() as session:
        assert session.scalar(select(text("count(*)")).select_from(Carrier)) == 9
    database.dispose()
    assert not (home / "backups").exists()


def test_newer_database_is_refused_and_left_untouched(sqlite_url: str, home: Path) -> None:
    open_database(sqlite_url, home).dispose()
    with sqlite3.connect(sqlite_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    before = sha(Path(sqlite_url))
    with pytest.raises(StorageFault) as info:
        open_database(sqlite_url, home)
    assert info.value.code == "db_newer"
    assert sha(Path(sqlite_url)) == before


def test_sqlite_file_is_backed_up_before_a_migration(sqlite_url: str, home: Path, monkeypatch) -> None:
    open_database(sqlite_url, home).dispose()
    current = migrate.head_revision()
    ran = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(migrate, "HEAD", "9999_next")
    monkeypatch.setattr(alembic_command, "upgrade", lambda cfg, rev: ran.append(rev))
    made = migrate.upgrade(Database.open(sqlite_url), backup_dir=home / "backups")
    assert ran == ["head"]
    assert made is not None and Path(made).is_file()
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == current
        assert conn.execute("SELECT count(*) FROM carriers").fetchone()[0] == 9


def test_head_is_the_newest_migration_and_an_up_to_date_start_loads_no_alembic(sqlite_url: str, home: Path) -> None:
    assert migrate.head_revision() == migrate.HEAD
    open_database(sqlite_url, home).dispose()  # made and migrated here
    probe = (
        "import sys; from pathlib import Path; from app.startup import open_database; "
        f"open_database({sqlite_url!r}, Path({str(home)!r})).dispose(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_foreign_sqlite_file_is_refused(tmp_path: Path, home: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (x)")
    before = sha(other)
    with pytest.raises(StorageFault) as info:
        open_database(str(other), home)
    assert info.value.code == "not_a_database"
    assert sha(other) == before


def test_file_that_is_not_a_database_is_refused(tmp_path: Path, home: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes("这不是数据库\n".encode() * 100)
    before = sha(junk)
    with pytest.raises(StorageFault) as info:
        open_database(str(junk), home)
    assert info.value.code == "not_a_database"
    assert sha(junk) == before


def test_unwritable_home_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as info:
        ensure_home(blocker / "home")
    assert info.value.code == "home_not_writable"
    assert "数据文件夹不可写" in info.value.message()


def test_network_share_is_refused() -> None:
    assert is_network_path(Path(r"\\nas\share\outlet"), platform="win32", drive_is_remote=lambda p: False)
    assert is_network_path(Path("Z:/outlet"), platform="win32", drive_is_remote=lambda p: True)
    assert not is_network_path(Path("C:/data"), platform="win32", drive_is_remote=lambda p: False)
    assert is_network_path(Path("/mnt/nas"), platform="linux", fs_type=lambda p: "cifs")
    assert not is_network_path(Path("/home/x"), platform="linux", fs_type=lambda p: "ext4")
    with pytest.raises(StorageFault) as info:
        make_engine("/mnt/nas/outlet-desk.db", check_share=lambda p: True)
    assert info.value.code == "network_share"


def test_sqlite_pragmas(sqlite_database: Database) -> None:
    with sqlite_database.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def _try_raw_write_lock(path: Path) -> bool:
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def test_write_sessions_take_the_lock_up_front(sqlite_database: Database) -> None:
    path = sqlite_database.path
    assert path is not None
    with sqlite_database.read() as session:
        session.execute(select(Carrier.id)).all()
        assert _try_raw_write_lock(path), "a read session must not block writers"
    with sqlite_database.write() as session:
        session.execute(select(Carrier.id)).all()  # only a read so far, yet the write lock is held
        assert not _try_raw_write_lock(path)


def test_money_is_exact_and_floats_are_refused(database: Database) -> None:
    with database.write() as session:
        wb = Waybill(waybill_no="YT8962646785389")
        session.add(wb)
        session.flush()
        session.add(
            Fine(
                waybill_id=wb.id,
                reason="延误",
                amount=Decimal("0.1") + Decimal("0.2"),
                issued_at=datetime.now(UTC),
            )
        )
    with database.read() as session:
        amount = session.scalar(select(Fine.amount))
    assert amount == Decimal("0.30") and isinstance(amount, Decimal)
    with pytest.raises(Exception, match="float"), database.write() as session:
        session.add(Fine(waybill_id=wb.id, reason="x", amount=0.3, issued_at=datetime.now(UTC)))


def test_times_are_aware_utc_and_naive_refused(database: Database) -> None:
    shanghai = timezone(timedelta(hours=8))
    signed = datetime(2026, 11, 22, 9, 30, tzinfo=shanghai)
    with database.write() as session:
        session.add(Waybill(waybill_no="JT5261988016578", signed_at=signed))
    with database.read() as session:
        back = session.scalar(select(Waybill.signed_at).where(Waybill.waybill_no == "JT5261988016578"))
    assert back == signed and back.tzinfo is not None and back.utcoffset() == timedelta(0)
    with pytest.raises(Exception, match="naive"), database.write() as session:
        session.add(Waybill(waybill_no="JT5261988016579", signed_at=datetime(2026, 1, 1, 8, 0)))


def test_0002_summarises_existing_message_threads(database: Database) -> None:
    """The migration's backfill fills the stuck list's message summary from the messages already there."""
    import importlib.util

    from db.models import Case, Message, StuckDetail

    spec = importlib.util.spec_from_file_location(
        "m0002", Path(migrate.__file__).parent / "migrations" / "versions" / "0002_stuck_log.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    t0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    hours = [t0 + timedelta(hours=h) for h in range(30)]
    with database.write() as session:
        waybill = Waybill(waybill_no="773000000000001")
        session.add(waybill)
        session.flush()
        cases = [Case(kind="stuck", direction="inbound", waybill_id=waybill.id, status="pending") for _ in range(3)]
        for case in cases:
            case.stuck = StuckDetail()
        session.add_all(cases)
        session.flush()
        ids = [c.id for c in cases]
        session.add_all(  # case 1: we wrote and wait; case 2: they wrote twice, we answered the first only
            [
                Message(case_id=ids[0], direction="sent", text="请核实地址", at=t0),
                Message(
                    case_id=ids[1],
                    direction="received",
                    text="请派送",
                    at=t0,
                    reply_text="已派",
                    reply_at=hours[1],
                    reply_due_at=hours[24],
                ),
                Message(case_id=ids[1], direction="received", text="再派一次", at=hours[2], reply_due_at=hours[26]),
            ]
        )
    with database.write() as session:
        session.execute(text(module.BACKFILL))
    with database.read() as session:
        got = {d.case_id: d for d in session.scalars(select(StuckDetail))}
    first, second, third = (got[i] for i in ids)
    assert (first.message_direction, first.message_text, first.awaiting_reply) == ("sent", "请核实地址", True)
    assert first.reply_due_at is None
    assert (second.message_text, second.awaiting_reply, second.reply_text) == ("再派一次", False, None)
    assert second.message_at == hours[2]
    assert second.reply_due_at == hours[26]
    assert (third.message_text, third.awaiting_reply, third.reply_due_at) == (None, False, None)


def test_0005_sets_the_clocks_of_existing_complaints(database: Database) -> None:
    """Complaints logged before the clocks existed get them from their opening time and the stored rules."""
    import importlib.util
    from types import SimpleNamespace

    from app import settings
    from app.operators import create_operator
    from db.models import Case, ComplaintDetail

    [path] = (Path(migrate.__file__).parent / "migrations" / "versions").glob("0005_*.py")
    spec = importlib.util.spec_from_file_location("m0005", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    opened = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    with database.write() as session:
        manager = create_operator(session, "站长", role="manager", pin="2468")
        rules = settings.get(session, "deadlines") | {"complaint_12305_days": 3}
        settings.put(session, "deadlines", rules, actor=manager)
        waybill = Waybill(waybill_no="773000000000002")
        session.add(waybill)
        session.flush()
        case = Case(kind="complaint", direction="inbound", waybill_id=waybill.id, status="new", opened_at=opened)
        case.complaint = ComplaintDetail(source="call")
        session.add(case)
    with database.write() as session:
        module.op = SimpleNamespace(get_bind=session.connection)
        module._backfill_clocks()
    with database.read() as session:
        detail = session.scalars(select(ComplaintDetail)).one()
    assert detail.first_response_due_at == opened + timedelta(minutes=15)
    assert detail.appeal_risk_at == datetime(2026, 10, 23, 15, 59, 59, tzinfo=UTC)  # end of 10-23 local
