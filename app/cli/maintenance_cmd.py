"""`backup [-o F]`, `restore F`, `check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import maintenance
from app.cli.context import open_desk
from app.messages import text
from app.paths import resolve_db_target, resolve_home
from app.startup import ensure_home
from db.engine import Database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="online backup of the SQLite database")
    p.add_argument("-o", "--output", type=Path, help="backup file (default: the data folder's backups/)")
    p.set_defaults(handler=_backup)
    p = sub.add_parser("restore", help="replace the database with a backup, keeping the current one aside")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=_restore)
    p = sub.add_parser("check", help="integrity check: exit 0 when sound, 1 when damage is found")
    p.set_defaults(handler=_check)


def _backup(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        maintenance.require_file_database(desk.database)
        path = maintenance.make_backup(desk.database, desk.home, args.output)
    finally:
        desk.close()
    print(text("backup_done", path=str(path)))
    return 0


def _restore(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        maintenance.require_file_database(desk.database)
        aside = maintenance.restore(desk.database, args.file, desk.home)
    finally:
        desk.close()
    print(text("restore_done", aside=str(aside)))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Checks the file as it is: a damaged database must be diagnosed, never migrated or written to."""
    home = ensure_home(resolve_home(args.home))
    database = Database.open(resolve_db_target(args.db, home))
    try:
        problems = maintenance.check(database)
    finally:
        database.dispose()
    if problems:
        print(text("db_damaged", detail="; ".join(problems[:5])), file=sys.stderr)
        return 1
    print(text("check_ok"))
    return 0
