"""Which address flags apply to some addresses, without scanning the flag table per lookup.

A flag's address matches an address when either text contains the other. SQL can only test that row by row (no
index helps `instr`), and with tens of thousands of flags (every complaint flags an address) that costs more than
the whole lookup may take. So the flag addresses are held in memory, per database, as one joined text (for "the
address occurs in a flag's address") and by their text (each piece of the address looked up: "a flag's address
occurs in the address");
an aggregate over the ids (read from an index) tells when the copy is stale: flag rows are only ever inserted or
deleted. Should SQLite hand a deleted newest row's id to a new flag, the copy may miss that flag until the next
change; it never reports a wrong one, since app.flags checks every address it is given against the row.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.snapshot import Snapshot
from db.models import RecipientFlag

MIN_ADDRESS = 4  # the shorter text must have this many characters: "路" or "3栋" says nothing
_SPACES = re.compile(r"\s+")
_SEPARATOR = "\x00"


def fold_address(text: str) -> str:
    """Full-width to half-width, spaces dropped: "锦绣花园 12栋" and "锦绣花园１２栋" are the same place."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class _Index:
    ids: list[int]
    texts: list[str]
    starts: list[int]  # where each text begins in `joined`
    joined: str
    by_text: dict[str, list[int]]  # folded address -> flag ids
    longest: int

    def matching(self, address: str) -> set[int]:
        found: set[int] = set()
        size = len(address)
        if size < MIN_ADDRESS:
            return found
        for i in range(size - MIN_ADDRESS + 1):  # a flag's text inside the address: look its pieces up
            for j in range(i + MIN_ADDRESS, min(size, i + self.longest) + 1):
                found.update(self.by_text.get(address[i:j], ()))
        if size <= self.longest:  # the address inside a flag's text
            pos = self.joined.find(address)
            while pos != -1:
                n = bisect_right(self.starts, pos) - 1
                found.add(self.ids[n])
                pos = self.joined.find(address, self.starts[n] + len(self.texts[n]) + 1)
        return found


def _fingerprint(session: Session) -> tuple[object, ...]:
    row = session.execute(select(func.count(), func.max(RecipientFlag.id), func.sum(RecipientFlag.id))).one()
    return tuple(row)


def _build(session: Session) -> _Index:
    rows = session.execute(
        select(RecipientFlag.id, RecipientFlag.address)
        .where(RecipientFlag.address.is_not(None))
        .order_by(RecipientFlag.id)
    ).all()
    ids: list[int] = []
    texts: list[str] = []
    starts: list[int] = []
    by_text: dict[str, list[int]] = {}
    offset = 0
    for flag_id, address in rows:
        text = fold_address(address or "")
        if len(text) < MIN_ADDRESS:
            continue
        by_text.setdefault(text, []).append(flag_id)
        ids.append(flag_id)
        texts.append(text)
        starts.append(offset)
        offset += len(text) + 1
    joined = _SEPARATOR.join(texts) + _SEPARATOR
    longest = max(map(len, texts), default=0)
    return _Index(ids, texts, starts, joined, by_text, longest)


_INDEX = Snapshot(_build, stamp=_fingerprint)


def flag_ids_by_address(session: Session, addresses: Iterable[str]) -> dict[str, set[int]]:
    """Per address (folded), the ids of the flags whose address contains it or is contained in it."""
    wanted = {fold_address(a) for a in addresses if a}
    wanted = {a for a in wanted if len(a) >= MIN_ADDRESS}
    if not wanted:
        return {}
    index = _INDEX.get(session)
    return {address: index.matching(address) for address in wanted}
