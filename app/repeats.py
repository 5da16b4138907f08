"""Repeat detection: a parcel or a caller that chased or complained before, within the window (7 days by default,
whole local days). These are the calls that turn into complaints, so capture flags them loudly and the lists show
the counter.

A waybill matches exactly. A phone matches another when both are whole and equal, or when one or both are
masked (`138****5678`) and everything that is visible agrees: the last four and the visible leading digits. A
virtual number matches only with the same extension: the number itself is shared by many customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.deadlines import DeadlineRules, repeat_window_start
from app.phones import parse_phone, same_phone
from db.models import Case, Waybill

REPEAT_KINDS = ("chase", "complaint")


@dataclass(frozen=True)
class Repeats:
    case_ids: tuple[int, ...]  # earlier chases and complaints in the window, oldest first
    by_waybill: int
    by_phone: int

    @property
    def count(self) -> int:
        return len(self.case_ids)


NONE = Repeats((), 0, 0)


def find_repeats(
    session: Session,
    *,
    waybill_no: str | None,
    phone: str | None,
    now: datetime,
    rules: DeadlineRules,
    exclude_case_id: int | None = None,
) -> Repeats:
    """Earlier chases and complaints (live, opened in the window up to `now`) for this waybill or this caller."""
    info = parse_phone(phone) if phone else None
    waybill_id = session.scalar(select(Waybill.id).where(Waybill.waybill_no == waybill_no)) if waybill_no else None
    if waybill_id is None and info is None:
        return NONE
    window = (
        Case.kind.in_(REPEAT_KINDS),
        Case.deleted_at.is_(None),
        Case.opened_at >= repeat_window_start(now, rules),
        Case.opened_at <= now,
        Case.id != (exclude_case_id or 0),
    )
    found: dict[int, tuple[datetime, bool, bool]] = {}  # id -> (opened, same parcel, same caller)
    if waybill_id is not None:  # two indexed lookups rather than one OR the planner would scan for
        for case_id, opened in session.execute(
            select(Case.id, Case.opened_at).where(Case.waybill_id == waybill_id, *window)
        ):
            found[case_id] = (opened, True, False)
    if info is not None:
        rows = session.execute(
            select(Case.id, Case.opened_at, Case.caller_phone).where(Case.caller_phone_tail == info.tail, *window)
        )
        for case_id, opened, their_phone in rows:
            theirs = parse_phone(their_phone) if their_phone else None
            if theirs is not None and same_phone(info, theirs):
                found[case_id] = (opened, case_id in found, True)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return Repeats(
        tuple(case_id for case_id, _ in ordered),
        sum(1 for _, (_, parcel, _) in ordered if parcel),
        sum(1 for _, (_, _, caller) in ordered if caller),
    )


def repeats_at_capture(session: Session, waybill_no: str | None, phone: str | None, now: datetime) -> Repeats:
    """What a capture form shows while the clerk types: the outlet's own window, this moment."""
    return find_repeats(session, waybill_no=waybill_no, phone=phone, now=now, rules=settings.deadline_rules(session))


def count_repeats(session: Session, case: Case, at: datetime) -> None:
    """Set a new chase's or complaint's repeat counter from the earlier ones in the outlet's window."""
    case.repeat_count = find_repeats(
        session,
        waybill_no=case.waybill.waybill_no,
        phone=case.caller_phone,
        now=at,
        rules=settings.deadline_rules(session),
        exclude_case_id=case.id,
    ).count
