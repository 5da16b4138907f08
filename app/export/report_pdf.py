"""The report on one A4 page (客服报表) for the manager's wall or the upstream company: the plan's KPIs with targets
and 达标 / 未达标 in words (the embedded font has no ballot-box glyphs), cases by kind with response and
resolution times, an opened-vs-closed bar chart of the days, the top couriers and problem types, fines and claims.

One page whatever the range: every block has a bounded number of rows (long breakdowns keep their top rows and sum
the rest into "其他"), names are clipped to one line, and the chart labels only every few days of a long range.
The page comes from app.export.pdf (font, footer, tables) and is written to a temporary file renamed into place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.deadlines import DeadlineRules
from app.export.files import atomic_output
from app.reports.couriers import CourierPerformance
from app.reports.figures import KINDS, Tally
from app.reports.kpis import (
    NO_VALUE,
    OTHERS,
    TOTAL,
    claim_lines,
    fine_lines,
    kind_label,
    kpis,
    percent,
    range_text,
    tally_label,
)
from app.reports.report import RESPONDED_KINDS, Report

FORMATS = (".pdf",)
TITLE = "客服报表"
TIME_FORMAT = "%Y-%m-%d %H:%M"
TOP_COURIERS = 6  # rows of the courier table before "其他"
TOP_TYPES = 6
NAME_CHARS = 9  # a name longer than this is clipped with "…" (one line per row)
CHART_HEIGHT_MM = 46
CHART_LABELS = 16
MAX_DAY_WIDTH = 48  # points of chart width per day at most  # at most this many day labels under the chart
FONT_SIZE = 8
MET_COLOUR = "#1B7F3B"
MISSED_COLOUR = "#B00020"
OPENED_COLOUR = "#4472C4"
CLOSED_COLOUR = "#A5A5A5"
SHADE = "#F0F3F6"
RULE = "#B8C2CC"


def top_couriers(couriers: Sequence[CourierPerformance], n: int = TOP_COURIERS) -> list[CourierPerformance]:
    """The `n` couriers with most parcels arrived (then most stuck cases), the rest summed into one "其他" row."""
    ranked = sorted(couriers, key=lambda p: (-p.arrived, -p.stuck_cases, p.name))
    rest = ranked[n:]
    if not rest:
        return ranked
    others = CourierPerformance(
        courier_id=0,
        name=f"{OTHERS}（{len(rest)} 人）",
        arrived=sum(p.arrived for p in rest),
        delivered=sum(p.delivered for p in rest),
        signed=sum(p.signed for p in rest),
        problem_reported=sum(p.problem_reported for p in rest),
        stuck_cases=sum(p.stuck_cases for p in rest),
    )
    return [*ranked[:n], others]


def top_tallies(tallies: Sequence[Tally], breakdown: str, n: int = TOP_TYPES) -> list[tuple[str, int]]:
    """(name, count) of the `n` largest rows (the breakdowns come most first), the rest summed into "其他"."""
    rows = [(tally_label(t.label, breakdown), t.count) for t in tallies[:n]]
    if len(tallies) > n:
        rows.append((OTHERS, sum(t.count for t in tallies[n:])))
    return rows


def write_report_pdf(
    report: Report, path: Path, *, outlet: str, previous: Report | None = None, zone: tzinfo | None = None
) -> Path:
    """Write the one-page report to `path` (a temporary file renamed into place) and return the path. `previous`
    is the range before (ReportRange.previous) for the KPIs' trend; `zone` the outlet's, for the printed time."""
    from app.export.pdf import Page, write_pdf

    path = Path(path)
    zone = zone or DeadlineRules().tz()
    printed_at = datetime.now(UTC).astimezone(zone).strftime(TIME_FORMAT)
    page = Page(f"{TITLE} {range_text(report.range)}", printed_at)  # the footer's: an outlet name may be long
    with atomic_output(path) as temp:
        write_pdf(temp, _Page(report, previous, outlet, printed_at).story(), page)
    return path


def _clip(name: str) -> str:
    from app.export.pdf import printable

    name = printable(" ".join(name.split()))
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def _minutes(seconds: int | None) -> str:
    return NO_VALUE if seconds is None else f"{seconds / 60:.1f}"


def _hours(seconds: int | None) -> str:
    return NO_VALUE if seconds is None else f"{seconds / 3600:.1f}"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


class _Page:
    def __init__(self, report: Report, previous: Report | None, outlet: str, printed_at: str) -> None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm

        from app.export.pdf import A4, FRAME_PADDING, MARGIN, styles

        self.report = report
        self.previous = previous
        self.outlet = outlet.strip()
        self.printed_at = printed_at
        self.mm = mm
        self.width = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING
        st = styles()
        self.title = ParagraphStyle("report-title", parent=st.title, fontSize=16, leading=20, spaceAfter=1 * mm)
        self.subtitle = ParagraphStyle("report-subtitle", parent=st.subtitle, spaceAfter=1 * mm)
        self.heading = ParagraphStyle(
            "report-heading", parent=st.heading, fontSize=10, leading=13, spaceBefore=2.5 * mm, spaceAfter=1.2 * mm
        )

    def story(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        from app.export.pdf import markup, printable

        r = self.report
        name = markup(printable(self.outlet))
        facts = [f"统计范围 {range_text(r.range)}"]
        if self.previous is not None:
            facts.append(f"对比上期 {range_text(self.previous.range)}")
        facts.append(f"生成时间 {self.printed_at}")
        return [
            Paragraph(f"{name} {TITLE}".strip(), self.title),
            Paragraph(" · ".join(facts), self.subtitle),
            Paragraph("目标指标", self.heading),
            self._kpis(),
            Paragraph("案件与时效", self.heading),
            self._side_by_side(self._kinds(), self._times(), 0.38),
            Paragraph("每日新增与结案", self.heading),
            self._chart(),
            Paragraph("快递员与问题类型（按本期新增）", self.heading),
            self._side_by_side(self._couriers(), self._types(), 0.6),
            Paragraph("资金", self.heading),
            self._side_by_side(self._fines(), self._claims(), 0.5),
        ]

    # --- tables ----------------------------------------------------------------------------------------------

    def _table(self, cells: list[list[Any]], widths: Sequence[float], extra: Sequence[tuple[Any, ...]] = ()) -> Any:
        from app.export.pdf import table

        commands = [
            ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
            ("LEADING", (0, 0), (-1, -1), FONT_SIZE * 1.2),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("ALIGN", (1, 0), (-1, 0), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
        return table(cells, widths, commands)

    def _columns(self, width: float, first: float, n: int) -> list[float]:
        """`first` share of `width` for the name column, the rest split evenly over `n` number columns."""
        return [width * first] + [width * (1 - first) / n] * n

    def _side_by_side(self, left: Any, right: Any, share: float) -> Any:
        from app.export.pdf import table

        gap = 4 * self.mm
        left_width = (self.width - gap) * share
        left.hAlign = right.hAlign = "LEFT"
        layout = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *(("LEFTPADDING" if i else "RIGHTPADDING", (0, 0), (-1, -1), 0) for i in (0, 1)),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), gap),
        ]
        return table([[left, right]], [left_width, self.width - left_width], layout)

    def _kpis(self) -> Any:
        from reportlab.lib import colors

        cells: list[list[Any]] = [["指标", "本期", "目标", "是否达标", "上期", "较上期（百分点）", "件数"]]
        extra: list[tuple[Any, ...]] = []
        for row, k in enumerate(kpis(self.report, self.previous), 1):
            cells.append(
                [k.label, k.text(), k.target_text(), k.met_text(), k.previous_text(), k.delta_text(), str(k.basis)]
            )
            if k.met is not None:
                colour = colors.HexColor(MET_COLOUR if k.met else MISSED_COLOUR)
                extra.append(("TEXTCOLOR", (3, row), (3, row), colour))
        extra.append(("ALIGN", (3, 1), (3, -1), "CENTER"))
        return self._table(cells, self._columns(self.width, 0.3, 6), extra)

    def _kinds(self) -> Any:
        counts = self.report.counts
        cells: list[list[Any]] = [["类型", "新增", "结案"]]
        cells += [[kind_label(k), str(counts.opened[k]), str(counts.closed[k])] for k in KINDS]
        cells.append([TOTAL, str(counts.opened_total), str(counts.closed_total)])
        return self._table(cells, self._columns((self.width - 4 * self.mm) * 0.38, 0.4, 2))

    def _times(self) -> Any:
        r = self.report
        cells: list[list[Any]] = [["类型", "首次响应中位（分钟）", "响应 P90", "办结中位（小时）", "办结 P90"]]
        for kind in KINDS:
            first = r.first_response.get(kind) if kind in RESPONDED_KINDS else None
            done = r.resolution[kind]
            cells.append(
                [
                    kind_label(kind),
                    _minutes(first.median) if first else NO_VALUE,
                    _minutes(first.p90) if first else NO_VALUE,
                    _hours(done.median),
                    _hours(done.p90),
                ]
            )
        width = (self.width - 4 * self.mm) * 0.62
        return self._table(cells, [width * 0.16, width * 0.27, width * 0.15, width * 0.27, width * 0.15])

    def _couriers(self) -> Any:
        cells: list[list[Any]] = [["快递员", "到件", "签收率", "疑难件", "问题件率"]]
        rows = top_couriers(self.report.couriers)
        cells += [
            [
                _clip(c.name),
                str(c.arrived),
                percent(c.signed_rate.share),
                str(c.stuck_cases),
                percent(c.problem_rate.share),
            ]
            for c in rows
        ]
        if not rows:
            cells.append(["（无）", "", "", "", ""])
        return self._table(cells, self._columns((self.width - 4 * self.mm) * 0.6, 0.32, 4))

    def _types(self) -> Any:
        rows = top_tallies(self.report.by_problem_type, "problem_type")
        cells: list[list[Any]] = [["问题类型", "新增"]]
        cells += [[_clip(name), str(count)] for name, count in rows] or [["（无）", ""]]
        return self._table(cells, self._columns((self.width - 4 * self.mm) * 0.4, 0.65, 1))

    def _fines(self) -> Any:
        cells: list[list[Any]] = [["罚款结果", "笔数", "金额（元）", "已追回（元）"]]
        cells += [[m.label, str(m.count), _money(m.amount), _money(m.other)] for m in fine_lines(self.report)]
        return self._table(cells, self._columns((self.width - 4 * self.mm) * 0.5, 0.28, 3))

    def _claims(self) -> Any:
        cells: list[list[Any]] = [["理赔状态", "笔数", "索赔（元）", "核定（元）"]]
        cells += [[m.label, str(m.count), _money(m.amount), _money(m.other)] for m in claim_lines(self.report)]
        return self._table(cells, self._columns((self.width - 4 * self.mm) * 0.5, 0.28, 3))

    # --- chart -----------------------------------------------------------------------------------------------

    def _chart(self) -> Any:
        from reportlab.graphics.charts.barcharts import VerticalBarChart
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors

        from app.export.pdf import cjk_font

        font = cjk_font()
        series = self.report.series
        height = CHART_HEIGHT_MM * self.mm
        drawing = Drawing(self.width, height, initialFontName=font)  # else it names Helvetica, not embedded
        chart = VerticalBarChart()
        chart.x, chart.y = 26, 16
        chart.width = min(self.width - 34, len(series) * MAX_DAY_WIDTH)  # a day's two bars stay bars, not slabs
        chart.height = height - 30
        chart.data = [[p.opened for p in series], [p.closed for p in series]]
        step = max(1, math.ceil(len(series) / CHART_LABELS))
        chart.categoryAxis.categoryNames = [
            f"{p.day.month}/{p.day.day}" if i % step == 0 else "" for i, p in enumerate(series)
        ]
        top = max([*chart.data[0], *chart.data[1], 1])
        chart.valueAxis.valueMin = 0
        step = _axis_step(top)
        chart.valueAxis.valueMax = step * math.ceil(top / step)
        chart.valueAxis.valueStep = step
        for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
            axis.fontName = font
            axis.fontSize = 6.5
        chart.bars[0].fillColor = colors.HexColor(OPENED_COLOUR)
        chart.bars[1].fillColor = colors.HexColor(CLOSED_COLOUR)
        chart.bars.strokeWidth = 0
        chart.groupSpacing = 2 if len(series) > 10 else 6
        chart.barSpacing = 0.5
        drawing.add(chart)
        legend = Legend()
        legend.fontName = font
        legend.fontSize = 7
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 48
        legend.dx = legend.dy = 6
        legend.x, legend.y = self.width - 110, height - 4
        legend.colorNamePairs = [
            (colors.HexColor(OPENED_COLOUR), f"新增 {self.report.counts.opened_total}"),
            (colors.HexColor(CLOSED_COLOUR), f"结案 {self.report.counts.closed_total}"),
        ]
        drawing.add(legend)
        return drawing


def _axis_step(top: int) -> int:
    """A readable gridline step (1, 2 or 5 × 10^k) giving about four lines up to `top`."""
    raw = max(1, math.ceil(top / 4))
    magnitude = 10 ** (len(str(raw)) - 1)
    return next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude >= raw)
