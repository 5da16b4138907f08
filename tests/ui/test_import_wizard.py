"""The import wizard driven like a clerk would: a real workbook whose header the synonyms do not fully map, one
column fixed with the keyboard, a dry run that writes nothing, the import, the reconcile and the rejected rows;
Cancel during the import; a hostile file; a pasted table with its waybill column missing; the main window's
Ctrl+I and a file dropped on it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import func, select

from app import stuck
from app.desk import Desk
from app.imports import run as import_run
from app.imports.checking import Rejected
from app.imports.mapping import TARGETS
from app.imports.readers import ImportRefused, read_file
from app.messages import text as message_text
from db.models import Case, ImportBatch, ImportProfile, ProblemType, Waybill
from tests.import_files import sheets_xlsx, text_as, write_xlsx
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.import_wizard_pages import TARGET_LABELS
from ui.dialogs.stuck_case_dialog import StuckCaseDialog
from ui.tasks import ProgressDialog
from ui.widgets.common import message_language

OURS = "YT8962646785301"  # our own open stuck case, never registered with the carrier, not in the file
HEADER = ["运单号", "快递公司", "异常件说明", "登记时间", "收件人电话", "留言内容"]
SAYS = 2  # the column "异常件说明": no synonym matches it; the clerk maps it to 问题类型 by hand
GOOD = [
    [773012345678901, "圆通", "地址不详", datetime(2026, 11, 21, 9, 30), "13812345678", "请核实地址"],
    [773012345678902, "中通", "拒收", datetime(2026, 11, 21, 10, 0), "13912345678", "客户拒收请退回"],
    [773012345678903, "中通", "外星人", datetime(2026, 11, 21, 11, 0), None, None],
]
BAD_ROW = ["bad", "中通", "拒收", "xx", None, None]  # row 6 as the spreadsheet shows it (title row 1, header 2)


def stuck_list(path: Path, rows: list[list[object]] | None = None) -> Path:
    body = rows if rows is not None else [*GOOD, BAD_ROW]
    return write_xlsx(path, [["城东网点问题件清单"], HEADER, *body, ["合计", None, None, None, None, None]])


@pytest.fixture
def ours(desk: Desk) -> int:
    """One open stuck parcel we registered ourselves three days ago and never put into the carrier system."""

    def create(session, *, actor) -> int:
        opened = datetime.now(UTC) - timedelta(days=3)
        return stuck.capture(session, OURS, actor=actor, problem_type="no_answer", at=opened).case.id

    return desk.write(create)


@pytest.fixture
def wizard_on(qtbot, desk, runner, prompt):
    def make(path: Path | None = None) -> ImportWizard:
        wizard = ImportWizard(desk, runner, prompt, path=path)
        qtbot.addWidget(wizard)
        with qtbot.waitExposed(wizard):
            wizard.show()
        with qtbot.waitActive(wizard):
            wizard.activateWindow()
        return wizard

    return make


def counts(desk: Desk) -> tuple[int, int, int]:
    """Cases, waybills and import batches in the database."""

    def read(session) -> tuple[int, int, int]:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (Case, Waybill, ImportBatch))

    return desk.read(read)


def press_enter(qtbot, wizard: ImportWizard) -> None:
    """Enter where the focus is: the wizard's default button (Next, Import, Finish) takes it."""
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)


def to_mapping(qtbot, wizard: ImportWizard) -> None:
    wizard.source_page.target.setFocus()
    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)


def shown(summary) -> dict[str, str]:
    return {key: label.text() for key, label in summary.counts.items()}


def tree_rows(tree) -> list[list[str]]:
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


