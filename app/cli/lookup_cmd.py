"""`lookup QUERY [--json]`: everything about a parcel or a customer, its flags and whom to call.

Customers' phones (the recipient's, those on flags) are masked, as personal data is by default; the phones to
call are business numbers and are shown as they are.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from zoneinfo import ZoneInfo

from app import settings
from app.cli.context import open_desk
from app.jsonout import dumps
from app.lookup import MAX_MATCHES, LookupResult, Match, lookup
from app.lookup_contacts import ROLE_LABELS
from app.phones import mask_phone


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="search by waybill, phone tail or name")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lookup)


def _masked(match: Match) -> Match:
    flags = [replace(f, phone=mask_phone(f.phone) if f.phone else None) for f in match.flags]
    phone = mask_phone(match.recipient_phone) if match.recipient_phone else None
    return replace(match, flags=flags, recipient_phone=phone)


def _lookup(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = desk.read(lookup, args.query, detailed=MAX_MATCHES)
        zone = desk.read(settings.deadline_rules).tz()
    finally:
        desk.close()
    result = replace(result, matches=[_masked(m) for m in result.matches])
    if args.json:
        print(dumps(result, zone))
    else:
        _print(result, zone)
    return 0


def _print(result: LookupResult, zone: ZoneInfo) -> None:
    for match in result.matches:
        print(f"{match.waybill_no}  {match.carrier_name or match.carrier or ''}")
        if match.flags:
            print("  ⚠ " + "；".join(f.label + (f"：{f.note}" if f.note else "") for f in match.flags))
        for who in match.who_to_call:
            note = f"  {who.note}" if who.note else ""
            print(f"  ☎ {ROLE_LABELS.get(who.role, who.role)} {who.name} {who.phone or ''}{note}")
        for record in match.records:
            at = record.at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if record.at else ""
            print(f"  {record.type:<7} #{record.id:<7} {at}  {record.summary}")
    if result.truncated:
        print("…")
    for hit in result.directory:
        print(f"[{hit.type}] {hit.name}  {hit.phone or ''}  {hit.detail}".rstrip())
