"""Waybill numbers: normalising, carrier detection and extraction from messy text.

Pure functions over plain data. Carrier number patterns are data (`CarrierSpec.patterns`), so the table
stored in the database can replace `DEFAULT_CARRIERS` without touching code.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache


@dataclass(frozen=True)
class CarrierSpec:
    """One carrier and the regexes its waybill numbers fullmatch (after `normalise_waybill`)."""

    code: str
    name: str
    hotline: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A carrier a number may belong to; `certain` only for an unambiguous letter-prefixed match."""

    code: str
    name: str
    score: float
    certain: bool


@dataclass(frozen=True)
class ParsedWaybill:
    """A normalised number with its carrier candidates, best first (empty: plausible but unknown format)."""

    number: str
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


# DESIGN.md §7. ZTO's older forms are documented only loosely ("12–15 digits"); we accept 12–15 digits
# starting 68 or 7, the prefixes seen on older ZTO labels. It is deliberately looser than the current
# 7[3-68] form, so it ranks below it and below STO's 77/43 prefix when numbers collide.
DEFAULT_CARRIERS: tuple[CarrierSpec, ...] = (
    CarrierSpec("YTO", "圆通", "95554", (r"YT\d{13}",)),
    CarrierSpec("ZTO", "中通", "95311", (r"7[3-68]\d{12}", r"(?:68|7\d)\d{10,13}")),
    CarrierSpec("STO", "申通", "95543", (r"(?:77|43)\d{12,15}",)),
    CarrierSpec("YUNDA", "韵达", "95546", (r"[34]\d{14}", r"5\d{12}")),
    CarrierSpec("SF", "顺丰", "95338", (r"SF[A-Z0-9]\d{12}", r"\d{12}")),
    CarrierSpec("JT", "极兔", "956025", (r"JT\d{13}",)),
    CarrierSpec("JD", "京东", "950616", (r"JD[A-Z0-9]{2}\d{11}",)),
    CarrierSpec("EMS", "EMS", "11183", (r"[981]\d{12}", r"P[A-Z]\d{11}", r"[A-Z]{2}\d{9}[A-Z]{2}")),
    CarrierSpec("DBL", "德邦", "95353", (r"DPK\d{12}",)),
)

MIN_LENGTH = 10
MAX_LENGTH = 30
_MIN_DIGITS = 8
# A number no pattern knows is still kept when it looks like a waybill: 12–20 characters, mostly digits.
_UNKNOWN_LENGTHS = range(12, 21)
_UNKNOWN_MIN_DIGITS = 10

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PROBED_POSITIONS = 6
_LENGTH_SLACK_PENALTY = 0.05

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_INSIDE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
_LEADING_QUOTES = "'‘’`\""
_FLOAT_ZERO = re.compile(r"(\d+)\.0+")
_SCIENTIFIC = re.compile(r"\d\.(\d+)E\+?(\d+)")
_JD_PACKAGE_SUFFIX = re.compile(r"(JD[A-Z0-9]{2}\d{11})-\d{1,3}-\d{1,3}-?")
_ALNUM = re.compile(r"[A-Z0-9]+")
_DIGIT_TO_ZERO = re.compile(r"\d")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _clean(text: str) -> str:
    """NFKC turns full-width digits, letters and punctuation into ASCII; web copies add zero-width marks."""
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)


def normalise_waybill(text: str) -> str:
    """The form numbers are stored and compared in, whatever Excel, WeChat or a scanner did to them."""
    s = _clean(text).strip().lstrip(_LEADING_QUOTES).strip().upper()
    jd = _JD_PACKAGE_SUFFIX.fullmatch(s)
    if jd:
        # JD prints the piece index of a multi-piece shipment after the number ("-1-1-"); not part of it.
        return jd.group(1)
    s = _INSIDE_SEPARATORS.sub("", s)
    zero = _FLOAT_ZERO.fullmatch(s)
    if zero:
        return zero.group(1)
    sci = _SCIENTIFIC.fullmatch(s)
    if sci and len(sci.group(1)) == int(sci.group(2)):
        # Only when every digit survived: "7.73277E+14" stays as is rather than gaining invented zeros.
        try:
            return str(int(Decimal(s)))
        except InvalidOperation:
            return s
    return s


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _specificity(pattern: re.Pattern[str], number: str) -> float:
    """`_fit` with the digits past the probed head zeroed, so a pasted column reuses one result."""
    head, rest = number[:_PROBED_POSITIONS], number[_PROBED_POSITIONS:]
    representative = head + _DIGIT_TO_ZERO.sub("0", rest)
    if pattern.fullmatch(representative):
        return _cached_fit(pattern, representative)
    return _fit(pattern, number)


