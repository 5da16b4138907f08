"""The evidence pack (证据包), read back: pdftotext for the text, pdfimages for the pictures, pdffonts for embedding,
zipfile for the archive; `outlet-desk evidence-pack` end to end. The parcel's story is made through the services a
clerk uses (capture, follow-ups, 留言 and replies, notes, a complaint, a claim with photos); the fine is a row put
in directly (its service is not this module's concern)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection
from PIL import Image, ImageDraw
from sqlalchemy import select

from app import settings
from app.actor import Actor
from app.attachments.store import attach
from app.cases import add_followup
from app.claims import records
from app.claims.records import ClaimFacts, NewClaim
from app.complaints import NewComplaint, log_complaint
from app.errors import NotFoundError, StorageError, UserError
from app.export.evidence_pack import (
    EvidenceData,
    Picture,
    evidence_data,
    file_name,
    render_evidence_pack,
    write_evidence_pack,
)
from app.messages import text as message_text
from app.notebook.notes import NoteForm, save_note
from app.operators import create_operator
from app.paths import resource
from app.startup import open_database
from app.stuck import capture
from app.stuck_messages import post, reply
from db.engine import Database
from db.models import AuditEntry, Fine, Followup, Waybill
from tests.conftest import MANAGER_PIN

WAYBILL = "YT8962646785389"
OTHER = "YT1111222233334"  # a parcel the desk knows with nothing on it
RECIPIENT_PHONE, SENDER_PHONE, CALLER_PHONE = "13812345678", "13700001111", "13655556666"
TYPED_PHONE = "13566667777"  # typed into a follow-up's text
RECIPIENT_ADDRESS = "江苏省南京市鼓楼区中山路88号金陵小区3栋2单元1201"
HOSTILE = "客户说<b>没收到</b> & 要投诉\x07\x1b[31m 再打一次"
T0 = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
HOSTILE_NAMES = ("..\\..\\x.jpg", "CON.jpg", "a.jpg:ads")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
pytestmark = needs_poppler


# --- making a parcel's story and reading PDFs ----------------------------------------------------------------


def picture(width: int, height: int, colour: str, *, fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for y in range(height // 10, height - height // 10, max(height // 12, 8)):  # lines, like a call log
        draw.rectangle((width // 10, y, width - width // 5, y + max(height // 40, 3)), fill="white")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@dataclass(frozen=True)
class Story:
    stuck_id: int
    complaint_id: int
    claim_no: str
    attached: dict[str, bytes]  # original name -> bytes, every distinct picture


def make_story(database: Database, actor: Actor) -> Story:
    call_log = picture(540, 1170, "navy")  # a phone's screenshot, tall
    damaged = picture(1600, 1000, "firebrick")
    label_png = picture(900, 1400, "darkgreen", fmt="PNG")  # a PNG with a .jpg name
    with database.write() as session:
        settings.put(session, "outlet.name", "城东网点", actor=actor)
        settings.put(session, "outlet.code", "HZ-CD-021", actor=actor)
        stuck = capture(
            session, WAYBILL, actor=actor, problem_type="no_answer", shelf="A-03", detail=HOSTILE, at=T0
        ).case
        parcel = session.scalar(select(Waybill).where(Waybill.waybill_no == WAYBILL))
        assert parcel is not None
        parcel.sender_name, parcel.sender_phone = "李四", SENDER_PHONE
        parcel.recipient_name, parcel.recipient_phone, parcel.recipient_address = (
            "张三",
            RECIPIENT_PHONE,
            RECIPIENT_ADDRESS,
        )
        parcel.collecting_outlet, parcel.delivering_outlet = "杭州西湖网点", "城东网点"
        parcel.sent_at = T0 - timedelta(days=3)
        parcel.signed_at, parcel.signed_how, parcel.signed_by = T0 + timedelta(days=2), "guard", "北门门卫老王"
        add_followup(session, stuck.id, f"打收件人电话无人接听，另一号码 {TYPED_PHONE}", actor=actor, channel="phone",
                     at=T0 + timedelta(minutes=10))  # fmt: skip
        add_followup(session, stuck.id, HOSTILE, actor=actor, channel="sms", at=T0 + timedelta(minutes=20))
        sent = post(session, stuck.id, "收件人电话无人接听，请联系寄件人核实", actor=actor, at=T0 + timedelta(hours=1))
        reply(session, sent.id, "已联系寄件人，明天再派", actor=actor, at=T0 + timedelta(hours=3))
        post(session, stuck.id, "客户投诉未派送，请速回", actor=actor, direction="received", at=T0 + timedelta(hours=4))
        save_note(session, NoteForm(title="门卫说没见过这个件", body="监控要等物业调", case_id=stuck.id), actor=actor)
        save_note(session, NoteForm(title=f"{WAYBILL} 站长交代", body="仲裁材料周五前交"), actor=actor)
        followup_id = session.scalar(
            select(Followup.id).where(Followup.case_id == stuck.id, Followup.channel == "phone")
        )
        assert followup_id is not None
        attach(session, "followup", followup_id, call_log, HOSTILE_NAMES[2], label="通话记录截图", actor=actor)
        complaint = log_complaint(
            session,
            NewComplaint(WAYBILL, "carrier_ticket", "虚假签收", external_ticket_no="GD20261120-0042",
                         caller_name="张三", caller_phone=CALLER_PHONE, opened_at=T0 + timedelta(days=2, hours=3)),
            actor=actor,
        )  # fmt: skip
        facts = ClaimFacts(claimant_name="张三", item="陶瓷花瓶", actual_loss=Decimal("600"), freight=Decimal("12"))
        claim = records.create_claim(session, NewClaim(WAYBILL, facts), actor=actor)
        records.add_photo(session, claim.id, damaged, HOSTILE_NAMES[0], actor=actor)
        records.add_photo(session, claim.id, label_png, HOSTILE_NAMES[1], actor=actor)
        fine = Fine(
            waybill_id=parcel.id,
            case_id=complaint.id,
            carrier_id=parcel.carrier_id,
            reason="虚假签收",
            amount=Decimal("200.00"),
            issued_at=T0 + timedelta(days=3),
            appeal_due_at=T0 + timedelta(days=6),
            evidence="门卫签收有监控，已截图",
        )
        session.add(fine)
        session.flush()
        attach(session, "fine", fine.id, damaged, "同一张照片.jpg", actor=actor)  # the same content: one picture
        return Story(
            stuck.id, complaint.id, claim.claim_no, {"x.jpg": damaged, "_CON.jpg": label_png, "a.jpg": call_log}
        )


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_images(path: Path) -> list[dict[str, str]]:
    rows = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout.decode()
    lines = rows.splitlines()
    return [dict(zip(lines[0].split(), row.split(), strict=False)) for row in lines[2:]]


def pdf_fonts(path: Path) -> list[list[str]]:
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    return [row.split() for row in rows.splitlines()[2:]]


def data_of(database: Database, number: str = WAYBILL) -> EvidenceData:
    with database.read() as session:
        return evidence_data(session, number)


# --- content -----------------------------------------------------------------------------------------------------


def test_pack_reads_back_every_part(database: Database, clerk: Actor, tmp_path: Path) -> None:
    story = make_story(database, clerk)
    data = data_of(database, " yt 8962 6467 85389 ")  # as typed or scanned: normalised
    pack = render_evidence_pack(data, tmp_path / "证据.pdf", zip_path=tmp_path / "证据.zip")

    assert pack.pages >= 2 and pack.pictures == 3 and pack.waybill_no == WAYBILL
    text = pdf_text(pack.path)
    whole = flat(text)
    for expected in (
        "快件证据包",
        f"运单号{WAYBILL}",
        "城东网点",
        "签收方式门卫代收",
        "签收人北门门卫老王",
        "签收时间2026-11-2209:30",
        "揽收网点杭州西湖网点",
        # the stuck case: its facts, its timeline with calls and SMS, its 留言 both ways
        f"案件#{story.stuck_id}",
        "货架A-03",
        "电话",
        "短信",
        "打收件人电话无人接听",
        "2026-11-2009:40",
        "我方留言",
        "收件人电话无人接听，请联系寄件人核实",
        "对方回复",
        "已联系寄件人，明天再派",
        "对方留言",
        "客户投诉未派送，请速回",
        "尚未回复",
        "门卫说没见过这个件",
        "监控要等物业调",
        # the complaint's ticket
        f"案件#{story.complaint_id}",
        "GD20261120-0042",
        "快递公司工单",
        # the claim, its rule and the fine
        f"理赔{story.claim_no}",
        "赔偿计算",
        "实际损失",
        "200.00元",
        "虚假签收",
        "门卫签收有监控，已截图",
        # the note naming the waybill, outside any case
        "站长交代",
        "仲裁材料周五前交",
        "附件清单",
        "附件/01_a.jpg",
    ):
        assert flat(expected) in whole, expected
    # hostile text prints as typed, control characters dropped
    assert "客户说<b>没收到</b> & 要投诉" in text and "\x07" not in text and "\x1b" not in text
    # masked by default: phones, also one typed into a follow-up; addresses shortened
    assert "138****5678" in text and RECIPIENT_PHONE not in whole
    assert SENDER_PHONE not in whole and CALLER_PHONE not in whole and TYPED_PHONE not in whole
    assert "135****7777" in text and "1201" not in whole

    images = pdf_images(pack.path)
    assert len(images) == 3  # the same photo on the claim and the fine is printed once
    assert all(max(int(i["width"]), int(i["height"])) <= 900 for i in images)  # downscaled

    fonts = pdf_fonts(pack.path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    assert not any("Helvetica" in row[0] for row in fonts)
    collection = TTCollection(str(resource("fonts", "wqy-microhei.ttc")))
    try:
        cmap = set(collection.fonts[0].getBestCmap())
    finally:
        collection.close()
    assert {ch for ch in whole if ord(ch) not in cmap} == set()  # every character printed has its glyph

    with zipfile.ZipFile(pack.zip_path) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        assert names[0] == f"证据包_{WAYBILL}.pdf" and names == list(pack.files)
        assert archive.read(names[0]) == pack.path.read_bytes()
        files = {name: archive.read(name) for name in names[1:]}
    assert sorted(files) == ["附件/01_a.jpg", "附件/02_x.jpg", "附件/03__CON.png"]
    assert sorted(files.values()) == sorted(story.attached.values())  # byte for byte
    for name in names:
        assert ".." not in name and "\\" not in name and ":" not in name and not name.startswith("/")


def test_unmasked_pack_prints_full_phones_and_is_audited(sqlite_database: Database, tmp_path: Path) -> None:
    with sqlite_database.write() as session:
        manager = create_operator(session, "李站长", role="manager", pin="2468")
    make_story(sqlite_database, manager)
    pack = write_evidence_pack(
        sqlite_database, WAYBILL, tmp_path / "full.pdf", zip_path=tmp_path / "full.zip", unmasked=True, actor=manager
    )
    text = pdf_text(pack.path)
    assert RECIPIENT_PHONE in text and TYPED_PHONE in text and CALLER_PHONE in text
    assert "1201" in flat(text) and "仅限仲裁、申诉使用" in flat(text)
    with sqlite_database.read() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).all()
        assert {e.changes["path"] for e in audited if e.changes} == {str(pack.path), str(pack.zip_path)}
        assert all(e.operator_id == manager.id and e.changes["what"] == f"evidence_pack {WAYBILL}" for e in audited)
        assert all(e.changes["approved_by"] == manager.name for e in audited)  # a manager approves themselves

    masked = write_evidence_pack(sqlite_database, WAYBILL, tmp_path / "masked.pdf", actor=manager)
    assert masked.zip_path is None and masked.files == () and RECIPIENT_PHONE not in pdf_text(masked.path)
    with sqlite_database.read() as session:
        assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).all()) == 2


def test_a_parcel_with_nothing_on_it(sqlite_database: Database, tmp_path: Path) -> None:
    with sqlite_database.write() as session:
        session.add(Waybill(waybill_no=OTHER))
    pack = render_evidence_pack(data_of(sqlite_database, OTHER), tmp_path / "empty.pdf", zip_path=tmp_path / "e.zip")
    assert pack.pages == 1 and pack.pictures == 0 and "这个运单没有登记案件" in flat(pdf_text(pack.path))
    with zipfile.ZipFile(tmp_path / "e.zip") as archive:
        assert archive.namelist() == [f"证据包_{OTHER}.pdf"]


def test_an_unknown_waybill_is_not_found(sqlite_database: Database) -> None:
    for number in ("YT0000000000000", "", "   "):
        with sqlite_database.read() as session, pytest.raises(NotFoundError):
            evidence_data(session, number)


def test_zip_names_are_safe_and_typed_by_content() -> None:
    def named(number: int, name: str, mime: str = "image/jpeg") -> str:
        return file_name(Picture(number, number, name, None, mime, 1, 1, 1, T0, b""))

    assert named(1, "..\\..\\x.jpg") == "附件/01_x.jpg"
    assert named(2, "../../etc/passwd") == "附件/02_passwd.jpg"
    assert named(3, "CON.jpg", "image/png") == "附件/03__CON.png"
    assert named(4, "a.jpg:ads") == "附件/04_a.jpg"
    assert named(5, "C:\\Windows\\run.exe", "image/webp") == "附件/05_run.webp"
    assert named(6, "...", "image/gif") == "附件/06_图片.gif"
    assert named(7, "照片 1.JPG") == "附件/07_照片 1.jpg"
    assert named(123, "x" * 300, "image/bmp").endswith(".bmp") and len(named(123, "x" * 300)) < 120


def test_a_failed_render_leaves_nothing(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.export.evidence_pack
    import app.export.pdf

    with sqlite_database.write() as session:
        clerk = create_operator(session, "王芳", role="clerk")
    make_story(sqlite_database, clerk)
    data = data_of(sqlite_database)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "pack.pdf").write_bytes(b"the old pack")

    def fail_zip(path: Path, pdf: Path, data: EvidenceData) -> tuple[str, ...]:
        path.write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(app.export.evidence_pack, "_write_zip", fail_zip)
        with pytest.raises(StorageError) as info:
            render_evidence_pack(data, folder / "pack.pdf", zip_path=folder / "pack.zip")
    assert info.value.code == "disk_full"
    assert (
        sorted(p.name for p in folder.iterdir()) == ["pack.pdf"]
        and (folder / "pack.pdf").read_bytes() == b"the old pack"
    )

    def fail_pdf(path: Path, story: object, page: object) -> int:
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(app.export.pdf, "write_pdf", fail_pdf)
        with pytest.raises(StorageError):
            render_evidence_pack(data, folder / "pack.pdf", zip_path=folder / "pack.zip")
    assert sorted(p.name for p in folder.iterdir()) == ["pack.pdf"]

    for pdf, archive, code in (
        (folder / "a.pdf", folder / "missing" / "a.zip", "export_folder_missing"),
        (folder / "a.pdf", folder / "a.pdf", "evidence_same_target"),
    ):
        with pytest.raises(UserError) as refused:
            render_evidence_pack(data, pdf, zip_path=archive)
        assert refused.value.code == code
    assert sorted(p.name for p in folder.iterdir()) == ["pack.pdf"]


# --- the command line --------------------------------------------------------------------------------------------


def run(home: Path, db: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    cmd = [sys.executable, "-m", "app", "--home", str(home), "--db", db, *args]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=300)


def in_process(capsys: pytest.CaptureFixture[str], home: Path, db: str, *args: str) -> tuple[int, str, str]:
    """The command run in this process (a usage error ends argparse with SystemExit(2))."""
    from app.__main__ import main

    try:
        code = main(["--home", str(home), "--db", db, *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_evidence_pack(sqlite_url: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(sqlite_url, home)
    try:
        with database.write() as session:
            clerk = create_operator(session, "王芳", role="clerk")
            create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
        make_story(database, clerk)
    finally:
        database.dispose()

    pdf, archive = tmp_path / "pack.pdf", tmp_path / "pack.zip"
    done = run(home, sqlite_url, "evidence-pack", WAYBILL.lower(), "-o", str(pdf), "--zip", str(archive))
    assert done.returncode == 0, done.stderr.decode()
    said = done.stdout.decode()
    assert WAYBILL in said and "图片 3 张" in said and str(pdf.resolve()) in said and str(archive.resolve()) in said
    assert "138****5678" in pdf_text(pdf) and len(zipfile.ZipFile(archive).namelist()) == 4
    unknown = run(home, sqlite_url, "evidence-pack", "YT0000000000000", "-o", str(tmp_path / "c.pdf"))
    assert unknown.returncode == 1 and unknown.stderr.decode().strip() == "找不到运单：YT0000000000000。"

    full = ("evidence-pack", WAYBILL, "-o", str(tmp_path / "full.pdf"), "--unmasked")
    code, _out, err = in_process(capsys, home, sqlite_url, *full)
    assert code == 1 and err.strip() == message_text("unmask_needs_manager")  # a clerk alone is refused
    assert not (tmp_path / "full.pdf").exists()
    code, _out, err = in_process(capsys, home, sqlite_url, *full, "--manager-pin", MANAGER_PIN)
    assert code == 0, err
    assert RECIPIENT_PHONE in pdf_text(tmp_path / "full.pdf")

    target = ("-o", str(tmp_path / "c.pdf"))
    for args, expected, sentence in (
        ((WAYBILL, "-o", str(tmp_path / "missing" / "c.pdf")), 1, f"保存位置的文件夹不存在：{tmp_path / 'missing'}。"),
        (
            (WAYBILL, *target, "--zip", str(tmp_path / "nowhere" / "c.zip")),
            1,
            f"保存位置的文件夹不存在：{tmp_path / 'nowhere'}。",
        ),
        ((WAYBILL, *target, "--zip", str(tmp_path)), 2, "只能导出为 .zip 文件（现在是“（无）”）。"),
        ((WAYBILL, "-o", str(tmp_path / "c.xlsx")), 2, "只能导出为 .pdf 文件（现在是“.xlsx”）。"),
        ((WAYBILL, *target, "--zip", str(tmp_path / "c.rar")), 2, "只能导出为 .zip 文件（现在是“.rar”）。"),
        ((WAYBILL,), 2, None),
    ):
        code, _out, err = in_process(capsys, home, sqlite_url, "evidence-pack", *args)
        assert code == expected, (args, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1
        if sentence is not None:
            assert err.strip() == sentence
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "c.xlsx").exists()
