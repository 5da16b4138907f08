"""The directory (区域概况): areas and the places in them, couriers with their areas and stand-ins, counterpart
outlets and transit centres with the carriers' hotlines, and the outlet's internal contacts — one tab each.

The search box filters the tab on show as the clerk types (part of a name or address, pinyin initials such as
`hxl` for 红星路, a phone tail, a staff number). Lists are read in the task runner; forms save through its write
queue. Keys: Ctrl+F search · Enter or a double click edits · Delete deletes (after a question) · a click on a
phone, or Ctrl+C on a row, copies the number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.desk import Desk
from app.directory.couriers import list_courier_views
from app.directory.outlets import (
    OUTLET_KINDS,
    HotlineView,
    OutletView,
    list_contacts,
    list_hotlines,
    list_outlets,
    set_hotline,
)
from app.directory.places import (
    PLACE_KINDS,
    AreaView,
    PlaceView,
    delete_area,
    delete_place,
    list_areas,
    list_places,
)
from ui.dialogs.courier_dialog import CourierDialog
from ui.dialogs.directory_dialogs import (
    AreaDialog,
    ContactDialog,
    OutletDialog,
    PlaceDialog,
    RecordDialog,
)
from ui.pages.paged_list_page import FILTER_DELAY_MS, labelled
from ui.prompt import Prompt
from ui.tasks import Task, TaskRunner
from ui.widgets.common import error_text
from ui.widgets.courier_summary import areas_text, stand_ins_text
from ui.widgets.directory_export import DirectoryExporter
from ui.widgets.hotline_table import HotlineTable
from ui.widgets.record_list import LIST_JOINER, Column, RecordList

AREAS, COURIERS, OUTLETS, CONTACTS = "areas", "couriers", "outlets", "contacts"
TABS = (AREAS, COURIERS, OUTLETS, CONTACTS)


def read_areas_and_places(session: Session, query: str, kind: str | None) -> tuple[list[AreaView], list[PlaceView]]:
    return list_areas(session, query), list_places(session, query, kind)


def read_outlets(
    session: Session, query: str, kind: str | None, carrier: str | None
) -> tuple[list[OutletView], list[HotlineView]]:
    return list_outlets(session, query, kind, carrier), list_hotlines(session)


class DirectoryPage(QWidget):
    copied = Signal(str)  # a phone number put on the clipboard
    loaded = Signal(str)  # a tab's lists were read: "areas", "couriers", "outlets" or "contacts"
    changed = Signal()  # something was saved or deleted here (forms that offer couriers may read them again)
    announced = Signal(str)  # a short sentence for the status bar (the export's outcome)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("directoryPage")
        self._desk, self._runner, self._prompt, self._today = desk, runner, prompt, today
        self._latest: dict[str, Task] = {}
        self._select_after: tuple[RecordList, int] | None = None
        self.dialog: RecordDialog | None = None

        self.search = QLineEdit()
        self.search.setObjectName("directorySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Name, address, pinyin initials (hxl), phone tail or staff no. (Ctrl+F)")
        )
        find = QAction(self)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.load)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("directoryTabs")
        self.tabs.addTab(self._areas_tab(), self.tr("Areas and places"))
        self.tabs.addTab(self._couriers_tab(), self.tr("Couriers"))
        self.tabs.addTab(self._outlets_tab(), self.tr("Outlets and transit"))
        self.tabs.addTab(self._contacts_tab(), self.tr("Internal contacts"))
        for lst in (self.areas, self.places, self.couriers, self.outlets, self.contacts):
            lst.phone_copied.connect(self.copied)
        self.hotlines.phone_copied.connect(self.copied)

        self.exporter = DirectoryExporter(desk, runner, prompt, self)
        self.exporter.announced.connect(self.announced)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.setToolTip(
            self.tr("Every area, place, courier, outlet and contact, in a file that imports back")
        )
        self.export_button.clicked.connect(self.exporter.export)
        top = QHBoxLayout()
        top.addWidget(labelled(self.tr("&Search:"), self.search), 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.search)

        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.load)
        self.tabs.currentChanged.connect(self.load)

    # --- the tabs -------------------------------------------------------------------------------------
    def _areas_tab(self) -> QWidget:
        self.areas = RecordList(
            self.tr("&Areas"),
            [
                Column(self.tr("Area"), lambda a: a.name, 14),
                Column(self.tr("Address keywords"), lambda a: LIST_JOINER.join(a.keywords), 30),
                Column(self.tr("Notes"), lambda a: a.notes),
            ],
            "areaList",
            add_text=self.tr("Add a&rea…"),
        )
        self.places = RecordList(
            self.tr("&Places"),
            [
                Column(self.tr("Kind"), lambda p: p.kind_label, 8),
                Column(self.tr("Name"), lambda p: p.name, 18),
                Column(self.tr("Area"), lambda p: p.area_name, 12),
                Column(self.tr("Address"), lambda p: p.address, 24),
                Column(self.tr("Phone"), lambda p: p.phone, 16, phone=True),
                Column(self.tr("Notes"), lambda p: p.notes),
            ],
            "placeList",
            add_text=self.tr("Add pla&ce…"),
        )
        self.place_kind = self._filter("placeKindFilter", self.tr("All kinds"), PLACE_KINDS)
        self.places.add_tool(labelled(self.tr("&Kind:"), self.place_kind))
        desk, runner, prompt = self._desk, self._runner, self._prompt
        self._connect(
            self.areas,
            lambda row: AreaDialog(desk, runner, prompt, row, self),
            delete_area,
            self.tr("Delete the area “{name}”?"),
        )
        self._connect(
            self.places,
            lambda row: PlaceDialog(desk, runner, prompt, row, self, kind=self.place_kind.currentData()),
            delete_place,
            self.tr("Delete the place “{name}”?"),
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.areas)
        splitter.addWidget(self.places)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _couriers_tab(self) -> QWidget:
        self.couriers = RecordList(
            self.tr("&Couriers"),
            [
                Column(self.tr("Name"), lambda c: c.name, 10),
                Column(self.tr("Staff no."), lambda c: c.staff_no, 10),
                Column(self.tr("Phone"), lambda c: c.phone, 16, phone=True),
                Column(self.tr("Areas"), lambda c: areas_text(c, self._today()), 30),
                Column(self.tr("Stand-ins"), lambda c: stand_ins_text(c, self._today())),
            ],
            "courierList",
            add_text=self.tr("Add co&urier…"),
            deletable=False,  # a courier who leaves is marked so; old cases still name them
        )
        self.show_former = QCheckBox(self.tr("Show &former couriers"))
        self.couriers.add_tool(self.show_former)
        self.show_former.toggled.connect(self.load)
        desk, runner, prompt = self._desk, self._runner, self._prompt
        self._connect(self.couriers, lambda row: CourierDialog(desk, runner, prompt, row, self))
        return self.couriers

    def _outlets_tab(self) -> QWidget:
        self.outlets = RecordList(
            self.tr("&Outlets, transit centres and upstream companies"),
            [
                Column(self.tr("Kind"), lambda o: o.kind_label, 8),
                Column(self.tr("Carrier"), lambda o: o.carrier_name, 8),
                Column(self.tr("Name"), lambda o: o.name, 18),
                Column(self.tr("Code"), lambda o: o.code, 10),
                Column(self.tr("Phone"), lambda o: o.phone, 16, phone=True),
                Column(self.tr("Contact person"), lambda o: o.contact, 11),
                Column(self.tr("Region"), lambda o: o.region, 10),
                Column(self.tr("Notes"), lambda o: o.notes),
            ],
            "outletList",
            add_text=self.tr("A&dd outlet…"),
            deletable=False,  # old cases and fines name the outlet
        )
        self.outlet_kind = self._filter("outletKindFilter", self.tr("All kinds"), OUTLET_KINDS)
        self.outlet_carrier = self._filter("outletCarrierFilter", self.tr("All carriers"), {})
        self.outlets.add_tool(labelled(self.tr("K&ind:"), self.outlet_kind))
        self.outlets.add_tool(labelled(self.tr("Ca&rrier:"), self.outlet_carrier))
        desk, runner, prompt = self._desk, self._runner, self._prompt
        self._connect(self.outlets, lambda row: OutletDialog(desk, runner, prompt, row, self))
        self.hotlines = HotlineTable()
        self.hotlines.hotline_edited.connect(self._on_hotlines_hotline_edited)
        hotlines_box = QWidget()
        box = QVBoxLayout(hotlines_box)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Carrier &hotlines"))
        title.setBuddy(self.hotlines)
        box.addWidget(title)
        box.addWidget(self.hotlines, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.outlets)
        splitter.addWidget(hotlines_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _contacts_tab(self) -> QWidget:
        self.contacts = RecordList(
            self.tr("Internal &contacts"),
            [
                Column(self.tr("Name"), lambda c: c.name, 10),
                Column(self.tr("Role"), lambda c: c.role, 10),
                Column(self.tr("Phone"), lambda c: c.phone, 16, phone=True),
                Column(self.tr("Handles"), lambda c: LIST_JOINER.join(c.handles), 20),
                Column(self.tr("Notes"), lambda c: c.notes),
            ],
            "contactList",
            add_text=self.tr("A&dd contact…"),
            deletable=False,  # a contact who left is marked no longer reachable
        )
        desk, runner, prompt = self._desk, self._runner, self._prompt
        self._connect(self.contacts, lambda row: ContactDialog(desk, runner, prompt, row, self))
        return self.contacts

    def _filter(self, name: str, everything: str, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for code, label in choices.items():
            combo.addItem(label, code)
        combo.currentIndexChanged.connect(self.load)
        return combo

    def _connect(
        self,
        lst: RecordList,
        form: Callable[[Any], RecordDialog],
        delete: Callable[..., None] | None = None,
        question: str = "",
    ) -> None:
        """Add and edit open `form(row)` (row None: a new record); delete asks `question` first."""
        lst.add_requested.connect(lambda: self.open_dialog(lst, form(None)))
        lst.edit_requested.connect(lambda row: self.open_dialog(lst, form(row)))
        if delete is not None:
            lst.delete_requested.connect(lambda row: self.delete(delete, row, question.format(name=row.name)))

    # --- reading --------------------------------------------------------------------------------------
    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def load(self) -> None:
        """Read the lists of the tab on show with the search and filters as they are now."""
        self._timer.stop()
        query, tab = self.search.text().strip(), self.current_tab()
        if tab == AREAS:
            self._read(tab, read_areas_and_places, query, self.place_kind.currentData())
        elif tab == COURIERS:
            self._read(tab, list_courier_views, query, self.show_former.isChecked())
        elif tab == OUTLETS:
            self._read(tab, read_outlets, query, self.outlet_kind.currentData(), self.outlet_carrier.currentData())
        else:
            self._read(tab, list_contacts, query)

    def _read(self, tab: str, fn: Callable[..., Any], *args: Any) -> None:
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.read(fn, *args))
        self._latest[tab] = task
        task.succeeded.connect(lambda result: self._on_read(task, tab, result))
        task.failed.connect(lambda exc: self._on_read_failed(task, tab, exc))

    def _on_read(self, task: Task, tab: str, result: Any) -> None:
        if self._latest.get(tab) is not task:
            return  # a newer search has been asked for
        if tab == AREAS:
            self._show(self.areas, result[0])
            self._show(self.places, result[1])
        elif tab == COURIERS:
            self._show(self.couriers, result, greyed=lambda c: not c.active)
        elif tab == OUTLETS:
            self._show(self.outlets, result[0])
            self._carriers(result[1])
            self.hotlines.show_hotlines(result[1])
        else:
            self._show(self.contacts, result, greyed=lambda c: not c.active)
        self.loaded.emit(tab)

    def _on_read_failed(self, task: Task, tab: str, exc: BaseException) -> None:
        if self._latest.get(tab) is task:
            self._prompt.error(self, error_text(exc))

    def _show(self, lst: RecordList, rows: Sequence[Any], greyed: Callable[[Any], bool] | None = None) -> None:
        lst.show_rows(rows, greyed=greyed)
        if self._select_after is not None and self._select_after[0] is lst:
            lst.select(self._select_after[1])
            self._select_after = None

    def _carriers(self, hotlines: Sequence[HotlineView]) -> None:
        """The carrier filter offers every carrier once they are known (read with the first outlet list)."""
        if self.outlet_carrier.count() == 1:
            self.outlet_carrier.blockSignals(True)
            for hotline in hotlines:
                self.outlet_carrier.addItem(hotline.name, hotline.carrier)
            self.outlet_carrier.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        """Every visit reads the tab again (an import or another page may have changed it); the current row stays."""
        super().showEvent(event)
        if not event.spontaneous():
            self.load()

    # --- changing -------------------------------------------------------------------------------------
    def open_dialog(self, lst: RecordList, dialog: RecordDialog) -> RecordDialog:
        """Show a form; the list is read again once it is saved, with the saved record current."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda view: self._on_dialog_saved(lst, view))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_saved(self, lst: RecordList, view: Any) -> None:
        self._select_after = (lst, view.id)
        self.load()
        self.changed.emit()

    def delete(self, service: Callable[..., None], row: Any, question: str) -> None:
        if not self._prompt.confirm(self, question):
            return
        pin = self._prompt.ask_pin(self, self.tr("Deleting from the directory needs a manager's PIN."))
        if pin is None:
            return
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(service, row.id, manager_pin=pin), write=True)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)

    @Slot(str, str)
    def _on_hotlines_hotline_edited(self, carrier: str, hotline: str) -> None:
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(set_hotline, carrier, hotline), write=True)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_write_failed)

    @Slot(object)
    def _on_written(self, _result: object) -> None:
        self.load()
        self.changed.emit()

    @Slot(object)
    def _on_write_failed(self, exc: BaseException) -> None:
        self._prompt.error(self, error_text(exc))
        self.load()
