"""The compensation calculator: each rule with worked figures, rounding, refusals, and the freight-multiple setting."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.claims.compensation import Compensation, LossFacts, compute, freight_multiple, set_freight_multiple
from app.errors import PermissionDenied, ValidationError
from db.engine import Database
from db.models import AuditEntry, Setting
from tests.conftest import MANAGER_PIN

D = Decimal
THREE = D(3)
DAMAGED = LossFacts(
    loss_type="damaged",
    loss_extent="full",
    declared_value=None,
    actual_loss=None,
    insured=False,
    insured_value=None,
    freight=None,
)


def facts(**changes: object) -> LossFacts:
    return replace(DAMAGED, **changes)  # type: ignore[arg-type]


def rules(result: Compensation) -> list[tuple[str, Decimal, bool]]:
    return [(o.rule, o.amount, o.chosen) for o in result.options]


def refused(item: LossFacts, multiple: Decimal = THREE) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        compute(item, freight_multiple=multiple)
    return info.value


# --- insured ---------------------------------------------------------------------------------------------------


def test_insured_pays_the_insured_value_capped_by_the_actual_loss() -> None:
    result = compute(facts(insured=True, insured_value=D(2000), actual_loss=D(1500)), freight_multiple=THREE)
    assert rules(result) == [("insured", D("1500.00"), True)]
    assert result.amount == D("1500.00") and str(result.amount) == "1500.00"
    option = result.options[0]
    assert option.label == "保价赔偿"
    assert "2,000.00" in option.text and "1,500.00" in option.text
    assert result.rule_text.splitlines() == [f"【采用】{option.text}", "应赔金额：1,500.00元。"]


def test_insured_value_below_the_loss_is_the_ceiling() -> None:
    result = compute(
        facts(insured=True, insured_value=D(1000), actual_loss=D(1500), freight=D(12)), freight_multiple=THREE
    )
    assert rules(result) == [("insured", D("1000.00"), True)]  # no carrier cap for an insured parcel


def test_insured_half_loss_pays_half_of_the_lower_figure() -> None:
    result = compute(
        facts(insured=True, insured_value=D(2000), actual_loss=D(1500), loss_extent="half"), freight_multiple=THREE
    )
    assert result.amount == D("750.00")
    assert "较低者1,500.00元的50%（半损）赔偿，为750.00元" in result.options[0].text


def test_the_declared_value_stands_in_for_a_missing_actual_loss() -> None:
    result = compute(facts(insured=True, insured_value=D(2000), declared_value=D(1800)), freight_multiple=THREE)
    assert result.amount == D("1800.00")


# --- uninsured -------------------------------------------------------------------------------------------------


def test_uninsured_shows_civil_law_and_the_carrier_cap_and_chooses_the_lower() -> None:
    result = compute(facts(actual_loss=D(800), freight=D(12)), freight_multiple=THREE)
    assert rules(result) == [("civil_law", D("800.00"), False), ("carrier_cap", D("36.00"), True)]
    assert result.amount == D("36.00")
    civil, cap = result.options
    assert civil.label == "实际损失（民法）" and cap.label == "运费倍数上限（承运条款）"
    assert "800.00" in civil.text and "12.00" in cap.text and "3倍" in cap.text and "36.00" in cap.text
    assert result.rule_text.splitlines() == [f"【参考】{civil.text}", f"【采用】{cap.text}", "应赔金额：36.00元。"]


def test_uninsured_small_loss_under_the_cap_pays_the_loss() -> None:
    result = compute(facts(actual_loss=D(20), freight=D(12)), freight_multiple=THREE)
    assert rules(result) == [("civil_law", D("20.00"), True), ("carrier_cap", D("36.00"), False)]
    assert result.amount == D("20.00")


def test_the_multiple_is_the_callers() -> None:
    result = compute(facts(actual_loss=D(800), freight=D(12)), freight_multiple=D("2.5"))
    assert rules(result)[1] == ("carrier_cap", D("30.00"), True)
    assert "2.5倍" in result.options[1].text


def test_items_short_are_paid_pro_rata() -> None:
    short = facts(loss_type="short", loss_extent="items_short", quantity=10, quantity_short=3, freight=D(100))
    result = compute(replace(short, actual_loss=D(500)), freight_multiple=THREE)
    assert rules(result) == [("civil_law", D("150.00"), True), ("carrier_cap", D("300.00"), False)]
    assert "实际损失500.00元的3/10（短少3件，共10件）赔偿，为150.00元" in result.options[0].text
    insured = compute(replace(short, actual_loss=D(500), insured=True, insured_value=D(400)), freight_multiple=THREE)
    assert insured.amount == D("120.00")  # 3/10 of the lower of 400 and 500


def test_half_loss_pays_half() -> None:
    result = compute(facts(loss_extent="half", actual_loss=D(600), freight=D(200)), freight_multiple=THREE)
    assert rules(result) == [("civil_law", D("300.00"), True), ("carrier_cap", D("600.00"), False)]


# --- late ------------------------------------------------------------------------------------------------------


def test_late_waives_the_freight_and_pays_no_goods() -> None:
    result = compute(
        facts(loss_type="late", loss_extent=None, freight=D(15), declared_value=D(900)), freight_multiple=THREE
    )
    assert rules(result) == [("freight_waived", D("15.00"), True)]
    assert result.amount == D("15.00")
    assert result.options[0].label == "免收运费（延误）"
    assert result.rule_text.splitlines() == ["【采用】延误：免收运费15.00元。", "应赔金额：15.00元。"]


def test_late_with_a_proven_loss_adds_the_goods() -> None:
    result = compute(facts(loss_type="late", freight=D(15), actual_loss=D(30)), freight_multiple=THREE)
    assert rules(result) == [
        ("freight_waived", D("15.00"), True),
        ("civil_law", D("30.00"), True),
        ("carrier_cap", D("45.00"), False),
    ]
    assert result.amount == D("45.00")


# --- rounding and language -------------------------------------------------------------------------------------


def test_amounts_round_half_up_to_the_fen() -> None:
    thirds = facts(loss_extent="items_short", quantity=7, quantity_short=3, actual_loss=D(100), freight=D(50))
    assert compute(thirds, freight_multiple=THREE).amount == D("42.86")  # 42.857…
    half_fen = facts(loss_extent="half", actual_loss=D("0.05"), freight=D(10))
    assert compute(half_fen, freight_multiple=THREE).amount == D("0.03")  # 0.025 rounds up, not to even
    cap = compute(facts(actual_loss=D(900), freight=D("12.35")), freight_multiple=D("1.5"))
    assert cap.amount == D("18.53")  # 18.525
    assert all(o.amount.as_tuple().exponent == -2 for o in cap.options)


def test_the_rule_text_reads_in_english_when_asked() -> None:
    result = compute(facts(actual_loss=D(800), freight=D(12)), freight_multiple=THREE, lang="en")
    assert result.options[1].label == "Freight multiple cap (carrier terms)"
    assert result.rule_text.splitlines()[-1] == "Compensation due: ¥36.00."


# --- refusals --------------------------------------------------------------------------------------------------


def test_negative_money_is_refused_with_the_field_marked() -> None:
    error = refused(facts(actual_loss=D(-1), freight=D(12)))
    assert error.code == "claim_money_negative" and error.fields == {"actual_loss": "claim_money_negative"}
    assert error.message() == "金额不能为负数。"
    assert refused(facts(actual_loss=D(10), freight=D("-0.01"))).fields == {"freight": "claim_money_negative"}


def test_more_items_short_than_items_is_refused() -> None:
    error = refused(facts(loss_extent="items_short", quantity=3, quantity_short=5, actual_loss=D(90), freight=D(9)))
    assert error.code == "claim_quantity_short_too_many"
    assert error.message() == "短少件数不能多于总件数（3件）。"
    assert error.message("en") == "Items short cannot exceed the number of items (3)."


@pytest.mark.parametrize(
    ("item", "field", "code"),
    [
        (facts(loss_type="broken", actual_loss=D(1), freight=D(1)), "loss_type", "claim_loss_type_bad"),
        (facts(loss_extent="most", actual_loss=D(1), freight=D(1)), "loss_extent", "claim_extent_bad"),
        (
            facts(loss_extent="items_short", quantity=4, actual_loss=D(1), freight=D(1)),
            "quantity_short",
            "claim_quantity_needed",
        ),
        (
            facts(loss_extent="items_short", quantity=0, quantity_short=0, actual_loss=D(1), freight=D(1)),
            "quantity",
            "claim_quantity_bad",
        ),
        (facts(freight=D(12)), "actual_loss", "claim_loss_needed"),
        (facts(actual_loss=D(100)), "freight", "claim_freight_needed"),
        (facts(loss_type="late"), "freight", "claim_freight_needed"),
        (facts(insured=True, actual_loss=D(100)), "insured_value", "claim_insured_value_needed"),
        (facts(actual_loss=D("100000000"), freight=D(1)), "actual_loss", "claim_money_too_big"),
    ],
)
def test_impossible_or_missing_facts_are_refused(item: LossFacts, field: str, code: str) -> None:
    error = refused(item)
    assert error.fields[field] == code and error.code == code
    assert error.message() and not error.message().startswith("claim_")  # a catalogue sentence, not the code


def test_a_multiple_of_zero_is_refused() -> None:
    assert refused(facts(actual_loss=D(1), freight=D(1)), D(0)).fields == {"freight_multiple": "claim_multiple_bad"}


# --- the setting -----------------------------------------------------------------------------------------------


def test_the_multiple_defaults_to_three(database: Database) -> None:
    with database.read() as session:
        assert freight_multiple(session) == D(3)


def test_a_manager_pin_changes_the_multiple(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        assert set_freight_multiple(session, D("2.50"), actor=clerk, manager_pin=MANAGER_PIN) == D("2.5")
    with database.read() as session:
        multiple = freight_multiple(session)
        assert multiple == D("2.5")
        assert session.get(Setting, "claim_freight_multiple").value == "2.5"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).one()
        assert entry.operator_id == manager.id  # attributed to the manager who approved it
    result = compute(facts(actual_loss=D(800), freight=D(12)), freight_multiple=multiple)
    assert result.amount == D("30.00")


def test_the_multiple_is_refused_without_a_manager_pin(database: Database, clerk: Actor, manager: Actor) -> None:
    for pin in (None, "0000"):
        with database.write() as session, pytest.raises(PermissionDenied):
            set_freight_multiple(session, 5, actor=clerk, manager_pin=pin)
    with database.read() as session:
        assert freight_multiple(session) == D(3)
        assert session.get(Setting, "claim_freight_multiple") is None


@pytest.mark.parametrize("value", ["0", "-1", "101", "2.555", "abc", True])
def test_a_bad_multiple_is_refused_before_the_pin(
    database: Database, clerk: Actor, manager: Actor, value: object
) -> None:
    with database.write() as session, pytest.raises(ValidationError) as info:
        set_freight_multiple(session, value, actor=clerk, manager_pin=MANAGER_PIN)  # type: ignore[arg-type]
    assert info.value.code == "bad_setting" and info.value.fields == {"claim_freight_multiple": "bad_setting"}
    with database.read() as session:
        assert freight_multiple(session) == D(3)
