"""The lookup centre's search: what the caller said → every parcel it matches, each with one timeline, its flags
and whom to call; and the directory entries it names.

A query is read the way clerks use the box: four digits are a phone's last four (of the recipient, the sender, a
caller, or a virtual number's extension; when none has them, part of a waybill number); a full or masked phone
(`13812345678`, `138****5678`, `170…转1234`) is found by its last four and then kept only where the number agrees;
four or more letters and digits are part of a waybill number; Chinese text is a name (recipient, sender, caller).
Anything with letters or Chinese is also searched in the directory (pinyin initials: `hxl` finds 红星路), and so
is a number that matched no parcel (a courier's staff number or phone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app import deadlines, settings
from app.directory.search import DirectoryHit, search_directory
from app.flags import FlagView, candidates
from app.lookup_contacts import Contacts, ParcelContext, WhoToCall
from app.lookup_timeline import CaseFacts, Record, timelines
from app.phones import PhoneInfo, is_phone_tail_query, parse_phone, same_phone
from app.waybills import normalise_waybill
from db.models import Carrier, Case, Waybill

__all__ = ["LookupResult", "Match", "Record", "WhoToCall", "lookup"]

MAX_MATCHES = 50
# Flags and "who to call" for the newest parcel only: each parcel's address is matched against the whole
# territory (app.directory.address.suggest, 5–10 ms per address at 5,000 places), so fifty would take far too
# long for a box that answers as the clerk types. Looking a parcel up by its number details it (the CLI asks for
# every parcel's details).
DETAILED_MATCHES = 1
DIRECTORY_HITS = 10
_PHONE_MARKS = re.compile(r"[*xX•●转#,\s\-()+]")


@dataclass(frozen=True)
class Match:
    waybill_no: str
    carrier: str | None
    records: list[Record]  # the timeline, newest first
    carrier_name: str | None = None
    flags: list[FlagView] = field(default_factory=list)
    who_to_call: list[WhoToCall] = field(default_factory=list)
    detailed: bool = True  # False: flags and who_to_call were not worked out (see DETAILED_MATCHES)
    recipient_name: str | None = None
    recipient_phone: str | None = None  # as recorded: full, masked or virtual with its extension
    recipient_address: str | None = None


@dataclass(frozen=True)
class LookupResult:
    query: str
    matches: list[Match]
    truncated: bool
    directory: list[DirectoryHit] = field(default_factory=list)


def _as_phone(q: str) -> PhoneInfo | None:
    """A full or masked phone, or one with an extension; a bare run of digits only when it is a mobile number
    (other digit runs are more likely parts of a waybill number)."""
    info = parse_phone(q)
    if info is None:
        return None
    if info.masked or info.ext is not None or _PHONE_MARKS.search(q):
        return info
    return info if re.fullmatch(r"1[3-9]\d{9}", q) else None


def _newest(session: Session, condition: ColumnElement[bool], limit: int) -> list[int]:
    return list(session.scalars(select(Waybill.id).where(condition).order_by(Waybill.id.desc()).limit(limit)))


def _by_tails(session: Session, tails: set[str], limit: int | None) -> list[int]:
    callers = select(Case.waybill_id).where(Case.caller_phone_tail.in_(tails))
    condition = or_(
        Waybill.recipient_phone_tail.in_(tails),
        Waybill.sender_phone_tail.in_(tails),
        Waybill.recipient_phone_ext.in_(tails),
        Waybill.id.in_(callers),
    )
    query = select(Waybill.id).where(condition).order_by(Waybill.id.desc())
    return list(session.scalars(query if limit is None else query.limit(limit)))


def _by_phone(session: Session, info: PhoneInfo, limit: int) -> list[int]:
    """Parcels found by the phone's last four (or extension), kept where a recorded number agrees with it."""
    tails = {info.tail} | ({info.ext} if info.ext is not None and len(info.ext) == 4 else set())
    ids = _by_tails(session, tails, None)
    if not ids:
        return []
    phones: dict[int, list[str]] = {wid: [] for wid in ids}
    rows = session.execute(
        select(Waybill.id, Waybill.recipient_phone, Waybill.sender_phone).where(Waybill.id.in_(ids))
    ).all()
    for wid, recipient, sender in rows:
        phones[wid] += [p for p in (recipient, sender) if p]
    for wid, caller in session.execute(
        select(Case.waybill_id, Case.caller_phone).where(Case.waybill_id.in_(ids), Case.caller_phone.is_not(None))
    ):
        phones[wid] += [caller] if caller else []
    agree = [
        wid for wid in ids if any((p := parse_phone(text)) is not None and same_phone(p, info) for text in phones[wid])
    ]
    return agree[:limit]


