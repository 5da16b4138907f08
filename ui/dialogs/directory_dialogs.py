"""The directory's edit forms: an area, a place, an outlet, an internal contact (the courier has its own module).

Each form reads the choices it offers (areas, carriers) through the task runner, fills itself from the record
being edited (or stays blank for a new one), and saves through the runner's write queue with the version it read.
The service's field errors land next to their fields; a stale version (somebody saved the record meanwhile) is
one clear message, and the form stays open so nothing typed is lost. Enter saves, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.desk import Desk
from app.directory.outlets import (
    HANDLES,
    OUTLET_KINDS,
    ContactForm,
    ContactView,
    OutletForm,
    OutletView,
    list_hotlines,
    save_contact,
    save_outlet,
)
from app.directory.places import (
    PLACE_KINDS,
    AreaForm,
    AreaView,
    PlaceForm,
    PlaceView,
    list_areas,
    save_area,
    save_place,
    split_keywords,
)
from ui.dialogs.form import FieldErrors
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text
from ui.widgets.record_list import LIST_JOINER


def line(name: str, max_length: int = 0) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    if max_length:
        field.setMaxLength(max_length)
    return field


def text_of(field: QLineEdit) -> str | None:
    return field.text().strip() or None


def pick(combo: QComboBox, value: object) -> None:
    """Make the item carrying `value` current (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(value), 0))


class RecordDialog(QDialog):
    """The frame every directory form shares: fields with inline errors, Save / Cancel, reading and saving."""

    saved = Signal(object)  # the view the service returned
    ready = Signal()  # the choices are read and the form is filled

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self.loaded = self.saving = False
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.form_error = QLabel()
        self.errors.add_label("form", self.form_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form_error)
        self.body.addLayout(self.form)
        self.setMinimumWidth(460)

    def row(self, key: str, label: str, field: QWidget) -> None:
        self.errors.add_row(self.form, key, label, field)

    def start(self) -> None:
        """Lay the buttons out last and read the choices; subclasses call this at the end of __init__."""
        self.body.addWidget(self.buttons)
        desk, reader = self._desk, self.reader()
        task = self._runner.run(lambda _p, _c: desk.read(reader) if reader is not None else None)
        task.succeeded.connect(self._on_choices_read)
        task.failed.connect(self._on_choices_failed)

    # --- what a form plugs in -------------------------------------------------------------------------
    def reader(self) -> Callable[[Any], Any] | None:
        """What to read before the form can be filled (a function of the session), or None."""
        return None

    def fill(self, choices: Any) -> None:
        raise NotImplementedError

    def saver(self) -> Callable[..., Any]:
        """The write to run: a service call waiting for the session and the actor."""
        raise NotImplementedError

    # --- saving ---------------------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        if self.saving or not self.loaded:
            return
        self.errors.clear()
        desk, saver = self._desk, self.saver()
        self.saving = True
        self.save_button.setEnabled(False)
        task = self._runner.run(lambda _p, _c: desk.write(saver), write=True)
        task.succeeded.connect(self._on_saved)
        task.failed.connect(self._on_save_failed)

    @Slot(object)
    def _on_saved(self, view: Any) -> None:
        self.saving = False
        self.saved.emit(view)
        self.accept()

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        message = self.errors.show_refusal(exc)
        if message is not None:
            self._prompt.error(self, message)

    @Slot(object)
    def _on_choices_read(self, choices: Any) -> None:
        self.fill(choices)
        self.loaded = True
        self.save_button.setEnabled(True)
        self.ready.emit()

    @Slot(object)
    def _on_choices_failed(self, exc: BaseException) -> None:
        self.form_error.setText(error_text(exc))
        self.form_error.show()


