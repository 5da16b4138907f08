"""Phones as clerks get them: full, masked, virtual with extension; tails and masking."""

from __future__ import annotations

import pytest

from app.phones import PhoneInfo, is_phone_tail_query, mask_phone, parse_phone, phone_tails


@pytest.mark.parametrize(
    ("text", "digits", "tail"),
    [
        ("13812345678", "13812345678", "5678"),
        ("+86 138-1234-5678", "13812345678", "5678"),
        ("0086 13812345678", "13812345678", "5678"),
        ("8613812345678", "13812345678", "5678"),
        ("138 1234 5678", "13812345678", "5678"),
        ("１３８１２３４５６７８", "13812345678", "5678"),
        ("0571-88886666", "057188886666", "6666"),
        ("（0571）88886666", "057188886666", "6666"),
        ("010-12345678", "01012345678", "5678"),
        ("+86 571 8888 6666", "057188886666", "6666"),
        ("88886666", "88886666", "6666"),
        ("400-820-8888", "4008208888", "8888"),
    ],
)
def test_full_numbers(text: str, digits: str, tail: str) -> None:
    info = parse_phone(text)
    assert info == PhoneInfo(raw=text, digits=digits, tail=tail, ext=None, masked=False, virtual=False)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("138****5678", "1385678"),
        ("138＊＊＊＊5678", "1385678"),
        ("****5678", "5678"),
        ("0571-****6666", "05716666"),
    ],
)
def test_masked_numbers_keep_only_known_digits(text: str, digits: str) -> None:
    info = parse_phone(text)
    assert info is not None
    assert info.masked
    assert info.digits == digits
    assert info.tail == digits[-4:]
    assert info.ext is None
    assert not info.virtual


@pytest.mark.parametrize(
    "text",
    ["17012345678-1234", "17012345678转1234", "17012345678,1234", "17012345678，1234", "17012345678 转 1234"],
)
def test_virtual_numbers_with_extension(text: str) -> None:
    info = parse_phone(text)
    assert info is not None
    assert (info.digits, info.tail, info.ext, info.virtual, info.masked) == (
        "17012345678",
        "5678",
        "1234",
        True,
        False,
    )


def test_masked_virtual_number() -> None:
    info = parse_phone("170****5678-1234")
    assert info is not None
    assert (info.digits, info.tail, info.ext, info.masked, info.virtual) == (
        "1705678",
        "5678",
        "1234",
        True,
        True,
    )


def test_landline_extension_is_not_virtual() -> None:
    info = parse_phone("0571-88886666-8001")
    assert info is not None
    assert (info.digits, info.ext, info.virtual) == ("057188886666", "8001", False)


def test_raw_keeps_what_was_given() -> None:
    info = parse_phone("  １３８１２３４５６７８ ")
    assert info is not None
    assert info.raw == "１３８１２３４５６７８"


@pytest.mark.parametrize(
    "text", ["", "abc", "1381234567", "138123456789", "12812345678", "138**56", "张三13812345678", "1234"]
)
def test_not_phones(text: str) -> None:
    assert parse_phone(text) is None


@pytest.mark.parametrize(
    ("text", "tails"),
    [
        ("13812345678", {"5678"}),
        ("138****5678", {"5678"}),
        ("17012345678转1234", {"5678", "1234"}),
        ("170****5678-1234", {"5678", "1234"}),
        ("0571-88886666", {"6666"}),
        ("13812345678/13987654321", {"5678", "4321"}),
        ("13812345678 13987654321", {"5678", "4321"}),
        ("13812345678、0571-88886666", {"5678", "6666"}),
        ("17012345678-123", {"5678"}),
        ("无", set()),
    ],
)
def test_phone_tails(text: str, tails: set[str]) -> None:
    assert phone_tails(text) == tails


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("0571-88886666", "0571-****6666"),
        ("010-12345678", "010-****5678"),
        ("02012345678", "020-****5678"),
        ("17012345678-1234", "170****5678转1234"),
        ("17012345678,1234", "170****5678转1234"),
        ("138****5678", "138****5678"),
        ("170****5678-1234", "170****5678-1234"),
        ("88886666", "****6666"),
    ],
)
def test_mask_phone(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


def test_mask_phone_in_free_text_hides_mobiles_only() -> None:
    note = "张三13812345678，单号773277027280336，放门卫"
    assert mask_phone(note) == "张三138****5678，单号773277027280336，放门卫"
    assert mask_phone("") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [("5678", True), (" １２３４ ", True), ("567", False), ("56789", False), ("12a4", False), ("", False)],
)
def test_is_phone_tail_query(query: str, expected: bool) -> None:
    assert is_phone_tail_query(query) is expected
