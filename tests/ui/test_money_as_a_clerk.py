"""Money at risk driven like a clerk would: the morning's interception list imported through the wizard, one of
its parcels scanned at the stuck-parcel bar (the warning shows), marked intercepted in its case dialog, and the
money-at-risk queue one shorter; a single request taken on the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.cases import get_case
from app.intercepts import NewIntercept, log_intercept
from tests.import_files import write_xlsx
from tests.ui.test_scan_bar import scan
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.pages.money_page import MoneyPage
from ui.widgets.scan_bar import ScanBar

NOW = datetime.now(UTC).replace(microsecond=0)
FIRST, SECOND = "YT8962646785311", "YT8962646785312"


def intercept_list(path):
    applied = (NOW - timedelta(hours=1)).astimezone(UTC).replace(tzinfo=None) + timedelta(hours=8)  # local time
    return write_xlsx(
        path,
        [
            ["拦截件清单"],
            ["运单号", "拦截类型", "申请人", "新地址", "申请时间"],
            [FIRST, "退回", "寄件人", None, applied],
            [SECOND, "改址", "淘宝商家", "杭州市文三路 90 号", applied],
        ],
    )


def test_an_imported_interception_warns_at_the_scan_and_leaves_the_queue_when_intercepted(
    qtbot, desk, runner, prompt, state, tmp_path
):
    page = MoneyPage(desk, runner, prompt, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)
    assert page.items() == []

    wizard = ImportWizard(desk, runner, prompt, path=intercept_list(tmp_path / "拦截件.xlsx"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    target = wizard.source_page.target
    target.setCurrentIndex(target.findData("intercept"))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    assert wizard.mapping_page.missing.isHidden()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.check_page.dry is not None, timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=10_000)
    wizard.reject()

    page.refresh()
    qtbot.waitUntil(lambda: len(page.items()) == 2, timeout=5000)
    assert {item.waybill_no for item in page.items()} == {FIRST, SECOND}
    assert {item.reason for item in page.items()} == {"intercept"}
    before = sum(page.queue.counts.values())

    bar = ScanBar(desk, prompt, state)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    scan(qtbot, bar, SECOND, Qt.Key.Key_Return)
    assert bar.intercept.isVisible()
    assert "拦截件（改址" in bar.intercept.text() and "杭州市文三路 90 号" in bar.intercept.text()

    case_id = next(item.case_id for item in page.items() if item.waybill_no == SECOND)
    dialog = CaseDialog(desk, runner, prompt, case_id, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.data is not None and bool(dialog.status_buttons), timeout=5000)
    qtbot.waitUntil(lambda: dialog.status_buttons["intercepted"].isEnabled(), timeout=5000)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.status_buttons["intercepted"], Qt.MouseButton.LeftButton)
    assert desk.read(get_case, case_id).status == "intercepted"

    page.refresh()
    qtbot.waitUntil(lambda: len(page.items()) == 1, timeout=5000)
    assert [item.waybill_no for item in page.items()] == [FIRST]
    assert sum(page.queue.counts.values()) == before - 1
    again = ScanBar(desk, prompt, state)  # the next clerk at the bar, with the pulled parcel
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    scan(qtbot, again, SECOND, Qt.Key.Key_Return)
    assert "拦截件（改址，已拦截）" in again.intercept.text()  # pulled, still not to go out


def test_a_single_request_taken_on_the_page_joins_the_queue(qtbot, desk, runner, prompt):
    page = MoneyPage(desk, runner, prompt, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)
    dialog = page.new_intercept()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=5000)
    dialog.waybill.setText(FIRST)
    dialog.request.setCurrentIndex(dialog.request.findData("readdress"))
    dialog.save()
    assert "new_address" in dialog.errors.messages()  # a re-address needs its address
    dialog.new_address.setText("文三路 90 号")
    with qtbot.waitSignal(page.logged, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: [i.waybill_no for i in page.items()] == [FIRST], timeout=5000)
    item = page.items()[0]
    assert item.reason == "intercept" and item.cost > 0
    assert page.tree.topLevelItem(0).text(2) == "拦截（下一趟派送前）"
    assert page.summary.text()
    # a second request for the same parcel lands on the open one
    again = desk.write(log_intercept, NewIntercept(FIRST, request="return"))
    assert again.id == item.case_id


def test_a_fine_is_recorded_appealed_late_with_the_managers_pin_and_reduced(
    qtbot, desk, runner, prompt, manager, manager_pin
):
    from decimal import Decimal

    from app.fine_views import get_fine
    from app.fines import NewFine, record_fine

    page = MoneyPage(desk, runner, prompt, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)
    page.tabs.setCurrentWidget(page.fines)
    tab = page.fines
    qtbot.mouseClick(tab.list.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.waybill.setText(FIRST)
    dialog.amount.setText("一百")
    dialog.accept()
    assert "amount" in dialog.errors.messages() and dialog.isVisible()
    dialog.amount.setText("¥150")
    dialog.reason.setCurrentIndex(dialog.reason.findData("fake_signing"))
    dialog.accept()
    assert not dialog.isVisible(), (prompt.errors, dialog.errors.messages())
    assert [f.reason_label for f in tab.list.rows] == ["虚假签收"]
    fine = tab.list.rows[0]
    assert fine.amount == Decimal("150.00") and fine.appeal_due_at is not None  # the default appeal days
    qtbot.waitUntil(lambda: any(i.reason == "fine_appeal" for i in page.items()), timeout=5000)

    late = desk.write(
        record_fine, NewFine(SECOND, "late", Decimal("20"), NOW - timedelta(days=9), NOW - timedelta(days=2))
    )
    tab.refresh()
    tab.list.select(late.id)
    prompt.pins.append(manager_pin)
    qtbot.mouseClick(tab.appeal_button, Qt.MouseButton.LeftButton)  # past its deadline: the manager approves
    assert len(prompt.pin_reasons) == 1 and prompt.errors == []
    assert desk.read(get_fine, late.id).result == "appealed"
    tab.list.select(late.id)
    prompt.texts.append("12")
    qtbot.mouseClick(tab.reduce_button, Qt.MouseButton.LeftButton)
    reduced = desk.read(get_fine, late.id)
    assert (reduced.result, reduced.amount) == ("reduced", Decimal("12.00"))
    assert late.id not in [f.id for f in tab.list.rows]  # open only: decided fines leave the list


def test_an_early_return_is_recorded_and_reported_from_its_tab(qtbot, desk, runner, prompt):
    page = MoneyPage(desk, runner, prompt, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)
    page.tabs.setCurrentWidget(page.returns)
    tab = page.returns
    prompt.texts.append(FIRST)
    qtbot.mouseClick(tab.list.add_button, Qt.MouseButton.LeftButton)
    assert [r.waybill_no for r in tab.list.rows] == [FIRST] and prompt.errors == []
    assert tab.list.rows[0].report_due_at == NOW + timedelta(days=7)
    qtbot.waitUntil(lambda: [i.reason for i in page.items()] == ["early_return"], timeout=5000)
    assert tab.report_button.isEnabled() and not tab.back_button.isEnabled()  # it is back already
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    assert tab.list.rows == []  # reported: off the report
    qtbot.waitUntil(lambda: page.items() == [], timeout=5000)


def test_an_arbitration_is_filed_answered_and_decided_from_its_tab(qtbot, desk, runner, prompt):
    from decimal import Decimal

    from app.arbitration import get_arbitration

    page = MoneyPage(desk, runner, prompt, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=5000)
    page.tabs.setCurrentWidget(page.arbitrations)
    tab = page.arbitrations
    prompt.texts.extend([FIRST, "城西网点"])
    qtbot.mouseClick(tab.list.add_button, Qt.MouseButton.LeftButton)
    assert [(a.waybill_no, a.other_party) for a in tab.list.rows] == [(FIRST, "城西网点")], prompt.errors
    filed = tab.list.rows[0]
    assert filed.reply_due_at is not None and filed.reply_due_at > NOW  # the default reply days
    qtbot.waitUntil(lambda: [i.reason for i in page.items()] == ["arbitration"], timeout=5000)
    prompt.texts.append("已提交签收底单和通话录音")
    qtbot.mouseClick(tab.reply_button, Qt.MouseButton.LeftButton)
    assert tab.list.rows[0].reply_due_at is None  # answered: nothing owed
    qtbot.waitUntil(lambda: page.items() == [], timeout=5000)
    prompt.texts.extend(["判定双方各担一半", "50", "300"])
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)
    decided = desk.read(get_arbitration, filed.id)
    assert (decided.our_share_pct, decided.amount, decided.our_amount) == (
        Decimal("50.00"),
        Decimal("300.00"),
        Decimal("150.00"),
    )
    assert tab.list.rows == []  # undecided only
