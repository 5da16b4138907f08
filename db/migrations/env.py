"""Alembic environment: always driven from `db.migrate` with a live connection (no alembic.ini needed)."""

from alembic import context

import db.models  # noqa: F401  (registers every table)
from db import migrate
from db.base import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=migrate.include_name,  # the search tables and indexes the models do not describe
)
with context.begin_transaction():
    context.run_migrations()
