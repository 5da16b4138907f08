"""Chases, complaints and the reminder centre driven like a clerk on the phone would, on a clock the test moves:
a callback promised for an hour later falls due, is notified, snoozed, comes back and is kept; a 12305
complaint is logged with its ticket, escalated and visited; a chase becomes a stuck case, linked both ways; a
second call from the same phone turns the capture form red. Each step is checked in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy import select

from app.chases import NewChase, log_chase
from db.models import Case, ChaseDetail, ComplaintDetail, Followup, Snooze
from tests.ui.test_scan_bar import type_text
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.chase_dialog import ChaseDialog
from ui.dialogs.stuck_case_dialog import StuckCaseDialog
from ui.main_window import MainWindow
from ui.models.paged_table_model import AlarmRole
from ui.notifier import RecordingNotifier

START = datetime(2025, 11, 4, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a Tuesday
YTO, ZTO, JT = "YT8962646785389", "73610555582883", "JT5261988016578"
PHONE = "13912345678"
CTRL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def win(qtbot, desk, runner, prompt, state, clock, notifier) -> MainWindow:
    window = MainWindow(desk, runner, prompt, state, notifier=notifier, clock=clock)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.problems is not None and window.reminder_centre.last is not None, timeout=5000)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _nav(window: MainWindow) -> str:
    return window.navigation.item(window.pages.indexOf(window.reminders_page)).text()


def _tick(qtbot, window: MainWindow) -> None:
    """One minute of the centre's timer, as the timer itself would fire it."""
    centre = window.reminder_centre
    assert centre.timer.isActive() and centre.timer.interval() == 60_000
    qtbot.waitUntil(lambda: not centre.scanning, timeout=5000)
    with qtbot.waitSignal(centre.scanned, timeout=5000):
        centre.timer.timeout.emit()


def _keys(window: MainWindow) -> list[str]:
    return [r.key for r in window.reminders_page.reminders_shown()]


def _case(desk, case_id: int) -> Case:
    with desk.database.read() as session:
        case = session.get(Case, case_id)
        session.expunge(case)
        return case


def _texts(desk, case_id: int) -> list[str]:
    with desk.database.read() as session:
        return list(session.scalars(select(Followup.text).where(Followup.case_id == case_id).order_by(Followup.id)))


def _open_from_list(qtbot, window: MainWindow, page, case_id: int) -> CaseDialog:
    window.show_page(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() > 0, timeout=5000)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == case_id)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = window.opener.dialogs[case_id]
    assert isinstance(dialog, CaseDialog)
    qtbot.waitUntil(lambda: dialog.data is not None and not dialog.busy, timeout=5000)
    return dialog