def _by_fragment(session: Session, number: str, limit: int) -> list[int]:
    """Part of a (normalised, upper-case) waybill number. The matching ids come from scanning the number's unique
    index (a covering index: fewer pages than the table) and only then are ordered, newest first; a plain
    substring test, no LIKE pattern to build per row. See tests/test_lookup_plans.py."""
    find = func.strpos if session.get_bind().dialect.name == "postgresql" else func.instr
    inner = select(Waybill.id).where(find(Waybill.waybill_no, number) > 0).correlate(None)
    return _newest(session, Waybill.id.in_(inner), limit)


def _by_name(session: Session, q: str, limit: int) -> list[int]:
    callers = select(Case.waybill_id).where(Case.caller_name.contains(q, autoescape=True))
    condition = or_(
        Waybill.recipient_name.contains(q, autoescape=True),
        Waybill.sender_name.contains(q, autoescape=True),
        Waybill.id.in_(callers),
    )
    return _newest(session, condition, limit)


def _waybill_ids(session: Session, q: str, limit: int) -> list[int]:
    if is_phone_tail_query(q):
        found = _by_tails(session, {q}, limit)
        return found or _by_fragment(session, q, limit)
    phone = _as_phone(q)
    if phone is not None:
        return _by_phone(session, phone, limit)
    number = normalise_waybill(q)
    if len(number) >= 4 and number.isalnum() and number.isascii():
        return _by_fragment(session, number, limit)
    if not q.isascii():
        return _by_name(session, q, limit)
    return []


def _today(session: Session) -> date:
    return deadlines.local_date(datetime.now(UTC), settings.deadline_rules(session))


def _matches(session: Session, ids: list[int], today: date | None, detailed: int) -> list[Match]:
    rows = session.execute(
        select(
            Waybill.id,
            Waybill.waybill_no,
            Waybill.carrier_id,
            Carrier.code,
            Carrier.name,
            Waybill.recipient_name,
            Waybill.recipient_phone,
            Waybill.sender_phone,
            Waybill.recipient_address,
        )
        .outerjoin(Carrier, Carrier.id == Waybill.carrier_id)
        .where(Waybill.id.in_(ids))
    ).all()
    by_id = {row.id: row for row in rows}
    records, facts = timelines(session, {row.id: row.waybill_no for row in rows})

    def phones(wid: int) -> list[str | None]:
        row = by_id[wid]
        return [row.recipient_phone, row.sender_phone, *facts.get(wid, CaseFacts()).caller_phones]

    ids = [wid for wid in ids if wid in by_id]
    details = ids[:detailed]
    every_phone = [p for wid in details for p in phones(wid)]
    flags = candidates(session, phones=every_phone, addresses=[by_id[wid].recipient_address for wid in details])
    contexts = {
        wid: ParcelContext(
            by_id[wid].recipient_address,
            by_id[wid].carrier_id,
            facts.get(wid, CaseFacts()).courier_ids,
            facts.get(wid, CaseFacts()).outlet_ids,
        )
        for wid in details
    }
    contacts = Contacts(session, today or _today(session), contexts.values())
    return [
        Match(
            waybill_no=by_id[wid].waybill_no,
            carrier=by_id[wid].code,
            records=records[wid],
            carrier_name=by_id[wid].name,
            flags=flags.matching(phones=phones(wid), addresses=[by_id[wid].recipient_address])
            if wid in contexts
            else [],
            who_to_call=contacts.for_parcel(contexts[wid]) if wid in contexts else [],
            detailed=wid in contexts,
            recipient_name=by_id[wid].recipient_name,
            recipient_phone=by_id[wid].recipient_phone,
            recipient_address=by_id[wid].recipient_address,
        )
        for wid in ids
    ]


def lookup(
    session: Session, query: str, *, today: date | None = None, detailed: int = DETAILED_MATCHES
) -> LookupResult:
    """At most MAX_MATCHES parcels, newest first (`truncated` when there were more), the first `detailed` of them
    with flags and whom to call; `today` (the outlet's local date by default) decides who covers an area."""
    q = query.strip()
    ids = _waybill_ids(session, q, MAX_MATCHES + 1) if q else []
    truncated = len(ids) > MAX_MATCHES
    ids = ids[:MAX_MATCHES]
    matches = _matches(session, ids, today, detailed) if ids else []
    wants_directory = bool(q) and (not q.isdigit() or not matches)
    directory = search_directory(session, q, limit=DIRECTORY_HITS) if wants_directory else []
    return LookupResult(query=query, matches=matches, truncated=truncated, directory=directory)
