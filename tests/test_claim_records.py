"""Claim records (理赔) on real databases: registration with its LP number and the compensation worked out by hand,
"转理赔" from a stuck or a complaint case, and edits refused when stale, impossible or on an ended claim."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.cases import get_case, update_case
from app.cases import timeline as case_timeline
from app.claims.compensation import set_freight_multiple
from app.claims.records import (
    ClaimFacts,
    NewClaim,
    create_claim,
    facts_from_case,
    preview_compensation,
    update_claim,
)
from app.complaints import NewComplaint, log_complaint
from app.errors import ConflictError, ValidationError
from db.engine import Database
from db.models import AuditEntry, Claim, Waybill
from tests.claim_records_helpers import (
    RECIPIENT_PHONE,
    SENDER_PHONE,
    UNINSURED,
    YTO,
    ZTO,
    D,
    audit_actions,
    count,
    edit,
    ended,
    frozen_clock,
    parcel,
    register,
    sqlite_only,
    stored,
    stuck_case,
    timeline_texts,
)
from tests.conftest import MANAGER_PIN

# --- registration -----------------------------------------------------------------------------------------------


def test_the_claim_number_is_lp_the_outlets_local_date_and_the_id(
    database: Database, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    late_evening = datetime(2026, 10, 21, 15, 59, 59, tzinfo=UTC)  # 23:59:59 on 10-21 in Shanghai
    frozen_clock(monkeypatch, late_evening)
    first = register(database, clerk)
    frozen_clock(monkeypatch, late_evening + timedelta(seconds=1))  # 00:00 on 10-22 there, still 10-21 in UTC
    second = register(database, clerk, number=ZTO)
    assert first.claim_no == f"LP20261021{first.id:05d}"
    assert second.claim_no == f"LP20261022{second.id:05d}"
    assert re.fullmatch(r"LP\d{8}\d{5}", first.claim_no) and len(first.claim_no) == 15
    assert first.created_at == late_evening
    assert stored(database, first.id).claim_no == first.claim_no  # the provisional number did not stay


def test_registration_creates_the_waybill_once_and_audits_the_opening(database: Database, clerk: Actor) -> None:
    assert count(database, Waybill) == 0
    claim = register(database, clerk)
    assert (claim.waybill_no, claim.carrier, claim.status, claim.status_label) == (YTO, "YTO", "registered", "登记")
    assert claim.is_open and claim.closed_at is None and claim.case_id is None
    again = register(database, clerk, number=YTO)  # a second claim on the same parcel reuses the waybill
    assert count(database, Waybill) == 1 and again.waybill_no == YTO and again.claim_no != claim.claim_no
    with database.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.entity_id == claim.id)
        ).one()
    assert (entry.action, entry.operator_id) == ("open", clerk.id)
    assert entry.changes == {"claim_no": claim.claim_no, "case_id": None}


def test_form_text_is_trimmed_and_blank_text_stored_as_nothing(database: Database, clerk: Actor) -> None:
    facts = ClaimFacts(
        actual_loss=D(100), freight=D(10), claimant_name="  张先生　", item=" ", payee="\t李四 ", claimant_phone=" "
    )
    claim = register(database, clerk, facts)
    row = stored(database, claim.id)
    assert (row.claimant_name, row.item, row.payee, row.claimant_phone) == ("张先生", None, "李四", None)


# Each figure worked by hand from the rules in app/claims/compensation.py with the default multiple 3.
WORKED = [
    pytest.param(
        ClaimFacts(insured=True, insured_value=D(2000), actual_loss=D(1500)),
        D("1500.00"),  # min(2000, 1500)
        [
            "【采用】已保价：按保价金额2,000.00元与实际损失1,500.00元中较低者1,500.00元赔偿，为1,500.00元。",
            "应赔金额：1,500.00元。",
        ],
        id="insured-loss-lower",
    ),
    pytest.param(
        ClaimFacts(insured=True, insured_value=D(800), actual_loss=D(1500), freight=D(12)),
        D("800.00"),  # min(800, 1500); an insured parcel has no freight cap
        [
            "【采用】已保价：按保价金额800.00元与实际损失1,500.00元中较低者800.00元赔偿，为800.00元。",
            "应赔金额：800.00元。",
        ],
        id="insured-value-lower",
    ),
    pytest.param(
        ClaimFacts(insured=True, insured_value=D(2000), declared_value=D(1200)),
        D("1200.00"),  # no proven loss: the declared value stands in
        [
            "【采用】已保价：按保价金额2,000.00元与实际损失1,200.00元中较低者1,200.00元赔偿，为1,200.00元。",
            "应赔金额：1,200.00元。",
        ],
        id="insured-declared",
    ),
    pytest.param(
        UNINSURED,
        D("36.00"),  # civil law 800 against 12 × 3 = 36: the lower, 36
        [
            "【参考】未保价：依民法按实际损失800.00元赔偿，为800.00元。",
            "【采用】未保价：依承运条款，赔偿以运费12.00元的3倍为上限，为36.00元。",
            "应赔金额：36.00元。",
        ],
        id="uninsured-cap-lower",
    ),
    pytest.param(
        ClaimFacts(actual_loss=D(20), freight=D(12)),
        D("20.00"),  # 20 is below 36
        [
            "【采用】未保价：依民法按实际损失20.00元赔偿，为20.00元。",
            "【参考】未保价：依承运条款，赔偿以运费12.00元的3倍为上限，为36.00元。",
            "应赔金额：20.00元。",
        ],
        id="uninsured-loss-lower",
    ),
    pytest.param(
        ClaimFacts(loss_type="late", loss_extent=None, freight=D(15), declared_value=D(900)),
        D("15.00"),  # late: only the freight is waived; the declared value is no proven loss
        ["【采用】延误：免收运费15.00元。", "应赔金额：15.00元。"],
        id="late",
    ),
    pytest.param(
        ClaimFacts(loss_extent="half", actual_loss=D(600), freight=D(200)),
        D("300.00"),  # half of 600 against 200 × 3 = 600
        [
            "【采用】未保价：依民法按实际损失600.00元的50%（半损）赔偿，为300.00元。",
            "【参考】未保价：依承运条款，赔偿以运费200.00元的3倍为上限，为600.00元。",
            "应赔金额：300.00元。",
        ],
        id="half",
    ),
    pytest.param(
        ClaimFacts(loss_type="short", loss_extent="items_short", quantity=7, quantity_short=3, actual_loss=D(100)),
        None,  # no freight: an uninsured claim has no cap to compare with
        None,
        id="short-without-freight",
    ),
    pytest.param(
        ClaimFacts(
            loss_type="short",
            loss_extent="items_short",
            quantity=7,
            quantity_short=3,
            actual_loss=D(100),
            freight=D(50),
        ),
        D("42.86"),  # 100 × 3/7 = 42.857… rounds half up to 42.86; the cap is 150
        [
            "【采用】未保价：依民法按实际损失100.00元的3/7（短少3件，共7件）赔偿，为42.86元。",
            "【参考】未保价：依承运条款，赔偿以运费50.00元的3倍为上限，为150.00元。",
            "应赔金额：42.86元。",
        ],
        id="items-short-pro-rata",
    ),
]


@pytest.mark.parametrize(("facts", "amount", "lines"), WORKED)
def test_registration_stores_the_compensation_worked_out(
    database: Database, clerk: Actor, facts: ClaimFacts, amount: Decimal | None, lines: list[str] | None
) -> None:
    claim = register(database, clerk, facts)
    row = stored(database, claim.id)
    assert row.computed_amount == amount and claim.computed_amount == amount
    assert (row.rule_text.splitlines() if row.rule_text else None) == lines
    assert claim.rule_text == row.rule_text
    if amount is None:
        assert claim.compensation is None
    else:
        assert claim.compensation is not None and claim.compensation.amount == amount
        assert claim.compensation_problem is None


@pytest.mark.parametrize(
    ("facts", "sentence"),
    [
        (ClaimFacts(freight=D(12)), "请填写实际损失或申报价值。"),
        (ClaimFacts(insured=True, actual_loss=D(300)), "已保价的件请填写保价金额。"),
        (ClaimFacts(actual_loss=D(300)), "请填写运费：未保价的件按运费倍数计上限，延误按运费免收。"),
        (ClaimFacts(loss_type="late", loss_extent=None), "请填写运费：未保价的件按运费倍数计上限，延误按运费免收。"),
        (
            ClaimFacts(loss_extent="items_short", quantity=3, quantity_short=5, actual_loss=D(90), freight=D(9)),
            "短少件数不能多于总件数（3件）。",
        ),
    ],
)
def test_facts_not_enough_leave_the_amount_empty_and_say_why(
    database: Database, clerk: Actor, facts: ClaimFacts, sentence: str
) -> None:
    claim = register(database, clerk, facts)
    row = stored(database, claim.id)
    assert (row.computed_amount, row.rule_text) == (None, None)
    assert (claim.computed_amount, claim.rule_text, claim.compensation) == (None, None, None)
    assert claim.compensation_problem == sentence
    assert audit_actions(database, claim.id) == ["open"]  # registered all the same


def test_the_outlets_freight_multiple_is_used(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        set_freight_multiple(session, D("2.5"), actor=clerk, manager_pin=MANAGER_PIN)
    claim = register(database, clerk)
    assert claim.computed_amount == D("30.00")  # 12 × 2.5, still below the loss of 800
    assert "运费12.00元的2.5倍为上限，为30.00元" in (claim.rule_text or "")
    with database.read() as session:
        preview = preview_compensation(session, ClaimFacts(actual_loss=D(20), freight=D(4)))
    assert preview.amount == D("10.00")  # 4 × 2.5 = 10 is below 20


def test_impossible_facts_register_nothing(database: Database, clerk: Actor) -> None:
    with pytest.raises(ValidationError) as caught, database.write() as session:
        create_claim(session, NewClaim(YTO, ClaimFacts(actual_loss=D(-5), freight=D(12))), actor=clerk)
    assert caught.value.fields == {"actual_loss": "claim_money_negative"}
    with pytest.raises(ValidationError) as bad_number, database.write() as session:
        create_claim(session, NewClaim("12345", UNINSURED), actor=clerk)
    assert bad_number.value.fields == {"waybill_no": "bad_waybill"}
    assert (count(database, Claim), count(database, Waybill)) == (0, 0)
    with database.read() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.entity == "claim")) == 0


# --- from a case: 转理赔 ----------------------------------------------------------------------------------------


def test_a_stuck_case_is_moved_to_claim_with_the_facts_prefilled(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    parcel(
        database,
        sender_name="周老板",
        sender_phone=SENDER_PHONE,
        recipient_name="赵女士",
        recipient_phone=RECIPIENT_PHONE,
        item="电饭煲",
        quantity=2,
        declared_value=D(600),
        insured_value=D(500),
        insurance_fee=D(3),
        freight=D(18),
        cod=True,
    )
    case_id = stuck_case(
        database, clerk, detail="外箱压坏，内胆有裂纹", caller_name="赵女士", caller_phone=RECIPIENT_PHONE
    )
    with database.read() as session:
        new = facts_from_case(session, case_id)
        case_version = get_case(session, case_id).version
    assert (new.waybill_no, new.case_id, new.case_version) == (YTO, case_id, case_version)
    assert new.facts == ClaimFacts(
        loss_type="damaged",
        loss_extent="full",
        claimant_name="赵女士",
        claimant_phone=RECIPIENT_PHONE,
        claimant_relation="recipient",
        authorisation="needed",
        item="电饭煲",
        quantity=2,
        declared_value=D("600.00"),
        insured=True,
        insured_value=D("500.00"),
        insurance_fee=D("3.00"),
        freight=D("18.00"),
        freight_cod=True,
        loss_note="外箱压坏，内胆有裂纹",
    )
    with database.write() as session:
        claim = create_claim(session, new, actor=manager)
    assert claim.case_id == case_id
    assert claim.computed_amount == D("500.00")  # insured: min(500, the declared 600 standing in for the loss)
    assert [item.code for item in claim.missing][-1] == "authorisation"  # the recipient claims
    assert (claim.sender_name, claim.recipient_name, claim.facts.freight_cod) == ("周老板", "赵女士", True)
    with database.read() as session:
        case = get_case(session, case_id)
        entries = case_timeline(session, case_id)
        opened = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.action == "open")
        ).one()
    assert (case.status, case.status_label, case.is_open) == ("to_claim", "转理赔", False)
    assert case.closed_at is not None
    assert entries[-1].text == f"待处理 → 转理赔：{claim.claim_no}" and entries[-1].operator == "李站长"
    assert opened.changes == {"claim_no": claim.claim_no, "case_id": case_id}


@pytest.mark.parametrize(
    ("detail", "problem_type", "loss", "extent"),
    [
        ("快递丢失了，一直找不到", None, "lost", "full"),
        ("客户说少件，少了一盒", None, "short", "items_short"),
        ("外箱破损，里面的杯子碎了", None, "damaged", "full"),
        ("物流延误三天，客户要求赔运费", None, "late", None),
        ("外箱破损，物流也延误了", None, "damaged", "full"),  # the broken goods are what the claim is about
        (None, "suspected_lost", "lost", "full"),  # the problem type's name, 疑似遗失
        (None, "short", "short", "items_short"),  # 短少
        ("客户来电询问", None, "damaged", "full"),  # nothing recognised: the usual case
    ],
)
@sqlite_only
def test_the_loss_type_is_guessed_from_the_cases_words(
    database: Database, clerk: Actor, detail: str | None, problem_type: str | None, loss: str, extent: str | None
) -> None:
    case_id = stuck_case(database, clerk, detail=detail, problem_type=problem_type)
    with database.read() as session:
        facts = facts_from_case(session, case_id).facts
    assert (facts.loss_type, facts.loss_extent, facts.loss_note) == (loss, extent, detail)


@sqlite_only
def test_who_claims_follows_the_direction_and_the_caller(database: Database, clerk: Actor) -> None:
    parcel(
        database,
        sender_name="周老板",
        sender_phone=SENDER_PHONE,
        recipient_name="赵女士",
        recipient_phone=RECIPIENT_PHONE,
    )
    outbound = stuck_case(database, clerk, direction="outbound")  # our customer sent it: the sender claims
    inbound = stuck_case(database, clerk, number=YTO)  # nobody called: the recipient, with the sender's consent
    sender_calls = stuck_case(database, clerk, caller_name="周先生", caller_phone=SENDER_PHONE)
    with database.read() as session:
        facts = {case_id: facts_from_case(session, case_id).facts for case_id in (outbound, inbound, sender_calls)}
    assert (
        facts[outbound].claimant_name,
        facts[outbound].claimant_phone,
        facts[outbound].claimant_relation,
        facts[outbound].authorisation,
    ) == ("周老板", SENDER_PHONE, "sender", "not_needed")
    assert (
        facts[inbound].claimant_name,
        facts[inbound].claimant_phone,
        facts[inbound].claimant_relation,
        facts[inbound].authorisation,
    ) == ("赵女士", RECIPIENT_PHONE, "recipient", "needed")
    assert (facts[sender_calls].claimant_name, facts[sender_calls].claimant_relation) == ("周先生", "sender")
    assert facts[sender_calls].authorisation == "not_needed"
    assert facts[inbound].insured is False and facts[inbound].insured_value is None  # the list gave no insurance


@sqlite_only
def test_the_sender_calling_is_recognised_when_the_list_masks_the_number(database: Database, clerk: Actor) -> None:
    parcel(database, sender_name="周老板", sender_phone="138****5678", recipient_phone=RECIPIENT_PHONE)
    case_id = stuck_case(database, clerk, caller_name="周老板", caller_phone=SENDER_PHONE)
    with database.read() as session:
        facts = facts_from_case(session, case_id).facts
    assert (facts.claimant_relation, facts.authorisation) == ("sender", "not_needed")


def test_a_complaint_gets_a_line_and_stays_open(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        complaint = log_complaint(
            session,
            NewComplaint(YTO, source="call", category="破损", detail="收到时外箱破损", caller_phone=RECIPIENT_PHONE),
            actor=clerk,
        )
    with database.read() as session:
        new = facts_from_case(session, complaint.id)
    assert new.facts.loss_type == "damaged" and new.facts.claimant_phone == RECIPIENT_PHONE
    with database.write() as session:
        claim = create_claim(session, new, actor=clerk)
    with database.read() as session:
        case = get_case(session, complaint.id)
        entries = case_timeline(session, complaint.id)
    assert (case.status, case.is_open, case.closed_at) == ("new", True, None)
    assert (entries[-1].text, entries[-1].channel, entries[-1].operator) == (
        f"已转理赔 {claim.claim_no}",
        "system",
        "王芳",
    )
    assert case.version > complaint.version  # the line counts as a change of the case


@pytest.mark.parametrize("kind", ["stuck", "complaint"])
def test_a_stale_case_is_refused_and_nothing_is_written(
    database: Database, clerk: Actor, manager: Actor, kind: str
) -> None:
    if kind == "stuck":
        case_id = stuck_case(database, clerk, detail="外箱破损")
    else:
        with database.write() as session:
            case_id = log_complaint(session, NewComplaint(YTO, source="call", category="破损"), actor=clerk).id
    with database.read() as session:
        form = facts_from_case(session, case_id)
        followups_before = len(case_timeline(session, case_id))
    with database.write() as session:  # somebody edits the case while the claim form is open
        update_case(session, case_id, {"priority": 2}, expected_version=form.case_version or 0, actor=manager)
    with pytest.raises(ConflictError) as caught, database.write() as session:
        create_claim(session, form, actor=clerk)
    assert caught.value.params["who"] == "李站长"
    with database.read() as session:
        case = get_case(session, case_id)
        followups = len(case_timeline(session, case_id))
        claim_entries = session.scalar(select(func.count()).where(AuditEntry.entity == "claim"))
    assert count(database, Claim) == 0 and claim_entries == 0
    assert case.status == ("pending" if kind == "stuck" else "new") and case.closed_at is None
    assert followups == followups_before


# --- editing ----------------------------------------------------------------------------------------------------


def test_an_edit_works_the_compensation_out_again(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    assert claim.computed_amount == D("36.00")
    edited = edit(database, clerk, claim.id, insured=True, insured_value=D(1000))
    assert edited.computed_amount == D("800.00")  # now insured: min(1000, 800)
    assert edited.version > claim.version
    row = stored(database, claim.id)
    assert row.computed_amount == D("800.00") and row.rule_text is not None
    assert row.rule_text.splitlines()[-1] == "应赔金额：800.00元。"
    with database.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.action == "update")
        ).one()
    assert entry.changes == {"insured": [False, True], "insured_value": [None, "1000"]}
    emptied = edit(database, clerk, claim.id, insured_value=None)  # insured without a value: cannot be worked out
    assert (emptied.computed_amount, emptied.rule_text) == (None, None)
    assert emptied.compensation_problem == "已保价的件请填写保价金额。"
    assert stored(database, claim.id).computed_amount is None


def test_a_stale_form_is_refused_naming_who_saved(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    edit(database, manager, claim.id, actual_loss=D(500))
    with pytest.raises(ConflictError) as caught, database.write() as session:
        update_claim(session, claim.id, {"actual_loss": D(20)}, expected_version=claim.version, actor=clerk)
    assert caught.value.params["who"] == "李站长" and "李站长" in caught.value.message()
    assert stored(database, claim.id).actual_loss == D("500.00")


@pytest.mark.parametrize("name", ["colour", "computed_amount", "rule_text", "status", "claim_no"])
@sqlite_only
def test_unknown_or_derived_fields_cannot_be_set(database: Database, clerk: Actor, name: str) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(session, claim.id, {name: "x", "item": "手机"}, expected_version=claim.version, actor=clerk)
    assert caught.value.fields == {name: "invalid_input"}
    row = stored(database, claim.id)
    assert (row.version, row.item, row.computed_amount, row.status) == (claim.version, None, D("36.00"), "registered")


BAD_VALUES = [
    ("loss_type", "broken", "invalid_input"),
    ("loss_type", None, "claim_loss_type_bad"),
    ("loss_extent", "most", "invalid_input"),
    ("claimant_relation", "neighbour", "invalid_input"),
    ("authorisation", "maybe", "invalid_input"),
    ("packaging", "box", "invalid_input"),
    ("responsible_party", "god", "invalid_input"),
    ("actual_loss", D("-0.01"), "claim_money_negative"),
    ("freight", D("100000000"), "claim_money_too_big"),
    ("claimed_amount", D("12.345"), "claim_money_cents"),
    ("insured_value", D("0.001"), "claim_money_cents"),
    ("approved_amount", 12.5, "invalid_input"),  # a float is no amount of money
    ("amount_recovered", D("NaN"), "invalid_input"),
    ("declared_value", D("Infinity"), "invalid_input"),
    ("quantity", 0, "claim_quantity_bad"),
    ("quantity", True, "claim_quantity_bad"),
    ("quantity", 1.5, "claim_quantity_bad"),
    ("quantity_short", -2, "claim_quantity_bad"),
    ("responsible_share_pct", D("100.01"), "claim_share_bad"),
    ("responsible_share_pct", D("-1"), "claim_share_bad"),
    ("claimant_name", "张" * 81, "text_too_long"),
    ("item", "x" * 121, "text_too_long"),
    ("value_proof", "x" * 121, "text_too_long"),
    ("salvage", "x" * 121, "text_too_long"),
    ("payee", "x" * 81, "text_too_long"),
    ("responsible_name", "x" * 81, "text_too_long"),
    ("loss_note", "破" * 2001, "text_too_long"),
    ("claimant_phone", "打不通", "phone_unreadable"),
]


@pytest.mark.parametrize(("name", "value", "code"), BAD_VALUES)
@sqlite_only
def test_a_bad_value_is_refused_on_its_field_and_changes_nothing(
    database: Database, clerk: Actor, name: str, value: object, code: str
) -> None:
    claim = register(database, clerk)
    before = stored(database, claim.id)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(session, claim.id, {name: value}, expected_version=claim.version, actor=clerk)
    assert caught.value.fields == {name: code} and caught.value.code == code
    sentence = caught.value.message()
    assert sentence.endswith("。") and not sentence.startswith(("claim_", "text_", "phone_"))
    after = stored(database, claim.id)
    assert (after.version, getattr(after, name)) == (before.version, getattr(before, name))
    assert audit_actions(database, claim.id) == ["open"]


@sqlite_only
def test_a_share_that_is_not_a_number_is_refused_on_its_field(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(
            session, claim.id, {"responsible_share_pct": D("NaN")}, expected_version=claim.version, actor=clerk
        )
    assert "responsible_share_pct" in caught.value.fields


def test_a_share_with_more_than_two_decimals_is_refused(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(
            session, claim.id, {"responsible_share_pct": D("33.335")}, expected_version=claim.version, actor=clerk
        )
    assert "responsible_share_pct" in caught.value.fields


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("claimant_name", "张" * 80),
        ("loss_note", "破" * 2000),
        ("freight", D("99999999.99")),
        ("actual_loss", D("0.10")),
        ("responsible_share_pct", D(0)),
        ("responsible_share_pct", D(100)),
        ("quantity", 1),
        ("claimant_phone", "0571-87654321"),
        ("claimant_phone", "95554"),
    ],
)
@sqlite_only
def test_values_at_the_limits_are_accepted(database: Database, clerk: Actor, name: str, value: object) -> None:
    claim = register(database, clerk)
    edited = edit(database, clerk, claim.id, **{name: value})
    assert getattr(edited.facts, name) == value and getattr(stored(database, claim.id), name) == value


def test_every_problem_is_named_at_once(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(
            session,
            claim.id,
            {"freight": D(-1), "quantity": 0, "payee": "x" * 81},
            expected_version=claim.version,
            actor=clerk,
        )
    assert caught.value.fields == {
        "freight": "claim_money_negative",
        "quantity": "claim_quantity_bad",
        "payee": "text_too_long",
    }


def test_an_update_that_changes_nothing_is_not_recorded(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    same = edit(database, clerk, claim.id, actual_loss=D("800.00"), freight=D(12), claimant_name="  张先生 ")
    assert same.version == claim.version
    assert audit_actions(database, claim.id) == ["open"]
    assert timeline_texts(database, claim.id) == [f"登记理赔 {claim.claim_no}"]


@pytest.mark.parametrize(("end", "label"), [("paid", "已赔付"), ("rejected", "驳回")])
def test_an_ended_claim_cannot_be_edited(database: Database, clerk: Actor, end: str, label: str) -> None:
    claim = ended(database, clerk, end)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(session, claim.id, {"payee": "李四"}, expected_version=claim.version, actor=clerk)
    assert caught.value.code == "claim_ended" and label in caught.value.message()
    assert stored(database, claim.id).payee is None


@sqlite_only
def test_the_ended_message_reads_well_for_a_paid_claim(database: Database, clerk: Actor) -> None:
    claim = ended(database, clerk, "paid")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        update_claim(session, claim.id, {"payee": "李四"}, expected_version=claim.version, actor=clerk)
    assert "已已" not in caught.value.message()