def _press(qtbot, dialog: CaseDialog, button) -> None:
    """Click a dialog button and wait until the case has been written and read again."""
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_callback_promised_for_an_hour_later_is_reminded_snoozed_and_kept(
    qtbot, win, desk, prompt, clock, notifier
) -> None:
    assert _nav(win) == win.tr("Reminders")
    # 1. The phone rings: an outbound chase logged by keyboard, callback "+1 h".
    win.show_page(win.pages.indexOf(win.chases_page))
    qtbot.keyClick(win.chases_page.table, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: win.chases_page.dialog is not None, timeout=2000)  # a button's shortcut animates a click
    dialog = win.chases_page.dialog
    assert isinstance(dialog, ChaseDialog) and dialog.isVisible() and dialog.direction == "outbound"
    qtbot.waitActive(dialog)
    qtbot.keyClicks(dialog.waybill, YTO)
    qtbot.keyClick(dialog.waybill, Qt.Key.Key_Return)  # the scanner's Enter ends the number and moves on
    assert dialog.focusWidget() is dialog.caller_name
    type_text(dialog.caller_name, "张先生")
    qtbot.keyClicks(dialog.caller_phone, PHONE)
    type_text(dialog.request, "问什么时候能到")
    qtbot.mouseClick(dialog.callback.buttons["1h"], Qt.MouseButton.LeftButton)
    dialog.scan_known.setChecked(True)
    type_text(dialog.last_node, "杭州转运中心")
    with qtbot.waitSignal(win.chases_page.logged, timeout=5000) as logged:
        qtbot.keyClick(dialog.request, Qt.Key.Key_Return)  # Enter saves the form
    chase_id = logged.args[0]
    case = _case(desk, chase_id)
    assert (case.kind, case.direction, case.status, case.callback_at) == (
        "chase",
        "outbound",
        "pending",
        START + timedelta(hours=1),
    )
    with desk.database.read() as session:
        detail = session.get(ChaseDetail, chase_id)
        assert (detail.request, detail.last_node, detail.last_scan_at is not None) == (
            "问什么时候能到",
            "杭州转运中心",
            True,
        )

    # 2. Due later today: listed, but nothing pressing yet.
    key = f"callback:{chase_id}"
    qtbot.waitUntil(lambda: key in _keys(win), timeout=5000)
    assert win.reminders_page.reminders_shown()[0].state == "today"
    assert _nav(win) == win.tr("Reminders") and notifier.sent == []

    # 3. An hour and a minute later the timer's scan finds it overdue: count on the navigation, one notification.
    clock.advance(minutes=61)
    _tick(qtbot, win)
    assert [r.state for r in win.reminders_page.reminders_shown()] == ["overdue"]
    assert _nav(win) == win.tr("Reminders ({count})").format(count=1)
    assert len(notifier.sent) == 1 and YTO in notifier.sent[0][1]
    _tick(qtbot, win)
    assert len(notifier.sent) == 1, "told once, not every minute"

    # 4. Snoozed for 15 minutes (Ctrl+1): gone and the count drops; back after the snooze, and told again.
    win.show_page(win.pages.indexOf(win.reminders_page))
    page = win.reminders_page
    win.activateWindow()  # back from the capture form
    qtbot.waitActive(win)
    page.tree.setFocus()
    qtbot.waitUntil(page.tree.hasFocus, timeout=2000)
    assert page.select(key)
    with qtbot.waitSignal(win.reminder_centre.scanned, timeout=5000):
        qtbot.keyClick(page.tree, Qt.Key.Key_1, CTRL)
    assert key not in _keys(win) and _nav(win) == win.tr("Reminders")
    with desk.database.read() as session:
        snooze = session.scalars(select(Snooze).where(Snooze.key == key)).one()
        assert (snooze.operator_id, snooze.until) == (desk.actor.id, clock.now + timedelta(minutes=15))
    clock.advance(minutes=10)
    _tick(qtbot, win)
    assert key not in _keys(win)
    clock.advance(minutes=6)
    _tick(qtbot, win)
    assert key in _keys(win) and _nav(win) == win.tr("Reminders ({count})").format(count=1)
    assert len(notifier.sent) == 2

    # 5. The call is made: done (Ctrl+D) with a note; the reminder is gone and the timeline has it.
    assert page.select(key)
    prompt.texts = ["已告知客户明天上午到"]
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.keyClick(page.tree, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: key not in _keys(win) and not win.reminder_centre.scanning, timeout=5000)
    assert _nav(win) == win.tr("Reminders")
    assert _case(desk, chase_id).callback_at is None
    assert "已回电：已告知客户明天上午到" in _texts(desk, chase_id)
    chase = _open_from_list(qtbot, win, win.chases_page, chase_id)
    assert "已回电：已告知客户明天上午到" in chase.timeline.texts()
    assert YTO in chase.heading.text() and "张先生" in chase.facts.text()
    chase.reject()