def _fit(pattern: re.Pattern[str], number: str) -> float:
    """How tightly the pattern pins this number down, in [0, 1].

    For each leading position, count the symbols the pattern would accept there instead: a fixed prefix
    accepts one, `\\d` ten. Each position scores log36(36 / accepted). A pattern that also accepts the number
    one character shorter or longer is a little less specific. Works for any regex without parsing it.
    """
    probed = min(len(number), _PROBED_POSITIONS)
    info = 0.0
    for i in range(probed):
        head, tail = number[:i], number[i + 1 :]
        accepted = sum(1 for c in _ALPHABET if pattern.fullmatch(head + c + tail))
        info += math.log(len(_ALPHABET) / max(accepted, 1), len(_ALPHABET))
    slack = sum(1 for other in (number[:-1], number + number[-1]) if pattern.fullmatch(other))
    return max(0.01, min(0.99, info / probed - _LENGTH_SLACK_PENALTY * slack))


_cached_fit = lru_cache(maxsize=4096)(_fit)


def detect_carrier(
    number: str,
    carriers: Sequence[CarrierSpec] = DEFAULT_CARRIERS,
    preferred: Sequence[str] = (),
) -> list[Candidate]:
    """Every carrier whose patterns fit, best first.

    A letter-prefixed number matched by a single carrier is certain (score 1.0). Numeric numbers collide, so
    the outlet's own carriers (`preferred`, in order) come first; the rest follow by pattern specificity.
    """
    normalised = normalise_waybill(number)
    if not normalised:
        return []
    scores: dict[str, tuple[CarrierSpec, float]] = {}
    for spec in carriers:
        matching = [p for p in map(_compiled, spec.patterns) if p.fullmatch(normalised)]
        if matching:
            scores[spec.code] = (spec, max(_specificity(p, normalised) for p in matching))
    if len(scores) == 1 and normalised[0].isalpha():
        spec, _ = next(iter(scores.values()))
        return [Candidate(spec.code, spec.name, 1.0, True)]
    rank = {code.upper(): i for i, code in enumerate(preferred)}
    candidates = [Candidate(spec.code, spec.name, round(score, 3), False) for spec, score in scores.values()]
    candidates.sort(key=lambda c: (rank.get(c.code.upper(), len(rank)), -c.score, c.code))
    return candidates


