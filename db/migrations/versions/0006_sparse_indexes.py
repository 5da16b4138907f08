"""indexes that earn their insert cost: sparse columns indexed only where set, full due/callback indexes dropped

The open-case partial indexes of 0005 answer every deadline and callback question, so the full `due_at` and
`callback_at` indexes go. Columns most rows leave empty (handler, courier, parent case, caller phone tail, shelf,
reply deadlines, a sender's phone, a virtual number's extension) are indexed only where they hold a value: a 50,000-row import no longer writes 50,000 NULL
entries into each of them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROPPED = [("cases", "due_at"), ("cases", "callback_at")]
_SPARSE = [
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


def _create_sparse(table: str, column: str) -> None:
    where = sa.text(f"{column} IS NOT NULL")
    op.create_index(f"ix_{table}_{column}", table, [column], sqlite_where=where, postgresql_where=where)


def upgrade() -> None:
    for table, column in _DROPPED:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table, column in _SPARSE:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        _create_sparse(table, column)


def downgrade() -> None:
    for table, column in _SPARSE:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        op.create_index(f"ix_{table}_{column}", table, [column])
    for table, column in _DROPPED:
        op.create_index(f"ix_{table}_{column}", table, [column])
