"""The stuck list's SQL on real databases: every filter, their combinations, and keyset paging on every column."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import stuck, stuck_messages, stuck_query
from app.actor import Actor
from app.cases import get_case, transition, update_case
from app.errors import ValidationError
from app.stuck_query import StuckFilter
from db.engine import Database
from db.models import Courier, Waybill

NOW = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
NUMBERS = [f"YT{8962646785300 + i:013d}" for i in range(12)]


@pytest.fixture
def ids(database: Database, clerk: Actor, manager: Actor) -> list[int]:
    """Twelve stuck parcels with a spread of facts (see the assertions for which has what)."""
    out = []
    with database.write() as session:
        courier = Courier(name="张师傅")
        session.add(courier)
        session.flush()
        for i, number in enumerate(NUMBERS):
            done = stuck.capture(
                session,
                number,
                actor=clerk if i % 2 else manager,
                problem_type=["no_answer", "refused", "wrong_address"][i % 3],
                direction="outbound" if i % 4 == 3 else "inbound",
                courier_id=courier.id if i < 6 else None,
                round_no=1 + i % 3,
                shelf=f"A-{i % 4}" if i % 5 else None,
                in_carrier_system=i % 2 == 0,
                at=NOW - timedelta(days=12 - i, hours=i),
            )
            out.append(done.case.id)
        waybill = session.query(Waybill).filter_by(waybill_no=NUMBERS[7]).one()
        waybill.recipient_name, waybill.recipient_phone, waybill.recipient_phone_tail = "陈晓东", "13912345678", "5678"
        stuck_messages.post(session, out[1], "请核实", actor=clerk, at=NOW - timedelta(days=3))  # awaiting reply
        stuck_messages.post(session, out[3], "请回电", actor=clerk, direction="received", at=NOW - timedelta(days=2))
        stuck_messages.post(session, out[5], "请回电", actor=clerk, direction="received", at=NOW - timedelta(hours=2))
        view = get_case(session, out[9])
        update_case(session, out[9], {"due_at": NOW - timedelta(hours=1)}, expected_version=view.version, actor=clerk)
        view = get_case(session, out[0])
        transition(session, out[0], "closed", expected_version=view.version, actor=clerk, at=NOW - timedelta(days=1))
    return out


def found(database: Database, f: StuckFilter) -> set[int]:
    with database.read() as session:
        rows = stuck_query.page(session, f, limit=1000, now=NOW)
        assert stuck_query.count(session, f, now=NOW) == len(rows)
        return {r.id for r in rows}


def test_each_filter(database: Database, ids: list[int]) -> None:
    assert found(database, StuckFilter()) == set(ids)
    assert found(database, StuckFilter(open_only=True)) == set(ids) - {ids[0]}
    assert found(database, StuckFilter(statuses=("closed",))) == {ids[0]}
    assert found(database, StuckFilter(statuses=("awaiting_reply", "closed"))) == {ids[0], ids[1]}
    assert found(database, StuckFilter(problem_types=("refused",))) == {ids[i] for i in (1, 4, 7, 10)}
    assert found(database, StuckFilter(direction="outbound")) == {ids[i] for i in (3, 7, 11)}
    assert found(database, StuckFilter(carrier="YTO")) == set(ids)
    assert found(database, StuckFilter(carrier="ZTO")) == set()
    with database.read() as session:
        courier_id = session.query(Courier.id).scalar()
    assert found(database, StuckFilter(courier_id=courier_id)) == set(ids[:6])
    since = NOW - timedelta(days=3, hours=12)
    assert found(database, StuckFilter(opened_from=since)) == {ids[i] for i in range(9, 12)}
    assert found(database, StuckFilter(opened_to=since)) == {ids[i] for i in range(9)}
    assert found(database, StuckFilter(awaiting_reply=True)) == {ids[1]}
    assert found(database, StuckFilter(owed=True)) == {ids[3], ids[5]}
    assert found(database, StuckFilter(overdue=True)) == {ids[3], ids[9]}  # 2 days-old message; past due time
    assert found(database, StuckFilter(not_in_system=True)) == {ids[i] for i in range(1, 12, 2)}
    assert found(database, StuckFilter(shelf="A-1")) == {ids[1], ids[9]}


def test_search_by_waybill_part_phone_tail_and_name(database: Database, ids: list[int]) -> None:
    assert found(database, StuckFilter(text="6785307")) == {ids[7]}
    assert found(database, StuckFilter(text="yt896264678531")) == {ids[10], ids[11]}
    assert found(database, StuckFilter(text="5678")) == {ids[7]}
    assert found(database, StuckFilter(text="晓东")) == {ids[7]}
    assert found(database, StuckFilter(text="%")) == set()  # LIKE wildcards are literal


def test_filters_combine(database: Database, ids: list[int]) -> None:
    f = StuckFilter(open_only=True, problem_types=("no_answer", "refused"), not_in_system=True)
    assert found(database, f) == {ids[1], ids[3], ids[7], ids[9]}
    assert found(database, StuckFilter(overdue=True, direction="outbound")) == {ids[3]}
    assert found(database, StuckFilter(overdue=True, direction="outbound", text="5678")) == set()


@pytest.mark.parametrize("descending", [True, False])
def test_keyset_paging_on_every_column(database: Database, ids: list[int], descending: bool) -> None:
    """Small pages walked to the end give every row once, in the same order as one big page."""
    with database.read() as session:
        for sort in stuck_query.SORTABLE:
            whole = stuck_query.page(session, StuckFilter(), sort=sort, descending=descending, limit=100)
            walked, after = [], None
            while True:
                rows = stuck_query.page(session, StuckFilter(), sort=sort, descending=descending, after=after, limit=5)
                walked += rows
                if len(rows) < 5:
                    break
                after = stuck_query.sort_key(rows[-1], sort)
            assert [r.id for r in walked] == [r.id for r in whole], sort
            assert sorted(r.id for r in walked) == sorted(ids), sort
            values = [stuck_query.sort_key(r, sort)[0] for r in whole]
            present = [v for v in values if v is not None]
            assert present == sorted(present, reverse=descending), sort
            assert values[len(present) :] == [None] * (len(values) - len(present)), f"{sort}: NULLs last"


def test_rows_carry_what_the_page_shows(database: Database, ids: list[int]) -> None:
    with database.read() as session:
        row = stuck_query.by_ids(session, [ids[3]])[0]
    assert row.direction == "outbound" and row.message_direction == "received" and row.message_text == "请回电"
    assert row.reply_due_at == NOW - timedelta(days=1) and row.next_due == row.reply_due_at
    assert row.problem_type_name == "无人接听" and row.courier == "张师傅" and row.round_no == 1
    assert row.status_label == "待处理" and row.shelf == "A-3" and row.earliest_return_on is not None


def test_filter_round_trips_through_json_and_refuses_bad_values(database: Database) -> None:
    f = StuckFilter(statuses=("pending",), problem_types=("refused",), opened_from=NOW, overdue=True, text="晓东")
    assert StuckFilter.from_dict(f.as_dict()) == f
    assert StuckFilter.from_dict({"no_such": 1, "open_only": True}) == StuckFilter(open_only=True)
    with database.read() as session:
        with pytest.raises(ValidationError):
            stuck_query.count(session, StuckFilter(statuses=("nonsense",)))
        with pytest.raises(ValidationError):
            stuck_query.page(session, StuckFilter(), sort="drop table")
