"""Opening the desk for one command: data folder, database by precedence, operator."""

from __future__ import annotations

import argparse

from app.desk import Desk
from app.operators import cli_operator, find_operator
from app.paths import resolve_db_target, resolve_home
from app.startup import ensure_home, open_database


def open_desk(args: argparse.Namespace) -> Desk:
    home = ensure_home(resolve_home(args.home))
    database = open_database(resolve_db_target(args.db, home), home)
    with database.read() as session:
        actor = find_operator(session, args.operator) if args.operator else cli_operator(session)
    return Desk(database, actor, home)
