"""The work notebook (工作笔记): the day's notes, the todos and the phrase templates (话术), one tab each, with one
search over all three.

The search (Ctrl+F) finds any part of the text, one- and two-character Chinese words included; its hits show
the matched text in bold, and Enter or a double click on a hit opens it in its tab (Down in the search box goes
to the hits). A waybill number in a note is a link to the lookup (`lookup_requested`); a phone in a note is copied
by a click (`copied`). Lists are read in the task runner, forms save through its write queue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLineEdit, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.desk import Desk
from app.notebook.search import Hit, search
from ui.dialogs.phrase_picker import utc_now
from ui.pages.notebook_lists import PhrasesTab, TodosTab
from ui.pages.notebook_notes import NotesTab
from ui.pages.notebook_tab import NotebookTab
from ui.pages.paged_list_page import FILTER_DELAY_MS, labelled
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner
from ui.widgets.common import error_text
from ui.widgets.search_hits import SearchHits


class NotebookPage(QWidget):
    lookup_requested = Signal(str)  # a waybill link in a note was clicked: the number
    copied = Signal(str)  # a phone number or a phrase's text was put on the clipboard
    changed = Signal()  # a note, todo or phrase was saved, done or deleted here
    searched = Signal(str, int)  # the search's hits are on show: the query and how many
    announced = Signal(str)  # a finished export, for the status bar

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notebookPage")
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self._latest: Task | None = None

        self.search = QLineEdit()
        self.search.setObjectName("notebookSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search notes, todos and phrases: any words, 单号 or phone (Ctrl+F)"))
        find = QAction(self)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.find)
        self.hits = SearchHits()
        self.hits.hide()

        self.notes = NotesTab(desk, runner, prompt, clock)
        self.todos = TodosTab(desk, runner, prompt, clock)
        self.phrases = PhrasesTab(desk, runner, prompt, clock)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("notebookTabs")
        self.tabs.addTab(self.notes, self.tr("&Notes"))
        self.tabs.addTab(self.todos, self.tr("T&odos"))
        self.tabs.addTab(self.phrases, self.tr("P&hrases"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.hits)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(labelled(self.tr("&Search:"), self.search))
        layout.addWidget(split, 1)
        self.setFocusProxy(self.search)

        for tab in self.all_tabs():
            tab.changed.connect(self.changed)
        self.notes.lookup_requested.connect(self.lookup_requested)
        self.notes.copied.connect(self.copied)
        self.notes.exporter.announced.connect(self.announced)
        self.phrases.copied.connect(self.copied)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.find)
        self.search.installEventFilter(self)
        self.hits.hit_activated.connect(self.open_hit)
        self.tabs.currentChanged.connect(self.load)

    def all_tabs(self) -> tuple[NotebookTab, ...]:
        return self.notes, self.todos, self.phrases

    def load(self) -> None:
        """Read the tab on show again."""
        tab = self.tabs.currentWidget()
        assert isinstance(tab, NotebookTab)
        tab.load()

    def showEvent(self, event: QShowEvent) -> None:
        """Every visit reads the tab again (another page or window may have added to it)."""
        super().showEvent(event)
        if not event.spontaneous():
            self.load()

    # --- the search -----------------------------------------------------------------------------------
    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box goes on to the hits."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.hits.isVisible() and self.hits.count():
                self.hits.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def find(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        if not query:
            self._latest = None
            self.hits.show_hits([])
            self.hits.hide()
            return
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.read(search, query))
        self._latest = task
        task.succeeded.connect(lambda hits: self._on_found(task, query, hits))
        task.failed.connect(lambda exc: self._on_find_failed(task, exc))

    def _on_found(self, task: Task, query: str, hits: list[Hit]) -> None:
        if task is not self._latest:
            return  # the clerk typed on
        self.hits.show_hits(hits)
        self.hits.show()
        self.searched.emit(query, len(hits))

    def _on_find_failed(self, task: Task, exc: BaseException) -> None:
        if task is self._latest:
            self._prompt.error(self, error_text(exc))

    def open_todo(self, todo_id: int) -> None:
        """A todo's reminder was opened: its tab, with it current (a done one with the done ones)."""
        self.tabs.setCurrentWidget(self.todos)
        self.todos.show_todo(todo_id)

    @Slot(object)
    def open_hit(self, hit: Hit) -> None:
        """Show the hit's record current in its tab (a note on its day, a done todo with the done ones)."""
        self.tabs.blockSignals(True)  # the tab reads once, with the record chosen
        if hit.type == "note":
            self.tabs.setCurrentWidget(self.notes)
            self.notes.show_note(hit.id, hit.day)
        elif hit.type == "todo":
            self.tabs.setCurrentWidget(self.todos)
            self.todos.show_todo(hit.id)
        else:
            self.tabs.setCurrentWidget(self.phrases)
            self.phrases.show_phrase(hit.id)
        self.tabs.blockSignals(False)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
