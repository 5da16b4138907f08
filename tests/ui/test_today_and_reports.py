"""The start page and the reports, driven as a clerk would: today's tiles counted from the real database and each
a click into its filtered list; a week's report, then a month, an earlier month, and both exports read back."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from app.cases import NewCase, open_case
from app.deadlines import local_date
from app.settings import deadline_rules
from app.today import today_counts
from db.models import AuditEntry
from ui.pages.report_page import cells

pytestmark = pytest.mark.usefixtures("cases")
SAMPLE_CASES = 5  # the `cases` fixture's cases opened now; its 12 numbered ones were opened in November 2025
ALL_CASES = 17


def tile_value(window, code: str) -> int | None:
    return window.today_page.tiles.value(code)


def test_the_window_starts_on_today_with_counts_from_the_database(qtbot, window, desk):
    page = window.today_page
    assert window.pages.currentWidget() is page and page.tabs.currentWidget() is page.tiles
    qtbot.waitUntil(lambda: tile_value(window, "new_today") == SAMPLE_CASES, timeout=5000)
    assert tile_value(window, "open") == ALL_CASES
    counts = desk.read(today_counts, datetime.now(UTC))
    assert (counts.owed, counts.intercepts, counts.claims) == (0, 4, 0)  # one sample interception, three numbered
    assert [tile_value(window, code) for code in ("owed", "intercepts", "claims")] == [0, 4, 0]
    qtbot.waitUntil(lambda: window.reminder_centre.last is not None, timeout=5000)
    scan = window.reminder_centre.last
    assert tile_value(window, "overdue") == scan.counts["overdue"] > 0  # the numbered cases' deadlines are long gone
    assert page.tiles.tiles["overdue"].late and not page.tiles.tiles["new_today"].late
    tile = page.tiles.tiles["open"]
    assert tile.number.text() == str(ALL_CASES) and tile.accessibleName().endswith(str(ALL_CASES))


def test_a_new_case_raises_the_counts_at_once(qtbot, window, desk):
    qtbot.waitUntil(lambda: tile_value(window, "new_today") == SAMPLE_CASES, timeout=5000)
    case_id = desk.write(
        lambda s, *, actor: open_case(s, NewCase(kind="chase", waybill_no="YT8000000000001"), actor=actor).id
    )
    window.opener.changed.emit(case_id)  # what a dialog says after a save
    qtbot.waitUntil(lambda: tile_value(window, "new_today") == SAMPLE_CASES + 1, timeout=5000)
    assert tile_value(window, "open") == ALL_CASES + 1


def test_clicking_new_today_lists_todays_cases_and_any_date_lists_them_all(qtbot, window):
    qtbot.waitUntil(lambda: tile_value(window, "new_today") == SAMPLE_CASES, timeout=5000)
    qtbot.mouseClick(window.today_page.tiles.tiles["new_today"], Qt.MouseButton.LeftButton)
    page = window.cases_page
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.total == SAMPLE_CASES, timeout=5000)
    assert page.span_label.isVisible() and not page.open_only.isChecked()
    qtbot.mouseClick(page.span_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == ALL_CASES, timeout=5000)
    assert not page.span_label.isVisible()


def test_each_tile_opens_its_list_filtered(qtbot, window):
    tiles = window.today_page.tiles
    qtbot.waitUntil(lambda: tiles.counts is not None and tiles.scan is not None, timeout=5000)
    tiles.tiles["callbacks"].click()
    assert window.pages.currentWidget() is window.reminders_page
    assert window.reminders_page.kinds.currentData() == ("callback",)
    assert all(r.kind == "callback" for r in window.reminders_page.reminders_shown())
    tiles.tiles["due_today"].click()
    assert window.reminders_page.kinds.currentData() == ("due",)
    shown = window.reminders_page.reminders_shown()
    assert shown and {r.kind for r in shown} == {"due"}  # the numbered cases' deadlines
    tiles.tiles["overdue"].click()
    assert len(window.reminders_page.kinds.currentData()) > 2  # every kind
    tiles.tiles["owed"].click()
    assert window.pages.currentWidget() is window.stuck_page
    assert window.stuck_page.filter_bar.value().owed and window.stuck_page.filter_bar.value().open_only
    tiles.tiles["claims"].click()
    assert window.pages.currentWidget() is window.claims_page
    assert window.claims_page.status.currentData() == "missing_docs"
    tiles.tiles["intercepts"].click()
    assert window.pages.currentWidget() is window.money_page
    assert window.money_page.reason.currentData() == "intercept"
    tiles.tiles["money"].click()
    assert window.money_page.reason.currentData() is None
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=5000)


def kinds_total(page) -> list[str]:
    return cells(page.kind_table)[-1]


def test_a_week_then_a_month_then_an_earlier_month_and_both_exports(qtbot, window, desk, prompt, tmp_path: Path):
    window.today_page.tabs.setCurrentIndex(1)
    page = window.today_page.report
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    today = local_date(datetime.now(UTC), desk.read(deadline_rules))
    assert page.report.range.kind == "week" and page.report.range.first <= today <= page.report.range.last
    assert kinds_total(page)[1] == str(SAMPLE_CASES)  # the sample cases, opened this week
    assert page.previous.range.last == page.report.range.first - timedelta(days=1)
    assert len(page.series_chart.categories) == 7 and sum(page.series_chart.values[page.tr("Opened")]) == 5

    page.kind.setCurrentIndex(page.kind.findData("month"))
    qtbot.waitUntil(lambda: page.report.range.kind == "month", timeout=10000)
    assert page.report.range.first == today.replace(day=1) and kinds_total(page)[1] == str(SAMPLE_CASES)
    assert len(page.series_chart.categories) == (page.report.range.last - page.report.range.first).days + 1

    page.first.setDate(QDate(2025, 11, 20))
    qtbot.waitUntil(lambda: page.report.range.first.isoformat() == "2025-11-01", timeout=10000)
    assert kinds_total(page)[1] == "12"  # the numbered cases, three of each kind, from 3 November 2025
    assert [row[:2] for row in cells(page.kind_table)[:4]] == [
        ["疑难件", "3"],
        ["催单", "3"],
        ["投诉", "3"],
        ["拦截", "3"],
    ]
    window.activateWindow()
    qtbot.waitActive(window)
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.report.range.first.isoformat() == "2025-10-01", timeout=10000)
    assert kinds_total(page)[1] == "0"
    qtbot.keyClick(page.kind, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.report.range.first.isoformat() == "2025-11-01", timeout=10000)

    workbook = tmp_path / "月报.xlsx"
    prompt.files.append(str(workbook.with_suffix("")))  # the suffix is added when the clerk leaves it off
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(workbook.exists, timeout=10000)
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=10000)
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["概况", "趋势", "分类", "快递员", "资金"]
    overview = [[c for c in row if c is not None] for row in book["概况"].iter_rows(values_only=True)]
    assert ["合计", 12, 0] in overview
    assert any("2025-11-01 至 2025-11-30" in str(c) for row in overview for c in row)
    assert book["趋势"]._charts  # a native Excel chart over the day rows

    pdf = tmp_path / "月报.pdf"
    prompt.files.append(str(pdf))
    qtbot.keyClick(page.kind, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(pdf.exists, timeout=10000)
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=10000)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "2025-11-01 至 2025-11-30" in text and "投诉 3 分钟内首次响应" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M)  # one page
    audited = desk.read(
        lambda s: s.scalars(
            select(AuditEntry.changes).where(AuditEntry.entity == "export", AuditEntry.action == "report")
        ).all()
    )
    assert [(c["first"], c["last"]) for c in audited] == [("2025-11-01", "2025-11-30")] * 2
    assert not prompt.errors
