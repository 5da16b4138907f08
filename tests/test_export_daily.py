"""The daily exception sheet on real databases (SQLite and PostgreSQL), written to a real .xlsx and read back."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import select

from app import cases, settings
from app.actor import Actor
from app.cases import NewCase
from app.errors import UserError, ValidationError
from app.export import files
from app.export.daily import DAILY_COLUMNS, DETAIL_SHEET, write_daily_sheet
from app.export.daily_summary import SUMMARY_SHEET
from app.export.files import ExportCancelled
from app.export.profiles import ExportProfileSpec
from db.engine import Database
from db.models import Area, Case, Courier, CourierArea, Message, Place, ShelfCount, StuckDetail, Waybill
from tests.conftest import MANAGER_PIN

SH = ZoneInfo("Asia/Shanghai")
D = date(2026, 10, 14)
HYPERLINK = '=HYPERLINK("http://x","y")'
HIGHLIGHT = "00FFC7CE"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


def days(n: int) -> date:
    return D + timedelta(days=n)


@dataclass
class Scenario:
    ids: dict[str, int]
    waybills: dict[str, str]


def _open(session, clerk: Actor, name: str, opened: datetime, **kw) -> cases.CaseView:
    kw.setdefault("waybill_no", f"YT{8000000000000 + sum(map(ord, name)) * 97 + len(name):013d}")
    return cases.open_case(session, NewCase(kind="stuck", opened_at=opened, **kw), actor=clerk)


def _move(session, clerk: Actor, case_id: int, *steps: tuple[str, datetime]) -> None:
    for status, when in steps:
        version = cases.get_case(session, case_id).version
        cases.transition(session, case_id, status, expected_version=version, actor=clerk, at=when)


def build(database: Database, clerk: Actor) -> Scenario:
    """One day's worth of stuck parcels around D, each one there to prove one rule of the sheet."""
    ids: dict[str, int] = {}
    with database.write() as session:
        settings.put(session, "outlet.name", "临江滨江分部", actor=clerk)
        zhang = Courier(name="张三")
        binjiang, laojie = Area(name="滨江片区"), Area(name="老街片区")
        session.add_all([zhang, binjiang, laojie])
        session.add(Place(kind="compound", name="锦绣花园", keywords=["锦绣"]))
        session.flush()
        session.add_all(
            [
                CourierArea(courier_id=zhang.id, area_id=binjiang.id, valid_from=date(2026, 1, 1)),
                CourierArea(courier_id=zhang.id, area_id=laojie.id, valid_to=days(-1)),
            ]
        )
        # A: new on D, on the shelf at the count, a formula-looking note
        a = _open(
            session,
            clerk,
            "A",
            at(D, 9),
            waybill_no="773012345678901",
            problem_type="关机",
            courier_id=zhang.id,
            detail=HYPERLINK,
            extra={"shelf": "A-03", "in_carrier_system": True, "registered_by": "us", "on_shelf_checked_at": at(D, 19)},
        )
        # B: older, still open, overdue (due on D), our message with a phone in it
        b = _open(
            session,
            clerk,
            "B",
            at(days(-3), 10),
            problem_type="地址错误",
            courier_id=zhang.id,
            due_at=at(D, 12),
            status="awaiting_reply",
            extra={
                "registered_by": "them",
                "message_direction": "sent",
                "message_text": "请核实地址，收件人电话13987654321",
                "message_at": at(days(-3), 11),
                "awaiting_reply": True,
            },
        )
        # C: closed on D; D_: closed the day before (not on the sheet); E: opened after D; F: deleted; G: a chase
        c = _open(session, clerk, "C", at(days(-5), 10), problem_type="无人接听")
        _move(session, clerk, c.id, ("closed", at(D, 15)))
        d_ = _open(session, clerk, "D", at(days(-10), 10))
        _move(session, clerk, d_.id, ("closed", at(days(-1), 15)))
        _open(session, clerk, "E", at(days(1), 9))
        f = _open(session, clerk, "F", at(D, 10))
        cases.open_case(session, NewCase(kind="chase", waybill_no="SF1385628716739", opened_at=at(D, 11)), actor=clerk)
        # H: goes back on D (退回中); J: arrives back on D (已退回, closed that day)
        h = _open(session, clerk, "H", at(days(-2), 10))
        _move(session, clerk, h.id, ("to_return", at(days(-1), 10)), ("returning", at(D, 16)))
        j = _open(session, clerk, "J", at(days(-8), 10))
        _move(
            session,
            clerk,
            j.id,
            ("to_return", at(days(-3), 10)),
            ("returning", at(days(-1), 10)),
            ("returned", at(D, 11)),
        )
        # K: signed the day after D: on D's sheet it is still open, as 待再派
        k = _open(session, clerk, "K", at(days(-1), 9))
        _move(session, clerk, k.id, ("redeliver", at(days(-1), 12)), ("signed", at(days(1), 10)))
        # I: three 留言 from other outlets due on D: answered in time, late, not at all; one due the day before
        i = _open(
            session,
            clerk,
            "I",
            at(days(-4), 10),
            status="replied",
            extra={
                "message_direction": "received",
                "message_text": "请尽快派送",
                "message_at": at(D, 8),
                "reply_due_at": at(D, 20),
            },
        )
        session.add_all(
            [
                Message(
                    case_id=i.id, direction="received", text="旧", at=at(days(-2), 9), reply_due_at=at(days(-1), 9)
                ),
                Message(
                    case_id=i.id,
                    direction="received",
                    text="一",
                    at=at(days(-1), 10),
                    reply_due_at=at(D, 10),
                    reply_text="好",
                    reply_at=at(D, 9),
                ),
                Message(
                    case_id=i.id,
                    direction="received",
                    text="二",
                    at=at(days(-1), 11),
                    reply_due_at=at(D, 11),
                    reply_text="好",
                    reply_at=at(D, 14),
                ),
                Message(case_id=i.id, direction="received", text="请尽快派送", at=at(D, 8), reply_due_at=at(D, 20)),
                Message(case_id=b.id, direction="sent", text="请核实地址，收件人电话13987654321", at=at(days(-3), 11)),
            ]
        )
        session.add_all(
            [
                ShelfCount(counted_at=at(D, 8), scanned=3, on_shelf_open=3),
                ShelfCount(
                    counted_at=at(D, 19),
                    scanned=10,
                    on_shelf_open=7,
                    on_shelf_closed=1,
                    not_scanned=2,
                    unknown=1,
                    flagged_lost=0,
                ),
                ShelfCount(counted_at=at(days(1), 19), scanned=99),
            ]
        )
        for name, view in {"A": a, "B": b, "C": c, "D": d_, "F": f, "H": h, "I": i, "J": j, "K": k}.items():
            ids[name] = view.id
        session.get(Case, f.id).deleted_at = at(D, 12)
        wa = session.get(Waybill, session.get(Case, a.id).waybill_id)
        wa.recipient_phone, wa.recipient_phone_tail = "13812345678", "5678"
        wa.recipient_address = "江州市临江区滨江路188号锦绣花园12栋3单元1203"
        wb = session.get(Waybill, session.get(Case, b.id).waybill_id)
        wb.recipient_phone_tail = "4321"
        wb.recipient_address = "浙江省杭州市西湖区文三路100号3幢2单元501室"
        waybills = {name: session.get(Case, case_id).waybill.waybill_no for name, case_id in ids.items()}
    return Scenario(ids, waybills)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files (tmp_path also holds the data folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def detail_rows(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)[DETAIL_SHEET]
    headers = [c.value for c in ws[2]]
    rows = []
    for row in ws.iter_rows(min_row=3):
        if row[0].value is None:
            break
        rows.append({h: c.value for h, c in zip(headers, row, strict=True)})
    return rows


def by_waybill(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["运单号"]: r for r in rows}


def test_rows_summary_and_layout(database: Database, clerk: Actor, out: Path) -> None:
    s = build(database, clerk)
    path = out / "日报.xlsx"
    with database.read() as session:
        summary = write_daily_sheet(session, D, path)

    rows = by_waybill(detail_rows(path))
    w = s.waybills
    assert set(rows) == {w[n] for n in ("A", "B", "C", "H", "I", "J", "K")}  # not D (closed before), E, F, chase
    a, b, c, k = rows[w["A"]], rows[w["B"]], rows[w["C"]], rows[w["K"]]
    assert a["快递公司"] == "申通" and a["登记方"] == "我方" and a["问题类型"] == "关机"
    assert a["登记时间"] == "2026-10-14 09:00" and a["滞留天数"] == 1 and a["货架"] == "A-03"
    assert a["快递员"] == "张三" and a["片区"] == "滨江片区"  # the expired 老街片区 assignment is not shown
    assert a["小区/地址"] == "锦绣花园" and a["已录系统"] == "是" and a["盘点在架"] == "是"
    assert a["状态"] == "待处理" and a["下一步"] == "给对方网点留言" and a["经办人"] == clerk.name
    assert a["标记"] == "当日新增"
    assert b["登记方"] == "对方" and b["滞留天数"] == 4 and b["标记"] == "超期" and b["盘点在架"] == "否"
    assert b["留言时间"] == "2026-10-11 11:00" and b["下一步"] == "催对方网点回复"
    assert c["标记"] == "当日结案" and c["状态"] == "已关闭" and c["下一步"] is None
    assert k["状态"] == "待再派" and k["标记"] is None  # its status at the end of D, not today's 已签收
    assert rows[w["I"]]["下一步"] == "回复对方留言（2026-10-14 20:00前）"
    assert rows[w["J"]]["状态"] == "已退回" and rows[w["J"]]["标记"] == "当日结案"
    assert rows[w["H"]]["状态"] == "退回中"

    assert (summary.rows, summary.new, summary.open_at_end, summary.closed_today, summary.overdue) == (7, 1, 5, 2, 2)
    assert summary.new_by_type == {"关机": 1}
    assert (summary.messages_due, summary.answered_in_time, summary.answered_late, summary.unanswered) == (3, 1, 1, 1)
    assert (summary.returns_started, summary.returned) == (1, 1)
    count = summary.shelf_count
    assert count is not None and count.counted_at == at(D, 19)
    assert (count.scanned, count.on_shelf_closed, count.not_scanned, count.unknown, count.flagged_lost) == (
        10,
        1,
        2,
        1,
        0,
    )
    assert summary.by_courier == {"未指派": 5, "张三": 2} and summary.overdue_by_courier == {"张三": 1, "未指派": 1}
    assert (
        summary.by_status["待处理"] == 1 and summary.by_status["已退回"] == 1 and sum(summary.by_status.values()) == 7
    )

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [DETAIL_SHEET, SUMMARY_SHEET]
    ws = book[DETAIL_SHEET]
    assert ws["A1"].value == "临江滨江分部 每日问题件日报 2026-10-14"
    assert [c.value for c in ws[2]] == [c.zh for c in DAILY_COLUMNS]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:W9"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$2"
    assert ws.column_dimensions["A"].width == 18
    last = [c.value for c in ws[ws.max_row]]
    assert [v for v in last if v] == ["交班人：＿＿＿＿＿＿＿＿", "接班人：＿＿＿＿＿＿＿＿", "站长：＿＿＿＿＿＿＿＿"]

    fills = {
        row[0].value: row[0].fill.fgColor.rgb if row[0].fill.fill_type else None for row in ws.iter_rows(min_row=3)
    }
    assert fills[w["B"]] == HIGHLIGHT and fills[w["I"]] == HIGHLIGHT
    assert fills[w["A"]] is None and fills[w["C"]] is None

    summary_sheet = {r[0]: r[1] for r in book[SUMMARY_SHEET].iter_rows(min_row=3, values_only=True) if r[0]}
    assert summary_sheet["当日新增"] == 1 and summary_sheet["超时回复"] == 1 and summary_sheet["未扫到"] == 2
    assert summary_sheet["转为退回中"] == 1 and summary_sheet["已退回"] == 1 and summary_sheet["张三"] == 2
    assert summary_sheet["盘点时间"] == "2026-10-14 19:00"
    last = [c.value for c in book[SUMMARY_SHEET][book[SUMMARY_SHEET].max_row]]
    assert last == ["交班人：＿＿＿＿＿＿＿＿", "接班人：＿＿＿＿＿＿＿＿", "站长：＿＿＿＿＿＿＿＿"]


def test_text_cells_are_never_formulas(database: Database, clerk: Actor, out: Path) -> None:
    build(database, clerk)
    path = out / "日报.xlsx"
    with database.read() as session:
        write_daily_sheet(session, D, path)
    ws = openpyxl.load_workbook(path)[DETAIL_SHEET]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "773012345678901")
    waybill, note = row[0], row[[c.key for c in DAILY_COLUMNS].index("detail")]
    assert (waybill.value, waybill.data_type) == ("773012345678901", "s")
    assert (note.value, note.data_type) == (HYPERLINK, "s") and note.quotePrefix
    with zipfile.ZipFile(path) as z:
        assert all("<f>" not in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_masked_by_default_and_unmasked_on_request(database: Database, clerk: Actor, manager: Actor, out: Path) -> None:
    s = build(database, clerk)
    masked, unmasked = out / "masked.xlsx", out / "unmasked.xlsx"
    with database.read() as session:
        write_daily_sheet(session, D, masked)
        summary = write_daily_sheet(session, D, unmasked, unmasked=True, actor=clerk, manager_pin=MANAGER_PIN)
    assert summary.approved_by == manager
    m, u = by_waybill(detail_rows(masked)), by_waybill(detail_rows(unmasked))
    a, b = s.waybills["A"], s.waybills["B"]
    assert m[a]["收件电话"] == "138****5678" and u[a]["收件电话"] == "13812345678"
    assert m[b]["收件电话"] == "****4321" == u[b]["收件电话"]  # only the tail is known
    assert m[b]["小区/地址"] == "文三路*号*幢*单元*室"
    assert u[b]["小区/地址"] == "浙江省杭州市西湖区文三路100号3幢2单元501室"
    assert m[b]["最新留言"] == "我方：请核实地址，收件人电话139****4321"
    assert u[b]["最新留言"] == "我方：请核实地址，收件人电话13987654321"
    for row in m.values():
        assert "13812345678" not in str(row.values()) and "13987654321" not in str(row.values())


def test_profile_picks_columns_order_and_headers(database: Database, clerk: Actor, out: Path) -> None:
    s = build(database, clerk)
    profile = ExportProfileSpec(
        name="圆通上报",
        target="daily",
        columns=("status_label", "waybill_no", "courier"),
        headers={"waybill_no": "单号"},
    )
    path = out / "圆通.xlsx"
    with database.read() as session:
        write_daily_sheet(session, D, path, profile=profile)
    ws = openpyxl.load_workbook(path)[DETAIL_SHEET]
    assert [c.value for c in ws[2]] == ["状态", "单号", "快递员"]
    assert ws.auto_filter.ref == "A2:C9"
    assert ("待处理", s.waybills["A"], "张三") in list(ws.iter_rows(min_row=3, values_only=True))
    with pytest.raises(ValidationError) as info, database.read() as session:
        write_daily_sheet(session, D, path, profile=ExportProfileSpec("x", "daily", ("waybill_no", "no_such")))
    assert info.value.code == "export_unknown_columns" and "no_such" in info.value.message()
    with pytest.raises(ValidationError), database.read() as session:
        write_daily_sheet(session, D, path, profile=ExportProfileSpec("x", "cases", ("waybill_no",)))


def test_progress_and_cancel_leave_no_file(database: Database, clerk: Actor, out: Path) -> None:
    build(database, clerk)
    path = out / "日报.xlsx"
    seen: list[tuple[int, int]] = []
    with database.read() as session:
        write_daily_sheet(session, D, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)
    before = path.read_bytes()
    with pytest.raises(ExportCancelled), database.read() as session:
        write_daily_sheet(
            session, D, path, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: True
        )
    assert path.read_bytes() == before  # the earlier file is untouched
    fresh = out / "new.xlsx"
    calls: list[int] = []
    with pytest.raises(ExportCancelled), database.read() as session:
        # cancelled after the rows were written, just before saving
        write_daily_sheet(
            session, D, fresh, progress=lambda done, total: calls.append(done), cancelled=lambda: len(calls) >= 1
        )
    assert not fresh.exists()
    assert sorted(p.name for p in out.iterdir()) == ["日报.xlsx"]


def test_missing_folder_locked_target_and_wrong_suffix(
    database: Database, clerk: Actor, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(database, clerk)
    with pytest.raises(UserError) as info, database.read() as session:
        write_daily_sheet(session, D, out / "没有这个文件夹" / "日报.xlsx")
    assert info.value.code == "export_folder_missing"
    assert info.value.message() == f"保存位置的文件夹不存在：{out / '没有这个文件夹'}。"

    target = out / "日报.xlsx"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(files.os, "replace", refuse)  # what Windows does while Excel holds the file open
    with pytest.raises(UserError) as info, database.read() as session:
        write_daily_sheet(session, D, target)
    assert info.value.code == "export_target_locked" and "Excel" in info.value.message()
    assert target.read_bytes() == b"old" and [p.name for p in out.iterdir()] == ["日报.xlsx"]

    with pytest.raises(ValidationError) as info, database.read() as session:
        write_daily_sheet(session, D, out / "日报.csv")
    assert info.value.code == "export_bad_suffix"


def test_an_empty_day(database: Database, clerk: Actor, out: Path) -> None:
    path = out / "日报.xlsx"
    with database.read() as session:
        summary = write_daily_sheet(session, D, path)
    assert summary.rows == 0 and summary.shelf_count is None and summary.new_by_type == {}
    book = openpyxl.load_workbook(path)
    ws = book[DETAIL_SHEET]
    assert ws["A1"].value == "每日问题件日报 2026-10-14" and ws.auto_filter.ref == "A2:W2"
    values = [r[0] for r in book[SUMMARY_SHEET].iter_rows(values_only=True)]
    assert "当日未盘点" in values


def test_detail_row_stays_when_summary_columns_are_empty(database: Database, clerk: Actor, out: Path) -> None:
    """A stuck case without its detail row (an import gone half-way) still shows, with blanks."""
    with database.write() as session:
        view = _open(session, clerk, "Z", at(D, 9))
        session.delete(session.get(StuckDetail, view.id))
    path = out / "日报.xlsx"
    with database.read() as session:
        summary = write_daily_sheet(session, D, path)
        waybill = session.scalar(select(Waybill.waybill_no).join(Case).where(Case.id == view.id))
    assert summary.rows == 1 and detail_rows(path)[0]["运单号"] == waybill
