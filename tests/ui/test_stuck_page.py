"""The stuck-parcel page on a real database: filters, sorting, columns, saved views, bulk changes with Undo,
colours, the tools it opens and its keyboard."""

from __future__ import annotations

import sys
import types
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit, QMenu
from sqlalchemy import select

from app import stuck, stuck_query
from app.cases import get_case, transition
from app.stuck_query import StuckFilter
from app.workflows import STUCK
from db.models import BulkAction, Case, Followup
from tests.ui.stuck_fixtures import PARCELS, make_stuck
from ui.local_state import LocalState
from ui.models.paged_table_model import URGENCY_COLOURS
from ui.pages.stuck_page import PAGE_KEY, StuckPage
from ui.widgets.stuck_filter_bar import StuckFilterBar


@pytest.fixture
def parcels(desk) -> dict[str, int]:
    return make_stuck(desk)


@pytest.fixture
def page(qtbot, desk, runner, prompt, state, parcels) -> StuckPage:
    widget = _page(qtbot, desk, runner, prompt, state)
    yield widget
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # no answer may arrive after the page is gone


def _page(qtbot, desk, runner, prompt, state) -> StuckPage:
    widget = StuckPage(desk, runner, prompt, state)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    with qtbot.waitSignal(widget.model.loaded, timeout=5000):
        widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # choices, views and the undo check too
    return widget


def _shown(page: StuckPage) -> set[int]:
    return {page.model.row_at(r).id for r in range(page.model.rowCount())}


def _ids(page: StuckPage) -> list[int]:
    return [page.model.row_at(r).id for r in range(page.model.rowCount())]


def _reloaded(qtbot, page: StuckPage, change) -> None:
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        change()


def _status(desk, case_id: int) -> str:
    with desk.database.read() as session:
        return session.get(Case, case_id).status


def _count_text(page: StuckPage, total: int) -> str:
    return page.tr("{shown} of {total}").format(shown=total, total=total)


def _open(parcels: dict[str, int], *names: str) -> set[int]:
    return {parcels[n] for n in (names or parcels) if n != "closed"}


# --- filters ------------------------------------------------------------------------------------------


def test_opens_on_the_open_parcels_with_the_sql_count(page, desk, parcels) -> None:
    assert _shown(page) == _open(parcels)
    assert page.model.total == desk.read(stuck_query.count, StuckFilter(open_only=True)) == len(parcels) - 1
    assert page.count_label.text() == _count_text(page, len(parcels) - 1)
    assert page.table.model().rowCount() == len(parcels) - 1


def test_overdue_and_awaiting_reply_toggles(qtbot, page, desk, parcels) -> None:
    bar = page.filter_bar
    _reloaded(qtbot, page, lambda: qtbot.mouseClick(bar.overdue, Qt.MouseButton.LeftButton))
    assert _shown(page) == {parcels["overdue"], parcels["owed_late"]}
    assert page.count_label.text() == _count_text(page, 2)
    _reloaded(qtbot, page, bar.overdue.toggle)
    _reloaded(qtbot, page, bar.awaiting_reply.toggle)
    assert _shown(page) == {parcels["awaiting"]}
    _reloaded(qtbot, page, bar.awaiting_reply.toggle)
    _reloaded(qtbot, page, bar.owed.toggle)
    assert _shown(page) == {parcels["owed_late"]}
    _reloaded(qtbot, page, bar.owed.toggle)
    _reloaded(qtbot, page, bar.not_in_system.toggle)
    assert _shown(page) == {parcels[n] for n in ("awaiting", "overdue")}  # odd positions; "closed" is closed


def test_filters_combine(qtbot, page, desk, parcels) -> None:
    bar = page.filter_bar
    _reloaded(qtbot, page, bar.overdue.toggle)
    _reloaded(qtbot, page, lambda: bar.direction.set_value("outbound"))
    assert _shown(page) == {parcels["owed_late"]}
    _reloaded(qtbot, page, lambda: bar.direction.set_value("inbound"))
    assert _shown(page) == {parcels["overdue"]}
    _reloaded(qtbot, page, lambda: bar.carrier.set_value("YTO"))
    assert _shown(page) == set() and page.count_label.text() == _count_text(page, 0)
    _reloaded(qtbot, page, bar.clear_button.click)
    assert _shown(page) == _open(parcels)
    _reloaded(qtbot, page, lambda: bar.problem.set_value(("refused",)))
    assert _shown(page) == {parcels[n] for n in ("awaiting", "later", "outbound")}
    _reloaded(qtbot, page, lambda: bar.courier.setCurrentIndex(bar.courier.findText("王师傅")))
    assert _shown(page) == {parcels["outbound"]}  # 王师傅 has plain, overdue and outbound; one is refused
    f = page.model.current_filter
    assert f.problem_types == ("refused",) and f.courier_id is not None and f.open_only
    assert desk.read(stuck_query.count, f) == 1