class AreaDialog(RecordDialog):
    def __init__(
        self, desk: Desk, runner: TaskRunner, prompt: Prompt, area: AreaView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("areaDialog")
        self.setWindowTitle(self.tr("New area") if area is None else self.tr("Edit area"))
        self.area = area
        self.name = line("areaName", 60)
        self.keywords = line("areaKeywords")
        self.keywords.setPlaceholderText(self.tr("Address words of this area, separated by 、 e.g. 红星路、兴华里"))
        self.notes = line("areaNotes")
        self.row("name", self.tr("&Name:"), self.name)
        self.row("keywords", self.tr("&Keywords:"), self.keywords)
        self.row("notes", self.tr("N&otes:"), self.notes)
        self.start()

    def fill(self, _choices: Any) -> None:
        if self.area is not None:
            self.name.setText(self.area.name)
            self.keywords.setText(LIST_JOINER.join(self.area.keywords))
            self.notes.setText(self.area.notes or "")

    def value(self) -> AreaForm:
        return AreaForm(self.name.text(), split_keywords(self.keywords.text()), text_of(self.notes))

    def saver(self) -> Callable[..., Any]:
        area = self.area
        if area is None:
            return partial(save_area, form=self.value())
        return partial(save_area, form=self.value(), area_id=area.id, version=area.version)


class PlaceDialog(RecordDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        place: PlaceView | None,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("placeDialog")
        self.setWindowTitle(self.tr("New place") if place is None else self.tr("Edit place"))
        self.place = place
        self.kind = QComboBox()
        self.kind.setObjectName("placeKind")
        for code, label in PLACE_KINDS.items():
            self.kind.addItem(label, code)
        pick(self.kind, place.kind if place is not None else kind)
        self.name = line("placeName", 80)
        self.area = QComboBox()
        self.area.setObjectName("placeArea")
        self.area.addItem(self.tr("no area"), None)
        self.address = line("placeAddress")
        self.keywords = line("placeKeywords")
        self.keywords.setPlaceholderText(self.tr("Other words for it, separated by 、"))
        self.phone = line("placePhone", 40)
        self.notes = line("placeNotes")
        self.notes.setPlaceholderText(self.tr("Gate rules, reception hours, leave with the guard…"))
        for key, label, field in (
            ("kind", self.tr("K&ind:"), self.kind),
            ("name", self.tr("&Name:"), self.name),
            ("area_id", self.tr("&Area:"), self.area),
            ("address", self.tr("A&ddress:"), self.address),
            ("keywords", self.tr("&Keywords:"), self.keywords),
            ("phone", self.tr("&Phone:"), self.phone),
            ("notes", self.tr("N&otes:"), self.notes),
        ):
            self.row(key, label, field)
        self.start()

    def reader(self) -> Callable[[Any], Any]:
        return list_areas

    def fill(self, areas: Iterable[AreaView]) -> None:
        for area in areas:
            self.area.addItem(area.name, area.id)
        place = self.place
        if place is not None:
            self.name.setText(place.name)
            pick(self.area, place.area_id)
            self.address.setText(place.address or "")
            self.keywords.setText(LIST_JOINER.join(place.keywords))
            self.phone.setText(place.phone or "")
            self.notes.setText(place.notes or "")

    def value(self) -> PlaceForm:
        return PlaceForm(
            kind=self.kind.currentData(),
            name=self.name.text(),
            area_id=self.area.currentData(),
            address=text_of(self.address),
            keywords=split_keywords(self.keywords.text()),
            phone=text_of(self.phone),
            notes=text_of(self.notes),
            flags=tuple(self.place.flags) if self.place is not None else (),  # flags are set elsewhere: kept
        )

    def saver(self) -> Callable[..., Any]:
        place = self.place
        if place is None:
            return partial(save_place, form=self.value())
        return partial(save_place, form=self.value(), place_id=place.id, version=place.version)


class OutletDialog(RecordDialog):
    def __init__(
        self, desk: Desk, runner: TaskRunner, prompt: Prompt, outlet: OutletView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("outletDialog")
        self.setWindowTitle(self.tr("New outlet") if outlet is None else self.tr("Edit outlet"))
        self.outlet = outlet
        self.kind = QComboBox()
        self.kind.setObjectName("outletKind")
        for code, label in OUTLET_KINDS.items():
            self.kind.addItem(label, code)
        self.carrier = QComboBox()
        self.carrier.setObjectName("outletCarrier")
        self.carrier.addItem(self.tr("no carrier"), None)
        self.name = line("outletName", 80)
        self.code = line("outletCode", 40)
        self.phone = line("outletPhone", 40)
        self.contact = line("outletContact", 40)
        self.region = line("outletRegion", 80)
        self.notes = line("outletNotes")
        for key, label, field in (
            ("kind", self.tr("&Kind:"), self.kind),
            ("carrier_code", self.tr("&Carrier:"), self.carrier),
            ("name", self.tr("&Name:"), self.name),
            ("code", self.tr("Co&de:"), self.code),
            ("phone", self.tr("&Phone:"), self.phone),
            ("contact", self.tr("Con&tact person:"), self.contact),
            ("region", self.tr("&Region:"), self.region),
            ("notes", self.tr("N&otes:"), self.notes),
        ):
            self.row(key, label, field)
        self.start()

    def reader(self) -> Callable[[Any], Any]:
        return list_hotlines

    def fill(self, carriers: Iterable[Any]) -> None:
        for carrier in carriers:
            self.carrier.addItem(carrier.name, carrier.carrier)
        outlet = self.outlet
        if outlet is not None:
            pick(self.kind, outlet.kind)
            pick(self.carrier, outlet.carrier)
            for field, value in (
                (self.name, outlet.name),
                (self.code, outlet.code),
                (self.phone, outlet.phone),
                (self.contact, outlet.contact),
                (self.region, outlet.region),
                (self.notes, outlet.notes),
            ):
                field.setText(value or "")

    def value(self) -> OutletForm:
        return OutletForm(
            kind=self.kind.currentData(),
            name=self.name.text(),
            carrier_code=self.carrier.currentData(),
            code=text_of(self.code),
            phone=text_of(self.phone),
            contact=text_of(self.contact),
            region=text_of(self.region),
            notes=text_of(self.notes),
        )

    def saver(self) -> Callable[..., Any]:
        outlet = self.outlet
        if outlet is None:
            return partial(save_outlet, form=self.value())
        return partial(save_outlet, form=self.value(), outlet_id=outlet.id, version=outlet.version)


class ContactDialog(RecordDialog):
    def __init__(
        self, desk: Desk, runner: TaskRunner, prompt: Prompt, contact: ContactView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("New contact") if contact is None else self.tr("Edit contact"))
        self.contact = contact
        self.name = line("contactName", 40)
        self.role = line("contactRole", 40)
        self.phone = line("contactPhone", 40)
        self.handles = line("contactHandles")
        self.handles.setPlaceholderText(
            self.tr("What they handle, separated by 、 e.g. {examples}").format(examples=LIST_JOINER.join(HANDLES))
        )
        self.notes = line("contactNotes")
        self.active = QCheckBox(self.tr("Still re&achable"))
        self.active.setChecked(True)
        for key, label, field in (
            ("name", self.tr("&Name:"), self.name),
            ("role", self.tr("&Role:"), self.role),
            ("phone", self.tr("&Phone:"), self.phone),
            ("handles", self.tr("&Handles:"), self.handles),
            ("notes", self.tr("N&otes:"), self.notes),
        ):
            self.row(key, label, field)
        self.form.addRow("", self.active)
        self.start()

    def fill(self, _choices: Any) -> None:
        contact = self.contact
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setText(contact.role or "")
            self.phone.setText(contact.phone or "")
            self.handles.setText(LIST_JOINER.join(contact.handles))
            self.notes.setText(contact.notes or "")
            self.active.setChecked(contact.active)

    def value(self) -> ContactForm:
        return ContactForm(
            name=self.name.text(),
            role=text_of(self.role),
            phone=text_of(self.phone),
            handles=split_keywords(self.handles.text()),
            notes=text_of(self.notes),
            active=self.active.isChecked(),
        )

    def saver(self) -> Callable[..., Any]:
        contact = self.contact
        return partial(save_contact, form=self.value(), contact_id=contact.id if contact is not None else None)
