"""report indexes: a month report over 200,000 cases reads covering indexes instead of the cases' rows

Cases opened in a range (counts by kind, first response, repeats, couriers' stuck cases; with statistics also
the daily series, by skipping over the kinds) and closed in it (counts, the series, resolution times, one-contact
resolution) each get a partial index on live rows holding every column the report reads, `deleted_at` included
(SQLite before 3.45 reads the row for a column only the index's WHERE fixes). A
case's contacts (follow-ups of a human channel) get their own partial index: first response is one seek, and
counting a case's contacts skips its status changes (the channel is in it for the reason `deleted_at` is in the
others). Return visits are indexed where a complaint has one.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = "deleted_at IS NULL"
_CLOSED = "closed_at IS NOT NULL AND deleted_at IS NULL"
_CONTACT = "channel <> 'system'"
_RETURN_VISIT = "return_visit_at IS NOT NULL"

_HAS_STATISTICS = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
_INDEXES = [  # (name, table, columns, partial WHERE)
    ("ix_cases_report_opened", "cases", ["kind", "opened_at", "courier_id", "repeat_count", "deleted_at"], _LIVE),
    ("ix_cases_report_closed", "cases", ["closed_at", "kind", "opened_at", "id", "deleted_at"], _CLOSED),
    ("ix_followups_contacts", "followups", ["case_id", "at", "channel"], _CONTACT),
    ("ix_complaint_details_return_visit_at", "complaint_details", ["return_visit_at"], _RETURN_VISIT),
]


def upgrade() -> None:
    for name, table, columns, where in _INDEXES:
        op.create_index(name, table, columns, sqlite_where=sa.text(where), postgresql_where=sa.text(where))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(_HAS_STATISTICS).first():
        # a database with statistics (any after a demo or a big import) needs them for the new indexes too:
        # without, SQLite guesses ten follow-ups per case on the contacts index against the three its
        # statistics give the full (case_id, at) one, and keeps reading the full one
        for name, *_ in _INDEXES:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, table, _columns, _where in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
