"""The notebook's notes of a date range to .xlsx and to a printable PDF, read back: openpyxl for the sheet,
poppler's pdftotext / pdffonts for the PDF, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from app import cases
from app.actor import Actor
from app.cases import NewCase
from app.errors import UserError, ValidationError
from app.export.notes import NOTE_COLUMNS, WEEKDAYS, write_notes_pdf, write_notes_xlsx
from app.export.pdf import find_cjk_font
from app.notebook.notes import NoteForm, delete_note, save_note
from db.engine import Database

FIRST, LAST = date(2026, 11, 1), date(2026, 11, 23)
NOV_2 = date(2026, 11, 2)
PHONE, MASKED = "13812345678", "138****5678"
WAYBILL = "YT8962646785389"
HEADERS = ["日期", "时间", "标题", "内容", "标签", "置顶", "交接班", "记录人", "关联案件"]
MARKDOWN = f"""## 今天的事
- 圆通 {WAYBILL} 外包装**破损**，已拍照
- 收件人电话 {PHONE}，约好明早再派

下午三点前回电 <务必> & 记录结果。"""
LONG = "\n".join(f"{i}. 第{i}个货架核对完毕，没有异常件。" for i in range(1, 70))

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture
def notebook(database: Database, clerk: Actor, manager: Actor, outlets: int) -> dict[str, int]:
    """Notes over three days of the range, one before it and one deleted; returns the linked case's id."""
    with database.write() as session:
        case = cases.open_case(
            session, NewCase(kind="stuck", waybill_no=WAYBILL, opened_at=datetime(2026, 11, 2, tzinfo=UTC)), actor=clerk
        )
        forms = [
            NoteForm("交接班：破损件待处理", day=NOV_2, body=MARKDOWN, tags=("破损", "交接"), handover=True),
            NoteForm("驿站钥匙放在前台", day=date(2026, 11, 1), body="第一行\n第二行", pinned=True),
            NoteForm("=SUM(A1:A9)", day=date(2026, 11, 2), body="-1+1 不是公式", case_id=case.id),
            NoteForm("货架盘点", day=date(2026, 11, 23), body=LONG, tags=("盘点",)),
            NoteForm("上个月的笔记", day=date(2026, 10, 31), body="不在范围内"),
            NoteForm("删掉的笔记", day=date(2026, 11, 2), body="不该出现"),
        ]
        ids = [save_note(session, form, actor=clerk).id for form in forms]
        delete_note(session, ids[-1], actor=manager)
    return {"case": case.id}


def _rows(path: Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[list[object]]]:
    ws = openpyxl.load_workbook(path)["工作笔记"]
    return ws, [list(row) for row in ws.iter_rows(min_row=3, values_only=True)]


def test_xlsx_reads_back_every_note_masked(database: Database, notebook: dict[str, int], tmp_path: Path) -> None:
    target = tmp_path / "笔记.xlsx"
    with database.read() as session:
        report = write_notes_xlsx(session, FIRST, LAST, target)
    assert (report.notes, report.days, report.format) == (4, 3, "xlsx")

    ws, rows = _rows(target)
    assert str(ws["A1"].value).startswith("城东网点 工作笔记 2026-11-01 至 2026-11-23 导出于 ")
    assert [c.value for c in ws[2]] == HEADERS
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["D"].width == next(c.width for c in NOTE_COLUMNS if c.zh == "内容")
    by_title = {row[2]: row for row in rows}
    assert [row[0] for row in rows] == ["2026-11-01", "2026-11-02", "2026-11-02", "2026-11-23"]
    assert set(by_title) == {"驿站钥匙放在前台", "交接班：破损件待处理", "=SUM(A1:A9)", "货架盘点"}

    handover = by_title["交接班：破损件待处理"]
    assert re.fullmatch(r"\d\d:\d\d", str(handover[1]))
    assert MASKED in str(handover[3]) and PHONE not in str(rows)
    assert WAYBILL in str(handover[3]) and "\n- 收件人电话" in str(handover[3])  # line breaks kept
    assert handover[4:8] == ["破损、交接", "否", "是", "王芳"]
    assert by_title["驿站钥匙放在前台"][5] == "是"
    assert by_title["=SUM(A1:A9)"][8] == notebook["case"]

    cells = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula from a clerk's text
    assert ws[f"C{3 + rows.index(by_title['=SUM(A1:A9)'])}"].data_type == "s"


