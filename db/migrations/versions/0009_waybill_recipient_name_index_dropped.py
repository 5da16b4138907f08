"""waybill recipient name index dropped: names are only ever searched by substring (LIKE '%…%'), which no
B-tree index serves, and each of an import's new waybills paid for an entry

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 13:36:53.119580
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('waybills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waybills_recipient_name'))


def downgrade() -> None:
    with op.batch_alter_table('waybills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waybills_recipient_name'), ['recipient_name'], unique=False)
