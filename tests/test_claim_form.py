"""The claim form PDF (理赔申请表), read back: pdftotext for the text, pdffonts for embedding, fontTools for glyph
coverage, pdfimages for the photos; `outlet-desk claim-form` end to end. Claims are made through the claim service
with real JPEG/PNG photos made by Pillow."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection
from PIL import Image, ImageDraw
from sqlalchemy import select, update

from app import settings
from app.actor import Actor
from app.claims import records
from app.claims.records import ClaimFacts, NewClaim
from app.errors import NotFoundError, StorageError, UserError
from app.export.claim_form import (
    MAX_PHOTOS,
    PHOTO_PIXELS,
    PHOTO_SLACK,
    ClaimFormData,
    claim_form_data,
    render_claim_form,
    write_claim_form,
)
from app.export.pdf import MISSING_GLYPH, find_cjk_font
from app.operators import create_operator
from app.paths import resource
from app.startup import open_database
from db.engine import Database
from db.models import AuditEntry, Claim, Waybill
from tests.conftest import MANAGER_PIN

D = Decimal
WAYBILL = "YT8962646785389"
SENDER_PHONE, RECIPIENT_PHONE, CLAIMANT_PHONE = "13700001111", "13812345678", "13912348888"
NOTE_PHONE = "13566667777"
SENDER_ADDRESS = "浙江省杭州市西湖区文三路100号5幢301室"
RECIPIENT_ADDRESS = "江苏省南京市鼓楼区中山路88号金陵小区3栋2单元1201"
SHIPPED_FONT = resource("fonts", "wqy-microhei.ttc")
FACTS = ClaimFacts(
    loss_type="damaged",
    loss_extent="half",
    claimant_name="张三",
    claimant_phone=CLAIMANT_PHONE,
    claimant_relation="recipient",
    authorisation="needed",
    item="陶瓷花瓶",
    quantity=2,
    declared_value=D("800"),
    actual_loss=D("600"),
    value_proof="淘宝订单截图",
    insured=False,
    insurance_fee=D("3"),
    freight=D("12"),
    freight_cod=True,
    packaging="retaped",
    inspected_at_signing=True,
    loss_note=f"开箱发现花瓶碎裂，收件人电话 {NOTE_PHONE}，已拍照。\n第二行说明",
    claimed_amount=D("600"),
    approved_amount=D("36"),
    responsible_party="transit",
    responsible_name="杭州转运中心",
    responsible_share_pct=D("50"),
    paid_first=True,
    amount_recovered=D("18"),
    salvage="残件退回寄件人",
    payee="张三",
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
pytestmark = needs_poppler


# --- making claims and reading PDFs ----------------------------------------------------------------------------


def photo(width: int, height: int, colour: str, *, fmt: str = "JPEG", orientation: int | None = None) -> bytes:
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle((width // 10, height // 10, width // 2, height // 2), fill="white")
    out = io.BytesIO()
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def make_claim(
    database: Database, actor: Actor, *, photos: int = 0, facts: ClaimFacts = FACTS, waybill: str = WAYBILL
) -> int:
    colours = ["red", "green", "blue", "orange", "purple", "gray", "teal", "olive"]
    with database.write() as session:
        settings.put(session, "outlet.name", "城东网点", actor=actor)
        settings.put(session, "outlet.code", "HZ-CD-021", actor=actor)
        settings.put(session, "outlet.phone", "0571-88886666", actor=actor)
        claim = records.create_claim(session, NewClaim(waybill, facts), actor=actor)
        parcel = session.scalar(select(Waybill).where(Waybill.waybill_no == claim.waybill_no))
        assert parcel is not None
        parcel.sender_name, parcel.sender_phone, parcel.sender_address = "李四", SENDER_PHONE, SENDER_ADDRESS
        parcel.recipient_name, parcel.recipient_phone = "张三", RECIPIENT_PHONE
        parcel.recipient_address = RECIPIENT_ADDRESS
        parcel.collecting_outlet, parcel.delivering_outlet = "杭州西湖网点", "城东网点"
        parcel.weight_collected_kg, parcel.weight_arrived_kg = D("2.350"), D("2.100")
        ticks = {"outer_photos": True, "waybill_receipt": True, "id_card": True}
        records.set_evidence(session, claim.id, ticks, expected_version=claim.version, actor=actor)
        for n in range(photos):
            size = (1600, 1000) if n % 2 == 0 else (900, 1400)
            records.add_photo(session, claim.id, photo(*size, colours[n % 8]), f"照片{n + 1}.jpg", actor=actor)
        return claim.id


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode()


def flat(text: str) -> str:
    """The text without any white space: a sentence wrapped across lines or table cells reads whole again."""
    return re.sub(r"\s+", "", text)


def pdf_images(path: Path) -> list[dict[str, str]]:
    lines = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout.decode()
    rows = lines.splitlines()
    header = rows[0].split()
    return [dict(zip(header, row.split(), strict=False)) for row in rows[2:]]


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def shipped_cmap() -> set[int]:
    collection = TTCollection(str(SHIPPED_FONT))
    try:
        return set(collection.fonts[0].getBestCmap())
    finally:
        collection.close()


def data_of(database: Database, claim_id: int) -> ClaimFormData:
    with database.read() as session:
        return claim_form_data(session, claim_id)


@pytest.fixture
def sqlite_clerk(sqlite_database: Database) -> Actor:
    with sqlite_database.write() as session:
        return create_operator(session, "王芳", role="clerk")


# --- content ---------------------------------------------------------------------------------------------------


def test_form_reads_back_every_section(database: Database, clerk: Actor, tmp_path: Path) -> None:
    claim_id = make_claim(database, clerk, photos=2)
    with database.write() as session:  # registered at 01:30 in Shanghai, still the day before in UTC
        session.execute(
            update(Claim).where(Claim.id == claim_id).values(created_at=datetime(2026, 11, 22, 17, 30, tzinfo=UTC))
        )
    data = data_of(database, claim_id)
    target = tmp_path / "理赔.pdf"
    pages = render_claim_form(data, target)

    assert pages == pdf_pages(target) >= 1
    text = pdf_text(target)
    whole = flat(text)
    claim = data.claim
    for expected in (
        "城东网点",
        "网点编号：HZ-CD-021",
        "电话：0571-88886666",
        "理赔申请表",
        f"理赔编号：{claim.claim_no}",
        "登记日期：2026-11-23",  # the outlet's day, not UTC's 2026-11-22
        f"运单号{WAYBILL}",
        "圆通",
        "杭州西湖网点",
        "李四",
        "与快件关系：收件人（寄件人授权）；授权书：需要，待收",
        "损失类型破损",
        "损失程度半损",
        "物品陶瓷花瓶",
        "件数2件",
        "包装二次封装",
        "申报价值800.00元",
        "价值证明淘宝订单截图",
        "实际损失600.00元",
        "签收时验视是",
        "是否保价否",
        "保价费3.00元",
        "运费12.00元",
        "运费到付是",
        "揽收重量2.35kg",
        "到达重量2.1kg",
        "重量差-0.25kg",
        "开箱发现花瓶碎裂",
        "第二行说明",
        "索赔金额600.00元",
        "核定金额36.00元",
        "先行赔付是",
        "责任方转运中心",
        "责任单位杭州转运中心",
        "责任比例50%",
        "已追偿18.00元",
        "收款人张三",
        "残值处理残件退回寄件人",
        "申明：以上所填内容真实",
        "索赔人（签字）",
        "经办人（签字）",
        "网点负责人（签字）",
        "网点盖章",
    ):
        assert flat(expected) in whole, expected
    assert "2026-11-22" not in text

    worked = claim.compensation
    assert worked is not None and [o.rule for o in worked.options] == ["civil_law", "carrier_cap"]
    for option in worked.options:
        assert flat(option.text) in whole and option.label in whole
    rows = pdf_text(target, layout=True)  # a table row on one line
    assert re.search(r"参考\s+实际损失（民法）\s+300\.00 元", rows)  # shown, not chosen
    assert re.search(r"采用\s+36\.00 元", rows)  # the carrier cap is lower: chosen
    assert re.search(r"应赔金额（采用的规则合计）\s+36\.00 元", rows)


def test_evidence_checklist_ticks_and_missing_items(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path
) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk)
    target = tmp_path / "f.pdf"
    render_claim_form(data_of(sqlite_database, claim_id), target)
    text = pdf_text(target, layout=True)
    evidence = data_of(sqlite_database, claim_id).claim.evidence
    ticked = [item.label for item in evidence if item.ticked]
    assert sorted(ticked) == sorted(["外包装照片", "面单或寄件凭证", "身份证明"])
    assert text.count("√") == len(ticked) + 1  # one per ticked box, one in the heading's key
    for label in ticked:
        assert re.search(rf"√\s+{re.escape(label)}\s+必需·已收", text), label
    for label in ("内物照片", "包装材料保留", "购买凭证（价值证明）", "寄件人授权书"):  # needed, not ticked
        assert re.search(rf"{re.escape(label)}\s+必需·待补", text), label
    assert re.search(r"开箱视频\s+本案不需要", text)


def test_phones_masked_and_addresses_shortened_by_default(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path
) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk)
    target = tmp_path / "f.pdf"
    render_claim_form(data_of(sqlite_database, claim_id), target)
    whole = flat(pdf_text(target))
    for full, masked in (
        (SENDER_PHONE, "137****1111"),
        (RECIPIENT_PHONE, "138****5678"),
        (CLAIMANT_PHONE, "139****8888"),
        (NOTE_PHONE, "135****7777"),  # typed into the loss note
    ):
        assert masked in whole and full not in whole
    assert "文三路" in whole and "5幢301室" not in whole and "浙江省" not in whole
    assert "中山路" in whole and "1201" not in whole


def test_unmasked_form_prints_everything_and_is_audited(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path
) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk)
    with sqlite_database.write() as session:
        manager = create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
    masked = write_claim_form(sqlite_database, claim_id, tmp_path / "m.pdf", actor=sqlite_clerk)
    form = write_claim_form(
        sqlite_database, claim_id, tmp_path / "u.pdf", unmasked=True, actor=sqlite_clerk, manager_pin=MANAGER_PIN
    )
    whole = flat(pdf_text(tmp_path / "u.pdf"))
    for phone in (SENDER_PHONE, RECIPIENT_PHONE, CLAIMANT_PHONE, NOTE_PHONE):
        assert phone in whole
    assert "****" not in whole
    assert flat(SENDER_ADDRESS) in whole and flat(RECIPIENT_ADDRESS) in whole
    assert (form.claim_no, form.pages, form.photos) == (masked.claim_no, masked.pages, 0)

    with sqlite_database.read() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).all()
    assert len(entries) == 1  # the masked form left none
    entry = entries[0]
    assert (entry.entity, entry.operator_id) == ("export", sqlite_clerk.id)
    assert entry.changes == {
        "what": f"claim_form {form.claim_no}",
        "path": str((tmp_path / "u.pdf").resolve()),
        "rows": 1,
        "approved_by": manager.name,
        "approved_by_id": manager.id,
    }


def test_no_compensation_prints_why(sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path) -> None:
    facts = replace(FACTS, declared_value=None, actual_loss=None)
    claim_id = make_claim(sqlite_database, sqlite_clerk, facts=facts)
    data = data_of(sqlite_database, claim_id)
    assert data.claim.compensation is None and data.claim.compensation_problem
    target = tmp_path / "f.pdf"
    render_claim_form(data, target)
    whole = flat(pdf_text(target))
    assert flat(f"尚不能计算赔偿：{data.claim.compensation_problem}") in whole
    assert "应赔金额" not in whole


# --- font ------------------------------------------------------------------------------------------------------


def test_the_shipped_font_is_used_embedded_and_licensed(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path
) -> None:
    assert SHIPPED_FONT.is_file()
    licence = resource("fonts", "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi Project Board of Trustees" in licence
    assert find_cjk_font()[0].path == SHIPPED_FONT  # preferred over the system's copy

    target = tmp_path / "f.pdf"
    render_claim_form(data_of(sqlite_database, make_claim(sqlite_database, sqlite_clerk, photos=1)), target)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, check=True).stdout.decode()
    lines = fonts.splitlines()[2:]
    assert lines and all(" yes " in line and "WenQuanYi" in line for line in lines), fonts  # no Helvetica


def test_every_character_printed_is_in_the_font(sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path) -> None:
    facts = replace(FACTS, loss_note="表情😀与生僻字𠀀、☑ 打钩 ☐，方向\u2066控制\u202e字符")
    claim_id = make_claim(sqlite_database, sqlite_clerk, facts=facts, photos=1)
    target = tmp_path / "f.pdf"
    render_claim_form(data_of(sqlite_database, claim_id), target)
    text = pdf_text(target)
    cmap = shipped_cmap()
    uncovered = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
    assert not uncovered, [f"U+{ord(ch):04X}" for ch in uncovered]
    assert "表情" in text and "生僻字" in text and "打钩" in text  # the text around them stays
    assert text.count(MISSING_GLYPH) == 4  # the emoji, U+20000, ☑ and ☐ shown as 〓, not as blanks
    assert "方向控制字符" in flat(text)  # invisible format characters the font lacks: dropped


# --- photos ----------------------------------------------------------------------------------------------------


def test_at_most_six_photos_downscaled_as_jpeg(sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk, photos=8)
    data = data_of(sqlite_database, claim_id)
    assert (len(data.photos), data.photos_attached) == (MAX_PHOTOS, 8)
    target = tmp_path / "f.pdf"
    render_claim_form(data, target)

    images = pdf_images(target)
    assert len(images) == MAX_PHOTOS
    for image in images:
        assert image["enc"] == "jpeg"
        assert PHOTO_PIXELS <= max(int(image["width"]), int(image["height"])) <= PHOTO_PIXELS * PHOTO_SLACK
    shapes = [(int(i["width"]) > int(i["height"])) for i in images]
    assert shapes == [True, False] * 3  # each photo's aspect kept
    whole = flat(pdf_text(target))
    assert "共8张，印出前6张" in whole and "6.照片6.jpg" in whole and "照片7.jpg" not in whole
    assert target.stat().st_size < 600_000


def test_photos_turned_upright_transparency_flattened_unreadable_noted(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path
) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk)
    with sqlite_database.write() as session:
        records.add_photo(session, claim_id, photo(1200, 800, "red", orientation=6), "侧拍.jpg", actor=sqlite_clerk)
        records.add_photo(session, claim_id, photo(300, 200, "#00800080", fmt="PNG"), "截图.png", actor=sqlite_clerk)
    data = data_of(sqlite_database, claim_id)
    broken = replace(data.photos[1], data=b"not a picture")
    target = tmp_path / "f.pdf"
    render_claim_form(replace(data, photos=(*data.photos, broken)), target)

    images = pdf_images(target)
    assert [(i["width"], i["height"], i["enc"]) for i in images] == [("480", "720", "jpeg"), ("300", "200", "jpeg")]
    assert "（这张照片无法读取）" in pdf_text(target)


def test_no_photos_says_so(sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path) -> None:
    target = tmp_path / "f.pdf"
    render_claim_form(data_of(sqlite_database, make_claim(sqlite_database, sqlite_clerk)), target)
    assert pdf_images(target) == [] and "未附照片。" in pdf_text(target)


# --- barcode, robustness, files --------------------------------------------------------------------------------


def test_the_waybill_number_is_a_code128_barcode(sqlite_database: Database, sqlite_clerk: Actor) -> None:
    from reportlab.graphics.barcode.code128 import Code128

    from app.export.claim_form import _Form

    data = data_of(sqlite_database, make_claim(sqlite_database, sqlite_clerk))
    codes = [f for f in _Form(data, unmasked=False).barcode() if isinstance(f, Code128)]
    assert len(codes) == 1 and codes[0].value == WAYBILL and not codes[0].humanReadable
    assert codes[0].width <= 72 * 72 / 25.4  # fits its column


def test_hostile_text_prints_as_typed(sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path) -> None:
    claim_id = make_claim(sqlite_database, sqlite_clerk, photos=1)
    data = data_of(sqlite_database, claim_id)
    long_line = "很长的说明" * 800  # 4,000 characters without a break
    many_lines = "\n".join(f"第{n}行：纸箱一角压扁" for n in range(1, 301))
    note = f"<b>粗体</b> & <font color=red>红</font> <br/> &amp;\x00\x07\x1b[31m\n{long_line}\n{many_lines}\n末行"
    hostile = replace(
        data.claim.facts, loss_note=note, item="<para>花瓶</para>" * 40, payee="A&B <i>", salvage="\x0c" + "残" * 5000
    )
    claim = replace(data.claim, facts=hostile, sender_name="<img src='x'/>", recipient_address="&lt;" * 300)
    target = tmp_path / "f.pdf"
    pages = render_claim_form(replace(data, claim=claim, outlet_name="<script>&"), target)

    assert pages >= 3 and pages == pdf_pages(target)
    text = pdf_text(target)
    whole = flat(text)
    for literal in (
        "<b>粗体</b>&<fontcolor=red>红</font><br/>&amp;",
        "<para>花瓶</para>",
        "A&B<i>",
        "<img",
        "<script>&",
    ):
        assert literal in whole, literal
    assert "[31m" in whole and "\x1b" not in text and "\x07" not in text
    assert "第1行" in whole and "第300行" in whole and "末行" in whole and long_line[:40] in whole


def test_render_needs_no_database(sqlite_url: str, home: Path, tmp_path: Path) -> None:
    database = open_database(sqlite_url, home)
    with database.write() as session:
        clerk = create_operator(session, "王芳", role="clerk")
    data = data_of(database, make_claim(database, clerk, photos=1))
    database.dispose()
    os.remove(sqlite_url)
    assert render_claim_form(data, tmp_path / "f.pdf") >= 1


def test_a_failed_render_leaves_no_file(
    sqlite_database: Database, sqlite_clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.export.pdf

    data = data_of(sqlite_database, make_claim(sqlite_database, sqlite_clerk))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "form.pdf"
    target.write_bytes(b"the old form")

    def half_then_fail(path: Path, story: object, page: object) -> int:
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app.export.pdf, "write_pdf", half_then_fail)
    with pytest.raises(StorageError) as info:
        render_claim_form(data, target)
    assert info.value.code == "disk_full"
    assert target.read_bytes() == b"the old form" and sorted(p.name for p in folder.iterdir()) == ["form.pdf"]

    with pytest.raises(UserError) as missing:
        render_claim_form(data, folder / "nowhere" / "f.pdf")
    assert missing.value.code == "export_folder_missing"


def test_an_unknown_claim_is_not_found(sqlite_database: Database) -> None:
    with sqlite_database.read() as session, pytest.raises(NotFoundError):
        claim_form_data(session, 999)


# --- the command line ------------------------------------------------------------------------------------------


def run(home: Path, db: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    cmd = [sys.executable, "-m", "app", "--home", str(home), "--db", db, *args]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=300)


def test_cli_claim_form(sqlite_url: str, home: Path, tmp_path: Path) -> None:
    database = open_database(sqlite_url, home)
    try:
        with database.write() as session:
            clerk = create_operator(session, "王芳", role="clerk")
            create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
        claim_id = make_claim(database, clerk, photos=2)
        claim_no = data_of(database, claim_id).claim.claim_no
    finally:
        database.dispose()

    by_number = run(home, sqlite_url, "claim-form", claim_no.lower(), "-o", str(tmp_path / "a.pdf"))
    assert by_number.returncode == 0, by_number.stderr.decode()
    said = by_number.stdout.decode()
    assert claim_no in said and "照片 2 张" in said and str((tmp_path / "a.pdf").resolve()) in said
    assert "138****5678" in pdf_text(tmp_path / "a.pdf") and len(pdf_images(tmp_path / "a.pdf")) == 2

    unmasked = ("claim-form", str(claim_id), "-o", str(tmp_path / "b.pdf"), "--unmasked")
    refused = run(home, sqlite_url, *unmasked)  # a clerk alone: one sentence, exit 1, no file
    assert refused.returncode == 1 and "--manager-pin" in refused.stderr.decode()
    assert not (tmp_path / "b.pdf").exists()
    by_id = run(home, sqlite_url, *unmasked, "--manager-pin", MANAGER_PIN)
    assert by_id.returncode == 0, by_id.stderr.decode()
    assert RECIPIENT_PHONE in pdf_text(tmp_path / "b.pdf")
    database = open_database(sqlite_url, home)
    try:
        with database.read() as session:
            audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).all()
        assert [e.changes["path"] for e in audited if e.changes] == [str((tmp_path / "b.pdf").resolve())]
    finally:
        database.dispose()

    for args, code, sentence in (
        (("LP20260101099999",), 1, "找不到理赔：LP20260101099999。"),
        ((str(claim_id + 100),), 1, f"找不到理赔：{claim_id + 100}。"),
        (
            (str(claim_id), "-o", str(tmp_path / "missing" / "c.pdf")),
            1,
            f"保存位置的文件夹不存在：{tmp_path / 'missing'}。",
        ),
        ((str(claim_id), "-o", str(tmp_path / "c.xlsx")), 2, "只能导出为 .pdf 文件（现在是“.xlsx”）。"),
    ):
        target = () if "-o" in args else ("-o", str(tmp_path / "c.pdf"))
        result = run(home, sqlite_url, "claim-form", *args, *target)
        err = result.stderr.decode()
        assert result.returncode == code, err
        assert err.strip() == sentence and "Traceback" not in err
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "c.xlsx").exists()
