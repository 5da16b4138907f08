"""The pieces behind the chase and complaint screens, one at a time: the list models (Qt's model tester, colours,
the loud repeat and stalled cells), the callback presets in the outlet's zone, the capture forms' field errors,
the reminder centre's grouping, snoozes, notifications and todos, and the notifiers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStatusBar
from sqlalchemy import select

from app.cases import add_followup
from app.chase_query import ChaseFilter
from app.chases import NewChase, log_chase
from app.complaint_query import ComplaintFilter
from app.complaints import NewComplaint, log_complaint
from app.notebook.todos import TodoForm, get_todo, save_todo
from db.models import Case, ChaseDetail, Courier, Snooze
from tests.ui.test_chases_as_a_clerk import START, FakeClock
from tests.ui.test_scan_bar import type_text
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.case_opener import CaseOpener
from ui.dialogs.chase_dialog import ChaseDialog
from ui.models.chase_table_model import ChaseTableModel, ComplaintTableModel
from ui.models.paged_table_model import ALARM_COLOUR, URGENCY_COLOURS, AlarmRole, UrgencyRole
from ui.notifier import RecordingNotifier, StatusBarNotifier
from ui.pages.reminders_page import RemindersPage
from ui.reminder_centre import ReminderCentre
from ui.widgets.callback_picker import CallbackPicker, to_local_qt

YTO, ZTO, JT, SF = "YT8962646785389", "73610555582883", "JT5261988016578", "SF1385628716739"


def _chase(desk, number: str, direction: str = "outbound", **kw) -> int:
    return desk.write(log_chase, NewChase(waybill_no=number, direction=direction, **{"opened_at": START, **kw})).id


def _complaint(desk, number: str, source: str = "call", **kw) -> int:
    new = NewComplaint(waybill_no=number, source=source, category="破损", opened_at=START, **kw)
    return desk.write(log_complaint, new).id


# --- list models ---------------------------------------------------------------------------------------


def test_chase_model_passes_the_tester_with_loud_repeats_and_stalled_days(qtmodeltester, desk) -> None:
    stalled = _chase(desk, YTO, caller_phone="13912345678", last_scan_at=START - timedelta(days=5))
    repeat = _chase(
        desk,
        ZTO,
        "inbound",
        caller_phone="139****5678",
        callback_at=START + timedelta(minutes=1),
    )
    fresh = _chase(desk, JT, callback_at=START + timedelta(hours=2), last_scan_at=START - timedelta(days=1))
    model = ChaseTableModel(desk, clock=lambda: START + timedelta(minutes=10))
    model.set_filter(ChaseFilter(now=START))
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    rows = {model.row_at(r).id: r for r in range(model.rowCount())}
    repeats, stalled_col = model.column_of("repeat_count"), model.column_of("stalled_days")

    def cell(case_id: int, column: int, role: int):
        return model.data(model.index(rows[case_id], column), role)

    assert cell(repeat, repeats, AlarmRole) and not cell(stalled, repeats, AlarmRole)
    assert cell(repeat, repeats, Qt.ItemDataRole.DisplayRole) == "1"
    assert QColor(cell(repeat, repeats, Qt.ItemDataRole.BackgroundRole)) == ALARM_COLOUR
    assert cell(repeat, repeats, Qt.ItemDataRole.FontRole).bold()
    assert cell(stalled, stalled_col, AlarmRole) and cell(stalled, stalled_col, Qt.ItemDataRole.DisplayRole) == "5"
    assert not cell(fresh, stalled_col, AlarmRole) and cell(fresh, stalled_col, Qt.ItemDataRole.DisplayRole) == "1"
    assert cell(repeat, stalled_col, Qt.ItemDataRole.DisplayRole) == ""  # inbound: no stalled days
    # Rows are coloured by their promise: a callback missed at 10:01 red, one at noon today orange.
    assert cell(repeat, 0, UrgencyRole) == "overdue" and cell(fresh, 0, UrgencyRole) == "due_today"
    assert QColor(cell(repeat, 0, Qt.ItemDataRole.BackgroundRole)) == URGENCY_COLOURS["overdue"]
    assert QColor(cell(fresh, 0, Qt.ItemDataRole.BackgroundRole)) == URGENCY_COLOURS["due_today"]
    assert cell(stalled, 0, UrgencyRole) == "none"
    model.set_filter(ChaseFilter(direction="inbound"))
    assert [model.row_at(r).id for r in range(model.rowCount())] == [repeat]


def test_complaint_model_passes_the_tester_and_shows_the_channel(qtmodeltester, desk) -> None:
    regulator = _complaint(desk, YTO, "12305", external_ticket_no="YZ-1", caller_phone="13912345678")
    again = _complaint(desk, ZTO, caller_phone="13912345678")
    model = ComplaintTableModel(desk, clock=lambda: START + timedelta(minutes=20))
    model.set_filter(ComplaintFilter())
    qtmodeltester.check(model, force_py=True)
    rows = {model.row_at(r).id: r for r in range(model.rowCount())}
    source, ticket = model.column_of("source"), model.column_of("external_ticket_no")
    assert model.data(model.index(rows[regulator], source)) == "12305 申诉"
    assert model.data(model.index(rows[regulator], ticket)) == "YZ-1"
    assert model.data(model.index(rows[again], model.column_of("repeat_count")), AlarmRole)
    assert model.data(model.index(rows[regulator], 0), UrgencyRole) == "overdue"  # first response missed
    model.set_filter(ComplaintFilter(source="12305"))
    assert model.rowCount() == 1 and model.row_at(0).id == regulator


# --- the callback picker -------------------------------------------------------------------------------


def test_callback_presets_count_from_the_press_in_the_outlets_zone(qtbot) -> None:
    clock = FakeClock(START)
    picker = CallbackPicker(clock)
    qtbot.addWidget(picker)
    assert picker.value() is None and not picker.when.isEnabled()
    qtbot.mouseClick(picker.buttons["30min"], Qt.MouseButton.LeftButton)
    assert picker.value() == START + timedelta(minutes=30)
    assert picker.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2025-11-04 10:30"  # Shanghai wall clock
    clock.advance(minutes=7)
    assert picker.value() == START + timedelta(minutes=30), "a preset is counted when it is pressed"
    qtbot.mouseClick(picker.buttons["2h"], Qt.MouseButton.LeftButton)
    assert picker.value() == START + timedelta(hours=2, minutes=7)
    qtbot.mouseClick(picker.buttons["tomorrow"], Qt.MouseButton.LeftButton)
    assert picker.value() == datetime(2025, 11, 5, 1, 0, tzinfo=UTC)  # 9:00 tomorrow there
    picker.when.setDateTime(QDateTime.fromString("2025-11-04 15:45", "yyyy-MM-dd HH:mm"))
    assert picker.chosen() == "custom" and picker.value() == datetime(2025, 11, 4, 7, 45, tzinfo=UTC)
    picker.set_zone("Asia/Urumqi")  # two hours behind Beijing: the same moment, another wall clock
    assert picker.value() == datetime(2025, 11, 4, 7, 45, tzinfo=UTC)
    assert picker.when.dateTime() == to_local_qt(datetime(2025, 11, 4, 7, 45, tzinfo=UTC), "Asia/Urumqi")
    picker.load(None)
    assert picker.value() is None and picker.chosen() == "none"


# --- capture forms -------------------------------------------------------------------------------------


@pytest.fixture
def opener(qtbot, desk, runner, prompt):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    return CaseOpener(desk, runner, prompt, FakeClock(START), host)


def _form(qtbot, desk, runner, prompt, direction: str, clock=None) -> ChaseDialog:
    dialog = ChaseDialog(desk, runner, prompt, direction, clock=clock or FakeClock(START))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=5000)
    return dialog


def test_the_chase_form_says_what_is_wrong_next_to_each_field(qtbot, desk, runner, prompt) -> None:
    dialog = _form(qtbot, desk, runner, prompt, "outbound")
    qtbot.keyClicks(dialog.caller_phone, "12345")
    dialog.callback.choose("custom")
    dialog.callback.when.setDateTime(QDateTime.fromString("2025-11-04 09:00", "yyyy-MM-dd HH:mm"))  # before 10:00
    dialog.scan_known.setChecked(True)
    dialog.last_scan.setDateTime(QDateTime.fromString("2025-11-05 09:00", "yyyy-MM-dd HH:mm"))
    dialog.save()
    assert set(dialog.errors.messages()) == {"waybill_no", "caller_phone", "callback_at", "last_scan_at"}
    assert dialog.focusWidget() is dialog.waybill  # the first field in error
    # The service's own refusal lands at its field too: a number that is no waybill.
    dialog.caller_phone.setText("13912345678")
    dialog.callback.choose("none")
    dialog.scan_known.setChecked(False)
    qtbot.keyClicks(dialog.waybill, "ABC")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=5000)
    assert set(dialog.errors.messages()) == {"waybill_no"} and "ABC" in dialog.errors.messages()["waybill_no"]
    assert dialog.isVisible() and prompt.errors == []
    with desk.database.read() as session:
        assert session.scalars(select(Case)).all() == []


def test_an_inbound_chase_keeps_arrival_appointment_and_courier(qtbot, desk, runner, prompt) -> None:
    with desk.database.write() as session:
        session.add(Courier(name="王师傅", pinyin="wsf"))
    dialog = _form(qtbot, desk, runner, prompt, "inbound")
    assert [dialog.courier.itemText(i) for i in range(dialog.courier.count())][1:] == ["王师傅"]
    qtbot.keyClicks(dialog.waybill, SF)
    dialog.arrived.setCurrentIndex(dialog.arrived.findData(True))
    type_text(dialog.appointment, "明天下午3点后")
    dialog.courier.setCurrentIndex(1)
    qtbot.mouseClick(dialog.callback.buttons["30min"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.logged, timeout=5000) as logged:
        dialog.save()
    case_id = logged.args[0].id
    with desk.database.read() as session:
        case, detail = session.get(Case, case_id), session.get(ChaseDetail, case_id)
        courier = session.scalars(select(Courier.id)).one()
        assert (case.direction, case.status, case.courier_id) == ("inbound", "pending", courier)
        assert (detail.arrived, detail.appointment, case.callback_at) == (
            True,
            "明天下午3点后",
            START + timedelta(minutes=30),
        )
    assert not dialog.isVisible()


# --- the reminder centre -------------------------------------------------------------------------------


@pytest.fixture
def centre(qtbot, desk, runner):
    clock = FakeClock(START)
    made = ReminderCentre(desk, runner, RecordingNotifier(), clock)
    yield made
    made.stop()


def _scan(qtbot, centre: ReminderCentre) -> None:
    qtbot.waitUntil(lambda: not centre.scanning, timeout=5000)
    with qtbot.waitSignal(centre.scanned, timeout=5000):
        centre.scan_now()


def test_reminders_grouped_overdue_now_today_and_several_told_at_once(
    qtbot, desk, runner, prompt, centre, opener
) -> None:
    late = _chase(desk, YTO, callback_at=START + timedelta(minutes=1))
    soon = _chase(desk, ZTO, callback_at=START + timedelta(minutes=40))
    later = _chase(desk, JT, callback_at=START + timedelta(hours=5))
    complaint = _complaint(desk, SF)  # first response due at 10:15
    centre.clock.advance(minutes=30)  # 10:30: the first callback and the complaint's first response are late
    page = RemindersPage(desk, runner, prompt, centre, opener)
    qtbot.addWidget(page)
    page.show()
    _scan(qtbot, centre)
    shown = [(r.kind, r.case_id, r.state) for r in page.reminders_shown()]
    assert shown[:2] == [("callback", late, "overdue"), ("first_response", complaint, "overdue")]
    assert ("callback", soon, "now") in shown and ("callback", later, "today") in shown
    groups = [page.tree.topLevelItem(n).text(0) for n in range(page.tree.topLevelItemCount())]
    assert groups[0].startswith(page.tr("Overdue")) and groups[-1].startswith(page.tr("Later today"))
    assert page.summary.text() == page.tr("Overdue {overdue} · due now {now} · later today {today}").format(
        overdue=2, now=1, today=centre.last.counts["today"]
    )
    assert centre.notifier.sent == [
        (centre.tr("{count} promises due").format(count=3), centre.tr("Open the reminder centre to see them."))
    ]
    # Done on anything but a callback opens the case to deal with it; Enter opens a case too.
    assert page.select(f"first_response:{complaint}")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert isinstance(opener.dialogs.get(complaint), CaseDialog) and prompt.asked == []
    opener.dialogs[complaint].reject()
    assert page.select(f"callback:{later}")
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert isinstance(opener.dialogs.get(later), CaseDialog)
    opener.dialogs[later].reject()
    # Answering the complaint clears its first-response reminder.
    desk.write(add_followup, complaint, "已联系客户", at=centre.clock())
    _scan(qtbot, centre)
    assert ("first_response", complaint) not in [(r.kind, r.case_id) for r in page.reminders_shown()]


@pytest.mark.parametrize(
    ("preset", "until"),
    [
        ("15min", START + timedelta(minutes=15)),
        ("1h", START + timedelta(hours=1)),
        ("tomorrow", datetime(2025, 11, 5, 1, 0, tzinfo=UTC)),
    ],
)
def test_snooze_presets(qtbot, desk, runner, prompt, centre, opener, preset, until) -> None:
    case_id = _chase(desk, YTO, callback_at=START + timedelta(minutes=5))
    page = RemindersPage(desk, runner, prompt, centre, opener)
    qtbot.addWidget(page)
    _scan(qtbot, centre)
    assert page.select(f"callback:{case_id}")
    with qtbot.waitSignal(centre.scanned, timeout=5000):
        page.snooze_current(preset)
    assert page.reminders_shown() == []
    with desk.database.read() as session:
        assert session.scalars(select(Snooze.until)).one() == until


def test_a_todo_reminder_shows_its_title_opens_the_todo_and_is_ticked_off(
    qtbot, desk, runner, prompt, centre, opener
) -> None:
    todo = desk.write(save_todo, TodoForm("回电张伟", due_at=START - timedelta(minutes=5))).id
    page = RemindersPage(desk, runner, prompt, centre, opener)
    qtbot.addWidget(page)
    page.show()
    _scan(qtbot, centre)
    assert [(r.key, r.state) for r in page.reminders_shown()] == [(f"todo:{todo}", "overdue")]
    row = page.tree.topLevelItem(0).child(0)
    assert row.text(1) == page.tr("To-do: {title}").format(title="回电张伟") and row.text(2) == row.text(3) == ""
    assert centre.notifier.sent == [
        (
            centre.tr("Due now: {what}").format(what=centre.tr("To-do")),
            centre.tr("To-do: {title}").format(title="回电张伟"),
        )
    ]
    with qtbot.waitSignal(page.todo_requested, timeout=1000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == [todo] and opener.dialogs == {}
    with qtbot.waitSignal(centre.scanned, timeout=5000):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.reminders_shown() == [] and prompt.asked == []
    assert desk.read(get_todo, todo).done_at == START


# --- notifiers -----------------------------------------------------------------------------------------


def test_the_status_bar_notifier_and_the_recorder(qtbot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    StatusBarNotifier(bar).notify("约定回电", "运单 YT8962646785389")
    assert bar.currentMessage() == "约定回电：运单 YT8962646785389"
    recorder = RecordingNotifier()
    recorder.notify("a", "b")
    assert recorder.sent == [("a", "b")]
