"""The notebook's day view (笔记): pinned notes first, then the day's notes, the shift-handover ones marked; the
current note rendered beside the list, its waybill numbers linking to the lookup and its phones copyable.

Keys: Alt+Left / Alt+Right the day before / after, and the Today button; Enter edits, Del deletes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QSplitter, QTreeWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.carriers import carrier_specs
from app.desk import Desk
from app.notebook.notes import NoteView, delete_note, notes_of_day, pinned_notes
from app.waybills import CarrierSpec
from ui.dialogs.note_dialog import NoteDialog
from ui.pages.notebook_tab import NotebookTab
from ui.pages.paged_list_page import labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, outlet_zone
from ui.widgets.note_text import NoteBrowser
from ui.widgets.notes_export import NotesExporter
from ui.widgets.optional_date import DATE_FORMAT
from ui.widgets.record_list import LIST_JOINER, Column, RecordList


@dataclass(frozen=True)
class DayNotes:
    day: date
    notes: list[NoteView]  # pinned ones first
    zone: str
    carriers: tuple[tuple[CarrierSpec, ...], tuple[str, ...]]  # waybill patterns, for the links


def read_day(session: Session, day: date | None, now: datetime) -> DayNotes:
    """The notes of `day` (None: today at the outlet) with every pinned note on top."""
    zone = outlet_zone(session)
    day = day or now.astimezone(ZoneInfo(zone)).date()
    pinned = pinned_notes(session)
    ids = {note.id for note in pinned}
    listed = pinned + [note for note in notes_of_day(session, day) if note.id not in ids]
    return DayNotes(day, listed, zone, carrier_specs(session))


class NotesTab(NotebookTab):
    lookup_requested = Signal(str)
    copied = Signal(str)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, clock, parent)
        self.day: date | None = None  # None until the outlet's today is known
        self.time = Clock("UTC")
        self.date = QDateEdit()
        self.date.setObjectName("notebookDay")
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setCalendarPopup(True)
        self.previous_button = QPushButton(self.tr("&Previous day"))
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.today_button = QPushButton(self.tr("&Today"))
        self.next_button = QPushButton(self.tr("Ne&xt day"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.export_button = QPushButton(self.tr("Expo&rt…"))
        self.export_button.setToolTip(self.tr("The notes of a range of days, to Excel or to a PDF for printing"))
        for button in (self.previous_button, self.today_button, self.next_button, self.export_button):
            button.setAutoDefault(False)
        self.exporter = NotesExporter(desk, runner, prompt, self)
        self.notes = RecordList(
            self.tr("Notes of the &day"),
            [
                Column(self.tr("Mark"), self._mark, 8),
                Column(self.tr("Title"), lambda n: n.title, 26),
                Column(self.tr("Tags"), lambda n: LIST_JOINER.join(n.tags), 14),
                Column(self.tr("By"), lambda n: n.operator_name, 8),
                Column(self.tr("Written"), lambda n: self.time.text(n.updated_at or n.created_at)),
            ],
            "noteList",
            add_text=self.tr("Ne&w note…"),
        )
        self.browser = NoteBrowser()
        self.browser.setObjectName("noteBrowser")
        top = QHBoxLayout()
        top.addWidget(labelled(self.tr("D&ate:"), self.date))
        for button in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.notes)
        split.addWidget(self.browser)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.notes)

        self.browser.waybill_clicked.connect(self.lookup_requested)
        self.browser.phone_copied.connect(self.copied)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.date.dateChanged.connect(self._on_date_dateChanged)
        self.notes.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)
        self.notes.add_requested.connect(lambda: self.open_dialog(self._form(None)))
        self.notes.edit_requested.connect(lambda note: self.open_dialog(self._form(note)))
        self.notes.delete_requested.connect(self._on_notes_delete_requested)

    @Slot(object)
    def _on_notes_delete_requested(self, note: NoteView) -> None:
        question = self.tr("Delete the note “{title}”?").format(title=note.title)
        self.delete(delete_note, note, question, pin_reason=self.tr("Deleting a note needs a manager's PIN."))

    def _mark(self, note: NoteView) -> str:
        marks = [self.tr("Pinned")] if note.pinned else []
        if note.handover:
            marks.append(self.tr("Handover"))
        return LIST_JOINER.join(marks)

    def _form(self, note: NoteView | None) -> NoteDialog:
        day = self.day or self._clock().date()
        return NoteDialog(self._desk, self._runner, self._prompt, note, self, day=day)

    def current(self) -> NoteView | None:
        note: NoteView | None = self.notes.current()
        return note

    # --- reading --------------------------------------------------------------------------------------
    def load(self) -> None:
        self.read(read_day, self.day, self._clock())

    def show_result(self, result: DayNotes) -> None:
        self.day, self.time = result.day, Clock(result.zone)
        self.browser.set_carriers(*result.carriers)
        self.date.blockSignals(True)
        self.date.setDate(QDate(result.day.year, result.day.month, result.day.day))
        self.date.blockSignals(False)
        self.show_rows(self.notes, result.notes)
        self._show_current()

    def show_note(self, note_id: int, day: date | None) -> None:
        """Open the day of a note with that note current."""
        self.select_after = note_id
        self.day = day or self.day
        self.load()

    @Slot()
    def _on_export_button_clicked(self) -> None:
        self.exporter.export(self.day or self.date.date().toPython())  # type: ignore[arg-type]

    def go(self, days: int) -> None:
        if self.day is not None:
            self.day += timedelta(days=days)
            self.load()

    def saved(self, view: NoteView) -> None:
        self.show_note(view.id, view.day)

    def _show_current(self) -> None:
        note = self.current()
        if note is None:
            self.browser.setPlainText(self.tr("No notes on this day."))
        else:
            self.browser.show_markdown(f"## {note.title}\n\n{note.body}")

    # --- slots ----------------------------------------------------------------------------------------
    @Slot()
    def _on_today_button_clicked(self) -> None:
        self.day = None
        self.load()

    @Slot(QDate)
    def _on_date_dateChanged(self, value: QDate) -> None:
        day = value.toPython()
        assert isinstance(day, date)
        self.day = day
        self.load()

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_currentItemChanged(self, _item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._show_current()