def _is_resident_id(number: str) -> bool:
    """A Chinese ID card number (valid birth date and check digit) is personal data, never a waybill."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    try:
        datetime.strptime(number[6:14], "%Y%m%d")
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def parse_waybill(
    text: str,
    carriers: Sequence[CarrierSpec] = DEFAULT_CARRIERS,
    preferred: Sequence[str] = (),
) -> ParsedWaybill | None:
    """The number and its candidates, or None when the text cannot be a waybill number.

    Mobile numbers and ID card numbers are refused even if a (custom) pattern would accept them.
    """
    number = normalise_waybill(text)
    if not (MIN_LENGTH <= len(number) <= MAX_LENGTH) or not _ALNUM.fullmatch(number):
        return None
    digits = sum(c.isdigit() for c in number)
    if digits < _MIN_DIGITS or _MOBILE.fullmatch(number) or _is_resident_id(number):
        return None
    candidates = detect_carrier(number, carriers, preferred)
    if candidates:
        return ParsedWaybill(number, tuple(candidates))
    if len(number) in _UNKNOWN_LENGTHS and digits >= _UNKNOWN_MIN_DIGITS:
        return ParsedWaybill(number, ())
    return None


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _looks_like_timestamp(number: str) -> bool:
    """20261122180000 / 202611221800: an export's time column, not a waybill."""
    formats = {12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    if len(number) not in formats or not number.isdigit() or number[:2] not in ("19", "20"):
        return False
    try:
        datetime.strptime(number, formats[len(number)])
    except ValueError:
        return False
    return True


def _is_amount_or_phone(text: str, token: _Token) -> bool:
    """Context that says the digits are money, a decimal or an international phone number."""
    before = text[token.start - 1] if token.start else ""
    after = text[token.end : token.end + 2]
    if before and before in "¥$+":
        return True
    if token.start >= 2 and before == "." and text[token.start - 2].isdigit():
        return True
    if after.startswith("元"):
        return True
    return bool(re.fullmatch(r"\.\d", after)) and not re.match(r"\.0+(?!\d)", text[token.end :])


_GROUP_FIRST = re.compile(r"[A-Z]{0,3}\d{1,4}|[A-Z]{2,3}")
_GROUP_MIDDLE = re.compile(r"\d{4}")
_GROUP_LAST = re.compile(r"\d{1,4}")
_MAX_GROUPS = 8


def _fits_grouping(parts: Sequence[str]) -> bool:
    """The shape of a number copied with spaces: "7736 1055 5582 883", "YT 8962 6467 8538 9", "SF 13856…".

    Inner groups are exactly four digits, the outer ones one to four (the first may carry the letter prefix).
    Two parts are only joined when the first is a bare letter prefix, so two numbers are never glued together.
    """
    if len(parts) == 2:
        return parts[0].isalpha() and 2 <= len(parts[0]) <= 3 and parts[1].isdigit()
    return (
        bool(_GROUP_FIRST.fullmatch(parts[0]))
        and all(_GROUP_MIDDLE.fullmatch(p) for p in parts[1:-1])
        and bool(_GROUP_LAST.fullmatch(parts[-1]))
    )


def _join_groups(
    text: str,
    tokens: Sequence[_Token],
    i: int,
    carriers: Sequence[CarrierSpec],
    preferred: Sequence[str],
) -> tuple[ParsedWaybill, int] | None:
    """The longest run of spaced groups from token i that reads as a known carrier's number."""
    j = i + 1
    while j < len(tokens) and j - i < _MAX_GROUPS and text[tokens[j - 1].end : tokens[j].start] in (" ", "-"):
        j += 1
    for end in range(j, i + 1, -1):
        parts = [t.text for t in tokens[i:end]]
        if not _fits_grouping(parts):
            continue
        joined = "".join(parts)
        if _LANDLINE.fullmatch(joined) or _looks_like_timestamp(joined):
            continue
        parsed = parse_waybill(joined, carriers, preferred)
        if parsed is not None and parsed.candidates:
            return parsed, end
    return None


def extract_waybills(
    text: str,
    carriers: Sequence[CarrierSpec] = DEFAULT_CARRIERS,
    preferred: Sequence[str] = (),
) -> list[ParsedWaybill]:
    """Every waybill number in pasted text (WeChat message, Excel column, web table), first-seen order.

    Skips mobiles, ID numbers, dates and times, money and decimals. Spaced digit groups are joined only
    when they have the copied-number shape (see `_fits_grouping`) and the result fits a known carrier.
    """
    cleaned = _clean(text).upper()
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _ALNUM.finditer(cleaned)]
    found: dict[str, ParsedWaybill] = {}
    i = 0
    while i < len(tokens):
        grouped = _join_groups(cleaned, tokens, i, carriers, preferred)
        if grouped is not None:
            parsed, i = grouped
            found.setdefault(parsed.number, parsed)
            continue
        token = tokens[i]
        i += 1
        if _is_amount_or_phone(cleaned, token) or _looks_like_timestamp(token.text):
            continue
        single = parse_waybill(token.text, carriers, preferred)
        if single is not None:
            found.setdefault(single.number, single)
    return list(found.values())
