"""Claim records (理赔) on real databases: registration with its LP number and the compensation worked out by hand,
"转理赔" from a stuck or a complaint case, edits refused when stale, impossible or on an ended claim, the evidence
checklist by loss type, the workflow with its guards, photos, the timeline and finding a claim by what is typed."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

import db.base
from app.actor import Actor
from app.attachments.store import AttachmentView
from app.carriers import find_or_create_waybill
from app.cases import NewCase, add_followup, get_case, open_case, update_case
from app.cases import timeline as case_timeline
from app.claims.compensation import set_freight_multiple
from app.claims.records import (
    ClaimFacts,
    ClaimView,
    NewClaim,
    add_photo,
    attachments,
    create_claim,
    facts_from_case,
    find_claim,
    get_claim,
    move_claim,
    photos,
    preview_compensation,
    remove_photo,
    set_evidence,
    timeline,
    update_claim,
)
from app.complaints import NewComplaint, log_complaint
from app.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from db.engine import Database
from db.models import Attachment, AttachmentLink, AuditEntry, Case, Claim, Waybill
from tests.conftest import MANAGER_PIN

D = Decimal
YTO, ZTO = "YT8962646785389", "73610555582883"
SENDER_PHONE, RECIPIENT_PHONE = "13812345678", "13900001111"
# uninsured, damaged: the civil-law loss 800.00 against the cap 12.00 × 3 = 36.00; the cap is lower
UNINSURED = ClaimFacts(actual_loss=D(800), freight=D(12), claimant_name="张先生", claimant_phone=SENDER_PHONE)
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


# --- helpers ----------------------------------------------------------------------------------------------------


def register(database: Database, actor: Actor, facts: ClaimFacts = UNINSURED, number: str = YTO) -> ClaimView:
    with database.write() as session:
        return create_claim(session, NewClaim(number, facts), actor=actor)


def fresh(database: Database, claim_id: int) -> ClaimView:
    with database.read() as session:
        return get_claim(session, claim_id)


def stored(database: Database, claim_id: int) -> Claim:
    with database.read() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        session.expunge(claim)
        return claim


def audit_actions(database: Database, claim_id: int) -> list[str]:
    with database.read() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity == "claim", AuditEntry.entity_id == claim_id)
                .order_by(AuditEntry.id)
            )
        )


def count(database: Database, model: type) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def edit(database: Database, actor: Actor, claim_id: int, **changes: Any) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return update_claim(session, claim_id, changes, expected_version=version, actor=actor)


def tick(database: Database, actor: Actor, claim_id: int, **ticks: bool) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return set_evidence(session, claim_id, ticks, expected_version=version, actor=actor)


def tick_needed(database: Database, actor: Actor, claim_id: int) -> ClaimView:
    needed = {item.code: True for item in fresh(database, claim_id).evidence if item.needed}
    return tick(database, actor, claim_id, **needed)


def move(database: Database, actor: Actor, claim_id: int, status: str, **kw: Any) -> ClaimView:
    with database.write() as session:
        version = get_claim(session, claim_id).version
        return move_claim(session, claim_id, status, expected_version=version, actor=actor, **kw)


def timeline_texts(database: Database, claim_id: int) -> list[str]:
    with database.read() as session:
        return [entry.text for entry in timeline(session, claim_id)]


def ended(database: Database, actor: Actor, end: str) -> ClaimView:
    claim = register(database, actor)
    tick_needed(database, actor, claim.id)
    move(database, actor, claim.id, "submitted")
    if end == "paid":
        move(database, actor, claim.id, "reviewed", approved_amount=D(36))
        return move(database, actor, claim.id, "paid")
    return move(database, actor, claim.id, "rejected", note="外包装完好，不予受理")


def parcel(database: Database, number: str = YTO, **values: Any) -> None:
    """The parcel as the carrier's list described it."""
    with database.write() as session:
        waybill = find_or_create_waybill(session, number)
        for name, value in values.items():
            setattr(waybill, name, value)


