"""Address → courier while the clerk types: the areas and places the address names, and who covers them today.

`CourierSuggester` watches an address field (a short pause after the last key, so typing never waits on the
database), asks `app.directory.address.suggest` for today's local date, picks the best suggestion's courier in a
courier combo box and lists every suggestion, best first, as links under the field: clicking one (or Tab to it
and Enter) picks that courier instead. A stand-in covering today is named with the courier it replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app import settings
from app.deadlines import local_date
from app.desk import Desk
from app.directory.address import Suggestion, suggest
from app.errors import UserError

PAUSE_MS = 250  # after the last key: a clerk typing 红星路12号 fires one lookup, not six
MIN_CHARS = 2


def suggest_on_day(session: Any, address: str, now: datetime) -> list[Suggestion]:
    """The suggestions for the outlet's local day of `now` (stand-ins are by date)."""
    return suggest(session, address, local_date(now, settings.deadline_rules(session)))


class CourierSuggester(QObject):
    suggested = Signal(object)  # list[Suggestion], best first (empty when nothing matches)

    def __init__(
        self,
        desk: Desk,
        address: QLineEdit,
        courier: QComboBox,
        hint: QLabel,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self.address, self.courier, self.hint, self.clock = desk, address, courier, hint, clock
        self.suggestions: list[Suggestion] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        hint.setObjectName(hint.objectName() or "courierSuggestion")
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        hint.setWordWrap(True)
        hint.linkActivated.connect(self._on_hint_linkActivated)
        address.textEdited.connect(self._on_address_textEdited)

    @Slot(str)
    def _on_address_textEdited(self, _text: str) -> None:
        self.timer.start()

    @Slot()
    def refresh(self) -> None:
        """Suggest for the address as it stands now (the pause timer calls this; tests may call it directly)."""
        self.timer.stop()
        text = self.address.text().strip()
        found: list[Suggestion] = []
        if len(text) >= MIN_CHARS:
            try:
                found = self._desk.read(suggest_on_day, text, self.clock())
            except UserError:
                found = []
        self.suggestions = found
        self._show(found)
        if found and found[0].couriers:
            self.pick(found[0].couriers[0].courier_id)
        self.suggested.emit(found)

    def pick(self, courier_id: int) -> None:
        index = self.courier.findData(courier_id)
        if index >= 0:
            self.courier.setCurrentIndex(index)

    def clear(self) -> None:
        self.address.clear()
        self.suggestions = []
        self.hint.clear()

    def _show(self, found: list[Suggestion]) -> None:
        if not found:
            typed = bool(self.address.text().strip())
            self.hint.setText(self.tr("No area matches this address.") if typed else "")
            return
        links = []
        for suggestion in found:
            where = suggestion.place_name or suggestion.area_name
            label = f"{suggestion.keyword} → {where}"
            if suggestion.place_name:
                label += f"（{suggestion.area_name}）"
            if not suggestion.couriers:
                links.append(_escape(label) + self.tr(": no courier today"))
                continue
            for coverage in suggestion.couriers:
                who = coverage.name
                if coverage.stand_in:
                    who = self.tr("{name} (standing in for {regular})").format(
                        name=coverage.name, regular=coverage.regular_name
                    )
                links.append(f'<a href="courier:{coverage.courier_id}">{_escape(label)}: {_escape(who)}</a>')
        self.hint.setText(" · ".join(links))

    @Slot(str)
    def _on_hint_linkActivated(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "courier" and value.isdigit():
            self.pick(int(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
