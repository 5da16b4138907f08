"""Prepared copies of tables read on every keystroke, rebuilt only when the tables change.

The places list and address matching run on every keystroke over up to thousands of places, the lookup tests
every flag's address; reading and decoding those rows each time takes tens of milliseconds, too slow to repeat
per key. A `Snapshot` keeps what one build made from the tables, keyed by the database and a stamp that any change
moves. The default stamp, for versioned tables: each table's row count, highest id, sum of versions (the ORM bumps
it on every update, soft delete included) and latest `updated_at` (set by Core updates too); tables whose rows
are only inserted and deleted pass their own. Reading a stamp scans only integers, in about a millisecond.
Entries are shared between threads and sessions, so builds must return values nobody mutates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

T = TypeVar("T")
KEEP_DATABASES = 4  # a desk opens one; tests open many


def _stamp(session: Session, model: Any) -> tuple[Any, ...]:
    row = session.execute(
        select(func.count(), func.max(model.id), func.sum(model.version), func.max(model.updated_at))
    ).one()
    return tuple(row)


class Snapshot(Generic[T]):
    def __init__(
        self, build: Callable[[Session], T], *models: Any, stamp: Callable[[Session], tuple[Any, ...]] | None = None
    ) -> None:
        self._build, self._models = build, models
        self._stamp = stamp or (lambda session: tuple(_stamp(session, model) for model in self._models))
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[tuple[Any, ...], T]] = {}  # database -> (stamp, built value)

    def get(self, session: Session) -> T:
        """The value built from the tables as this session sees them now."""
        where = session.get_bind().engine.url.render_as_string(hide_password=True)
        stamp = self._stamp(session)
        with self._lock:
            kept = self._kept.get(where)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        value = self._build(session)
        with self._lock:
            self._kept.pop(where, None)
            self._kept[where] = (stamp, value)
            while len(self._kept) > KEEP_DATABASES:
                del self._kept[next(iter(self._kept))]
        return value
