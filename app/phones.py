"""Phone numbers as clerks receive them: full, masked by the carrier, or virtual numbers with an extension.

Customers on the phone give the last four digits, which for a virtual (privacy) number is the extension, so
lookups match both; exports and printouts mask numbers by default.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class PhoneInfo:
    """One parsed phone. `digits` holds only known digits (a mask's hidden ones are dropped); `tail` is
    the last four of the main number; `virtual` means a mobile given with an extension to dial."""

    raw: str
    digits: str
    tail: str
    ext: str | None
    masked: bool
    virtual: bool


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")  # 0 + area code (2–3 digits) + 7–8 digit local number
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_SERVICE = re.compile(r"[48]00\d{7}")
_MASKED = re.compile(r"(\d{0,4})[*xX•●]+(\d{4})")
_FORMATTING = re.compile(r"[\s\-()]")
_EXPLICIT_EXT = re.compile(r"(.+?)\s*(?:转|分机|EXT\.?|,|#|;)\s*(\d{1,6})#?", re.IGNORECASE)
_TRAILING_GROUP = re.compile(r"(.+?)[\s\-]+(\d{1,6})")
_LIST_SEPARATORS = re.compile(r"[/、;|\n]+")
_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


@dataclass(frozen=True)
class _Main:
    digits: str
    masked: bool
    mobile: bool


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).strip()


def _parse_main(text: str) -> _Main | None:
    """The number without its extension: country code dropped, formatting removed."""
    t = _FORMATTING.sub("", text)
    international = False
    for prefix in ("+86", "0086"):
        if t.startswith(prefix):
            t, international = t[len(prefix) :], True
    if len(t) == 13 and t.startswith("861"):
        t, international = t[2:], True
    masked = _MASKED.fullmatch(t)
    if masked:
        known = masked.group(1) + masked.group(2)
        return _Main(known, masked=True, mobile=not masked.group(1).startswith("0"))
    if _MOBILE.fullmatch(t):
        return _Main(t, masked=False, mobile=True)
    if international and not t.startswith("0"):
        t = "0" + t  # +86 571 88886666: the trunk 0 is dropped abroad
    if _LANDLINE.fullmatch(t) or _LOCAL.fullmatch(t) or _SERVICE.fullmatch(t):
        return _Main(t, masked=False, mobile=False)
    return None


def _split_extension(text: str) -> tuple[str, str | None]:
    """Split off "转1234", ",1234" or "-1234"; a dash or space splits only when the whole is no phone."""
    explicit = _EXPLICIT_EXT.fullmatch(text)
    if explicit:
        return explicit.group(1), explicit.group(2)
    trailing = _TRAILING_GROUP.fullmatch(text)
    if trailing and _parse_main(trailing.group(1)) is not None and _parse_main(text) is None:
        return trailing.group(1), trailing.group(2)
    return text, None


def parse_phone(text: str) -> PhoneInfo | None:
    """A phone as written on a label, in a carrier export or by a customer; None when it is not one."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    main_text, ext = _split_extension(cleaned)
    main = _parse_main(main_text)
    if main is None:
        return None
    return PhoneInfo(
        raw=text.strip(),
        digits=main.digits,
        tail=main.digits[-4:],
        ext=ext,
        masked=main.masked,
        virtual=ext is not None and main.mobile,
    )


def _tails(info: PhoneInfo) -> set[str]:
    tails = {info.tail}
    if info.ext is not None and len(info.ext) == 4:
        tails.add(info.ext)
    return tails


def phone_tails(text: str) -> set[str]:
    """Every 4-digit tail a "last four digits" lookup should find this record by.

    A field may hold several phones ("138…/139…"); a virtual number also answers to its 4-digit extension.
    """
    info = parse_phone(text)
    if info is not None:
        return _tails(info)
    tails: set[str] = set()
    for part in _LIST_SEPARATORS.split(_clean(text)):
        whole = parse_phone(part)
        found = [whole] if whole is not None else [parse_phone(piece) for piece in part.split()]
        for one in found:
            if one is not None:
                tails |= _tails(one)
    return tails


def _mask_digits(digits: str) -> str:
    if _MOBILE.fullmatch(digits):
        return f"{digits[:3]}****{digits[-4:]}"
    if digits.startswith("0"):
        area = digits[:3] if digits[1] in "12" else digits[:4]  # 010, 02x are the three-digit area codes
        local = digits[len(area) :]
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
    if _SERVICE.fullmatch(digits):
        return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
    return f"{'*' * (len(digits) - 4)}{digits[-4:]}"


def _mask_embedded(text: str) -> str:
    """Free text that is not one phone still must not leak a mobile number onto an export."""

    def mask(match: re.Match[str]) -> str:
        digits = unicodedata.normalize("NFKC", match.group())
        return _mask_digits(digits) if _MOBILE.fullmatch(digits) else match.group()

    return _ELEVEN_DIGITS.sub(mask, text)


def mask_phone(text: str) -> str:
    """The form printed and exported by default: 138****5678, 0571-****6666, 170****5678转1234.

    The extension stays, since the courier needs it to reach the customer and it identifies no one alone.
    """
    info = parse_phone(text)
    if info is None:
        return _mask_embedded(text)
    if info.masked:
        return text
    masked = _mask_digits(info.digits)
    return f"{masked}转{info.ext}" if info.ext is not None else masked


def is_phone_tail_query(query: str) -> bool:
    """A search for exactly four digits is a "last four of the phone" lookup."""
    return bool(re.fullmatch(r"\d{4}", _clean(query), re.ASCII))


def same_phone(a: PhoneInfo, b: PhoneInfo) -> bool:
    """True when two phones can be the same line, as far as what is visible of them says."""
    if a.virtual or b.virtual:
        return a.virtual and b.virtual and a.ext == b.ext and _digits_agree(a, b)
    return _digits_agree(a, b)


def _digits_agree(a: PhoneInfo, b: PhoneInfo) -> bool:
    if a.tail != b.tail:
        return False
    if not a.masked and not b.masked:
        return a.digits == b.digits
    head_a = a.digits[:-4] if a.masked else a.digits
    head_b = b.digits[:-4] if b.masked else b.digits
    return head_a.startswith(head_b) or head_b.startswith(head_a)
