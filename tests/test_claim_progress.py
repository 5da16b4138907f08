"""Claim records (理赔) after registration: the evidence checklist by loss type, the workflow with its guards, photos,
the timeline, finding a claim by what is typed, and the parcel's weights."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.attachments.store import AttachmentView
from app.carriers import find_or_create_waybill
from app.cases import add_followup, get_case
from app.cases import timeline as case_timeline
from app.claims.records import (
    ClaimFacts,
    NewClaim,
    add_photo,
    attachments,
    create_claim,
    facts_from_case,
    find_claim,
    get_claim,
    move_claim,
    photos,
    remove_photo,
    set_evidence,
    timeline,
    update_claim,
)
from app.errors import ConflictError, NotFoundError, PermissionDenied, TransitionError, ValidationError
from db.engine import Database
from db.models import Attachment, AttachmentLink, AuditEntry, Case, Claim, Waybill
from tests.claim_records_helpers import (
    RECIPIENT_PHONE,
    UNINSURED,
    YTO,
    ZTO,
    D,
    audit_actions,
    count,
    edit,
    fresh,
    move,
    picture,
    register,
    sqlite_only,
    stored,
    stuck_case,
    tick,
    tick_needed,
    timeline_texts,
)
from tests.conftest import MANAGER_PIN

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


def test_a_photo_is_removed_only_through_its_own_claim(database: Database, clerk: Actor, manager: Actor) -> None:
    mine, other = register(database, clerk), register(database, clerk, number=ZTO)
    with database.write() as session:
        link = add_photo(session, mine.id, picture(), "a.jpg", actor=clerk)
    with pytest.raises(NotFoundError), database.write() as session:
        remove_photo(session, other.id, link.id, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert [a.id for a in attachments(session, mine.id)] == [link.id]
    assert audit_actions(database, other.id) == ["open"]
    with pytest.raises(PermissionDenied), database.write() as session:  # evidence: a clerk alone cannot
        remove_photo(session, mine.id, link.id, actor=clerk)
    with database.write() as session:
        remove_photo(session, mine.id, link.id, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert attachments(session, mine.id) == []
    assert (count(database, Attachment), count(database, AttachmentLink)) == (0, 0)  # the blob went with its link
    with pytest.raises(NotFoundError), database.write() as session:
        remove_photo(session, mine.id, link.id, actor=clerk, manager_pin=MANAGER_PIN)  # already gone


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
