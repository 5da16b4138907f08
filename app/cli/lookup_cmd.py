"""`lookup QUERY [--json]`: everything about a parcel or a customer."""

from __future__ import annotations

import argparse

from app import settings
from app.cli.context import open_desk
from app.jsonout import dumps
from app.lookup import lookup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="search by waybill, phone tail or name")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lookup)


def _lookup(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = desk.read(lookup, args.query)
        zone = desk.read(settings.deadline_rules).tz()
    finally:
        desk.close()
    if args.json:
        print(dumps(result, zone))
        return 0
    for match in result.matches:
        print(f"{match.waybill_no}  {match.carrier or ''}")
        for record in match.records:
            at = record.at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if record.at else ""
            print(f"  {record.type:<6} #{record.id:<7} {at}  {record.summary}")
    if result.truncated:
        print("…")
    return 0
