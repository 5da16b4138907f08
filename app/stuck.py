"""The stuck-parcel log (疑难件): capture from a scanner or a paste, problem types, earliest return, returns.

A scan never makes a duplicate: an open stuck case for the same waybill is returned instead. The earliest return
date counts from the first message we posted (or from registration when there is none yet) and uses the problem
type's own day count when the outlet set one, else the rule for "recipient unreachable" types or the default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, deadlines, settings
from app.actor import Actor
from app.carriers import carrier_specs, find_or_create_waybill, parse
from app.cases import CaseView, NewCase, get_case, open_case, problem_type_id, transition, update_case
from app.deadlines import DeadlineRules
from app.errors import ValidationError
from app.pinyin import initials
from app.waybills import extract_waybills, normalise_waybill
from app.workflows import STUCK
from db.models import Case, Message, ProblemType, ReturnShipment, StuckDetail, Waybill

# Types where nobody can be reached: the longer hold applies (DESIGN.md §3) unless the type sets its own days.
UNREACHABLE_TYPES = frozenset({"power_off", "suspended", "empty_number", "no_answer"})
REGISTERED_BY = ("us", "them")


@dataclass(frozen=True)
class ProblemTypeChoice:
    code: str
    name: str
    initials: str  # pinyin initials, lower case: 地址错误 → dzcw
    hold_days: int | None
    reply_hours: int | None
    carrier_codes: tuple[str, ...]
    number: int  # 1-based position: the number key that picks it


@dataclass(frozen=True)
class Captured:
    case: CaseView
    created: bool  # False: the waybill already had an open stuck case, which is returned instead


@dataclass(frozen=True)
class PastedNumber:
    waybill_no: str
    carrier: str | None
    open_case_id: int | None  # the open stuck case it already has, if any


def _now() -> datetime:
    return datetime.now(UTC)


def problem_types(session: Session, carrier: str | None = None) -> list[ProblemTypeChoice]:
    """Active stuck problem types in the outlet's order; with a carrier, only the types that carrier uses."""
    rows = session.scalars(
        select(ProblemType)
        .where(ProblemType.kind == "stuck", ProblemType.active.is_(True))
        .order_by(ProblemType.sort_order, ProblemType.id)
    ).all()
    usable = [t for t in rows if carrier is None or not t.carrier_codes or carrier in t.carrier_codes]
    return [
        ProblemTypeChoice(
            code=t.code,
            name=t.name,
            initials=(t.pinyin or initials(t.name)).lower(),
            hold_days=t.hold_days,
            reply_hours=t.reply_hours,
            carrier_codes=tuple(t.carrier_codes or ()),
            number=n,
        )
        for n, t in enumerate(usable, start=1)
    ]


def match_types(choices: Sequence[ProblemTypeChoice], typed: str) -> list[ProblemTypeChoice]:
    """What the keys typed so far pick: a number picks by position; letters match pinyin initials or the code;
    Chinese matches the start of the name, then anywhere in it. Exact matches first."""
    typed = typed.strip().lower()
    if not typed:
        return list(choices)
    if typed.isdigit():
        return [c for c in choices if c.number == int(typed)]
    exact = [c for c in choices if typed in (c.initials, c.code, c.name)]
    starts = [c for c in choices if c not in exact and (c.initials.startswith(typed) or c.name.startswith(typed))]
    inside = [c for c in choices if c not in exact and c not in starts and typed in c.name]
    return exact + starts + inside


def _problem_type(session: Session, code: str | None) -> ProblemType | None:
    """A stuck problem type by code or name; an unknown one is refused."""
    type_id = problem_type_id(session, "stuck", code)
    return session.get(ProblemType, type_id) if type_id is not None else None


def earliest_return(session: Session, case: Case) -> date:
    """Day N from the first message we posted about it (registration when none yet), by its problem type."""
    first_sent = session.scalar(
        select(Message.at).where(Message.case_id == case.id, Message.direction == "sent").order_by(Message.at).limit(1)
    )
    ptype = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    return return_date(
        first_sent or case.opened_at,
        settings.deadline_rules(session),
        ptype.code if ptype else None,
        ptype.hold_days if ptype else None,
    )


def return_date(start: datetime, rules: DeadlineRules, type_code: str | None, hold_days: int | None) -> date:
    """The earliest return date counted from `start` (our first message, or registration), by problem type:
    its own hold days, else 7 when the recipient cannot be reached, else the outlet's default."""
    return deadlines.earliest_return_on(start, rules, unreachable=type_code in UNREACHABLE_TYPES, days=hold_days)


def find_open(session: Session, waybill_no: str) -> int | None:
    """The open stuck case of a waybill (either direction), newest first."""
    return session.scalar(
        select(Case.id)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .where(
            Waybill.waybill_no == waybill_no,
            Case.kind == "stuck",
            Case.deleted_at.is_(None),
            Case.status.in_(STUCK.open_codes),
        )
        .order_by(Case.opened_at.desc(), Case.id.desc())
        .limit(1)
    )


