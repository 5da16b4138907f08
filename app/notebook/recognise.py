"""Waybill and phone numbers in free text (a note, a todo), with their places, so the UI can turn a waybill into a
link to the lookup and a phone into something to copy.

Waybills are found by `app.waybills.extract_waybills` (its rules for money, dates, ID numbers and spaced groups
apply) and then located in the text; phones by shape and confirmed by `app.phones.parse_phone`. A number is one
or the other, never both: a landline written without a dash (`057188886666`) also fits SF's old 12-digit form,
and is taken as the phone it reads as.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from app.phones import parse_phone
from app.waybills import DEFAULT_CARRIERS, CarrierSpec, extract_waybills

_MAIN = (
    r"(?:\+86|0086)?[ -]?"
    r"(?:1[3-9]\d(?:[ -]?\d{4}){2}"  # mobile, maybe spaced 138 1234 5678
    r"|1[3-9]\d\*{3,5}\d{4}"  # masked by the carrier: 138****5678
    r"|\(?0\d{2,3}\)?[ -]?(?:\d{7,8}|\*{3,4}\d{4})"  # landline with its area code, maybe masked
    r"|[48]00[ -]?\d{3}[ -]?\d{4})"  # 400 / 800 service numbers
)
_EXTENSION = r"(?:\s*(?:转|分机)\s*\d{1,6}|\s*(?:ext\.?|#|,|-)\s*\d{3,6})?"
_PHONE = re.compile(rf"(?<![0-9A-Za-z*])(?P<main>{_MAIN})(?![0-9*]){_EXTENSION}(?!\d)", re.IGNORECASE)
_FORMATTING = re.compile(r"[\s\-()]")
_LANDLINE_DIGITS = re.compile(r"0[1-9]\d{9,10}")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "waybill" | "phone"
    text: str  # as written
    value: str  # a waybill as `normalise_waybill` gives it; a phone's digits (masked: as shown), "转" + extension


def _fold(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII) character by character, so positions stay those of
    `text`; a character NFKC would widen into several is kept as it is."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


def _waybill_spans(text: str, folded: str, carriers: Sequence[CarrierSpec], preferred: Sequence[str]) -> list[Span]:
    spans: list[Span] = []
    for parsed in extract_waybills(text, carriers, preferred):
        if not parsed.candidates or _LANDLINE_DIGITS.fullmatch(parsed.number):
            continue  # an unknown format is as likely an order number; a landline is a phone
        shape = r"[\s\-]?".join(map(re.escape, parsed.number))
        for match in re.finditer(rf"(?<![0-9A-Za-z]){shape}(?![0-9A-Za-z])", folded, re.IGNORECASE):
            spans.append(Span(match.start(), match.end(), "waybill", text[match.start() : match.end()], parsed.number))
    return spans


def _phone_value(written: str, main: str) -> str | None:
    info = parse_phone(written)
    if info is None:
        return None
    number = _FORMATTING.sub("", main) if info.masked else info.digits
    return f"{number}转{info.ext}" if info.ext is not None else number


def _phone_spans(text: str, folded: str, taken: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for match in _PHONE.finditer(folded):
        start, end = match.start(), match.end()
        if folded[start] == " ":
            start += 1
        if any(s.start < end and start < s.end for s in taken):
            continue
        value = _phone_value(folded[start:end], match.group("main"))
        if value is not None:
            spans.append(Span(start, end, "phone", text[start:end], value))
    return spans


def recognise(
    text: str, carriers: Sequence[CarrierSpec] = DEFAULT_CARRIERS, preferred: Sequence[str] = ()
) -> list[Span]:
    """Every waybill and phone number in `text`, in text order, none overlapping another. `carriers` and
    `preferred` are the outlet's pattern table (`app.carriers.carrier_specs`) when the caller has a session."""
    if not text:
        return []
    folded = _fold(text)
    waybills = _waybill_spans(text, folded, carriers, preferred)
    kept: list[Span] = []
    for span in sorted(waybills, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return sorted(kept + _phone_spans(text, folded, kept), key=lambda s: s.start)


def waybill_numbers(spans: Sequence[Span]) -> list[str]:
    """The distinct waybill numbers among `spans`, first seen first."""
    return list(dict.fromkeys(s.value for s in spans if s.kind == "waybill"))
