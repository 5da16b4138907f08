"""The notebook's todo tab (待办: open todos, due first, ticked off with a click or Space) and its phrase tab (话术:
templates by category, most used first, the text on show, Copy puts it on the clipboard)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.desk import Desk
from app.notebook.phrases import PHRASE_CATEGORIES, PhraseView, delete_phrase, list_phrases, use_phrase
from app.notebook.todos import PRIORITIES, TodoView, delete_todo, list_todos, set_done
from ui.dialogs.note_dialog import PhraseDialog, TodoDialog
from ui.pages.notebook_tab import NotebookTab
from ui.pages.paged_list_page import labelled
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, outlet_zone
from ui.widgets.record_list import Column, RecordList, RowRole


@dataclass(frozen=True)
class Todos:
    todos: list[TodoView]
    zone: str


def read_todos(session: Session, open_only: bool) -> Todos:
    return Todos(list_todos(session, open_only=open_only), outlet_zone(session))


class TodosTab(NotebookTab):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, clock, parent)
        self.time = Clock("UTC")
        self._done_if_missing, self._wanted = False, 0
        self.todos = RecordList(
            self.tr("&Todos"),
            [
                Column(self.tr("Todo"), lambda t: t.title, 30),
                Column(self.tr("Priority"), lambda t: PRIORITIES.get(t.priority, ""), 6),
                Column(self.tr("Due"), lambda t: self.time.text(t.due_at), 14),
                Column(self.tr("Done"), lambda t: self.time.text(t.done_at), 14),
                Column(self.tr("By"), lambda t: t.operator_name),
            ],
            "todoList",
            add_text=self.tr("Ne&w todo…"),
        )
        self.todos.tree.setToolTip(self.tr("A click in the box or Space marks a todo done"))
        self.show_done = QCheckBox(self.tr("Show &done"))
        self.show_done.setObjectName("showDoneTodos")
        self.todos.add_tool(self.show_done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.todos)
        self.setFocusProxy(self.todos)

        self.show_done.toggled.connect(self.load)
        self.todos.tree.itemChanged.connect(self._on_tree_itemChanged)
        self.todos.add_requested.connect(lambda: self.open_dialog(self._form(None)))
        self.todos.edit_requested.connect(lambda todo: self.open_dialog(self._form(todo)))
        self.todos.delete_requested.connect(
            lambda todo: self.delete(delete_todo, todo, self.tr("Delete the todo “{title}”?").format(title=todo.title))
        )

    def _form(self, todo: TodoView | None) -> TodoDialog:
        return TodoDialog(self._desk, self._runner, self._prompt, todo, self, clock=self._clock)

    def load(self) -> None:
        self.read(read_todos, not self.show_done.isChecked())

    def show_result(self, result: Todos) -> None:
        self.time = Clock(result.zone)
        tree = self.todos.tree
        tree.blockSignals(True)  # checking the boxes below is not the clerk ticking them
        found = self.show_rows(self.todos, result.todos, greyed=lambda t: t.done_at is not None)
        for row, todo in enumerate(self.todos.rows):
            item = tree.topLevelItem(row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if todo.done_at else Qt.CheckState.Unchecked)
            if todo.body:
                item.setToolTip(0, todo.body)
        tree.blockSignals(False)
        if not found and self._done_if_missing and not self.show_done.isChecked():
            self.select_after = self._wanted
            self.show_done.setChecked(True)  # a done todo was asked for: list the done ones too
        self._done_if_missing = False

    def show_todo(self, todo_id: int) -> None:
        self.select_after = self._wanted = todo_id
        self._done_if_missing = True
        self.load()

    @Slot(QTreeWidgetItem, int)
    def _on_tree_itemChanged(self, item: QTreeWidgetItem, column: int) -> None:
        todo = item.data(0, RowRole)
        done = item.checkState(0) == Qt.CheckState.Checked
        if column == 0 and todo is not None and done != (todo.done_at is not None):
            self.select_after = todo.id
            self.write(set_done, todo.id, done, at=self._clock())


class PhrasesTab(NotebookTab):
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
        self.phrases = RecordList(
            self.tr("Phrase te&mplates"),
            [
                Column(self.tr("Category"), lambda p: p.category_label, 10),
                Column(self.tr("Title"), lambda p: p.title, 20),
                Column(self.tr("Used"), lambda p: str(p.use_count), 5),
                Column(self.tr("Text"), lambda p: p.text.replace("\n", " ")),
            ],
            "phraseList",
            add_text=self.tr("Ne&w phrase…"),
        )
        self.category = QComboBox()
        self.category.setObjectName("phraseCategoryFilter")
        self.category.addItem(self.tr("All categories"), None)
        for code, label in PHRASE_CATEGORIES.items():
            self.category.addItem(label, code)
        self.copy_button = QPushButton(self.tr("Co&py"))
        self.copy_button.setObjectName("copyPhraseButton")
        self.copy_button.setAutoDefault(False)
        self.copy_button.setToolTip(self.tr("Put the text on the clipboard; its placeholders stay for you to fill in"))
        self.phrases.add_tool(labelled(self.tr("&Category:"), self.category))
        self.phrases.add_tool(self.copy_button)
        self.text = QPlainTextEdit()
        self.text.setObjectName("phraseShown")
        self.text.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.phrases)
        split.addWidget(self.text)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.setFocusProxy(self.phrases)

        self.category.currentIndexChanged.connect(self.load)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.phrases.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)
        self.phrases.add_requested.connect(lambda: self.open_dialog(self._form(None)))
        self.phrases.edit_requested.connect(lambda phrase: self.open_dialog(self._form(phrase)))
        self.phrases.delete_requested.connect(
            lambda phrase: self.delete(
                delete_phrase, phrase, self.tr("Delete the phrase “{title}”?").format(title=phrase.title)
            )
        )

    def _form(self, phrase: PhraseView | None) -> PhraseDialog:
        category = self.category.currentData()
        return PhraseDialog(self._desk, self._runner, self._prompt, phrase, self, category=category)

    def load(self) -> None:
        self.read(list_phrases, "", self.category.currentData())

    def show_result(self, result: list[PhraseView]) -> None:
        self.show_rows(self.phrases, result)
        self._show_current()

    def show_phrase(self, phrase_id: int) -> None:
        self.select_after = phrase_id
        if self.category.currentIndex() != 0:
            self.category.setCurrentIndex(0)  # reads again
        else:
            self.load()

    def _show_current(self) -> None:
        phrase: PhraseView | None = self.phrases.current()
        self.text.setPlainText(phrase.text if phrase is not None else "")
        self.copy_button.setEnabled(phrase is not None)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_currentItemChanged(self, _item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._show_current()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        phrase: PhraseView | None = self.phrases.current()
        if phrase is not None:
            self.select_after = phrase.id
            task = self.write(use_phrase, phrase.id, case_id=None, now=self._clock())
            task.succeeded.connect(self._on_phrase_used)

    @Slot(object)
    def _on_phrase_used(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
