"""The stuck-parcel model: pages read off the UI thread, SQL sort on every column, colours, masked phones."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication

from app import stuck_query
from app.cases import get_case, update_case
from app.columns import STUCK_COLUMNS, Format, by_key
from app.stuck_query import SORTABLE, StuckFilter, StuckRow
from tests.ui.stuck_fixtures import PARCELS, RECIPIENT_PHONE, make_stuck
from ui.models.paged_table_model import URGENCY_COLOURS, RowRole, SortRole, UrgencyRole
from ui.models.stuck_table_model import StuckTableModel


@pytest.fixture
def parcels(desk) -> dict[str, int]:
    return make_stuck(desk)


def _loaded(qtbot, model: StuckTableModel, change=None) -> None:
    with qtbot.waitSignal(model.loaded, timeout=5000):
        (change or model.refresh)()


def _ids(model: StuckTableModel) -> list[int]:
    return [model.data(model.index(r, 0), RowRole).id for r in range(model.rowCount())]


def _fetch_all(qtbot, model: StuckTableModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=5000)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.busy, timeout=5000)


def _column(key: str) -> int:
    return next(n for n, c in enumerate(STUCK_COLUMNS) if c.key == key)


def test_every_column_is_a_row_field_and_sorts_in_sql() -> None:
    fields = set(StuckRow.__dataclass_fields__)
    assert {c.key for c in STUCK_COLUMNS} <= fields
    assert {c.sort for c in STUCK_COLUMNS} == set(SORTABLE)
    assert all(c.zh and c.en and c.width > 0 for c in STUCK_COLUMNS)


def test_passes_the_qt_model_tester_after_a_background_load(qtbot, qtmodeltester, desk, runner, parcels) -> None:
    model = StuckTableModel(desk, runner=runner)
    _loaded(qtbot, model, lambda: model.set_filter(StuckFilter()))
    assert model.rowCount() == model.total == len(parcels)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_pages_arrive_in_the_background_without_gaps(qtbot, desk, runner, parcels) -> None:
    model = StuckTableModel(desk, runner=runner, page_size=2)
    model.set_filter(StuckFilter())
    assert model.loading and model.rowCount() == 0  # the read runs on a worker; the UI thread goes on
    qtbot.waitSignal(model.loaded, timeout=5000).wait()
    assert model.rowCount() == 2 and model.total == len(parcels)
    model.fetchMore(QModelIndex())
    assert model.busy and not model.canFetchMore(QModelIndex())  # one page at a time
    _fetch_all(qtbot, model)
    assert sorted(_ids(model)) == sorted(parcels.values()) and len(_ids(model)) == len(parcels)
    opened = [model.row_at(r).opened_at for r in range(model.rowCount())]
    assert opened == sorted(opened, reverse=True)


def test_an_overtaken_answer_is_dropped(qtbot, desk, runner, parcels) -> None:
    model = StuckTableModel(desk, runner=runner)
    model.set_filter(StuckFilter())
    with qtbot.waitSignal(model.loaded, timeout=5000) as blocker:
        model.set_filter(StuckFilter(direction="outbound"))
    qtbot.wait(50)  # the first answer may arrive later still: it must not replace the second
    assert blocker.args == [2]
    assert set(_ids(model)) == {parcels["owed_late"], parcels["outbound"]}


@pytest.mark.parametrize(
    "key", ["waybill_no", "carrier_name", "courier", "problem_type_name", "reply_due_at", "status_label", "shelf"]
)
def test_sorting_by_a_column_matches_the_sql_order(qtbot, desk, runner, parcels, key) -> None:
    model = StuckTableModel(desk, runner=runner, page_size=3)
    _loaded(qtbot, model, lambda: model.set_filter(StuckFilter()))
    for order, descending in ((Qt.SortOrder.AscendingOrder, False), (Qt.SortOrder.DescendingOrder, True)):
        _loaded(qtbot, model, lambda o=order: model.sort(_column(key), o))
        assert model.sort_order == (key, descending)
        _fetch_all(qtbot, model)
        expected = desk.read(stuck_query.page, StuckFilter(), sort=key, descending=descending, limit=100)
        assert _ids(model) == [row.id for row in expected]
        values = [stuck_query.sort_key(model.row_at(r), key)[0] for r in range(model.rowCount())]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=descending)
        shown = model.data(model.index(0, _column(key)), SortRole)
        assert shown == getattr(model.row_at(0), key)  # the raw value behind the cell


def test_overdue_red_due_today_orange_readable_text(qtbot, desk, runner) -> None:
    now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    ids = make_stuck(desk, now)
    model = StuckTableModel(desk, runner=runner, clock=lambda: now)
    _loaded(qtbot, model, lambda: model.set_filter(StuckFilter()))
    row_of = {model.row_at(r).id: r for r in range(model.rowCount())}

    def cell(name: str, role: int):
        return model.data(model.index(row_of[ids[name]], _column("waybill_no")), role)

    # "overdue": its due time passed an hour ago; "owed_late": their 留言 waited 30 h for our answer (24 h allowed);
    # "closed" never colours, whatever its due time.
    levels = {name: cell(name, UrgencyRole) for name in ids}
    assert levels["overdue"] == levels["owed_late"] == "overdue"
    assert levels["later"] == "later" and levels["closed"] == "none"
    today = [name for name, level in levels.items() if level == "due_today"]
    for name in today:
        assert QColor(cell(name, Qt.ItemDataRole.BackgroundRole)) == URGENCY_COLOURS["due_today"]
    red = QColor(cell("overdue", Qt.ItemDataRole.BackgroundRole))
    assert red == URGENCY_COLOURS["overdue"] and red.red() > red.green() and red.red() > red.blue()
    orange = URGENCY_COLOURS["due_today"]
    assert orange.red() > orange.green() > orange.blue()
    assert (
        cell("later", Qt.ItemDataRole.BackgroundRole) is None and cell("closed", Qt.ItemDataRole.BackgroundRole) is None
    )
    text = QColor(cell("overdue", Qt.ItemDataRole.ForegroundRole))
    assert _contrast(text, red) >= 4.5 and _contrast(text, orange) >= 4.5  # WCAG AA for normal text
    assert cell("later", Qt.ItemDataRole.ForegroundRole) is None  # the palette's own text colour


def test_due_today_is_the_outlets_day_not_the_utc_one(qtbot, desk, runner) -> None:
    ids = make_stuck(desk, datetime(2026, 3, 9, 2, 0, tzinfo=UTC))
    number = PARCELS["later"][0]

    def due(at: datetime) -> None:
        def change(session, *, actor):
            version = get_case(session, ids["later"]).version
            update_case(session, ids["later"], {"due_at": at}, expected_version=version, actor=actor)

        desk.write(change)

    def level(now: datetime) -> str:
        model = StuckTableModel(desk, runner=runner, clock=lambda: now)
        _loaded(qtbot, model, lambda: model.set_filter(StuckFilter(text=number)))
        return model.data(model.index(0, 0), UrgencyRole)

    due(datetime(2026, 3, 10, 17, 0, tzinfo=UTC))  # 01:00 on the 11th in Shanghai
    assert level(datetime(2026, 3, 10, 15, 0, tzinfo=UTC)) == "later"  # 23:00 on the 10th there: tomorrow's
    due(datetime(2026, 3, 11, 10, 0, tzinfo=UTC))  # 18:00 on the 11th in Shanghai
    assert level(datetime(2026, 3, 10, 17, 0, tzinfo=UTC)) == "due_today"  # 01:00 on the 11th there


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_cells_show_clerk_text_and_the_phone_masked(qtbot, desk, runner, parcels) -> None:
    model = StuckTableModel(desk, runner=runner)
    _loaded(qtbot, model, lambda: model.set_filter(StuckFilter(text=PARCELS["plain"][0])))
    row = model.row_at(0)
    shown = {c.key: model.data(model.index(0, n)) for n, c in enumerate(model.columns)}
    assert shown["waybill_no"] == PARCELS["plain"][0]
    assert (shown["carrier_name"], shown["direction"], shown["problem_type_name"]) == ("圆通", "派送件", "无人接听")
    assert (shown["registered_by"], shown["in_carrier_system"], shown["status_label"]) == ("我方", "是", "待处理")
    assert (shown["courier"], shown["round_no"], shown["shelf"]) == ("王师傅", "1", "A-0")
    assert shown["earliest_return_on"] == row.earliest_return_on.isoformat()
    zone = ZoneInfo("Asia/Shanghai")
    assert shown["opened_at"] == row.opened_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    tip = model.data(model.index(0, _column("waybill_no")), Qt.ItemDataRole.ToolTipRole)
    assert "陈晓东" in tip and "139****5678" in tip and RECIPIENT_PHONE not in tip
    assert by_key(STUCK_COLUMNS, "in_carrier_system").text(row, Format()) == "是"
    english = StuckTableModel(desk, language="en")
    assert english.headerData(_column("registered_by"), Qt.Orientation.Horizontal) == "Registered by"
    assert model.headerData(_column("registered_by"), Qt.Orientation.Horizontal) == "登记方"
    assert QGuiApplication.instance() is not None


def test_message_cells_explain_the_thread(qtbot, desk, runner, parcels) -> None:
    model = StuckTableModel(desk, runner=runner)
    _loaded(qtbot, model, lambda: model.set_filter(StuckFilter(owed=True)))
    assert model.rowCount() == 1
    assert model.data(model.index(0, _column("message_text"))) == "收件人电话打不通"
    tip = model.data(model.index(0, _column("reply_text")), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[1] == "收件人电话打不通" and "They wrote at" in tip
    assert model.data(model.index(0, _column("reply_due_at"))) != ""