def test_a_stuck_list_mapped_by_hand_dry_run_then_imported(qtbot, desk, ours, wizard_on, prompt, tmp_path):
    path = stuck_list(tmp_path / "问题件.xlsx")
    before = counts(desk)
    assert before == (1, 1, 0)
    wizard = wizard_on(path)
    assert wizard.source_page.path.text() == str(path)
    assert wizard.source_page.target.currentData() == "stuck"
    to_mapping(qtbot, wizard)

    page = wizard.mapping_page
    assert page.header_note.text().startswith(
        page.tr("Header found on row {row}; {count} data rows.").format(row=2, count=4)
    )
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == HEADER
    assert page.table.item(0, 1).text().startswith("773012345678901")  # long numbers exact, not 7.73e14
    combos = page.table.combos
    assert combos[SAYS].currentData() is None, "the synonyms leave 异常件说明 unmapped"
    assert page.table.value() == {0: "waybill_no", 1: "carrier", 3: "event_at", 4: "recipient_phone", 5: "message_text"}
    assert page.missing.isHidden() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    combos[0].setFocus()  # Tab walks from combo box to combo box, the row follows
    qtbot.keyClick(combos[0], Qt.Key.Key_Tab)
    qtbot.keyClick(combos[1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is combos[SAYS]
    assert page.table.currentRow() == SAYS
    for _ in range(combos[SAYS].findData("problem_type")):
        qtbot.keyClick(combos[SAYS], Qt.Key.Key_Down)
    assert combos[SAYS].currentData() == "problem_type"
    assert page.table.value()[SAYS] == "problem_type"

    press_enter(qtbot, wizard)  # Next: the dry run
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.dry is not None, timeout=10_000)
    assert wizard.currentPage() is check
    assert shown(check.summary) == {
        "rows": "4", "created": "3", "updated": "0", "unchanged": "0", "rejected": "1", "folded": "0", "linked": "0"
    }  # fmt: skip
    assert check.summary.tabs.count() == 1, "a dry run lists the rejected rows only: its cases were rolled back"
    assert counts(desk) == before, "the dry run wrote nothing"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.isEnabled() and commit.text() == wizard.tr("&Import")

    press_enter(qtbot, wizard)  # Import
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=10_000)
    summary = wizard.result_page.summary
    assert shown(summary) == {
        "rows": "4", "created": "3", "updated": "0", "unchanged": "0", "rejected": "1", "folded": "0", "linked": "0"
    }  # fmt: skip
    assert "外星人" in summary.unknown.text() and summary.unknown.isVisible()
    assert "地址不详" not in summary.unknown.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled(), "no way back past the import"

    titles = [summary.tabs.tabText(i) for i in range(summary.tabs.count())]
    assert titles[0] == summary.tr("New ({count})").format(count=3)
    assert titles[4] == summary.tr("Not registered with the carrier ({count})").format(count=1)
    assert titles[-1] == summary.tr("Rejected ({count})").format(count=1)
    assert [row[0] for row in tree_rows(summary.reconcile["new"])] == [str(r[0]) for r in GOOD]
    unregistered = tree_rows(summary.reconcile["unregistered"])
    assert len(unregistered) == 1 and unregistered[0][0] == OURS
    assert unregistered[0][1] and unregistered[0][2], "status and opening time shown"
    assert tree_rows(summary.reconcile["vanished"]) == []
    assert [(row[0], row[1]) for row in tree_rows(summary.rejected)] == [("6", "运单号"), ("6", "登记时间")]

    def imported(session) -> list[tuple[str, str | None]]:
        rows = session.execute(
            select(Waybill.waybill_no, ProblemType.name)
            .join(Case, Case.waybill_id == Waybill.id)
            .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
            .where(Case.kind == "stuck", Waybill.waybill_no != OURS)
            .order_by(Waybill.waybill_no)
        )
        return [tuple(row) for row in rows]

    assert desk.read(imported) == [
        ("773012345678901", "地址不详"),
        ("773012345678902", "拒收"),
        ("773012345678903", None),  # 外星人 is not in the catalogue: kept as text, reported above
    ]
    assert counts(desk) == (4, 4, 1)

    summary.tabs.setCurrentWidget(summary.reconcile["unregistered"])
    summary.reconcile["unregistered"].setFocus()
    with qtbot.waitSignal(wizard.case_requested) as opened:
        qtbot.keyClick(summary.reconcile["unregistered"], Qt.Key.Key_Return)
    assert opened.args == [ours]
    assert wizard.isVisible(), "Enter on the list opened the case, it did not press Finish"

    target = tmp_path / "拒收行.xlsx"
    prompt.files.append(str(target))
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(summary.saved.text()), timeout=10_000)
    assert prompt.asked[-1][1].endswith("问题件_拒收行.xlsx"), "suggested beside the source file"
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    lines = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [line[0] for line in lines if line and line[0] == "bad"] == ["bad"]
    assert any("运单号" in str(cell) for line in lines for cell in line if cell)

    summary.tabs.tabBar().setFocus()
    qtbot.keyClick(summary.tabs.tabBar(), Qt.Key.Key_Return)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_a_saved_profile_maps_the_same_header_next_time(qtbot, desk, wizard_on, tmp_path):
    path = stuck_list(tmp_path / "问题件.xlsx", GOOD[:1])
    wizard = wizard_on(path)
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    page.table.choose(SAYS, "problem_type")
    qtbot.keyClick(page.save, Qt.Key.Key_Space)
    assert page.profile_name.isEnabled() and page.profile_name.hasFocus()
    qtbot.keyClick(page.profile_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.profile_name.insert("城东问题件")  # QTest cannot type Chinese; an input method inserts it like this
    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.dry is not None, timeout=10_000)
    profiles = desk.read(lambda s: [(p.name, p.kind) for p in s.scalars(select(ImportProfile))])
    assert profiles == [("城东问题件", "stuck")]
    wizard.reject()
    qtbot.waitUntil(lambda: not wizard.isVisible())

    again = wizard_on(path)
    to_mapping(qtbot, again)
    assert again.mapping_page.table.combos[SAYS].currentData() == "problem_type"
    assert "城东问题件" in again.mapping_page.header_note.text()


