"""What the money-at-risk page's record tabs (fines, returns, arbitrations) share: times in the outlet's zone, and
a step written through a service — its refusal in one sentence (or next to the form's field), then the list read
again and `changed` said so the deadline queue follows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.desk import Desk
from app.errors import UserError
from ui.dialogs.form import FieldErrors
from ui.prompt import Prompt
from ui.widgets.common import Clock, error_text


class MoneyTab(QWidget):
    changed = Signal()  # a record added or moved: the money queue reads again

    def __init__(
        self, desk: Desk, prompt: Prompt, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk, self._prompt, self._clock = desk, prompt, clock
        self.zone: Clock | None = None  # set by the first read

    def refresh(self) -> None:
        raise NotImplementedError

    def _time(self, at: datetime | None) -> str:
        return self.zone.text(at) if self.zone is not None and at is not None else ""

    def _write(self, fn: Any, *args: Any, errors: FieldErrors | None = None, **kwargs: Any) -> bool:
        """One service call as this clerk; True when it was saved."""
        try:
            self._desk.write(fn, *args, **kwargs)
        except UserError as exc:
            message = errors.show_refusal(exc) if errors is not None else error_text(exc)
            if message is not None:
                self._prompt.error(self, message)
            return False
        self.refresh()
        self.changed.emit()
        return True
