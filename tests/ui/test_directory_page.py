"""The directory page (区域概况) driven as a clerk would: areas typed in, a courier with two areas (one ending) and
a stand-in added through the courier form by keyboard and clicks (then an address typed in a new stuck entry
suggests that courier, or the stand-in on the stand-in's days), pinyin search, a place edited, a stale edit
refused, deletions confirmed, phones copied, hotlines edited. Each step is checked on screen and in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from app.desk import Desk
from app.directory.couriers import CourierForm, add_stand_in, assign_area, save_courier
from app.directory.places import AreaForm, PlaceForm, list_places, save_area, save_place
from db.models import Area, Carrier, Contact, Courier, CourierArea, Outlet, Place, StandIn
from tests.ui.test_scan_bar import type_text
from ui.dialogs.courier_dialog import CourierDialog
from ui.dialogs.directory_dialogs import RecordDialog
from ui.pages.directory_page import DirectoryPage
from ui.widgets.scan_bar import ScanBar

TODAY = date(2025, 11, 4)
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, desk: Desk, runner, prompt) -> DirectoryPage:
    widget = DirectoryPage(desk, runner, prompt, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)  # shortcuts (Ctrl+F) reach an active window only
    return widget


@pytest.fixture
def places(desk: Desk) -> dict[str, int]:
    """An area with a street, a compound and a locker; their ids by name."""

    def create(session, *, actor) -> dict[str, int]:
        area = save_area(session, AreaForm("红星片区", ("红星路",)), actor=actor)
        rows = [
            PlaceForm("street", "红星路", area.id, address="城东区红星路", phone="0571-86001234"),
            PlaceForm("compound", "兴华小区", area.id, address="兴华路8号", notes="门卫代收"),
            PlaceForm("locker", "丰巢快递柜", None, address="兴华小区东门"),
        ]
        ids = {form.name: save_place(session, form, actor=actor).id for form in rows}
        return {"area": area.id, **ids}

    return desk.write(create)


def _rows(desk: Desk, model, *where) -> list:
    with desk.database.read() as session:
        rows = list(session.scalars(select(model).where(*where).order_by(model.id)))
        session.expunge_all()
        return rows


def _open(qtbot, page: DirectoryPage, button) -> RecordDialog:
    """Click a button that opens a form and wait until the form has read its choices."""
    before = page.dialog
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog is not before, timeout=2000)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    return dialog


def _save_by_enter(qtbot, page: DirectoryPage, dialog: RecordDialog, field) -> None:
    """Enter in a field saves the form, which closes; the page reads its list again."""
    results: list[int] = []
    dialog.finished.connect(results.append)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert results == [QDialog.DialogCode.Accepted.value]


def _type_date(qtbot, edit, text: str) -> None:
    """Type a date the way a clerk does: Tab into the field and type the digits; each section moves on by itself."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(edit, text.replace("-", ""))
    assert edit.date() == QDate.fromString(text, "yyyy-MM-dd")


