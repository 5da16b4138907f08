"""One search over the notebook — notes (title, body, tags), todos (title, body) and phrase templates (title,
text) — that finds Chinese by any substring, one character included, with a snippet around the first match.

SQLite: queries of 3+ characters MATCH the FTS5 trigram tables of migration 0008 (the query quoted as one FTS5
string); shorter ones cannot use a trigram index at all and read the base tables with LIKE (never LIKE against the
FTS tables: SQLite 3.40 returns no rows for Chinese there). Tags are JSON with Chinese stored as escapes, so they
are read through `json_each`. PostgreSQL: ILIKE, which the pg_trgm indexes of 0008 serve where they exist; tags
as `tags::jsonb::text`, which decodes the escapes (a query that only matched the JSON punctuation is dropped when
the snippet is made).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Text, cast, column, literal, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from db.models import Note, Phrase, Todo

TRIGRAM = 3  # the shortest query a trigram index can answer
SNIPPET = 60  # characters of context shown
LEAD = 20  # of which before the match
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    type: str  # note | todo | phrase
    id: int
    title: str
    snippet: str
    marks: list[tuple[int, int]]  # [start, end) of each occurrence of the query in `snippet`
    day: date | None
    at: datetime | None


@dataclass(frozen=True)
class _Source:
    type: str
    model: Any
    fts: str
    texts: tuple[str, ...]  # the searched text columns, in the order a snippet prefers them


_SOURCES = (
    _Source("note", Note, "fts_notes", ("body", "title")),
    _Source("todo", Todo, "fts_todos", ("body", "title")),
    _Source("phrase", Phrase, "fts_phrases", ("text", "title")),
)


def _like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_string(query: str) -> str:
    """The query as one FTS5 string: every character literal, a `"` doubled."""
    return '"' + query.replace('"', '""') + '"'


def _condition(source: _Source, query: str, dialect: str) -> Any:
    model = source.model
    columns = [getattr(model, name) for name in source.texts]
    pattern = _like_pattern(query)
    if dialect == "sqlite" and len(query) >= TRIGRAM:
        matched = text(f"SELECT rowid FROM {source.fts} WHERE {source.fts} MATCH :fts").bindparams(
            fts=_fts_string(query)
        )
        return model.id.in_(matched.columns(column("rowid", Integer)))
    if dialect == "sqlite":
        likes = [c.like(pattern, escape="\\") for c in columns]
        if model is Note:
            tags = text("EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE value LIKE :tag ESCAPE '\\')")
            likes.append(tags.bindparams(tag=pattern))
        return or_(*likes)
    likes = [c.ilike(pattern, escape="\\") for c in columns]
    if model is Note:
        likes.append(cast(cast(Note.tags, JSONB), Text).ilike(pattern, escape="\\"))
    return or_(*likes)


def _rows(session: Session, source: _Source, query: str, dialect: str, limit: int) -> list[Any]:
    model = source.model
    extra = [model.tags, model.day] if model is Note else [literal(None), literal(None)]
    stmt = (
        select(model.id, model.title, *(getattr(model, n) for n in source.texts), *extra, model.created_at)
        .where(model.deleted_at.is_(None), _condition(source, query, dialect))
        .order_by(model.created_at.desc(), model.id.desc())
        .limit(limit)
    )
    return list(session.execute(stmt))


def _flat(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


def snippet(texts: Iterable[str | None], query: str) -> tuple[str, list[tuple[int, int]]] | None:
    """About SNIPPET characters of the first text holding `query` (case ignored), around its first occurrence,
    with every occurrence marked; None when no text holds it."""
    needle = re.compile(re.escape(query), re.IGNORECASE)
    for raw in texts:
        flat = _flat(raw)
        first = needle.search(flat)
        if first is None:
            continue
        start = max(0, min(first.start() - LEAD, len(flat) - SNIPPET))
        end = min(len(flat), start + max(SNIPPET, len(query)))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(flat) else ""
        shown = prefix + flat[start:end] + suffix
        marks = [(m.start(), m.end()) for m in needle.finditer(shown)]
        return shown, marks
    return None


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Live notes, todos and phrases holding `query` anywhere in their text, newest first, at most `limit`."""
    q = _flat(query)
    if not q or limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    hits: list[tuple[datetime, int, Hit]] = []
    for source in _SOURCES:
        for row in _rows(session, source, q, dialect, limit):
            row_id, title, first_text, second_text, tags, day, at = row
            found = snippet((first_text, second_text, " ".join(_tags(tags))), q)
            if found is None:
                continue
            shown, marks = found
            hits.append((at, row_id, Hit(source.type, row_id, title, shown, marks, day, at)))
    hits.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [hit for _, _, hit in hits[:limit]]


def _tags(tags: Sequence[str] | None) -> list[str]:
    return [f"#{tag}" for tag in tags or ()]