def stuck_case(database: Database, actor: Actor, number: str = YTO, **kw: Any) -> int:
    with database.write() as session:
        return open_case(session, NewCase(kind="stuck", waybill_no=number, **kw), actor=actor).id


def picture(fmt: str = "JPEG", colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, colour)
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def frozen_clock(monkeypatch: pytest.MonkeyPatch, at: datetime) -> None:
    """Stamp rows (created_at, audit times) with `at`: the mixins' default calls db.base's datetime.now."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return at.astimezone(tz) if tz is not None else at

    monkeypatch.setattr(db.base, "datetime", Frozen)


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


# --- evidence ---------------------------------------------------------------------------------------------------


def test_ticks_are_stored_and_audited(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    ticked = tick(database, clerk, claim.id, outer_photos=True, id_card=True)
    assert {item.code for item in ticked.evidence if item.ticked} == {"outer_photos", "id_card"}
    assert ticked.version == claim.version + 1
    assert stored(database, claim.id).evidence == {"outer_photos": True, "id_card": True}
    unticked = tick(database, clerk, claim.id, outer_photos=False, id_card=True)  # only outer_photos changes
    assert stored(database, claim.id).evidence == {"outer_photos": False, "id_card": True}
    assert [item.code for item in unticked.evidence if item.ticked] == ["id_card"]
    same = tick(database, clerk, claim.id, id_card=True)
    assert same.version == unticked.version
    with database.read() as session:
        changes = list(
            session.scalars(select(AuditEntry.changes).where(AuditEntry.action == "evidence").order_by(AuditEntry.id))
        )
    assert changes == [{"outer_photos": True, "id_card": True}, {"outer_photos": False}]


@sqlite_only
def test_an_unknown_item_is_refused(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        set_evidence(session, claim.id, {"selfie": True, "id_card": True}, expected_version=claim.version, actor=clerk)
    assert caught.value.fields == {"selfie": "invalid_input"}
    assert stored(database, claim.id).evidence == {} and audit_actions(database, claim.id) == ["open"]


@sqlite_only
def test_a_stale_checklist_is_refused(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    tick(database, manager, claim.id, id_card=True)
    with pytest.raises(ConflictError) as caught, database.write() as session:
        set_evidence(session, claim.id, {"id_card": False}, expected_version=claim.version, actor=clerk)
    assert caught.value.params["who"] == "李站长"
    assert stored(database, claim.id).evidence == {"id_card": True}


PHYSICAL = ["outer_photos", "contents_photos", "packing_kept"]


@pytest.mark.parametrize(
    ("loss", "relation", "needed"),
    [
        ("damaged", "sender", [*PHYSICAL, "waybill_receipt", "purchase_proof", "id_card"]),
        ("short", "sender", [*PHYSICAL, "unboxing_video", "waybill_receipt", "purchase_proof", "id_card"]),
        ("lost", "sender", ["waybill_receipt", "purchase_proof", "id_card"]),  # nothing left to photograph
        ("late", "sender", ["waybill_receipt", "id_card"]),
        ("lost", "recipient", ["waybill_receipt", "purchase_proof", "id_card", "authorisation"]),
        ("damaged", "recipient", [*PHYSICAL, "waybill_receipt", "purchase_proof", "id_card", "authorisation"]),
    ],
)
@sqlite_only
def test_the_checklist_needs_what_the_loss_type_and_the_claimant_need(
    database: Database, clerk: Actor, loss: str, relation: str, needed: list[str]
) -> None:
    extent = {"late": None, "short": "items_short"}.get(loss, "full")
    facts = ClaimFacts(loss_type=loss, loss_extent=extent, claimant_relation=relation, freight=D(10))
    claim = register(database, clerk, facts)
    assert len(claim.evidence) == 8  # every item is shown, needed or not
    assert [item.code for item in claim.evidence if item.needed] == needed
    assert [item.code for item in claim.missing] == needed
    after = tick(database, clerk, claim.id, waybill_receipt=True, outer_photos=True)
    expected_missing = len(needed) - 1 - (1 if "outer_photos" in needed else 0)
    assert len(after.missing) == expected_missing
    assert "waybill_receipt" not in {item.code for item in after.missing}


def test_changing_the_claimant_changes_what_is_needed(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk, replace(UNINSURED, loss_type="lost"))
    assert "authorisation" not in {item.code for item in claim.missing}
    recipient = edit(database, clerk, claim.id, claimant_relation="recipient", authorisation="needed")
    assert [item.code for item in recipient.missing][-1] == "authorisation"
    assert (recipient.label("claimant_relation"), recipient.label("authorisation")) == (
        "收件人（寄件人授权）",
        "需要，待收",
    )
    assert (recipient.label("loss_type"), recipient.label("responsible_party")) == ("丢失", "")


# --- workflow ---------------------------------------------------------------------------------------------------


def test_the_whole_way_to_paid(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    steps = [
        ("missing_docs", "材料待补", {"note": "等客户补开箱照片"}),
        ("registered", "登记", {}),
    ]
    for status, label, kw in steps:
        moved = move(database, clerk, claim.id, status, **kw)
        assert (moved.status, moved.status_label, moved.closed_at, moved.is_open) == (status, label, None, True)
    tick_needed(database, clerk, claim.id)
    submitted = move(database, clerk, claim.id, "submitted")
    assert submitted.status == "submitted" and submitted.missing == []
    reviewed = move(database, manager, claim.id, "reviewed", approved_amount=D("36.00"))
    assert (reviewed.status_label, reviewed.facts.approved_amount) == ("已审核", D("36.00"))
    assert stored(database, claim.id).approved_amount == D("36.00")
    before = datetime.now(UTC)
    paid = move(database, manager, claim.id, "paid")  # the approved amount is already stored
    assert (paid.status, paid.status_label, paid.is_open) == ("paid", "已赔付", False)
    assert paid.closed_at is not None and before - timedelta(seconds=5) <= paid.closed_at <= datetime.now(UTC)
    row = stored(database, claim.id)
    assert row.status == "paid" and row.closed_at is not None


@pytest.mark.parametrize(
    ("path", "target", "from_label", "to_label"),
    [
        ([], "reviewed", "登记", "已审核"),
        ([], "paid", "登记", "已赔付"),
        ([], "rejected", "登记", "驳回"),
        ([], "registered", "登记", "登记"),
        (["missing_docs"], "reviewed", "材料待补", "已审核"),
        (["submitted"], "paid", "已提交", "已赔付"),
        (["submitted"], "registered", "已提交", "登记"),
        (["submitted", "reviewed"], "missing_docs", "已审核", "材料待补"),
        (["submitted", "reviewed"], "submitted", "已审核", "已提交"),
        (["submitted", "reviewed", "paid"], "registered", "已赔付", "登记"),
        (["submitted", "rejected"], "submitted", "驳回", "已提交"),
    ],
)
@sqlite_only
def test_refused_transitions_raise(
    database: Database, clerk: Actor, path: list[str], target: str, from_label: str, to_label: str
) -> None:
    claim = register(database, clerk)
    tick_needed(database, clerk, claim.id)
    for step in path:
        move(database, clerk, claim.id, step, note="理由", approved_amount=D(36))
    current = fresh(database, claim.id)
    with pytest.raises(TransitionError) as caught, database.write() as session:
        move_claim(session, claim.id, target, expected_version=current.version, actor=clerk, note="理由")
    assert caught.value.message() == f"不能从“{from_label}”改为“{to_label}”。"
    assert stored(database, claim.id).status == current.status


@sqlite_only
def test_an_unknown_status_is_refused(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        move_claim(session, claim.id, "approved", expected_version=claim.version, actor=clerk)
    assert caught.value.code == "unknown_status"


def test_submitting_is_refused_while_needed_evidence_is_missing(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk, replace(UNINSURED, loss_type="lost"))  # needs 面单, 购买凭证, 身份证明
    tick(database, clerk, claim.id, id_card=True, outer_photos=True)  # photos are not needed for a lost parcel
    current = fresh(database, claim.id)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        move_claim(session, claim.id, "submitted", expected_version=current.version, actor=clerk)
    assert caught.value.code == "claim_evidence_missing"
    assert caught.value.params["count"] == 2
    assert caught.value.message() == "还缺2项材料（面单或寄件凭证、购买凭证（价值证明）），补齐后才能提交。"
    assert stored(database, claim.id).status == "registered"
    tick(database, clerk, claim.id, waybill_receipt=True, purchase_proof=True)
    assert move(database, clerk, claim.id, "submitted").status == "submitted"


def test_review_and_payment_need_an_approved_amount(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    tick_needed(database, clerk, claim.id)
    submitted = move(database, clerk, claim.id, "submitted")
    with pytest.raises(ValidationError) as caught, database.write() as session:
        move_claim(session, claim.id, "reviewed", expected_version=submitted.version, actor=manager)
    assert caught.value.fields == {"approved_amount": "claim_approved_needed"}
    assert caught.value.message() == "请先填写核定金额。"
    for bad, code in ((D(-1), "claim_money_negative"), (D("30.001"), "claim_money_cents")):
        with pytest.raises(ValidationError) as refused, database.write() as session:
            move_claim(
                session, claim.id, "reviewed", expected_version=submitted.version, actor=manager, approved_amount=bad
            )
        assert refused.value.fields == {"approved_amount": code}
    row = stored(database, claim.id)
    assert (row.status, row.approved_amount) == ("submitted", None)
    edit(database, manager, claim.id, approved_amount=D("30.00"))  # stored on the form beforehand: enough
    reviewed = move(database, manager, claim.id, "reviewed")
    assert (reviewed.status, reviewed.facts.approved_amount) == ("reviewed", D("30.00"))
    assert move(database, manager, claim.id, "paid").status == "paid"


@sqlite_only
def test_paying_without_an_approved_amount_is_refused(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    tick_needed(database, clerk, claim.id)
    move(database, clerk, claim.id, "submitted")
    move(database, clerk, claim.id, "reviewed", approved_amount=D(36))
    current = edit(database, clerk, claim.id, approved_amount=None)  # the amount taken away again on the form
    assert current.facts.approved_amount is None
    with pytest.raises(ValidationError) as caught, database.write() as session:
        move_claim(session, claim.id, "paid", expected_version=current.version, actor=clerk)
    assert caught.value.code == "claim_approved_needed"
    assert stored(database, claim.id).status == "reviewed"


def test_a_rejection_needs_a_reason(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    tick_needed(database, clerk, claim.id)
    submitted = move(database, clerk, claim.id, "submitted")
    for note in (None, "", "  　"):
        with pytest.raises(ValidationError) as caught, database.write() as session:
            move_claim(session, claim.id, "rejected", expected_version=submitted.version, actor=manager, note=note)
        assert caught.value.fields == {"note": "claim_reason_needed"}
    assert stored(database, claim.id).status == "submitted"
    rejected = move(database, manager, claim.id, "rejected", note=" 照片显示外包装完好 ")
    assert (rejected.status_label, rejected.is_open) == ("驳回", False) and rejected.closed_at is not None
    assert timeline_texts(database, claim.id)[-1] == "已提交 → 驳回：照片显示外包装完好"


@sqlite_only
def test_a_stale_move_is_refused(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    edit(database, manager, claim.id, item="手机")
    with pytest.raises(ConflictError) as caught, database.write() as session:
        move_claim(session, claim.id, "missing_docs", expected_version=claim.version, actor=clerk)
    assert caught.value.params["who"] == "李站长"
    assert stored(database, claim.id).status == "registered"


# --- photos -----------------------------------------------------------------------------------------------------


def test_photos_are_stored_and_read_back(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    jpeg, png = picture("JPEG", size=(80, 60)), picture("PNG", size=(40, 30))
    with database.write() as session:
        first = add_photo(session, claim.id, jpeg, "破损外箱.jpg", actor=clerk, label="外包装")
        second = add_photo(session, claim.id, png, "C:\\Users\\clerk\\面单.png", actor=clerk)
    with database.read() as session:
        listed = attachments(session, claim.id)
        grid = photos(session, claim.id)
    assert [(a.id, a.name, a.mime, a.width, a.height) for a in listed] == [
        (first.id, "破损外箱.jpg", "image/jpeg", 80, 60),
        (second.id, "面单.png", "image/png", 40, 30),
    ]
    assert (listed[0].label, listed[0].owner_type, listed[0].owner_id) == ("外包装", "claim", claim.id)
    assert [data for _, data in grid] == [jpeg, png]
    assert audit_actions(database, claim.id) == ["open", "attach", "attach"]


def test_a_non_image_is_refused_and_nothing_stored(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        add_photo(session, claim.id, "理赔申请书，不是图片".encode(), "申请书.jpg", actor=clerk)
    assert caught.value.code == "attachment_not_image"
    with database.read() as session:
        assert attachments(session, claim.id) == []
    assert (count(database, Attachment), count(database, AttachmentLink)) == (0, 0)
    assert audit_actions(database, claim.id) == ["open"]


def test_a_photo_is_removed_only_through_its_own_claim(database: Database, clerk: Actor) -> None:
    mine, other = register(database, clerk), register(database, clerk, number=ZTO)
    with database.write() as session:
        link = add_photo(session, mine.id, picture(), "a.jpg", actor=clerk)
    with pytest.raises(NotFoundError), database.write() as session:
        remove_photo(session, other.id, link.id, actor=clerk)
    with database.read() as session:
        assert [a.id for a in attachments(session, mine.id)] == [link.id]
    assert audit_actions(database, other.id) == ["open"]
    with database.write() as session:
        remove_photo(session, mine.id, link.id, actor=clerk)
    with database.read() as session:
        assert attachments(session, mine.id) == []
    assert (count(database, Attachment), count(database, AttachmentLink)) == (0, 0)  # the blob went with its link
    with pytest.raises(NotFoundError), database.write() as session:
        remove_photo(session, mine.id, link.id, actor=clerk)  # already gone


@sqlite_only
def test_the_photo_grid_shows_the_first_six(database: Database, clerk: Actor) -> None:
    claim = register(database, clerk)
    pictures = [picture(colour=(20 * n, 100, 100)) for n in range(8)]
    added: list[AttachmentView] = []
    with database.write() as session:
        for n, data in enumerate(pictures):
            added.append(add_photo(session, claim.id, data, f"{n}.jpg", actor=clerk))
    with database.read() as session:
        grid = photos(session, claim.id)
        three = photos(session, claim.id, limit=3)
    assert [a.id for a, _ in grid] == [a.id for a in added[:6]]
    assert [data for _, data in grid] == pictures[:6]
    assert [a.name for a, _ in three] == ["0.jpg", "1.jpg", "2.jpg"]


# --- timeline and finding ---------------------------------------------------------------------------------------


def test_the_timeline_tells_what_happened_and_who_did_it(database: Database, clerk: Actor, manager: Actor) -> None:
    claim = register(database, clerk)
    edit(database, manager, claim.id, freight=D(20), actual_loss=D(700))
    tick(database, clerk, claim.id, outer_photos=True, id_card=True)
    tick(database, clerk, claim.id, outer_photos=False)
    move(database, manager, claim.id, "missing_docs", note="等客户补开箱照片")
    with database.write() as session:
        link = add_photo(session, claim.id, picture(), "外箱.jpg", actor=clerk)
    with database.write() as session:
        remove_photo(session, claim.id, link.id, actor=manager)
    with database.read() as session:
        entries = timeline(session, claim.id)
    assert [(entry.operator, entry.text) for entry in entries] == [
        ("王芳", f"登记理赔 {claim.claim_no}"),
        ("李站长", "修改：实际损失、运费"),
        ("王芳", "材料：外包装照片已收，身份证明已收"),
        ("王芳", "材料：外包装照片取消"),
        ("李站长", "登记 → 材料待补：等客户补开箱照片"),
        ("王芳", "添加附件：外箱.jpg"),
        ("李站长", "删除附件：外箱.jpg"),
    ]
    assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)
    assert fresh(database, claim.id).computed_amount == D("60.00")  # 20 × 3 is below the loss of 700


def test_a_claim_is_found_by_its_number_or_its_id(database: Database, clerk: Actor) -> None:
    first, second = register(database, clerk), register(database, clerk, number=ZTO)
    with database.read() as session:
        assert find_claim(session, first.claim_no) == first.id
        assert find_claim(session, f"  {second.claim_no.lower()} ") == second.id
        assert find_claim(session, str(second.id)) == second.id
        for unknown in ("LP2026010100001", "99999", "", "赔付"):
            with pytest.raises(NotFoundError):
                find_claim(session, unknown)
        with pytest.raises(NotFoundError):
            get_claim(session, 99999)
        with pytest.raises(NotFoundError):
            timeline(session, 99999)


@sqlite_only
def test_a_claim_from_a_case_lists_with_the_case_link(database: Database, clerk: Actor) -> None:
    case_id = stuck_case(database, clerk, detail="整件丢失", caller_phone=RECIPIENT_PHONE)
    with database.read() as session:
        new = facts_from_case(session, case_id)
    with database.write() as session:
        claim = create_claim(session, new, actor=clerk)
        case_row = session.get(Case, case_id)
        assert case_row is not None and case_row.status == "to_claim"
    with database.read() as session:
        assert find_claim(session, claim.claim_no) == claim.id
    assert fresh(database, claim.id).case_id == case_id
    assert claim.facts.loss_type == "lost" and claim.compensation_problem == "请填写实际损失或申报价值。"


@sqlite_only
def test_a_second_claim_from_a_closed_stuck_case_only_notes_it(database: Database, clerk: Actor) -> None:
    case_id = stuck_case(database, clerk, detail="外箱破损")
    with database.read() as session:
        new = facts_from_case(session, case_id)
    with database.write() as session:
        create_claim(session, new, actor=clerk)
    with database.write() as session:
        again = create_claim(session, NewClaim(YTO, UNINSURED, case_id=case_id), actor=clerk)
    with database.read() as session:
        case = get_case(session, case_id)
        last = case_timeline(session, case_id)[-1]
    assert case.status == "to_claim" and last.text == f"已转理赔 {again.claim_no}"


@sqlite_only
def test_a_followup_by_another_clerk_also_makes_the_case_stale(
    database: Database, clerk: Actor, manager: Actor
) -> None:
    case_id = stuck_case(database, clerk, detail="外箱破损")
    with database.read() as session:
        form = facts_from_case(session, case_id)
    with database.write() as session:
        add_followup(session, case_id, "已联系收件人", actor=manager)
    with pytest.raises(ConflictError), database.write() as session:
        create_claim(session, form, actor=clerk)
    assert count(database, Claim) == 0


def test_the_parcels_weights_are_kept_on_its_waybill(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        waybill = find_or_create_waybill(session, YTO)
        waybill.weight_collected_kg = D("2.500")  # from the sent list
    claim = register(database, clerk)  # a blank weight keeps what the list gave
    assert (claim.facts.weight_collected_kg, claim.facts.weight_arrived_kg) == (D("2.500"), None)
    edited = edit(database, clerk, claim.id, weight_arrived_kg=D("1.850"))
    assert edited.weight_arrived_kg == D("1.850") and edited.facts.weight_arrived_kg == D("1.850")
    with database.read() as session:
        waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == YTO))
        assert (waybill.weight_collected_kg, waybill.weight_arrived_kg) == (D("2.500"), D("1.850"))
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.action == "update")
        ).one()
    assert entry.changes == {"weight_arrived_kg": [None, "1.850"]}
    for bad in (D("-1"), D("1.2345"), D("100000"), D("NaN")):
        with pytest.raises(ValidationError) as refused, database.write() as session:
            update_claim(session, claim.id, {"weight_arrived_kg": bad}, expected_version=edited.version, actor=clerk)
        assert refused.value.fields == {"weight_arrived_kg": "claim_weight_bad"}