def _search(qtbot, page: DirectoryPage, text: str) -> None:
    page.activateWindow()  # back from a form (the offscreen platform does not give the focus back by itself)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    page.tabs.setFocus()  # somewhere on the page, away from the search box
    qtbot.keyClick(page.tabs, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClicks(page.search, text)


def test_a_courier_with_two_areas_and_a_stand_in_is_added_through_the_forms(qtbot, page, desk, prompt, state) -> None:
    # Two areas typed in, Enter saves each.
    for name, keywords in (("红星片区", "红星路、兴华里"), ("城东片区", "城东路")):
        dialog = _open(qtbot, page, page.areas.add_button)
        type_text(dialog.name, name)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        assert dialog.keywords.hasFocus()
        type_text(dialog.keywords, keywords)
        _save_by_enter(qtbot, page, dialog, dialog.keywords)
    assert sorted(page.areas.texts()) == ["城东片区", "红星片区"]
    assert page.areas.current().name == "城东片区"  # the area just saved is the current row
    areas = {a.name: a for a in _rows(desk, Area)}
    assert areas["红星片区"].keywords == ["红星路", "兴华里"]

    standby = desk.write(save_courier, CourierForm("李强", "YT002", "13800001111"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(1)
    assert page.couriers.texts() == ["李强"]

    dialog = _open(qtbot, page, page.couriers.add_button)
    assert isinstance(dialog, CourierDialog)
    type_text(dialog.name, "张伟")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.staff_no, "YT001")
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.phone, "13912345678")
    # First area with no dates; the second until the end of the year.
    dialog.area_pick.setFocus()
    dialog.area_pick.setCurrentIndex(dialog.area_pick.findText("红星片区"))
    qtbot.mouseClick(dialog.add_area_button, LEFT)
    dialog.area_pick.setCurrentIndex(dialog.area_pick.findText("城东片区"))
    qtbot.mouseClick(dialog.area_to.check, LEFT)
    _type_date(qtbot, dialog.area_to.edit, "2025-12-31")
    qtbot.mouseClick(dialog.add_area_button, LEFT)
    assert [(i.name, i.end) for i in dialog.areas.links()] == [("红星片区", None), ("城东片区", date(2025, 12, 31))]
    # 李强 stands in from the 5th to the 7th.
    assert [dialog.stand_in_pick.itemText(i) for i in range(dialog.stand_in_pick.count())] == ["李强"]
    _type_date(qtbot, dialog.stand_in_from, "2025-11-05")
    _type_date(qtbot, dialog.stand_in_to, "2025-11-07")
    qtbot.mouseClick(dialog.add_stand_in_button, LEFT)
    _save_by_enter(qtbot, page, dialog, dialog.phone)

    assert page.couriers.texts() == ["李强", "张伟"]
    shown = page.couriers.current()
    assert shown.name == "张伟"
    row = page.couriers.rows.index(shown)
    item = page.couriers.tree.topLevelItem(row)
    assert item.text(3) == "红星片区、城东片区 (–2025-12-31)"
    assert "李强" in item.text(4) and "2025-11-05" in item.text(4)

    courier = _rows(desk, Courier, Courier.name == "张伟")[0]
    assert (courier.staff_no, courier.phone, courier.active) == ("YT001", "13912345678", True)
    links = _rows(desk, CourierArea, CourierArea.courier_id == courier.id)
    assert [(areas_by_id(desk)[link.area_id], link.valid_from, link.valid_to) for link in links] == [
        ("红星片区", None, None),
        ("城东片区", None, date(2025, 12, 31)),
    ]
    stand_ins = _rows(desk, StandIn)
    assert [(s.courier_id, s.for_courier_id, s.date_from, s.date_to) for s in stand_ins] == [
        (standby.id, courier.id, date(2025, 11, 5), date(2025, 11, 7))
    ]

    # A new stuck entry: the address typed in the scan bar suggests the courier covering it that day.
    for day, expected in ((6, "李强"), (8, "张伟")):  # during the stand-in, then after it

        def at_ten(day: int = day) -> datetime:
            return datetime(2025, 11, day, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

        bar = ScanBar(desk, prompt, state, clock=at_ten)
        qtbot.addWidget(bar)
        bar.show()
        bar.address.setFocus()
        type_text(bar.address, "城东路88号")
        qtbot.waitUntil(lambda bar=bar: bar.courier.currentData() is not None, timeout=3000)
        assert bar.courier.currentText() == expected


def areas_by_id(desk: Desk) -> dict[int, str]:
    return {a.id: a.name for a in _rows(desk, Area)}


def test_pinyin_initials_find_the_street_and_the_place_is_edited(qtbot, page, desk, places) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.load()
    assert page.places.texts(1) == ["丰巢快递柜", "红星路", "兴华小区"]
    _search(qtbot, page, "hxl")
    assert page.places.texts(1) == ["红星路"]

    # The kind filter narrows further; a kind with no match empties the list.
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.place_kind.setCurrentIndex(page.place_kind.findData("school"))
    assert page.places.texts(1) == []
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.place_kind.setCurrentIndex(0)

    # Enter on the row edits it.
    page.places.tree.setFocus()
    qtbot.keyClick(page.places.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.loaded, timeout=5000)
    dialog = page.dialog
    assert dialog.name.text() == "红星路" and dialog.area.currentText() == "红星片区"
    dialog.notes.setFocus()
    type_text(dialog.notes, "早上八点前不能进")
    _save_by_enter(qtbot, page, dialog, dialog.notes)
    place = _rows(desk, Place, Place.id == places["红星路"])[0]
    assert (place.notes, place.version, place.area_id) == ("早上八点前不能进", 2, places["area"])
    assert page.places.current().notes == "早上八点前不能进"


def test_a_stale_edit_is_refused_with_one_message_and_the_form_stays_open(qtbot, page, desk, prompt, places) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.load()
    page.places.select(places["兴华小区"])
    dialog = _open(qtbot, page, page.places.edit_button)
    # Meanwhile somebody else saves the same place.
    current = next(p for p in desk.read(list_places) if p.id == places["兴华小区"])
    other = PlaceForm("compound", "兴华小区", places["area"], address=current.address, notes="放门卫室")
    desk.write(save_place, other, place_id=current.id, version=current.version)

    dialog.address.setFocus()
    dialog.address.selectAll()
    type_text(dialog.address, "兴华路10号")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(prompt.errors), timeout=5000)
    assert len(prompt.errors) == 1 and "王芳" in prompt.errors[0]  # who saved it meanwhile
    assert dialog.isVisible() and dialog.address.text() == "兴华路10号"  # nothing typed is lost
    place = _rows(desk, Place, Place.id == places["兴华小区"])[0]
    assert (place.address, place.notes) == ("兴华路8号", "放门卫室")
    dialog.reject()


def test_a_form_shows_the_service_errors_next_to_the_fields(qtbot, page, desk, prompt) -> None:
    dialog = _open(qtbot, page, page.places.add_button)
    qtbot.keyClicks(dialog.phone, "abc")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=5000)
    shown = dialog.errors.messages()
    assert set(shown) == {"name", "phone"} and all(shown.values())
    assert dialog.name.hasFocus()  # the first field in error
    assert prompt.errors == [] and _rows(desk, Place) == []
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # A stand-in ending before it starts: the reason under the stand-ins table, and nothing stored at all.
    desk.write(save_courier, CourierForm("李强"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(1)
    dialog = _open(qtbot, page, page.couriers.add_button)
    type_text(dialog.name, "张伟")
    _type_date(qtbot, dialog.stand_in_from, "2025-11-07")
    _type_date(qtbot, dialog.stand_in_to, "2025-11-05")
    qtbot.mouseClick(dialog.add_stand_in_button, LEFT)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "stand_ins" in dialog.errors.messages(), timeout=5000)
    assert [c.name for c in _rows(desk, Courier)] == ["李强"] and _rows(desk, StandIn) == []
    dialog.reject()


def test_deleting_asks_first_and_needs_a_managers_pin(qtbot, page, desk, prompt, places, manager, manager_pin) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.load()
    page.places.select(places["丰巢快递柜"])
    page.places.tree.setFocus()
    prompt.answers = [False]
    qtbot.keyClick(page.places.tree, Qt.Key.Key_Delete)
    assert prompt.questions[-1].count("丰巢快递柜") == 1
    assert _rows(desk, Place, Place.deleted_at.is_not(None)) == []

    prompt.answers = [True]  # yes, but no manager's PIN given: nothing happens
    qtbot.mouseClick(page.places.delete_button, LEFT)
    assert len(prompt.pin_reasons) == 1 and _rows(desk, Place, Place.deleted_at.is_not(None)) == []

    prompt.answers, prompt.pins = [True], ["0000"]  # a wrong PIN: refused in one sentence
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.places.delete_button, LEFT)
    assert len(prompt.errors) == 1 and _rows(desk, Place, Place.deleted_at.is_not(None)) == []

    prompt.answers, prompt.pins = [True], [manager_pin]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.places.delete_button, LEFT)
    assert [p.name for p in _rows(desk, Place, Place.deleted_at.is_not(None))] == ["丰巢快递柜"]
    assert page.places.texts(1) == ["红星路", "兴华小区"]

    # An area that still holds places is kept, with the reason.
    prompt.answers, prompt.pins, prompt.errors = [True], [manager_pin], []
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.areas.delete_button, LEFT)
    assert len(prompt.errors) == 1 and "红星片区" in prompt.errors[0]
    assert _rows(desk, Area, Area.deleted_at.is_not(None)) == []


