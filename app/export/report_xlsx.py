"""The report workbook (客服报表): one `Report` over five sheets, written through app.export.xlsx's writer.

- 概况: the plan's KPIs (value, target, met, previous range, change in percentage points) from the title rows on,
  then the range, cases opened and closed by kind, first response (minutes) and resolution (hours) times.
- 趋势: cases opened and closed on each local day, with a native Excel line chart over those cells.
- 分类: cases opened by problem type, courier and carrier, each block with a bar chart.
- 快递员: courier performance from the imported delivery counts (signed and problem-parcel rates).
- 资金: fines by result and claims by status, in yuan with 2 decimals.

Numbers stay numbers (shares as percent-formatted cells, money as 0.00 cells) so the clerk can sum and chart
them again; every text goes through the writer's formula-injection guard (courier and type names are user text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.deadlines import DeadlineRules
from app.export.files import atomic_output
from app.reports.figures import KINDS, Tally
from app.reports.kpis import (
    NO_VALUE,
    TOTAL,
    claim_lines,
    fine_lines,
    kind_label,
    kpis,
    range_text,
    tally_label,
)
from app.reports.report import RESPONDED_KINDS, Report

FORMATS = (".xlsx",)
TITLE = "客服报表"
SHEETS = ("概况", "趋势", "分类", "快递员", "资金")
PERCENT = "0.0%"
MONEY = "#,##0.00"
ONE_DECIMAL = "0.0"
TIME_FORMAT = "%Y-%m-%d %H:%M"
CHART_ROWS = 17  # rows a chart of the 分类 sheet takes, so the next block's chart sits below it
BREAKDOWNS = (  # Report attribute, app.reports.kpis.UNRECORDED key, heading
    ("by_problem_type", "problem_type", "按问题类型"),
    ("by_courier", "courier", "按快递员"),
    ("by_carrier", "carrier", "按快递公司"),
)


class _Lines:
    """A sheet of the writer plus the row each line lands on (charts reference cells by row)."""

    def __init__(self, sheet: Any) -> None:
        from app.export.xlsx import TITLE_ROWS

        self.sheet = sheet
        self.row = TITLE_ROWS  # the last row written

    def append(self, values: Sequence[Any]) -> int:
        self.sheet.append(values)
        self.row += 1
        return self.row

    def heading(self, text: str) -> None:
        self.sheet.heading(text)
        self.row += 1

    def blank(self) -> None:
        self.sheet.blank()
        self.row += 1

    def number(self, value: float | Decimal | int | None, number_format: str) -> Any:
        """A number cell in `number_format`; "—" for a figure there is nothing to compute from."""
        return NO_VALUE if value is None else self.sheet.number(value, number_format)


def write_report_xlsx(
    report: Report, path: Path, *, outlet: str, previous: Report | None = None, zone: tzinfo | None = None
) -> Path:
    """Write the workbook to `path` (a temporary file renamed into place) and return the path. `previous` is the
    range before (ReportRange.previous) for the KPIs' trend; `zone` the outlet's, for the generated time."""
    from app.export.xlsx import Book

    path = Path(path)
    zone = zone or DeadlineRules().tz()
    title = " ".join(part for part in (outlet.strip(), TITLE, range_text(report.range)) if part)
    generated = datetime.now(UTC).astimezone(zone).strftime(TIME_FORMAT)
    with atomic_output(path) as temp:
        book = Book()
        try:
            _overview(book, title, report, previous, generated)
            _trend(book, title, report)
            _breakdowns(book, title, report)
            _couriers(book, title, report)
            _money(book, title, report)
            book.save(temp)
        except BaseException:
            book.discard()
            raise
    return path


def _columns(*spec: tuple[str, float]) -> list[Any]:
    from app.export.xlsx import SheetColumn

    return [SheetColumn(header, width) for header, width in spec]


def _overview(book: Any, title: str, report: Report, previous: Report | None, generated: str) -> None:
    headers = (("指标", 26), ("本期", 11), ("目标", 11), ("是否达标", 10), ("上期", 11), ("较上期（百分点）", 15))
    lines = _Lines(book.sheet(SHEETS[0], title, _columns(*headers), table=False))
    pct = PERCENT
    for k in kpis(report, previous):
        lines.append(
            [
                k.label,
                lines.number(k.value, pct),
                lines.number(k.target, "0%") if k.target is not None else NO_VALUE,
                k.met_text(),
                lines.number(k.previous, pct),
                lines.number(None if k.delta is None else round(k.delta * 100, 1), ONE_DECIMAL),
            ]
        )
    lines.blank()
    lines.heading("统计信息")
    lines.append(["统计范围", range_text(report.range)])
    lines.append(["对比上期", range_text(previous.range) if previous is not None else NO_VALUE])
    lines.append(["生成时间", generated])
    lines.blank()
    counts = report.counts
    lines.heading("案件数（按类型）")
    lines.append(["类型", "新增", "结案"])
    for kind in KINDS:
        lines.append([kind_label(kind), counts.opened[kind], counts.closed[kind]])
    lines.append([TOTAL, counts.opened_total, counts.closed_total])
    lines.blank()
    lines.heading("首次响应（分钟，按本期新增）")
    lines.append(["类型", "已响应", "中位数", "P90", "3 分钟内", "未响应"])
    for kind in RESPONDED_KINDS:
        s = report.first_response[kind]
        lines.append(
            [kind_label(kind), s.count, _in(lines, s.median, 60), _in(lines, s.p90, 60), s.within_target, s.unanswered]
        )
    lines.blank()
    lines.heading("办结用时（小时，按本期结案）")
    lines.append(["类型", "结案", "中位数", "P90", "24 小时内", "渠道时限内"])
    for kind in KINDS:
        s = report.resolution[kind]
        sla = NO_VALUE if s.within_sla is None else s.within_sla
        lines.append(
            [kind_label(kind), s.count, _in(lines, s.median, 3600), _in(lines, s.p90, 3600), s.within_target, sla]
        )
    lines.blank()
    lines.heading("一次联系解决（按本期结案）")
    lines.append(["类型", "结案", "一次解决", "比例"])
    for kind in KINDS:
        rate = report.one_contact[kind]
        lines.append([kind_label(kind), rate.whole, rate.part, lines.number(rate.share, PERCENT)])


def _in(lines: _Lines, seconds: int | None, unit: int) -> Any:
    return lines.number(None if seconds is None else round(seconds / unit, 1), ONE_DECIMAL)


def _trend(book: Any, title: str, report: Report) -> None:
    from openpyxl.chart import LineChart

    lines = _Lines(book.sheet(SHEETS[1], title, _columns(("日期", 13), ("新增", 9), ("结案", 9))))
    first = lines.row + 1
    for point in report.series:
        lines.append([point.day.isoformat(), point.opened, point.closed])
    chart = LineChart()
    chart.title = "每日新增与结案"
    chart.y_axis.title = "件数"
    chart.height, chart.width = 8.5, 22
    chart.add_data(
        lines.sheet.reference(min_col=2, max_col=3, min_row=first - 1, max_row=lines.row), titles_from_data=True
    )
    chart.set_categories(lines.sheet.reference(min_col=1, min_row=first, max_row=lines.row))
    lines.sheet.add_chart(chart, "E3")


def _breakdowns(book: Any, title: str, report: Report) -> None:
    from openpyxl.chart import BarChart

    lines = _Lines(book.sheet(SHEETS[2], title, _columns(("名称", 22), ("新增件数", 10)), table=False))
    for n, (attribute, breakdown, heading) in enumerate(BREAKDOWNS):
        tallies: list[Tally] = getattr(report, attribute)
        if n:
            lines.blank()
        lines.heading(heading)
        if not tallies:
            lines.append(["（无）", 0])
            continue
        first = lines.row + 1
        for t in tallies:
            lines.append([tally_label(t.label, breakdown), t.count])
        chart = BarChart()
        chart.type = "bar"  # horizontal: long names stay readable
        chart.title = f"新增案件{heading}"
        chart.legend = None
        chart.height, chart.width = 8, 16
        chart.add_data(lines.sheet.reference(min_col=2, min_row=first, max_row=lines.row), titles_from_data=False)
        chart.set_categories(lines.sheet.reference(min_col=1, min_row=first, max_row=lines.row))
        lines.sheet.add_chart(chart, f"D{3 + n * CHART_ROWS}")


def _couriers(book: Any, title: str, report: Report) -> None:
    columns = _columns(
        ("快递员", 14),
        ("到件", 9),
        ("派件", 9),
        ("签收", 9),
        ("签收率", 9),
        ("上报问题件", 11),
        ("疑难件", 9),
        ("问题件率", 10),
    )
    lines = _Lines(book.sheet(SHEETS[3], title, columns))
    for p in report.couriers:
        lines.append(
            [
                p.name,
                p.arrived,
                p.delivered,
                p.signed,
                lines.number(p.signed_rate.share, PERCENT),
                p.problem_reported,
                p.stuck_cases,
                lines.number(p.problem_rate.share, PERCENT),
            ]
        )


def _money(book: Any, title: str, report: Report) -> None:
    headers = (("项目", 16), ("笔数", 9), ("金额（元）", 14), ("已追回 / 核定（元）", 18))
    lines = _Lines(book.sheet(SHEETS[4], title, _columns(*headers), table=False))
    for n, (heading, header, rows) in enumerate(
        (
            ("罚款（按处理结果，本期开出）", ["处理结果", "笔数", "罚款金额", "已追回"], fine_lines(report)),
            ("理赔（按状态，本期登记）", ["状态", "笔数", "索赔金额", "核定金额"], claim_lines(report)),
        )
    ):
        if n:
            lines.blank()
        lines.heading(heading)
        lines.append(header)
        for m in rows:
            lines.append([m.label, m.count, lines.number(m.amount, MONEY), lines.number(m.other, MONEY)])