@needs_poppler
def test_pdf_reads_back_titles_chinese_masked_pages(
    database: Database, notebook: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "笔记.pdf"
    with database.read() as session:
        report = write_notes_pdf(session, FIRST, LAST, target)
    assert (report.notes, report.days, report.format) == (4, 3, "pdf") and report.pages is not None
    assert report.pages >= 2  # the 69-line note runs onto a second page

    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True).stdout.decode()
    assert "工作笔记 2026-11-01 至 2026-11-23" in text and "城东网点" in text
    for heading in ("2026-11-01 星期日", "2026-11-02 星期一", "2026-11-23 星期一"):
        assert heading in text
    for title in ("驿站钥匙放在前台", "交接班：破损件待处理", "=SUM(A1:A9)", "货架盘点"):
        assert title in text
    assert "上个月的笔记" not in text and "删掉的笔记" not in text
    assert MASKED in text and PHONE not in text
    assert WAYBILL in text and "下午三点前回电 <务必> & 记录结果。" in text  # user text printed as typed
    assert "标签：破损、交接" in text and "交接班" in text and f"关联案件 #{notebook['case']}" in text
    assert "## 今天的事" in text and "69. 第69个货架核对完毕" in text  # Markdown readable, nothing lost
    assert text.index("第一行") < text.index("第二行")
    for number in range(1, report.pages + 1):
        assert len(re.findall(rf"第\s*{number}\s*页", text)) == 1
    assert not re.search(rf"第\s*{report.pages + 1}\s*页", text)
    assert re.search(r"打印时间：\d{4}-\d\d-\d\d \d\d:\d\d", text)

    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, check=True).stdout.decode()
    lines = fonts.splitlines()[2:]
    assert lines and all(" yes " in line for line in lines), fonts  # every font embedded
    assert any("WenQuanYi" in line for line in lines), fonts


@needs_poppler
def test_unmasked_exports_show_the_full_phone(
    database: Database, notebook: dict[str, int], manager: Actor, tmp_path: Path
) -> None:
    with database.read() as session:
        write_notes_xlsx(session, FIRST, LAST, tmp_path / "n.xlsx", unmasked=True, actor=manager)
        write_notes_pdf(session, FIRST, LAST, tmp_path / "n.pdf", unmasked=True, actor=manager)
    _ws, rows = _rows(tmp_path / "n.xlsx")
    assert PHONE in str(rows) and MASKED not in str(rows)
    pdf = subprocess.run(["pdftotext", "-layout", str(tmp_path / "n.pdf"), "-"], capture_output=True, check=True)
    assert PHONE in pdf.stdout.decode() and MASKED not in pdf.stdout.decode()


@needs_poppler
def test_empty_range_prints_a_page_saying_so(sqlite_database: Database, tmp_path: Path) -> None:
    with sqlite_database.read() as session:
        report = write_notes_pdf(session, date(2026, 1, 5), date(2026, 1, 5), tmp_path / "空.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "空.pdf"), "-"], capture_output=True, check=True).stdout
    assert (report.notes, report.pages) == (0, 1)
    assert "工作笔记 2026-01-05" in text.decode() and "这段时间没有笔记。" in text.decode()


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        (date(2026, 11, 23), date(2026, 11, 1), "notes_export_reversed"),
        (date(2025, 11, 1), date(2026, 11, 23), "notes_export_too_long"),
    ],
)
def test_bad_range_is_one_sentence_and_no_file(
    sqlite_database: Database, tmp_path: Path, first: date, last: date, code: str
) -> None:
    for write, name in ((write_notes_xlsx, "n.xlsx"), (write_notes_pdf, "n.pdf")):
        with sqlite_database.read() as session, pytest.raises(ValidationError) as refused:
            write(session, first, last, tmp_path / name)
        assert refused.value.code == code
        message = refused.value.message()
        assert message.endswith("。") and message.count("。") == 1 and "Traceback" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_a_whole_leap_year_is_allowed(sqlite_database: Database, tmp_path: Path) -> None:
    with sqlite_database.read() as session:
        report = write_notes_xlsx(session, date(2028, 1, 1), date(2028, 12, 31), tmp_path / "2028.xlsx")
    assert report.notes == 0 and (tmp_path / "2028.xlsx").is_file()


def test_font_locator_skips_fonts_without_chinese_and_says_what_to_install(tmp_path: Path) -> None:
    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"not a font at all")
    latin_only = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    with pytest.raises(UserError) as refused:
        find_cjk_font([tmp_path / "missing.ttc", not_a_font, latin_only])
    assert refused.value.code == "pdf_no_cjk_font"
    assert "fonts-wqy-microhei" in refused.value.message()

    font, _ttf = find_cjk_font()
    assert font.path.suffix.lower() in {".ttc", ".ttf"} and font.subfont == 0


def test_the_pdf_font_has_a_glyph_for_every_character_written() -> None:
    """reportlab prints a character the font lacks as a blank: every character of the notes and the page texts
    must be in the embedded font's character map."""
    _font, ttf = find_cjk_font()
    page_texts = "工作笔记至（条）第页打印时间：标签、置顶交接班记录人关联案件#·*"
    written = MARKDOWN + LONG + "".join(WEEKDAYS) + page_texts
    missing = sorted({ch for ch in written if not ch.isspace() and ord(ch) not in ttf.face.charToGlyph})
    assert not missing, missing
