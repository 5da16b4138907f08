"""Raw cells from carrier exports checked into values: waybills, times, phones, numbers, flags and text."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.deadlines import DeadlineRules
from app.imports import values
from app.imports.values import PhoneValue, ValueProblem
from app.messages import CATALOGUE

TZ = DeadlineRules().tz()
TODAY = date(2026, 11, 25)
NINE_THIRTY_UTC = datetime(2026, 11, 21, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
MIDNIGHT_UTC = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # 2026-11-21 00:00 in Shanghai


def when(value: object, today: date = TODAY) -> datetime:
    return values.when(value, tz=TZ, today=today)


def problem(call, *args, **kwargs) -> ValueProblem:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueProblem) as caught:
        call(*args, **kwargs)
    assert caught.value.code in CATALOGUE, caught.value.code
    return caught.value


# --- waybill numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (773012345678901.0, "773012345678901"),
        (773012345678901, "773012345678901"),
        (73610555582883.0, "73610555582883"),
        ("773012345678901", "773012345678901"),
        ("773012345678901.0", "773012345678901"),
        ("jt5301234567890", "JT5301234567890"),
        ("ＪＴ５３０１２３４５６７８９０", "JT5301234567890"),
        (" YT 8962 6467 8538 9 ", "YT8962646785389"),
        ("'463431409940372", "463431409940372"),
        ("7.73012345678901E+14", "773012345678901"),  # every digit survived, so the number is exact
    ],
)
def test_waybill_exact_digits_from_any_cell(cell: object, number: str) -> None:
    assert values.waybill_text(cell) == number


@pytest.mark.parametrize("cell", ["7.73012E+14", "7.73012e14", "4.63431E+14"])
def test_waybill_in_scientific_notation_asks_for_a_text_column(cell: str) -> None:
    refused = problem(values.waybill_text, cell)
    assert refused.code == "import_waybill_scientific"
    assert "文本" in refused.message() and "Text" in refused.message("en")


def test_waybill_with_a_fraction_is_refused() -> None:
    refused = problem(values.waybill_text, 773012345678.5)
    assert refused.code == "import_waybill_not_whole"
    assert "773012345678.5" in refused.message()
    assert "文本" in refused.message()


@pytest.mark.parametrize("cell", [4634314099403721.0, 2.0**53 + 2, 7.730123456789012e16, 1e25])
def test_waybill_floats_past_excel_precision_are_refused(cell: float) -> None:
    refused = problem(values.waybill_text, cell)
    assert refused.code == "import_waybill_inexact"
    assert "15" in refused.message()


def test_huge_int_cells_keep_every_digit() -> None:
    """An int (not a float) is exact however long: only floats lose digits."""
    assert values.waybill_text(77327702728033612) == "77327702728033612"


@pytest.mark.parametrize("cell", [None, "", "   ", "\u3000"])
def test_empty_waybill(cell: object) -> None:
    assert problem(values.waybill_text, cell).code == "import_waybill_missing"


@pytest.mark.parametrize(
    "cell", ["合计", "12345", '=HYPERLINK("x")', True, date(2026, 1, 1), -773012345678901, 1234.0, "773-0123-4567.8"]
)
def test_not_a_waybill(cell: object) -> None:
    assert problem(values.waybill_text, cell).code == "import_waybill_bad"


# --- dates and times ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        46347.395833,
        "2026/11/21 09:30",
        "2026/11/21 9:30",
        "2026-11-21 09:30",
        "2026-11-21 09:30:00.000",
        "2026年11月21日 9时30分",
        "2026年11月21日 09:30",
        "2026年11月21日9点30",
        "2026.11.21 09:30",
        "20261121 09:30",
        "202611210930",
        202611210930.0,
        "2026-11-21T09:30:00+08:00",
        "2026-11-21T01:30:00Z",
        "2026-11-20T20:30:00-05:00",
        "２０２６－１１－２１　０９：３０",
        "11月21日 09:30",
        "11-21 09:30",
        datetime(2026, 11, 21, 9, 30),
        datetime(2026, 11, 21, 9, 29, 59, 999_996),  # Excel's fraction of a day
        datetime(2026, 11, 21, 2, 30, tzinfo=timezone(timedelta(hours=1))),
    ],
)
def test_every_time_form_gives_the_same_instant(cell: object) -> None:
    got = when(cell)
    assert got == NINE_THIRTY_UTC
    assert got.tzinfo is UTC


def test_seconds_are_kept() -> None:
    assert when("2026-11-21 09:30:15") == NINE_THIRTY_UTC + timedelta(seconds=15)
    assert when("20261121093015") == NINE_THIRTY_UTC + timedelta(seconds=15)
    assert when("2026年11月21日 9时30分15秒") == NINE_THIRTY_UTC + timedelta(seconds=15)


@pytest.mark.parametrize(
    "cell",
    [
        date(2026, 11, 21),
        datetime(2026, 11, 21),
        46347.0,
        46347,
        20261121,
        20261121.0,
        "2026-11-21",
        "2026/11/21",
        "2026.11.21",
        "20261121",
        "2026年11月21日",
        "2026 年 11 月 21 日",
        "11月21日",
        "11/21",
    ],
)
def test_a_date_alone_is_local_midnight(cell: object) -> None:
    assert when(cell) == MIDNIGHT_UTC


def test_naive_datetime_is_outlet_local_time() -> None:
    assert when(datetime(2026, 11, 21, 0, 30)) == datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
    other = ZoneInfo("Europe/Berlin")
    assert values.when(datetime(2026, 11, 21, 9, 30), tz=other, today=TODAY) == datetime(
        2026, 11, 21, 8, 30, tzinfo=UTC
    )


def test_month_day_takes_the_year_from_today() -> None:
    assert values.day("11月21日", tz=TZ, today=date(2027, 1, 3)) == date(2026, 11, 21)
    assert values.day("11-21 14:05", tz=TZ, today=date(2027, 1, 3)) == date(2026, 11, 21)
    assert values.day("1月2日", tz=TZ, today=date(2027, 1, 3)) == date(2027, 1, 2)
    assert values.day("12月20日", tz=TZ, today=date(2026, 11, 25)) == date(2026, 12, 20)  # within a month ahead
    assert values.day("12月31日", tz=TZ, today=date(2026, 11, 25)) == date(2025, 12, 31)  # more: last year


def test_day_keeps_the_local_calendar_day() -> None:
    assert values.day(datetime(2026, 11, 21, 23, 59), tz=TZ, today=TODAY) == date(2026, 11, 21)
    assert values.day("2026-11-21T20:00:00Z", tz=TZ, today=TODAY) == date(2026, 11, 22)
    assert values.day(46347.999, tz=TZ, today=TODAY) == date(2026, 11, 21)


@pytest.mark.parametrize(
    "cell",
    [
        "garbage",
        "明天",
        "21/11/2026",
        "26-11-21",
        "11/21/2026",
        "2026-13-01",
        "2026-02-30",
        "2026-11-21 25:00",
        "2026-11-21 09:61",
        "2026-11",
        "46347.395833",
        "12",
        "2026-11-21 09:30 +25:00",
        time(9, 30),
        timedelta(hours=3),
        True,
        -3.0,
        float("nan"),
        float("inf"),
        10**400,
    ],
)
def test_unreadable_times_name_what_was_given(cell: object) -> None:
    refused = problem(when, cell)
    assert refused.code == "import_when_bad"
    assert "2026-11-21 09:30" in refused.message()  # the form to write


def test_time_message_shows_the_cell() -> None:
    assert "明天下午" in problem(when, "明天下午").message()


@pytest.mark.parametrize("cell", [5.0, 1000, "1999-12-31", "2101-01-01", datetime(1900, 1, 1)])
def test_dates_outside_2000_to_2100_are_a_wrong_column(cell: object) -> None:
    assert problem(when, cell).code == "import_when_range"


def test_feb_29_of_a_month_day_needs_a_leap_year() -> None:
    assert values.day("2月29日", tz=TZ, today=date(2028, 3, 1)) == date(2028, 2, 29)
    assert problem(values.day, "2月29日", tz=TZ, today=date(2027, 1, 3)).code == "import_when_bad"


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_empty_time(cell: object) -> None:
    assert problem(when, cell).code == "import_when_missing"


# --- phones ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("13812345678", PhoneValue("13812345678", "5678", None)),
        (13812345678.0, PhoneValue("13812345678", "5678", None)),
        (13812345678, PhoneValue("13812345678", "5678", None)),
        (" 138 1234 5678 ", PhoneValue("13812345678", "5678", None)),
        ("１３８１２３４５６７８", PhoneValue("13812345678", "5678", None)),
        ("138****5678", PhoneValue("138****5678", "5678", None)),
        ("138＊＊＊＊5678", PhoneValue("138****5678", "5678", None)),
        ("17012345678转1234", PhoneValue("17012345678转1234", "5678", "1234")),
        ("17012345678-1234", PhoneValue("17012345678-1234", "5678", "1234")),
        ("17012345678 转 1234", PhoneValue("17012345678转1234", "5678", "1234")),
        ("0571-88886666", PhoneValue("0571-88886666", "6666", None)),
        (57188886666.0, PhoneValue("057188886666", "6666", None)),  # a number cell dropped the leading 0
        (1012345678, PhoneValue("01012345678", "5678", None)),
        ("13812345678/13912345678", PhoneValue("13812345678/13912345678", "5678", None)),
        ("张先生 13812345678", PhoneValue("张先生13812345678", None, None)),
    ],
)
def test_phone_forms(cell: object, expected: PhoneValue) -> None:
    assert values.phone(cell) == expected


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_empty_phone_is_none(cell: object) -> None:
    assert values.phone(cell) is None


@pytest.mark.parametrize("cell", ["无", "客户拒绝提供", "****", True, 1381234567.5, -13812345678, [1]])
def test_phone_without_digits_or_from_a_wrong_cell_is_refused(cell: object) -> None:
    assert problem(values.phone, cell).code == "import_phone_bad"


def test_phone_longer_than_a_phone_is_refused() -> None:
    assert problem(values.phone, "1" * 60).code == "import_text_too_long"


# --- numbers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        (12.5, "12.50"),
        (12, "12.00"),
        ("12.5", "12.50"),
        ("¥12.5", "12.50"),
        ("￥12.5", "12.50"),
        ("12.50元", "12.50"),
        ("1,234.5", "1234.50"),
        ("１，２３４．５", "1234.50"),
        ("RMB 8", "8.00"),
        (0.1 + 0.2, "0.30"),
        ("12.345", "12.35"),
        (Decimal("3.005"), "3.01"),
        ("0", "0.00"),
    ],
)
def test_money_forms(cell: object, amount: str) -> None:
    got = values.money(cell)
    assert got == Decimal(amount)
    assert got is not None and got.as_tuple().exponent == -2


def test_negative_money_only_when_allowed() -> None:
    assert problem(values.money, "-12.5").code == "import_money_negative"
    assert problem(values.money, -3.0).code == "import_money_negative"
    assert values.money("-¥12.5", allow_negative=True) == Decimal("-12.50")
    assert values.money("¥-12.5", allow_negative=True) == Decimal("-12.50")


@pytest.mark.parametrize(
    "cell", ["十二元", "12.5.1", "1,2", "$12", "12元5角", "--12", "1e3", True, float("nan"), date(2026, 1, 1)]
)
def test_not_money(cell: object) -> None:
    assert problem(values.money, cell).code == "import_money_bad"


def test_money_too_big() -> None:
    assert problem(values.money, 1e300).code == "import_money_too_big"
    assert problem(values.money, "9" * 30).code == "import_money_too_big"


@pytest.mark.parametrize(
    ("cell", "kg"),
    [
        (1.2, "1.200"),
        (2, "2.000"),
        ("1.2", "1.200"),
        ("1.2kg", "1.200"),
        ("1.2 KG", "1.200"),
        ("1.2公斤", "1.200"),
        ("1.2千克", "1.200"),
        ("500g", "0.500"),
        ("500克", "0.500"),
        ("3斤", "1.500"),
        ("0.0005", "0.001"),
        ("0", "0.000"),
    ],
)
def test_weight_forms(cell: object, kg: str) -> None:
    got = values.decimal_kg(cell)
    assert got == Decimal(kg)
    assert got is not None and got.as_tuple().exponent == -3


@pytest.mark.parametrize(
    ("cell", "code"),
    [("重", "import_kg_bad"), ("1.2lb", "import_kg_bad"), ("-1", "import_kg_range"), (1e9, "import_kg_range")],
)
def test_not_a_weight(cell: object, code: str) -> None:
    assert problem(values.decimal_kg, cell).code == code


@pytest.mark.parametrize(
    ("cell", "count"), [(3.0, 3), (3, 3), ("3", 3), (" 12件 ", 12), ("1,200", 1200), ("3.0", 3), ("０", 0)]
)
def test_integer_forms(cell: object, count: int) -> None:
    assert values.integer(cell) == count


@pytest.mark.parametrize("cell", ["3.5", 2.5, "三", True, float("inf"), "1e3"])
def test_not_an_integer(cell: object) -> None:
    assert problem(values.integer, cell).code == "import_int_bad"


def test_integer_limits() -> None:
    assert problem(values.integer, -1).code == "import_int_range"
    assert problem(values.integer, 0, minimum=1).code == "import_int_range"
    assert values.integer(1, minimum=1) == 1
    assert problem(values.integer, 2**40).code == "import_int_range"
    assert values.integer(None) is None and values.integer("") is None


@pytest.mark.parametrize("call", [values.money, values.decimal_kg, values.integer])
def test_empty_numbers_are_none(call) -> None:  # type: ignore[no-untyped-def]
    assert call(None) is None
    assert call(" ") is None


# --- yes / no ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["是", "Y", "y", "yes", "TRUE", "true", "1", 1, 1.0, True, "已登记", "有", "√", "✓", "到付", "已到件", "Ｙ"],
)
def test_yes(cell: object) -> None:
    assert values.flag(cell) is True


@pytest.mark.parametrize(
    "cell",
    ["否", "N", "no", "False", "0", 0, 0.0, False, "未登记", "无", "×", "寄付", "现付", "月结", "寄付月结"],
)
def test_no(cell: object) -> None:
    assert values.flag(cell) is False


@pytest.mark.parametrize("cell", ["也许", "2", 2, "yes!", date(2026, 1, 1)])
def test_neither_yes_nor_no(cell: object) -> None:
    assert problem(values.flag, cell).code == "import_flag_bad"


def test_empty_flag_is_unknown() -> None:
    assert values.flag(None) is None
    assert values.flag("") is None


# --- free text ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("  派送不成功，客户电话关机  ", "派送不成功，客户电话关机"),
        ("第一行\r\n第二行", "第一行\n第二行"),
        ("a\x00b\x07c\x1bd\u200be", "abcde"),
        ("a\tb", "a b"),
        (12.0, "12"),
        (12, "12"),
        (12.5, "12.5"),
        (True, "TRUE"),
        (date(2026, 11, 21), "2026-11-21"),
        (datetime(2026, 11, 21, 9, 30), "2026-11-21 09:30"),
        (time(9, 30), "09:30"),
        ('=HYPERLINK("http://x.cn","点此")', '=HYPERLINK("http://x.cn","点此")'),
    ],
)
def test_text_as_the_clerk_sees_it(cell: object, shown: str) -> None:
    assert values.text(cell, limit=200) == shown


@pytest.mark.parametrize("cell", [None, "", "  \n ", "\x00"])
def test_empty_text_is_none(cell: object) -> None:
    assert values.text(cell, limit=10) is None


def test_text_limit() -> None:
    assert values.text("甲" * 10, limit=10) == "甲" * 10
    refused = problem(values.text, "甲" * 11, limit=10)
    assert refused.code == "import_text_too_long"
    assert "10" in refused.message() and "11" in refused.message()


def test_text_refuses_cells_that_are_no_value() -> None:
    assert problem(values.text, object(), limit=10).code == "import_value_type"
    assert problem(values.text, float("nan"), limit=10).code == "import_value_bad"


def test_problem_speaks_both_languages() -> None:
    refused = problem(values.money, "十二元")
    assert "十二元" in refused.message("zh") and "十二元" in refused.message("en")
    assert refused.message("zh") != refused.message("en")
    assert str(refused) == refused.message("en")


# --- no input makes anything but ValueProblem escape ---------------------------------------------------------------


class _Hostile:
    def __str__(self) -> str:
        raise RuntimeError("str")

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __float__(self) -> float:
        raise RuntimeError("float")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = object.__hash__


_ODD = [
    [],
    [1, 2],
    {"a": 1},
    (),
    set(),
    object(),
    _Hostile(),
    b"773012345678901",
    bytearray(b"x"),
    float("nan"),
    float("inf"),
    float("-inf"),
    -0.0,
    1e308,
    5e-324,
    10**5000,
    -(10**5000),
    2**63,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("1E+999999"),
    complex(1, 2),
    date.max,
    date.min,
    datetime.max,
    datetime.min,
    datetime.max.replace(tzinfo=UTC),
    time.max,
    timedelta.max,
    '=HYPERLINK("http://evil","13812345678")',
    "=1+1",
    "+86",
    "@SUM(A1)",
    "\ud800",
    "\x00" * 10,
    "9" * 5000,
    "1" * 100_000,
    "1e99999",
    "١٢٣",  # Arabic-Indic digits: not ASCII digits
    "²",
    "-",
    ".",
    ",",
    "¥",
    "元",
    "年月日",
    "9999年99月99日",
    "0000-00-00",
    "2026-11-21T09:30:00+99:99",
    "2026-11-21T09:30:00.1234567",
    "11月",
    "月日",
    "转",
    "****",
    "138****",
    "17012345678转",
    "转1234",
    "NaN",
    "Infinity",
    "None",
    "null",
    "true ",
    "\u3000",
    "\n",
]
_CALLS = [
    values.waybill_text,
    lambda v: values.when(v, tz=TZ, today=TODAY),
    lambda v: values.day(v, tz=TZ, today=TODAY),
    lambda v: values.when(v, tz=TZ, today=date(2028, 2, 29)),
    values.phone,
    values.integer,
    values.money,
    lambda v: values.money(v, allow_negative=True),
    values.decimal_kg,
    values.flag,
    lambda v: values.text(v, limit=50),
    lambda v: values.text(v, limit=10**6),
]


def _random_cells(seed: int, count: int) -> list[object]:
    """Strings built from the characters these parsers care about, in random order and length."""
    rng = random.Random(seed)
    alphabet = "0123456789０１２-/.:年月日时点分秒 T Z+¥元kgG克斤,，*转#xX是否√×\t\n\x00\u200b"
    cells: list[object] = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(count)]
    cells += [rng.uniform(-1e20, 1e20) for _ in range(count // 4)]
    cells += [rng.randint(-(10**20), 10**20) for _ in range(count // 4)]
    cells += [rng.uniform(0, 80_000) for _ in range(count // 4)]
    return cells


@pytest.mark.parametrize("cell", _ODD + _random_cells(20261121, 400), ids=lambda c: type(c).__name__)
def test_only_value_problems_escape(cell: object) -> None:
    for call in _CALLS:
        try:
            call(cell)
        except ValueProblem as refused:
            assert refused.code in CATALOGUE
            assert refused.message("zh") and refused.message("en")


def test_formulas_stay_plain_text() -> None:
    formula = '=HYPERLINK("http://evil","13812345678")'
    assert values.text(formula, limit=200) == formula
    assert problem(values.waybill_text, formula).code == "import_waybill_bad"
    got = values.phone(formula)
    assert got is not None and got.text == formula.replace(" ", "")
