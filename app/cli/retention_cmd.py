"""`anonymise [--dry-run] --manager-pin PIN [--backups DIR]`: replace the personal data of parcels whose cases and
claims all closed more than `retention_months` ago by its masked form (app.retention), then list the backups
taken before that still hold it.

A manager's decision: `--manager-pin` (env OUTLET_DESK_MANAGER_PIN) unless `--operator` names a manager. Exit
codes: 0 done (also when retention is off or nothing qualified); 1 refused (no or a wrong PIN: nothing changed);
2 usage.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path

from app.cli.context import open_desk
from app.messages import text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("anonymise", help="mask the personal data of parcels closed longer ago than the retention")
    p.add_argument("--dry-run", action="store_true", help="count what would change; change nothing")
    p.add_argument(
        "--manager-pin",
        metavar="PIN",
        default=os.environ.get("OUTLET_DESK_MANAGER_PIN"),
        help="a manager's PIN (env OUTLET_DESK_MANAGER_PIN); not needed when --operator is a manager",
    )
    p.add_argument(
        "--backups", type=Path, action="append", default=[], metavar="DIR", help="another backup folder (a USB stick)"
    )
    p.set_defaults(handler=_anonymise)


def _anonymise(args: argparse.Namespace) -> int:
    from app.retention import anonymise, backups_holding

    now = datetime.now(UTC)
    desk = open_desk(args)
    try:
        with desk.database.write() as session:
            result = anonymise(session, now=now, actor=desk.actor, manager_pin=args.manager_pin, dry_run=args.dry_run)
        holding = backups_holding(desk.home, now, args.backups) if result.cutoff is not None else []
    finally:
        desk.close()
    if result.cutoff is None:
        print(text("retention_off"))
        return 0
    done = "retention_dry_run" if result.dry_run else "retention_done"
    cutoff = result.cutoff.date().isoformat()
    print(
        text(
            done,
            cutoff=cutoff,
            months=result.months,
            waybills=result.waybills,
            cases=result.cases,
            claims=result.claims,
        )
    )
    if holding:
        print(text("retention_backups", count=len(holding)))
        for backup in holding:
            print(f"  {backup.taken_at.isoformat(timespec='seconds')}  {backup.path}")
    else:
        print(text("retention_no_backups"))
    return 0
