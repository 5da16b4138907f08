"""The query plans the lookup's speed rests on (SQLite): part of a waybill number is searched by scanning the
number's covering index, not the table (half the pages: about 25 ms instead of 50 over 200,000 parcels), and a
phone's last four digits never scan a table at all."""

from __future__ import annotations

from sqlalchemy import func, select, text

from app import lookup as lookup_module
from app.carriers import find_or_create_waybill
from bench.common import captured
from db.engine import Database
from db.models import Waybill


def _plan(database: Database, call) -> list[str]:
    with database.read() as session, captured(database) as seen:
        call(session)
    statement, parameters = seen[-1]
    with database.read() as session:
        rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[3] for row in rows]


# The statistics ANALYZE leaves on the 200,000-case demo database: the planner then prefers walking the table in
# id order (no sort for ORDER BY id DESC LIMIT) over scanning the narrower index, unless the query says otherwise.
DEMO_STATS = {
    "sqlite_autoindex_waybills_1": "195321 1",
    "ix_waybills_recipient_phone_tail": "195321 20",
    "ix_waybills_sender_phone_tail": "195321 20",
    "ix_waybills_recipient_phone_ext": "33168 4",
    "ix_waybills_recipient_name": "195321 3",
}


def _parcels(database: Database) -> None:
    with database.write() as session:
        for n in range(40):
            find_or_create_waybill(session, f"YT89626467853{n:02d}", recipient_phone=f"138000{n:05d}")
        session.execute(text("ANALYZE"))
        session.execute(text("DELETE FROM sqlite_stat1 WHERE tbl = 'waybills'"))
        for index, stat in DEMO_STATS.items():
            session.execute(
                text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('waybills', :idx, :stat)"),
                {"idx": index, "stat": stat},
            )
    database.engine.dispose()  # new connections read the statistics


def test_a_waybill_fragment_scans_the_covering_index(sqlite_database: Database) -> None:
    _parcels(sqlite_database)
    plain = select(Waybill.id).where(func.instr(Waybill.waybill_no, "646785") > 0).order_by(Waybill.id.desc())
    assert "SCAN waybills" in _plan(sqlite_database, lambda s: s.execute(plain.limit(51)))  # what is avoided
    plan = _plan(sqlite_database, lambda s: lookup_module._by_fragment(s, "646785", 51))
    assert any("USING COVERING INDEX sqlite_autoindex_waybills_1" in step for step in plan), plan
    assert not any(step.strip() == "SCAN waybills" for step in plan), plan
    with sqlite_database.read() as session:
        assert len(lookup_module._by_fragment(session, "646785", 51)) == 40


def test_a_phone_tail_uses_the_tail_indexes(sqlite_database: Database) -> None:
    _parcels(sqlite_database)
    plan = _plan(sqlite_database, lambda s: lookup_module._by_tails(s, {"0007"}, 51))
    assert not any(step.startswith("SCAN") and "INDEX" not in step for step in plan), plan
    assert any("recipient_phone_tail" in step for step in plan), plan
