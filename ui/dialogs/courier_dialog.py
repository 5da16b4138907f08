"""A courier (快递员): name, staff number, phone and whether they still deliver for us, the areas they cover with
the dates (an open end runs on), and who stands in for them (替班) on which days.

Rows added or removed in the tables are kept in the form until Save, which writes the courier and every change
to its areas and stand-ins in one unit of work: either all of it is stored, or nothing is and the form stays open
with the reason shown under the table it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from sqlalchemy.orm import Session

from app.actor import Actor
from app.couriers import CourierChoice, list_couriers
from app.desk import Desk
from app.directory.couriers import (
    CourierForm,
    CourierView,
    add_stand_in,
    assign_area,
    get_courier,
    remove_area,
    remove_stand_in,
    save_courier,
)
from app.directory.places import AreaView, list_areas
from app.errors import ValidationError
from ui.dialogs.directory_dialogs import RecordDialog, line, text_of
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import set_column_widths
from ui.widgets.optional_date import DATE_FORMAT, OptionalDate, date_text

LinkRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Link:
    """One row of the areas or stand-ins table: stored already (`id`) or added in this form (None)."""

    id: int | None
    other_id: int  # the area, or the courier who stands in
    name: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Changes:
    areas_added: tuple[Link, ...] = ()
    areas_removed: tuple[int, ...] = ()
    stand_ins_added: tuple[Link, ...] = ()
    stand_ins_removed: tuple[int, ...] = ()


def save_courier_and_links(
    session: Session,
    form: CourierForm,
    changes: Changes,
    *,
    actor: Actor,
    courier_id: int | None = None,
    version: int | None = None,
) -> CourierView:
    """The courier, then the links removed, then the links added (so a replaced period does not clash)."""
    courier = save_courier(session, form, actor=actor, courier_id=courier_id, version=version)
    try:
        for link_id in changes.areas_removed:
            remove_area(session, link_id, actor=actor)
        for link in changes.areas_added:
            assign_area(session, courier.id, link.other_id, valid_from=link.start, valid_to=link.end, actor=actor)
    except ValidationError as exc:
        raise _in_group(exc, "areas") from exc
    try:
        for link_id in changes.stand_ins_removed:
            remove_stand_in(session, link_id, actor=actor)
        for link in changes.stand_ins_added:
            assert link.start is not None and link.end is not None
            add_stand_in(session, link.other_id, courier.id, link.start, link.end, actor=actor)
    except ValidationError as exc:
        raise _in_group(exc, "stand_ins") from exc
    return get_courier(session, courier.id)


def _in_group(exc: ValidationError, group: str) -> ValidationError:
    """A table row's error, shown under the table (its fields are the row's, not the form's)."""
    code = next(iter(exc.fields.values()), exc.code)
    return ValidationError(exc.code, fields={group: code}, **exc.params)


def read_choices(session: Session) -> tuple[list[AreaView], list[CourierChoice]]:
    return list_areas(session), list_couriers(session)


class LinkTable(QTreeWidget):
    """The rows of one table; Delete removes the current one."""

    def __init__(self, name: str, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHeaderLabels(headers)
        self.setMaximumHeight(self.fontMetrics().height() * 9)
        set_column_widths(self, (16, 12))
        self.original: set[int] = set()
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.remove_current)
        self.addAction(self.delete_action)

    def load(self, links: Iterable[Link]) -> None:
        self.clear()
        for link in links:
            self.add(link)
        self.original = {link.id for link in self.links() if link.id is not None}

    def add(self, link: Link) -> None:
        item = QTreeWidgetItem([link.name, date_text(link.start), date_text(link.end)])
        item.setData(0, LinkRole, link)
        self.addTopLevelItem(item)
        self.setCurrentItem(item)

    def links(self) -> list[Link]:
        items = (self.topLevelItem(n) for n in range(self.topLevelItemCount()))
        return [item.data(0, LinkRole) for item in items if item is not None]

    @Slot()
    def remove_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))

    def added(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links() if link.id is None)

    def removed(self) -> tuple[int, ...]:
        kept = {link.id for link in self.links()}
        return tuple(sorted(self.original - kept))


