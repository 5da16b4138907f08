"""The daily exception sheet (10,000 rows) against openpyxl write-only writing the same cells."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench.common import Result, Target, result, timed_pair
from db.engine import Database
from db.models import Waybill

EXPORT_ROWS = 10_000
EXPORT_RATIO = 1.5  # the daily sheet and its writer: at most this many times raw openpyxl write-only


def daily_fixture(database: Database, rows: int) -> date:
    """`rows` stuck parcels on one day, shaped like an outlet's: couriers with areas, compounds in addresses, 留言
    summaries, a fifth overdue, a tenth closed that day. Written with Core bulk inserts."""
    from app.deadlines import DeadlineRules
    from db.models import Area, Carrier, Case, Courier, CourierArea, Operator, Place, ProblemType, StuckDetail

    day, zone = date(2026, 10, 14), DeadlineRules().tz()
    start = datetime(2026, 10, 14, 8, 0, tzinfo=zone)
    with database.write() as session:
        carrier = session.scalar(select(Carrier.id).where(Carrier.code == "YTO"))
        handler = session.scalar(select(Operator.id))
        types = list(session.scalars(select(ProblemType.id).where(ProblemType.kind == "stuck")))
        session.execute(insert(Area), [{"id": i, "name": f"片区{i}", "created_at": start} for i in range(1, 11)])
        session.execute(insert(Courier), [{"id": i, "name": f"快递员{i}", "created_at": start} for i in range(1, 21)])
        session.execute(insert(CourierArea), [{"courier_id": i, "area_id": (i - 1) % 10 + 1} for i in range(1, 21)])
        compounds = [f"小区{i}花园" for i in range(40)]
        session.execute(insert(Place), [{"kind": "compound", "name": n, "created_at": start} for n in compounds])
        session.execute(
            insert(Waybill),
            [
                {
                    "id": i,
                    "waybill_no": f"YT{8962646700000 + i}",
                    "carrier_id": carrier,
                    "recipient_phone": f"138{i:08d}",
                    "recipient_phone_tail": f"{i:08d}"[-4:],
                    "recipient_address": f"江州市临江区滨江路{i % 300}号{compounds[i % 50] if i % 50 < 40 else '商铺'}"
                    f"{i % 24}栋{i % 4}单元{i % 18}01",
                    "created_at": start,
                }
                for i in range(1, rows + 1)
            ],
        )
        opened = [start + timedelta(seconds=3 * i) for i in range(rows + 1)]
        session.execute(
            insert(Case),
            [
                {
                    "id": i,
                    "kind": "stuck",
                    "direction": "inbound",
                    "waybill_id": i,
                    "status": "closed" if i % 10 == 0 else "awaiting_reply",
                    "problem_type_id": types[i % len(types)],
                    "detail": "收件人电话关机，已发短信",
                    "opened_at": opened[i],
                    "created_at": opened[i],
                    "due_at": opened[i] + timedelta(hours=4 if i % 4 == 0 else 72),
                    "closed_at": opened[i] + timedelta(hours=1) if i % 10 == 0 else None,
                    "handler_id": handler,
                    "courier_id": i % 20 + 1,
                }
                for i in range(1, rows + 1)
            ],
        )
        session.execute(
            insert(StuckDetail),
            [
                {
                    "case_id": i,
                    "registered_by": "us",
                    "in_carrier_system": i % 7 != 0,
                    "shelf": f"{'ABCDEF'[i % 6]}-{i % 20:02d}",
                    "message_direction": "sent",
                    "message_text": "收件人电话关机，请联系寄件人提供正确电话，谢谢",
                    "message_at": opened[i] + timedelta(minutes=10),
                    "reply_text": "已联系寄件人，请再派" if i % 3 == 0 else None,
                    "reply_at": opened[i] + timedelta(hours=2) if i % 3 == 0 else None,
                    "awaiting_reply": i % 3 != 0,
                }
                for i in range(1, rows + 1)
            ],
        )
    return day


Cells = list[tuple[str, list[tuple[Any, ...]]]]  # (sheet title, rows of values) per sheet


def _sheet_cells(path: Path) -> Cells:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
    finally:
        book.close()


def _raw_write(sheets: Cells, path: Path, filled: set[int]) -> None:
    """The same cells the plain openpyxl way: values appended, rows `filled` (indexes into the first sheet) as
    WriteOnlyCells with the overdue fill, as openpyxl's documentation styles cells in write-only mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    book = Workbook(write_only=True)
    for number, (title, rows) in enumerate(sheets):
        ws = book.create_sheet(title)
        for index, row in enumerate(rows):
            if number == 0 and index in filled:
                cells = [WriteOnlyCell(ws, value) for value in row]
                for cell in cells:
                    cell.fill = fill
                ws.append(cells)
            else:
                ws.append(row)
    book.save(path)


def bench_daily(target: Target, runs: int) -> list[Result]:
    """The daily sheet against raw openpyxl writing its cells; on SQLite also the writer alone."""
    from app.export import xlsx
    from app.export.daily import DAILY_COLUMNS, write_daily_sheet

    results = []
    baseline = "openpyxl write-only, same cells and fills"
    mark = [c.key for c in DAILY_COLUMNS].index("mark")
    with target.fresh() as (database, _where):
        day = daily_fixture(database, EXPORT_ROWS)
        ours, raw = target.workdir / "daily.xlsx", target.workdir / "raw.xlsx"

        def app_call() -> None:
            with database.read() as session:
                summary = write_daily_sheet(session, day, ours)
            assert summary.rows == EXPORT_ROWS

        app_call()  # warm: imports, caches
        sheets = _sheet_cells(ours)
        title, rows = sheets[0]
        data = rows[2 : 2 + EXPORT_ROWS]
        overdue = {2 + i for i, row in enumerate(data) if "超期" in (row[mark] or "")}
        samples, base = timed_pair(app_call, lambda: _raw_write(sheets, raw, overdue), runs)
        name = f"daily sheet ({EXPORT_ROWS:,} rows)"
        results.append(result(name, target.engine, EXPORT_ROWS, samples, baseline, base, None))
    if target.engine == "sqlite":
        columns = [xlsx.SheetColumn(str(h), c.width) for h, c in zip(rows[1], DAILY_COLUMNS, strict=True)]

        def writer_call() -> None:
            book = xlsx.Book()
            sheet = book.sheet(title, str(rows[0][0]), columns)
            for index, row in enumerate(data, 2):
                sheet.append(row, highlight=index in overdue)
            book.save(ours)

        detail_only = [(title, rows[: 2 + EXPORT_ROWS])]
        samples, base = timed_pair(writer_call, lambda: _raw_write(detail_only, raw, overdue), runs)
        results.append(result("xlsx writer (daily detail cells)", "-", EXPORT_ROWS, samples, baseline, base, None))
    for r in results:
        r.target_ratio, r.met = EXPORT_RATIO, r.ratio <= EXPORT_RATIO
    ours.unlink(missing_ok=True)
    raw.unlink(missing_ok=True)
    return results
