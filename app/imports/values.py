"""Raw cell values from carrier exports turned into checked values, one cell at a time.

Readers hand on what they got: python-calamine gives str, float (every number, whole ones too), int, bool, date,
datetime, time and timedelta; CSV and pasted text give str; an empty cell is None or "". Each function here
returns the checked value or raises `ValueProblem`, which the pipeline collects as the reason a row was rejected.
Nothing else may escape: one odd cell must never stop a 10,000-row import.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from app.messages import text as message_text
from app.phones import PhoneInfo, parse_phone
from app.waybills import MAX_LENGTH, MIN_LENGTH, normalise_waybill


class ValueProblem(Exception):
    """One cell that cannot be taken as it is; not a UserError, since it rejects a row, not the action."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message_text(code, "en", **params))

    def message(self, lang: str = "zh") -> str:
        return message_text(self.code, lang, **self.params)


@dataclass(frozen=True)
class PhoneValue:
    """A phone kept as the carrier gave it (full, masked or virtual with extension); `tail` feeds the
    last-four lookup and is None when the text holds no phone `parse_phone` knows."""

    text: str
    tail: str | None
    ext: str | None


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SHOWN = 40
_MAX_INT_BITS = 10_000  # str() of an int refuses above 4,300 digits; anything near that is no cell value


def _fold(value: str) -> str:
    """Full-width digits, letters and punctuation as ASCII; web copies add zero-width marks."""
    return unicodedata.normalize("NFKC", value).translate(_ZERO_WIDTH).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _fold(value))


def _show(value: object) -> str:
    """The cell as the clerk would recognise it in a message; never fails, whatever the value."""
    if isinstance(value, str):
        shown = value.strip()
    elif isinstance(value, bool):
        shown = "TRUE" if value else "FALSE"
    elif isinstance(value, int):
        shown = str(value) if value.bit_length() <= 256 else f"{type(value).__name__}…"
    elif isinstance(value, float):
        whole = _whole(value)
        shown = str(whole) if whole is not None and abs(whole) < 10**16 else repr(value)
    elif isinstance(value, Decimal | date | time | timedelta):
        shown = str(value)
    else:
        shown = type(value).__name__
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"


def _whole(value: float) -> int | None:
    """A float cell that holds a whole number, as an int; None when it has a fraction or is not finite."""
    if not math.isfinite(value) or not value.is_integer():
        return None
    return int(value)


# --- waybill numbers -------------------------------------------------------------------------------------------

_EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number; a 16th is already lost or invented
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?E[+-]?\d+", re.ASCII)
_WAYBILL_CHARS = re.compile(r"[A-Z0-9]+", re.ASCII)
_PLAIN_WAYBILL = re.compile(rf"[A-Z0-9]{{{MIN_LENGTH},{MAX_LENGTH}}}", re.ASCII)


def waybill_text(value: object) -> str:
    """The exact number. Numeric cells are only trusted while Excel could hold every digit; otherwise the
    clerk is told to make the column text in the carrier system, since the lost digits cannot be recovered."""
    if isinstance(value, str) and _PLAIN_WAYBILL.fullmatch(value) and not _SCIENTIFIC.fullmatch(value):
        return value  # already in stored form: most cells of a carrier export (a third of the checking time)
    if _blank(value):
        raise ValueProblem("import_waybill_missing")
    if isinstance(value, str):
        number = normalise_waybill(value)
        if _SCIENTIFIC.fullmatch(number):
            raise ValueProblem("import_waybill_scientific", value=_show(value))
    elif isinstance(value, float):
        number = _waybill_from_float(value)
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**MAX_LENGTH:
        number = str(value)
    else:
        raise ValueProblem("import_waybill_bad", value=_show(value))
    if not _WAYBILL_CHARS.fullmatch(number) or not MIN_LENGTH <= len(number) <= MAX_LENGTH:
        raise ValueProblem("import_waybill_bad", value=_show(value))
    return number


def _waybill_from_float(value: float) -> str:
    whole = _whole(value)
    if whole is None or whole < 0:
        raise ValueProblem("import_waybill_not_whole", value=_show(value))
    if len(str(whole)) > _EXCEL_DIGITS:
        raise ValueProblem("import_waybill_inexact", value=str(whole), digits=_EXCEL_DIGITS)
    return str(whole)


# --- dates and times -------------------------------------------------------------------------------------------