def test_status_choice_includes_closed_parcels(qtbot, page, parcels) -> None:
    status = page.filter_bar.status
    _reloaded(qtbot, page, lambda: status.setCurrentIndex(status.findText("已关闭")))
    assert _shown(page) == {parcels["closed"]}
    _reloaded(qtbot, page, lambda: status.setCurrentIndex(status.findText(page.filter_bar.tr("All statuses"))))
    assert _shown(page) == set(parcels.values())


def test_search_waits_for_typing_to_pause(qtbot, page, parcels) -> None:
    search = page.filter_bar.search
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.keyClicks(search, "678530")  # part of three YTO numbers
    assert _shown(page) == {parcels[n] for n in ("plain", "awaiting", "owed_late", "later")}
    search.clear()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.keyClicks(search, "5678")  # the recipient's phone tail
    assert _shown(page) == {parcels["plain"]}
    search.clear()
    search.insert("晓东")  # Chinese arrives through the input method
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert _shown(page) == {parcels["plain"]}


def test_reported_period_filters_by_the_outlets_days(qtbot, page, parcels) -> None:
    bar = page.filter_bar
    _reloaded(qtbot, page, lambda: bar.period.set_value("today"))
    assert _shown(page) == set()  # every parcel was reported three days ago
    _reloaded(qtbot, page, lambda: bar.period.set_value("7d"))
    assert _shown(page) == _open(parcels)
    f = page.model.current_filter
    assert f.opened_from is not None and f.opened_to is not None


# --- sorting and columns ------------------------------------------------------------------------------


def _section_centre(header, column: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


@pytest.mark.parametrize("key", ["waybill_no", "courier", "reply_due_at", "status_label"])
def test_header_click_sorts_in_sql(qtbot, page, desk, key) -> None:
    header = page.table.horizontalHeader()
    column = page.model.column_of(key)
    page.table.scrollTo(page.model.index(0, column))
    _reloaded(
        qtbot,
        page,
        lambda: qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column)),
    )
    sort, descending = page.model.sort_order
    assert sort == key
    expected = desk.read(stuck_query.page, StuckFilter(open_only=True), sort=key, descending=descending)
    assert _ids(page) == [row.id for row in expected]
    _reloaded(
        qtbot,
        page,
        lambda: qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column)),
    )
    assert page.model.sort_order == (key, not descending)
    expected = desk.read(stuck_query.page, StuckFilter(open_only=True), sort=key, descending=not descending)
    assert _ids(page) == [row.id for row in expected]
    assert header.sortIndicatorSection() == column


def test_column_chooser_is_remembered_on_this_pc(qtbot, desk, runner, prompt, home, page) -> None:
    chooser, header = page.chooser, page.table.horizontalHeader()
    assert "id" not in chooser.visible_keys()  # hidden by default
    menu = chooser.menu()
    shelf = next(a for a in menu.actions() if a.data() == "shelf")
    assert shelf.isChecked()
    shelf.trigger()  # as a click in the header's menu would
    assert header.isSectionHidden(page.model.column_of("shelf"))
    header.moveSection(header.visualIndex(page.model.column_of("status_label")), 0)
    header.resizeSection(page.model.column_of("waybill_no"), 333)
    chooser.save()
    saved = LocalState(home).list_columns(PAGE_KEY)  # read back from the ini file, as the next start would
    assert saved["order"][0] == "status_label" and "shelf" in saved["hidden"]
    assert saved["widths"]["waybill_no"] == 333

    again = _page(qtbot, desk, runner, prompt, LocalState(home))
    other = again.table.horizontalHeader()
    assert again.chooser.visible_keys()[0] == "status_label"
    assert "shelf" not in again.chooser.visible_keys()
    assert other.isSectionHidden(again.model.column_of("shelf"))
    assert other.sectionSize(again.model.column_of("waybill_no")) == 333
    again.chooser.reset()
    assert "shelf" in again.chooser.visible_keys() and again.chooser.visible_keys()[0] == "waybill_no"


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")  # offscreen popups
def test_right_click_on_the_header_offers_the_columns(qtbot, page) -> None:
    header = page.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(20, 5))
    menu = next(m for m in page.table.findChildren(QMenu) if m.isVisible())
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert titles[:3] == ["编号", "运单号", "快递公司"]
    assert [a.isChecked() for a in menu.actions()[:2]] == [False, True]
    menu.close()


