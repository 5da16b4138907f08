"""Flag a recipient's phone or address by hand (door delivery only, leave with the guard, a note …), prefilled
from the parcel the clerk is looking at. Complaints set their own flags; this is for what the clerk learns."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.desk import Desk
from app.flags import AUTO_FLAGS, FLAG_KINDS, set_flag
from ui.dialogs.directory_dialogs import RecordDialog, line, text_of
from ui.prompt import Prompt
from ui.tasks import TaskRunner


class FlagDialog(RecordDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        *,
        phone: str | None = None,
        address: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("flagDialog")
        self.setWindowTitle(self.tr("Flag a recipient"))
        self.flag = QComboBox()
        self.flag.setObjectName("flagKind")
        for code, label in FLAG_KINDS.items():
            if code not in AUTO_FLAGS:  # complaints set those, with the complaint as their source
                self.flag.addItem(label, code)
        self.phone = line("flagPhone", 40)
        self.phone.setText(phone or "")
        self.phone.setPlaceholderText(self.tr("Whole, masked (138****5678) or the last 4 digits"))
        self.address = line("flagAddress")
        self.address.setText(address or "")
        self.note = line("flagNote", 200)
        self.note.setPlaceholderText(self.tr("e.g. call before 18:00, the guard keeps parcels"))
        self.row("flag", self.tr("&Flag:"), self.flag)
        self.row("phone", self.tr("&Phone:"), self.phone)
        self.row("address", self.tr("&Address:"), self.address)
        self.row("note", self.tr("&Note:"), self.note)
        self.start()

    def fill(self, _choices: Any) -> None:
        """Nothing to read: the choices are the catalogue's."""

    def saver(self) -> Callable[..., Any]:
        return partial(
            set_flag,
            flag=self.flag.currentData(),
            phone=text_of(self.phone),
            address=text_of(self.address),
            note=text_of(self.note),
        )
