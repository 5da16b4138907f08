"""The report page (报表): a day, week, month or custom range of the outlet's work, with the plan's targets as
numbers against the range before, tables beside their charts, and exports to .xlsx and a one-page PDF.

Every figure is an SQL aggregate (app.reports); the page reads the report and the one before it in the task
runner, so flicking through months never freezes the window. Alt+Left / Alt+Right step to the previous / next
range; Ctrl+E exports to Excel and Ctrl+P to PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.deadlines import DeadlineRules, local_date
from app.desk import Desk
from app.reports.kpis import Kpi, claim_lines, fine_lines, kpis, percent
from app.reports.ranges import RangeKind, ReportRange
from app.reports.report import Report, build_report
from app.workflows import KIND_LABELS
from ui.pages.paged_list_page import labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import action_button, error_text
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.report_charts import ReportChart

Reports = tuple[Report, Report]  # the range asked for and the one before it


def read_reports(session: Any, rng: ReportRange) -> Reports:
    return build_report(session, rng), build_report(session, rng.previous())


def table(name: str, headers: Sequence[str]) -> QTableWidget:
    """A read-only table that fits its text; rows are filled by `fill`."""
    widget = QTableWidget(0, len(headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setAlternatingRowColors(True)
    widget.verticalHeader().hide()
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names take the room, numbers stay close
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int | float) or (isinstance(value, str) and value[:1].isdigit()):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)


def fit_rows(widget: QTableWidget) -> None:
    """Tall enough for every row, so a stack of short tables scrolls as one page instead of each on its own."""
    height = widget.horizontalHeader().height() + 2 * widget.frameWidth()
    height += sum(widget.rowHeight(r) for r in range(widget.rowCount()))
    widget.setFixedHeight(height + 2)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def cells(widget: QTableWidget) -> list[list[str]]:
    """What a table shows, row by row (for tests and the clipboard)."""
    return [
        [widget.item(r, c).text() if widget.item(r, c) else "" for c in range(widget.columnCount())]
        for r in range(widget.rowCount())
    ]


class ReportPage(QWidget):
    announced = Signal(str)  # a short sentence for the status bar
    loaded = Signal(object)  # the Report shown

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self._desk, self._runner, self._prompt, self._clock = desk, runner, prompt, clock
        self._rules: DeadlineRules | None = None
        self._outlet = ""
        self._loading = False
        self._again = False
        self.report: Report | None = None
        self.previous: Report | None = None
        self.kpis: list[Kpi] = []

        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        for label, code in (
            (self.tr("Day"), "day"),
            (self.tr("Week"), "week"),
            (self.tr("Month"), "month"),
            (self.tr("Custom"), "custom"),
        ):
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(1)
        self.first = self._date_edit("reportFirst")
        self.last = self._date_edit("reportLast")
        self.last_field = labelled(self.tr("&To:"), self.last)
        self.last_field.hide()
        self.back_button = action_button(self.tr("◀ Earlier"), "reportBack")
        self.back_button.setToolTip("Alt+Left")
        self.next_button = action_button(self.tr("Later ▶"), "reportNext")
        self.next_button.setToolTip("Alt+Right")
        self.xlsx_button = action_button(self.tr("E&xport to Excel…"), "reportXlsx")
        self.xlsx_button.setToolTip("Ctrl+E")
        self.pdf_button = action_button(self.tr("Export to &PDF…"), "reportPdf")
        self.pdf_button.setToolTip("Ctrl+P")
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()

        self.kpi_table = table(
            "kpiTable",
            [self.tr("Target"), self.tr("This range"), self.tr("Before"), self.tr("Change"), self.tr("Goal"), ""],
        )
        self.kind_table = table("kindTable", [self.tr("Kind"), self.tr("Opened"), self.tr("Closed")])
        self.time_table = table(
            "timeTable",
            [
                self.tr("Measure"),
                self.tr("Measured"),
                self.tr("Median"),
                self.tr("90th percentile"),
                self.tr("Within target"),
                self.tr("Within SLA"),
                self.tr("Unanswered"),
            ],
        )
        self.series_chart = ReportChart("seriesChart")
        self.series_table = table("seriesTable", [self.tr("Day"), self.tr("Opened"), self.tr("Closed")])
        self.type_chart = ReportChart("typeChart")
        self.breakdown = QComboBox()
        self.breakdown.setObjectName("reportBreakdown")
        for label, code in (
            (self.tr("Problem type"), "by_problem_type"),
            (self.tr("Courier"), "by_courier"),
            (self.tr("Carrier"), "by_carrier"),
        ):
            self.breakdown.addItem(label, code)
        self.breakdown_table = table("breakdownTable", [self.tr("Group"), self.tr("Opened")])
        self.courier_table = table(
            "courierTable",
            [
                self.tr("Courier"),
                self.tr("Arrived"),
                self.tr("Delivered"),
                self.tr("Signed"),
                self.tr("Signed rate"),
                self.tr("Problem parcels"),
                self.tr("Problem rate"),
            ],
        )
        self.fine_table = table(
            "fineTable", [self.tr("Fines"), self.tr("Count"), self.tr("Amount"), self.tr("Recovered")]
        )
        self.claim_table = table(
            "claimMoneyTable", [self.tr("Claims"), self.tr("Count"), self.tr("Claimed"), self.tr("Approved")]
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        overview = QScrollArea()
        overview.setWidgetResizable(True)
        overview.setFrameShape(QFrame.Shape.NoFrame)
        overview.setWidget(self._stack(self.kpi_table, self.kind_table, self.time_table, stretch=True))
        self.tabs.addTab(overview, self.tr("Overview"))
        self.tabs.addTab(self._split(self.series_chart, self.series_table), self.tr("Trend"))
        self.tabs.addTab(
            self._split(
                self.type_chart, self._stack(labelled(self.tr("&Group by:"), self.breakdown), self.breakdown_table)
            ),
            self.tr("Breakdown"),
        )
        self.tabs.addTab(self.courier_table, self.tr("Couriers"))
        self.tabs.addTab(self._stack(self.fine_table, self.claim_table), self.tr("Money"))

        controls = FlowLayout()  # wraps on a narrow window rather than widening it
        for widget in (
            labelled(self.tr("&Range:"), self.kind),
            labelled(self.tr("&Date:"), self.first),
            self.last_field,
            self.back_button,
            self.next_button,
            self.xlsx_button,
            self.pdf_button,
        ):
            controls.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.heading)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.kind)

        for keys, slot in (
            ("Alt+Left", self.step_back),
            ("Alt+Right", self.step_forward),
            ("Ctrl+E", self.export_xlsx),
            ("Ctrl+P", self.export_pdf),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.first.dateChanged.connect(self.refresh)
        self.last.dateChanged.connect(self.refresh)
        self.back_button.clicked.connect(self.step_back)
        self.next_button.clicked.connect(self.step_forward)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.breakdown.currentIndexChanged.connect(self._show_breakdown)
        self._set_exports(False)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    @staticmethod
    def _stack(*widgets: QWidget, stretch: bool = False) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        if stretch:
            layout.addStretch(1)
        return holder

    @staticmethod
    def _split(chart: QWidget, beside: QWidget) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(chart)
        splitter.addWidget(beside)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        return splitter

    # --- the range ----------------------------------------------------------------------------------
    def current_range(self) -> ReportRange:
        first = self.first.date().toPython()
        kind: RangeKind = self.kind.currentData()
        if kind == "custom":
            last = self.last.date().toPython()
            return ReportRange.custom(first, max(first, last))
        return {"day": ReportRange.day, "week": ReportRange.week, "month": ReportRange.month}[kind](first)

    def show_range(self, kind: RangeKind, day: date, last: date | None = None) -> None:
        """Show the range of this kind around `day` (custom: `day` to `last`) and read it."""
        for widget in (self.kind, self.first, self.last):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.first.setDate(QDate(day))
        self.last.setDate(QDate(last or day))
        self.last_field.setVisible(kind == "custom")
        for widget in (self.kind, self.first, self.last):
            widget.blockSignals(False)
        self.refresh()

    @Slot()
    def step_back(self) -> None:
        rng = self.current_range().previous()
        self.show_range(rng.kind, rng.first, rng.last)

    @Slot()
    def step_forward(self) -> None:
        rng = self.current_range()
        following = rng.last.toordinal() + 1
        length = rng.last.toordinal() - rng.first.toordinal()
        start = date.fromordinal(following)
        self.show_range(rng.kind, start, date.fromordinal(following + length))

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        self.last_field.setVisible(self.kind.currentData() == "custom")
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.report is None and not self._loading:
            self.refresh()

    # --- reading ------------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the range shown (once at a time: a change meanwhile reads again when the first is in)."""
        if self._loading:
            self._again = True
            return
        if self._rules is None:
            self._rules = self._desk.read(settings.deadline_rules)
            self._outlet = self._desk.read(settings.get, "outlet.name") or ""
            if not self.first.property("set"):
                self.first.blockSignals(True)
                self.first.setDate(QDate(local_date(self._clock(), self._rules)))
                self.first.blockSignals(False)
        self.first.setProperty("set", True)
        self._loading, self._again = True, False
        rng, desk = self.current_range(), self._desk
        self.heading.setText(self.tr("Reading {range}…").format(range=self.range_text(rng)))
        task = self._runner.run(lambda _p, _c: desk.read(read_reports, rng))
        task.succeeded.connect(self._on_read)
        task.failed.connect(self._on_read_failed)

    def range_text(self, rng: ReportRange) -> str:
        if rng.first == rng.last:
            return rng.first.isoformat()
        return f"{rng.first.isoformat()} – {rng.last.isoformat()}"

    @Slot(object)
    def _on_read(self, reports: Reports) -> None:
        self._loading = False
        if self._again:
            self.refresh()
            return
        self.report, self.previous = reports
        self.error.hide()
        self._show(*reports)
        self._set_exports(True)
        self.loaded.emit(self.report)

    @Slot(object)
    def _on_read_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.error.setText(error_text(exc))
        self.error.show()
        if self._again:
            self.refresh()

    def _set_exports(self, enabled: bool) -> None:
        self.xlsx_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    # --- showing ------------------------------------------------------------------------------------
    def _show(self, report: Report, previous: Report) -> None:
        rng = report.range
        counts = report.counts
        self.heading.setText(
            self.tr("{range}: {opened} opened, {closed} closed").format(
                range=self.range_text(rng), opened=counts.opened_total, closed=counts.closed_total
            )
        )
        self.kpis = kpis(report, previous)
        fill(self.kpi_table, [self._kpi_row(k) for k in self.kpis])
        fill(
            self.kind_table,
            [[KIND_LABELS[k], counts.opened[k], counts.closed[k]] for k in counts.opened]
            + [[self.tr("Total"), counts.opened_total, counts.closed_total]],
        )
        fill(self.time_table, self._time_rows(report))
        for widget in (self.kpi_table, self.kind_table, self.time_table):
            fit_rows(widget)
        self.series_chart.show_series(
            self.tr("Opened and closed per day"), report.series, self.tr("Opened"), self.tr("Closed")
        )
        fill(self.series_table, [[p.day.isoformat(), p.opened, p.closed] for p in report.series])
        self._show_breakdown()
        fill(
            self.courier_table,
            [
                [
                    c.name,
                    c.arrived,
                    c.delivered,
                    c.signed,
                    percent(c.signed_rate.share),
                    c.stuck_cases,
                    percent(c.problem_rate.share),
                ]
                for c in report.couriers
            ],
        )
        for widget, money_lines in ((self.fine_table, fine_lines(report)), (self.claim_table, claim_lines(report))):
            fill(widget, [[m.label, m.count, f"{m.amount:,.2f}", f"{m.other:,.2f}"] for m in money_lines])

    @staticmethod
    def _kpi_row(kpi: Kpi) -> list[object]:
        return [kpi.label, kpi.text(), kpi.previous_text(), kpi.delta_text(), kpi.target_text(), kpi.met_text()]

    def _time_rows(self, report: Report) -> list[list[object]]:
        rows: list[list[object]] = []
        for measure, stats_by_kind in (
            (self.tr("First response"), report.first_response),
            (self.tr("Resolution"), report.resolution),
        ):
            for kind, stats in stats_by_kind.items():
                rows.append(
                    [
                        f"{measure} · {KIND_LABELS[kind]}",
                        stats.count,
                        self.duration(stats.median),
                        self.duration(stats.p90),
                        percent(stats.target_share),
                        percent(stats.sla_share),
                        stats.unanswered if measure == self.tr("First response") else "",
                    ]
                )
        return rows

    def duration(self, seconds: int | None) -> str:
        if seconds is None:
            return "—"
        if seconds < 3600:
            return self.tr("{m} min {s} s").format(m=seconds // 60, s=seconds % 60)
        if seconds < 48 * 3600:
            return self.tr("{h:.1f} h").format(h=seconds / 3600)
        return self.tr("{d:.1f} days").format(d=seconds / 86400)

    @Slot()
    def _show_breakdown(self) -> None:
        report = self.report
        if report is None:
            return
        code = self.breakdown.currentData()
        tallies = getattr(report, code)
        unknown = {
            "by_problem_type": self.tr("No problem type"),
            "by_courier": self.tr("No courier"),
            "by_carrier": self.tr("Unknown carrier"),
        }[code]
        other = self.tr("Others")
        self.type_chart.show_breakdown(self.breakdown.currentText(), tallies, self.tr("Opened"), unknown, other)
        fill(self.breakdown_table, [[t.label or unknown, t.count] for t in tallies])

    # --- exports ------------------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        assert self.report is not None
        rng = self.report.range
        return str(Path.home() / f"报表_{rng.first:%Y%m%d}-{rng.last:%Y%m%d}{suffix}")

    @Slot()
    def export_xlsx(self) -> None:
        if self.report is None:
            return
        path = self._prompt.save_file(self, self.tr("Export the report"), self._suggested(".xlsx"), "Excel (*.xlsx)")
        if path:
            self.write(Path(path), ".xlsx")

    @Slot()
    def export_pdf(self) -> None:
        if self.report is None:
            return
        path = self._prompt.save_file(self, self.tr("Export the report"), self._suggested(".pdf"), "PDF (*.pdf)")
        if path:
            self.write(Path(path), ".pdf")

    def write(self, target: Path, suffix: str) -> None:
        """Write the report shown to `target` in the background (the suffix added when the clerk left it off)."""
        if self.report is None:
            return
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        report, previous, outlet, desk = self.report, self.previous, self._outlet, self._desk

        def job(_progress: Any, _cancelled: Any) -> Path:
            from app.export.report_files import write_report

            return desk.write(write_report, report, target, outlet=outlet, previous=previous)

        task = self._runner.run(job, title=self.tr("Exporting the report"), dialog_parent=self)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)

    @Slot(object)
    def _on_written(self, path: Path) -> None:
        self.announced.emit(self.tr("Report saved: {path}").format(path=path))

    @Slot(object)
    def _on_write_failed(self, exc: BaseException) -> None:
        self._prompt.error(self, error_text(exc))