def test_a_12305_complaint_with_its_ticket_escalated_and_visited(qtbot, win, desk, prompt, clock) -> None:
    page = win.complaints_page
    win.show_page(win.pages.indexOf(page))
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=2000)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.source.setCurrentIndex(dialog.source.findData("12305"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no waybill, no ticket: refused at the fields
    assert set(dialog.errors.messages()) == {"external_ticket_no", "waybill_no"} and dialog.isVisible()
    qtbot.keyClicks(dialog.ticket, "YZ2025110400123")
    dialog.category.setCurrentIndex(dialog.category.findData("延误"))
    qtbot.keyClicks(dialog.waybill, ZTO)
    type_text(dialog.caller_name, "李女士")
    qtbot.keyClicks(dialog.caller_phone, "13800001111")
    type_text(dialog.detail, "五天未派送，已向邮管局申诉")
    with qtbot.waitSignal(page.logged, timeout=5000) as logged:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    complaint_id = logged.args[0]
    with desk.database.read() as session:
        detail = session.get(ComplaintDetail, complaint_id)
        assert (detail.source, detail.external_ticket_no, detail.category) == ("12305", "YZ2025110400123", "延误")
        assert detail.first_response_due_at == START + timedelta(minutes=15)
        assert detail.appeal_risk_at is not None and detail.escalation_level == 0
    assert _case(desk, complaint_id).priority == 2

    # The list shows it under its channel; opened with Enter, its ticket is in the facts.
    case = _open_from_list(qtbot, win, page, complaint_id)
    assert "YZ2025110400123" in case.facts.text() and "12305" in case.facts.text()
    prompt.texts = ["客户要求站长亲自处理"]
    _press(qtbot, case, case.escalate_button)
    with desk.database.read() as session:
        assert session.get(ComplaintDetail, complaint_id).escalation_level == 1
    assert "升级投诉（第 1 级）：客户要求站长亲自处理" in case.timeline.texts()

    # A call to the customer meets the first response; then the steps up to the return visit.
    clock.advance(minutes=5)
    case.followup.setText("已致电客户致歉，承诺今天派送")
    _press(qtbot, case, case.followup_button)
    with desk.database.read() as session:
        assert session.get(ComplaintDetail, complaint_id).first_response_at == clock.now
    _press(qtbot, case, case.status_buttons["processing"])
    _press(qtbot, case, case.status_buttons["awaiting_visit"])
    assert not case.status_buttons["new"].isEnabled()
    clock.advance(hours=6)
    case.satisfaction.setValue(4)
    case.visit_note.setText("已签收，客户认可处理")
    _press(qtbot, case, case.visit_button)
    with desk.database.read() as session:
        detail = session.get(ComplaintDetail, complaint_id)
        assert (detail.satisfaction, detail.return_visit_at) == (4, clock.now)
    stored = _case(desk, complaint_id)
    assert (stored.status, stored.closed_at) == ("resolved", clock.now)
    assert "回访：满意度 4 分，已签收，客户认可处理" in case.timeline.texts()
    assert not case.escalate_button.isEnabled() and not case.followup.isEnabled()
    case.reject()


# Offscreen noise: size hints whenever a window shows, raise() when an open dialog is brought forward.
@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_a_chase_becomes_a_stuck_case_linked_both_ways(qtbot, win, desk, prompt, clock) -> None:
    chase_id = desk.write(
        log_chase, NewChase(waybill_no=JT, direction="outbound", caller_phone=PHONE, opened_at=START)
    ).id
    case = _open_from_list(qtbot, win, win.chases_page, chase_id)
    prompt.answers = [True]
    _press(qtbot, case, case.to_stuck_button)
    assert prompt.questions == [case.tr("Make this chase a stuck case? The chase is closed as converted.")]
    chase = _case(desk, chase_id)
    assert chase.status == "done" and chase.closed_at is not None
    with desk.database.read() as session:
        stuck = session.scalars(select(Case).where(Case.parent_case_id == chase_id)).one()
        assert stuck.kind == "stuck"
    assert case.converted_to == stuck.id and str(stuck.id) in case.notice.text()
    assert case.links.case_ids() == [stuck.id]
    assert not case.to_stuck_button.isEnabled() and not case.to_complaint_button.isEnabled()

    # From the chase to the stuck case, and from there back: each shows the other.
    case.links.open_row(0)
    stuck_dialog = win.opener.dialogs[stuck.id]
    assert isinstance(stuck_dialog, StuckCaseDialog) and stuck_dialog.isVisible()
    assert stuck_dialog.links.case_ids() == [chase_id]
    relation = stuck_dialog.links.topLevelItem(0).text(0)
    assert relation == QCoreApplication.translate("LinkedCases", "Made from")
    stuck_dialog.links.open_row(0)
    assert win.opener.dialogs[chase_id] is case  # already open: brought forward, not opened twice
    stuck_dialog.reject()
    case.reject()
    assert win.opener.dialogs == {}

    # The stuck list has the new parcel, and its dialog opened from there leads back to the chase as well.
    page = win.stuck_page
    win.show_page(win.pages.indexOf(page))
    qtbot.waitUntil(lambda: stuck.id in [page.model.row_at(r).id for r in range(page.model.rowCount())], timeout=5000)
    page.tools.open_case(stuck.id)
    from_list = next(d for d in page.findChildren(StuckCaseDialog) if d.case_id == stuck.id and d.isVisible())
    from_list.links.open_row(0)
    again = win.opener.dialogs[chase_id]
    assert isinstance(again, CaseDialog) and again.parent() is from_list
    qtbot.waitUntil(lambda: again.data is not None, timeout=5000)
    assert again.links.case_ids() == [stuck.id] and again.data.case.status == "done"
    again.reject()
    from_list.reject()


def test_a_chase_becomes_a_complaint_with_its_channel(qtbot, win, desk, prompt) -> None:
    chase_id = desk.write(log_chase, NewChase(waybill_no=JT, direction="inbound", opened_at=START)).id
    case = _open_from_list(qtbot, win, win.chases_page, chase_id)
    prompt.choices = [1, 2]  # 快递公司工单, 丢失
    _press(qtbot, case, case.to_complaint_button)
    with desk.database.read() as session:
        complaint = session.scalars(select(Case).where(Case.parent_case_id == chase_id)).one()
        detail = session.get(ComplaintDetail, complaint.id)
        assert (complaint.kind, detail.source, detail.category) == ("complaint", "carrier_ticket", "丢失")
        assert detail.first_response_due_at is not None
    assert _case(desk, chase_id).status == "done"
    case.reject()


def test_the_repeat_banner_turns_red_for_a_second_call_from_the_same_phone(qtbot, win, desk) -> None:
    first = desk.write(log_chase, NewChase(waybill_no=YTO, direction="outbound", caller_phone=PHONE, opened_at=START))
    win.show_page(win.pages.indexOf(win.chases_page))
    dialog = win.chases_page.new_chase("inbound")
    qtbot.keyClicks(dialog.waybill, ZTO)
    with qtbot.waitSignal(dialog.watcher.found, timeout=5000):
        qtbot.keyClicks(dialog.caller_phone, "139")  # not a phone yet: nothing to look for
    assert not dialog.banner.isVisible()
    with qtbot.waitSignal(dialog.watcher.found, timeout=5000):
        qtbot.keyClicks(dialog.caller_phone, "****5678")  # the carrier's masked form of the same phone
    assert dialog.banner.isVisible() and dialog.banner.count == 1
    assert f"#{first.id}" in dialog.banner.text() and YTO in dialog.banner.text()
    assert "#d92d20" in dialog.banner.styleSheet()
    with qtbot.waitSignal(win.chases_page.logged, timeout=5000) as logged:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _case(desk, logged.args[0]).repeat_count == 1
    page = win.chases_page
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 2, timeout=5000)
    column = page.model.column_of("repeat_count")
    loud = {page.model.row_at(r).id: page.model.data(page.model.index(r, column), AlarmRole) for r in range(2)}
    assert loud == {logged.args[0]: True, first.id: False}