def capture(
    session: Session,
    number: str,
    *,
    actor: Actor,
    problem_type: str | None = None,
    direction: str = "inbound",
    courier_id: int | None = None,
    round_no: int | None = None,
    registered_by: str = "us",
    shelf: str | None = None,
    in_carrier_system: bool = False,
    detail: str | None = None,
    at: datetime | None = None,
    address: str | None = None,
) -> Captured:
    """Log one scanned or typed waybill; an open stuck case for it is returned instead of a second one. An
    address the clerk typed fills the waybill's recipient address when it has none (never replaces one)."""
    if registered_by not in REGISTERED_BY:
        raise ValidationError(fields={"registered_by": "invalid_input"})
    parsed = parse(session, number)
    existing = find_open(session, parsed.number)
    if existing is not None:
        return Captured(get_case(session, existing), created=False)
    _problem_type(session, problem_type)  # unknown codes refused before anything is written
    opened = open_case(
        session,
        NewCase(
            kind="stuck",
            waybill_no=parsed.number,
            direction=direction,
            problem_type=problem_type,
            detail=detail,
            opened_at=at or _now(),
            courier_id=courier_id,
            recipient_address=address,
            extra={
                "registered_by": registered_by,
                "round_no": round_no,
                "shelf": (shelf or "").strip() or None,
                "in_carrier_system": in_carrier_system,
            },
        ),
        actor=actor,
    )
    case = session.get(Case, opened.id)
    assert case is not None and case.stuck is not None
    case.stuck.earliest_return_on = earliest_return(session, case)
    session.flush()
    return Captured(get_case(session, opened.id), created=True)


def capture_many(session: Session, numbers: Iterable[str], *, actor: Actor, **same: Any) -> list[Captured]:
    """Log several waybills with the same facts (a paste, a courier's round) in the caller's one transaction."""
    seen: set[str] = set()
    done: list[Captured] = []
    for number in numbers:
        key = normalise_waybill(number)
        if key in seen:
            continue
        seen.add(key)
        done.append(capture(session, number, actor=actor, **same))
    return done


def report_round(
    session: Session,
    courier_id: int,
    round_no: int,
    pieces: Sequence[tuple[str, str | None]],
    *,
    actor: Actor,
    at: datetime | None = None,
) -> list[Captured]:
    """A courier's returned pieces of one delivery round (频次), each with its own reason."""
    if round_no < 1:
        raise ValidationError(fields={"round_no": "invalid_input"})
    return [
        capture(session, number, actor=actor, problem_type=ptype, courier_id=courier_id, round_no=round_no, at=at)
        for number, ptype in pieces
    ]


def paste_candidates(session: Session, text: str) -> list[PastedNumber]:
    """Every waybill number in pasted text (an Excel column, a WeChat message), for the clerk to confirm."""
    specs, preferred = carrier_specs(session)
    found = extract_waybills(text, specs, preferred)
    numbers = [w.number for w in found]
    open_ids: dict[str, int] = {}
    if numbers:
        rows = session.execute(
            select(Waybill.waybill_no, Case.id)
            .join(Case, Case.waybill_id == Waybill.id)
            .where(
                Waybill.waybill_no.in_(numbers),
                Case.kind == "stuck",
                Case.deleted_at.is_(None),
                Case.status.in_(STUCK.open_codes),
            )
        )
        open_ids = {no: case_id for no, case_id in rows}
    return [PastedNumber(w.number, w.best.code if w.best else None, open_ids.get(w.number)) for w in found]


def set_problem_type(
    session: Session, case_id: int, code: str, *, expected_version: int | None, actor: Actor
) -> CaseView:
    """Change the problem type; the earliest return date follows the new type's rule."""
    ptype = _problem_type(session, code)
    assert ptype is not None
    current = get_case(session, case_id)
    view = update_case(
        session,
        case_id,
        {"problem_type_id": ptype.id},
        expected_version=current.version if expected_version is None else expected_version,
        actor=actor,
    )
    case = session.get(Case, case_id)
    assert case is not None and case.stuck is not None
    case.stuck.earliest_return_on = earliest_return(session, case)
    session.flush()
    return get_case(session, view.id)


def start_return(
    session: Session,
    case_id: int,
    *,
    return_waybill_no: str,
    expected_version: int,
    actor: Actor,
    at: datetime | None = None,
) -> CaseView:
    """Send the parcel back (退回中) with its new waybill; refused before the earliest return date unless the
    other outlet's reply asked for the return (the guard lives in `cases.transition`)."""
    number = normalise_waybill(return_waybill_no or "")
    if not number:
        raise ValidationError(fields={"return_waybill_no": "required"})
    at = at or _now()
    view = transition(session, case_id, "returning", expected_version=expected_version, actor=actor, at=at)
    case = session.get(Case, case_id)
    assert case is not None and case.stuck is not None
    find_or_create_waybill(session, number)  # the return travels on a waybill of its own
    shipment = ReturnShipment(
        waybill_id=case.waybill_id,
        case_id=case.id,
        return_waybill_no=number,
        sent_at=at,
        earliest_allowed_on=case.stuck.earliest_return_on,
    )
    session.add(shipment)
    session.flush()
    audit.record(session, actor, "case", case.id, "return", {"return_waybill_no": number})
    return view


def stuck_detail(session: Session, case_id: int) -> StuckDetail:
    detail = session.get(StuckDetail, case_id)
    if detail is None:
        raise ValidationError("bad_kind", kind="stuck")
    return detail
