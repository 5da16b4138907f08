"""How a directory query matches a record, the way clerks type: part of a name or address, pinyin initials
(`hxl` or just `xl` finds 红星路), a few digits of a phone (its tail or any run of 3+ digits), a fragment of a
staff number or outlet code. Text is compared without width, case or spaces (full-width `１２３` is `123`).

Directory tables hold thousands of rows, not millions, and their keywords sit in JSON columns that store Chinese
as `\\uXXXX` escapes (SQL LIKE cannot see them), so lists filter in Python: a `Query` is prepared once and then
tested against each row with one normalisation per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from app.imports.references import fold

_NOT_DIGIT = re.compile(r"\D")
_SEP = "\x00"  # joins a row's texts into one haystack; never typed, and not whitespace (fold keeps it)
MIN_PHONE_DIGITS = 3
_fold_hay = lru_cache(maxsize=65536)(fold)  # a row's texts recur on every keystroke of a search


class Query:
    """One search string, folded once and read as text, as pinyin initials and as phone digits."""

    def __init__(self, query: str | None) -> None:
        self.text = fold(query or "")
        letters = self.text.isascii() and self.text.isalnum() and not self.text.isdigit()
        self.pinyin = self.text if letters else None
        digits = self.text.replace("-", "")
        self.digits = digits if digits.isdigit() and len(digits) >= MIN_PHONE_DIGITS else None

    @property
    def empty(self) -> bool:
        return not self.text

    def matches(
        self,
        texts: Iterable[str | None],
        pinyin: str | None = None,
        phones: Sequence[str | None] = (),
        codes: Sequence[str | None] = (),
    ) -> bool:
        if not self.text:
            return True
        digits = [phone_digits(p) for p in phones] if self.digits is not None else []
        return self.matches_prepared(prepare(*texts, *codes), pinyin, digits)

    def matches_prepared(self, folded: str, pinyin: str | None = None, digits: Sequence[str] = ()) -> bool:
        """`matches` for texts folded beforehand by `prepare` and phones by `phone_digits` (lists that keep
        their rows between searches)."""
        if not self.text:
            return True
        if self.pinyin is not None and pinyin and self.pinyin in pinyin.lower():
            return True
        if self.digits is not None and any(self.digits in d for d in digits):
            return True
        return self.text in folded

    def rank(self, name: str, pinyin: str | None) -> int:
        """0: the name (or its initials) is the query; 1: it starts with it; 2: matched elsewhere."""
        folded = fold(name)
        initials = (pinyin or "").lower()
        if self.text in (folded, initials):
            return 0
        if folded.startswith(self.text) or (self.pinyin is not None and initials.startswith(self.pinyin)):
            return 1
        return 2


def phone_digits(phone: str | None) -> str:
    """The digits of a phone field as a digit query searches them (a mask's `*` and separators dropped)."""
    return _NOT_DIGIT.sub("", fold(phone)) if phone else ""


def prepare(*texts: str | None) -> str:
    """A record's texts folded into one haystack for `Query.matches_prepared`."""
    return _fold_hay(_SEP.join(t for t in texts if t))


def matches_query(
    query: str,
    *texts: str | None,
    pinyin: str | None = None,
    phones: Sequence[str | None] = (),
    codes: Sequence[str | None] = (),
) -> bool:
    """Whether a record with these texts, name initials, phones and codes answers `query`; "" matches all."""
    return Query(query).matches(texts, pinyin, phones, codes)
