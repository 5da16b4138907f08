"""The paging case model: Qt's model tester, keyset pages against the SQL count, SQL sort, filters, colours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor

from app import case_query
from app.case_query import CaseFilter
from app.cases import NewCase, get_case, open_case, transition
from ui.models.case_table_model import (
    PAGE_SIZE,
    URGENCY_COLOURS,
    CaseTableModel,
    RowRole,
    SortRole,
    UrgencyRole,
)
from ui.pages.cases_page import CasesPage


def _ids(model: CaseTableModel) -> list[int]:
    return [model.data(model.index(r, 0), RowRole).id for r in range(model.rowCount())]


def _fetch_all(model: CaseTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


@pytest.fixture
def many(case_factory) -> list[int]:
    return case_factory(2 * PAGE_SIZE + 57)


def test_passes_the_qt_model_tester(qtmodeltester, desk, cases) -> None:
    model = CaseTableModel(desk)
    model.set_filter(CaseFilter())
    assert model.rowCount() == len(cases)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_fetch_more_loads_keyset_pages_without_gaps_or_duplicates(desk, many) -> None:
    model = CaseTableModel(desk)
    model.set_filter(CaseFilter())
    assert model.total == len(many)
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == len(many)
    assert not model.canFetchMore(QModelIndex())
    ids = _ids(model)
    assert len(set(ids)) == len(ids) == desk.read(case_query.count, CaseFilter())
    assert set(ids) == set(many)
    opened = [model.data(model.index(r, 0), RowRole).opened_at for r in range(model.rowCount())]
    assert opened == sorted(opened, reverse=True)  # default: newest first, across page boundaries


def test_the_view_fetches_as_it_scrolls(qtbot, desk, prompt, many) -> None:
    page = CasesPage(desk, prompt)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE)


def test_clicking_a_header_sorts_in_sql(qtbot, desk, prompt, many) -> None:
    page = CasesPage(desk, prompt)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.open_only.setChecked(False)
    page.show()
    header = page.table.horizontalHeader()
    column = next(i for i, c in enumerate(page.model.columns) if c.key == "waybill_no")
    with qtbot.waitSignal(page.model.modelReset):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column))
    first_order = page.model.sort_order
    assert first_order[0] == "waybill_no"
    _fetch_all(page.model)
    numbers = [page.model.data(page.model.index(r, column), SortRole) for r in range(page.model.rowCount())]
    assert len(numbers) == len(many)
    assert numbers == sorted(numbers, reverse=first_order[1])
    with qtbot.waitSignal(page.model.modelReset):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column))
    assert page.model.sort_order == ("waybill_no", not first_order[1])
    expected = desk.read(case_query.page, CaseFilter(), sort="waybill_no", descending=not first_order[1], limit=5)
    assert _ids(page.model)[:5] == [row.id for row in expected]


def test_a_column_without_a_sort_key_keeps_the_order(qtbot, desk, prompt, cases) -> None:
    page = CasesPage(desk, prompt)
    qtbot.addWidget(page)
    page.resize(2200, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    before = (page.model.sort_order, _ids(page.model))
    header = page.table.horizontalHeader()
    column = next(i for i, c in enumerate(page.model.columns) if c.key == "carrier_name")
    assert page.model.columns[column].sort is None
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column))
    assert (page.model.sort_order, _ids(page.model)) == before
    assert header.sortIndicatorSection() == page.model.sort_column()


def _section_centre(header, column):
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_a_filter_change_resets_the_model(qtbot, desk, cases) -> None:
    model = CaseTableModel(desk)
    model.set_filter(CaseFilter())
    assert model.rowCount() == len(cases)
    with qtbot.waitSignals([model.modelReset, model.loaded]):
        model.set_filter(CaseFilter(kind="complaint"))
    kinds = {model.data(model.index(r, 0), RowRole).kind for r in range(model.rowCount())}
    assert kinds == {"complaint"}
    assert model.rowCount() == model.total == desk.read(case_query.count, CaseFilter(kind="complaint"))
    model.set_filter(CaseFilter(text="YT8962646785389"))
    assert [model.data(model.index(0, 3))] == ["YT8962646785389"] and model.rowCount() == 1


def test_the_page_filters_by_kind_open_only_and_text(qtbot, desk, prompt, cases) -> None:
    close_one = cases[0]
    desk.write(_close, close_one)
    page = CasesPage(desk, prompt)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(cases) - 1)  # open only by default
    page.open_only.setChecked(False)
    assert page.model.rowCount() == len(cases)
    page.kind.setCurrentIndex(page.kind.findData("stuck"))
    assert {page.model.row_at(r).kind for r in range(page.model.rowCount())} == {"stuck"}
    page.kind.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "8962646700007")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)  # applied after typing pauses
    assert page.model.row_at(0).caller_name == "客户7"
    assert page.count_label.text() == page.tr("{shown} of {total}").format(shown=1, total=1)
    page.search.clear()
    page.search.insert("客户1")  # Chinese arrives through the input method, not as key presses
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert {page.model.row_at(r).caller_name for r in range(page.model.rowCount())} == {"客户1", "客户10", "客户11"}


def _close(session, case_id, *, actor):
    return transition(session, case_id, "closed", expected_version=get_case(session, case_id).version, actor=actor)


def test_urgency_colours_come_from_the_deadline_rules(desk) -> None:
    now = datetime(2025, 11, 5, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

    def create(session, *, actor):
        made = {}
        for name, due in (
            ("overdue", now - timedelta(hours=1)),
            ("today", now + timedelta(hours=5)),
            ("later", now + timedelta(days=3)),
            ("none", None),
        ):
            made[name] = open_case(
                session,
                NewCase(
                    kind="stuck", waybill_no=f"JT52619880165{len(made)}0", due_at=due, opened_at=now - timedelta(days=1)
                ),
                actor=actor,
            ).id
        return made

    made = desk.write(create)
    model = CaseTableModel(desk, clock=lambda: now)
    model.set_filter(CaseFilter())
    by_id = {model.data(model.index(r, 0), RowRole).id: r for r in range(model.rowCount())}
    level = {name: model.data(model.index(by_id[i], 1), UrgencyRole) for name, i in made.items()}
    assert level == {"overdue": "overdue", "today": "due_today", "later": "later", "none": "none"}
    background = {
        name: model.data(model.index(by_id[i], 1), Qt.ItemDataRole.BackgroundRole) for name, i in made.items()
    }
    assert QColor(background["overdue"]) == URGENCY_COLOURS["overdue"]
    assert QColor(background["today"]) == URGENCY_COLOURS["due_today"]
    assert background["later"] is None and background["none"] is None


def test_cells_show_formatted_text_and_raw_sort_values(desk, cases) -> None:
    model = CaseTableModel(desk)
    model.set_filter(CaseFilter(text="YT8962646785389"))
    columns = {c.key: i for i, c in enumerate(model.columns)}
    row = model.data(model.index(0, 0), RowRole)
    assert model.data(model.index(0, columns["kind"])) == "疑难件"
    assert model.data(model.index(0, columns["carrier_name"])) == "圆通"
    assert model.data(model.index(0, columns["opened_at"]), SortRole) == row.opened_at
    shown = model.data(model.index(0, columns["opened_at"]))
    assert shown == row.opened_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert model.headerData(columns["waybill_no"], Qt.Orientation.Horizontal) == "运单号"
    assert CaseTableModel(desk, language="en").headerData(columns["waybill_no"], Qt.Orientation.Horizontal) == "Waybill"
    assert model.data(model.index(99, 0)) is None
    assert model.data(QModelIndex()) is None
