"""Property-based fuzzing (hypothesis) of the parsers hostile or sloppy input reaches first: the waybill parser and
extractor, the import date parser (text forms and Excel serials), the CSV reader, the header mapper, the phrase
placeholder filler and phone masking. Each may only answer or refuse with its own error; where a round trip or
idempotence exists, it holds. Example counts are modest so the file runs in well under a minute."""

from __future__ import annotations

import csv
import io
import random
import re
import string
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.imports.guards import ImportRefused, Limits
from app.imports.mapping import TARGETS, guess, header_key, missing_required
from app.imports.readers import read_bytes_csv, read_file, read_pasted
from app.imports.values import ValueProblem, day, waybill_text, when
from app.notebook.phrases import PLACEHOLDERS, fill
from app.phones import mask_phone
from app.waybills import extract_waybills, normalise_waybill, parse_waybill

# database=None: no example database left in the checkout; a failure prints its example to reproduce it.
FEW = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 21)
FULL_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")

# Text the way it arrives from WeChat, Excel and carrier web pages: digits (also full-width), letters, Chinese,
# separators, zero-width marks, quotes and odd spaces.
MESSY = st.text(
    alphabet=st.one_of(
        st.sampled_from(string.digits + "YTSFJDZE" + " -_/.,:;'\"\t\n+E"),
        st.sampled_from("０１２３４５６７８９，。：；、（）【】单号圆通顺丰电话转元年月日时分秒\u200b\u3000\ufeff"),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)
DIGITS = st.text(alphabet=string.digits, min_size=1, max_size=1)


def _numbers(prefix: str, digits: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=digits, max_size=digits).map(lambda d: prefix + d)


# Letter-prefixed numbers of carriers whose pattern is certain (YTO, J&T, Deppon).
KNOWN_WAYBILLS = st.one_of(_numbers("YT", 13), _numbers("JT", 13), _numbers("DPK", 12))


# --- waybills ---------------------------------------------------------------------------------------------------


@SOME
@given(MESSY)
def test_normalising_a_waybill_never_fails_and_is_idempotent(text: str) -> None:
    """Idempotent for every result that can be a number (ASCII); a dropped space between a letter and a
    combining accent ("A´") composes anew on a second pass, which no waybill contains."""
    once = normalise_waybill(text)
    if once.isascii():
        assert normalise_waybill(once) == once


@SOME
@given(MESSY)
def test_parsing_a_waybill_answers_a_number_or_none_and_reparses_the_same(text: str) -> None:
    parsed = parse_waybill(text)
    if parsed is None:
        return
    assert parsed.number == normalise_waybill(text)
    again = parse_waybill(parsed.number)
    assert again is not None and again.number == parsed.number
    assert not FULL_MOBILE.fullmatch(parsed.number), "a mobile number was taken for a waybill"


@SOME
@given(MESSY)
def test_extracting_from_any_text_gives_parsable_distinct_numbers(text: str) -> None:
    found = extract_waybills(text)
    numbers = [p.number for p in found]
    assert len(numbers) == len(set(numbers))
    for number in numbers:
        assert parse_waybill(number) is not None
        assert not FULL_MOBILE.fullmatch(number)


@FEW
@given(
    st.lists(KNOWN_WAYBILLS, min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from(["\n", "，", " ", "单号：", "；", "\t", "、圆通 ", "\n急件 "]), min_size=7, max_size=7),
)
def test_extracting_finds_every_number_of_a_pasted_message(numbers: list[str], separators: list[str]) -> None:
    text = "".join(sep + number for sep, number in zip(separators, numbers, strict=False)) + separators[-1]
    assert [p.number for p in extract_waybills(text)] == numbers


@SOME
@given(
    st.one_of(
        MESSY,
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.none(),
        st.booleans(),
        st.datetimes(),
    )
)
def test_a_waybill_cell_of_any_value_is_a_number_or_a_value_problem(value: object) -> None:
    try:
        number = waybill_text(value)
    except ValueProblem as exc:
        assert exc.message()
        return
    assert number == normalise_waybill(number)


@SOME
@given(st.integers(min_value=10**9, max_value=10**15 - 1))
def test_a_numeric_waybill_up_to_15_digits_survives_a_float_cell_exactly(number: int) -> None:
    assert waybill_text(float(number)) == str(number)
    assert waybill_text(str(number)) == str(number)


@settings(max_examples=5, deadline=None, database=None)
@given(st.lists(st.integers(min_value=10**9, max_value=10**15 - 1), min_size=1, max_size=30, unique=True))
def test_numeric_waybills_written_as_excel_numbers_read_back_exact(
    tmp_path_factory: pytest.TempPathFactory, numbers: list[int]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "运单.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["运单号", "问题类型"])
    for number in numbers:
        sheet.append([float(number), "拒收"])
    book.save(path)
    table = read_file(path)
    assert [waybill_text(row.cells[0]) for row in table.rows] == [str(n) for n in numbers]


# --- dates --------------------------------------------------------------------------------------------------------


def _is_utc(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


@SOME
@given(st.one_of(MESSY, st.floats(), st.integers(), st.none(), st.booleans(), st.dates(), st.datetimes()))
def test_a_date_cell_of_any_value_is_an_instant_or_a_value_problem(value: object) -> None:
    try:
        moment = when(value, tz=SHANGHAI, today=TODAY)
    except ValueProblem as exc:
        assert exc.message()
        return
    assert _is_utc(moment)
    assert 1999 <= moment.year <= 2101


LOCAL_TIMES = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 12, 30)).map(
    lambda d: d.replace(microsecond=0)
)
TEXT_FORMS = ["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d %H:%M:%S", "%Y年%m月%d日 %H:%M:%S", "%Y%m%d%H%M%S"]


@SOME
@given(LOCAL_TIMES, st.sampled_from(TEXT_FORMS))
def test_a_written_local_time_reads_back_as_the_same_instant(moment: datetime, form: str) -> None:
    expected = moment.replace(tzinfo=SHANGHAI).astimezone(UTC)
    assert when(moment.strftime(form), tz=SHANGHAI, today=TODAY) == expected
    assert when(f"  {moment.strftime(form)} ", tz=SHANGHAI, today=TODAY) == expected


@SOME
@given(LOCAL_TIMES)
def test_an_excel_serial_reads_back_to_the_second(moment: datetime) -> None:
    serial = (moment - datetime(1899, 12, 30)).total_seconds() / 86_400
    assert when(serial, tz=SHANGHAI, today=TODAY) == moment.replace(tzinfo=SHANGHAI).astimezone(UTC)


@SOME
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_a_day_reads_back_from_its_date_its_text_and_its_serial(d: date) -> None:
    serial = (d - date(1899, 12, 30)).days
    for value in (d, d.isoformat(), d.strftime("%Y年%m月%d日"), float(serial), int(d.strftime("%Y%m%d"))):
        assert day(value, tz=SHANGHAI, today=TODAY) == d, value


# --- the CSV reader -----------------------------------------------------------------------------------------------

SMALL = Limits(max_file_bytes=64 * 1024)


@SOME
@given(st.binary(max_size=600))
def test_any_bytes_as_a_csv_are_a_table_or_the_readers_own_refusal(data: bytes) -> None:
    try:
        table = read_bytes_csv(data, name="问题件.csv", limits=SMALL)
    except ImportRefused as exc:
        assert exc.message()
        return
    assert all(len(row.cells) <= max(len(table.headers), 1) or row.cells for row in table.rows)


@SOME
@given(MESSY, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_any_text_in_any_encoding_is_a_table_or_the_readers_own_refusal(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    for attempt in (lambda: read_bytes_csv(data, name="问题件.csv", limits=SMALL), lambda: read_pasted(text)):
        try:
            attempt()
        except ImportRefused as exc:
            assert exc.message()


CELL_CHARS = "圆通顺丰拒收破损地址不详电话无人接听张王李赵ABCxyz ,\"'\n;"
CELL = st.text(alphabet=st.sampled_from(CELL_CHARS), min_size=1, max_size=12)


@FEW
@given(
    st.lists(st.tuples(KNOWN_WAYBILLS, CELL), min_size=1, max_size=12, unique_by=lambda r: r[0]),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    st.sampled_from([",", "\t", ";"]),
)
def test_a_written_csv_reads_back_cell_for_cell(rows: list[tuple[str, str]], encoding: str, delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["运单号", "问题描述"])
    writer.writerows(rows)
    table = read_bytes_csv(out.getvalue().encode(encoding), name="问题件.csv", limits=SMALL)
    assert table.headers[:2] == ("运单号", "问题描述")
    assert [(row.cells[0], row.cells[1]) for row in table.rows] == rows


# --- the header mapper --------------------------------------------------------------------------------------------

HEADER_WORDS = sorted({w for fields in TARGETS.values() for f in fields for w in (f.label, *f.synonyms)})
HEADERS = st.lists(st.one_of(st.sampled_from(HEADER_WORDS), MESSY, st.just("")), max_size=14)


@SOME
@given(HEADERS, st.sampled_from(sorted(TARGETS)))
def test_guessing_a_mapping_of_any_headers_uses_each_column_and_field_once(headers: list[str], target: str) -> None:
    mapping = guess(headers, target)
    names = {f.name for f in TARGETS[target]}
    assert set(mapping) <= set(range(len(headers)))
    assert set(mapping.values()) <= names
    assert len(set(mapping.values())) == len(mapping)
    assert guess(headers, target) == mapping
    missing_required(mapping, target)


@SOME
@given(HEADERS, st.randoms(use_true_random=False))
def test_the_saved_mapping_key_ignores_column_order(headers: list[str], rnd: random.Random) -> None:
    shuffled = list(headers)
    rnd.shuffle(shuffled)
    assert header_key(shuffled) == header_key(headers)


# --- the phrase placeholder filler --------------------------------------------------------------------------------

VALUE = st.one_of(st.none(), st.text(alphabet=st.characters(exclude_characters="{}"), max_size=15))
VALUES = st.dictionaries(st.sampled_from(PLACEHOLDERS), VALUE)
TEMPLATE = st.lists(
    st.one_of(
        st.sampled_from([f"{{{p}}}" for p in PLACEHOLDERS] + ["{", "}", "{}", "{未知}", "{{单号}}", "{ 单号}"]),
        st.text(max_size=10),
    ),
    max_size=10,
).map("".join)


@SOME
@given(TEMPLATE, VALUES)
def test_filling_placeholders_never_fails_and_is_idempotent(template: str, values: dict[str, str | None]) -> None:
    filled = fill(template, values)
    assert fill(filled, values) == filled
    assert fill(template, {}) == template
    for name, value in values.items():
        if value:
            assert f"{{{name}}}" not in filled


@SOME
@given(st.text(alphabet=st.characters(exclude_characters="{}"), max_size=40), VALUES)
def test_text_without_braces_is_left_as_it_is(text: str, values: dict[str, str | None]) -> None:
    assert fill(text, values) == text


# --- phone masking --------------------------------------------------------------------------------------------


MOBILES = st.text(alphabet=string.digits, min_size=9, max_size=9).flatmap(
    lambda rest: st.sampled_from("3456789").map(lambda second: f"1{second}{rest}")
)


@SOME
@given(st.lists(st.one_of(MOBILES, MESSY), max_size=5).map("".join))
def test_masked_text_never_shows_a_whole_mobile_number(text: str) -> None:
    masked = mask_phone(text)
    assert not FULL_MOBILE.search(masked), masked
    assert mask_phone(masked) == masked


def test_numbers_in_a_csv_file_on_disk_read_back(tmp_path: Path) -> None:
    """The file path of the reader (as the command line uses it) agrees with the in-memory one."""
    path = tmp_path / "问题件.csv"
    path.write_bytes("运单号,问题描述\r\nYT8962646785389,拒收\r\n".encode("gb18030"))
    assert [row.cells[:2] for row in read_file(path).rows] == [("YT8962646785389", "拒收")]
