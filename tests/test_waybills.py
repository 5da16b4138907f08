"""Waybill normalising, carrier detection and extraction (DESIGN.md §7)."""

from __future__ import annotations

import pytest

from app.waybills import (
    DEFAULT_CARRIERS,
    CarrierSpec,
    detect_carrier,
    extract_waybills,
    normalise_waybill,
    parse_waybill,
)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("YT8962646785389", "YTO"),
        ("73610555582883", "ZTO"),
        ("773277027280336", "STO"),
        ("463431409940372", "YUNDA"),
        ("SF1385628716739", "SF"),
        ("JT5261988016578", "JT"),
        ("JDX024407261700", "JD"),
        ("1207119765021", "EMS"),
        ("DPK202252612836", "DBL"),
        ("PA12345678901", "EMS"),
        ("EA123456789CN", "EMS"),
        ("5123456789012", "YUNDA"),
        ("681234567890", "ZTO"),
    ],
)
def test_design_examples_detect_their_carrier(number: str, code: str) -> None:
    candidates = detect_carrier(number)
    assert candidates, number
    assert candidates[0].code == code


def test_default_table_has_every_carrier_with_hotline() -> None:
    hotlines = {c.code: c.hotline for c in DEFAULT_CARRIERS}
    assert hotlines == {
        "YTO": "95554",
        "ZTO": "95311",
        "STO": "95543",
        "YUNDA": "95546",
        "SF": "95338",
        "JT": "956025",
        "JD": "950616",
        "EMS": "11183",
        "DBL": "95353",
    }
    names = {c.code: c.name for c in DEFAULT_CARRIERS}
    assert names["YTO"] == "圆通"
    assert names["DBL"] == "德邦"


@pytest.mark.parametrize(
    "number", ["YT8962646785389", "SF1385628716739", "JT5261988016578", "JDX024407261700", "DPK202252612836"]
)
def test_letter_prefix_is_one_certain_candidate(number: str) -> None:
    candidates = detect_carrier(number, preferred=["STO", "YUNDA"])
    assert len(candidates) == 1
    assert candidates[0].certain
    assert candidates[0].score == 1.0


def test_numeric_collision_returns_both_ranked_by_specificity() -> None:
    candidates = detect_carrier("433123456789012")
    assert [c.code for c in candidates] == ["STO", "YUNDA"]
    assert not any(c.certain for c in candidates)
    assert candidates[0].score > candidates[1].score
    assert all(0 < c.score < 1 for c in candidates)


def test_preferred_carriers_break_ties_in_their_order() -> None:
    assert [c.code for c in detect_carrier("433123456789012", preferred=["YUNDA"])] == ["YUNDA", "STO"]
    assert [c.code for c in detect_carrier("433123456789012", preferred=["sto", "YUNDA"])] == ["STO", "YUNDA"]
    # A preferred carrier that does not match is simply absent.
    assert [c.code for c in detect_carrier("433123456789012", preferred=["ZTO"])] == ["STO", "YUNDA"]


def test_sto_77_collides_with_zto_older_form_and_wins_on_prefix() -> None:
    codes = [c.code for c in detect_carrier("77321234567890")]
    assert codes == ["STO", "ZTO"]
    assert [c.code for c in detect_carrier("77321234567890", preferred=["ZTO"])] == ["ZTO", "STO"]


def test_current_zto_form_ranks_above_its_older_form() -> None:
    current = detect_carrier("73610555582883")[0]
    older = detect_carrier("79610555582883")[0]
    assert current.code == older.code == "ZTO"
    assert current.score > older.score


def test_nothing_matches_gives_empty_list() -> None:
    assert detect_carrier("ZZ12345") == []
    assert detect_carrier("") == []


def test_custom_carrier_table_is_used() -> None:
    cainiao = CarrierSpec("CN", "菜鸟", "95187", (r"621\d{12}",))
    best = CarrierSpec("HTKY", "百世", "95320", (r"\d{15}",))
    table = (cainiao, best)
    assert [c.code for c in detect_carrier("621234567890123", table)] == ["CN", "HTKY"]
    assert [c.code for c in detect_carrier("773277027280336", table)] == ["HTKY"]
    assert detect_carrier("YT8962646785389", table) == []
    parsed = parse_waybill("621234567890123", carriers=table)
    assert parsed is not None
    assert parsed.best is not None
    assert parsed.best.name == "菜鸟"


