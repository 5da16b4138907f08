"""The evening shelf count (留仓盘点): the scanned shelf against the stuck parcels that should be on it.

Which parcels should be here is decided by the STUCK workflow, not by the shelf label: an open, inbound stuck
case is physically at the outlet in every open status except 退回中 (`returning`), where the parcel has been
handed over on its return waybill and left. So 待处理, 已留言待回复, 已回复, 待再派 (back on the shelf after
the round) and 待退回 (waiting for its earliest return day) are held, with or without a shelf recorded; a shelf
label left on a `returning` case is stale and does not bring it back. Outbound stuck cases are parcels we
sent, lying at another outlet, so they are never expected here.

A scanned number with a stuck case but none that should be on the shelf (closed, `returning`, or only an
outbound case) is listed as "should have left" (`on_shelf_closed`); one without any stuck case is `unknown`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import audit, cases, deadlines, settings
from app.actor import Actor
from app.errors import NotFoundError, ValidationError
from app.intercepts import warnings_for
from app.waybills import normalise_waybill
from app.workflows import STUCK
from db.models import Case, ProblemType, ShelfCount, StuckDetail, Waybill

HELD_STATUSES: tuple[str, ...] = tuple(code for code in STUCK.open_codes if code != "returning")
LOST_CODE = "suspected_lost"
_CHUNK = 500  # ids per IN (...) list, well under every engine's parameter limit
_LISTS = ("on_shelf_open", "on_shelf_closed", "not_scanned", "unknown", "intercepts")


@dataclass(frozen=True)
class ShelfItem:
    """One line of a count. `case_id` and the rest are None for an unknown number."""

    waybill_no: str
    case_id: int | None = None
    shelf: str | None = None
    status: str | None = None
    status_label: str | None = None
    problem_type: str | None = None  # ProblemType.code
    problem_type_name: str | None = None


@dataclass(frozen=True)
class ShelfCountResult:
    count_id: int
    counted_at: datetime
    operator_id: int | None
    scanned: int  # distinct numbers scanned
    on_shelf_open: tuple[ShelfItem, ...]  # scanned, case open: as it should be
    on_shelf_closed: tuple[ShelfItem, ...]  # scanned, but the parcel should have left
    not_scanned: tuple[ShelfItem, ...]  # should be on the shelf, not scanned: possibly lost
    unknown: tuple[ShelfItem, ...]  # scanned, no stuck case at all
    intercepts: tuple[ShelfItem, ...]  # scanned with an open interception: keep it back (status_label says why)
    flagged_lost: int
    flagged_case_ids: tuple[int, ...]


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _item_query() -> Any:
    return (
        select(
            Case.id,
            Case.direction,
            Case.status,
            Waybill.waybill_no,
            StuckDetail.shelf,
            ProblemType.code,
            ProblemType.name,
        )
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(StuckDetail, StuckDetail.case_id == Case.id)
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .where(Case.kind == "stuck", Case.deleted_at.is_(None))
    )


def _item(row: Any) -> ShelfItem:
    return ShelfItem(
        waybill_no=row.waybill_no,
        case_id=row.id,
        shelf=row.shelf,
        status=row.status,
        status_label=STUCK.label(row.status),
        problem_type=row.code,
        problem_type_name=row.name,
    )


def _expected(session: Session) -> list[Any]:
    """Every stuck case whose parcel should be on the shelf now, oldest first."""
    query = _item_query().where(Case.direction == "inbound", Case.status.in_(HELD_STATUSES))
    return list(session.execute(query.order_by(Case.opened_at, Case.id)).all())


def _latest_elsewhere(session: Session, numbers: Sequence[str]) -> dict[str, Any]:
    """For scanned numbers not expected: the newest stuck case of each, if any."""
    latest: dict[str, Any] = {}
    for chunk in _chunks(numbers):
        query = _item_query().where(Waybill.waybill_no.in_(chunk)).order_by(Case.opened_at, Case.id)
        for row in session.execute(query):
            latest[row.waybill_no] = row  # ordered by time: the last one wins
    return latest


def _scanned_numbers(scanned: Iterable[str]) -> list[str]:
    numbers = (normalise_waybill(s) for s in scanned if s)
    return list(dict.fromkeys(n for n in numbers if n))


def count_shelf(
    session: Session, scanned: Iterable[str], *, actor: Actor, at: datetime | None = None
) -> ShelfCountResult:
    """Compare the scanned shelf with the held stuck cases, store the count and mark the scanned ones checked.

    Numbers are normalised as everywhere else (a scanner's full-width digits, an Excel ".0"), and a parcel
    scanned twice counts once. Refused when nothing was scanned: an empty count would call every parcel lost.
    """
    numbers = _scanned_numbers(scanned)
    if not numbers:
        raise ValidationError("shelf_scan_empty", fields={"scanned": "required"})
    at = at or _now()
    scanned_set = set(numbers)
    on_open: list[ShelfItem] = []
    missing: list[ShelfItem] = []
    expected_numbers: set[str] = set()
    for row in _expected(session):
        expected_numbers.add(row.waybill_no)
        (on_open if row.waybill_no in scanned_set else missing).append(_item(row))
    others = [n for n in numbers if n not in expected_numbers]
    elsewhere = _latest_elsewhere(session, others)
    on_closed = [_item(elsewhere[n]) for n in others if n in elsewhere]
    unknown = [ShelfItem(waybill_no=n) for n in others if n not in elsewhere]

    checked = [item.case_id for item in on_open if item.case_id is not None]
    for chunk in _chunks(checked):
        session.execute(update(StuckDetail).where(StuckDetail.case_id.in_(chunk)).values(on_shelf_checked_at=at))
    intercepts = [
        ShelfItem(waybill_no=number, case_id=warning.case_id, status=warning.status, status_label=warning.text)
        for number, warning in warnings_for(session, numbers).items()
    ]
    lists = {"on_shelf_open": on_open, "on_shelf_closed": on_closed, "not_scanned": missing, "unknown": unknown}
    lists["intercepts"] = intercepts
    count = ShelfCount(
        counted_at=at,
        operator_id=actor.id,
        scanned=len(numbers),
        on_shelf_open=len(on_open),
        on_shelf_closed=len(on_closed),
        not_scanned=len(missing),
        unknown=len(unknown),
        flagged_lost=0,
        detail={key: [asdict(item) for item in items] for key, items in lists.items()},
    )
    session.add(count)
    session.flush()
    audit.record(
        session,
        actor,
        "shelf_count",
        count.id,
        "count",
        {key: len(items) for key, items in lists.items()} | {"scanned": len(numbers), "checked_case_ids": checked},
    )
    return _result(count)


def _result(count: ShelfCount) -> ShelfCountResult:
    detail = count.detail or {}
    lists = {key: tuple(ShelfItem(**item) for item in detail.get(key, [])) for key in _LISTS}
    return ShelfCountResult(
        count_id=count.id,
        counted_at=count.counted_at,
        operator_id=count.operator_id,
        scanned=count.scanned,
        on_shelf_open=lists["on_shelf_open"],
        on_shelf_closed=lists["on_shelf_closed"],
        not_scanned=lists["not_scanned"],
        unknown=lists["unknown"],
        intercepts=lists["intercepts"],
        flagged_lost=count.flagged_lost,
        flagged_case_ids=tuple(detail.get("flagged_case_ids", [])),
    )


def flag_lost(session: Session, case_ids: Iterable[int], *, count_id: int, actor: Actor) -> int:
    """Mark parcels a count did not find as 疑似遗失, with a system follow-up on each; returns how many changed.

    Only cases on that count's not-scanned list are accepted. A case closed since the count, or already marked
    疑似遗失, is left as it is and not counted again, so running the action twice changes nothing.
    """
    count = session.get(ShelfCount, count_id)
    if count is None:
        raise NotFoundError("not_found", what="盘点", key=count_id)
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        raise ValidationError(fields={"case_ids": "required"})
    listed = {item["case_id"] for item in (count.detail or {}).get("not_scanned", [])}
    outside = [case_id for case_id in ids if case_id not in listed]
    if outside:
        raise ValidationError("shelf_not_in_count", fields={"case_ids": "shelf_not_in_count"}, case_id=outside[0])
    lost_id = session.scalar(select(ProblemType.id).where(ProblemType.kind == "stuck", ProblemType.code == LOST_CODE))
    if lost_id is None:
        raise ValidationError(fields={"problem_type": "not_found"})
    day = deadlines.local_date(count.counted_at, settings.deadline_rules(session))
    flagged: list[int] = []
    for case_id in ids:
        case = session.get(Case, case_id)
        if case is None or case.deleted_at is not None or STUCK.is_terminal(case.status):
            continue
        if case.problem_type_id == lost_id:
            continue
        before = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
        view = cases.update_case(
            session, case_id, {"problem_type_id": lost_id}, expected_version=case.version, actor=actor
        )
        text = f"{day.month}月{day.day}日留仓盘点未扫到，标记为疑似遗失"
        if before is not None:
            text += f"（原问题类型：{before.name}）"
        cases.add_followup(session, view.id, text, actor=actor, channel="system")
        flagged.append(case_id)
    if flagged:
        detail = dict(count.detail or {})
        detail["flagged_case_ids"] = sorted(set(detail.get("flagged_case_ids", [])) | set(flagged))
        count.detail = detail
        count.flagged_lost = len(detail["flagged_case_ids"])
        session.flush()
        audit.record(
            session, actor, "shelf_count", count.id, "flag_lost", {"case_ids": flagged, "flagged": len(flagged)}
        )
    return len(flagged)


def last_count(session: Session, day: date | None = None) -> ShelfCountResult | None:
    """The newest count, or the newest of one local calendar day (the outlet's zone) when `day` is given."""
    query = select(ShelfCount).order_by(ShelfCount.counted_at.desc(), ShelfCount.id.desc()).limit(1)
    if day is not None:
        rules = settings.deadline_rules(session)
        start = deadlines.start_of_local_day(day, rules)
        end = deadlines.start_of_local_day(day + timedelta(days=1), rules)
        query = query.where(ShelfCount.counted_at >= start, ShelfCount.counted_at < end)
    count = session.scalars(query).first()
    return _result(count) if count is not None else None
