"""Case lists from SQL (filters, counts, keyset pages) and the lookup search, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app import case_query, cases, lookup
from app.actor import Actor
from app.case_query import CaseFilter
from app.cases import NewCase
from db.engine import Database

NUMBERS = [
    "YT8962646785389",
    "73610555582883",
    "773277027280336",
    "SF1385628716739",
    "JT5261988016578",
    "JDX024407261700",
    "1207119765021",
    "DPK202252612836",
    "463431409940372",
]


def seed_cases(database: Database, actor: Actor) -> list[cases.CaseView]:
    base = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    made = []
    with database.write() as session:
        for i in range(45):
            kind = ("stuck", "chase", "complaint", "intercept")[i % 4]
            made.append(
                cases.open_case(
                    session,
                    NewCase(
                        kind=kind,
                        direction="outbound" if i % 3 == 0 else "inbound",
                        waybill_no=NUMBERS[i % len(NUMBERS)],
                        opened_at=base + timedelta(hours=i // 2),  # pairs share an opening time: ties broken by id
                        caller_name="张伟" if i % 5 == 0 else "李娜",
                        caller_phone=f"1381234{i:04d}",
                        due_at=None if i % 7 == 0 else base + timedelta(days=i % 6),
                    ),
                    actor=actor,
                )
            )
    return made


def test_filters_and_counts(database: Database, clerk: Actor) -> None:
    made = seed_cases(database, clerk)
    with database.read() as session:
        assert case_query.count(session, CaseFilter()) == 45
        stuck = case_query.page(session, CaseFilter(kind="stuck"), limit=100)
        assert {r.id for r in stuck} == {c.id for c in made if c.kind == "stuck"}
        assert case_query.count(session, CaseFilter(kind="chase", direction="outbound")) == len(
            [c for c in made if c.kind == "chase" and c.direction == "outbound"]
        )
        assert case_query.count(session, CaseFilter(waybill="6785389")) == 5
        by_tail = case_query.page(session, CaseFilter(text="0010"), limit=100)
        assert [r.caller_phone for r in by_tail] == ["13812340010"]
        by_name = case_query.page(session, CaseFilter(text="张伟"), limit=100)
        assert len(by_name) == 9 and all(r.caller_name == "张伟" for r in by_name)
        row = stuck[0]
        assert row.status_label == "待处理" and row.carrier and row.handler == clerk.name


def test_open_only(database: Database, clerk: Actor) -> None:
    made = seed_cases(database, clerk)
    first = made[0]
    with database.write() as session:
        cases.transition(session, first.id, "closed", expected_version=first.version, actor=clerk)
    with database.read() as session:
        open_ids = {r.id for r in case_query.iterate(session, CaseFilter(open_only=True))}
    assert first.id not in open_ids and len(open_ids) == 44


def test_keyset_pages_cover_everything_once_in_every_sort(database: Database, clerk: Actor) -> None:
    made = seed_cases(database, clerk)
    with database.read() as session:
        for sort in case_query.SORTABLE:
            for descending in (True, False):
                seen, after = [], None
                while True:
                    rows = case_query.page(
                        session, CaseFilter(), sort=sort, descending=descending, after=after, limit=7
                    )
                    seen += rows
                    if len(rows) < 7:
                        break
                    after = case_query.sort_key(rows[-1], sort)
                assert sorted(r.id for r in seen) == sorted(c.id for c in made), (sort, descending)
                values = [getattr(r, sort) for r in seen if getattr(r, sort) is not None]
                assert values == sorted(values, reverse=descending), (sort, descending)
                nulls = [i for i, r in enumerate(seen) if getattr(r, sort) is None]
                assert nulls == list(range(len(seen) - len(nulls), len(seen))), "NULLs come last"


def test_lookup_by_number_tail_and_name(database: Database, clerk: Actor) -> None:
    seed_cases(database, clerk)
    with database.read() as session:
        full = lookup.lookup(session, "YT8962646785389")
        assert [m.waybill_no for m in full.matches] == ["YT8962646785389"]
        assert full.matches[0].carrier == "YTO" and len(full.matches[0].records) == 5
        assert all(r.type == "case" and r.status for r in full.matches[0].records)
        partial = lookup.lookup(session, "yt89626")
        assert [m.waybill_no for m in partial.matches] == ["YT8962646785389"]
        tail = lookup.lookup(session, "0012")
        assert len(tail.matches) == 1 and tail.matches[0].waybill_no == NUMBERS[12 % len(NUMBERS)]
        name = lookup.lookup(session, "张伟")
        assert {m.waybill_no for m in name.matches} == {NUMBERS[i % len(NUMBERS)] for i in range(0, 45, 5)}
        assert lookup.lookup(session, "").matches == []
        assert lookup.lookup(session, "ZZ999").matches == []