def test_cancel_during_the_import_leaves_the_database_as_it_was(qtbot, desk, wizard_on, monkeypatch, tmp_path):
    rows = [[773012345600000 + i, "圆通", "拒收", datetime(2026, 11, 21, 9, 0), None, None] for i in range(1200)]
    path = stuck_list(tmp_path / "big.xlsx", rows)
    reached, go_on = threading.Event(), threading.Event()
    real_import = import_run.run_import

    def gated(*args, progress, cancelled, dry_run=False, **kwargs):
        """The real import, held inside its write transaction (rows written, not committed) until Cancel."""

        def held(done: int, total: int) -> None:
            if not dry_run and len(rows) < done < total:
                reached.set()
                go_on.wait(10)
            progress(done, total)

        return real_import(*args, progress=held, cancelled=cancelled, dry_run=dry_run, **kwargs)

    monkeypatch.setattr(import_run, "run_import", gated)  # what Desk.run_import calls
    before = counts(desk)
    wizard = wizard_on(path)
    to_mapping(qtbot, wizard)
    wizard.mapping_page.table.choose(SAYS, "problem_type")
    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.dry is not None, timeout=20_000)
    assert wizard.check_page.summary.counts["created"].text() == "1200"

    press_enter(qtbot, wizard)  # Import
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in wizard.findChildren(ProgressDialog)))
    dialog = next(d for d in wizard.findChildren(ProgressDialog) if d.isVisible())
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled(), "no second import while one runs"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc on the progress dialog is its Cancel
    go_on.set()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20_000)

    assert wizard.currentPage() is wizard.check_page
    assert wizard.check_page.status.text() == import_run.ImportCancelled().message(message_language())
    assert counts(desk) == before
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled(), "the clerk may try again"


def test_the_sheet_picker_reads_another_sheet(qtbot, wizard_on, tmp_path):
    wizard = wizard_on(sheets_xlsx(tmp_path / "多表.xlsx"))
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    assert page.sheet.isVisible()
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["说明", "旧数据", "滞留件", "汇总"]
    assert page.sheet.currentText() == "滞留件", "the first visible sheet with data"
    assert page.table.rowCount() == 6 and page.missing.isHidden()

    page.sheet.setFocus()
    qtbot.keyClick(page.sheet, Qt.Key.Key_Down)  # a closed combo box: Down picks the next sheet
    qtbot.waitUntil(lambda: wizard.loaded is not None and wizard.loaded.table.sheet == "汇总", timeout=10_000)
    assert page.sheet.currentText() == "汇总"
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["快递公司", "件数"]
    assert "运单号" in page.missing.text() and page.missing.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_every_import_kind_has_a_name_in_the_wizard():
    assert list(TARGET_LABELS) == list(TARGETS)


