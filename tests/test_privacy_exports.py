"""No personal data leaves the desk unmasked unless a manager asked: every file and text the app produces from a
small database whose customers have full 11-digit mobiles and detailed addresses (… 3栋2单元501室) is grepped —
the daily sheet, the case list (.xlsx with its XML unzipped, and .csv), the directory, the notes (.xlsx and PDF),
the claim form, the evidence pack (PDF and the zip's contents), the report (.xlsx and PDF), the list copies the UI
puts on the clipboard and the "copy for WeChat" text. Then the same with `unmasked=True`, where the full number
must be there, so the grep can fail."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app import chase_query, complaint_query, settings, stuck_query
from app.actor import Actor
from app.case_query import CaseFilter, iterate
from app.cases import NewCase, add_followup, open_case
from app.chase_query import ChaseFilter
from app.claims import records
from app.claims.records import ClaimFacts, NewClaim
from app.columns import CASE_COLUMNS, STUCK_COLUMNS, Format, as_tsv
from app.complaint_query import ComplaintFilter
from app.complaints import NewComplaint, log_complaint
from app.export.cases import export_cases
from app.export.claim_form import write_claim_form
from app.export.daily import write_daily_sheet
from app.export.directory import write_directory
from app.export.evidence_pack import write_evidence_pack
from app.export.notes import write_notes_pdf, write_notes_xlsx
from app.export.report_files import write_report
from app.handover import wechat_text
from app.notebook.notes import NoteForm, save_note, today
from app.reports.ranges import ReportRange
from app.reports.report import build_report
from app.stuck import capture
from app.stuck_messages import post
from app.stuck_query import StuckFilter
from db.engine import Database
from db.models import Waybill

WAYBILL = "YT8962646785389"
RECIPIENT_PHONE, SENDER_PHONE, CALLER_PHONE = "13812345678", "13700001111", "15955556666"
TYPED_PHONE, NOTE_PHONE, CLAIMANT_PHONE = "13566667777", "18611112222", "17788889999"
PHONES = (RECIPIENT_PHONE, SENDER_PHONE, CALLER_PHONE, TYPED_PHONE, NOTE_PHONE, CLAIMANT_PHONE)
RECIPIENT_ADDRESS = "江苏省南京市鼓楼区中山路88号金陵小区3栋2单元501室"
SENDER_ADDRESS = "浙江省杭州市西湖区文三路99号华星大厦12号楼1808室"
DETAILS = ("3栋2单元501室", "2单元501", "12号楼1808室", "1808室")  # what must never show masked

FULL_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# A number before a building, unit or room word: "3栋", "2单元", "501室", "12号楼". Masked ones read "*栋".
BUILDING = re.compile(r"\d+\s*(?:栋|幢|号楼)")
UNIT_OR_ROOM = re.compile(r"\d+\s*(?:单元|室)")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
# What is masked is decided above the database: one engine is enough, and keeps the file's CI cost down.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "firebrick").save(out, "JPEG")
    return out.getvalue()


@dataclass(frozen=True)
class Story:
    stuck_id: int
    chase_id: int
    complaint_id: int
    claim_id: int


def make_story(database: Database, actor: Actor) -> Story:
    """One problem parcel with everything personal the desk stores about its customers, all made through the
    services a clerk uses."""
    with database.write() as session:
        settings.put(session, "outlet.name", "城东网点", actor=actor)
        stuck = capture(session, WAYBILL, actor=actor, problem_type="no_answer", shelf="A-03").case
        parcel = session.scalar(select(Waybill).where(Waybill.waybill_no == WAYBILL))
        assert parcel is not None
        parcel.sender_name, parcel.sender_phone, parcel.sender_address = "李四", SENDER_PHONE, SENDER_ADDRESS
        parcel.recipient_name, parcel.recipient_phone = "张三", RECIPIENT_PHONE
        parcel.recipient_address = RECIPIENT_ADDRESS
        session.flush()
        add_followup(session, stuck.id, f"收件人不接，另一号码 {TYPED_PHONE}", actor=actor, channel="phone")
        post(session, stuck.id, f"收件人电话无人接听，请联系寄件人 {SENDER_PHONE} 核实", actor=actor)
        chase = open_case(
            session,
            NewCase(kind="chase", waybill_no=WAYBILL, caller_name="张三", caller_phone=RECIPIENT_PHONE),
            actor=actor,
        )
        complaint = log_complaint(
            session,
            NewComplaint(WAYBILL, "carrier_ticket", "虚假签收", caller_name="张三", caller_phone=CALLER_PHONE),
            actor=actor,
        )
        save_note(
            session,
            NoteForm(title="客户回电", body=f"张三说改打 {NOTE_PHONE}，{WAYBILL}", case_id=stuck.id),
            actor=actor,
        )
        facts = ClaimFacts(
            claimant_name="张三", claimant_phone=CLAIMANT_PHONE, item="陶瓷花瓶", actual_loss=Decimal("600")
        )
        claim = records.create_claim(session, NewClaim(WAYBILL, facts), actor=actor)
        records.add_photo(session, claim.id, _jpeg(), "破损.jpg", actor=actor)
        return Story(stuck.id, chase.id, complaint.id, claim.id)


# --- reading back what was produced -------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()


def xlsx_text(path: Path) -> str:
    """Every XML part of the workbook, as stored (shared strings, inline strings, headers, properties)."""
    with zipfile.ZipFile(path) as book:
        return "\n".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))


def zip_texts(path: Path, work: Path) -> dict[str, str]:
    """The text of every member of an evidence pack: PDFs through pdftotext, the rest as bytes decoded loosely
    (a photo's metadata could carry text too), the member names themselves."""
    texts = {"names": "\n".join(zipfile.ZipFile(path).namelist())}
    with zipfile.ZipFile(path) as pack:
        for name in pack.namelist():
            data = pack.read(name)
            if name.lower().endswith(".pdf"):
                member = work / "member.pdf"
                member.write_bytes(data)
                texts[name] = pdf_text(member)
            else:
                texts[name] = data.decode("utf-8", "replace")
    return texts


def leaks(text: str) -> list[str]:
    """Full mobiles and detailed addresses found: by pattern in the text as produced, and the seeded values in
    the text with white space removed (a PDF line break can cut a number in two)."""
    flat = re.sub(r"\s+", "", text)
    found = FULL_MOBILE.findall(text) + UNIT_OR_ROOM.findall(text) + BUILDING.findall(text)
    found += [p for p in PHONES if p in flat] + [d for d in DETAILS if d in flat]
    return found


def assert_masked(what: str, text: str) -> None:
    assert text.strip(), f"{what}: nothing produced"
    assert leaks(text) == [], f"{what} leaks personal data"


def assert_unmasked(what: str, text: str) -> None:
    flat = re.sub(r"\s+", "", text)
    assert any(p in flat for p in PHONES), f"{what}: unmasked, yet no full number"


# --- the outputs ------------------------------------------------------------------------------------------------


Producer = Callable[[Path, bool], str]


def _outputs(database: Database, actor: Actor, story: Story) -> dict[str, Producer]:
    """Each output the app produces, as a function of (work folder, unmasked) returning its text."""

    def daily(work: Path, unmasked: bool) -> str:
        path = work / "日报.xlsx"
        with database.read() as session:
            write_daily_sheet(session, today(session), path, unmasked=unmasked, actor=actor)
        return xlsx_text(path)

    def cases_xlsx(work: Path, unmasked: bool) -> str:
        with database.read() as session:
            export_cases(session, CaseFilter(), work / "案件.xlsx", unmasked=unmasked, actor=actor)
        return xlsx_text(work / "案件.xlsx")

    def cases_csv(work: Path, unmasked: bool) -> str:
        with database.read() as session:
            export_cases(session, CaseFilter(), work / "案件.csv", unmasked=unmasked, actor=actor)
        return (work / "案件.csv").read_bytes().decode("utf-8-sig")

    def notes_xlsx(work: Path, unmasked: bool) -> str:
        with database.read() as session:
            day = today(session)
            write_notes_xlsx(session, day, day, work / "笔记.xlsx", unmasked=unmasked, actor=actor)
        return xlsx_text(work / "笔记.xlsx")

    def notes_pdf(work: Path, unmasked: bool) -> str:
        with database.read() as session:
            day = today(session)
            write_notes_pdf(session, day, day, work / "笔记.pdf", unmasked=unmasked, actor=actor)
        return pdf_text(work / "笔记.pdf")

    def claim_form(work: Path, unmasked: bool) -> str:
        write_claim_form(database, story.claim_id, work / "理赔单.pdf", unmasked=unmasked, actor=actor)
        return pdf_text(work / "理赔单.pdf")

    def evidence_pdf(work: Path, unmasked: bool) -> str:
        write_evidence_pack(
            database, WAYBILL, work / "证据.pdf", zip_path=work / "证据.zip", unmasked=unmasked, actor=actor
        )
        return pdf_text(work / "证据.pdf")

    def evidence_zip(work: Path, unmasked: bool) -> str:
        write_evidence_pack(
            database, WAYBILL, work / "证据.pdf", zip_path=work / "证据.zip", unmasked=unmasked, actor=actor
        )
        return "\n".join(zip_texts(work / "证据.zip", work).values())

    def clipboard(work: Path, unmasked: bool) -> str:
        """The list pages' Copy: the case, problem-parcel, chase and complaint lists with every column."""
        fmt = Format(unmasked=unmasked)
        with database.read() as session:
            texts = [
                as_tsv(list(iterate(session, CaseFilter())), CASE_COLUMNS, fmt),
                as_tsv(list(stuck_query.iterate(session, StuckFilter())), STUCK_COLUMNS, fmt),
                as_tsv(chase_query.page(session, ChaseFilter()), chase_query.COLUMNS, fmt),
                as_tsv(complaint_query.page(session, ComplaintFilter()), complaint_query.COLUMNS, fmt),
            ]
        return "\n".join(texts)

    def wechat(work: Path, unmasked: bool) -> str:
        with database.write() as session:  # unmasked, the text is audited
            ids = [story.stuck_id, story.chase_id, story.complaint_id]
            return wechat_text(session, ids, unmasked=unmasked, actor=actor)

    return {
        "daily sheet .xlsx": daily,
        "cases .xlsx": cases_xlsx,
        "cases .csv": cases_csv,
        "notes .xlsx": notes_xlsx,
        "notes PDF": notes_pdf,
        "claim form PDF": claim_form,
        "evidence pack PDF": evidence_pdf,
        "evidence pack zip": evidence_zip,
        "clipboard copy of the lists": clipboard,
        "copy for WeChat": wechat,
    }


def _unmaskable_only(database: Database, actor: Actor, work: Path) -> dict[str, str]:
    """Outputs that hold no customer data at all and so have no unmasked form: the directory and the report."""
    texts: dict[str, str] = {}
    with database.read() as session:
        write_directory(session, work / "通讯录.xlsx")
    texts["directory .xlsx"] = xlsx_text(work / "通讯录.xlsx")
    with database.write() as session:
        day = today(session)
        report = build_report(session, ReportRange("week", day - timedelta(days=day.weekday()), day))
        for suffix in ("xlsx", "pdf"):
            write_report(session, report, work / f"报表.{suffix}", outlet="城东网点", actor=actor)
    texts["report .xlsx"] = xlsx_text(work / "报表.xlsx")
    texts["report PDF"] = pdf_text(work / "报表.pdf")
    return texts


@pytest.fixture
def story(database: Database, manager: Actor) -> Story:
    return make_story(database, manager)


@needs_poppler
@sqlite_only
def test_every_output_shows_only_masked_phones_and_addresses(
    database: Database, manager: Actor, story: Story, tmp_path: Path
) -> None:
    for what, produce in _outputs(database, manager, story).items():
        work = tmp_path / what.replace(" ", "_").replace("/", "_")
        work.mkdir()
        assert_masked(what, produce(work, False))
    for what, text in _unmaskable_only(database, manager, tmp_path).items():
        assert leaks(text) == [], f"{what} leaks personal data"


@needs_poppler
@sqlite_only
def test_unmasked_outputs_do_show_the_full_number(
    database: Database, manager: Actor, story: Story, tmp_path: Path
) -> None:
    for what, produce in _outputs(database, manager, story).items():
        work = tmp_path / what.replace(" ", "_").replace("/", "_")
        work.mkdir()
        assert_unmasked(what, produce(work, True))


@sqlite_only
def test_copy_for_wechat_hides_the_building(database: Database, manager: Actor, story: Story) -> None:
    with database.read() as session:
        text = wechat_text(session, [story.stuck_id])
    assert BUILDING.findall(text) == []


def test_the_grep_finds_what_it_looks_for() -> None:
    assert leaks(f"电话：{RECIPIENT_PHONE}")
    assert leaks(f"电话：{RECIPIENT_PHONE[:6]}\n{RECIPIENT_PHONE[6:]}")
    assert leaks(RECIPIENT_ADDRESS)
    assert leaks("华星大厦12号楼")
    assert not leaks("电话：138****5678 地址：中山路**号金陵小区*栋*单元***室 运单 YT8962646785389")
    assert not leaks(datetime(2026, 11, 20).isoformat())