def test_letter_prefix_matched_by_two_custom_carriers_is_not_certain() -> None:
    table = (CarrierSpec("A", "甲", "1", (r"AB\d{10}",)), CarrierSpec("B", "乙", "2", (r"[A-Z]{2}\d{10}",)))
    candidates = detect_carrier("AB1234567890", table)
    assert [c.code for c in candidates] == ["A", "B"]
    assert not any(c.certain for c in candidates)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("７７３２７７０２７２８０３３６", "773277027280336"),
        ("ｙｔ８９６２６４６７８５３８９", "YT8962646785389"),
        ("'773277027280336", "773277027280336"),
        ("773277027280336.0", "773277027280336"),
        ("7.73277027280336E+14", "773277027280336"),
        ("  7736 1055 5582 883 ", "773610555582883"),
        ("7736-1055-5582-883", "773610555582883"),
        ("sf1385628716739", "SF1385628716739"),
        ("\u200bJT5261988016578\ufeff", "JT5261988016578"),
        ("JDX024407261700-1-1-", "JDX024407261700"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise_waybill(text) == expected


def test_normalise_never_invents_digits() -> None:
    # Excel's rounded scientific form lost digits; we must not pad it with zeros into a wrong number.
    assert normalise_waybill("7.73277E+14") == "7.73277E+14"
    assert parse_waybill("7.73277E+14") is None


@pytest.mark.parametrize(
    "text",
    ["12345", "YTABCDEFGHIJK", "13812345678", "", "   ", "11010519491231002X", "ABCDEFGH12"],
)
def test_parse_refuses_implausible_text(text: str) -> None:
    assert parse_waybill(text) is None


def test_parse_known_number_with_candidates() -> None:
    parsed = parse_waybill(" '７７３２７７０２７２８０３３６.0")
    assert parsed is not None
    assert parsed.number == "773277027280336"
    assert parsed.best is not None
    assert parsed.best.code == "STO"


def test_parse_unknown_but_plausible_number_has_no_candidates() -> None:
    parsed = parse_waybill("2512345678901234")
    assert parsed is not None
    assert parsed.number == "2512345678901234"
    assert parsed.candidates == ()
    assert parsed.best is None
    assert parse_waybill("25123456789") is None  # 11 digits, no pattern: too short to keep unknown


def numbers(text: str, preferred: tuple[str, ...] = ()) -> list[str]:
    return [p.number for p in extract_waybills(text, preferred=preferred)]


def test_extract_from_wechat_message() -> None:
    text = "麻烦查下 YT8962646785389 和 73610555582883，谢谢"
    found = extract_waybills(text)
    assert [p.number for p in found] == ["YT8962646785389", "73610555582883"]
    assert [p.best.code if p.best else None for p in found] == ["YTO", "ZTO"]


def test_extract_from_pasted_excel_column() -> None:
    text = "运单号\r\n'773277027280336\r\n463431409940372.0\r\n\r\n'JT5261988016578\r\n1207119765021.0\r\n"
    assert numbers(text) == ["773277027280336", "463431409940372", "JT5261988016578", "1207119765021"]


def test_extract_full_width_and_chinese_glued() -> None:
    text = "单号７７３２７７０２７２８０３３６未到，另一个是SF1385628716739已签收DPK202252612836退回"
    assert numbers(text) == ["773277027280336", "SF1385628716739", "DPK202252612836"]


def test_extract_removes_duplicates_keeping_first_order() -> None:
    text = "73610555582883\nYT8962646785389\n７３６１０５５５５８２８８３\n'73610555582883.0\nyt8962646785389"
    assert numbers(text) == ["73610555582883", "YT8962646785389"]


def test_extract_skips_phones_dates_times_and_amounts() -> None:
    text = (
        "收件人张三 13812345678，+8613912345678，座机0571-88886666，"
        "下单20261122，时间2026-11-22 18:00，扫描202611221800，20261122180000，"
        "金额¥12345678901.50 价格3123456789012.35元 身份证11010519491231002X"
    )
    assert numbers(text) == []


def test_extract_among_noise_keeps_only_waybills() -> None:
    text = "2026-11-22 18:00 张三13812345678 运单773277027280336 运费12.50元"
    found = extract_waybills(text)
    assert [p.number for p in found] == ["773277027280336"]


def test_extract_spaced_groups_are_joined() -> None:
    text = "单号 7736 1055 5582 883 和 YT 8962 6467 8538 9 还有 DPK 202252612836"
    assert numbers(text) == ["773610555582883", "YT8962646785389", "DPK202252612836"]


def test_extract_two_spaced_numbers_are_not_glued() -> None:
    text = "7736 1055 5582 883 7736 1055 5582 884"
    assert numbers(text) == ["773610555582883", "773610555582884"]


def test_extract_spaced_phones_and_landlines_are_not_joined() -> None:
    assert numbers("电话 138 1234 5678 或 0571 8888 6666 或 0571-8888-6666") == []


def test_extract_adjacent_full_numbers_stay_separate() -> None:
    assert numbers("773277027280336 463431409940372") == ["773277027280336", "463431409940372"]


def test_extract_keeps_plausible_unknown_format() -> None:
    found = extract_waybills("这个单号 2512345678901234 查不到")
    assert [(p.number, p.candidates) for p in found] == [("2512345678901234", ())]


def test_extract_passes_preferred_and_carriers_through() -> None:
    found = extract_waybills("433123456789012", preferred=("YUNDA",))
    assert [c.code for c in found[0].candidates] == ["YUNDA", "STO"]
    table = (CarrierSpec("CN", "菜鸟", "95187", (r"621\d{12}",)),)
    found = extract_waybills("菜鸟 621 2345 6789 0123 到了吗", carriers=table)
    assert [(p.number, p.best.code if p.best else None) for p in found] == [("621234567890123", "CN")]


def test_extract_nothing_from_empty_text() -> None:
    assert extract_waybills("") == []
    assert extract_waybills("运单号\n\n") == []