_YEARS = range(2000, 2101)  # a carrier export holds nothing older or later; anything else is a wrong column
_EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1 = 1900-01-01 counting Excel's phantom 1900-02-29 (serial 60)
_FUTURE_SLACK = timedelta(days=30)

_TIME = (
    r"(?P<H>\d{1,2})(?:"
    r":(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d{1,6})?)?"
    r"|[时点](?:(?P<M2>\d{1,2})分?(?:(?P<S2>\d{1,2})秒)?)?)"
)
_OFFSET = r"(?:\s*(?P<Z>Z|[+-]\d{2}:?\d{2}))?"
_WITH_TIME = rf"(?:(?:\s+|T|(?<=日)){_TIME}{_OFFSET})?"
_DATES = (
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})",
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?",
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})",
    r"(?P<m>\d{1,2})(?P<sep>[-/])(?P<d>\d{1,2})",
    r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日?",
)
_TEXT_FORMS = tuple(re.compile(form + _WITH_TIME, re.ASCII) for form in _DATES)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?", re.ASCII)
_SPACE_AROUND = re.compile(r"\s*([年月日时点分秒:/.\-])\s*")
_SPACES = re.compile(r"\s+")


def when(value: object, *, tz: ZoneInfo, today: date) -> datetime:
    """An instant in UTC. Cells without a zone are outlet-local; `today` supplies the year of "11月21日"."""
    if _blank(value):
        raise ValueProblem("import_when_missing")
    if isinstance(value, datetime):
        moment = _round_second(value)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = _from_number(value)
    elif isinstance(value, str):
        moment = _from_text(value, today)
    else:
        raise ValueProblem("import_when_bad", value=_show(value))
    return _to_utc(moment, tz, value)


def day(value: object, *, tz: ZoneInfo, today: date) -> date:
    """The outlet-local calendar day of any form `when` takes."""
    return when(value, tz=tz, today=today).astimezone(tz).date()


def _to_utc(moment: datetime, tz: ZoneInfo, value: object) -> datetime:
    if moment.year not in _YEARS:
        raise ValueProblem("import_when_range", value=_show(value))
    if moment.tzinfo is None:
        offset = _steady_offset(tz, moment.year)
        if offset is not None:  # no clock change that year (China): plain arithmetic, 5x faster than astimezone
            return (moment - offset).replace(tzinfo=UTC)
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)


@lru_cache(maxsize=64)
def _steady_offset(tz: ZoneInfo, year: int) -> timedelta | None:
    """The zone's UTC offset when it is the same on every day of `year`, else None (clocks change)."""
    start = datetime(year, 1, 1)
    offsets = {tz.utcoffset(start + timedelta(days=d, hours=h)) for d in range(366) for h in (0, 12)}
    return offsets.pop() if len(offsets) == 1 else None


def _round_second(moment: datetime) -> datetime:
    """Excel stores times as fractions of a day, so 09:30 can arrive as 09:29:59.999996."""
    if moment.microsecond < 500_000:
        return moment.replace(microsecond=0)
    return moment.replace(microsecond=0) + timedelta(seconds=1) if moment.year < 9999 else moment


def _from_number(value: float) -> datetime:
    """A number in a date column: an Excel serial (date cell formatted as General) or 20261121 typed in."""
    if not abs(value) < 10**15:  # also NaN and infinity
        raise ValueProblem("import_when_bad", value=_show(value))
    whole = _whole(float(value))
    digits = str(whole) if whole is not None else ""
    if len(digits) == 8:
        return _build({"y": digits[:4], "m": digits[4:6], "d": digits[6:]}, value)
    found = _COMPACT.fullmatch(digits)
    if found:
        return _build(found.groupdict(), value)
    if not 0 < value < 2_958_466:  # 9999-12-31
        raise ValueProblem("import_when_bad", value=_show(value))
    return _EXCEL_EPOCH + timedelta(seconds=round(value * 86_400))


def _from_text(value: str, today: date) -> datetime:
    cleaned = _SPACES.sub(" ", _SPACE_AROUND.sub(r"\1", _fold(value).upper()))
    found = _COMPACT.fullmatch(cleaned)
    for form in _TEXT_FORMS:
        found = found or form.fullmatch(cleaned)
    if found is None:
        raise ValueProblem("import_when_bad", value=_show(value))
    parts = found.groupdict()
    if parts.get("y") is None:
        parts["y"] = str(_guess_year(int(parts["m"]), int(parts["d"]), today, value))
    return _build(parts, value)


