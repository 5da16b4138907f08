"""A note's Markdown shown rendered, with the waybill numbers and phones in it made links.

A waybill link (`waybill:NUMBER`) asks for the lookup; a phone link (`phone:DIGITS`) puts the number on the
clipboard. The recognising is the notebook service's; this only turns its spans into Markdown links.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.notebook.recognise import Span, recognise
from app.waybills import DEFAULT_CARRIERS, CarrierSpec

WAYBILL, PHONE = "waybill", "phone"


def linked_markdown(text: str, spans: Sequence[Span]) -> str:
    """`text` with each recognised span replaced by a Markdown link `[as typed](kind:value)`."""
    parts: list[str] = []
    last = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < last:
            continue  # overlapping spans: the first one wins
        parts.append(text[last : span.start])
        parts.append(f"[{text[span.start : span.end]}]({span.kind}:{span.value})")
        last = span.end
    parts.append(text[last:])
    return "".join(parts)


class NoteBrowser(QTextBrowser):
    waybill_clicked = Signal(str)
    phone_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.carriers: tuple[Sequence[CarrierSpec], Sequence[str]] = (DEFAULT_CARRIERS, ())
        self.anchorClicked.connect(self._on_anchorClicked)

    def set_carriers(self, specs: Sequence[CarrierSpec], preferred: Sequence[str]) -> None:
        """The outlet's waybill pattern table (`app.carriers.carrier_specs`), as the notes service uses it."""
        self.carriers = (specs, preferred)

    def show_markdown(self, text: str) -> None:
        self.setMarkdown(linked_markdown(text, recognise(text, *self.carriers)))

    @Slot(QUrl)
    def _on_anchorClicked(self, url: QUrl) -> None:
        kind, value = url.scheme(), url.path()
        if kind == WAYBILL and value:
            self.waybill_clicked.emit(value)
        elif kind == PHONE and value:
            QGuiApplication.clipboard().setText(value)
            self.phone_copied.emit(value)
