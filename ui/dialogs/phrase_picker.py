"""Pick a phrase template (话术) for the case on show: type to filter (pinyin initials of the title such as `dk`
for 道歉, or words of the text), Up/Down choose, Enter takes it. The template is filled from the case ({单号},
{客户}, …; a value the case does not have stays visible as its placeholder), put on the clipboard, counted as
used, and the picker closes. Esc closes it without taking anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.desk import Desk
from app.notebook.phrases import PhraseView, list_phrases, use_phrase
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner
from ui.widgets.common import error_text

PhraseRole = Qt.ItemDataRole.UserRole + 1
MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class PhrasePicker(QDialog):
    copied = Signal(str)  # the filled text, now on the clipboard
    loaded = Signal()  # the list for the text typed has been read

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner | None,
        prompt: Prompt,
        *,
        case_id: int | None,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        """`runner` None: a dialog without the task runner (the stuck-case dialog) lends none, so the picker
        brings its own and stops it when it closes."""
        super().__init__(parent)
        self.setObjectName("phrasePicker")
        self.setWindowTitle(self.tr("Phrases"))
        self._own_runner = runner is None
        self._runner = runner if runner is not None else TaskRunner(self)
        self._desk, self._prompt, self.case_id, self._clock = desk, prompt, case_id, clock
        self._latest: Task | None = None
        self._take_when_loaded = False
        self.taking = False

        self.filter = QLineEdit()
        self.filter.setObjectName("phraseFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Pinyin initials of the title (dk), or words of the text"))
        self.list = QListWidget()
        self.list.setObjectName("phraseList")
        self.text = QPlainTextEdit()
        self.text.setObjectName("phraseText")
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setMaximumHeight(110)
        label = QLabel(self.tr("&Find:"))
        label.setBuddy(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.take_button = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button.setObjectName("takePhraseButton")
        for button in buttons.buttons():
            button.setAutoDefault(False)  # Enter belongs to the filter field and the list, which take the phrase
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 440)
        self.filter.installEventFilter(self)
        self.filter.textChanged.connect(self.load)
        self.filter.returnPressed.connect(self.take)
        self.list.currentItemChanged.connect(self._on_list_currentItemChanged)
        self.list.itemActivated.connect(self.take)
        self.load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the filter field move through the list, so the fingers stay on the keys."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in MOVES:
                QGuiApplication.sendEvent(self.list, QKeyEvent(event))
                return True
        return super().eventFilter(watched, event)

    def phrases(self) -> list[PhraseView]:
        return [self.list.item(row).data(PhraseRole) for row in range(self.list.count())]

    def current(self) -> PhraseView | None:
        item = self.list.currentItem()
        return item.data(PhraseRole) if item is not None else None

    # --- reading ------------------------------------------------------------------------------------------
    @Slot()
    def load(self) -> None:
        desk, query = self._desk, self.filter.text().strip()
        task = self._runner.run(lambda _p, _c: desk.read(list_phrases, query))
        self._latest = task
        task.succeeded.connect(lambda phrases: self._on_read(task, phrases))
        task.failed.connect(lambda exc: self._on_failed(task, exc))

    def _on_read(self, task: Task, phrases: Sequence[PhraseView]) -> None:
        if task is not self._latest:
            return
        self._latest = None
        self.list.clear()
        for phrase in phrases:
            item = QListWidgetItem(f"{phrase.title}  ·  {phrase.category_label}")
            item.setData(PhraseRole, phrase)
            item.setToolTip(phrase.text)
            self.list.addItem(item)
        if phrases:
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("No phrase matches."))
        self.loaded.emit()
        if self._take_when_loaded:
            self._take_when_loaded = False
            self.take()

    def _on_failed(self, task: Task, exc: BaseException) -> None:
        if task is self._latest:
            self._latest = None
            self._take_when_loaded = False
            self._prompt.error(self, error_text(exc))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_currentItemChanged(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.text.setPlainText(item.data(PhraseRole).text if item is not None else "")

    # --- taking -------------------------------------------------------------------------------------------
    @Slot()
    def take(self) -> None:
        """Fill the current phrase from the case and copy it; Enter typed before the list caught up waits for it."""
        if self._latest is not None:
            self._take_when_loaded = True
            return
        phrase = self.current()
        if phrase is None or self.taking:
            return
        self.taking = True
        desk, case_id, now = self._desk, self.case_id, self._clock()
        task = self._runner.run(lambda _p, _c: desk.write(use_phrase, phrase.id, case_id=case_id, now=now), write=True)
        task.succeeded.connect(self._on_taken)
        task.failed.connect(self._on_take_failed)

    @Slot(object)
    def _on_taken(self, text: str) -> None:
        self.taking = False
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
        self.accept()

    @Slot(object)
    def _on_take_failed(self, exc: BaseException) -> None:
        self.taking = False
        self._prompt.error(self, error_text(exc))

    def done(self, result: int) -> None:
        if self._own_runner:
            self._runner.shutdown()
        super().done(result)


def utc_now() -> datetime:
    return datetime.now(UTC)


def open_phrase_picker(
    desk: Desk,
    runner: TaskRunner | None,
    prompt: Prompt,
    *,
    case_id: int | None,
    clock: Callable[[], datetime],
    parent: QWidget,
) -> PhrasePicker:
    """Open the picker over a case's dialog (the one line a case dialog needs); it deletes itself when closed."""
    picker = PhrasePicker(desk, runner, prompt, case_id=case_id, clock=clock, parent=parent)
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    picker.open()
    return picker
