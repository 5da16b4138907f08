"""Retention (个人信息保护法): personal data of parcels whose business ended long ago is replaced by its masked form.

The manager sets `retention_months` (0, the default, keeps everything). A waybill qualifies when it has at least
one case or claim and every one of them (soft-deleted ones included) was closed before the cutoff, N calendar
months before now: a waybill with one old closed case and one recent or open one is left alone, since the recent
one may still need the customer. Its sender's and recipient's, and its cases' callers' and claims' claimants'
phones become 138****5678 (the last four stay, so a lookup by the tail still finds the parcel), names their first
character and "*", addresses the compound or street (`app.handover.short_address`: no building, unit or room).

One transaction, audited with the counts; a second run changes nothing. Backups taken before the run still hold
the old data: `backups_holding` lists them so the manager deletes or keeps them knowingly. Free texts (details,
follow-ups, notes) and pictures are not rewritten.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.backups import BackupFile, backups_folder, list_backups
from app.handover import short_address
from app.operators import approver
from app.phones import mask_phone
from db.models import Case, Claim, Waybill

SETTING = "retention_months"
_CHUNK = 500  # waybills loaded at a time


@dataclass(frozen=True)
class RetentionResult:
    months: int  # the setting when it ran; 0: retention off, nothing done
    cutoff: datetime | None  # cases and claims closed before this qualify (UTC)
    waybills: int  # rows whose personal data was (or, dry run, would be) replaced
    cases: int
    claims: int
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return self.waybills + self.cases + self.claims


def months_before(now: datetime, months: int) -> datetime:
    """`now` moved back by whole calendar months, the day clamped to the month's end (31 Mar - 1 → 28/29 Feb)."""
    years, month0 = divmod(now.month - 1 - months, 12)
    year, month = now.year + years, month0 + 1
    return now.replace(year=year, month=month, day=min(now.day, calendar.monthrange(year, month)[1]))


def masked_name(name: str | None) -> str | None:
    name = (name or "").strip()
    return f"{name[0]}*" if name else None


def masked_phone(phone: str | None) -> str | None:
    return mask_phone(phone) if phone else phone


def masked_address(address: str | None) -> str | None:
    return short_address(address) if address else address


def _qualifying(session: Session, cutoff: datetime) -> list[int]:
    """Waybills with a case or claim, all of which were closed before `cutoff`."""
    recent_case = select(Case.waybill_id).where(or_(Case.closed_at.is_(None), Case.closed_at >= cutoff))
    recent_claim = select(Claim.waybill_id).where(or_(Claim.closed_at.is_(None), Claim.closed_at >= cutoff))
    query = (
        select(Waybill.id)
        .where(or_(Waybill.id.in_(select(Case.waybill_id)), Waybill.id.in_(select(Claim.waybill_id))))
        .where(Waybill.id.not_in(recent_case), Waybill.id.not_in(recent_claim))
        .order_by(Waybill.id)
    )
    return list(session.scalars(query))


def _mask(row: object, fields: dict[str, str | None], *, apply: bool) -> bool:
    """Set each field to its masked value; True when any changes."""
    changes = {name: value for name, value in fields.items() if getattr(row, name) != value}
    if apply:
        for name, value in changes.items():
            setattr(row, name, value)
    return bool(changes)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def anonymise(
    session: Session, *, now: datetime, actor: Actor, manager_pin: str | None = None, dry_run: bool = False
) -> RetentionResult:
    """Replace the personal data of parcels whose cases and claims all closed `retention_months` before `now`.
    Needs a manager (the actor, or the PIN of one: PermissionDenied otherwise); `dry_run` counts and changes
    nothing. Run it in one write: the caller's transaction is the unit of work."""
    manager = approver(session, actor, manager_pin)
    months = int(settings.get(session, SETTING))
    if months <= 0:
        return RetentionResult(months, None, 0, 0, 0, dry_run)
    cutoff = months_before(now, months)
    apply = not dry_run
    waybills = cases = claims = 0
    for ids in _chunks(_qualifying(session, cutoff)):
        for parcel in session.scalars(select(Waybill).where(Waybill.id.in_(ids))):
            fields = {
                "sender_name": masked_name(parcel.sender_name),
                "sender_phone": masked_phone(parcel.sender_phone),
                "sender_address": masked_address(parcel.sender_address),
                "recipient_name": masked_name(parcel.recipient_name),
                "recipient_phone": masked_phone(parcel.recipient_phone),
                "recipient_address": masked_address(parcel.recipient_address),
            }
            waybills += _mask(parcel, fields, apply=apply)
        for case in session.scalars(select(Case).where(Case.waybill_id.in_(ids))):
            fields = {"caller_name": masked_name(case.caller_name), "caller_phone": masked_phone(case.caller_phone)}
            cases += _mask(case, fields, apply=apply)
        for claim in session.scalars(select(Claim).where(Claim.waybill_id.in_(ids))):
            fields = {
                "claimant_name": masked_name(claim.claimant_name),
                "claimant_phone": masked_phone(claim.claimant_phone),
            }
            claims += _mask(claim, fields, apply=apply)
        if apply:
            session.flush()
    result = RetentionResult(months, cutoff, waybills, cases, claims, dry_run)
    if apply and result.changed:
        counts = {"months": months, "cutoff": cutoff, "waybills": waybills, "cases": cases, "claims": claims}
        counts |= {"approved_by": manager.name, "approved_by_id": manager.id}
        audit.record(session, actor, "retention", None, "anonymise", counts)
    return result


def backups_holding(home: Path, since: datetime, extra_folders: Sequence[Path] = ()) -> list[BackupFile]:
    """The backups (the data folder's, and any `extra_folders` such as the USB copy) taken before `since`, the
    anonymising run: they still hold the personal data it replaced. Newest first."""
    found: list[BackupFile] = []
    for folder in (backups_folder(home), *extra_folders):
        found += [b for b in list_backups(folder) if b.taken_at < since]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)
