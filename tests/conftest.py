"""Shared fixtures: real databases migrated to head on SQLite files and, when a server is given, PostgreSQL.

`OUTLET_DESK_TEST_PG` is a URL of a server whose user may create databases; each test gets a fresh database
copied from a template migrated once per run. CI sets `OUTLET_DESK_REQUIRE_PG=1`, turning a missing server into
a failure instead of a skip.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHONUTF8", "1")

import pytest
from sqlalchemy import create_engine, text

from app import settings
from app.actor import Actor
from app.desk import Desk
from app.operators import create_operator
from app.startup import open_database
from db.engine import Database
from db.models import Outlet

PG_URL = os.environ.get("OUTLET_DESK_TEST_PG")
REQUIRE_PG = os.environ.get("OUTLET_DESK_REQUIRE_PG") == "1"
MANAGER_PIN = "2468"


def _pg_admin():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """Name of a PostgreSQL database migrated to head once per run, used as a template."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("OUTLET_DESK_REQUIRE_PG=1 but OUTLET_DESK_TEST_PG is not set")
        pytest.skip("no PostgreSQL server given (set OUTLET_DESK_TEST_PG)")
    name = f"od_template_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name)
    database = open_database(url.render_as_string(hide_password=False), Path("/nonexistent-home"))
    database.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_pg_database(template: str) -> tuple[str, str]:
    name = f"od_test_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()
    return name, url


def drop_pg_database(name: str) -> None:
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def sqlite_url(home: Path) -> str:
    return str(home / "outlet-desk.db")


@pytest.fixture
def sqlite_database(sqlite_url: str, home: Path) -> Iterator[Database]:
    database = open_database(sqlite_url, home)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, home: Path) -> Iterator[str]:
    """A migrated, seeded database URL on each engine."""
    if request.param == "sqlite":
        url = str(home / "outlet-desk.db")
        open_database(url, home).dispose()
        yield url
        return
    template = request.getfixturevalue("pg_template")
    name, url = make_pg_database(template)
    yield url
    drop_pg_database(name)


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """A migrated PostgreSQL database of its own, for tests about PostgreSQL alone."""
    name, url = make_pg_database(pg_template)
    yield url
    drop_pg_database(name)


@pytest.fixture
def database(db_url: str, home: Path) -> Iterator[Database]:
    database = open_database(db_url, home)
    yield database
    database.dispose()


@pytest.fixture
def clerk(database: Database) -> Actor:
    with database.write() as session:
        return create_operator(session, "王芳", role="clerk")


@pytest.fixture
def manager(database: Database) -> Actor:
    with database.write() as session:
        return create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)


@pytest.fixture
def desk(database: Database, clerk: Actor, home: Path) -> Desk:
    return Desk(database, clerk, home)


@pytest.fixture(autouse=True)
def _no_stray_threads() -> Iterator[None]:
    """Fail a test that leaves non-daemon threads running behind it."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for thread in leftover:
        thread.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to: chmod for a normal user, a read-only bind mount for root (which ignores
    permission bits). Skips only where neither can be had."""
    import subprocess

    src = tmp_path / "ro-src"
    src.mkdir()
    (src / "outlet-desk.db").touch()
    if os.geteuid() != 0:
        os.chmod(src, 0o555)
        yield src
        os.chmod(src, 0o755)
        return
    target = tmp_path / "ro"
    target.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(src), str(target)], capture_output=True).returncode == 0
    if mounted:
        mounted = subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], capture_output=True).returncode == 0
        if not mounted:
            subprocess.run(["umount", str(target)], capture_output=True)
    if not mounted:
        pytest.skip("cannot make a read-only folder here (root without mount rights)")
    yield target
    subprocess.run(["umount", str(target)], capture_output=True)


OUR_OUTLET, COUNTERPART_OUTLET = "城东网点", "城西网点"


@pytest.fixture
def outlets(database: Database, clerk: Actor) -> int:
    """Our outlet's own name set, and one counterpart outlet in the directory; returns the counterpart's id."""
    with database.write() as session:
        settings.put(session, "outlet.name", OUR_OUTLET, actor=clerk)
        other = Outlet(kind="counterpart", name=COUNTERPART_OUTLET, code="HZ-XC")
        session.add(other)
        session.flush()
        return other.id
