"""Recipient and address flags: what the outlet knows about a customer or a door before it calls or delivers.

A flag belongs to a phone (stored as given, with its last four digits for the index) or to an address, or both.
It is set by hand, or automatically when a complaint arrives (the caller "complained", and "went to 12305" when
that was the channel). The same flag for the same phone or address is one row, however often it is set.

Matching: a full phone matches the same number (a virtual number only with the same extension, since its main
number is shared by many customers); a masked `138****5678` matches by its last four digits when the visible
head agrees; four digits alone match every flag with that tail. An address matches when the flag's address
occurs in it or it occurs in the flag's address, after folding spaces and full-width characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, or_, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import NotFoundError, ValidationError
from app.flag_index import MIN_ADDRESS, flag_ids_by_address, fold_address
from app.imports.sql import chunks, insert_many
from app.phones import PhoneInfo, is_phone_tail_query, parse_phone, same_phone
from db.models import Case, RecipientFlag, Waybill

FLAG_KINDS = {
    "complained": "投诉过",
    "went_12305": "曾投诉12305",
    "door_only": "只送上门（未经同意不放驿站/快递柜）",
    "leave_with_guard": "可放门卫",
    "no_station": "不放驿站/快递柜",
    "note": "备注",
}
# What fits on a courier's phone screen ("copy for WeChat"); a note shows its own text.
SHORT_LABELS = {
    "complained": "投诉过",
    "went_12305": "打过12305",
    "door_only": "只送上门",
    "leave_with_guard": "放门卫",
    "no_station": "不放驿站",
}
AUTO_FLAGS = ("complained", "went_12305")
NOTE_LIMIT = 200
LIST_LIMIT = 500

_FLAGS = cast(Table, RecipientFlag.__table__)


@dataclass(frozen=True)
class FlagView:
    id: int
    flag: str
    label: str
    phone: str | None
    address: str | None
    note: str | None
    auto: bool
    source_case_id: int | None
    created_at: datetime

    @property
    def short_label(self) -> str:
        return SHORT_LABELS.get(self.flag) or (self.note or "").strip() or self.label


def _view(row: Any) -> FlagView:
    return FlagView(
        id=row.id,
        flag=row.flag,
        label=FLAG_KINDS.get(row.flag, row.flag),
        phone=row.phone,
        address=row.address,
        note=row.note,
        auto=bool(row.auto),
        source_case_id=row.source_case_id,
        created_at=row.created_at,
    )


# --- matching ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _parsed(phone: str) -> PhoneInfo | None:
    return parse_phone(phone)


def _wanted_phones(phones: Iterable[str | None]) -> tuple[list[PhoneInfo], set[str]]:
    """Parsed phones, and the ones given only as their last four digits."""
    infos, tails = [], set()
    for phone in phones:
        if not phone:
            continue
        if is_phone_tail_query(phone):
            tails.add(fold_address(phone))
        elif (info := _parsed(phone)) is not None:
            infos.append(info)
    return infos, tails


def _contains(flag_address: str | None, address: str) -> bool:
    text = fold_address(flag_address or "")
    return len(text) >= MIN_ADDRESS and (text in address or address in text)


@dataclass(frozen=True)
class FlagSet:
    """The flags that may apply to some phones and addresses (`candidates`), ready to say which apply to each."""

    by_tail: dict[str, list[tuple[FlagView, PhoneInfo]]]
    by_address: dict[str, list[FlagView]]  # folded address asked about -> flags matching it

    def matching(self, *, phones: Iterable[str | None] = (), addresses: Iterable[str | None] = ()) -> list[FlagView]:
        """The flags for these phones or addresses (the addresses among those `candidates` was given), oldest
        first, each kind (and note) once."""
        infos, tails = _wanted_phones(phones)
        found: dict[int, FlagView] = {}
        for tail in tails:
            found.update((flag.id, flag) for flag, _ in self.by_tail.get(tail, ()))
        for info in infos:
            for flag, flag_info in self.by_tail.get(info.tail, ()):
                if same_phone(flag_info, info):
                    found[flag.id] = flag
        for address in addresses:
            if address:
                found.update((flag.id, flag) for flag in self.by_address.get(fold_address(address), ()))
        out: list[FlagView] = []
        for flag in sorted(found.values(), key=lambda f: f.id):
            if all((f.flag, f.note) != (flag.flag, flag.note) for f in out):
                out.append(flag)
        return out


def candidates(session: Session, *, phones: Iterable[str | None] = (), addresses: Iterable[str | None] = ()) -> FlagSet:
    """Every flag that may apply to one of these phones or addresses: one indexed query by phone tail and flag
    id, the addresses matched through the in-memory address index (app.flag_index)."""
    infos, tails = _wanted_phones(phones)
    tails |= {info.tail for info in infos}
    by_address_ids = flag_ids_by_address(session, [a for a in addresses if a])
    ids = sorted(set().union(*by_address_ids.values())) if by_address_ids else []
    if not tails and not ids:
        return FlagSet({}, {})
    condition = or_(RecipientFlag.phone_tail.in_(sorted(tails)), RecipientFlag.id.in_(ids))
    views = {row.id: _view(row) for row in session.execute(select(_FLAGS).where(condition))}
    by_tail: dict[str, list[tuple[FlagView, PhoneInfo]]] = {}
    for view in views.values():
        info = _parsed(view.phone) if view.phone else None
        if info is not None:
            by_tail.setdefault(info.tail, []).append((view, info))
    by_address = {
        a: [views[i] for i in sorted(found) if i in views and _contains(views[i].address, a)]
        for a, found in by_address_ids.items()
    }
    return FlagSet(by_tail, by_address)


def flags_for(
    session: Session, *, phones: Iterable[str | None] = (), addresses: Iterable[str | None] = ()
) -> list[FlagView]:
    phones, addresses = list(phones), list(addresses)
    return candidates(session, phones=phones, addresses=addresses).matching(phones=phones, addresses=addresses)


def summary(flags: Sequence[FlagView]) -> str:
    """One line for a warning: 只送上门（家里有老人）、投诉过."""
    return "、".join(flag.label + (f"（{flag.note}）" if flag.note else "") for flag in flags)


def flags_at_capture(session: Session, waybill_no: str | None, phone: str | None) -> list[FlagView]:
    """What the clerk must know while logging a call: the caller's flags and those of the parcel's recipient
    (its phone and address, when the waybill is known already)."""
    phones, addresses = [phone], []
    if waybill_no:
        row = session.execute(
            select(Waybill.recipient_phone, Waybill.recipient_address).where(Waybill.waybill_no == waybill_no)
        ).first()
        if row is not None:
            phones.append(row.recipient_phone)
            addresses.append(row.recipient_address)
    return flags_for(session, phones=phones, addresses=addresses)


def list_flags(session: Session, query: str = "", *, limit: int = LIST_LIMIT) -> list[FlagView]:
    """Newest first; `query` narrows by part of the phone, its last four digits, the address, note or label."""
    statement = select(_FLAGS).order_by(RecipientFlag.id.desc()).limit(limit)
    q = query.strip()
    if q:
        kinds = [code for code, label in FLAG_KINDS.items() if q in label or q == code]
        conditions: list[ColumnElement[bool]] = [
            RecipientFlag.phone.contains(q, autoescape=True),
            RecipientFlag.address.contains(fold_address(q), autoescape=True),
            RecipientFlag.note.contains(q, autoescape=True),
        ]
        if is_phone_tail_query(q):
            conditions.append(RecipientFlag.phone_tail == q)
        if kinds:
            conditions.append(RecipientFlag.flag.in_(kinds))
        statement = statement.where(or_(*conditions))
    return [_view(row) for row in session.execute(statement)]


# --- setting and removing ------------------------------------------------------------------------------------


_MASK_MARKS = re.compile(r"[xX•●]")
_NOT_DIGITS = re.compile(r"[^\d*]")


def _phone_key(phone: str) -> str:
    """A phone's digits (a mask as *), extension included, country code dropped: cheap enough for the flags of
    a 50,000-row import (parse_phone costs ~40 µs a number)."""
    text = phone if phone.isascii() else unicodedata.normalize("NFKC", phone)
    digits = _NOT_DIGITS.sub("", _MASK_MARKS.sub("*", text))
    for prefix in ("0086", "86"):
        if digits.startswith(prefix + "1") and len(digits) >= len(prefix) + 11:
            return digits[len(prefix) :]
    return digits


_Key = tuple[str, str, str]  # what makes two flags the same: the kind and the phone, else the address


def _key(flag: str, phone: str | None, address: str | None) -> _Key | None:
    if phone:
        return (flag, "phone", _phone_key(phone))
    if address:
        return (flag, "address", fold_address(address))
    return None


def _clean(
    flag: str, phone: str | None, address: str | None, note: str | None
) -> tuple[str | None, str | None, str | None, PhoneInfo | None]:
    phone = (phone or "").strip() or None
    address = fold_address(address) if address and address.strip() else None
    note = (note or "").strip() or None
    problems: dict[str, str] = {}
    if flag not in FLAG_KINDS:
        problems["flag"] = "invalid_input"
    info = parse_phone(phone) if phone else None
    if phone and info is None:
        problems["phone"] = "invalid_input"
    if phone is None and address is None:
        problems["phone"] = problems["address"] = "required"
    if address is not None and len(address) < MIN_ADDRESS:
        problems["address"] = "invalid_input"
    if flag == "note" and note is None:
        problems["note"] = "required"
    if note is not None and len(note) > NOTE_LIMIT:
        problems["note"] = "invalid_input"
    if problems:
        raise ValidationError(fields=problems)
    return phone, address, note, info


def set_flag(
    session: Session,
    *,
    flag: str,
    actor: Actor,
    phone: str | None = None,
    address: str | None = None,
    note: str | None = None,
    source_case_id: int | None = None,
    auto: bool = False,
) -> FlagView:
    """Flag a phone or an address. Setting a flag that is already there returns it (its note updated when a new
    one is given); a phone that is no phone, neither phone nor address, or an unknown flag is refused."""
    phone, address, note, info = _clean(flag, phone, address, note)
    key = _key(flag, phone, address)
    probe = select(RecipientFlag).where(RecipientFlag.flag == flag)
    if info is not None:
        probe = probe.where(RecipientFlag.phone_tail == info.tail)
    else:  # addresses are stored folded
        probe = probe.where(RecipientFlag.address == address)
    existing = next((r for r in session.scalars(probe) if _key(r.flag, r.phone, r.address) == key), None)
    if existing is not None:
        if note is not None and note != existing.note:
            audit.record(session, actor, "recipient_flag", existing.id, "update", {"note": (existing.note, note)})
            existing.note = note
            session.flush()
        return _view(existing)
    row = RecipientFlag(
        flag=flag,
        phone=phone,
        phone_tail=info.tail if info else None,
        address=address,
        note=note,
        source_case_id=source_case_id,
        auto=auto,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "recipient_flag", row.id, "create", {"flag": flag, "phone": phone, "address": address})
    return _view(row)


def remove_flag(session: Session, flag_id: int, *, actor: Actor) -> None:
    row = session.get(RecipientFlag, flag_id)
    if row is None:
        raise NotFoundError("not_found", what="标记", key=flag_id)
    audit.record(session, actor, "recipient_flag", row.id, "delete", {"flag": row.flag, "phone": row.phone})
    session.delete(row)
    session.flush()


# --- from complaints ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewComplaintFlag:
    """A complaint just written: who complained (the caller's phone, else the parcel's recipient) and how."""

    case_id: int
    waybill_id: int
    caller_phone: str | None
    caller_phone_tail: str | None  # as the case stores it (None: no phone to flag)
    source: str


def _complaint_rows(session: Session, complaints: Sequence[NewComplaintFlag]) -> list[dict[str, Any]]:
    """The flags these complaints give: "complained" for each, "went_12305" too for the regulator's channel.
    Phones come with their stored tails, so none is parsed again."""
    need = sorted({c.waybill_id for c in complaints if not (c.caller_phone and c.caller_phone_tail)})
    recipients: dict[int, tuple[str | None, str | None, str | None]] = {}
    for part in chunks(need):
        rows = session.execute(
            select(Waybill.id, Waybill.recipient_phone, Waybill.recipient_phone_tail, Waybill.recipient_address).where(
                Waybill.id.in_(part)
            )
        )
        recipients.update({wid: (phone, tail, address) for wid, phone, tail, address in rows})
    out = []
    for c in complaints:
        phone, tail, address = c.caller_phone, c.caller_phone_tail, None
        if not (phone and tail):
            phone, tail, address = recipients.get(c.waybill_id, (None, None, None))
        phone = phone if phone and tail else None
        folded = fold_address(address) if address else None
        if phone is None and (folded is None or len(folded) < MIN_ADDRESS):
            continue
        for flag in ("complained", "went_12305") if c.source == "12305" else ("complained",):
            out.append(
                {
                    "flag": flag,
                    "phone": phone,
                    "phone_tail": tail if phone else None,
                    "address": folded,
                    "note": None,
                    "source_case_id": c.case_id,
                    "auto": True,
                }
            )
    return out


def flag_complaints(session: Session, complaints: Sequence[NewComplaintFlag], *, now: datetime | None = None) -> int:
    """Set the automatic flags of many new complaints at once (an import): one query for the flags already
    there, one executemany for the new ones. Returns how many flags were added."""
    rows = _complaint_rows(session, complaints)
    if not rows:
        return 0
    tails = sorted({row["phone_tail"] for row in rows if row["phone_tail"]})  # at most 10,000 values
    existing = session.execute(
        select(_FLAGS.c.flag, _FLAGS.c.phone, _FLAGS.c.address).where(
            _FLAGS.c.flag.in_(AUTO_FLAGS), or_(_FLAGS.c.phone_tail.in_(tails), _FLAGS.c.phone.is_(None))
        )
    )
    seen = {_key(flag, phone, address) for flag, phone, address in existing}
    new = []
    for row in rows:
        key = _key(row["flag"], row["phone"], row["address"])
        if key not in seen:
            seen.add(key)
            new.append({**row, "created_at": now or datetime.now(UTC)})
    insert_many(session, _FLAGS, new)
    return len(new)


def flag_complaint(session: Session, case: Case, *, actor: Actor) -> list[FlagView]:
    """The automatic flags of one complaint just logged by a clerk."""
    assert case.complaint is not None
    complaint = NewComplaintFlag(
        case.id, case.waybill_id, case.caller_phone, case.caller_phone_tail, case.complaint.source
    )
    return [
        set_flag(
            session,
            flag=row["flag"],
            phone=row["phone"],
            address=row["address"],
            source_case_id=case.id,
            auto=True,
            actor=actor,
        )
        for row in _complaint_rows(session, [complaint])
    ]
