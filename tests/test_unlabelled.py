"""Unlabelled parcels on both engines: register with a photo stored in the database, list, match candidates
scored by carrier, dates and description bigrams, and resolve against a case and / or a claim."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app import cases, unlabelled
from app.cases import NewCase
from app.desk import Desk
from app.errors import ConflictError, NotFoundError, ValidationError
from app.unlabelled import NewUnlabelled
from db.models import Attachment, AttachmentLink, AuditEntry, Claim, Followup, UnlabelledParcel, Waybill
from tests.test_attachments import png_header_only

FOUND = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "无头件.png"
    Image.new("RGB", (32, 24), (30, 90, 200)).save(path)
    return path


def open_case(desk: Desk, number: str, **kw) -> cases.CaseView:
    kw.setdefault("kind", "stuck")
    return desk.write(cases.open_case, NewCase(waybill_no=number, **kw))


def add_claim(desk: Desk, number: str, *, loss_type: str, item: str, created_at: datetime, **kw) -> int:
    with desk.database.write() as session:
        waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == number))
        if waybill is None:
            waybill = Waybill(waybill_no=number)
            session.add(waybill)
            session.flush()
        claim = Claim(
            claim_no=f"LP-{number}",
            waybill_id=waybill.id,
            loss_type=loss_type,
            item=item,
            created_at=created_at,
            **kw,
        )
        session.add(claim)
        session.flush()
        return claim.id


def test_register_stores_the_photo_once_in_the_database(desk: Desk, photo: Path) -> None:
    new = NewUnlabelled(
        "  蓝色纸箱，约2公斤  ",
        carrier_code="YTO",
        found_at=FOUND,
        found_where=" 分拣线 ",
        shelf="Z-1",
        photo_path=photo,
    )
    view = desk.write(unlabelled.register, new)
    again = desk.write(unlabelled.register, NewUnlabelled("同一张照片的另一件", photo_path=str(photo)))

    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (view.description, view.carrier, view.carrier_name) == ("蓝色纸箱，约2公斤", "YTO", "圆通")
    assert (view.found_at, view.found_where, view.shelf) == (FOUND, "分拣线", "Z-1")
    assert view.photo_sha256 == digest and view.is_open and view.matched_waybill_no is None
    assert again.photo_id == view.photo_id and again.carrier is None and again.found_at > FOUND
    with desk.database.read() as session:
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.data == photo.read_bytes() and attachment.size == photo.stat().st_size
        assert (attachment.mime, attachment.width, attachment.height) == ("image/png", 32, 24)
        links = session.scalars(select(AttachmentLink).order_by(AttachmentLink.id)).all()
        assert [(lk.owner_type, lk.owner_id, lk.original_name) for lk in links] == [
            ("unlabelled", view.id, "无头件.png"),
            ("unlabelled", again.id, "无头件.png"),
        ]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "unlabelled")).first()
        assert entry is not None and (entry.action, entry.entity_id) == ("register", view.id)
        assert entry.operator_id == desk.actor.id


def test_register_refuses_bad_input(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        desk.write(unlabelled.register, NewUnlabelled("  ", carrier_code="NOPE", shelf="X" * 21))
    assert info.value.fields == {
        "description": "required",
        "carrier_code": "not_found",
        "shelf": "unlabelled_too_long",
    }
    not_image = tmp_path / "note.png"
    not_image.write_text("not a picture")
    bomb = tmp_path / "bomb.png"  # checked as every attachment is: the size is read before any decoding
    bomb.write_bytes(png_header_only(60_000, 60_000))
    for path in (not_image, bomb, tmp_path / "missing.jpg"):
        with pytest.raises(ValidationError) as info:
            desk.write(unlabelled.register, NewUnlabelled("黑色袋子", photo_path=path))
        assert info.value.code == "unlabelled_photo_unreadable" and info.value.params["path"] == str(path)
    with desk.database.read() as session:
        assert session.scalar(select(func.count()).select_from(UnlabelledParcel)) == 0
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_list_open_and_all(desk: Desk) -> None:
    older = desk.write(unlabelled.register, NewUnlabelled("旧的", found_at=FOUND - timedelta(days=1)))
    newer = desk.write(unlabelled.register, NewUnlabelled("新的", found_at=FOUND))
    case = open_case(desk, "YT8962646785389", problem_type="suspected_lost")
    desk.write(unlabelled.resolve, older.id, case_id=case.id)
    assert [v.id for v in desk.read(unlabelled.list_unlabelled)] == [newer.id]
    everything = desk.read(unlabelled.list_unlabelled, open_only=False)
    assert [v.id for v in everything] == [newer.id, older.id]
    assert everything[1].matched_waybill_no == "YT8962646785389" and not everything[1].is_open


def test_terms_are_bigrams_and_words() -> None:
    assert unlabelled.terms("蓝色纸箱，鞋 iPhone 15") == {"蓝色", "色纸", "纸箱", "鞋", "iphone", "15"}
    assert unlabelled.terms("快递包裹") == {"递包"}  # the stop terms say nothing about a parcel


def test_candidates_rank_open_loss_records(desk: Desk) -> None:
    parcel = desk.write(
        unlabelled.register,
        NewUnlabelled("蓝色盒子 乐高儿童玩具", carrier_code="YTO", found_at=FOUND),
    )
    best = open_case(
        desk,
        "YT8962646785301",
        problem_type="suspected_lost",
        opened_at=FOUND - timedelta(days=1, hours=2),
        detail="客户买的乐高儿童玩具，蓝色盒子",
    )
    no_label = open_case(desk, "73610555582883", problem_type="no_label", opened_at=FOUND + timedelta(days=2))
    complaint = open_case(
        desk,
        "YT8962646785303",
        kind="complaint",
        opened_at=FOUND - timedelta(days=30),
        detail="孩子的玩具一直没收到",
        extra={"source": "call", "category": "丢失"},
    )
    claim_id = add_claim(desk, "YT8962646785304", loss_type="lost", item="儿童玩具", created_at=FOUND)
    # not loss records, or no longer open, or with nothing in common: never candidates
    open_case(desk, "YT8962646785305", problem_type="no_answer", opened_at=FOUND, detail="乐高儿童玩具")
    open_case(
        desk,
        "YT8962646785306",
        kind="complaint",
        opened_at=FOUND,
        detail="乐高儿童玩具压坏了",
        extra={"source": "call", "category": "破损"},
    )
    add_claim(desk, "YT8962646785307", loss_type="damaged", item="乐高儿童玩具", created_at=FOUND)
    add_claim(desk, "YT8962646785308", loss_type="lost", item="乐高", created_at=FOUND, status="paid")
    closed = open_case(desk, "YT8962646785309", problem_type="suspected_lost", opened_at=FOUND, detail="乐高")
    desk.write(cases.close, closed.id, "已赔付", expected_version=closed.version)
    open_case(desk, "YT8962646785310", problem_type="suspected_lost", opened_at=FOUND - timedelta(days=20))

    found = desk.read(unlabelled.candidates, parcel.id)

    assert [(c.kind, c.case_id, c.claim_id) for c in found] == [
        ("stuck", best.id, None),
        ("claim", None, claim_id),
        ("complaint", complaint.id, None),
        ("stuck", no_label.id, None),
    ]
    top = found[0]
    assert top.waybill_no == "YT8962646785301" and top.same_carrier and top.days_apart == 1
    assert set(top.shared_terms) == {"乐高", "高儿", "儿童", "童玩", "玩具", "蓝色", "色盒", "盒子"}
    assert top.score == pytest.approx(0.25 + 0.25 * (1 - (26 / 24) / 8) + 0.5, abs=1e-3)
    assert top.reasons == ("同一快递公司", "登记与发现相差1天", "描述相近：" + "、".join(top.shared_terms))
    claim = found[1]
    assert set(claim.shared_terms) == {"儿童", "童玩", "玩具"} and claim.days_apart == 0
    assert claim.score == pytest.approx(0.125 + 0.25 + 0.5)  # the claim's carrier is unknown: half
    assert found[2].reasons == ("同一快递公司", "描述相近：玩具")  # a month away: only the words
    assert found[2].score == pytest.approx(0.25 + 0.5 / 3, abs=1e-3)
    assert found[3].shared_terms == () and not found[3].same_carrier  # ZTO, only the date
    assert found[3].reasons == ("登记与发现相差2天",) and found[3].score == pytest.approx(0.25 * (1 - 2 / 8), abs=1e-3)
    assert [c.case_id for c in desk.read(unlabelled.candidates, parcel.id, limit=1)] == [best.id]
    english = desk.read(unlabelled.candidates, parcel.id, limit=1, lang="en")
    assert english[0].reasons[0] == "Same carrier"
    with pytest.raises(NotFoundError):
        desk.read(unlabelled.candidates, 999)


def test_resolve_closes_the_stuck_case(desk: Desk) -> None:
    parcel = desk.write(
        unlabelled.register, NewUnlabelled("黑色袋子", found_at=FOUND, found_where="三号车", shelf="Z-2")
    )
    case = open_case(desk, "YT8962646785389", problem_type="suspected_lost", status="awaiting_reply")

    view = desk.write(unlabelled.resolve, parcel.id, case_id=case.id)

    text = f"无头件已找到：黑色袋子（三号车，货架Z-2），无头件登记#{parcel.id}"
    assert view.resolved_at is not None and view.matched_case_id == case.id and view.matched_claim_id is None
    assert view.matched_waybill_no == "YT8962646785389"
    after = desk.read(cases.get_case, case.id)
    assert (after.status, after.resolution) == ("closed", text) and after.closed_at is not None
    assert desk.read(cases.timeline, case.id)[-1].text == f"已留言待回复 → 已关闭：{text}"
    with desk.database.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "unlabelled", AuditEntry.action == "resolve")
        ).one()
        assert entry.entity_id == parcel.id and entry.changes == {"case_id": case.id, "claim_id": None}

    with pytest.raises(ConflictError) as info:
        desk.write(unlabelled.resolve, parcel.id, case_id=case.id)
    assert info.value.code == "unlabelled_resolved"


def test_resolve_complaint_and_claim(desk: Desk) -> None:
    parcel = desk.write(unlabelled.register, NewUnlabelled("白色泡沫箱", found_at=FOUND))
    complaint = open_case(desk, "YT8962646785301", kind="complaint", extra={"source": "12305", "category": "丢失"})
    claim_case = open_case(desk, "YT8962646785302", problem_type="suspected_lost")
    claim_id = add_claim(
        desk, "YT8962646785302", loss_type="lost", item="海鲜", created_at=FOUND, case_id=claim_case.id
    )

    view = desk.write(unlabelled.resolve, parcel.id, case_id=complaint.id, claim_id=claim_id)

    assert (view.matched_case_id, view.matched_claim_id) == (complaint.id, claim_id)
    text = f"无头件已找到：白色泡沫箱，无头件登记#{parcel.id}"
    moved = desk.read(cases.get_case, complaint.id)
    assert moved.status == "processing" and desk.read(cases.timeline, complaint.id)[-1].text == f"新建 → 处理中：{text}"
    linked = desk.read(cases.get_case, claim_case.id)
    assert linked.status == "pending"  # the claim's case hears the news; its handler decides
    with desk.database.read() as session:
        note = session.scalars(select(Followup).where(Followup.case_id == claim_case.id)).one()
        assert (note.text, note.channel) == (text, "system")
        assert session.get(Claim, claim_id).status == "registered"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "claim")).one()
        assert (entry.entity_id, entry.action, entry.changes) == (
            claim_id,
            "unlabelled_found",
            {"parcel_id": parcel.id},
        )


def test_resolve_refusals_leave_the_parcel_open(desk: Desk) -> None:
    parcel = desk.write(unlabelled.register, NewUnlabelled("红色行李箱", found_at=FOUND))
    with pytest.raises(ValidationError) as info:
        desk.write(unlabelled.resolve, parcel.id)
    assert info.value.code == "unlabelled_match_required"
    closed = open_case(desk, "YT8962646785389", problem_type="suspected_lost", status="signed")
    with pytest.raises(ValidationError) as info:
        desk.write(unlabelled.resolve, parcel.id, case_id=closed.id)
    assert info.value.code == "case_closed"
    paid = add_claim(desk, "YT8962646785390", loss_type="lost", item="箱子", created_at=FOUND, status="paid")
    with pytest.raises(ValidationError):
        desk.write(unlabelled.resolve, parcel.id, claim_id=paid)
    with pytest.raises(NotFoundError):
        desk.write(unlabelled.resolve, parcel.id, claim_id=999)
    with pytest.raises(NotFoundError):
        desk.write(unlabelled.resolve, 999, case_id=closed.id)
    assert [v.id for v in desk.read(unlabelled.list_unlabelled)] == [parcel.id]
