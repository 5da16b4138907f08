"""The report's KPIs and its exports on a small hand-made week with answers worked by hand, on SQLite and
PostgreSQL: the workbook read back with openpyxl, the one-page PDF with poppler, the command line as a process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.export.report_pdf import top_couriers, top_tallies, write_report_pdf
from app.export.report_xlsx import SHEETS, write_report_xlsx
from app.reports.figures import Tally
from app.reports.kpis import DEFINITIONS, Kpi, kpis, percent, range_text
from app.reports.ranges import ReportRange
from app.reports.report import Report, build_report
from db.engine import Database
from db.models import AuditEntry, Claim, Courier, DeliveryCount, Fine, ProblemType, Waybill
from tests.test_reports_figures import WEEK, add_case, local

OUTLET = "测试网点"
PREVIOUS = WEEK.previous()  # Monday 11-09 .. Sunday 11-15
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _courier(session: Session, name: str) -> int:
    courier = Courier(name=name)
    session.add(courier)
    session.flush()
    return courier.id


def _waybill(session: Session, number: str) -> int:
    waybill = Waybill(waybill_no=number)
    session.add(waybill)
    session.flush()
    return waybill.id


def build_week(session: Session) -> None:
    """The week 11-16..22: four complaints opened on the 17th, answered after 60 s, 120 s and 600 s and one not
    at all (3-minute share 2/4); three of them closed after 1 h, 2 h and 30 h (24-hour share 2/3, each with one
    contact); a stuck case closed after two contacts (one-contact 3/4); one complaint a repeat (1/4); two chases,
    no repeat (0/2); return visits scored 5 5 4 2 (satisfaction 3/4). The week before: one complaint answered in a
    minute and closed in 2 h, scored 5 (every share 100 %, repeats 0 %)."""
    opened = local(17, 9)
    add_case(session, "complaint", opened, closed=opened + timedelta(hours=1), contacts=((60, "phone"),))
    add_case(session, "complaint", opened, closed=opened + timedelta(hours=2), contacts=((120, "phone"),))
    add_case(
        session, "complaint", opened, closed=opened + timedelta(hours=30), contacts=((600, "phone"),), repeat_count=1
    )
    add_case(session, "complaint", opened)  # never answered
    add_case(
        session, "stuck", local(18), closed=local(19), contacts=((60, "phone"), (120, "wechat")), problem="damaged"
    )
    add_case(session, "chase", local(20))
    add_case(session, "chase", local(21))
    for score in (5, 5, 4, 2):
        add_case(session, "complaint", local(3), satisfaction=score, visited=local(20))
    before = local(10, 9)
    add_case(
        session,
        "complaint",
        before,
        closed=before + timedelta(hours=2),
        contacts=((60, "phone"),),
        satisfaction=5,
        visited=before + timedelta(hours=3),
    )
    zhang = _courier(session, "张三")
    session.add(DeliveryCount(day=date(2026, 11, 20), courier_id=zhang, arrived=200, delivered=190, signed=180))
    session.add(
        Fine(
            waybill_id=_waybill(session, "YT9000000000001"),
            reason="延误",
            amount=Decimal("150.50"),
            issued_at=local(18),
            result="open",
        )
    )


def reports(database: Database, rng: ReportRange = WEEK) -> tuple[Report, Report]:
    with database.read() as session:
        return build_report(session, rng), build_report(session, rng.previous())


def by_code(items: list[Kpi]) -> dict[str, Kpi]:
    return {k.code: k for k in items}


def test_kpis_against_the_plan_with_the_trend(database: Database) -> None:
    with database.write() as session:
        build_week(session)
    report, previous = reports(database)
    got = by_code(kpis(report, previous))
    assert list(got) == [d.code for d in DEFINITIONS]
    first = got["first_response_3min"]
    assert (first.value, first.basis, first.target, first.met, first.previous, first.delta) == (
        0.5,
        4,
        0.95,
        False,
        1.0,
        -0.5,
    )
    assert (first.text(), first.target_text(), first.met_text(), first.delta_text()) == (
        "50.0 %",
        "≥ 95 %",
        "未达标",
        "-50.0",
    )
    assert first.improved is False and first.label == "投诉 3 分钟内首次响应"
    cycle = got["complaint_cycle_24h"]
    assert (cycle.value, cycle.basis, cycle.met, cycle.previous) == (pytest.approx(2 / 3), 3, False, 1.0)
    assert got["complaint_within_sla"].value == pytest.approx(2 / 3)  # the call channel's 24 h
    repeats = got["repeat_complaints"]
    assert (repeats.value, repeats.higher_is_better, repeats.met, repeats.target_text()) == (
        0.25,
        False,
        False,
        "< 5 %",
    )
    assert (repeats.previous, repeats.delta_text(), repeats.improved) == (0.0, "+25.0", False)
    chases = got["repeat_chases"]
    assert (chases.value, chases.met, chases.previous, chases.delta) == (0.0, True, None, None)  # no chase before
    assert (chases.previous_text(), chases.delta_text(), chases.improved) == ("—", "—", None)
    happy = got["satisfaction"]
    assert (happy.value, happy.target, happy.met, happy.delta) == (0.75, 0.9, False, -0.25)
    one = got["one_contact"]
    assert (one.value, one.basis, one.target, one.met, one.target_text(), one.met_text()) == (
        0.75,
        4,
        None,
        None,
        "—",
        "—",
    )


def test_an_empty_range_has_no_kpi_values_not_zero_percent(database: Database) -> None:
    report, previous = reports(database)
    for k in kpis(report, previous):
        assert (k.value, k.met, k.previous, k.delta, k.basis) == (None, None, None, None, 0), k.code
        assert (k.text(), k.delta_text(), k.improved) == ("—", "—", None)
    assert [k.previous for k in kpis(report)] == [None] * len(DEFINITIONS)
    assert percent(0.925) == "92.5 %" and percent(None) == "—"
    assert range_text(WEEK) == "2026-11-16 至 2026-11-22（周报）"
    assert range_text(ReportRange.day(date(2026, 11, 20))) == "2026-11-20（日报）"


def test_the_workbook_read_back(database: Database, tmp_path: Path) -> None:
    with database.write() as session:
        build_week(session)
        bad = _courier(session, '=HYPERLINK("http://x")')  # a name that would be a formula
        session.add(DeliveryCount(day=date(2026, 11, 21), courier_id=bad, arrived=10, delivered=10, signed=5))
    report, previous = reports(database)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "报表.xlsx"
    assert write_report_xlsx(report, target, outlet=OUTLET, previous=previous) == target
    assert [p.name for p in target.parent.iterdir()] == ["报表.xlsx"]  # no temporary file left
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(SHEETS) == ["概况", "趋势", "分类", "快递员", "资金"]

    overview = book["概况"]
    assert overview["A1"].value == f"{OUTLET} 客服报表 2026-11-16 至 2026-11-22（周报）"
    kpi_rows = list(overview.iter_rows(min_row=3, max_row=2 + len(DEFINITIONS), values_only=True))
    assert kpi_rows[0] == ("投诉 3 分钟内首次响应", 0.5, 0.95, "未达标", 1, -50)
    assert overview["B3"].number_format == "0.0%"
    assert kpi_rows[-1] == ("一次联系解决率", 0.75, "—", "—", 1, -25)  # the week before: one case, one contact
    values = [row for row in overview.iter_rows(values_only=True) if row[0]]
    assert ("统计范围", "2026-11-16 至 2026-11-22（周报）", None, None, None, None) in values
    assert ("投诉", 4, 3, None, None, None) in values  # opened and closed in the week
    assert ("合计", 7, 4, None, None, None) in values

    trend = book["趋势"]
    days = list(trend.iter_rows(min_row=3, values_only=True))
    assert days == [
        ("2026-11-16", 0, 0),
        ("2026-11-17", 4, 2),
        ("2026-11-18", 1, 1),
        ("2026-11-19", 0, 1),
        ("2026-11-20", 1, 0),
        ("2026-11-21", 1, 0),
        ("2026-11-22", 0, 0),
    ]
    assert len(trend._charts) == 1
    opened, closed = trend._charts[0].series
    assert (opened.val.numRef.f, closed.val.numRef.f) == ("'趋势'!$B$3:$B$9", "'趋势'!$C$3:$C$9")
    assert opened.cat.numRef.f == "'趋势'!$A$3:$A$9" and opened.tx.strRef.f == "'趋势'!B2"  # named 新增
    assert len(book["分类"]._charts) == 3  # problem type, courier, carrier

    couriers = {row[0]: row for row in book["快递员"].iter_rows(min_row=3, values_only=True)}
    assert couriers["张三"][1:5] == (200, 190, 180, 0.9)
    assert '=HYPERLINK("http://x")' in couriers  # kept as text, not a formula
    cell = next(c for row in book["快递员"].iter_rows(min_row=3) for c in row[:1] if str(c.value).startswith("="))
    assert cell.data_type == "s" and cell.quotePrefix

    money = list(book["资金"].iter_rows(values_only=True))
    assert ("待处理", 1, 150.5, 0) in money and ("合计", 1, 150.5, 0) in money
    fine_cell = next(c for row in book["资金"].iter_rows() for c in row if c.value == 150.5)
    assert fine_cell.number_format == "#,##0.00"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_poppler
def test_the_pdf_is_one_page_with_the_kpis(database: Database, tmp_path: Path) -> None:
    with database.write() as session:
        build_week(session)
    report, previous = reports(database)
    target = tmp_path / "报表.pdf"
    assert write_report_pdf(report, target, outlet=OUTLET, previous=previous) == target
    assert _pages(target) == 1
    text = _pdf_text(target)
    assert f"{OUTLET} 客服报表" in text and "2026-11-16 至 2026-11-22（周报）" in text
    assert "对比上期 2026-11-09 至 2026-11-15（周报）" in text
    for d in DEFINITIONS:
        assert d.label in text
    assert "50.0 %" in text and "未达标" in text and "达标" in text and "150.50" in text and "张三" in text
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, check=True).stdout.decode()
    lines = fonts.splitlines()[2:]
    assert lines and all(" yes " in line for line in lines), fonts  # every font embedded, none named only


def test_long_breakdowns_keep_the_top_rows_and_sum_the_rest() -> None:
    tallies = [Tally(str(i), f"类型{i}", 10 - i) for i in range(8)]
    assert top_tallies(tallies, "problem_type", 3) == [
        ("类型0", 10),
        ("类型1", 9),
        ("类型2", 8),
        ("其他", 7 + 6 + 5 + 4 + 3),
    ]
    assert top_tallies([Tally(None, None, 2)], "courier") == [("未指定快递员", 2)]


@needs_poppler
def test_a_busy_month_still_fits_one_page(database: Database, tmp_path: Path) -> None:
    """31 days, 40 couriers with long names, every problem type, every fine result and claim status."""
    october = ReportRange.month(date(2026, 10, 1))
    with database.write() as session:
        waybill = _waybill(session, "YT9000000000002")
        types = list(session.scalars(select(ProblemType.code).where(ProblemType.kind == "stuck")))
        couriers = [_courier(session, f"快递员{i:02d}号（城东片区第{i}投递段）") for i in range(40)]
        session.add_all(
            DeliveryCount(day=d, courier_id=c, arrived=100 + i, delivered=90, signed=85)
            for i, c in enumerate(couriers)
            for d in october.days()[::3]
        )
        for i, code in enumerate(types * 2):
            at = datetime(2026, 10, 1 + i % 31, 10, tzinfo=UTC)
            add_case(session, "stuck", at, closed=at + timedelta(days=1), problem=code, courier_id=couriers[i % 40])
        for i, result in enumerate(("open", "appealed", "accepted", "cancelled", "reduced")):
            session.add(
                Fine(
                    waybill_id=waybill,
                    reason="延误",
                    amount=Decimal("1234567.89"),
                    issued_at=datetime(2026, 10, 2 + i, tzinfo=UTC),
                    result=result,
                )
            )
        for i, status in enumerate(("registered", "missing_docs", "submitted", "reviewed", "paid", "rejected")):
            session.add(
                Claim(
                    claim_no=f"LP-R{i}",
                    waybill_id=waybill,
                    status=status,
                    loss_type="damaged",
                    claimed_amount=Decimal("99999.99"),
                    created_at=datetime(2026, 10, 3 + i, tzinfo=UTC),
                )
            )
    report, previous = reports(database, october)
    assert len(report.series) == 31 and len(report.couriers) == 40
    target = tmp_path / "十月.pdf"
    write_report_pdf(report, target, outlet="一个名字相当长的快递网点（城东分部）", previous=previous)
    assert _pages(target) == 1
    text = _pdf_text(target)
    assert "其他（34 人）" in text and "已减免" in text and "驳回" in text and "1,234,567.89" in text
    assert [r.name for r in top_couriers(report.couriers)][:2] == [couriers_name(39), couriers_name(38)]


def couriers_name(i: int) -> str:
    return f"快递员{i:02d}号（城东片区第{i}投递段）"


def run(home: Path, db: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "app", "--home", str(home), "--db", db, "export", "report", *args]
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    return subprocess.run(cmd, capture_output=True, env=env, timeout=300)


def test_export_report_on_the_command_line(
    database: Database, db_url: str, home: Path, tmp_path: Path, manager: Actor
) -> None:
    with database.write() as session:
        build_week(session)
        settings.put(session, "outlet.name", OUTLET, actor=manager)
    sheet, pdf = tmp_path / "周报.xlsx", tmp_path / "周报.pdf"
    result = run(home, db_url, "--range", "week", "--date", "2026-11-18", "-o", str(sheet))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == f"已导出报表 2026-11-16 至 2026-11-22（周报）：{sheet.resolve()}\n"
    overview = openpyxl.load_workbook(sheet)["概况"]
    assert overview["A1"].value.startswith(OUTLET) and overview["B3"].value == 0.5 and overview["E3"].value == 1

    result = run(home, db_url, "--from", "2026-11-16", "--to", "2026-11-22", "-o", str(pdf))
    assert result.returncode == 0, result.stderr.decode()
    assert "2026-11-16 至 2026-11-22（自定义）" in result.stdout.decode()
    if shutil.which("pdftotext"):
        text = _pdf_text(pdf)
        assert OUTLET in text and "对比上期 2026-11-09 至 2026-11-15（自定义）" in text
    with database.read() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "export")).all()
    assert [(e.action, e.changes) for e in entries] == [
        ("report", {"what": "report", "path": str(sheet.resolve()), "first": "2026-11-16", "last": "2026-11-22"}),
        ("report", {"what": "report", "path": str(pdf.resolve()), "first": "2026-11-16", "last": "2026-11-22"}),
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2026-11-22", "--to", "2026-11-16"), "晚于结束日期"),
        (("--from", "2026-11-16"), "要一起给出"),
        (("--from", "2026-11-16", "--to", "2026-11-22", "--range", "week"), "不能再与"),
        (("--from", "2025-01-01", "--to", "2026-11-22"), "最多 366 天"),
        (("--from", "2026-11-31", "--to", "2026-12-01"), "YYYY-MM-DD"),
        (("--range", "year"), "invalid choice"),
    ],
)
def test_a_bad_report_range_is_a_usage_error(
    sqlite_url: str, home: Path, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    result = run(home, sqlite_url, *args, "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 2
    message = result.stderr.decode()
    assert says in message and message.count("\n") == 1 and "Traceback" not in message
    assert not (tmp_path / "r.pdf").exists()


def test_a_wrong_suffix_is_refused(sqlite_url: str, home: Path, tmp_path: Path) -> None:
    result = run(home, sqlite_url, "-o", str(tmp_path / "r.csv"))
    assert result.returncode == 2 and "只能导出为 .xlsx / .pdf 文件" in result.stderr.decode()
