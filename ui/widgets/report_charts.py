"""The report page's charts, drawn with Qt Charts: opened vs closed per day, and a breakdown as horizontal bars.

Charts are rebuilt whole on each report (a month is 31 points, a breakdown its top ten): cheaper and simpler
than updating series in place. Animations stay off: a clerk flicking through weeks wants the numbers at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from app.reports.figures import DayPoint, Tally

OPENED_COLOUR = QColor("#1f6fb2")
CLOSED_COLOUR = QColor("#3c9a5f")
TOP = 10  # bars in a breakdown; the rest are summed into one


class ReportChart(QChartView):
    """A chart view that keeps its chart's numbers for tests and screen readers (`values`)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there by keyboard; the tables beside hold it
        self.values: dict[str, list[int]] = {}
        self.categories: list[str] = []

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def show_series(self, title: str, points: Sequence[DayPoint], opened: str, closed: str) -> None:
        """Cases opened and closed on each local day, side by side."""
        chart = self._new_chart(title)
        short = len(points) > 10  # a month's bars get the day of the month; a week's the date
        self.categories = [str(p.day.day) if short else f"{p.day.month}-{p.day.day:02d}" for p in points]
        self.values = {opened: [p.opened for p in points], closed: [p.closed for p in points]}
        series = QBarSeries()
        for (label, numbers), colour in zip(self.values.items(), (OPENED_COLOUR, CLOSED_COLOUR), strict=True):
            bar_set = QBarSet(label)
            bar_set.setColor(colour)
            bar_set.append([float(n) for n in numbers])
            series.append(bar_set)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(self.categories)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        self._value_axis(chart, series, max((max(v, default=0) for v in self.values.values()), default=0))

    def show_breakdown(self, title: str, tallies: Sequence[Tally], label: str, unknown: str, other: str) -> None:
        """The top TOP rows of a breakdown as horizontal bars, largest on top; the rest summed as `other`."""
        chart = self._new_chart(title)
        chart.legend().hide()
        rows = sorted(tallies, key=lambda t: -t.count)
        shown = [(t.label or unknown, t.count) for t in rows[:TOP]]
        rest = sum(t.count for t in rows[TOP:])
        if rest:
            shown.append((other, rest))
        shown.reverse()  # a horizontal bar chart draws its first category at the bottom
        self.categories = [name for name, _ in shown]
        self.values = {label: [count for _, count in shown]}
        bar_set = QBarSet(label)
        bar_set.setColor(OPENED_COLOUR)
        bar_set.append([float(count) for _, count in shown])
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(self.categories)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        axis_x.setRange(0, max(1, max((c for _, c in shown), default=0)))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)

    @staticmethod
    def _value_axis(chart: QChart, series: QBarSeries, top: int) -> None:
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        axis.setRange(0, max(1, top))
        axis.applyNiceNumbers()
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