def test_phones_copy_with_a_click_and_hotlines_are_edited_in_place(qtbot, page, desk, prompt, places) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.load()
    tree = page.places.tree
    row = page.places.texts(1).index("红星路")
    rect = tree.visualItemRect(tree.topLevelItem(row))
    x = tree.header().sectionViewportPosition(4) + 5
    with qtbot.waitSignal(page.copied, timeout=2000) as copied:
        qtbot.mouseClick(tree.viewport(), LEFT, pos=rect.center().__class__(x, rect.center().y()))
    assert copied.args == ["0571-86001234"]
    assert QGuiApplication.clipboard().text() == "0571-86001234"

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(2)
    table = page.hotlines
    assert table.hotline("YTO") == "95554"
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == "95554")
    table.setFocus()
    table.setCurrentCell(row, 1)
    with qtbot.waitSignal(page.copied, timeout=2000) as copied:
        qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    assert copied.args == ["95554"]
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "95554-1")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _rows(desk, Carrier, Carrier.code == "YTO")[0].hotline == "95554-1"
    assert table.hotline("YTO") == "95554-1"

    # A hotline that is no number: the reason, and the old number back.
    table.setCurrentCell(row, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "call us")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert len(prompt.errors) == 1
    assert table.hotline("YTO") == "95554-1"


