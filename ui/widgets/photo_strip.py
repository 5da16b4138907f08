"""A record's photos as thumbnails: add by the file dialog, by dropping files or pictures on the strip, or by
pasting (Ctrl+V) a screenshot or copied files; double-click or Enter opens the viewer; Delete removes one.

The strip only gathers bytes and names and says what the clerk asked for (`add_requested`, `remove_requested`);
the owner checks and stores them through a service (app.attachments refuses what is not a picture) and reloads.
A file is read only up to the attachment size cap plus one byte: a huge file is refused without being loaded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.attachments.checks import LIMITS
from app.attachments.store import AttachmentView
from ui.prompt import Prompt
from ui.widgets.common import action_button

THUMB = 128
PICTURES = "*.jpg *.jpeg *.png *.bmp *.webp *.gif"

Added = list[tuple[bytes, str | None]]  # (content, original name)


def read_capped(path: Path) -> bytes:
    """A file's bytes, at most one byte over the attachment cap (enough for the check to refuse it)."""
    with path.open("rb") as handle:
        return handle.read(LIMITS.max_bytes + 1)


def image_bytes(image: QImage) -> bytes:
    """A pasted or dropped picture as PNG bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def from_mime(mime: QMimeData) -> Added:
    """Local files (named) or a picture (unnamed) carried by a drop or the clipboard."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    added: Added = []
    for path in files:
        if path.is_file():
            try:
                added.append((read_capped(path), path.name))
            except OSError:
                continue
    if not added and mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            added.append((image_bytes(image), None))
    return added


class PhotoViewer(QDialog):
    """One picture at up to the screen's size, scrollable when larger."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(title)
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.picture = QLabel()
        self.picture.setPixmap(pixmap)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(min(pixmap.width() + 40, 1000) or 400, min(pixmap.height() + 80, 760) or 300)


class PhotoStrip(QWidget):
    add_requested = Signal(object)  # Added
    remove_requested = Signal(int)  # the attachment link's id
    view_requested = Signal(int)  # the attachment link's id

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self._prompt = prompt
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setObjectName("photoList")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setAcceptDrops(False)  # drops land on the strip
        self.hint = QLabel(self.tr("Drop photos here, paste a screenshot (Ctrl+V) or add files."))
        self.hint.setObjectName("hintLabel")
        self.add_button = action_button(self.tr("Add &photo…"), "addPhotoButton")
        self.paste_button = action_button(self.tr("Paste"), "pastePhotoButton")
        self.remove_button = action_button(self.tr("Remove"), "removePhotoButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.itemActivated.connect(self._on_item_activated)
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_remove_button_clicked)

    def load(self, photos: list[tuple[AttachmentView, bytes]]) -> None:
        """(attachment, thumbnail bytes) in order."""
        self.list.clear()
        for view, thumb in photos:
            pixmap = QPixmap()
            pixmap.loadFromData(thumb)
            item = QListWidgetItem(QIcon(pixmap), view.label or view.name)
            item.setData(Qt.ItemDataRole.UserRole, view.id)
            item.setToolTip(f"{view.name}\n{view.width or '?'}×{view.height or '?'} · {view.size // 1024} KB")
            self.list.addItem(item)
        self.remove_button.setEnabled(bool(photos))

    def setEnabled(self, enabled: bool) -> None:
        super().setEnabled(enabled)
        self.setAcceptDrops(enabled)

    @Slot()
    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        added = from_mime(mime) if mime is not None else []
        if added:
            self.add_requested.emit(added)
        else:
            self._prompt.error(self, self.tr("The clipboard holds no picture and no picture file."))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        path = self._prompt.open_file(
            self, self.tr("Add a photo"), "", self.tr("Pictures ({patterns})").format(patterns=PICTURES)
        )
        if not path:
            return
        try:
            data = read_capped(Path(path))
        except OSError as exc:
            self._prompt.error(self, self.tr("The file cannot be read: {reason}").format(reason=exc.strerror or exc))
            return
        self.add_requested.emit([(data, Path(path).name)])

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.view_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        added = from_mime(event.mimeData())
        if added:
            event.acceptProposedAction()
            self.add_requested.emit(added)
