"""The today page's tiles: one big count per thing the clerk owes today, each a button into the filtered list.

Three sources fill them: the page's own counts (app.today, read in the task runner), the reminder centre's scan
(the promises due) and the money page's queue (the money at risk), so a tile always counts what its list shows.
A tile is red while something in it is late; Tab walks the tiles and Enter or Space opens one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.desk import Desk
from app.money_queue import RiskQueue
from app.reminders import KINDS, STATES, Scan
from app.today import TodayCounts, today_counts
from ui.tasks import TaskRunner
from ui.widgets.common import error_text

CONTEXT = "TodayTiles"  # spelled out in each QT_TRANSLATE_NOOP below: lupdate reads literals only
TILES: dict[str, str] = {  # code -> title, in the order shown (three rows of four at most)
    "new_today": QT_TRANSLATE_NOOP("TodayTiles", "New today"),
    "open": QT_TRANSLATE_NOOP("TodayTiles", "Open cases"),
    "overdue": QT_TRANSLATE_NOOP("TodayTiles", "Overdue"),
    "due_today": QT_TRANSLATE_NOOP("TodayTiles", "Due today"),
    "callbacks": QT_TRANSLATE_NOOP("TodayTiles", "Callbacks due"),
    "owed": QT_TRANSLATE_NOOP("TodayTiles", "Replies owed"),
    "complaints": QT_TRANSLATE_NOOP("TodayTiles", "Complaint clocks"),
    "intercepts": QT_TRANSLATE_NOOP("TodayTiles", "Interceptions to pull"),
    "claims": QT_TRANSLATE_NOOP("TodayTiles", "Claims missing evidence"),
    "money": QT_TRANSLATE_NOOP("TodayTiles", "Money at risk"),
}
HINTS: dict[str, str] = {
    "new_today": QT_TRANSLATE_NOOP("TodayTiles", "Cases of every kind opened since midnight"),
    "open": QT_TRANSLATE_NOOP("TodayTiles", "Cases of every kind not closed yet"),
    "overdue": QT_TRANSLATE_NOOP("TodayTiles", "Promises already late: deadlines, callbacks, replies, to-dos"),
    "due_today": QT_TRANSLATE_NOOP("TodayTiles", "Case deadlines falling due before the end of the day"),
    "callbacks": QT_TRANSLATE_NOOP("TodayTiles", "Callbacks promised for today, late ones included"),
    "owed": QT_TRANSLATE_NOOP("TodayTiles", "Stuck parcels whose other outlet wrote and waits for our reply"),
    "complaints": QT_TRANSLATE_NOOP("TodayTiles", "Complaints whose first response or 12305 clock runs out today"),
    "intercepts": QT_TRANSLATE_NOOP("TodayTiles", "Interceptions to pull out of delivery before the next round"),
    "claims": QT_TRANSLATE_NOOP("TodayTiles", "Claims waiting for the customer's evidence"),
    "money": QT_TRANSLATE_NOOP("TodayTiles", "Deadlines late or due today that cost money when missed"),
}
COLUMNS = 4
SCAN_TILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # code -> the scan's kinds and states it counts
    "overdue": (KINDS, ("overdue",)),
    "due_today": (("due",), ("now", "today")),
    "callbacks": (("callback",), STATES),
    "complaints": (("first_response", "appeal"), STATES),
}
LATE_COLOUR = "#b3261e"


def _title(code: str) -> str:
    return QCoreApplication.translate(CONTEXT, TILES[code])


class Tile(QPushButton):
    """A big number over its title; the whole tile is the button (the labels let clicks through)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{code}")
        self.setAutoDefault(False)
        self.setToolTip(QCoreApplication.translate(CONTEXT, HINTS[code]))
        self.number = QLabel("…")
        self.number.setObjectName("tileNumber")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.title = QLabel(_title(code))
        self.late = False
        layout = QVBoxLayout(self)
        for label in (self.number, self.title):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(self.number.sizeHint().height() + self.title.sizeHint().height() + 36)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_number(self, number: str, late: bool) -> None:
        self.number.setText(number)
        self.setAccessibleName(f"{self.title.text()} {number}")
        self.late = late
        colour = f"color: {LATE_COLOUR};" if late else ""
        for label in (self.number, self.title):
            label.setStyleSheet(colour)


class TodayTiles(QWidget):
    requested = Signal(str)  # a tile's code: show its list
    failed = Signal(str)

    def __init__(
        self, desk: Desk, runner: TaskRunner, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayTiles")
        self._desk, self._runner, self._clock = desk, runner, clock
        self._loading = False
        self.counts: TodayCounts | None = None
        self.scan: Scan | None = None
        self.queue: RiskQueue | None = None
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for n, code in enumerate(TILES):
            tile = Tile(code)
            tile.clicked.connect(lambda _checked=False, c=code: self.requested.emit(c))
            self.tiles[code] = tile
            grid.addWidget(tile, n // COLUMNS, n % COLUMNS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.setFocusProxy(self.tiles["new_today"])
        self._show()

    # --- the three sources ----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the page's own counts in the background (once at a time)."""
        if self._loading:
            return
        self._loading = True
        desk, now = self._desk, self._clock()
        task = self._runner.run(lambda _p, _c: desk.read(today_counts, now))
        task.succeeded.connect(self._on_counted)
        task.failed.connect(self._on_count_failed)

    @Slot(object)
    def _on_counted(self, counts: TodayCounts) -> None:
        self._loading = False
        self.counts = counts
        self.error.hide()
        self._show()

    @Slot(object)
    def _on_count_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.error.setText(error_text(exc))
        self.error.show()

    @Slot(object)
    def show_scan(self, scan: Scan) -> None:
        self.scan = scan
        self._show()

    @Slot(object)
    def show_queue(self, queue: RiskQueue) -> None:
        self.queue = queue
        self._show()

    # --- the tiles ------------------------------------------------------------------------------------
    def value(self, code: str) -> int | None:
        """The count a tile shows; None while its source has not been read."""
        counts, scan, queue = self.counts, self.scan, self.queue
        if code in ("new_today", "open", "owed", "intercepts", "claims"):
            if counts is None:
                return None
            return int(getattr(counts, code))
        if code == "money":
            return queue.pressing if queue is not None else None
        if scan is None:
            return None
        return scan.count(*SCAN_TILES[code])

    def late(self, code: str) -> bool:
        """Whether something behind the tile is already late (the tile is red)."""
        if code == "money":
            return self.queue is not None and self.queue.counts["overdue"] > 0
        if code in SCAN_TILES and self.scan is not None:
            kinds, states = SCAN_TILES[code]
            return "overdue" in states and self.scan.count(kinds, ("overdue",)) > 0
        return False

    def _show(self) -> None:
        for code, tile in self.tiles.items():
            value = self.value(code)
            number = "…" if value is None else str(value)
            if code == "money" and self.queue is not None and value:
                number = self.tr("{count} · ¥{money}").format(count=value, money=f"{self._money():,.0f}")
            tile.show_number(number, self.late(code))

    def _money(self) -> Decimal:
        return self.queue.money_today if self.queue is not None else Decimal(0)
