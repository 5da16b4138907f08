"""The directory page (区域概况) driven as a clerk would: areas typed in, a courier with two areas (one ending) and
a stand-in added through the courier form by keyboard and clicks, pinyin search, a place edited, a stale edit
refused, deletions confirmed, phones copied, hotlines edited. Each step is checked on screen and in the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.desk import Desk
from app.directory.couriers import CourierForm, save_courier
from app.directory.places import AreaForm, PlaceForm, list_places, save_area, save_place
from db.models import Area, Carrier, Contact, Courier, CourierArea, Outlet, Place, StandIn
from tests.ui.test_scan_bar import type_text
from ui.dialogs.courier_dialog import CourierDialog
from ui.dialogs.directory_dialogs import RecordDialog
from ui.pages.directory_page import DirectoryPage

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
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClicks(page.search, text)


def test_a_courier_with_two_areas_and_a_stand_in_is_added_through_the_forms(qtbot, page, desk, prompt) -> None:
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


def areas_by_id(desk: Desk) -> dict[int, str]:
    return {a.id: a.name for a in _rows(desk, Area)}
