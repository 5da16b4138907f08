"""`list cases|claims [--kind K] [--direction D] [--open] [--waybill N] [--status S] --json`."""

from __future__ import annotations

import argparse
import json

from app import settings
from app.case_query import CaseFilter, iterate
from app.claim_query import list_claims
from app.cli.context import open_desk
from app.errors import UsageError
from app.jsonout import plain

KIND_SHORTHAND = {"chase-out": ("chase", "outbound"), "chase-in": ("chase", "inbound")}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list cases or claims")
    p.add_argument("what", choices=["cases", "claims"])
    p.add_argument("--kind", help="stuck | chase | complaint | intercept | chase-out | chase-in")
    p.add_argument("--direction", choices=["inbound", "outbound"])
    p.add_argument("--status")
    p.add_argument("--open", action="store_true", dest="open_only", help="every non-terminal status")
    p.add_argument("--waybill")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)


def case_filter_from(args: argparse.Namespace) -> CaseFilter:
    kind, direction = args.kind, args.direction
    if kind in KIND_SHORTHAND:
        kind, implied = KIND_SHORTHAND[kind]
        if direction and direction != implied:
            raise UsageError("usage", detail=f"--kind {args.kind} contradicts --direction {direction}")
        direction = implied
    return CaseFilter(
        kind=kind, direction=direction, status=args.status, open_only=args.open_only, waybill=args.waybill
    )


def _list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            zone = settings.deadline_rules(session).tz()
            if args.what == "cases":
                rows: list = list(iterate(session, case_filter_from(args)))
            else:
                rows = list_claims(session, status=args.status, open_only=args.open_only, waybill=args.waybill)
    finally:
        desk.close()
    if args.json:
        print(json.dumps(plain(rows, zone), ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        if args.what == "cases":
            print(f"#{row.id:<7} {row.waybill_no:<18} {row.carrier or '':<6} {row.kind:<9} {row.status_label}")
        else:
            print(f"{row.claim_no:<16} {row.waybill_no:<18} {row.status_label} {row.claimed_amount or ''}")
    return 0
