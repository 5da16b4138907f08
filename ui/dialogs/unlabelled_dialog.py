"""Unlabelled parcels (无头件): register what was found, see which loss cases it may be, and close the loop.

The photo is given as a file path (it is stored in the database by the service, not referenced). Choosing the
match is confirmed first: resolving closes a stuck case or tells a complaint or claim that the parcel turned up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.carriers import carrier_specs
from app.desk import Desk
from app.errors import UserError, ValidationError
from app.unlabelled import Candidate, NewUnlabelled, UnlabelledView, candidates, list_unlabelled, register, resolve
from ui.dialogs.form import FieldErrors
from ui.prompt import Prompt
from ui.widgets.common import Clock, action_button, error_text, message_language, outlet_zone, set_column_widths

IdRole = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    "stuck": QT_TRANSLATE_NOOP("UnlabelledDialog", "Stuck parcel"),
    "complaint": QT_TRANSLATE_NOOP("UnlabelledDialog", "Complaint"),
    "claim": QT_TRANSLATE_NOOP("UnlabelledDialog", "Claim"),
}


def _read_setup(session: Any) -> tuple[list[tuple[str, str]], str]:
    specs, _ours = carrier_specs(session)
    return [(spec.code, spec.name) for spec in specs], outlet_zone(session)


class UnlabelledDialog(QDialog):
    registered = Signal(int)  # the new parcel's id
    resolved = Signal(int)  # the parcel's id, once matched

    def __init__(self, desk: Desk, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlabelledDialog")
        self.setWindowTitle(self.tr("Unlabelled parcels"))
        self._desk, self._prompt = desk, prompt
        self.parcels: list[UnlabelledView] = []
        self.matches: list[Candidate] = []
        self.errors = FieldErrors()
        carriers, zone = desk.read(_read_setup)
        self.clock = Clock(zone)

        self.description = QLineEdit()
        self.description.setObjectName("unlabelledDescription")
        self.description.setPlaceholderText(self.tr("What it looks like: box, colour, size, contents seen"))
        self.carrier = QComboBox()
        self.carrier.addItem(self.tr("unknown"), None)
        for code, name in carriers:
            self.carrier.addItem(name, code)
        self.found_where = QLineEdit()
        self.found_at = QDateTimeEdit()
        self.found_at.setCalendarPopup(True)
        self.found_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.shelf = QLineEdit()
        self.photo_path = QLineEdit()
        self.photo_path.setPlaceholderText(self.tr("Optional: path of a photo file"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAutoDefault(False)
        photo_row = QWidget()
        photo_layout = QHBoxLayout(photo_row)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(self.photo_path, 1)
        photo_layout.addWidget(self.browse_button)
        photo_row.setFocusProxy(self.photo_path)
        self.register_button = action_button(self.tr("&Register"), "registerButton")
        new = QGroupBox(self.tr("Register a parcel without a label"))
        form = QFormLayout(new)
        self.errors.add_row(form, "description", self.tr("&Description:"), self.description)
        self.errors.add_row(form, "carrier_code", self.tr("&Carrier:"), self.carrier)
        self.errors.add_row(form, "found_where", self.tr("Found &where:"), self.found_where)
        self.errors.add_row(form, "found_at", self.tr("Found &at:"), self.found_at)
        self.errors.add_row(form, "shelf", self.tr("S&helf:"), self.shelf)
        self.errors.add_row(form, "photo_path", self.tr("&Photo:"), photo_row)
        form.addRow("", self.register_button)

        self.parcel_list = QTreeWidget()
        self.parcel_list.setObjectName("unlabelledList")
        self.parcel_list.setRootIsDecorated(False)
        self.parcel_list.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Found"),
                self.tr("Description"),
                self.tr("Carrier"),
                self.tr("Where"),
                self.tr("Shelf"),
            ]
        )
        set_column_widths(self.parcel_list, (5, 17, 26, 6, 12))
        self.candidate_list = QTreeWidget()
        self.candidate_list.setObjectName("candidateList")
        self.candidate_list.setRootIsDecorated(False)
        self.candidate_list.setHeaderLabels(
            [self.tr("Score"), self.tr("Record"), self.tr("Waybill"), self.tr("Opened"), self.tr("Why")]
        )
        set_column_widths(self.candidate_list, (5, 12, 18, 17))
        self.resolve_button = action_button(self.tr("&Match to this record…"), "resolveButton")
        self.status = QLabel()
        self.status.setWordWrap(True)
        found = QGroupBox(self.tr("Open unlabelled parcels and the records they may be"))
        found_layout = QVBoxLayout(found)
        found_layout.addWidget(self.parcel_list, 1)
        found_layout.addWidget(QLabel(self.tr("Possible matches:")))
        found_layout.addWidget(self.candidate_list, 1)
        found_layout.addWidget(self.resolve_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(new)
        layout.addWidget(found, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 760)

        self.register_button.clicked.connect(self._on_register_button_clicked)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.parcel_list.currentItemChanged.connect(self._on_parcel_list_currentItemChanged)
        self.candidate_list.currentItemChanged.connect(self._sync)
        self.resolve_button.clicked.connect(self._on_resolve_button_clicked)
        self._reset_form()
        self.reload()

    def _reset_form(self) -> None:
        for field in (self.description, self.found_where, self.shelf, self.photo_path):
            field.clear()
        self.carrier.setCurrentIndex(0)
        now = datetime.now(UTC).astimezone(self.clock.zone).replace(tzinfo=None, second=0, microsecond=0)
        self.found_at.setDateTime(QDateTime(now))

    def value(self) -> NewUnlabelled:
        found_at = self.found_at.dateTime().toPython().replace(tzinfo=self.clock.zone).astimezone(UTC)
        return NewUnlabelled(
            description=self.description.text().strip(),
            carrier_code=self.carrier.currentData(),
            found_at=found_at,
            found_where=self.found_where.text().strip() or None,
            shelf=self.shelf.text().strip() or None,
            photo_path=self.photo_path.text().strip() or None,
        )

    def reload(self, select: int | None = None) -> None:
        self.parcels = self._desk.read(list_unlabelled)
        self.parcel_list.clear()
        for parcel in self.parcels:
            item = QTreeWidgetItem(
                [
                    str(parcel.id),
                    self.clock.text(parcel.found_at),
                    parcel.description,
                    parcel.carrier_name or "",
                    parcel.found_where or "",
                    parcel.shelf or "",
                ]
            )
            item.setData(0, IdRole, parcel.id)
            item.setToolTip(2, parcel.description)
            self.parcel_list.addTopLevelItem(item)
            if parcel.id == select:
                self.parcel_list.setCurrentItem(item)
        if self.parcel_list.currentItem() is None and self.parcel_list.topLevelItemCount():
            self.parcel_list.setCurrentItem(self.parcel_list.topLevelItem(0))
        self._show_candidates()

    def selected_parcel(self) -> int | None:
        item = self.parcel_list.currentItem()
        return item.data(0, IdRole) if item is not None else None

    def selected_match(self) -> Candidate | None:
        row = self.candidate_list.indexOfTopLevelItem(self.candidate_list.currentItem())
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def _show_candidates(self) -> None:
        parcel_id = self.selected_parcel()
        self.matches = [] if parcel_id is None else self._desk.read(candidates, parcel_id, lang=message_language())
        self.candidate_list.clear()
        for match in self.matches:
            kind = QCoreApplication.translate("UnlabelledDialog", KIND_LABELS.get(match.kind, match.kind))
            record = f"{kind} #{match.case_id or match.claim_id}"
            why = "；".join(match.reasons)
            item = QTreeWidgetItem(
                [f"{match.score:.0%}", record, match.waybill_no, self.clock.text(match.opened_at), why]
            )
            item.setToolTip(4, f"{why}\n{match.summary}")
            self.candidate_list.addTopLevelItem(item)
        if self.matches:
            self.candidate_list.setCurrentItem(self.candidate_list.topLevelItem(0))
        self._sync()

    @Slot()
    def _sync(self) -> None:
        self.resolve_button.setEnabled(self.selected_match() is not None)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_parcel_list_currentItemChanged(self, _current: QTreeWidgetItem, _previous: QTreeWidgetItem) -> None:
        self._show_candidates()

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        folder = str(Path(self.photo_path.text().strip()).parent) if self.photo_path.text().strip() else ""
        path = self._prompt.open_file(
            self, self.tr("Choose a photo"), folder, self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.webp)")
        )
        if path:
            self.photo_path.setText(path)

    @Slot()
    def _on_register_button_clicked(self) -> None:
        self.errors.clear()
        if not self.description.text().strip():
            self.errors.show("description", self.tr("Describe the parcel."))
            self.errors.focus_first()
            return
        try:
            view = self._desk.write(register, self.value())
        except UserError as exc:
            message = error_text(exc)
            fields = exc.fields if isinstance(exc, ValidationError) else {}
            if not any(self.errors.show(key, message) for key in fields):
                self._prompt.error(self, message)
            return
        self.status.setText(self.tr("Registered unlabelled parcel #{id}.").format(id=view.id))
        self._reset_form()
        self.reload(select=view.id)
        self.registered.emit(view.id)

    @Slot()
    def _on_resolve_button_clicked(self) -> None:
        parcel_id, match = self.selected_parcel(), self.selected_match()
        if parcel_id is None or match is None:
            return
        question = self.tr("Unlabelled parcel #{id} is the parcel of {waybill}? Its record will be told.").format(
            id=parcel_id, waybill=match.waybill_no
        )
        if not self._prompt.confirm(self, question):
            return
        try:
            self._desk.write(resolve, parcel_id, case_id=match.case_id, claim_id=match.claim_id)
        except UserError as exc:
            self._prompt.error(self, error_text(exc))
            self.reload()
            return
        self.status.setText(
            self.tr("Unlabelled parcel #{id} matched to {waybill}.").format(id=parcel_id, waybill=match.waybill_no)
        )
        self.reload()
        self.resolved.emit(parcel_id)