def _guess_year(month: int, day_: int, today: date, value: str) -> int:
    """This year, unless that puts the day more than a month ahead: in January "11月21日" is last year's."""
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day_)
        except ValueError:
            continue
        if candidate - today <= _FUTURE_SLACK:
            return year
    raise ValueProblem("import_when_bad", value=_show(value))


def _build(parts: dict[str, str | None], value: object) -> datetime:
    def number(*names: str) -> int:
        found = next((parts[n] for n in names if parts.get(n) is not None), None)
        return int(found) if found is not None else 0

    try:
        return datetime(
            number("y"),
            number("m"),
            number("d"),
            number("H"),
            number("M", "M2"),
            number("S", "S2"),
            tzinfo=_offset(parts.get("Z")),
        )
    except ValueError:
        raise ValueProblem("import_when_bad", value=_show(value)) from None


def _offset(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


# --- phones ----------------------------------------------------------------------------------------------------

_PHONE_LIMIT = 50
_PLAIN_MOBILE = re.compile(r"1[3-9]\d(?:\d{4}|\*{4})\d{4}", re.ASCII)
_PHONE_LIST = re.compile(r"[/、;,|]+")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+")


def phone(value: object) -> PhoneValue | None:
    """A phone kept as given. Text that is no phone `parse_phone` knows is still kept (without a tail), since
    a case with an odd phone is worth more than a rejected row; text without any digit is refused."""
    if _blank(value):
        return None
    if isinstance(value, str) and _PLAIN_MOBILE.fullmatch(value):
        return PhoneValue(value, value[-4:], None)  # a whole or carrier-masked mobile: what parse_phone would say
    cleaned = _phone_text(value)
    if not any(c.isdigit() for c in cleaned):
        raise ValueProblem("import_phone_bad", value=_show(value))
    if len(cleaned) > _PHONE_LIMIT:
        raise ValueProblem("import_text_too_long", limit=_PHONE_LIMIT, length=len(cleaned))
    info = parse_phone(cleaned) or _first_phone(cleaned)
    return PhoneValue(cleaned, info.tail if info else None, info.ext if info else None)


def _phone_text(value: object) -> str:
    if isinstance(value, str):
        return _INVISIBLE.sub("", _fold(value))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblem("import_phone_bad", value=_show(value))
    number = value if isinstance(value, int) else _whole(value)
    if number is None or not 0 < number < 10**15:
        raise ValueProblem("import_phone_bad", value=_show(value))
    digits = str(number)
    if parse_phone(digits) is None and parse_phone("0" + digits) is not None:
        digits = "0" + digits  # a number cell drops a landline's leading 0 (0571 88886666 -> 57188886666)
    return digits


def _first_phone(cleaned: str) -> PhoneInfo | None:
    """Several phones in one cell ("138…/139…"): the first one gives the tail."""
    return next(filter(None, map(parse_phone, _PHONE_LIST.split(cleaned))), None)


# --- numbers ---------------------------------------------------------------------------------------------------

_NUMBER = r"(?P<sign>[+-]?)(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
_INTEGER_TEXT = re.compile(_NUMBER + r"(?:件|个|次|票|单|人)?", re.ASCII)
_MONEY_TEXT = re.compile(r"(?P<pre>[+-]?)(?:¥|RMB|CNY)?" + _NUMBER + r"(?:元|块|RMB|CNY)?", re.ASCII)
_KG_TEXT = re.compile(_NUMBER + r"(?P<unit>KG|公斤|千克|G|克|斤)?", re.ASCII)
_KG_PER_UNIT = dict.fromkeys(("KG", "公斤", "千克"), Decimal(1)) | dict.fromkeys(("G", "克"), Decimal("0.001"))
_KG_PER_UNIT["斤"] = Decimal("0.5")  # the market weight clerks still hear on the phone
_LONGEST_NUMBER = 64
_MAX_INT = 2**31 - 1  # an INTEGER column on PostgreSQL
_MAX_MONEY = Decimal(10**9)
_MAX_KG = Decimal(100_000)
_CENT = Decimal("0.01")
_GRAM = Decimal("0.001")


def _parse(value: object, pattern: re.Pattern[str], code: str) -> tuple[Decimal, re.Match[str] | None]:
    """The number in a cell and, for text, the match (for its unit); refuses bool and non-finite numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValueProblem(code, value=_show(value))
    if isinstance(value, str):
        folded = _SPACES.sub("", _fold(value)).upper()
        found = pattern.fullmatch(folded) if len(folded) <= _LONGEST_NUMBER else None
        if found is None or (found.groupdict().get("pre") and found["sign"]):
            raise ValueProblem(code, value=_show(value))
        sign = (found.groupdict().get("pre") or "") + found["sign"]
        return Decimal(sign + found["num"].replace(",", "")), found
    if isinstance(value, int) and value.bit_length() > 128:
        raise ValueProblem(code, value=_show(value))
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueProblem(code, value=_show(value))
    return number, None


def integer(value: object, *, minimum: int = 0, maximum: int = _MAX_INT) -> int | None:
    """A count ("12", 12.0, "12件"); a fraction is refused rather than rounded, since a count is never one."""
    if _blank(value):
        return None
    number, _ = _parse(value, _INTEGER_TEXT, "import_int_bad")
    if number != number.to_integral_value():
        raise ValueProblem("import_int_bad", value=_show(value))
    if not minimum <= number <= maximum:
        raise ValueProblem("import_int_range", value=_show(value), minimum=minimum, maximum=maximum)
    return int(number)


def money(value: object, *, allow_negative: bool = False) -> Decimal | None:
    """Yuan with 2 places ("¥12.5", "12.50元", "1,234.5"); half-fen from formulas round half up."""
    if _blank(value):
        return None
    number, _ = _parse(value, _MONEY_TEXT, "import_money_bad")
    if number < 0 and not allow_negative:
        raise ValueProblem("import_money_negative", value=_show(value))
    if abs(number) >= _MAX_MONEY:
        raise ValueProblem("import_money_too_big", value=_show(value))
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def decimal_kg(value: object) -> Decimal | None:
    """Kilograms with 3 places; text may say kg, 公斤, 千克, g, 克 or 斤 (a bare number is kg)."""
    if _blank(value):
        return None
    number, found = _parse(value, _KG_TEXT, "import_kg_bad")
    unit = found["unit"] if found is not None else None
    kg = number * _KG_PER_UNIT[unit] if unit else number
    if not 0 <= kg <= _MAX_KG:
        raise ValueProblem("import_kg_range", value=_show(value))
    return kg.quantize(_GRAM, rounding=ROUND_HALF_UP)


# --- yes / no --------------------------------------------------------------------------------------------------

# 付款方式 maps onto "is it cash on delivery", so payment words belong here too.
_YES = frozenset(
    (
        *("是", "Y", "YES", "TRUE", "T", "1", "对", "有", "√", "✓", "✔", "已登记", "已到", "已到件"),
        *("到付", "到方付", "收方付"),
    )
)
_NO = frozenset(
    (
        *("否", "N", "NO", "FALSE", "F", "0", "不是", "无", "没有", "×", "✗", "✘", "未登记", "未到", "未到件"),
        *("寄付", "现付", "月结", "寄付月结", "寄付现结", "寄方付", "第三方付"),
    )
)


def flag(value: object) -> bool | None:
    """Yes or no as clerks and carrier systems write it."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    word = _SPACES.sub("", _fold(value)).upper() if isinstance(value, str) else None
    if word in _YES or word in _NO:
        return word in _YES
    raise ValueProblem("import_flag_bad", value=_show(value))


# --- free text -------------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\ud800-\udfff]")


def text(value: object, *, limit: int) -> str | None:
    """Text as the clerk sees it in Excel: numbers without a spurious ".0", no control characters except line
    breaks. Formulas such as "=HYPERLINK(…)" stay plain text: they are never evaluated here."""
    if value is None:
        return None
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        raise ValueProblem("import_text_too_long", limit=limit, length=int(value.bit_length() * math.log10(2)) + 1)
    shown = _as_text(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    cleaned = _CONTROL.sub("", shown).strip()
    if not cleaned:
        return None
    if len(cleaned) > limit:
        raise ValueProblem("import_text_too_long", limit=limit, length=len(cleaned))
    return cleaned


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueProblem("import_value_bad", value=_show(value))
        whole = _whole(value)
        return str(whole) if whole is not None else repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueProblem("import_value_bad", value=_show(value))
        return format(value, "f")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date | timedelta):
        return str(value)
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    raise ValueProblem("import_value_type", kind=type(value).__name__)