def test_the_last_column_cannot_be_hidden(page) -> None:
    chooser = page.chooser
    for key in list(chooser.visible_keys()):
        chooser.set_visible(key, False)
    assert len(chooser.visible_keys()) == 1


# --- saved views --------------------------------------------------------------------------------------


def test_saved_view_round_trip(qtbot, page, desk, prompt, parcels) -> None:
    views = pytest.importorskip("app.views", reason="saved views (app/views.py) are not built yet")
    bar = page.filter_bar
    _reloaded(qtbot, page, bar.overdue.toggle)
    _reloaded(qtbot, page, lambda: bar.direction.set_value("inbound"))
    _reloaded(qtbot, page, lambda: page.model.sort(page.model.column_of("waybill_no"), Qt.SortOrder.AscendingOrder))
    page.chooser.set_visible("handler", False)
    prompt.texts = ["超时派送件"]
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.views.combo.currentText() == "超时派送件", timeout=5000)
    stored = desk.read(views.list_views, PAGE_KEY, desk.actor.id)
    assert [v.name for v in stored] == ["超时派送件"]
    assert StuckFilter.from_dict(stored[0].state["filter"]) == page.model.current_filter
    assert stored[0].state["sort"] == {"key": "waybill_no", "descending": False}

    _reloaded(qtbot, page, bar.clear_button.click)
    page.chooser.set_visible("handler", True)
    _reloaded(qtbot, page, lambda: page.model.sort(page.model.column_of("opened_at"), Qt.SortOrder.DescendingOrder))
    assert _shown(page) == _open(parcels)
    page.views.combo.setCurrentIndex(0)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.views.combo.setCurrentIndex(1)
        page.views.combo.activated.emit(1)  # as a choice by the clerk
    assert _shown(page) == {parcels["overdue"]}
    assert bar.overdue.isChecked() and bar.direction.value() == "inbound"
    assert page.model.sort_order == ("waybill_no", False)
    assert page.table.horizontalHeader().sortIndicatorSection() == page.model.column_of("waybill_no")
    assert "handler" not in page.chooser.visible_keys()

    prompt.answers = [True]
    page.views.delete_button.click()
    qtbot.waitUntil(lambda: page.views.combo.count() == 1, timeout=5000)
    assert prompt.questions[-1] == page.views.tr("Delete the view “{name}”?").format(name="超时派送件")
    assert desk.read(views.list_views, PAGE_KEY, desk.actor.id) == []


# --- bulk changes -------------------------------------------------------------------------------------


def _select(page: StuckPage, *case_ids: int) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).id in case_ids:
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            selection.select(page.model.index(row, 0), flags)
    page.table.setFocus()


