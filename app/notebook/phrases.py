"""Phrase templates (话术): the right words for the phone and WeChat, by category, with placeholders filled from
the case the clerk is on. Listed most used first; found by a piece of the text or the title's pinyin initials."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.deadlines import local_date
from app.directory.address import suggest
from app.directory.matching import Query
from app.directory.records import check_length, check_version, clean, flush, now
from app.errors import NotFoundError, ValidationError
from app.notebook.phrase_set import SEED_PHRASES
from app.pinyin import initials
from db.models import Case, Courier, Phrase, Waybill

PHRASE_CATEGORIES: dict[str, str] = {
    "opening": "开场白",
    "apology": "致歉",
    "delay": "延误解释",
    "damage": "破损与理赔指引",
    "intercept": "拦截改址",
    "complaint": "投诉安抚",
    "closing": "结束语",
}
PLACEHOLDERS = ("单号", "客户", "快递员", "电话", "时间")
TITLE_LIMIT = 80
TEXT_LIMIT = 2_000
_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")


@dataclass(frozen=True)
class PhraseView:
    id: int
    category: str
    category_label: str
    title: str
    text: str
    use_count: int
    version: int


@dataclass(frozen=True)
class PhraseForm:
    category: str
    title: str
    text: str


def _view(phrase: Phrase) -> PhraseView:
    return PhraseView(
        id=phrase.id,
        category=phrase.category,
        category_label=PHRASE_CATEGORIES.get(phrase.category, phrase.category),
        title=phrase.title,
        text=phrase.text,
        use_count=phrase.use_count,
        version=phrase.version,
    )


def _live_phrase(session: Session, phrase_id: int) -> Phrase:
    phrase = session.get(Phrase, phrase_id, populate_existing=True)
    if phrase is None or phrase.deleted_at is not None:
        raise NotFoundError("not_found", what="话术", key=phrase_id)
    return phrase


def list_phrases(session: Session, query: str = "", category: str | None = None) -> list[PhraseView]:
    """Live phrases, most used first (then by category and title); `query` is a piece of the title or the text,
    or the title's pinyin initials. A few hundred rows at most, so the match runs in Python."""
    stmt = select(Phrase).where(Phrase.deleted_at.is_(None))
    if category is not None:
        stmt = stmt.where(Phrase.category == category)
    order = {key: n for n, key in enumerate(PHRASE_CATEGORIES)}
    q = Query(query)
    rows = [p for p in session.scalars(stmt) if q.matches((p.title, p.text), pinyin=p.pinyin)]
    rows.sort(key=lambda p: (-p.use_count, order.get(p.category, len(order)), p.title, p.id))
    return [_view(p) for p in rows]


def save_phrase(
    session: Session, form: PhraseForm, *, actor: Actor, phrase_id: int | None = None, version: int | None = None
) -> PhraseView:
    """Add a phrase (`phrase_id` None) or change one read at `version`; a stale version raises ConflictError."""
    problems: dict[str, str] = {}
    title, text = clean(form.title), clean(form.text)
    if form.category not in PHRASE_CATEGORIES:
        problems["category"] = "phrase_category_unknown"
    for field, value, limit in (("title", title, TITLE_LIMIT), ("text", text, TEXT_LIMIT)):
        if value is None:
            problems[field] = "required"
        check_length(problems, field, value, limit)
    if problems:
        raise ValidationError(fields=problems)
    assert title is not None and text is not None
    if phrase_id is None:
        phrase, action, before = Phrase(use_count=0), "add", None
    else:
        phrase, action = _live_phrase(session, phrase_id), "update"
        check_version(session, "phrase", phrase.id, phrase.version, version)
        before = (phrase.category, phrase.title, phrase.text)
    phrase.category, phrase.title, phrase.text = form.category, title, text
    phrase.pinyin = initials(title)[:TITLE_LIMIT]
    session.add(phrase)
    flush(session)
    after = (phrase.category, phrase.title, phrase.text)
    if before != after:
        keys = ("category", "title", "text")
        changes = {k: ((before[i] if before else None), after[i]) for i, k in enumerate(keys)}
        audit.record(session, actor, "phrase", phrase.id, action, changes)
    return _view(phrase)


def delete_phrase(session: Session, phrase_id: int, *, actor: Actor) -> None:
    phrase = _live_phrase(session, phrase_id)
    phrase.deleted_at = now()
    flush(session)
    audit.record(session, actor, "phrase", phrase.id, "delete", {"title": phrase.title})


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """`{单号}` and the other placeholders replaced by their values; one without a value stays as written, for the
    clerk to fill by hand, and braces around words that are no placeholder are left alone."""

    def value(match: re.Match[str]) -> str:
        return values.get(match.group(1)) or match.group()

    return _PLACEHOLDER.sub(value, text)


def values_for_case(session: Session, case_id: int, now: datetime) -> dict[str, str | None]:
    """What the placeholders mean on this case: its waybill; the caller, else the recipient; its courier, else
    today's courier of the recipient's address; that courier's phone; `now` in the outlet's zone."""
    case = session.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFoundError("not_found", what="案件", key=case_id)
    waybill = session.get(Waybill, case.waybill_id)
    rules = settings.deadline_rules(session)
    courier_name: str | None = None
    courier_phone: str | None = None
    courier = session.get(Courier, case.courier_id) if case.courier_id else None
    if courier is not None:
        courier_name, courier_phone = courier.name, courier.phone
    elif waybill is not None and waybill.recipient_address:
        for suggestion in suggest(session, waybill.recipient_address, local_date(now, rules), limit=1):
            if suggestion.couriers:
                courier_name, courier_phone = suggestion.couriers[0].name, suggestion.couriers[0].phone
    local = now.astimezone(rules.tz())
    return {
        "单号": waybill.waybill_no if waybill else None,
        "客户": case.caller_name or (waybill.recipient_name if waybill else None),
        "快递员": courier_name,
        "电话": courier_phone,
        "时间": f"{local.month}月{local.day}日 {local:%H:%M}",
    }


def use_phrase(session: Session, phrase_id: int, *, case_id: int | None, now: datetime, actor: Actor) -> str:
    """The phrase's text filled for the case (placeholders left visible without one), counted as used once more.
    The count is raised in place, without a new version, so nobody's open edit of the phrase turns stale; a use
    changes no record the clerk wrote, so `actor` leaves no audit entry."""
    phrase = _live_phrase(session, phrase_id)
    values = values_for_case(session, case_id, now) if case_id is not None else {}
    text = fill(phrase.text, values)
    session.execute(
        update(Phrase)
        .where(Phrase.id == phrase.id)
        .values(use_count=Phrase.use_count + 1)
        .execution_options(synchronize_session=False)
    )
    return text


def seed_phrases(session: Session) -> None:
    """The prefilled set, on a database that never had a phrase (deleting every phrase does not bring it back)."""
    if session.scalar(select(func.count()).select_from(Phrase)):
        return
    session.add_all(
        Phrase(category=category, title=title, text=text, pinyin=initials(title)[:TITLE_LIMIT], use_count=0)
        for category, title, text in SEED_PHRASES
    )
