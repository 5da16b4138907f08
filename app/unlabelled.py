"""Unlabelled parcels (无头件): register what was found, suggest the loss cases it may belong to, close the loop.

A photo is stored in the database as an `Attachment` (its bytes, content-addressed by SHA-256 and de-duplicated)
linked to the parcel, not as a path or a copy in the data folder: DESIGN.md keeps attachments atomic with their
record, on every PC of a shared outlet and inside every backup. The file is checked with Pillow first, so only a
real image is stored, with its MIME type and size.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app import audit, cases
from app.actor import Actor
from app.attachments import clean_name, store_image
from app.carriers import carrier_id
from app.errors import ConflictError, NotFoundError, ValidationError
from app.messages import text as message
from app.workflows import CLAIM, COMPLAINT, STUCK
from db.models import (
    Attachment,
    AttachmentLink,
    Carrier,
    Case,
    Claim,
    ComplaintDetail,
    ProblemType,
    StuckDetail,
    UnlabelledParcel,
    Waybill,
)

LOSS_PROBLEM_TYPES = ("suspected_lost", "no_label")
LOST_COMPLAINT_CATEGORY = "丢失"
LOST_CLAIM_TYPE = "lost"  # Claim.loss_type code of 丢失
MATCH_DAYS = 7
# Word pairs so common in loss reports that sharing them says nothing about the parcel.
_STOP_TERMS = frozenset({"快递", "包裹", "客户", "物品", "东西", "一个", "没有", "已经", "丢失", "遗失", "找到"})
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z0-9]{2,}")
_WEIGHTS = {"carrier": 0.25, "date": 0.25, "words": 0.5}
_FULL_WORD_MATCH = 3  # shared terms for the full word score


@dataclass(frozen=True)
class NewUnlabelled:
    description: str
    carrier_code: str | None = None
    found_at: datetime | None = None
    found_where: str | None = None
    shelf: str | None = None
    photo_path: str | Path | None = None


@dataclass(frozen=True)
class UnlabelledView:
    id: int
    description: str
    carrier: str | None
    carrier_name: str | None
    found_at: datetime
    found_where: str | None
    shelf: str | None
    photo_id: int | None
    photo_sha256: str | None
    matched_case_id: int | None
    matched_claim_id: int | None
    matched_waybill_no: str | None  # what the parcel turned out to be
    resolved_at: datetime | None
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class Candidate:
    """A loss record the parcel may belong to; exactly one of `case_id` / `claim_id` is set."""

    case_id: int | None
    claim_id: int | None
    kind: str  # stuck | complaint | claim
    waybill_no: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # one sentence per signal, in the requested language
    opened_at: datetime
    summary: str
    same_carrier: bool
    days_apart: int
    shared_terms: tuple[str, ...]


def _now() -> datetime:
    return datetime.now(UTC)


def _trimmed(value: str | None, field: str, limit: int, errors: dict[str, str]) -> str | None:
    value = (value or "").strip() or None
    if value is not None and len(value) > limit:
        errors[field] = "unlabelled_too_long"
    return value


def _store_photo(session: Session, path: str | Path) -> tuple[Attachment, str]:
    """The attachment for an image file (checked as every attachment is), reusing a stored one with the same
    content; the file's name is kept as data only."""
    path = Path(path)
    try:
        blob = store_image(session, path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise ValidationError(
            "unlabelled_photo_unreadable", fields={"photo_path": "unlabelled_photo_unreadable"}, path=str(path)
        ) from exc
    return blob, clean_name(path.name)


def register(session: Session, new: NewUnlabelled, *, actor: Actor) -> UnlabelledView:
    """Record a parcel found without a readable label (with its photo) so it can be matched to a loss."""
    errors: dict[str, str] = {}
    description = (new.description or "").strip()
    if not description:
        errors["description"] = "required"
    found_where = _trimmed(new.found_where, "found_where", 120, errors)
    shelf = _trimmed(new.shelf, "shelf", 20, errors)
    carrier = carrier_id(session, new.carrier_code) if new.carrier_code else None
    if new.carrier_code and carrier is None:
        errors["carrier_code"] = "not_found"
    if errors:
        raise ValidationError(fields=errors)
    photo = _store_photo(session, new.photo_path) if new.photo_path else None
    parcel = UnlabelledParcel(
        description=description,
        carrier_id=carrier,
        found_at=new.found_at or _now(),
        found_where=found_where,
        shelf=shelf,
        photo_id=photo[0].id if photo else None,
    )
    session.add(parcel)
    session.flush()
    if photo is not None:
        session.add(
            AttachmentLink(
                attachment_id=photo[0].id, owner_type="unlabelled", owner_id=parcel.id, original_name=photo[1]
            )
        )
    audit.record(
        session,
        actor,
        "unlabelled",
        parcel.id,
        "register",
        {"description": description, "carrier_code": new.carrier_code, "shelf": shelf, "photo_id": parcel.photo_id},
    )
    return _view(session, parcel.id)


_CASE_WAYBILL = aliased(Waybill)
_CLAIM_WAYBILL = aliased(Waybill)


def _query() -> Any:
    """Parcels with their carrier, photo hash and the waybill number they turned out to be."""
    return (
        select(
            UnlabelledParcel,
            Carrier.code,
            Carrier.name,
            Attachment.sha256,
            func.coalesce(_CASE_WAYBILL.waybill_no, _CLAIM_WAYBILL.waybill_no),
        )
        .outerjoin(Carrier, Carrier.id == UnlabelledParcel.carrier_id)
        .outerjoin(Attachment, Attachment.id == UnlabelledParcel.photo_id)
        .outerjoin(Case, Case.id == UnlabelledParcel.matched_case_id)
        .outerjoin(_CASE_WAYBILL, _CASE_WAYBILL.id == Case.waybill_id)
        .outerjoin(Claim, Claim.id == UnlabelledParcel.matched_claim_id)
        .outerjoin(_CLAIM_WAYBILL, _CLAIM_WAYBILL.id == Claim.waybill_id)
    )


def _row_view(row: Any) -> UnlabelledView:
    parcel, code, name, sha, matched_waybill = row
    return UnlabelledView(
        id=parcel.id,
        description=parcel.description,
        carrier=code,
        carrier_name=name,
        found_at=parcel.found_at,
        found_where=parcel.found_where,
        shelf=parcel.shelf,
        photo_id=parcel.photo_id,
        photo_sha256=sha,
        matched_case_id=parcel.matched_case_id,
        matched_claim_id=parcel.matched_claim_id,
        matched_waybill_no=matched_waybill,
        resolved_at=parcel.resolved_at,
        created_at=parcel.created_at,
    )


def _view(session: Session, parcel_id: int) -> UnlabelledView:
    row = session.execute(_query().where(UnlabelledParcel.id == parcel_id)).first()
    if row is None:
        raise NotFoundError("not_found", what="无头件", key=parcel_id)
    return _row_view(row)


def get_unlabelled(session: Session, parcel_id: int) -> UnlabelledView:
    return _view(session, parcel_id)


def list_unlabelled(session: Session, open_only: bool = True) -> list[UnlabelledView]:
    """Newest find first; by default only those not yet matched."""
    query = _query().order_by(UnlabelledParcel.found_at.desc(), UnlabelledParcel.id.desc())
    if open_only:
        query = query.where(UnlabelledParcel.resolved_at.is_(None))
    return [_row_view(row) for row in session.execute(query)]


def terms(text: str) -> set[str]:
    """What two descriptions can share: Chinese character bigrams and Latin/number words.

    Chinese is written without spaces, so a description is cut into overlapping two-character pieces
    ("蓝色纸箱" → 蓝色, 色纸, 纸箱); a lone character between punctuation is kept whole (鞋). Latin words and
    numbers of two or more characters (iphone, 42) count as they are. Full-width forms are folded first.
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    found: set[str] = set()
    for run in _CJK_RUN.findall(folded):
        found |= {run} if len(run) == 1 else {run[i : i + 2] for i in range(len(run) - 1)}
    found |= set(_LATIN_WORD.findall(folded))
    return found - _STOP_TERMS


@dataclass(frozen=True)
class _Pool:
    case_id: int | None
    claim_id: int | None
    kind: str
    waybill_no: str
    carrier_id: int | None
    opened_at: datetime
    text: str


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _loss_pool(session: Session) -> list[_Pool]:
    """Every open record of a parcel that went missing: stuck (疑似遗失 / 无面单), lost complaints, lost claims."""
    pool: list[_Pool] = []
    stuck = (
        select(Case, StuckDetail.message_text, StuckDetail.reply_text)
        .join(ProblemType, ProblemType.id == Case.problem_type_id)
        .outerjoin(StuckDetail, StuckDetail.case_id == Case.id)
        .where(
            Case.kind == "stuck",
            Case.deleted_at.is_(None),
            Case.status.in_(STUCK.open_codes),
            ProblemType.code.in_(LOSS_PROBLEM_TYPES),
        )
    )
    for case, message_text, reply_text in session.execute(stuck):
        text = _join(case.detail, case.waybill.item, message_text, reply_text)
        pool.append(
            _Pool(case.id, None, "stuck", case.waybill.waybill_no, case.waybill.carrier_id, case.opened_at, text)
        )
    complaints = (
        select(Case)
        .join(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .where(
            Case.kind == "complaint",
            Case.deleted_at.is_(None),
            Case.status.in_(COMPLAINT.open_codes),
            ComplaintDetail.category == LOST_COMPLAINT_CATEGORY,
        )
    )
    for case in session.scalars(complaints):
        text = _join(case.detail, case.waybill.item)
        pool.append(
            _Pool(case.id, None, "complaint", case.waybill.waybill_no, case.waybill.carrier_id, case.opened_at, text)
        )
    claims = select(Claim, Case.detail).outerjoin(Case, Case.id == Claim.case_id)
    claims = claims.where(
        Claim.deleted_at.is_(None), Claim.status.in_(CLAIM.open_codes), Claim.loss_type == LOST_CLAIM_TYPE
    )
    for claim, case_detail in session.execute(claims):
        text = _join(claim.item, claim.waybill.item, case_detail)
        pool.append(
            _Pool(None, claim.id, "claim", claim.waybill.waybill_no, claim.waybill.carrier_id, claim.created_at, text)
        )
    return pool


def candidates(
    session: Session, parcel_id: int, limit: int = 10, *, days: int = MATCH_DAYS, lang: str = "zh"
) -> list[Candidate]:
    """Open loss records this parcel may be, best first.

    Score in [0, 1] from three signals a clerk would weigh: the carrier (same 0.25, unknown on either side
    half of that, different nothing), the dates (a record opened within ±`days` of the find scores more the
    closer it is) and the words (half the score; each term shared between the parcel's description and the
    record's detail / item / 留言 text adds a third, three or more count fully; see `terms`). A record with
    neither a date in the window nor a shared term is no candidate at all.
    """
    parcel = session.get(UnlabelledParcel, parcel_id)
    if parcel is None:
        raise NotFoundError("not_found", what="无头件", key=parcel_id)
    wanted = terms(parcel.description)
    found: list[Candidate] = []
    for record in _loss_pool(session):
        apart = abs((record.opened_at - parcel.found_at).total_seconds()) / 86400
        in_window = apart <= days
        shared = tuple(sorted(wanted & terms(record.text)))
        if not in_window and not shared:
            continue
        if parcel.carrier_id is None or record.carrier_id is None:
            carrier_score = 0.5
        else:
            carrier_score = 1.0 if parcel.carrier_id == record.carrier_id else 0.0
        date_score = 1 - apart / (days + 1) if in_window else 0.0
        word_score = min(1.0, len(shared) / _FULL_WORD_MATCH)
        score = _WEIGHTS["carrier"] * carrier_score + _WEIGHTS["date"] * date_score + _WEIGHTS["words"] * word_score
        reasons: list[str] = []
        if carrier_score == 1.0:
            reasons.append(message("unlabelled_same_carrier", lang))
        if in_window:
            reasons.append(message("unlabelled_days_apart", lang, days=int(apart)))
        if shared:
            reasons.append(message("unlabelled_shared_words", lang, words="、".join(shared)))
        found.append(
            Candidate(
                case_id=record.case_id,
                claim_id=record.claim_id,
                kind=record.kind,
                waybill_no=record.waybill_no,
                score=round(score, 3),
                reasons=tuple(reasons),
                opened_at=record.opened_at,
                summary=record.text,
                same_carrier=carrier_score == 1.0,
                days_apart=int(apart),
                shared_terms=shared,
            )
        )
    found.sort(key=lambda c: (-c.score, c.days_apart, c.case_id or 0, c.claim_id or 0))
    return found[:limit]


def _found_text(parcel: UnlabelledParcel) -> str:
    where = "，".join(p for p in (parcel.found_where, f"货架{parcel.shelf}" if parcel.shelf else None) if p)
    return f"无头件已找到：{parcel.description}" + (f"（{where}）" if where else "") + f"，无头件登记#{parcel.id}"


def _settle_case(session: Session, case_id: int, text: str, *, actor: Actor) -> None:
    """A stuck case is closed with the find as its resolution; a complaint moves on to 处理中 with the news as a
    follow-up (it still needs its return visit); any other case gets the follow-up."""
    view = cases.get_case(session, case_id)
    if not view.is_open:
        raise ValidationError("case_closed", fields={"case_id": "case_closed"})
    if view.kind == "stuck":
        cases.close(session, case_id, text, expected_version=view.version, actor=actor)
    elif view.kind == "complaint" and view.status == "new":
        cases.transition(session, case_id, "processing", expected_version=view.version, actor=actor, note=text)
    else:
        cases.add_followup(session, case_id, text, actor=actor, channel="system")


def resolve(
    session: Session,
    parcel_id: int,
    *,
    case_id: int | None = None,
    claim_id: int | None = None,
    actor: Actor,
) -> UnlabelledView:
    """The parcel belongs to this case and/or claim: mark it resolved and tell the records it was found.

    A claim keeps its status (paying or rejecting money is the claim handler's decision); it gets an audit entry,
    and its own case, when it has an open one, gets the follow-up.
    """
    parcel = session.get(UnlabelledParcel, parcel_id)
    if parcel is None:
        raise NotFoundError("not_found", what="无头件", key=parcel_id)
    if parcel.resolved_at is not None:
        raise ConflictError("unlabelled_resolved")
    if case_id is None and claim_id is None:
        raise ValidationError("unlabelled_match_required", fields={"case_id": "required"})
    text = _found_text(parcel)
    claim = None
    if claim_id is not None:
        claim = session.get(Claim, claim_id)
        if claim is None or claim.deleted_at is not None:
            raise NotFoundError("not_found", what="理赔", key=claim_id)
        if CLAIM.is_terminal(claim.status):
            raise ValidationError("case_closed", fields={"claim_id": "case_closed"})
    if case_id is not None:
        _settle_case(session, case_id, text, actor=actor)
    if claim is not None:
        audit.record(session, actor, "claim", claim.id, "unlabelled_found", {"parcel_id": parcel.id})
        linked = session.get(Case, claim.case_id) if claim.case_id and claim.case_id != case_id else None
        if linked is not None and linked.deleted_at is None and cases.get_case(session, linked.id).is_open:
            cases.add_followup(session, linked.id, text, actor=actor, channel="system")
    parcel.matched_case_id = case_id
    parcel.matched_claim_id = claim_id
    parcel.resolved_at = _now()
    session.flush()
    audit.record(session, actor, "unlabelled", parcel.id, "resolve", {"case_id": case_id, "claim_id": claim_id})
    return _view(session, parcel.id)
