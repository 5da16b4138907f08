"""Waybill and phone numbers in a note's text: where they are, what they are, and what only looks like one."""

from __future__ import annotations

import pytest

from app.notebook.recognise import recognise, waybill_numbers


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(s.kind, s.text, s.value) for s in recognise(text)]


def test_waybills_and_phones_in_text_order_with_their_places() -> None:
    text = "张伟来电，单号YT8962646785389，电话13812345678，另一件773277027280336"
    spans = recognise(text)
    assert [(s.kind, s.value) for s in spans] == [
        ("waybill", "YT8962646785389"),
        ("phone", "13812345678"),
        ("waybill", "773277027280336"),
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert waybill_numbers(spans) == ["YT8962646785389", "773277027280336"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收件人138****5678放门卫", [("phone", "138****5678", "138****5678")]),
        ("虚拟号17012345678转1234请拨", [("phone", "17012345678转1234", "17012345678转1234")]),
        ("拨17012345678-1234", [("phone", "17012345678-1234", "17012345678转1234")]),
        ("座机0571-88886666找王经理", [("phone", "0571-88886666", "057188886666")]),
        ("（0571）88886666", [("phone", "（0571）88886666", "057188886666")]),
        ("总机0571-88886666-8001", [("phone", "0571-88886666-8001", "057188886666转8001")]),
        ("电话057188886666", [("phone", "057188886666", "057188886666")]),  # a landline, not SF's old 12 digits
        ("+86 138 1234 5678号", [("phone", "+86 138 1234 5678", "13812345678")]),
        ("客服400-820-8820", [("phone", "400-820-8820", "4008208820")]),
        ("１３８１２３４５６７８", [("phone", "１３８１２３４５６７８", "13812345678")]),
    ],
)
def test_phones_full_masked_virtual_and_landline(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7736 1055 5582 883 已到网点", [("waybill", "7736 1055 5582 883", "773610555582883")]),
        ("yt8962646785389 小写", [("waybill", "yt8962646785389", "YT8962646785389")]),
        ("京东JDX024407261700-1-1-", [("waybill", "JDX024407261700", "JDX024407261700")]),
        ("ＹＴ８９６２６４６７８５３８９", [("waybill", "ＹＴ８９６２６４６７８５３８９", "YT8962646785389")]),
    ],
)
def test_waybills_spaced_lower_case_suffixed_and_full_width(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_a_fifteen_digit_waybill_holds_no_phone_and_a_mobile_is_no_waybill() -> None:
    assert _found("单号138123456789012") == []  # 15 digits: no carrier's pattern, and no phone inside it
    assert _found("单号773277027280336") == [("waybill", "773277027280336", "773277027280336")]
    assert _found("13812345678") == [("phone", "13812345678", "13812345678")]


@pytest.mark.parametrize(
    "text",
    [
        "订单号1234567890123456789",  # an order number: no carrier's pattern
        "金额¥773277027280336",  # money
        "身份证110101199003070011",  # an ID card number
        "时间20261122180000",  # a time stamp
        "2026-11-23 14:30 共3件 12.5元",  # a date, a count, an amount
        "房号1301，邮编310000",  # short numbers
    ],
)
def test_things_that_look_like_numbers_but_are_not(text: str) -> None:
    assert _found(text) == []


def test_a_number_after_a_comma_is_an_extension_only_when_it_is_long_enough() -> None:
    assert _found("电话13812345678,12点前送") == [("phone", "13812345678", "13812345678")]
    assert _found("电话17012345678,1234") == [("phone", "17012345678,1234", "17012345678转1234")]


def test_nothing_in_empty_text() -> None:
    assert recognise("") == [] and recognise("今天没有异常") == []
