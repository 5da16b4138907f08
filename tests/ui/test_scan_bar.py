"""The scan bar driven by keystrokes as a scanner sends them, checked against the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from app.desk import Desk
from db.models import Case, Courier, ProblemType, StuckDetail, Waybill
from ui.local_state import LocalState
from ui.widgets.scan_bar import ScanBar, ScanLineEdit

YTO, ZTO, JT = "YT8962646785389", "73610555582883", "JT5261988016578"
FULL_WIDTH_YTO = "ＹＴ８９６２６４６７８５３８９"
SUFFIX_KEYS = {"enter": Qt.Key.Key_Return, "tab": Qt.Key.Key_Tab}


def stuck_cases(desk: Desk) -> dict[str, tuple[str | None, str, str | None, int | None, str | None]]:
    """waybill → (problem type code, direction, registered by, round, shelf) of every stuck case."""
    with desk.database.read() as session:
        rows = session.execute(
            select(
                Waybill.waybill_no,
                ProblemType.code,
                Case.direction,
                StuckDetail.registered_by,
                StuckDetail.round_no,
                StuckDetail.shelf,
            )
            .join(Case, Case.waybill_id == Waybill.id)
            .join(StuckDetail, StuckDetail.case_id == Case.id)
            .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
            .where(Case.kind == "stuck")
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def case_count(desk: Desk) -> int:
    with desk.database.read() as session:
        return session.scalar(select(func.count()).select_from(Case))


@pytest.fixture
def bar(qtbot, desk: Desk, prompt, state: LocalState) -> ScanBar:
    widget = ScanBar(desk, prompt, state)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any character (QTest's keyClicks knows Latin-1 only): full-width, Chinese."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def scan(qtbot, bar: ScanBar, text: str, key: Qt.Key) -> None:
    bar.scan.setFocus()
    type_text(bar.scan, text)
    qtbot.keyClick(bar.scan, key)


@pytest.mark.parametrize("suffix", ["enter", "tab"])
def test_three_scans_with_types_picked_by_keyboard(qtbot, desk, prompt, state, suffix):
    state.scanner_suffix = suffix
    bar = ScanBar(desk, prompt, state)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    key = SUFFIX_KEYS[suffix]
    bar.shelf.setText("A-3")
    created: list[tuple[int, bool]] = []
    bar.captured.connect(lambda case_id, new: created.append((case_id, new)))

    scan(qtbot, bar, FULL_WIDTH_YTO, key)  # a scanner in full-width mode
    assert bar.pending is not None and bar.pending.number == YTO
    assert bar.carrier.text() == "圆通"
    assert bar.picker.active and bar.focusWidget() is bar.picker.edit  # Tab did not move the focus on
    qtbot.keyClicks(bar.picker.edit, "4")  # number key: the 4th type
    assert bar.picker.current().code == "no_answer"
    with qtbot.waitSignal(bar.captured):
        qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)
    assert bar.focusWidget() is bar.scan and bar.scan.text() == ""

    scan(qtbot, bar, ZTO, key)
    qtbot.keyClicks(bar.picker.edit, "dzcw")  # pinyin initials of 地址错误
    assert [bar.picker.matches.item(0).data(Qt.ItemDataRole.UserRole + 1).code] == ["wrong_address"]
    qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Enter)

    bar.round.setValue(2)
    bar.registered_by.setCurrentIndex(bar.registered_by.findData("them"))
    scan(qtbot, bar, JT.lower(), key)
    type_text(bar.picker.edit, "拒")  # Chinese: by name
    qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)

    assert stuck_cases(desk) == {
        YTO: ("no_answer", "inbound", "us", None, "A-3"),
        ZTO: ("wrong_address", "inbound", "us", None, "A-3"),
        JT: ("refused", "inbound", "them", 2, "A-3"),
    }
    assert [new for _id, new in created] == [True, True, True]
    assert LocalState(state.path.parent).scanner_suffix == suffix


def test_tab_moves_the_focus_when_the_scanner_sends_enter(qtbot, bar, state):
    assert state.scanner_suffix == "enter"
    scan(qtbot, bar, YTO, Qt.Key.Key_Tab)
    assert bar.pending is None and bar.scan.text() == YTO  # not taken: Tab is not this scanner's suffix
    qtbot.keyClick(bar.scan, Qt.Key.Key_Return)
    assert bar.pending is not None


def test_the_suffix_is_chosen_on_the_bar_and_kept_for_this_pc(qtbot, bar, state):
    bar.suffix.setCurrentIndex(bar.suffix.findData("tab"))
    assert state.scanner_suffix == "tab" and bar.scan.suffix == "tab"
    scan(qtbot, bar, ZTO, Qt.Key.Key_Tab)
    assert bar.pending is not None and bar.pending.number == ZTO


def test_the_scan_field_keeps_the_input_method_off(bar):
    assert not bar.scan.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    hints = bar.scan.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhLatinOnly and hints & Qt.InputMethodHint.ImhNoPredictiveText
    field = ScanLineEdit()
    field.setText("ＪＴ５２６１９８８０１６５７８")
    field.submit()
    assert field.text() == JT


def test_esc_logs_without_a_type(qtbot, bar, desk):
    scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    with qtbot.waitSignal(bar.captured):
        qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Escape)
    assert stuck_cases(desk)[YTO][0] is None


def test_an_open_waybill_is_opened_not_duplicated(qtbot, bar, desk):
    scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.picker.edit, "1")
    with qtbot.waitSignal(bar.captured) as first:
        qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)
    case_id = first.args[0]
    before = case_count(desk)
    with qtbot.waitSignal(bar.openRequested) as opened:
        scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    assert opened.args == [case_id]
    assert bar.pending is None and not bar.picker.active
    assert "already open" in bar.status.text() or "已" in bar.status.text()
    assert case_count(desk) == before


def test_the_next_scan_in_the_type_field_logs_the_waiting_one_untyped(qtbot, bar, desk):
    scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.picker.edit, ZTO)  # the clerk scanned again instead of picking a type
    qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)
    assert bar.pending is not None and bar.pending.number == ZTO
    assert stuck_cases(desk) == {YTO: (None, "inbound", "us", None, None)}


def test_a_bad_number_is_refused_inline(qtbot, bar, desk):
    before = case_count(desk)
    scan(qtbot, bar, "13812345678", Qt.Key.Key_Return)  # a mobile number, not a waybill
    assert bar.error.text() and bar.pending is None
    assert case_count(desk) == before


def test_courier_and_outbound_direction(qtbot, desk, prompt, state):
    with desk.database.write() as session:
        session.add(Courier(name="张师傅", staff_no="K001"))
    bar = ScanBar(desk, prompt, state)
    qtbot.addWidget(bar)
    bar.courier.setCurrentIndex(bar.courier.findText("张师傅"))
    bar.direction.setCurrentIndex(bar.direction.findData("outbound"))
    scan(qtbot, bar, JT, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.picker.edit, "2")
    qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)
    with desk.database.read() as session:
        case = session.scalars(select(Case)).one()
        courier = session.get(Courier, case.courier_id)
        ptype = session.get(ProblemType, case.problem_type_id)
        assert (case.direction, courier.name, ptype.code) == ("outbound", "张师傅", "suspended")
