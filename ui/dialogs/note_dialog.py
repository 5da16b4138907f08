"""The notebook's forms: a note (Markdown body with a live preview), a todo, a phrase template (话术).

They share the directory forms' frame (RecordDialog): inline field errors, a stale version refused with one
message, Enter in a one-line field saves and Esc cancels. In the multi-line fields Enter starts a new line and
Ctrl+Enter saves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from app.desk import Desk
from app.directory.places import split_keywords
from app.notebook.notes import NoteForm, NoteView, save_note
from app.notebook.phrases import PHRASE_CATEGORIES, PLACEHOLDERS, PhraseForm, PhraseView, save_phrase
from app.notebook.todos import PRIORITIES, TodoForm, TodoView, save_todo
from ui.dialogs.directory_dialogs import RecordDialog, line, pick
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.callback_picker import DISPLAY, from_local_qt, to_local_qt
from ui.widgets.common import action_button, outlet_zone
from ui.widgets.note_text import NoteBrowser
from ui.widgets.optional_date import DATE_FORMAT
from ui.widgets.record_list import LIST_JOINER


def text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    return box


class NotebookDialog(RecordDialog):
    """Ctrl+Enter saves from anywhere in the form, a multi-line field included."""

    def start(self) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        super().start()


class NoteDialog(NotebookDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        note: NoteView | None,
        parent: QWidget | None = None,
        *,
        day: date,
        case_id: int | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("New note") if note is None else self.tr("Edit note"))
        self.note = note
        self.case_id = note.case_id if note is not None else case_id
        self.title = line("noteTitle", 200)
        self.body_text = text_box("noteBody")
        self.body_text.setPlaceholderText(
            self.tr("Markdown: **bold**, - lists. Waybill numbers and phones become links.")
        )
        self.preview = NoteBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.body_text)
        split.addWidget(self.preview)
        split.setMinimumHeight(220)
        self.tags = line("noteTags")
        self.tags.setPlaceholderText(self.tr("Separated by 、 e.g. 交接、丰巢"))
        self.day = QDateEdit()
        self.day.setObjectName("noteDay")
        self.day.setDisplayFormat(DATE_FORMAT)
        self.day.setCalendarPopup(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.pinned = QCheckBox(self.tr("&Pinned (shown first every day)"))
        self.pinned.setObjectName("notePinned")
        self.handover = QCheckBox(self.tr("Shift &handover"))
        self.handover.setObjectName("noteHandover")
        flags = QWidget()
        row = QHBoxLayout(flags)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pinned)
        row.addWidget(self.handover)
        row.addStretch(1)
        self.row("title", self.tr("&Title:"), self.title)
        self.row("body", self.tr("&Body:"), split)
        self.row("tags", self.tr("T&ags:"), self.tags)
        self.row("day", self.tr("&Day:"), self.day)
        self.form.addRow("", flags)
        self.body_text.textChanged.connect(self._on_body_textChanged)
        self.resize(820, 520)
        self.start()

    def fill(self, _choices: Any) -> None:
        note = self.note
        if note is not None:
            self.title.setText(note.title)
            self.body_text.setPlainText(note.body)
            self.tags.setText(LIST_JOINER.join(note.tags))
            self.day.setDate(QDate(note.day.year, note.day.month, note.day.day))
            self.pinned.setChecked(note.pinned)
            self.handover.setChecked(note.handover)

    def value(self) -> NoteForm:
        day = self.day.date().toPython()
        assert isinstance(day, date)
        return NoteForm(
            title=self.title.text(),
            body=self.body_text.toPlainText(),
            day=day,
            tags=split_keywords(self.tags.text()),
            pinned=self.pinned.isChecked(),
            handover=self.handover.isChecked(),
            case_id=self.case_id,
        )

    def saver(self) -> Callable[..., Any]:
        note = self.note
        if note is None:
            return partial(save_note, form=self.value())
        return partial(save_note, form=self.value(), note_id=note.id, version=note.version)

    @Slot()
    def _on_body_textChanged(self) -> None:
        self.preview.show_markdown(self.body_text.toPlainText())


class TodoDialog(NotebookDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        todo: TodoView | None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("todoDialog")
        self.setWindowTitle(self.tr("New todo") if todo is None else self.tr("Edit todo"))
        self.todo, self._clock, self.zone = todo, clock, ""
        self.title = line("todoTitle", 200)
        self.body_text = text_box("todoBody")
        self.body_text.setMaximumHeight(120)
        self.has_due = QCheckBox(self.tr("D&ue:"))
        self.has_due.setObjectName("todoHasDue")
        self.due = QDateTimeEdit()
        self.due.setObjectName("todoDue")
        self.due.setDisplayFormat(DISPLAY)
        self.due.setCalendarPopup(True)
        self.due.setEnabled(False)
        due = QWidget()
        row = QHBoxLayout(due)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_due)
        row.addWidget(self.due, 1)
        self.priority = QComboBox()
        self.priority.setObjectName("todoPriority")
        for code, label in PRIORITIES.items():
            self.priority.addItem(label, code)
        self.row("title", self.tr("&Title:"), self.title)
        self.row("body", self.tr("&Details:"), self.body_text)
        self.row("due_at", self.tr("When:"), due)
        self.row("priority", self.tr("&Priority:"), self.priority)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.start()

    def reader(self) -> Callable[[Any], Any]:
        return outlet_zone

    def fill(self, zone: str) -> None:
        self.zone = zone
        todo = self.todo
        self.due.setDateTime(to_local_qt(todo.due_at if todo and todo.due_at else self._clock(), zone))
        if todo is not None:
            self.title.setText(todo.title)
            self.body_text.setPlainText(todo.body or "")
            self.has_due.setChecked(todo.due_at is not None)
            pick(self.priority, todo.priority)

    def value(self) -> TodoForm:
        return TodoForm(
            title=self.title.text(),
            body=self.body_text.toPlainText().strip() or None,
            due_at=from_local_qt(self.due.dateTime(), self.zone) if self.has_due.isChecked() else None,
            priority=self.priority.currentData(),
            case_id=self.todo.case_id if self.todo is not None else None,
        )

    def saver(self) -> Callable[..., Any]:
        todo = self.todo
        if todo is None:
            return partial(save_todo, form=self.value())
        return partial(save_todo, form=self.value(), todo_id=todo.id, version=todo.version)


class PhraseDialog(NotebookDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        phrase: PhraseView | None,
        parent: QWidget | None = None,
        *,
        category: str | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("phraseDialog")
        self.setWindowTitle(self.tr("New phrase") if phrase is None else self.tr("Edit phrase"))
        self.phrase = phrase
        self.category = QComboBox()
        self.category.setObjectName("phraseCategory")
        for code, label in PHRASE_CATEGORIES.items():
            self.category.addItem(label, code)
        pick(self.category, phrase.category if phrase is not None else category)
        self.title = line("phraseTitle", 80)
        self.text = text_box("phraseText")
        inserts = QWidget()
        row = QHBoxLayout(inserts)
        row.setContentsMargins(0, 0, 0, 0)
        self.placeholder_buttons = []
        for placeholder in PLACEHOLDERS:
            token = "{" + placeholder + "}"
            button = action_button(token, f"insert_{placeholder}")
            button.setToolTip(self.tr("Insert {token} at the cursor: filled in from the case").format(token=token))
            button.clicked.connect(lambda _checked=False, t=token: self.insert(t))
            row.addWidget(button)
            self.placeholder_buttons.append(button)
        row.addStretch(1)
        self.row("category", self.tr("&Category:"), self.category)
        self.row("title", self.tr("&Title:"), self.title)
        self.row("text", self.tr("Te&xt:"), self.text)
        self.form.addRow(self.tr("Insert:"), inserts)
        self.start()

    def fill(self, _choices: Any) -> None:
        if self.phrase is not None:
            self.title.setText(self.phrase.title)
            self.text.setPlainText(self.phrase.text)

    def insert(self, token: str) -> None:
        self.text.insertPlainText(token)
        self.text.setFocus()

    def value(self) -> PhraseForm:
        return PhraseForm(category=self.category.currentData(), title=self.title.text(), text=self.text.toPlainText())

    def saver(self) -> Callable[..., Any]:
        phrase = self.phrase
        if phrase is None:
            return partial(save_phrase, form=self.value())
        return partial(save_phrase, form=self.value(), phrase_id=phrase.id, version=phrase.version)


def open_case_note(
    desk: Desk,
    runner: TaskRunner,
    prompt: Prompt,
    *,
    case_id: int,
    now: datetime,
    zone: str | None,
    parent: QWidget,
    saved: Callable[[Any], None],
) -> NoteDialog:
    """A new work note attached to a case (it shows on the case's timeline), over the case's dialog, dated the
    outlet's day of `now`; `saved` is called with the note, and the form deletes itself when closed."""
    day = now.astimezone(ZoneInfo(zone or "UTC")).date()
    dialog = NoteDialog(desk, runner, prompt, None, parent, day=day, case_id=case_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.saved.connect(saved)
    dialog.open()
    return dialog
