"""The 留言 thread of one stuck case, both ways: what we posted and their replies, what they posted and ours.

Messages we owe an answer to come first (the service orders them) and stand out, with their deadline. The widget
only shows and asks; its owner writes through the services and calls `load()` again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.stuck_messages import MessageView
from ui.widgets.common import Clock, action_button, set_column_widths

MessageRole = Qt.ItemDataRole.UserRole + 1
OWED_BACKGROUND = QColor("#fde2e1")


class MessageThread(QWidget):
    post_requested = Signal(str, str)  # text, direction ("sent": ours, "received": theirs)
    reply_requested = Signal(int, str, bool)  # message id, text, the reply asks for the return

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages: list[MessageView] = []
        self.owed_label = QLabel()
        self.owed_label.setObjectName("truncatedBanner")
        self.owed_label.setWordWrap(True)
        self.owed_label.hide()
        self.tree = QTreeWidget()
        self.tree.setObjectName("messageTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [self.tr("From"), self.tr("Posted"), self.tr("Message"), self.tr("Reply"), self.tr("Answer due")]
        )
        set_column_widths(self.tree, (6, 17, 28, 28))

        self.text = QLineEdit()
        self.text.setObjectName("messageText")
        self.text.setPlaceholderText(self.tr("A new message (ours, or theirs as they wrote it)"))
        self.post_ours = action_button(self.tr("&Post ours"), "postOursButton")
        self.record_theirs = action_button(self.tr("Record th&eirs"), "recordTheirsButton")
        self.reply_text = QLineEdit()
        self.reply_text.setObjectName("replyText")
        self.asks_return = QCheckBox(self.tr("As&ks for the return"))
        self.reply_button = action_button(self.tr("Record the rep&ly"), "replyButton")

        post_row = QHBoxLayout()
        post_row.addWidget(self.text, 1)
        post_row.addWidget(self.post_ours)
        post_row.addWidget(self.record_theirs)
        reply_row = QHBoxLayout()
        self.reply_label = QLabel(self.tr("Reply:"))
        self.reply_label.setBuddy(self.reply_text)
        reply_row.addWidget(self.reply_label)
        reply_row.addWidget(self.reply_text, 1)
        reply_row.addWidget(self.asks_return)
        reply_row.addWidget(self.reply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.owed_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(post_row)
        layout.addLayout(reply_row)

        self.post_ours.clicked.connect(self._on_post_ours_clicked)
        self.record_theirs.clicked.connect(self._on_record_theirs_clicked)
        self.text.returnPressed.connect(self._on_post_ours_clicked)
        self.reply_button.clicked.connect(self._on_reply_button_clicked)
        self.reply_text.returnPressed.connect(self._on_reply_button_clicked)
        self.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)

    def load(self, messages: list[MessageView], clock: Clock, *, open_case: bool) -> None:
        self.messages = list(messages)
        self.tree.clear()
        first_unanswered: QTreeWidgetItem | None = None
        for message in self.messages:
            ours = message.direction == "sent"
            reply = message.reply_text or ""
            if message.reply_at is not None:
                reply = f"{reply}  ({clock.text(message.reply_at)})"
            item = QTreeWidgetItem(
                [
                    self.tr("Us") if ours else self.tr("Them"),
                    clock.text(message.at),
                    message.text,
                    reply,
                    clock.text(message.reply_due_at) if message.owed else "",
                ]
            )
            item.setData(0, MessageRole, message.id)
            item.setToolTip(2, message.text)
            if message.owed:
                font = item.font(0)
                font.setBold(True)
                for column in range(item.columnCount()):
                    item.setBackground(column, QBrush(OWED_BACKGROUND))
                    item.setFont(column, font)
                item.setToolTip(4, self.tr("We owe them an answer"))
            self.tree.addTopLevelItem(item)
            if first_unanswered is None and message.reply_at is None:
                first_unanswered = item
        owed = sum(m.owed for m in self.messages)
        self.owed_label.setText(self.tr("Answers owed: {count}").format(count=owed))
        self.owed_label.setVisible(owed > 0)
        for widget in (self.text, self.post_ours, self.record_theirs):
            widget.setEnabled(open_case)
        self.tree.setCurrentItem(first_unanswered)  # type: ignore[arg-type]  # None clears the selection
        self._sync_reply()

    def selected(self) -> MessageView | None:
        item = self.tree.currentItem()
        wanted = item.data(0, MessageRole) if item is not None else None
        return next((m for m in self.messages if m.id == wanted), None)

    def _sync_reply(self) -> None:
        message = self.selected()
        can_reply = message is not None and message.reply_at is None
        for widget in (self.reply_text, self.reply_button):
            widget.setEnabled(can_reply)
        theirs_due = message is not None and message.direction == "sent"
        self.asks_return.setEnabled(can_reply and theirs_due)
        if not self.asks_return.isEnabled():
            self.asks_return.setChecked(False)
        self.reply_label.setText(self.tr("Their reply:") if theirs_due else self.tr("Our reply:"))

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_currentItemChanged(self, _current: QTreeWidgetItem, _previous: QTreeWidgetItem) -> None:
        self._sync_reply()

    @Slot()
    def _on_post_ours_clicked(self) -> None:
        if self.text.text().strip():
            self.post_requested.emit(self.text.text().strip(), "sent")

    @Slot()
    def _on_record_theirs_clicked(self) -> None:
        if self.text.text().strip():
            self.post_requested.emit(self.text.text().strip(), "received")

    @Slot()
    def _on_reply_button_clicked(self) -> None:
        message = self.selected()
        if message is not None and self.reply_text.text().strip() and self.reply_button.isEnabled():
            self.reply_requested.emit(message.id, self.reply_text.text().strip(), self.asks_return.isChecked())