class CourierDialog(RecordDialog):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        courier: CourierView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, runner, prompt, parent)
        self.setObjectName("courierDialog")
        self.setWindowTitle(self.tr("New courier") if courier is None else self.tr("Edit courier"))
        self.setMinimumWidth(760)
        self.courier = courier
        self.name = line("courierName", 40)
        self.staff_no = line("courierStaffNo", 20)
        self.phone = line("courierPhone", 40)
        self.active = QCheckBox(self.tr("Still deli&vering for us"))
        self.active.setChecked(True)
        self.row("name", self.tr("&Name:"), self.name)
        self.row("staff_no", self.tr("&Staff no.:"), self.staff_no)
        self.row("phone", self.tr("&Phone:"), self.phone)
        self.form.addRow("", self.active)

        self.areas = LinkTable("courierAreas", [self.tr("Area"), self.tr("From"), self.tr("Until")])
        self.area_pick = QComboBox()
        self.area_pick.setObjectName("areaPick")
        self.area_from = OptionalDate(self.tr("&From"))
        self.area_to = OptionalDate(self.tr("&Until"))
        self.add_area_button = self._button(self.tr("A&dd area"), self._on_add_area_clicked)
        self.remove_area_button = self._button(self.tr("Re&move area"), self.areas.remove_current)
        self._table(
            "areas",
            self.tr("Areas &covered (an open end runs on):"),
            self.areas,
            (self._labelled(self.tr("A&rea:"), self.area_pick), self.area_from, self.area_to),
            (self.add_area_button, self.remove_area_button),
        )

        self.stand_ins = LinkTable("courierStandIns", [self.tr("Stand-in"), self.tr("From"), self.tr("Until")])
        self.stand_in_pick = QComboBox()
        self.stand_in_pick.setObjectName("standInPick")
        self.stand_in_from = self._date("standInFrom")
        self.stand_in_to = self._date("standInTo")
        self.add_stand_in_button = self._button(self.tr("&Add stand-in"), self._on_add_stand_in_clicked)
        self.remove_stand_in_button = self._button(self.tr("R&emove stand-in"), self.stand_ins.remove_current)
        self._table(
            "stand_ins",
            self.tr("Stand-ins for t&his courier (替班):"),
            self.stand_ins,
            (
                self._labelled(self.tr("Stand-in &by:"), self.stand_in_pick),
                self._labelled(self.tr("Fr&om:"), self.stand_in_from),
                self._labelled(self.tr("&To:"), self.stand_in_to),
            ),
            (self.add_stand_in_button, self.remove_stand_in_button),
        )
        self.start()

    # --- building ---------------------------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)  # Enter saves the form, it does not add a row
        button.clicked.connect(slot)
        return button

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setObjectName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 14)
        return edit

    def _labelled(self, text: str, field: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        label.setBuddy(field)
        row.addWidget(label)
        row.addWidget(field, 1)
        box.setFocusProxy(field)
        return box

    def _table(
        self, key: str, title: str, table: LinkTable, fields: Iterable[QWidget], buttons: Iterable[QPushButton]
    ) -> None:
        heading = QLabel(title)
        heading.setBuddy(table)
        error = QLabel()
        self.errors.add_label(key, error)
        controls = QHBoxLayout()
        for field in fields:
            controls.addWidget(field)
        controls.addStretch(1)
        for button in buttons:
            controls.addWidget(button)
        self.body.addWidget(heading)
        self.body.addWidget(table)
        self.body.addLayout(controls)
        self.body.addWidget(error)

    # --- the form -----------------------------------------------------------------------------------------
    def reader(self) -> Callable[[Any], Any]:
        return read_choices

    def fill(self, choices: tuple[list[AreaView], list[CourierChoice]]) -> None:
        areas, couriers = choices
        for area in areas:
            self.area_pick.addItem(area.name, area.id)
        own = self.courier.id if self.courier is not None else None
        for choice in couriers:
            if choice.id != own:
                self.stand_in_pick.addItem(choice.name, choice.id)
        self.add_area_button.setEnabled(bool(areas))
        self.add_stand_in_button.setEnabled(self.stand_in_pick.count() > 0)
        courier = self.courier
        if courier is None:
            return
        self.name.setText(courier.name)
        self.staff_no.setText(courier.staff_no or "")
        self.phone.setText(courier.phone or "")
        self.active.setChecked(courier.active)
        self.areas.load(Link(a.id, a.area_id, a.area_name, a.valid_from, a.valid_to) for a in courier.areas)
        self.stand_ins.load(
            Link(s.id, s.courier_id, s.courier_name, s.date_from, s.date_to) for s in courier.covered_by
        )

    def value(self) -> CourierForm:
        return CourierForm(
            name=self.name.text(),
            staff_no=text_of(self.staff_no),
            phone=text_of(self.phone),
            active=self.active.isChecked(),
        )

    def changes(self) -> Changes:
        return Changes(
            areas_added=self.areas.added(),
            areas_removed=self.areas.removed(),
            stand_ins_added=self.stand_ins.added(),
            stand_ins_removed=self.stand_ins.removed(),
        )

    def saver(self) -> Callable[..., Any]:
        courier = self.courier
        if courier is None:
            return partial(save_courier_and_links, form=self.value(), changes=self.changes())
        return partial(
            save_courier_and_links,
            form=self.value(),
            changes=self.changes(),
            courier_id=courier.id,
            version=courier.version,
        )

    # --- slots --------------------------------------------------------------------------------------------
    @Slot()
    def _on_add_area_clicked(self) -> None:
        if self.area_pick.currentIndex() < 0:
            return
        self.areas.add(
            Link(
                None,
                self.area_pick.currentData(),
                self.area_pick.currentText(),
                self.area_from.value(),
                self.area_to.value(),
            )
        )
        self.area_pick.setFocus()

    @Slot()
    def _on_add_stand_in_clicked(self) -> None:
        if self.stand_in_pick.currentIndex() < 0:
            return
        start, end = self.stand_in_from.date().toPython(), self.stand_in_to.date().toPython()
        self.stand_ins.add(
            Link(None, self.stand_in_pick.currentData(), self.stand_in_pick.currentText(), start, end)  # type: ignore[arg-type]
        )
        self.stand_in_pick.setFocus()
