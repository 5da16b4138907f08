"""Flags where the clerk captures: the chase form's warning banner names the caller's flags as the phone is typed
(no repeat needed), and the scan bar names the recipient's flags as the parcel is scanned."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.carriers import find_or_create_waybill
from app.flags import FLAG_KINDS, set_flag
from tests.ui.test_scan_bar import scan
from ui.dialogs.chase_dialog import ChaseDialog
from ui.widgets.scan_bar import ScanBar

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
YTO = "YT8962646785389"


def test_the_chase_form_warns_of_a_flagged_caller(qtbot, desk, runner, prompt) -> None:
    with desk.database.write() as session:
        set_flag(session, flag="door_only", phone="13812345678", note="家里有老人", actor=desk.actor)
    dialog = ChaseDialog(desk, runner, prompt, "inbound", clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=5000)
    assert dialog.banner.isHidden()
    qtbot.keyClicks(dialog.caller_phone, "13812345678")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert FLAG_KINDS["door_only"] in dialog.banner.text() and "家里有老人" in dialog.banner.text()
    assert dialog.banner.count == 0  # no repeat: the flag alone raised it
    dialog.caller_phone.clear()
    qtbot.keyClicks(dialog.caller_phone, "13900000000")
    qtbot.waitUntil(lambda: dialog.banner.isHidden(), timeout=5000)


def test_the_scan_bar_names_the_recipients_flags(qtbot, desk, prompt, state) -> None:
    with desk.database.write() as session:
        waybill = find_or_create_waybill(session, YTO)
        waybill.recipient_address = "红星路12号"
        set_flag(session, flag="leave_with_guard", address="红星路12号", actor=desk.actor)
    bar = ScanBar(desk, prompt, state, clock=lambda: NOW)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    scan(qtbot, bar, YTO, Qt.Key.Key_Return)
    assert "⚠" in bar.status.text() and FLAG_KINDS["leave_with_guard"] in bar.status.text()
