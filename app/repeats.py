"""Repeat detection: a parcel or a caller that chased or complained before, within the window (7 days by default,
whole local days). These are the calls that turn into complaints, so capture flags them loudly and the lists show
the counter.

A waybill matches exactly. A phone matches another when both are whole and equal, or when one or both are
masked (`138****5678`) and everything that is visible agrees: the last four and the visible leading digits. A
virtual number matches only with the same extension: the number itself is shared by many customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.deadlines import DeadlineRules, repeat_window_start
from app.phones import PhoneInfo, parse_phone, same_phone
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


@dataclass(frozen=True)
class Probe:
    """A case asking for its repeats: its parcel, its caller, when it was opened, and its own id (left out)."""

    waybill_id: int | None
    phone: str | None
    at: datetime
    case_id: int | None = None


PROBES_PER_QUERY = 500


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
    waybill_id = session.scalar(select(Waybill.id).where(Waybill.waybill_no == waybill_no)) if waybill_no else None
    return find_repeats_many(session, [Probe(waybill_id, phone, now, exclude_case_id)], rules)[0]


def find_repeats_many(session: Session, probes: Sequence[Probe], rules: DeadlineRules) -> list[Repeats]:
    """Each probe's earlier chases and complaints, by the rule above: the one implementation behind a case logged
    by hand and a list of them imported (two indexed SELECTs per 500 probes, the window then checked per probe)."""
    out: list[Repeats] = []
    for first in range(0, len(probes), PROBES_PER_QUERY):
        out.extend(_find_chunk(session, probes[first : first + PROBES_PER_QUERY], rules))
    return out


def _find_chunk(session: Session, probes: Sequence[Probe], rules: DeadlineRules) -> list[Repeats]:
    infos = [parse_phone(p.phone) if p.phone else None for p in probes]
    starts = [repeat_window_start(p.at, rules) for p in probes]
    asking = [i for i, p in enumerate(probes) if p.waybill_id is not None or infos[i] is not None]
    if not asking:
        return [NONE] * len(probes)
    window = (  # the span of the whole chunk; each probe's own window is checked below
        Case.kind.in_(REPEAT_KINDS),
        Case.deleted_at.is_(None),
        Case.opened_at >= min(starts[i] for i in asking),
        Case.opened_at <= max(probes[i].at for i in asking),
    )
    by_waybill: dict[int, list[tuple[int, datetime]]] = {}
    waybill_ids = sorted({p.waybill_id for p in probes if p.waybill_id is not None})
    if waybill_ids:  # two indexed lookups rather than one OR the planner would scan for
        for case_id, waybill_id, opened in session.execute(
            select(Case.id, Case.waybill_id, Case.opened_at).where(Case.waybill_id.in_(waybill_ids), *window)
        ):
            by_waybill.setdefault(waybill_id, []).append((case_id, opened))
    by_tail: dict[str, list[tuple[int, datetime, PhoneInfo]]] = {}
    tails = sorted({info.tail for info in infos if info is not None})
    if tails:
        for case_id, opened, tail, their_phone in session.execute(
            select(Case.id, Case.opened_at, Case.caller_phone_tail, Case.caller_phone).where(
                Case.caller_phone_tail.in_(tails), *window
            )
        ):
            theirs = parse_phone(their_phone) if their_phone else None
            if theirs is not None and tail is not None:
                by_tail.setdefault(tail, []).append((case_id, opened, theirs))
    return [
        _matches(probe, info, start, by_waybill, by_tail)
        for probe, info, start in zip(probes, infos, starts, strict=True)
    ]


def _matches(
    probe: Probe,
    info: PhoneInfo | None,
    start: datetime,
    by_waybill: dict[int, list[tuple[int, datetime]]],
    by_tail: dict[str, list[tuple[int, datetime, PhoneInfo]]],
) -> Repeats:
    """One probe's repeats among its chunk's candidates: opened in its own window, and not itself."""
    found: dict[int, tuple[datetime, bool, bool]] = {}  # id -> (opened, same parcel, same caller)
    if probe.waybill_id is not None:
        for case_id, opened in by_waybill.get(probe.waybill_id, []):
            if start <= opened <= probe.at and case_id != probe.case_id:
                found[case_id] = (opened, True, False)
    if info is not None:
        for case_id, opened, theirs in by_tail.get(info.tail, []):
            if start <= opened <= probe.at and case_id != probe.case_id and same_phone(info, theirs):
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
