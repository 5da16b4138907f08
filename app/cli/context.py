"""Opening the desk for one command: data folder, database by precedence, operator."""

from __future__ import annotations

import argparse
import os

from app.desk import Desk
from app.operators import cli_operator, find_operator
from app.paths import resolve_db_target, resolve_home
from app.startup import ensure_home, open_database

UNMASKED_HELP = "full phones and addresses: needs --manager-pin unless --operator is a manager (audited)"


def add_unmasked(p: argparse.ArgumentParser, *, help: str = UNMASKED_HELP) -> None:
    """`--unmasked` and the manager's PIN that allows it (DESIGN.md §3): without it a clerk is refused, exit 1."""
    p.add_argument("--unmasked", action="store_true", help=help)
    p.add_argument(
        "--manager-pin",
        metavar="PIN",
        default=os.environ.get("OUTLET_DESK_MANAGER_PIN"),
        help="a manager's PIN approving --unmasked (env OUTLET_DESK_MANAGER_PIN)",
    )


def open_desk(args: argparse.Namespace) -> Desk:
    home = ensure_home(resolve_home(args.home))
    database = open_database(resolve_db_target(args.db, home), home)
    with database.read() as session:
        actor = find_operator(session, args.operator) if args.operator else cli_operator(session)
    return Desk(database, actor, home)
