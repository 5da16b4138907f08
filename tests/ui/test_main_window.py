"""The main window on a real database: pages, the global search, settings saved to the database, layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app import settings, stuck_query
from app.deadlines import DeadlineRules
from app.stuck_query import StuckFilter
from db.models import AuditEntry
from ui.main_window import MainWindow
from ui.pages.lookup_page import LookupPage


def test_window_opens_with_status(window, desk, cases):
    assert window.pages.currentWidget() is window.today_page  # the start page
    assert window.operator_label.text() == window.tr("Operator: {name} ({role})").format(
        name="王芳", role=window.tr("clerk")
    )
    assert window.database_label.text() == "outlet-desk.db"
    assert window.problems == []  # the quick integrity check ran after the first paint
    assert window.counts_label.text() == window.tr("Open cases: {count}").format(count=len(cases))


def test_switching_pages_by_click_and_by_alt_number(qtbot, window, desk):
    navigation = window.navigation
    assert [navigation.item(n).text() for n in range(4)] == [
        window.tr("Today"),
        window.tr("Lookup"),
        window.tr("Stuck parcels"),
        window.tr("Cases"),
    ]
    qtbot.mouseClick(
        navigation.viewport(), Qt.MouseButton.LeftButton, pos=navigation.visualItemRect(navigation.item(3)).center()
    )
    assert window.pages.currentWidget() is window.cases_page
    qtbot.waitUntil(lambda: window.cases_page.model.rowCount() > 0)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.cases_page.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.lookup_page
    assert navigation.currentRow() == 1
    qtbot.keyClick(window.lookup_page, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.cases_page
    qtbot.keyClick(window.cases_page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.stuck_page
    stuck, expected = window.stuck_page, desk.read(stuck_query.count, StuckFilter(open_only=True))
    qtbot.waitUntil(lambda: stuck.model.rowCount() == expected > 0, timeout=5000)
    assert window.stuck_page.table.hasFocus()
    qtbot.keyClick(window.stuck_page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.today_page and navigation.currentRow() == 0
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=5000)


def test_ctrl_k_focuses_the_search_and_enter_looks_up(qtbot, window, waybills):
    window.show_page(window.pages.indexOf(window.cases_page))
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.cases_page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "8962646785389")
    with qtbot.waitSignal(window.lookup_page.looked_up, timeout=5000) as blocker:
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert blocker.args == ["8962646785389", 1]
    assert window.pages.currentWidget() is window.lookup_page
    tree = window.lookup_page.tree
    assert tree.topLevelItemCount() == 1
    top = tree.topLevelItem(0)
    assert top.text(0) == waybills[0]
    assert top.childCount() == 1 and "客户要求改派" in top.child(0).text(3)
    kind = QCoreApplication.translate("LookupPage", "Stuck parcel")
    assert (top.child(0).text(0), top.child(0).text(1)) == (kind, "待处理")  # not the codes "stuck", "pending"
    assert window.lookup_page.stack.currentIndex() == LookupPage.RESULTS


def test_lookup_empty_and_truncated_states(qtbot, window, case_factory):
    page = window.lookup_page
    window.search.setText("JT0000000000000")
    with qtbot.waitSignal(page.looked_up, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == LookupPage.EMPTY
    assert "JT0000000000000" in page.empty.text()
    assert not page.banner.isVisible()

    case_factory(60, start=100)
    window.search.setText("YT89626467001")
    with qtbot.waitSignal(page.looked_up, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert page.result.truncated
    assert page.tree.topLevelItemCount() == 50
    assert page.banner.isVisible()


def test_clicking_a_waybill_copies_it(qtbot, window, waybills):
    page = window.lookup_page
    window.search.setText(waybills[2])
    with qtbot.waitSignal(page.looked_up, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    QGuiApplication.clipboard().clear()
    item = page.tree.topLevelItem(0)
    rect = page.tree.visualItemRect(item)
    with qtbot.waitSignal(page.waybill_copied) as blocker:
        qtbot.mouseClick(
            page.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 60, rect.center().y())
        )
    assert blocker.args == [waybills[2]]
    assert QGuiApplication.clipboard().text() == waybills[2]
    assert waybills[2] in window.statusBar().currentMessage()


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_outlet_name_saved_through_the_settings_dialog(qtbot, window, desk):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.search, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_editor.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.clear()
    dialog.name.insert("城东分部")  # typed through the input method
    qtbot.keyClicks(dialog.code, "HZ-0571")
    with qtbot.waitSignal(window.settings_editor.saved, timeout=5000) as blocker:
        _save(qtbot, dialog)
    assert blocker.args == [{"outlet.name": "城东分部", "outlet.code": "HZ-0571"}]
    assert window.settings_editor.dialog is None
    assert desk.read(settings.get, "outlet.name") == "城东分部"
    assert desk.read(settings.get, "outlet.code") == "HZ-0571"
    qtbot.waitUntil(lambda: "城东分部" in window.windowTitle(), timeout=5000)
    assert window._prompt.pin_reasons == []  # outlet details need no manager


def test_deadline_rules_need_the_manager_pin(qtbot, window, desk, manager, manager_pin, prompt):
    dialog = window.settings_editor.open()
    spin = dialog.numbers["complaint_sla_hours"]
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12")
    dialog.peaks.clear()
    qtbot.keyClicks(dialog.peaks, "11-10~11-20, 12-12~12-15")
    prompt.pins = [manager_pin]
    with qtbot.waitSignal(window.settings_editor.saved, timeout=5000):
        _save(qtbot, dialog)
    assert len(prompt.pin_reasons) == 1
    rules = DeadlineRules.from_dict(desk.read(settings.get, "deadlines"))
    assert rules.complaint_sla_hours == 12
    assert [(w.start, w.end) for w in rules.peak_windows] == [((11, 10), (11, 20)), ((12, 12), (12, 15))]
    with desk.database.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).one()
        assert entry.operator_id == manager.id  # attributed to the manager who approved


def test_a_wrong_or_missing_pin_saves_nothing(qtbot, window, desk, manager, prompt):
    before = desk.read(settings.get, "deadlines")
    dialog = window.settings_editor.open()
    dialog.numbers["chase_stalled_days"].setValue(5)
    dialog.name.setText("城西分部")
    prompt.pins = ["0000"]
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "deadlines" in dialog.errors.messages(), timeout=5000)
    assert dialog.errors.messages()["deadlines"] == "PIN 码不正确。"
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    prompt.pins = []  # the manager walks away: the PIN prompt is cancelled
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert desk.read(settings.get, "deadlines") == before
    assert desk.read(settings.get, "outlet.name") == ""
    dialog.reject()


def test_a_value_the_service_refuses_is_shown_next_to_its_field(qtbot, window, desk, prompt):
    dialog = window.settings_editor.open()
    dialog.name.setText("很长的网点名称" * 10)  # 70 characters; the service allows 60
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "outlet.name" in dialog.errors.messages(), timeout=5000)
    assert "60" in dialog.errors.messages()["outlet.name"]
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert prompt.errors == []
    assert desk.read(settings.get, "outlet.name") == ""
    dialog.reject()


@pytest.mark.parametrize(
    ("field", "text", "error_key"),
    [("peaks", "双十一", "peak_windows"), ("peaks", "13-01~13-05", "peak_windows"), ("zone", "Mars/Base", "zone")],
)
def test_bad_rule_text_is_shown_next_to_the_field(qtbot, window, desk, prompt, field, text, error_key):
    dialog = window.settings_editor.open()
    widget = getattr(dialog, field)
    (widget.setCurrentText if field == "zone" else widget.setText)(text)
    _save(qtbot, dialog)
    assert list(dialog.errors.messages()) == [error_key]
    assert prompt.pin_reasons == []
    assert dialog.isVisible()
    dialog.reject()


def test_language_is_kept_in_the_ini(qtbot, window, state):
    dialog = window.settings_editor.open()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(window.settings_editor.saved, timeout=5000):
        _save(qtbot, dialog)
    assert state.language == "en"


def test_window_geometry_is_saved_and_restored(qtbot, desk, runner, prompt, state, cases):
    first = MainWindow(desk, runner, prompt, state)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 480)
    qtbot.waitUntil(lambda: first.size() == QSize(720, 480))
    first.close()
    assert "main_window" in state.path.read_text(encoding="utf-8")
    second = MainWindow(desk, runner, prompt, state)
    qtbot.addWidget(second)
    assert second.size() == QSize(720, 480)


def test_chases_complaints_and_reminders_in_the_navigation_with_the_pressing_count(qtbot, window, desk):
    from app.reminders import scan
    from app.settings import deadline_rules
    from ui.notifier import StatusBarNotifier

    titles = [window.navigation.item(n).text() for n in range(window.navigation.count())]
    assert titles[4:6] == [window.tr("Chases"), window.tr("Complaints")]
    centre = window.reminder_centre
    assert centre.timer.isActive()
    qtbot.waitUntil(lambda: centre.last is not None, timeout=5000)
    pressing = desk.read(lambda s: scan(s, centre.last.at, deadline_rules(s), operator_id=desk.actor.id).pressing)
    assert pressing > 1  # the sample cases have deadlines long gone
    assert window.navigation.item(6).text() == window.tr("Reminders ({count})").format(count=pressing)
    assert isinstance(window.notifier, StatusBarNotifier)  # offscreen has no tray
    assert window.statusBar().currentMessage().startswith(centre.tr("{count} promises due").format(count=pressing))
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.search, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.reminders_page
    qtbot.waitUntil(lambda: len(window.reminders_page.reminders_shown()) > 0, timeout=5000)


def test_the_uninsured_claim_cap_is_a_manager_setting(qtbot, window, desk, manager, manager_pin, prompt):
    from decimal import Decimal

    from app.claims.compensation import freight_multiple

    dialog = window.settings_editor.open()
    assert dialog.freight_multiple.value() == 3  # the default multiple of the freight
    dialog.freight_multiple.setValue(2.5)
    prompt.pins = [manager_pin]
    with qtbot.waitSignal(window.settings_editor.saved, timeout=5000) as blocker:
        _save(qtbot, dialog)
    assert blocker.args == [{"claim_freight_multiple": "2.5"}]
    assert len(prompt.pin_reasons) == 1
    assert desk.read(freight_multiple) == Decimal("2.5")
    dialog = window.settings_editor.open()
    assert dialog.freight_multiple.value() == 2.5
    dialog.reject()


def test_money_at_risk_counts_on_the_navigation_and_in_the_reminder_centre(qtbot, window, desk):
    from app.money_queue import risk_queue
    from app.settings import deadline_rules

    page = window.money_page
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)  # read with the reminder centre's first scan
    queue = desk.read(lambda s: risk_queue(s, page.queue.at, deadline_rules(s)))
    assert queue.pressing > 0  # the sample complaints' clocks ran out long ago
    item = window.navigation.item(window.pages.indexOf(page))
    assert item.text() == window.tr("Money at risk ({count})").format(count=queue.pressing) and item.font().bold()
    shown = window.reminders_page.money
    assert not shown.isHidden() and f"{queue.money_today:,.2f}" in shown.text()
    assert str(queue.pressing) in shown.text()
