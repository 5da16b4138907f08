"""The lookup centre as a clerk uses it on the phone: Ctrl+K, a few digits of the waybill, Enter — then the parcel's
timeline, the recipient's flags (set by an earlier complaint) and whom to call, with phones copied by a click;
a flag added and removed by hand; a record opened; pinyin initials finding the directory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from app import stuck
from app.complaints import NewComplaint, log_complaint
from app.directory.couriers import CourierForm, assign_area, save_courier
from app.directory.places import AreaForm, PlaceForm, save_area, save_place
from app.flags import FLAG_KINDS
from db.models import RecipientFlag, Waybill
from ui.main_window import MainWindow
from ui.pages.lookup_page import CaseRole

NUMBER = "YT7730123456789"
PHONE = "13812345678"


@pytest.fixture
def parcel(desk) -> dict[str, int]:
    """A parcel for 红星路12号 with a stuck case and a complaint from its recipient; 张三 covers 红星片区."""
    actor = desk.actor
    with desk.database.write() as session:
        area = save_area(session, AreaForm("红星片区", keywords=("红星路",)), actor=actor)
        save_place(session, PlaceForm("station", "红星驿站", area_id=area.id, phone="02788886666"), actor=actor)
        zhang = save_courier(session, CourierForm("张三", staff_no="A01", phone="13900001111"), actor=actor)
        assign_area(session, zhang.id, area.id, actor=actor)
        captured = stuck.capture(session, NUMBER, actor=actor, problem_type="no_answer", address="红星路12号")
        waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == NUMBER))
        assert waybill is not None
        waybill.recipient_phone, waybill.recipient_phone_tail = PHONE, PHONE[-4:]
        complaint = log_complaint(
            session,
            NewComplaint(NUMBER, source="12305", category="延误", caller_phone=PHONE, opened_at=datetime.now(UTC)),
            actor=actor,
        )
    return {"stuck": captured.case.id, "complaint": complaint.id}


def _look_up(qtbot, window: MainWindow, text: str) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.navigation, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    window.search.selectAll()
    qtbot.keyClicks(window.search, text)
    with qtbot.waitSignal(window.lookup_page.looked_up, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)


def test_ctrl_k_shows_the_timeline_flags_and_whom_to_call(qtbot, window, parcel) -> None:
    _look_up(qtbot, window, "456789")
    page = window.lookup_page
    top = page.tree.topLevelItem(0)
    assert top.text(0) == NUMBER and "⚠" in top.text(3)
    kinds = {top.child(i).text(0) for i in range(top.childCount())}
    assert {QCoreApplication.translate("LookupPage", k) for k in ("Stuck parcel", "Complaint")} <= kinds
    assert page.tree.currentItem() is top
    flags = [page.panel.flags.item(i).text() for i in range(page.panel.flags.count())]
    assert any(FLAG_KINDS["complained"] in f for f in flags)
    assert any(FLAG_KINDS["went_12305"] in f for f in flags)
    calls = page.panel.calls
    rows = [[calls.topLevelItem(i).text(c) for c in range(3)] for i in range(calls.topLevelItemCount())]
    courier = next(row for row in rows if row[1] == "张三")
    assert courier[2] == "13900001111"
    row = calls.visualItemRect(calls.topLevelItem(rows.index(courier)))
    phone_cell = QPoint(calls.columnViewportPosition(2) + 5, row.center().y())
    with qtbot.waitSignal(page.waybill_copied) as copied:
        qtbot.mouseClick(calls.viewport(), Qt.MouseButton.LeftButton, pos=phone_cell)
    assert copied.args == ["13900001111"] and QGuiApplication.clipboard().text() == "13900001111"


def test_a_flag_is_added_and_removed_by_hand(qtbot, window, desk, prompt, parcel) -> None:
    _look_up(qtbot, window, NUMBER)
    page = window.lookup_page
    qtbot.mouseClick(page.panel.add_flag, Qt.MouseButton.LeftButton)
    dialog = page.flag_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.phone.text() == PHONE and dialog.address.text() == "红星路12号"  # from the parcel
    dialog.flag.setCurrentIndex(dialog.flag.findData("door_only"))
    dialog.note.setText("家里有老人，送上门")
    with qtbot.waitSignal(page.looked_up, timeout=5000):  # the search runs again with the new flag
        dialog.save()
    texts = [page.panel.flags.item(i).text() for i in range(page.panel.flags.count())]
    door = next(i for i, t in enumerate(texts) if FLAG_KINDS["door_only"] in t)
    assert "家里有老人" in texts[door]

    prompt.answers.append(True)
    page.panel.flags.setCurrentRow(door)
    with qtbot.waitSignal(page.looked_up, timeout=5000):
        qtbot.mouseClick(page.panel.remove_flag, Qt.MouseButton.LeftButton)
    assert not any(FLAG_KINDS["door_only"] in page.panel.flags.item(i).text() for i in range(page.panel.flags.count()))
    with desk.database.read() as session:
        assert set(session.scalars(select(RecipientFlag.flag))) == {"complained", "went_12305"}


def test_enter_on_a_record_opens_its_case(qtbot, window, parcel) -> None:
    _look_up(qtbot, window, NUMBER)
    page = window.lookup_page
    top = page.tree.topLevelItem(0)
    record = next(top.child(i) for i in range(top.childCount()) if top.child(i).data(0, CaseRole) is not None)
    case_id, kind = record.data(0, CaseRole)
    with qtbot.waitSignal(page.case_requested) as opened:
        page.tree.setCurrentItem(record)
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == [case_id, kind]
    qtbot.waitUntil(lambda: case_id in window.opener.dialogs, timeout=5000)
    window.opener.dialogs[case_id].reject()


def test_pinyin_initials_find_the_directory(qtbot, window, parcel) -> None:
    _look_up(qtbot, window, "hxyz")
    page = window.lookup_page
    group = page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)
    names = [group.child(i).text(0) for i in range(group.childCount())]
    assert "红星驿站" in names


def test_the_evidence_pack_is_built_for_the_parcel_on_show(qtbot, window, prompt, parcel, tmp_path) -> None:
    import subprocess
    import zipfile

    _look_up(qtbot, window, "456789")
    page = window.lookup_page
    assert page.panel.evidence.isEnabled()
    target = tmp_path / "证据包"  # no suffix typed: .pdf is added, the zip goes beside it
    prompt.files.append(str(target))
    with qtbot.waitSignal(page.evidence.written, timeout=20_000) as written:
        qtbot.mouseClick(page.panel.evidence, Qt.MouseButton.LeftButton)
    pack = written.args[0]
    assert pack.path == tmp_path / "证据包.pdf" and pack.zip_path == tmp_path / "证据包.zip"
    text = subprocess.run(["pdftotext", str(pack.path), "-"], capture_output=True, text=True, check=True).stdout
    assert NUMBER in text and PHONE not in text and "138****5678" in text  # masked, as every export
    assert zipfile.ZipFile(pack.zip_path).namelist()[0].endswith(".pdf")
    assert "证据包.pdf" in window.statusBar().currentMessage()


def test_a_claim_in_the_timeline_opens_the_claim(qtbot, window, desk, parcel) -> None:
    from app.claims.records import NewClaim, create_claim

    claim = desk.write(create_claim, NewClaim(NUMBER))
    _look_up(qtbot, window, "456789")
    top = window.lookup_page.tree.topLevelItem(0)
    row = next(top.child(i) for i in range(top.childCount()) if top.child(i).data(0, CaseRole) == (claim.id, "claim"))
    window.lookup_page.tree.setCurrentItem(row)
    qtbot.keyClick(window.lookup_page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: claim.id in window.opener.claim_dialogs, timeout=5000)
    assert window.opener.claim_dialogs[claim.id].data.claim.claim_no == claim.claim_no
    window.opener.claim_dialogs[claim.id].reject()
