"""The demo generator on real databases (SQLite file and PostgreSQL) and through the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app import cases, demo
from app.actor import Actor
from app.cases import NewCase
from app.demo import writer
from app.phones import parse_phone
from app.startup import open_database
from app.waybills import parse_waybill
from app.workflows import CASE_KINDS, CLAIM, DIRECTIONS, case_workflow
from db.base import Base
from db.engine import Database
from db.models import (
    Area,
    Carrier,
    Case,
    ChaseDetail,
    Claim,
    ComplaintDetail,
    Contact,
    Courier,
    DeliveryCount,
    Fine,
    Followup,
    InterceptDetail,
    Message,
    Note,
    NoteWaybill,
    Operator,
    Outlet,
    Phrase,
    StuckDetail,
    Waybill,
)

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
DETAILS = {"stuck": StuckDetail, "chase": ChaseDetail, "complaint": ComplaintDetail, "intercept": InterceptDetail}


def counts(database: Database) -> dict[str, int]:
    """Rows per table: a fingerprint that shows whether anything at all was written."""
    with database.read() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


@pytest.fixture
def filled(database: Database) -> Database:
    report = demo.generate(database, cases=400, seed=3, now=NOW, chunk=150)
    assert report.cases == 400 and not report.cancelled
    return database


def test_every_kind_in_every_status_with_consistent_times(filled: Database) -> None:
    with filled.read() as session:
        rows = session.execute(
            select(Case.id, Case.kind, Case.direction, Case.status, Case.opened_at, Case.closed_at, Case.due_at)
        ).all()
        seen = Counter((r.kind, r.direction, r.status) for r in rows)
        for kind in CASE_KINDS:
            for direction in DIRECTIONS:
                workflow = case_workflow(kind, direction)
                missing = [s.code for s in workflow.states if not seen[(kind, direction, s.code)]]
                assert not missing, (kind, direction, missing)
        kinds = Counter(r.kind for r in rows)
        assert kinds["stuck"] > kinds["chase"] > kinds["complaint"] > kinds["intercept"] > 0
        for r in rows:
            terminal = case_workflow(r.kind, r.direction).is_terminal(r.status)
            assert (r.closed_at is not None) == terminal, r
            assert NOW - timedelta(days=740) <= r.opened_at <= NOW
            assert r.closed_at is None or r.opened_at <= r.closed_at <= NOW
            if r.kind == "complaint":
                assert r.due_at == r.opened_at + timedelta(hours=24)
        for kind, model in DETAILS.items():
            with_detail = session.scalar(select(func.count()).select_from(model))
            assert with_detail == kinds[kind]
        assert {s.code for s in CLAIM.states} == set(session.scalars(select(Claim.status)))

        timeline = session.execute(
            select(Followup.case_id, func.count(), func.max(Followup.at)).group_by(Followup.case_id)
        ).all()
        last = dict(session.execute(select(Case.id, Case.last_followup_at)).all())
        assert len(timeline) == len(rows)
        for case_id, entries, latest in timeline:
            assert 1 <= entries <= 4 and last[case_id] == latest
        replies = session.execute(
            select(Case.due_at, func.max(Message.reply_due_at)).join(Message).group_by(Case.id, Case.due_at)
        ).all()
        assert replies and all(due == latest for due, latest in replies)
        assert session.scalar(select(func.count()).where(Case.callback_at.is_not(None), Case.kind == "chase"))


def test_stuck_list_summary_matches_the_message_threads(filled: Database) -> None:
    """The stuck list filters on the thread summary, so the demo must leave it as app.stuck_messages would."""
    from app.stuck_messages import refresh_summaries
    from db.models import StuckDetail

    def snapshot() -> dict:
        with filled.read() as session:
            return {
                d.case_id: (
                    d.message_direction,
                    d.message_text,
                    d.message_at,
                    d.reply_at,
                    d.awaiting_reply,
                    d.reply_due_at,
                )
                for d in session.scalars(select(StuckDetail))
            }

    written = snapshot()
    assert sum(1 for v in written.values() if v[1]) > 50 and any(v[4] for v in written.values())
    with filled.write() as session:
        refresh_summaries(session)
    assert snapshot() == written


def test_waybill_numbers_are_detected_as_their_carrier(filled: Database) -> None:
    with filled.read() as session:
        numbers = session.execute(select(Waybill.waybill_no, Carrier.code).join(Carrier)).all()
    assert len({no for no, _ in numbers}) == len(numbers) > 300
    collisions = Counter()
    for number, code in numbers:
        parsed = parse_waybill(number)
        assert parsed is not None and parsed.number == number, number
        found = [c.code for c in parsed.candidates]
        assert code in found, (number, code, found)
        if len(found) == 1:
            assert parsed.best is not None and parsed.best.code == code
        if number[0].isalpha():
            assert parsed.best is not None and parsed.best.certain, number
        if {"STO", "YUNDA"} <= set(found):
            collisions[code] += 1
    assert collisions["STO"] and collisions["YUNDA"]  # 43… numbers of both, as in real life
    assert len({code for _, code in numbers}) == 9


def test_phones_are_stored_as_parse_phone_reads_them(filled: Database) -> None:
    with filled.read() as session:
        waybills = session.execute(
            select(
                Waybill.recipient_phone,
                Waybill.recipient_phone_tail,
                Waybill.recipient_phone_ext,
                Waybill.sender_phone,
                Waybill.sender_phone_tail,
            )
        ).all()
        callers = session.execute(
            select(Case.caller_phone, Case.caller_phone_tail).where(Case.caller_phone.is_not(None))
        )
        callers = callers.all()
    forms = Counter()
    for phone, tail, ext, sender, sender_tail in waybills:
        info = parse_phone(phone)
        assert info is not None and (info.tail, info.ext) == (tail, ext), phone
        forms["masked" if info.masked else "virtual" if info.virtual else "full"] += 1
        sender_info = parse_phone(sender)
        assert sender_info is not None and sender_info.tail == sender_tail, sender
    assert min(forms["masked"], forms["virtual"], forms["full"]) > 10, forms
    assert callers and all(parse_phone(p).tail == t for p, t in callers)  # type: ignore[union-attr]


def test_money_is_exact_decimal(filled: Database) -> None:
    with filled.read() as session:
        claims = session.scalars(select(Claim)).all()
        fines = session.scalars(select(Fine)).all()
        freights = session.scalars(select(Waybill.freight)).all()
        stored = session.execute(text("SELECT claimed_amount FROM claims")).scalars().all()
    assert claims and fines
    assert all(isinstance(v, int) for v in stored)  # whole fen, never a float
    for claim in claims:
        for value in (claim.claimed_amount, claim.computed_amount, claim.declared_value, claim.freight):
            assert isinstance(value, Decimal) and value.as_tuple().exponent == -2
        assert claim.computed_amount <= claim.claimed_amount or claim.loss_type == "late"
        if claim.status in ("reviewed", "paid"):
            assert claim.approved_amount is not None and claim.approved_amount <= claim.computed_amount
        assert (claim.closed_at is not None) == CLAIM.is_terminal(claim.status)
    assert all(f.amount > 0 and f.amount % 5 == 0 and isinstance(f.amount, Decimal) for f in fines)
    assert all(isinstance(f, Decimal) for f in freights)


def test_claims_and_fines_use_the_catalogue_codes(filled: Database) -> None:
    """The demo writes what the services would: codes the claim and fine views can label."""
    from app.claims.catalogue import EVIDENCE_CODES, PARTY_LABELS
    from app.fine_views import REASONS

    with filled.read() as session:
        claims = session.scalars(select(Claim)).all()
        reasons = set(session.scalars(select(Fine.reason)))
    assert reasons and reasons <= set(REASONS)
    assert {c.responsible_party for c in claims} - {None} <= set(PARTY_LABELS)
    assert all(set(c.evidence) <= set(EVIDENCE_CODES) for c in claims)
    assert any(c.rule_text and c.rule_text.startswith("【") for c in claims)  # worked out by the calculator


def test_same_seed_same_data_on_another_fresh_database(filled: Database, tmp_path: Path) -> None:
    """Even on the other engine: the run depends on the seed and `now` only."""
    other = open_database(str(tmp_path / "second.db"), tmp_path)
    try:
        demo.generate(other, cases=400, seed=3, now=NOW, chunk=400)
        query = select(Case.id, Case.kind, Case.status, Case.opened_at, Waybill.waybill_no).join(Waybill)
        with filled.read() as a, other.read() as b:
            assert a.execute(query.order_by(Case.id)).all() == b.execute(query.order_by(Case.id)).all()
            claims = select(Claim.claim_no, Claim.claimed_amount).order_by(Claim.id)
            assert a.execute(claims).all() == b.execute(claims).all()
        demo.generate(other, cases=50, seed=4, now=NOW, chunk=50)
        with filled.read() as a, other.read() as b:
            assert set(a.scalars(select(Waybill.waybill_no))) < set(b.scalars(select(Waybill.waybill_no)))
    finally:
        other.dispose()


def test_the_waybill_numbers_do_not_depend_on_now_or_chunks(sqlite_database: Database, tmp_path: Path) -> None:
    other = open_database(str(tmp_path / "later.db"), tmp_path)
    try:
        demo.generate(sqlite_database, cases=200, seed=9, now=NOW)
        demo.generate(other, cases=200, seed=9, now=NOW + timedelta(days=40, hours=5, seconds=17), chunk=70)
        with sqlite_database.read() as a, other.read() as b:
            numbers = select(Waybill.waybill_no).order_by(Waybill.id)
            assert a.scalars(numbers).all() == b.scalars(numbers).all()
    finally:
        other.dispose()


def test_cancel_stops_between_chunks_and_keeps_whole_chunks(database: Database) -> None:
    seen: list[int] = []
    report = demo.generate(
        database,
        cases=500,
        seed=1,
        now=NOW,
        chunk=100,
        progress=lambda done, total: seen.append(done),
        cancelled=lambda: len(seen) == 3,  # asked before each chunk: stop after the second one
    )
    assert report.cancelled and seen[0] == 0 and report.cases == seen[-1]
    assert 100 <= seen[1] < 200 <= seen[2] < 300  # chunks are cut where no parcel's cases straddle them
    _assert_whole_chunks(database, report.cases)


def test_a_failing_chunk_leaves_nothing_of_itself(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = writer._write
    calls = []

    def write_then_fail(session, rows):  # every insert of the second chunk runs, then its transaction fails
        real_write(session, rows)
        calls.append(len(rows[Case]))
        if len(calls) == 2:
            raise RuntimeError("disk pulled out")

    monkeypatch.setattr(writer, "_write", write_then_fail)
    with pytest.raises(RuntimeError):
        demo.generate(database, cases=300, seed=2, now=NOW, chunk=100)
    _assert_whole_chunks(database, calls[0])


def test_ids_move_past_rows_another_clerk_wrote_between_chunks(database: Database) -> None:
    """Chunks are built before their write lock is taken; ids somebody took meanwhile must not clash."""
    theirs: list[int] = []

    def clerk_saves_a_case(done: int, total: int) -> None:
        if done and not theirs:
            with database.write() as session:
                operator = session.scalar(select(Operator.id).where(Operator.name == "陈静"))
                actor = Actor(operator, "陈静")
                view = cases.open_case(session, NewCase(kind="stuck", waybill_no="YT8962646785389"), actor=actor)
                cases.add_followup(session, view.id, "客户来电", actor=actor)
                theirs.append(view.id)

    report = demo.generate(database, cases=300, seed=6, now=NOW, chunk=100, progress=clerk_saves_a_case)
    assert report.cases == 300 and theirs
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 301
        mine = session.execute(select(Case.id, Waybill.waybill_no).join(Waybill).where(Case.id == theirs[0])).one()
        assert mine.waybill_no == "YT8962646785389"
        assert session.scalars(select(Followup.text).where(Followup.case_id == theirs[0])).all() == ["客户来电"]
        assert session.scalar(select(func.max(Case.id))) == 301
        numbers = session.execute(select(Claim.id, Claim.claim_no)).all()
        assert numbers and all(no.endswith(f"{claim_id:05d}") for claim_id, no in numbers)
    _assert_whole_chunks(database, 301)


def _assert_whole_chunks(database: Database, expected: int) -> None:
    """Exactly `expected` cases, each complete, and no row of a later chunk (waybills, notes, claims…)."""
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == expected
        case_ids = set(session.scalars(select(Case.id)))
        assert case_ids == set(session.scalars(select(Followup.case_id)))
        with_details = set()
        for model in DETAILS.values():
            with_details |= set(session.scalars(select(model.case_id)))
        assert with_details == case_ids
        waybills = session.scalar(select(func.count()).select_from(Waybill))
        assert waybills == session.scalar(select(func.count(Case.waybill_id.distinct())))
        notes = session.scalars(select(Note.case_id).where(Note.case_id.is_not(None))).all()
        assert set(notes) <= case_ids
        linked = set(session.scalars(select(NoteWaybill.waybill_no)))
        assert linked <= set(session.scalars(select(Waybill.waybill_no)))


DIRECTORY = (Operator, Area, Courier, Outlet, Contact, Phrase, DeliveryCount)


def test_append_adds_cases_and_keeps_everything_else(database: Database) -> None:
    demo.generate(database, cases=150, seed=1, now=NOW)
    before = counts(database)
    query = select(Case.id, Case.status, Case.version, Waybill.waybill_no).join(Waybill).order_by(Case.id)
    with database.read() as session:
        first = session.execute(query).all()
    report = demo.generate(database, cases=150, seed=1, now=NOW)  # the same seed again: no clash
    after = counts(database)
    assert report.cases == 150 and after["cases"] == 300
    for model in DIRECTORY:
        assert after[model.__tablename__] == before[model.__tablename__], model
    with database.read() as session:
        assert session.execute(query).all()[:150] == first
        numbers = session.scalars(select(Waybill.waybill_no)).all()
    assert len(numbers) == len(set(numbers)) == after["waybills"]


def test_later_inserts_do_not_collide_with_demo_ids(database: Database) -> None:
    """PostgreSQL's sequences must have been moved past the ids the demo chose itself."""
    demo.generate(database, cases=120, seed=5, now=NOW)
    with database.read() as session:
        top = session.scalar(select(func.max(Case.id)))
        manager = session.execute(select(Operator.id, Operator.name).where(Operator.role == "manager")).one()
    with database.write() as session:
        view = cases.open_case(
            session, NewCase(kind="chase", waybill_no="YT8962646785389"), actor=Actor(manager.id, manager.name)
        )
        cases.add_followup(session, view.id, "客户来电催件", actor=Actor(manager.id, manager.name))
    assert view.id == top + 1


