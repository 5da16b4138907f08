"""The stuck-parcel dialogs driven like a clerk would, then checked against the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.cases import close, get_case, update_case
from app.desk import Desk
from app.stuck import capture
from db.models import (
    Case,
    Courier,
    Followup,
    Message,
    ProblemType,
    ReturnShipment,
    ShelfCount,
    StuckDetail,
    UnlabelledParcel,
    Waybill,
)
from tests.ui.test_scan_bar import type_text
from ui.dialogs.paste_dialog import PasteDialog
from ui.dialogs.round_dialog import RoundDialog
from ui.dialogs.shelf_count_dialog import ShelfCountDialog
from ui.dialogs.stuck_case_dialog import StuckCaseDialog
from ui.dialogs.unlabelled_dialog import UnlabelledDialog

YTO, ZTO, JT, SF = "YT8962646785389", "73610555582883", "JT5261988016578", "SF1385628716739"
RETURN_WAYBILL = "YT8962646785390"


def log(desk: Desk, number: str, **kw) -> int:
    return desk.write(capture, number, **kw).case.id


def case_row(desk: Desk, case_id: int) -> tuple[str, str | None, StuckDetail]:
    """(status, problem type code, stuck detail) as stored."""
    with desk.database.read() as session:
        case = session.get(Case, case_id)
        ptype = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
        detail = session.get(StuckDetail, case_id)
        session.expunge(detail)
        return case.status, ptype.code if ptype else None, detail


def stuck_by_waybill(desk: Desk) -> dict[str, tuple[str | None, int | None, int | None]]:
    """waybill → (problem type code, courier id, round) of every stuck case."""
    with desk.database.read() as session:
        rows = session.execute(
            select(Waybill.waybill_no, ProblemType.code, Case.courier_id, StuckDetail.round_no)
            .join(Case, Case.waybill_id == Waybill.id)
            .join(StuckDetail, StuckDetail.case_id == Case.id)
            .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def count(desk: Desk, model) -> int:
    with desk.database.read() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def show(qtbot):
    def shown(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return shown


# --- pasting ---------------------------------------------------------------------------------------------------


def test_a_pasted_wechat_message_logs_both_numbers(qtbot, desk, prompt, show):
    already = log(desk, SF)
    dialog = show(PasteDialog(desk, prompt))
    dialog.text.setPlainText(
        f"王姐，这两个件麻烦看下：{YTO}（电话13812345678 没人接），还有 {JT}，顺丰那个{SF}昨天登记过了，谢谢！"
    )
    dialog.find()
    assert [p.waybill_no for p in dialog.found] == [YTO, JT, SF]
    assert dialog.ticked() == [YTO, JT]  # the open one is marked and left unticked
    assert f"#{already}" in dialog.numbers.item(2).text()
    dialog.problem_type.setCurrentIndex(dialog.problem_type.findData("wrong_address"))
    with qtbot.waitSignal(dialog.logged) as logged:
        qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert len(logged.args[0]) == 2
    assert stuck_by_waybill(desk) == {
        YTO: ("wrong_address", None, None),
        JT: ("wrong_address", None, None),
        SF: (None, None, None),
    }
    assert "2" in dialog.summary.text()
    assert dialog.ticked() == []  # found again: now all three are open


# --- a courier's round -----------------------------------------------------------------------------------------


def test_a_round_is_reported_with_a_reason_per_piece(qtbot, desk, prompt, state, show):
    with desk.database.write() as session:
        session.add_all(
            [
                Courier(name="张师傅", staff_no="K001"),
                Courier(name="李师傅", staff_no="K002"),
                Courier(name="王师傅", staff_no="K003", active=False),
            ]
        )
    state.scanner_suffix = "tab"
    dialog = show(RoundDialog(desk, prompt, state=state))
    assert [dialog.courier.itemText(i) for i in range(dialog.courier.count())] == ["张师傅", "李师傅"]  # active only
    dialog.courier.setCurrentIndex(dialog.courier.findText("李师傅"))
    dialog.round.setValue(2)
    for number, keys in ((YTO, "1"), (ZTO, "js"), (JT, "dzbx")):  # 关机, 拒收, 地址不详
        dialog.scan.setFocus()
        qtbot.keyClicks(dialog.scan, number)
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.picker.edit, keys)
        qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.scan, YTO)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.error.text() and dialog.flow.pending is None  # scanned twice: refused
    assert dialog.value() == [(YTO, "power_off"), (ZTO, "refused"), (JT, "vague_address")]
    with qtbot.waitSignal(dialog.reported) as reported:
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert len(reported.args[0]) == 3
    with desk.database.read() as session:
        li = session.scalar(select(Courier.id).where(Courier.name == "李师傅"))
    assert stuck_by_waybill(desk) == {
        YTO: ("power_off", li, 2),
        ZTO: ("refused", li, 2),
        JT: ("vague_address", li, 2),
    }
    assert dialog.pieces.topLevelItemCount() == 0


# --- one case in full ------------------------------------------------------------------------------------------


def test_messages_both_ways_and_the_early_return_guard(qtbot, desk, prompt, show):
    case_id = log(desk, YTO, problem_type="refused")
    dialog = show(StuckCaseDialog(desk, prompt, case_id))
    changed: list[int] = []
    dialog.changed.connect(changed.append)

    dialog.thread.text.setText("客户拒收，请问是否退回？")
    qtbot.mouseClick(dialog.thread.post_ours, Qt.MouseButton.LeftButton)
    assert case_row(desk, case_id)[0] == "awaiting_reply"
    assert not dialog.thread.asks_return.isChecked() and dialog.thread.asks_return.isEnabled()
    dialog.thread.reply_text.setText("请再派送一次")
    qtbot.keyClick(dialog.thread.reply_text, Qt.Key.Key_Return)
    assert case_row(desk, case_id)[0] == "replied"
    assert dialog.status_buttons["to_return"].isEnabled() and not dialog.status_buttons["signed"].isEnabled()
    qtbot.mouseClick(dialog.status_buttons["to_return"], Qt.MouseButton.LeftButton)
    assert case_row(desk, case_id)[0] == "to_return"
    assert dialog.return_button.isEnabled()

    # too early: refused with the date, nothing changes
    earliest = case_row(desk, case_id)[2].earliest_return_on
    prompt.texts = [RETURN_WAYBILL]  # Return… with the field empty asks for the new waybill
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert len(prompt.asked) == 1
    assert earliest.isoformat() in dialog.return_error.text()
    assert case_row(desk, case_id)[0] == "to_return"
    assert count(desk, ReturnShipment) == 0

    # they write again and ask for it back: the return is allowed and goes on its own waybill
    dialog.thread.text.setText("对方网点要求退回吗？")
    qtbot.mouseClick(dialog.thread.post_ours, Qt.MouseButton.LeftButton)
    assert dialog.thread.selected().text == "对方网点要求退回吗？"
    dialog.thread.reply_text.setText("请退回寄件人")
    dialog.thread.asks_return.setChecked(True)
    qtbot.mouseClick(dialog.thread.reply_button, Qt.MouseButton.LeftButton)
    assert case_row(desk, case_id)[2].return_agreed
    dialog.return_waybill.setText(RETURN_WAYBILL.lower())
    qtbot.keyClick(dialog.return_waybill, Qt.Key.Key_Return)
    assert dialog.return_error.text() == ""
    assert case_row(desk, case_id)[0] == "returning"
    with desk.database.read() as session:
        shipment = session.scalars(select(ReturnShipment)).one()
        assert (shipment.case_id, shipment.return_waybill_no) == (case_id, RETURN_WAYBILL)
        assert session.scalar(select(func.count()).select_from(Message).where(Message.case_id == case_id)) == 2
    assert not dialog.return_button.isEnabled()
    assert changed and set(changed) == {case_id}
    assert any(
        "请退回寄件人" in dialog.timeline.topLevelItem(i).text(3) for i in range(dialog.timeline.topLevelItemCount())
    )


def test_their_message_is_owed_first_and_answered(qtbot, desk, prompt, show):
    case_id = log(desk, ZTO, direction="outbound")
    dialog = show(StuckCaseDialog(desk, prompt, case_id))
    dialog.thread.text.setText("我方留言：收件人电话空号")
    qtbot.mouseClick(dialog.thread.post_ours, Qt.MouseButton.LeftButton)
    dialog.thread.text.setText("请核实收件地址，今天回复")
    qtbot.mouseClick(dialog.thread.record_theirs, Qt.MouseButton.LeftButton)
    first = dialog.thread.tree.topLevelItem(0)
    assert first.text(2) == "请核实收件地址，今天回复" and first.text(4)  # owed: at the top with its deadline
    assert first.background(0).color().name() == "#fde2e1"
    assert dialog.thread.owed_label.isVisible()
    assert not dialog.thread.asks_return.isEnabled()  # our reply cannot ask ourselves for the return
    dialog.thread.reply_text.setText("地址已核实，明天派送")
    qtbot.mouseClick(dialog.thread.reply_button, Qt.MouseButton.LeftButton)
    with desk.database.read() as session:
        theirs = session.scalars(select(Message).where(Message.direction == "received")).one()
        assert (theirs.reply_text, theirs.reply_at is not None) == ("地址已核实，明天派送", True)
    assert not dialog.thread.owed_label.isVisible()


def test_fields_are_saved_and_a_stale_form_is_refused(qtbot, desk, prompt, show):
    with desk.database.write() as session:
        session.add(Courier(name="张师傅", staff_no="K001"))
    case_id = log(desk, JT, problem_type="no_answer")
    dialog = show(StuckCaseDialog(desk, prompt, case_id))
    dialog.problem_type.setCurrentIndex(dialog.problem_type.findData("wrong_address"))
    dialog.shelf.setText("B-2")
    dialog.round.setValue(3)
    dialog.in_carrier_system.setChecked(True)
    dialog.courier.setCurrentIndex(dialog.courier.findText("张师傅"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    status, ptype, detail = case_row(desk, case_id)
    assert (status, ptype, detail.shelf, detail.round_no, detail.in_carrier_system) == (
        "pending",
        "wrong_address",
        "B-2",
        3,
        True,
    )
    assert stuck_by_waybill(desk)[JT][1] is not None
    assert prompt.errors == []

    # someone else saves in between: ours is refused, said so, and the dialog shows their version
    version = dialog.data.case.version
    desk.write(update_case, case_id, {"shelf": "C-9"}, expected_version=version)
    dialog.shelf.setText("D-1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(prompt.errors) == 1 and desk.actor.name in prompt.errors[0]
    assert case_row(desk, case_id)[2].shelf == "C-9"
    assert dialog.shelf.text() == "C-9" and dialog.notice.isVisible()


def test_status_buttons_follow_the_workflow_and_closing_is_confirmed(qtbot, desk, prompt, show):
    case_id = log(desk, YTO)
    dialog = show(StuckCaseDialog(desk, prompt, case_id))
    enabled = {code for code, button in dialog.status_buttons.items() if button.isEnabled()}
    assert enabled == {"awaiting_reply", "redeliver", "to_return", "forwarded", "intercepted", "to_claim", "closed"}
    assert not dialog.return_button.isEnabled()
    prompt.answers = [False]
    qtbot.mouseClick(dialog.status_buttons["closed"], Qt.MouseButton.LeftButton)
    assert case_row(desk, case_id)[0] == "pending"
    prompt.answers = [True]
    qtbot.mouseClick(dialog.status_buttons["closed"], Qt.MouseButton.LeftButton)
    assert case_row(desk, case_id)[0] == "closed"
    assert not any(button.isEnabled() for button in dialog.status_buttons.values())
    assert not dialog.save_button.isEnabled()


def test_a_quick_followup_with_its_channel(qtbot, desk, prompt, show):
    case_id = log(desk, YTO)
    dialog = show(StuckCaseDialog(desk, prompt, case_id))
    dialog.channel.setCurrentIndex(dialog.channel.findData("virtual_call"))
    type_text(dialog.followup, "虚拟号联系收件人，约明天上午派送")
    qtbot.keyClick(dialog.followup, Qt.Key.Key_Return)
    with desk.database.read() as session:
        entry = session.scalars(select(Followup).where(Followup.channel == "virtual_call")).one()
        assert (entry.case_id, entry.text) == (case_id, "虚拟号联系收件人，约明天上午派送")
    last = dialog.timeline.topLevelItem(dialog.timeline.topLevelItemCount() - 1)
    assert last.text(3) == "虚拟号联系收件人，约明天上午派送" and last.text(1) == desk.actor.name
    assert dialog.followup.text() == ""


# --- the shelf count -------------------------------------------------------------------------------------------


def test_shelf_count_lists_and_flag_lost(qtbot, desk, prompt, state, show):
    on_shelf = log(desk, YTO, shelf="A-1")
    missing = log(desk, ZTO, shelf="A-2", problem_type="no_answer")
    gone = log(desk, JT)
    desk.write(close, gone, "已签收", expected_version=desk.read(get_case, gone).version)
    state.scanner_suffix = "tab"
    dialog = show(ShelfCountDialog(desk, prompt, state=state))
    for number in (YTO, JT.lower(), "ＳＦ１３８５６２８７１６７３９", YTO):
        dialog.scan.setFocus()
        type_text(dialog.scan, number)
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Tab)
    assert dialog.numbers() == [SF, JT, YTO]  # newest first; the second YTO was refused
    assert "YT" in dialog.error.text()
    with qtbot.waitSignal(dialog.counted):
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert [dialog.closed_list.topLevelItem(i).text(0) for i in range(dialog.closed_list.topLevelItemCount())] == [JT]
    assert [dialog.missing_list.topLevelItem(i).text(0) for i in range(dialog.missing_list.topLevelItemCount())] == [
        ZTO
    ]
    assert [dialog.unknown_list.topLevelItem(i).text(0) for i in range(dialog.unknown_list.topLevelItemCount())] == [SF]
    assert not dialog.scan.isEnabled()
    with desk.database.read() as session:
        stored = session.scalars(select(ShelfCount)).one()
        assert (stored.scanned, stored.on_shelf_open, stored.on_shelf_closed, stored.not_scanned, stored.unknown) == (
            3,
            1,
            1,
            1,
            1,
        )
    assert case_row(desk, on_shelf)[2].on_shelf_checked_at is not None

    prompt.answers = [False]
    qtbot.mouseClick(dialog.flag_button, Qt.MouseButton.LeftButton)
    assert case_row(desk, missing)[1] == "no_answer"
    prompt.answers = [True]
    with qtbot.waitSignal(dialog.flagged):
        qtbot.mouseClick(dialog.flag_button, Qt.MouseButton.LeftButton)
    assert case_row(desk, missing)[1] == "suspected_lost"
    with desk.database.read() as session:
        assert session.scalars(select(ShelfCount)).one().flagged_lost == 1
    assert not dialog.flag_button.isEnabled()


# --- unlabelled parcels ----------------------------------------------------------------------------------------


def test_unlabelled_parcel_registered_and_resolved(qtbot, desk, prompt, show):
    lost = log(desk, YTO, problem_type="suspected_lost", detail="蓝色纸箱，里面是运动鞋")
    dialog = show(UnlabelledDialog(desk, prompt))
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert "description" in dialog.errors.messages() and count(desk, UnlabelledParcel) == 0

    type_text(dialog.description, "蓝色纸箱，运动鞋一双")
    dialog.carrier.setCurrentIndex(dialog.carrier.findData("YTO"))
    dialog.found_where.setText("分拣区角落")
    dialog.shelf.setText("Z-1")
    with qtbot.waitSignal(dialog.registered) as registered:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    parcel_id = registered.args[0]
    assert dialog.selected_parcel() == parcel_id
    assert dialog.selected_match() is not None and dialog.selected_match().case_id == lost
    assert dialog.candidate_list.topLevelItem(0).text(2) == YTO

    prompt.answers = [False]
    qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    with desk.database.read() as session:
        assert session.get(UnlabelledParcel, parcel_id).resolved_at is None
    prompt.answers = [True]
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    with desk.database.read() as session:
        parcel = session.get(UnlabelledParcel, parcel_id)
        assert (parcel.matched_case_id, parcel.resolved_at is not None, parcel.shelf) == (lost, True, "Z-1")
    assert case_row(desk, lost)[0] == "closed"
    assert dialog.parcel_list.topLevelItemCount() == 0


def test_an_unreadable_photo_is_shown_next_to_its_field(qtbot, desk, prompt, show, tmp_path):
    not_a_photo = tmp_path / "photo.jpg"
    not_a_photo.write_text("not an image")
    dialog = show(UnlabelledDialog(desk, prompt))
    dialog.description.setText("黑色塑料袋")
    dialog.photo_path.setText(str(not_a_photo))
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert "photo.jpg" in dialog.errors.messages()["photo_path"]
    assert count(desk, UnlabelledParcel) == 0 and prompt.errors == []


def test_the_photo_is_chosen_with_a_file_dialog_and_stored(qtbot, desk, prompt, show, tmp_path):
    from PIL import Image

    photo = tmp_path / "无头件 照片.png"
    Image.new("RGB", (40, 30), "red").save(photo)
    dialog = show(UnlabelledDialog(desk, prompt))
    prompt.files = [None, str(photo)]  # first the clerk cancels the file dialog
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.photo_path.text() == ""
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.photo_path.text() == str(photo)
    dialog.description.setText("红色小盒")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert prompt.errors == [] and dialog.errors.messages() == {}
    with desk.database.read() as session:
        parcel = session.scalars(select(UnlabelledParcel)).one()
        assert parcel.photo_id is not None


def test_esc_does_not_throw_away_an_unfinished_count(qtbot, desk, prompt, show):
    dialog = show(ShelfCountDialog(desk, prompt))
    qtbot.keyClicks(dialog.scan, YTO)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    prompt.answers = [False]
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.numbers() == [YTO]
    assert "1" in prompt.questions[-1]
    prompt.answers = [True]
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert count(desk, ShelfCount) == 0


def test_esc_does_not_throw_away_unreported_pieces(qtbot, desk, prompt, show):
    with desk.database.write() as session:
        session.add(Courier(name="张师傅", staff_no="K001"))
    dialog = show(RoundDialog(desk, prompt))
    qtbot.keyClicks(dialog.scan, YTO)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Escape)  # Esc in the type field skips the type only
    assert dialog.value() == [(YTO, None)] and dialog.isVisible() and prompt.questions == []
    prompt.answers = [False]
    dialog.reject()
    assert dialog.isVisible() and len(prompt.questions) == 1
