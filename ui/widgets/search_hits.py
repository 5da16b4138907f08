"""The notebook search's hits: what each is (note, todo, phrase), its title, and the snippet with the matched
text in bold. Up/Down move, Enter or a double click opens the hit."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QWidget

from app.notebook.search import Hit

HitRole = Qt.ItemDataRole.UserRole + 1
KINDS = {
    "note": QT_TRANSLATE_NOOP("SearchHits", "Note"),
    "todo": QT_TRANSLATE_NOOP("SearchHits", "Todo"),
    "phrase": QT_TRANSLATE_NOOP("SearchHits", "Phrase"),
}


def highlighted(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """`text` as HTML with the marked ranges in bold."""
    parts: list[str] = []
    last = 0
    for start, end in sorted(marks):
        if start < last:
            continue
        parts.append(html.escape(text[last:start]))
        parts.append(f"<b>{html.escape(text[start:end])}</b>")
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


class SearchHits(QListWidget):
    hit_activated = Signal(object)  # the Hit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notebookHits")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.labels: list[QLabel] = []
        self.itemActivated.connect(self._on_itemActivated)

    def show_hits(self, hits: Sequence[Hit]) -> None:
        self.clear()
        self.labels = []
        for hit in hits:
            kind = QCoreApplication.translate("SearchHits", KINDS.get(hit.type, hit.type))
            label = QLabel(
                f"<b>[{html.escape(kind)}]</b> {html.escape(hit.title)}<br>"
                f"<span style='color:gray'>{highlighted(hit.snippet, hit.marks)}</span>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item = QListWidgetItem()
            item.setData(HitRole, hit)
            item.setToolTip(hit.snippet)
            item.setSizeHint(label.sizeHint())
            self.addItem(item)
            self.setItemWidget(item, label)
            self.labels.append(label)
        if hits:
            self.setCurrentRow(0)

    def hits(self) -> list[Hit]:
        return [self.item(row).data(HitRole) for row in range(self.count())]

    @Slot(QListWidgetItem)
    def _on_itemActivated(self, item: QListWidgetItem) -> None:
        self.hit_activated.emit(item.data(HitRole))