def test_bulk_status_change_confirms_reports_and_undoes(qtbot, page, desk, prompt, parcels) -> None:
    chosen = [parcels["plain"], parcels["awaiting"], parcels["later"]]
    before = {case_id: _status(desk, case_id) for case_id in chosen}
    desk.write(lambda s, *, actor: _set_status(s, parcels["later"], "to_return", actor))  # already the target
    _reloaded(qtbot, page, page.reload)
    _select(page, *chosen)
    states = [s.code for s in STUCK.states]
    prompt.choices = [states.index("to_return")]
    prompt.answers = [False]  # first time: say no
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert prompt.questions == [page.bulk.tr("Change {count} parcels to “{status}”?").format(count=3, status="待退回")]
    assert _status(desk, parcels["plain"]) == before[parcels["plain"]]

    prompt.choices = [states.index("to_return")]
    prompt.answers = [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        page.bulk.status_action.trigger()
    qtbot.waitUntil(lambda: not page.model.busy, timeout=5000)
    assert _status(desk, parcels["plain"]) == "to_return"
    assert _status(desk, parcels["awaiting"]) == before[parcels["awaiting"]]  # awaiting_reply cannot go there
    lines = page.result_label.text().splitlines()
    assert lines[0] == page.bulk.tr("Changed {changed}, skipped {skipped}.").format(changed=1, skipped=2)
    assert any(line.startswith(PARCELS["later"][0]) and "待退回" in line for line in lines[1:])
    assert any(line.startswith(PARCELS["awaiting"][0]) for line in lines[1:])
    assert page.undo_button.isEnabled()

    prompt.answers = [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _status(desk, parcels["plain"]) == before[parcels["plain"]]
    assert page.result_label.text().startswith(
        page.bulk.tr("Undone for {changed}; {skipped} left as they are.").format(changed=1, skipped=0)
    )
    with desk.database.read() as session:
        actions = session.scalars(select(BulkAction)).all()
        assert [a.undone_at is not None for a in actions] == [True]
    qtbot.waitUntil(lambda: not page.undo_button.isEnabled(), timeout=5000)


def test_a_clerks_bulk_close_asks_for_the_managers_pin(qtbot, page, desk, prompt, parcels, manager, manager_pin):
    chosen = parcels["plain"]
    before = _status(desk, chosen)
    _select(page, chosen)
    closed = [s.code for s in STUCK.states].index("closed")
    prompt.choices, prompt.pins = [closed], [None]  # the manager is not there: nothing happens
    page.bulk.status_action.trigger()
    assert prompt.pin_reasons == [page.bulk.tr("Closing many parcels at once needs a manager's PIN.")]
    assert prompt.questions == [] and _status(desk, chosen) == before
    prompt.choices, prompt.pins, prompt.answers = [closed], [manager_pin], [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        page.bulk.status_action.trigger()
    assert _status(desk, chosen) == "closed"
    qtbot.waitUntil(lambda: not page.model.busy, timeout=5000)


def _set_status(session, case_id: int, status: str, actor) -> None:
    transition(session, case_id, status, expected_version=get_case(session, case_id).version, actor=actor)


def test_bulk_follow_up_shelf_and_assign(qtbot, page, desk, prompt, parcels) -> None:
    chosen = [parcels["plain"], parcels["overdue"]]
    _select(page, *chosen)
    prompt.texts, prompt.answers = ["已电话通知客户自取"], [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        page.bulk.followup_action.trigger()
    with desk.database.read() as session:
        texts = session.scalars(select(Followup.text).where(Followup.case_id.in_(chosen))).all()
    assert texts.count("已电话通知客户自取") == 2
    qtbot.waitUntil(lambda: not page.model.busy, timeout=5000)
    _select(page, *chosen)
    prompt.texts, prompt.answers = ["  B-7 "], [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        page.bulk.shelf_action.trigger()
    assert prompt.questions[-1] == page.bulk.tr("Put {count} parcels on shelf “{shelf}”?").format(count=2, shelf="B-7")
    rows = desk.read(stuck_query.by_ids, chosen)
    assert [r.shelf for r in rows] == ["B-7", "B-7"]
    qtbot.waitUntil(lambda: not page.model.busy, timeout=5000)
    _select(page, *chosen)
    prompt.choices, prompt.answers = [0], [True]
    with qtbot.waitSignal(page.bulk.changed, timeout=5000):
        page.bulk.assign_action.trigger()
    assert [r.handler for r in desk.read(stuck_query.by_ids, chosen)] == [desk.actor.name] * 2


def test_bulk_needs_a_selection(qtbot, page, prompt) -> None:
    page.table.clearSelection()
    assert not page.bulk.status_action.isEnabled() and not page.wechat_button.isEnabled()
    _select(page, page.model.row_at(0).id)
    assert page.bulk.status_action.isEnabled() and page.wechat_button.isEnabled()


# --- colours, opening a parcel, the tools -------------------------------------------------------------


def test_overdue_rows_are_red(page, parcels) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == parcels["overdue"])
    background = page.model.data(page.model.index(row, 3), Qt.ItemDataRole.BackgroundRole)
    assert background == URGENCY_COLOURS["overdue"]


class _FakeDialog(QDialog):
    changed = Signal(int)
    made: ClassVar[list[tuple]] = []

    def __init__(self, desk, prompt, *args, **options) -> None:
        super().__init__(args[-1])
        _FakeDialog.made.append((type(self).__name__, args[:-1], options))


def _fake_module(monkeypatch, module: str, name: str) -> type:
    fake = types.ModuleType(module)
    dialog = type(name, (_FakeDialog,), {})
    setattr(fake, name, dialog)
    monkeypatch.setitem(sys.modules, module, fake)
    _FakeDialog.made = []
    return dialog


def test_enter_opens_the_parcel_and_its_changes_reload_the_list(qtbot, page, monkeypatch, parcels) -> None:
    _fake_module(monkeypatch, "ui.dialogs.stuck_case_dialog", "StuckCaseDialog")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == parcels["awaiting"])
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    [(name, args, options)] = _FakeDialog.made
    assert (name, args, set(options)) == ("StuckCaseDialog", (parcels["awaiting"],), {"runner"})  # the page's runner
    dialog = page.findChild(QDialog)
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        dialog.changed.emit(parcels["awaiting"])
    assert page.model.row_at(page.table.currentIndex().row()).id == parcels["awaiting"]  # the cursor stays
    dialog.reject()
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == parcels["later"])
    rect = page.table.visualRect(page.model.index(row, page.model.column_of("waybill_no")))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    name, args, options = _FakeDialog.made[-1]
    assert (name, args, set(options)) == ("StuckCaseDialog", (parcels["later"],), {"runner"})


@pytest.mark.parametrize(
    ("keys", "module", "name"),
    [
        ("Ctrl+Shift+V", "ui.dialogs.paste_dialog", "PasteDialog"),
        ("Ctrl+Shift+R", "ui.dialogs.round_dialog", "RoundDialog"),
        ("Ctrl+Shift+K", "ui.dialogs.shelf_count_dialog", "ShelfCountDialog"),
        ("Ctrl+Shift+U", "ui.dialogs.unlabelled_dialog", "UnlabelledDialog"),
    ],
)
def test_tools_open_by_key_and_reload_the_list_when_closed(qtbot, page, monkeypatch, keys, module, name) -> None:
    _fake_module(monkeypatch, module, name)
    key = getattr(Qt.Key, f"Key_{keys[-1]}")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, key, modifiers)
    assert [made[0] for made in _FakeDialog.made] == [name]
    dialog = page.findChild(QDialog)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        dialog.accept()


def test_a_tool_not_built_yet_says_so(qtbot, page, prompt, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ui.dialogs.unlabelled_dialog", None)  # import raises ModuleNotFoundError
    page.unlabelled_button.click()
    assert prompt.errors == [page.tr("This part of Outlet Desk is not installed.")]


def test_copy_for_wechat_puts_the_selected_parcels_on_the_clipboard(qtbot, page, parcels) -> None:
    pytest.importorskip("app.handover", reason="copy for WeChat (app/handover.py) is not built yet")
    QGuiApplication.clipboard().clear()
    _select(page, parcels["plain"], parcels["later"])
    with qtbot.waitSignal(page.announced, timeout=5000) as blocker:
        qtbot.keyClick(
            page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    text = QGuiApplication.clipboard().text()
    assert PARCELS["plain"][0] in text and PARCELS["later"][0] in text and PARCELS["awaiting"][0] not in text
    assert "139****5678" in text and "13912345678" not in text
    assert blocker.args == [page.tr("Copied {count} parcels for WeChat.").format(count=2)]


def test_ctrl_c_copies_the_visible_columns(qtbot, page, parcels) -> None:
    _select(page, parcels["plain"])
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    header, line = QGuiApplication.clipboard().text().splitlines()
    assert header.split("\t")[0] == "运单号" and "编号" not in header
    assert line.split("\t")[0] == PARCELS["plain"][0]


def test_daily_sheet_asks_where_and_runs_in_the_background(qtbot, page, prompt, monkeypatch, tmp_path) -> None:
    calls = []

    def write_daily_sheet(session, day, path, *, unmasked=False, progress=None, cancelled=None):
        calls.append((day, path, unmasked))
        progress(1, 2)
        Path(path).write_bytes(b"PK")
        progress(2, 2)
        return 5

    fake = types.ModuleType("app.export.daily")
    fake.write_daily_sheet = write_daily_sheet
    monkeypatch.setitem(sys.modules, "app.export.daily", fake)
    target = tmp_path / "日报"
    prompt.files = [str(target)]
    with qtbot.waitSignal(page.announced, timeout=5000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    _title, suggested, file_filter = prompt.asked[-1]
    assert suggested.endswith(".xlsx") and "每日问题件日报" in suggested and "*.xlsx" in file_filter
    day, path, unmasked = calls[0]
    assert isinstance(day, date) and path == Path(f"{target}.xlsx") and not unmasked
    assert path.read_bytes() == b"PK"
    assert blocker.args == [page.tr("Daily sheet saved: {path}").format(path=f"{target}.xlsx")]


def test_no_file_chosen_means_no_export(qtbot, page, prompt, monkeypatch) -> None:
    fake = types.ModuleType("app.export.daily")
    fake.write_daily_sheet = lambda *a, **k: pytest.fail("exported without a file")
    monkeypatch.setitem(sys.modules, "app.export.daily", fake)
    prompt.files = [None]
    page.daily_button.click()
    assert not page._runner.busy


# --- scanning and the keyboard ------------------------------------------------------------------------


def test_a_scan_reloads_the_list_on_the_new_parcel(qtbot, page, desk) -> None:
    if page.scan_bar is None:
        pytest.skip("the scan bar (ui/widgets/scan_bar.py) is not built yet")
    captured = desk.write(stuck.capture, "SF1385628716739", problem_type="refused")
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.scan_bar.captured.emit(captured.case.id, True)
    assert page.model.row_at(page.table.currentIndex().row()).id == captured.case.id
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert isinstance(QGuiApplication.focusObject(), QLineEdit)
    assert page.scan_bar.isAncestorOf(QGuiApplication.focusObject())


def test_tab_walks_from_the_filters_into_the_list_and_on_to_the_tools(page) -> None:
    order, widget = [], page.filter_bar.search
    while widget not in order:
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() and widget.isVisibleTo(page)):
            widget = widget.nextInFocusChain()
    bar = page.filter_bar
    assert order.index(bar.search) < order.index(bar.overdue) < order.index(bar.status) < order.index(bar.period)
    assert order.index(bar.period) < order.index(page.table) < order.index(page.paste_button)
    assert order.index(page.paste_button) < order.index(page.daily_button) < order.index(page.bulk_button)


# --- the filter bar alone -----------------------------------------------------------------------------


def test_filter_bar_round_trips_a_filter_with_local_dates(qtbot) -> None:
    bar = StuckFilterBar()
    qtbot.addWidget(bar)
    bar.set_zone("Asia/Shanghai")
    f = StuckFilter(
        statuses=("awaiting_reply", "replied"),
        problem_types=("refused",),
        direction="outbound",
        carrier="ZTO",
        courier_id=7,
        opened_from=datetime(2026, 3, 1, 16, 0, tzinfo=UTC),  # 2 March, 00:00 in Shanghai
        opened_to=datetime(2026, 3, 4, 16, 0, tzinfo=UTC),  # up to the end of 4 March there
        owed=True,
        shelf="B-2",  # no widget for it: kept from the loaded filter
        text="5678",
    )
    with qtbot.assertNotEmitted(bar.changed, wait=400):
        bar.load(f)
    assert bar.value() == f
    assert bar.period_name() == "custom" and bar.date_from.isVisibleTo(bar)
    assert (bar.date_from.date().toPython(), bar.date_to.date().toPython()) == (date(2026, 3, 2), date(2026, 3, 4))
    assert bar.status.currentText() == "已留言待回复 + 已回复"
    with qtbot.waitSignal(bar.changed):
        bar.period.set_value("any")
    assert bar.value().opened_from is None and not bar.date_from.isVisibleTo(bar)


def test_a_relative_period_stays_relative(qtbot) -> None:
    bar = StuckFilterBar()
    qtbot.addWidget(bar)
    bar.load(StuckFilter(open_only=True), period="7d")
    first, until = bar.value().opened_from, bar.value().opened_to
    assert (until - first).days == 7 and bar.period_name() == "7d"


def test_daily_sheet_with_the_real_engine_writes_a_workbook(qtbot, page, prompt, tmp_path, parcels) -> None:
    pytest.importorskip("app.export.daily", reason="the daily sheet engine (app/export/daily.py) is not built yet")
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "daily.xlsx"
    prompt.files = [str(target)]
    with qtbot.waitSignal(page.announced, timeout=20_000):
        page.daily_button.click()
    book = openpyxl.load_workbook(target, read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c}
    book.close()
    assert PARCELS["overdue"][0] in cells
    assert prompt.errors == []


def test_a_new_problem_type_reaches_the_filter_without_a_restart(qtbot, page, runner) -> None:
    from ui.dialogs.problem_types_dialog import ProblemTypesDialog

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.findChild(ProblemTypesDialog)
    assert dialog is not None and dialog.isVisible()
    problems = page.filter_bar.problem
    assert problems.findText("快递柜满") == -1
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.code.setText("locker_full")
    dialog.name.setText("快递柜满")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: problems.findText("快递柜满") != -1, timeout=5000)
    dialog.reject()