def test_outlets_and_contacts_are_added_and_found(qtbot, page, desk) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(2)
    dialog = _open(qtbot, page, page.outlets.add_button)
    dialog.kind.setCurrentIndex(dialog.kind.findData("transit_centre"))
    dialog.carrier.setCurrentIndex(dialog.carrier.findData("YTO"))
    type_text(dialog.name, "杭州转运中心")
    qtbot.keyClicks(dialog.phone, "0571-88880000")
    _save_by_enter(qtbot, page, dialog, dialog.phone)
    assert page.outlets.texts(2) == ["杭州转运中心"]
    outlet = _rows(desk, Outlet)[0]
    assert (outlet.kind, outlet.phone) == ("transit_centre", "0571-88880000")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.outlet_kind.setCurrentIndex(page.outlet_kind.findData("counterpart"))
    assert page.outlets.texts(2) == []

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(3)
    dialog = _open(qtbot, page, page.contacts.add_button)
    type_text(dialog.name, "赵敏")
    dialog.handles.setFocus()
    type_text(dialog.handles, "理赔、仲裁")
    qtbot.keyClicks(dialog.phone, "13700002222")
    _save_by_enter(qtbot, page, dialog, dialog.phone)
    assert page.contacts.texts() == ["赵敏"]
    assert page.contacts.tree.topLevelItem(0).text(3) == "理赔、仲裁"
    assert _rows(desk, Contact)[0].handles == ["理赔", "仲裁"]
    _search(qtbot, page, "2222")  # a phone tail
    assert page.contacts.texts() == ["赵敏"]
    page.search.clear()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClicks(page.search, "zm")
    assert page.contacts.texts() == ["赵敏"]