def test_a_hostile_file_shows_one_sentence(qtbot, wizard_on, tmp_path):
    path = text_as(tmp_path / "问题件.xlsx")
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    wizard = wizard_on(path)
    wizard.source_page.target.setFocus()
    press_enter(qtbot, wizard)
    error = wizard.source_page.error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == refused.value.message(message_language())
    assert "\n" not in error.text() and "Traceback" not in error.text()
    assert wizard.currentPage() is wizard.source_page
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_pasted_table_without_a_waybill_column_waits_for_one(qtbot, desk, wizard_on):
    pasted = "单据\t问题类型\t登记时间\n773012345678901\t拒收\t2026-11-21 09:30\n773012345678902\t地址不详\t\n"
    QGuiApplication.clipboard().setText(pasted)
    wizard = wizard_on()
    source = wizard.source_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "nothing chosen yet"
    source.target.setFocus()
    qtbot.keyClick(source.target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert source.from_paste.isChecked() and source.paste.toPlainText() == pasted
    assert source.paste.hasFocus()
    qtbot.keyClick(source.paste, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # the text box keeps Enter
    to_mapping(qtbot, wizard)

    page = wizard.mapping_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert page.sheet.isHidden()
    assert page.missing.isVisible() and "运单号" in page.missing.text()
    assert not next_button.isEnabled()
    page.table.choose(0, "waybill_no")
    assert page.missing.isHidden() and next_button.isEnabled()

    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.dry is not None, timeout=10_000)
    assert wizard.check_page.summary.counts["created"].text() == "2"
    assert counts(desk) == (0, 0, 0)


def test_ctrl_i_and_a_dropped_file_open_the_wizard(qtbot, window, tmp_path):
    qtbot.keyClick(window.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible() and wizard.currentPage() is wizard.source_page
    assert wizard.source_page.path.text() == ""
    qtbot.keyClick(wizard.source_page.target, Qt.Key.Key_Escape)  # Esc cancels
    qtbot.waitUntil(lambda: window.import_wizard is None)

    def drag(path: Path) -> tuple[QDragEnterEvent, QMimeData]:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        enter = QDragEnterEvent(
            QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        )
        enter.setAccepted(False)
        QApplication.sendEvent(window, enter)
        return enter, mime

    assert window.acceptDrops(), "Qt delivers no drag events to a window that does not accept drops"
    photo = tmp_path / "face.png"
    photo.write_bytes(b"\x89PNG")
    assert not drag(photo)[0].isAccepted(), "only table files are taken"

    path = stuck_list(tmp_path / "问题件.xlsx")
    enter, mime = drag(path)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.source_page.path.text() == str(path)
    wizard.reject()
    qtbot.waitUntil(lambda: window.import_wizard is None)


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_the_window_opens_a_reconcile_case_over_the_wizard_and_reloads_after_an_import(qtbot, window, cases):
    wizard = window.open_import()
    wizard.case_requested.emit(cases[0])  # cases[0] is a stuck parcel
    dialog = wizard.findChild(StuckCaseDialog)
    assert dialog is not None and dialog.case_id == cases[0]
    qtbot.waitUntil(dialog.isVisible)
    assert window.open_import() is wizard, "one wizard at a time"

    result = import_run.ImportResult("stuck", "问题件.xlsx", "Sheet1", rows=5, created=3, unchanged=1)
    result.rejected.append(Rejected(6, "运单号", "不像运单号"))
    wizard.imported.emit(result)
    expected = message_text("import_done", message_language(), rows=5, created=3, updated=0, unchanged=1, rejected=1)
    assert window.statusBar().currentMessage() == expected
    dialog.reject()
    wizard.reject()
    qtbot.waitUntil(lambda: window.import_wizard is None)
    qtbot.waitUntil(lambda: not window._runner.busy, timeout=5000)
