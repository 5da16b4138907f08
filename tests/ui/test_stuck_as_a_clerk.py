"""One clerk's session on the stuck-parcel page, start to finish, by keyboard where a clerk would use it, then
the database checked: scan three parcels (one in full-width), paste a WeChat message, find the overdue ones,
change them in bulk and undo it, open a parcel, write to the other outlet, get the reply, and be refused an
early return."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.workflows import STUCK
from db.models import BulkAction, Case, Message, ProblemType, ReturnShipment, StuckDetail, Waybill
from tests.ui.stuck_fixtures import make_stuck
from tests.ui.test_scan_bar import type_text
from ui.dialogs.paste_dialog import PasteDialog
from ui.dialogs.stuck_case_dialog import StuckCaseDialog
from ui.pages.stuck_page import StuckPage

FULL_WIDTH_YTO, YTO = "ＹＴ８９６２６４６７８５３８９", "YT8962646785389"
SF, DPK = "SF1385628716739", "DPK202252612836"
PASTED = ("YT8962646785390", "YT8962646785391")
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _stuck(desk) -> dict[str, tuple[str, str | None]]:
    """waybill → (status, problem type code) of every stuck case."""
    with desk.database.read() as session:
        rows = session.execute(
            select(Waybill.waybill_no, Case.status, ProblemType.code)
            .join(Case, Case.waybill_id == Waybill.id)
            .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
            .where(Case.kind == "stuck")
        ).all()
    return {number: (status, code) for number, status, code in rows}


def _row_of(page: StuckPage, case_id: int) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == case_id)


def _scan(qtbot, page: StuckPage, text: str, picks: str) -> None:
    bar = page.scan_bar
    qtbot.keyClick(page, Qt.Key.Key_F2)
    assert bar.focusWidget() is bar.scan
    type_text(bar.scan, text)
    qtbot.keyClick(bar.scan, Qt.Key.Key_Tab)  # this scanner ends each number with Tab
    assert bar.picker.active
    type_text(bar.picker.edit, picks)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):  # the list reloads on the new parcel
        qtbot.keyClick(bar.picker.edit, Qt.Key.Key_Return)


def test_a_clerks_session_on_the_stuck_page(qtbot, desk, runner, prompt, state) -> None:
    before = make_stuck(desk)  # yesterday's log: one parcel overdue, one reply we owe late, …
    state.scanner_suffix = "tab"
    page = StuckPage(desk, runner, prompt, state)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)

    # 1. Three parcels off the scanner, each typed by keyboard: number key, pinyin initials, a Chinese character.
    _scan(qtbot, page, FULL_WIDTH_YTO, "4")
    _scan(qtbot, page, SF, "dzcw")
    _scan(qtbot, page, DPK, "拒")
    shown = {page.model.row_at(r).waybill_no for r in range(page.model.rowCount())}
    assert {YTO, SF, DPK} <= shown
    assert page.model.row_at(page.table.currentIndex().row()).waybill_no == DPK  # the cursor is on the last scan

    # 2. A WeChat message with two numbers in it, pasted and logged at once.
    qtbot.keyClick(page.table, Qt.Key.Key_V, SHIFT_CTRL)
    paste = page.findChild(PasteDialog)
    assert paste is not None and paste.isVisible()
    paste.text.setPlainText(f"王姐，{PASTED[0]} 电话没人接，还有{PASTED[1]}地址不对，麻烦处理下，谢谢")
    paste.find()
    assert paste.ticked() == list(PASTED)
    with qtbot.waitSignal(paste.logged):
        qtbot.mouseClick(paste.log_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        paste.accept()
    shown = {page.model.row_at(r).waybill_no for r in range(page.model.rowCount())}
    assert set(PASTED) <= shown

    # 3. Only the overdue ones, all selected, moved to 待退回 in bulk (confirmed), then undone.
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.mouseClick(page.filter_bar.overdue, Qt.MouseButton.LeftButton)
    overdue = {page.model.row_at(r).id for r in range(page.model.rowCount())}
    assert overdue == {before["overdue"], before["owed_late"]}
    page.activateWindow()  # back from the paste dialog
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=2000)
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    prompt.choices = [[s.code for s in STUCK.states].index("to_return")]
    prompt.answers = [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_S, SHIFT_CTRL)
    assert "2" in prompt.questions[-1]  # the count was confirmed first
    with desk.database.read() as session:
        assert session.get(Case, before["overdue"]).status == "to_return"
    prompt.answers = [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with desk.database.read() as session:
        assert session.get(Case, before["overdue"]).status == "pending"
        assert session.scalars(select(BulkAction.undone_at)).one() is not None
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.mouseClick(page.filter_bar.overdue, Qt.MouseButton.LeftButton)

    # 4. The scanned 圆通 parcel opened with Enter: our message, their reply, then an early return refused.
    yto_id = next(
        page.model.row_at(r).id for r in range(page.model.rowCount()) if page.model.row_at(r).waybill_no == YTO
    )
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(_row_of(page, yto_id), 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.findChild(StuckCaseDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.thread.text.setText("收件人电话无人接听，请联系寄件人确认")
    qtbot.mouseClick(dialog.thread.post_ours, Qt.MouseButton.LeftButton)
    dialog.thread.reply_text.setText("已联系寄件人，明天再派")
    qtbot.keyClick(dialog.thread.reply_text, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.status_buttons["to_return"], Qt.MouseButton.LeftButton)
    dialog.return_waybill.setText("YT8962646785392")
    qtbot.keyClick(dialog.return_waybill, Qt.Key.Key_Return)
    with desk.database.read() as session:
        earliest = session.get(StuckDetail, yto_id).earliest_return_on
    assert earliest is not None and earliest.isoformat() in dialog.return_error.text()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        dialog.reject()

    # The database holds exactly what the clerk did.
    log = _stuck(desk)
    assert log[YTO] == ("to_return", "no_answer")
    assert log[SF] == ("pending", "wrong_address")
    assert log[DPK] == ("pending", "refused")
    assert {log[n][0] for n in PASTED} == {"pending"}
    assert log["73610555582883"][0] == "pending"  # the overdue parcel is back where it was
    assert len(log) == len(before) + 5
    with desk.database.read() as session:
        messages = session.execute(
            select(Message.direction, Message.text, Message.reply_text).where(Message.case_id == yto_id)
        ).all()
        assert messages == [("sent", "收件人电话无人接听，请联系寄件人确认", "已联系寄件人，明天再派")]
        assert session.scalar(select(func.count()).select_from(ReturnShipment)) == 0
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