def test_former_couriers_show_on_request_and_the_directory_exports_to_excel(
    qtbot, page, desk, prompt, places, tmp_path
) -> None:
    desk.write(save_courier, CourierForm("老王", "YT009", active=False))
    desk.write(save_courier, CourierForm("张伟", "YT001", "13912345678"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(1)
    assert page.couriers.texts() == ["张伟"]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.show_former, LEFT)
    assert page.couriers.texts() == ["老王", "张伟"]
    assert page.couriers.tree.topLevelItem(0).foreground(0).color() == Qt.GlobalColor.gray  # former: greyed

    # 张伟 leaves: the form's switch, saved with Enter; the list keeps him only while former ones are shown.
    page.couriers.select(_rows(desk, Courier, Courier.name == "张伟")[0].id)
    page.couriers.tree.setFocus()
    qtbot.keyClick(page.couriers.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.loaded, timeout=5000)
    dialog = page.dialog
    assert (dialog.staff_no.text(), dialog.active.isChecked()) == ("YT001", True)
    dialog.active.setFocus()
    qtbot.keyClick(dialog.active, Qt.Key.Key_Space)
    assert not dialog.active.isChecked()
    _save_by_enter(qtbot, page, dialog, dialog.name)
    assert [c.active for c in _rows(desk, Courier, Courier.name == "张伟")] == [False]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.show_former, LEFT)
    assert page.couriers.texts() == []

    target = tmp_path / "区域概况"
    prompt.files = [str(target)]
    with qtbot.waitSignal(page.announced, timeout=10_000) as announced:
        qtbot.mouseClick(page.export_button, LEFT)
    written = tmp_path / "区域概况.xlsx"
    assert str(written) in announced.args[0]
    book = openpyxl.load_workbook(written, read_only=True)
    try:
        assert book.sheetnames == ["片区", "地点", "快递员", "网点", "联系人"]
        cells = {str(c) for row in book["快递员"].iter_rows(values_only=True) for c in row if c is not None}
        assert {"老王", "张伟", "YT001"} <= cells
        places_cells = {str(c) for row in book["地点"].iter_rows(values_only=True) for c in row if c is not None}
        assert {"红星路", "兴华小区", "丰巢快递柜"} <= places_cells
    finally:
        book.close()


def test_an_area_and_a_stand_in_are_taken_off_a_courier(qtbot, page, desk, places) -> None:
    def create(session, *, actor) -> tuple[int, int]:
        other = save_area(session, AreaForm("城东片区"), actor=actor)
        standby = save_courier(session, CourierForm("李强"), actor=actor)
        courier = save_courier(session, CourierForm("张伟"), actor=actor)
        assign_area(session, courier.id, places["area"], actor=actor)
        assign_area(session, courier.id, other.id, valid_to=date(2025, 12, 31), actor=actor)
        add_stand_in(session, standby.id, courier.id, date(2025, 11, 5), date(2025, 11, 7), actor=actor)
        add_stand_in(session, standby.id, courier.id, date(2025, 10, 1), date(2025, 10, 2), actor=actor)
        return courier.id, other.id

    courier_id, other_id = desk.write(create)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.tabs.setCurrentIndex(1)
    page.couriers.select(courier_id)
    item = page.couriers.tree.currentItem()
    assert item.text(3) == "红星片区、城东片区 (–2025-12-31)"
    assert item.text(4).count("李强") == 1  # the stand-in in October is over

    dialog = _open(qtbot, page, page.couriers.edit_button)
    assert [(link.name, link.end) for link in dialog.areas.links()] == [
        ("红星片区", None),
        ("城东片区", date(2025, 12, 31)),
    ]
    assert len(dialog.stand_ins.links()) == 2
    dialog.areas.setFocus()
    dialog.areas.setCurrentItem(dialog.areas.topLevelItem(0))
    qtbot.keyClick(dialog.areas, Qt.Key.Key_Delete)
    dialog.stand_ins.setCurrentItem(dialog.stand_ins.topLevelItem(0))
    qtbot.mouseClick(dialog.remove_stand_in_button, LEFT)
    _save_by_enter(qtbot, page, dialog, dialog.name)

    assert [link.area_id for link in _rows(desk, CourierArea)] == [other_id]
    assert [(s.date_from, s.date_to) for s in _rows(desk, StandIn)] == [(date(2025, 11, 5), date(2025, 11, 7))]
    assert page.couriers.current().id == courier_id
    assert page.couriers.tree.currentItem().text(3) == "城东片区 (–2025-12-31)"


def test_coming_back_to_the_page_reads_it_again(qtbot, page, desk) -> None:
    assert page.areas.texts() == []
    page.hide()
    desk.write(save_area, AreaForm("西湖片区"))  # e.g. imported meanwhile
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    assert page.areas.texts() == ["西湖片区"]