def test_manager_pin_and_the_outlet_itself(database: Database) -> None:
    from app import settings
    from app.operators import cli_operator, require_manager

    with database.write() as session:
        settings.put(session, "outlet.phone", "0599-1234567", actor=cli_operator(session))
    demo.generate(database, cases=10, seed=0, now=NOW)
    with database.read() as session:
        assert require_manager(session, "0000").name == "站长"
        assert settings.get(session, "outlet.name") == "临江滨江分部"
        assert settings.get(session, "outlet.phone") == "0599-1234567"  # the outlet's own value is kept


# --- the command line -----------------------------------------------------------------------------------------


def run_cli(home: Path, db: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    cmd = [sys.executable, "-m", "app", "--home", str(home), "--db", db, *args]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=300)


def test_cli_demo_refuses_a_database_with_cases_and_appends_on_request(db_url: str, home: Path) -> None:
    made = run_cli(home, db_url, "demo", "--cases", "60", "--seed", "2")
    assert made.returncode == 0, made.stderr.decode()
    assert made.stdout.decode("utf-8").strip() == "已生成 60 个演示案件。"
    assert made.stderr == b""  # progress goes to a terminal only
    database = open_database(db_url, home)
    try:
        before = counts(database)
        refused = run_cli(home, db_url, "demo", "--cases", "10")
        assert refused.returncode == 1 and refused.stdout == b""
        lines = refused.stderr.decode("utf-8").strip().splitlines()
        assert lines == ["数据库中已有 60 个案件；如要追加演示数据请加 --append。"]
        assert counts(database) == before

        appended = run_cli(home, db_url, "demo", "--cases", "10", "--append")
        assert appended.returncode == 0, appended.stderr.decode()
        after = counts(database)
        assert after["cases"] == 70 and after["operators"] == before["operators"]
    finally:
        database.dispose()


def test_cli_demo_rejects_a_negative_count(home: Path) -> None:
    result = run_cli(home, str(home / "outlet-desk.db"), "demo", "--cases", "-5")
    assert result.returncode == 2
    assert len(result.stderr.decode("utf-8").strip().splitlines()) == 1


def test_demo_leaves_planner_statistics(filled: Database) -> None:
    """Without statistics SQLite sorts the whole stuck list instead of walking the live-row index."""
    with filled.read() as session:
        if filled.is_sqlite:
            analysed = session.scalar(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases'"))
        else:
            analysed = session.scalar(
                text("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'cases' AND last_analyze IS NOT NULL")
            )
    assert analysed
