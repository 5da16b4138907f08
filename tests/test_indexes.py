"""Indexes the queries need, guarded so none can silently disappear or grow back into a full index: the planner
must pick each for its query (SQLite's EXPLAIN QUERY PLAN), and the sparse ones hold only rows with a value on
both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from db.engine import Database

SPARSE = [
    ("cases", "caller_phone_tail"),
    ("cases", "handler_id"),
    ("cases", "courier_id"),
    ("cases", "parent_case_id"),
    ("stuck_details", "shelf"),
    ("stuck_details", "reply_due_at"),
    ("messages", "reply_due_at"),
    ("waybills", "sender_phone_tail"),
    ("waybills", "recipient_phone_ext"),
]

# (query, the index its plan must use)
PLANS = [
    ("SELECT id FROM cases WHERE courier_id = 7", "ix_cases_courier_id"),
    ("SELECT id FROM cases WHERE handler_id = 7", "ix_cases_handler_id"),
    ("SELECT id FROM cases WHERE parent_case_id = 7", "ix_cases_parent_case_id"),
    ("SELECT id FROM cases WHERE caller_phone_tail = '5678'", "ix_cases_caller_phone_tail"),
    ("SELECT case_id FROM stuck_details WHERE shelf = 'A-3'", "ix_stuck_details_shelf"),
    ("SELECT case_id FROM stuck_details WHERE reply_due_at < '2026-11-23'", "ix_stuck_details_reply_due_at"),
    ("SELECT id FROM messages WHERE reply_due_at >= '2026-11-23'", "ix_messages_reply_due_at"),
    ("SELECT id FROM waybills WHERE sender_phone_tail = '5678'", "ix_waybills_sender_phone_tail"),
    ("SELECT id FROM waybills WHERE recipient_phone_ext = '1234'", "ix_waybills_recipient_phone_ext"),
    ("SELECT id FROM waybills WHERE recipient_phone_tail = '5678'", "ix_waybills_recipient_phone_tail"),
    (
        "SELECT id FROM cases WHERE callback_at <= '2026-11-23' AND closed_at IS NULL AND deleted_at IS NULL",
        "ix_cases_open_callback",
    ),
    (
        "SELECT id FROM cases WHERE due_at <= '2026-11-23' AND closed_at IS NULL AND deleted_at IS NULL",
        "ix_cases_open_due",
    ),
]


@pytest.mark.parametrize(("sql", "index"), PLANS, ids=[index for _, index in PLANS])
def test_the_planner_uses_the_index(sqlite_database: Database, sql: str, index: str) -> None:
    with sqlite_database.read() as session:
        plan = " ".join(row[-1] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert f"INDEX {index}" in plan, plan


def _definitions(database: Database) -> dict[str, str]:
    with database.read() as session:
        if database.engine.dialect.name == "postgresql":
            rows = session.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        else:
            rows = session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
        return {name: (sql or "") for name, sql in rows}


def test_sparse_columns_are_indexed_only_where_set(database: Database) -> None:
    definitions = _definitions(database)
    for table, column in SPARSE:
        definition = definitions[f"ix_{table}_{column}"]
        assert "IS NOT NULL" in definition.upper(), definition


def test_full_deadline_indexes_are_gone(database: Database) -> None:
    """The open-case partial indexes answer every deadline and callback question; full ones only slowed inserts."""
    definitions = _definitions(database)
    assert "ix_cases_due_at" not in definitions and "ix_cases_callback_at" not in definitions
    assert "ix_cases_open_due" in definitions and "ix_cases_open_callback" in definitions


def test_names_have_no_index_no_query_could_use(database: Database) -> None:
    """Recipient names are searched by substring only (the lookup, the case lists): a B-tree cannot serve that."""
    assert "ix_waybills_recipient_name" not in _definitions(database)
