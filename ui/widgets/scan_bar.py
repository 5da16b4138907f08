"""Quick entry of stuck parcels from a barcode scanner: scan, pick the problem type by keyboard, scan the next.

A scanner is a keyboard that types the number and then a suffix key (Enter or Tab, set per PC). `ScanLineEdit`
takes that keystroke before Qt would move the focus or press a dialog's default button, keeps the input method
off (a Chinese IME would swallow the digits) and folds full-width characters. `TypePicker` narrows the problem
types as keys arrive: a number picks by position, letters by pinyin initials or code, Chinese by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.carriers import parse
from app.couriers import list_couriers
from app.desk import Desk
from app.errors import UserError
from app.flags import FlagView, flags_at_capture
from app.flags import summary as flag_summary
from app.intercepts import InterceptWarning, warnings_for
from app.stuck import ProblemTypeChoice, capture, find_open, match_types, problem_types
from app.waybills import ParsedWaybill, normalise_waybill, parse_waybill
from ui.local_state import SCANNER_SUFFIXES, LocalState
from ui.prompt import Prompt
from ui.widgets.common import error_text
from ui.widgets.courier_suggester import CourierSuggester

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ChoiceRole = Qt.ItemDataRole.UserRole + 1


def _plain(event: QKeyEvent) -> bool:
    return not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)


class ScanLineEdit(QLineEdit):
    """The field a scanner types into. Enter always ends a number; Tab does when the scanner is set to send Tab
    (and the field holds something, so an empty field still lets Tab move on)."""

    scanned = Signal(str)  # the normalised number

    def __init__(self, suffix: str = "enter", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suffix = suffix
        self.setClearButtonEnabled(True)
        self._input_method_off()

    def _input_method_off(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._input_method_off()  # QLineEdit turns it back on when its echo mode or read-only state changes
        super().focusInEvent(event)

    def ends_number(self, event: QKeyEvent) -> bool:
        if not _plain(event):
            return False
        if event.key() in ENTER_KEYS:
            return True
        return event.key() == Qt.Key.Key_Tab and self.suffix == "tab" and bool(self.text().strip())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self.ends_number(event):
            event.accept()
            self.submit()
            return True
        return super().event(event)

    def submit(self) -> None:
        number = normalise_waybill(self.text())
        self.setText(number)
        if number:
            self.scanned.emit(number)


class TypePicker(QWidget):
    """A type field and a row of the matching types under it. Enter takes the highlighted match, Esc none."""

    picked = Signal(object)  # a ProblemTypeChoice, or None when the type was skipped
    number_entered = Signal(str)  # the next waybill arrived while a type was due

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suffix = "enter"
        self.choices: list[ProblemTypeChoice] = []
        self.edit = QLineEdit()
        self.edit.setObjectName("typeInput")
        self.edit.setPlaceholderText(self.tr("Number, pinyin initials or name; Enter takes it, Esc skips"))
        self.edit.setEnabled(False)
        self.matches = QListWidget()
        self.matches.setObjectName("typeMatches")
        self.matches.setFlow(QListView.Flow.LeftToRight)
        self.matches.setWrapping(True)
        self.matches.setSpacing(2)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.hint = QLabel(self.tr("Scan a waybill, then pick its problem type by number, pinyin initials or name."))
        self.hint.setWordWrap(True)
        self.idle = QWidget()  # shown between scans: the hint, and what the owner has to say
        self.idle.setFixedHeight(self.matches.height())
        idle_layout = QVBoxLayout(self.idle)
        idle_layout.setContentsMargins(4, 0, 4, 0)
        idle_layout.addWidget(self.hint)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.idle)
        self.stack.addWidget(self.matches)
        self.stack.setFixedHeight(self.matches.height())
        self.edit.textChanged.connect(self._on_edit_textChanged)
        self.edit.installEventFilter(self)
        self.matches.itemClicked.connect(self._on_matches_itemClicked)

    @property
    def active(self) -> bool:
        return self.edit.isEnabled()

    def start(self, choices: list[ProblemTypeChoice]) -> None:
        self.choices = list(choices)
        self.edit.setEnabled(True)
        self.edit.clear()
        self._show_matches(self.choices, highlight=False)
        self.stack.setCurrentWidget(self.matches)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self.edit.clear()
        self.edit.setEnabled(False)
        self.matches.clear()
        self.stack.setCurrentWidget(self.idle)

    def _show_matches(self, found: list[ProblemTypeChoice], *, highlight: bool) -> None:
        self.matches.clear()
        for choice in found:
            item = QListWidgetItem(f"{choice.number} {choice.name} {choice.initials}")
            item.setData(ChoiceRole, choice)
            self.matches.addItem(item)
        if not found:
            none = QListWidgetItem(self.tr("No type matches “{typed}”").format(typed=self.edit.text().strip()))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.matches.addItem(none)
        self.matches.setCurrentRow(0 if found and highlight else -1)

    def current(self) -> ProblemTypeChoice | None:
        item = self.matches.currentItem()
        return item.data(ChoiceRole) if item is not None else None

    @Slot(str)
    def _on_edit_textChanged(self, text: str) -> None:
        if self.active:
            self._show_matches(match_types(self.choices, text), highlight=bool(text.strip()))

    @Slot(QListWidgetItem)
    def _on_matches_itemClicked(self, item: QListWidgetItem) -> None:
        choice = item.data(ChoiceRole)
        if choice is not None:
            self.picked.emit(choice)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
            if self.matches.item(row).data(ChoiceRole) is not None:
                self.matches.setCurrentRow(row)
            return True
        if key == Qt.Key.Key_Escape and _plain(event):
            self.picked.emit(None)
            return True
        tab = key == Qt.Key.Key_Tab and self.suffix == "tab" and bool(self.edit.text().strip())
        if (key in ENTER_KEYS or tab) and _plain(event):
            self._accept()
            return True
        return False

    def _accept(self) -> None:
        typed = self.edit.text().strip()
        choice = self.current()
        if choice is not None or not typed:
            self.picked.emit(choice)
        elif parse_waybill(typed) is not None:
            self.number_entered.emit(normalise_waybill(typed))


class ScanTypeFlow(QObject):
    """Scan, then pick the type, then the next scan: the rhythm the scan bar and the round dialog share.

    The owner answers `scanned` by calling `ask()` (the number is fine: pick its type) or not (refused, shown by
    the owner). A number scanned while a type is still due finishes the waiting one without a type first.
    """

    scanned = Signal(str)  # a normalised number arrived
    typed = Signal(object, object)  # the ParsedWaybill and its ProblemTypeChoice, or None when skipped

    def __init__(self, scan: ScanLineEdit, picker: TypePicker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scan, self.picker = scan, picker
        self.pending: ParsedWaybill | None = None
        scan.scanned.connect(self._on_scan_scanned)
        picker.picked.connect(self._on_picker_picked)
        picker.number_entered.connect(self._on_picker_number_entered)

    def set_suffix(self, suffix: str) -> None:
        self.scan.suffix = self.picker.suffix = suffix

    def ask(self, parsed: ParsedWaybill, choices: list[ProblemTypeChoice]) -> None:
        self.pending = parsed
        self.picker.start(choices)

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan.selectAll()

    def _finish(self, choice: ProblemTypeChoice | None) -> None:
        parsed, self.pending = self.pending, None
        self.picker.stop()
        self.scan.clear()
        if parsed is not None:
            self.typed.emit(parsed, choice)

    def _next(self, number: str) -> None:
        self._finish(None)
        self.scan.setText(number)
        self.scanned.emit(number)

    @Slot(str)
    def _on_scan_scanned(self, number: str) -> None:
        self._next(number)

    @Slot(object)
    def _on_picker_picked(self, choice: ProblemTypeChoice | None) -> None:
        self._finish(choice)
        self.focus_scan()

    @Slot(str)
    def _on_picker_number_entered(self, number: str) -> None:
        self._next(number)


@dataclass(frozen=True)
class _Identified:
    parsed: ParsedWaybill
    open_id: int | None  # its open stuck case
    choices: list[ProblemTypeChoice]
    flags: list[FlagView]
    intercept: InterceptWarning | None  # an open interception: the parcel must not go out


def _identify(session: Any, text: str) -> _Identified:
    parsed = parse(session, text)
    carrier = parsed.best.code if parsed.best else None
    flags = flags_at_capture(session, parsed.number, None)
    intercept = warnings_for(session, [parsed.number]).get(parsed.number)
    return _Identified(parsed, find_open(session, parsed.number), problem_types(session, carrier), flags, intercept)


class ScanBar(QWidget):
    captured = Signal(int, bool)  # case id, and False when the waybill already had an open case
    openRequested = Signal(int)  # the name the stuck page connects to

    def __init__(
        self,
        desk: Desk,
        prompt: Prompt,
        state: LocalState,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanBar")
        self._desk, self._prompt, self._state = desk, prompt, state

        self.scan = ScanLineEdit(state.scanner_suffix)
        self.scan.setObjectName("scanInput")
        self.scan.setPlaceholderText(self.tr("Scan or type a waybill number"))
        self.scan.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.carrier = QLabel()
        self.carrier.setObjectName("scanCarrier")
        self.picker = TypePicker()
        self.flow = ScanTypeFlow(self.scan, self.picker, self)
        self.flow.set_suffix(state.scanner_suffix)
        self.status = QLabel()
        self.status.setObjectName("scanStatus")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        for label in (self.status, self.error):
            label.setWordWrap(True)
            self.picker.idle.layout().addWidget(label)
        self.intercept = QLabel()  # stays in sight while the type is picked: this parcel must not go out
        self.intercept.setObjectName("interceptWarning")
        self.intercept.setWordWrap(True)
        self.intercept.hide()

        self.direction = QComboBox()
        self.direction.addItem(self.tr("Inbound"), "inbound")
        self.direction.addItem(self.tr("Outbound"), "outbound")
        self.direction.setToolTip(self.tr("Parcels we deliver (inbound) or parcels we sent (outbound)"))
        self.registered_by = QComboBox()
        self.registered_by.addItem(self.tr("By us"), "us")
        self.registered_by.addItem(self.tr("By them"), "them")
        self.registered_by.setToolTip(self.tr("Who registered the problem in the carrier's system"))
        self.courier = QComboBox()
        self.courier.setObjectName("scanCourier")
        self.courier.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.courier.setMinimumContentsLength(5)
        self.round = QSpinBox()
        self.round.setRange(0, 20)
        self.round.setSpecialValueText(self.tr("no round"))
        self.round.setPrefix(self.tr("round "))
        self.shelf = QLineEdit()
        self.shelf.setPlaceholderText(self.tr("Shelf"))
        self.shelf.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        self.address = QLineEdit()
        self.address.setObjectName("scanAddress")
        self.address.setPlaceholderText(self.tr("Address (suggests the courier)"))
        self.address.setToolTip(self.tr("The recipient's address: the courier covering it today is picked"))
        self.courier_hint = QLabel()
        self.courier_hint.setObjectName("courierSuggestion")
        self.suggester = CourierSuggester(desk, self.address, self.courier, self.courier_hint, clock, self)
        self.suffix = QComboBox()
        self.suffix.setObjectName("scannerSuffix")
        self.suffix.setToolTip(self.tr("The key the barcode scanner sends after each number (this PC)"))
        for code, label in zip(SCANNER_SUFFIXES, (self.tr("Scanner: Enter"), self.tr("Scanner: Tab")), strict=True):
            self.suffix.addItem(label, code)
        self.suffix.setCurrentIndex(self.suffix.findData(state.scanner_suffix))

        top = QGridLayout()
        scan_label = QLabel(self.tr("&Scan:"))
        scan_label.setBuddy(self.scan)
        type_label = QLabel(self.tr("&Type:"))
        type_label.setBuddy(self.picker.edit)
        top.addWidget(scan_label, 0, 0)
        top.addWidget(self.scan, 0, 1)
        top.addWidget(self.carrier, 0, 2)
        top.addWidget(type_label, 0, 3)
        top.addWidget(self.picker.edit, 0, 4)
        top.setColumnStretch(1, 2)
        top.setColumnStretch(4, 3)
        options = QHBoxLayout()
        for widget in (self.direction, self.registered_by, self.courier, self.round, self.shelf):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.suffix)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.intercept)
        layout.addWidget(self.picker.stack)
        layout.addLayout(options)
        where = QHBoxLayout()
        address_label = QLabel(self.tr("Deliver&y address:"))
        address_label.setBuddy(self.address)
        where.addWidget(address_label)
        where.addWidget(self.address, 2)
        where.addWidget(self.courier_hint, 3)
        layout.addLayout(where)
        self.setTabOrder(self.scan, self.picker.edit)

        self.flow.scanned.connect(self._on_flow_scanned)
        self.flow.typed.connect(self._on_flow_typed)
        self.suffix.currentIndexChanged.connect(self._on_suffix_currentIndexChanged)
        self.reload()

    @property
    def pending(self) -> ParsedWaybill | None:
        """The scanned number waiting for its problem type."""
        return self.flow.pending

    def reload(self) -> None:
        """Fetch the couriers again (a new courier was added, or a courier left)."""
        chosen = self.courier.currentData()
        self.courier.clear()
        self.courier.addItem(self.tr("no courier"), None)
        for courier in self._desk.read(list_couriers):
            self.courier.addItem(courier.name, courier.id)
        self.courier.setCurrentIndex(max(0, self.courier.findData(chosen)))

    def focus_scan(self) -> None:
        self.flow.focus_scan()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.picker.hint.hide()  # known after the first scan; the space is for what just happened
        self.status.setText("" if error else text)
        self.error.setText(text if error else "")

    def _already_open(self, number: str, case_id: int) -> None:
        self._say(self.tr("{number} is already open (case #{id}): opening it.").format(number=number, id=case_id))
        self.openRequested.emit(case_id)

    @Slot(str)
    def _on_flow_scanned(self, number: str) -> None:
        try:
            found = self._desk.read(_identify, number)
        except UserError as exc:
            self._say(error_text(exc), error=True)
            self.focus_scan()
            return
        parsed, open_id, choices, flags = found.parsed, found.open_id, found.choices, found.flags
        self.intercept.setText(f"⛔ {found.intercept.text}" if found.intercept else "")
        self.intercept.setVisible(found.intercept is not None)
        best = parsed.best
        name = best.name if best else self.tr("carrier unknown")
        self.carrier.setText(name if best is None or best.certain else self.tr("{carrier}?").format(carrier=name))
        if open_id is not None:
            self.scan.clear()
            self._already_open(parsed.number, open_id)
            self.focus_scan()
            return
        said = self.tr("{number}: pick its problem type.").format(number=parsed.number)
        if flags:  # what the courier must know: door delivery only, complained before …
            said += " ⚠ " + flag_summary(flags)
        self._say(said)
        self.flow.ask(parsed, choices)

    @Slot(object, object)
    def _on_flow_typed(self, parsed: ParsedWaybill, choice: ProblemTypeChoice | None) -> None:
        try:
            done = self._desk.write(
                capture,
                parsed.number,
                problem_type=choice.code if choice else None,
                direction=self.direction.currentData(),
                registered_by=self.registered_by.currentData(),
                courier_id=self.courier.currentData(),
                round_no=self.round.value() or None,
                shelf=self.shelf.text().strip() or None,
                address=self.address.text().strip() or None,
            )
        except UserError as exc:
            self._say(error_text(exc), error=True)
            return
        case = done.case
        self.suggester.clear()  # the address was this parcel's
        self.captured.emit(case.id, done.created)
        if not done.created:  # someone else logged it between the scan and the type
            self._already_open(case.waybill_no, case.id)
            return
        what = choice.name if choice else self.tr("no type")
        self._say(
            self.tr("Logged {number} ({type}), case #{id}.").format(number=case.waybill_no, type=what, id=case.id)
        )

    @Slot(int)
    def _on_suffix_currentIndexChanged(self, _index: int) -> None:
        self._state.scanner_suffix = self.suffix.currentData()
        self.flow.set_suffix(self.suffix.currentData())
