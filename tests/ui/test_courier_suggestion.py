"""Address → courier in the entry forms: typing the recipient's address in a new stuck entry (the scan bar) or an
inbound chase picks the courier covering it today — the stand-in when one covers today — and lists every match."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.desk import Desk
from app.directory.couriers import CourierForm, add_stand_in, assign_area, save_courier
from app.directory.places import AreaForm, PlaceForm, save_area, save_place
from db.models import Case, Waybill
from tests.ui.test_scan_bar import scan, type_text
from ui.dialogs.chase_dialog import ChaseDialog
from ui.widgets.scan_bar import ScanBar

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 on 2026-11-23 in Shanghai
YTO = "YT8962646785389"


class Fixed:
    def __call__(self) -> datetime:
        return NOW


@pytest.fixture
def territory(desk: Desk) -> dict[str, int]:
    """红星片区 (红星路, 阳光小区) by 张三, 东风片区 (东风路) by 李四; 王五 stands in for 张三 from 11-22 to 11-24."""
    with desk.database.write() as session:
        actor = desk.actor
        hongxing = save_area(session, AreaForm("红星片区", keywords=("红星路",)), actor=actor)
        dongfeng = save_area(session, AreaForm("东风片区", keywords=("东风路",)), actor=actor)
        save_place(session, PlaceForm("compound", "阳光小区", area_id=hongxing.id, address="红星路88号"), actor=actor)
        zhang = save_courier(session, CourierForm("张三", staff_no="A01", phone="13900001111"), actor=actor)
        li = save_courier(session, CourierForm("李四", staff_no="A02"), actor=actor)
        wang = save_courier(session, CourierForm("王五", staff_no="A03"), actor=actor)
        assign_area(session, zhang.id, hongxing.id, valid_from=date(2026, 1, 1), actor=actor)
        assign_area(session, li.id, dongfeng.id, actor=actor)
        add_stand_in(session, wang.id, zhang.id, date(2026, 11, 22), date(2026, 11, 24), actor=actor)
        return {"张三": zhang.id, "李四": li.id, "王五": wang.id}


@pytest.fixture
def bar(qtbot, desk, prompt, state, territory) -> ScanBar:
    widget = ScanBar(desk, prompt, state, clock=Fixed())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_an_address_in_a_new_stuck_entry_picks_todays_courier(qtbot, desk, bar, territory) -> None:
    bar.address.setFocus()
    type_text(bar.address, "阳光小区3栋")
    qtbot.waitUntil(lambda: bar.courier.currentData() is not None, timeout=3000)  # after the typing pause
    assert bar.courier.currentText() == "王五"  # 张三's area, and 王五 stands in for him today
    assert "阳光小区" in bar.courier_hint.text() and "张三" in bar.courier_hint.text()

    scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    with qtbot.waitSignal(bar.captured):
        qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)  # no type
    with desk.database.read() as session:
        courier_id, address = session.execute(
            select(Case.courier_id, Waybill.recipient_address).join(Waybill, Waybill.id == Case.waybill_id)
        ).one()
    assert courier_id == territory["王五"] and address == "阳光小区3栋"
    assert bar.address.text() == "" and bar.courier_hint.text() == ""  # the address was that parcel's


def test_an_address_naming_two_areas_offers_both_and_a_click_picks_the_other(bar, territory) -> None:
    bar.address.setText("东风路与红星路交叉口")
    bar.suggester.refresh()
    names = {s.area_name for s in bar.suggester.suggestions}
    assert names == {"红星片区", "东风片区"}
    best = bar.suggester.suggestions[0].couriers[0].courier_id
    assert bar.courier.currentData() == best
    other = next(c.courier_id for s in bar.suggester.suggestions for c in s.couriers if c.courier_id != best)
    bar.courier_hint.linkActivated.emit(f"courier:{other}")
    assert bar.courier.currentData() == other


def test_an_address_nobody_covers_says_so_and_keeps_the_choice(bar, territory) -> None:
    bar.courier.setCurrentIndex(bar.courier.findData(territory["李四"]))
    bar.address.setText("解放大道1号")
    bar.suggester.refresh()
    assert bar.suggester.suggestions == []
    assert bar.courier.currentData() == territory["李四"]
    assert bar.courier_hint.text() != ""


def test_an_inbound_chase_suggests_the_courier_and_keeps_the_address(qtbot, desk, runner, prompt, territory) -> None:
    dialog = ChaseDialog(desk, runner, prompt, "inbound", clock=Fixed())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=5000)
    qtbot.keyClicks(dialog.waybill, YTO)
    dialog.address.setText("东风路5号")
    dialog.suggester.refresh()
    assert dialog.courier.currentText() == "李四"
    with qtbot.waitSignal(dialog.logged, timeout=5000):
        dialog.save()
    with desk.database.read() as session:
        courier_id, address = session.execute(
            select(Case.courier_id, Waybill.recipient_address).join(Waybill, Waybill.id == Case.waybill_id)
        ).one()
    assert courier_id == territory["李四"] and address == "东风路5号"
