"""Case lists to .xlsx and .csv, and export profiles, on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app import cases
from app.actor import Actor
from app.case_query import CaseFilter
from app.cases import NewCase
from app.columns import CASE_COLUMNS
from app.errors import NotFoundError, UserError, ValidationError
from app.export.cases import export_cases
from app.export.files import ExportCancelled
from app.export.profiles import ExportProfileSpec, delete_profile, get_profile, list_profiles, save_profile
from db.engine import Database
from db.models import AuditEntry

HYPERLINK = '=HYPERLINK("http://x","y")'
DANGEROUS = (HYPERLINK, "+1 先打电话", "-5 元运费", "@张三 请跟进")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def build(database: Database, clerk: Actor) -> dict[str, int]:
    now = datetime.now(UTC)
    ids = {}
    with database.write() as session:
        for n, detail in enumerate(DANGEROUS):
            view = cases.open_case(
                session,
                NewCase(
                    kind="stuck",
                    waybill_no=f"YT{8962646785389 + n}",
                    detail=detail,
                    opened_at=now - timedelta(hours=10 - n),
                    due_at=now - timedelta(hours=1) if n == 0 else None,
                ),
                actor=clerk,
            )
            ids[detail] = view.id
        chase = cases.open_case(
            session,
            NewCase(
                kind="chase",
                direction="outbound",
                waybill_no="773012345678901",
                caller_name="张伟",
                caller_phone="13812345678",
                detail="客户来电 13912345678 催件",
                opened_at=now - timedelta(hours=1),
            ),
            actor=clerk,
        )
        ids["chase"] = chase.id
        done = cases.open_case(
            session,
            NewCase(kind="stuck", waybill_no="YT8962646785300", opened_at=now - timedelta(hours=20)),
            actor=clerk,
        )
        cases.transition(session, done.id, "closed", expected_version=done.version, actor=clerk)
        ids["closed"] = done.id
    return ids


def xlsx_rows(path: Path) -> list[list[openpyxl.cell.Cell]]:
    ws = openpyxl.load_workbook(path).active
    return [list(r) for r in ws.iter_rows(min_row=2)]


def test_xlsx_keeps_text_exact_and_masks_phones(database: Database, clerk: Actor, manager: Actor, out: Path) -> None:
    ids = build(database, clerk)
    path = out / "cases.xlsx"
    with database.read() as session:
        report = export_cases(session, CaseFilter(), path)
    assert report.rows == 6 and report.format == "xlsx" and report.path == path
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:R8" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    rows = xlsx_rows(path)
    header = [c.value for c in rows[0]]
    assert header == [c.zh for c in CASE_COLUMNS]
    by_id = {r[0].value: {h: c for h, c in zip(header, r, strict=True)} for r in rows[1:]}
    assert set(by_id) == set(ids.values())  # ids are numbers
    chase = by_id[ids["chase"]]
    assert (chase["运单号"].value, chase["运单号"].data_type) == ("773012345678901", "s")
    assert chase["来电号码"].value == "138****5678" and chase["说明"].value == "客户来电 139****5678 催件"
    for text in DANGEROUS:
        cell = by_id[ids[text]]["说明"]
        assert (cell.value, cell.data_type) == (text, "s") and cell.quotePrefix
    overdue = by_id[ids[HYPERLINK]]["运单号"]
    assert overdue.fill.fill_type == "solid" and overdue.fill.fgColor.rgb == "00FFC7CE"
    assert by_id[ids["chase"]]["运单号"].fill.fill_type is None

    with database.read() as session:
        report = export_cases(session, CaseFilter(kind="chase"), path, unmasked=True, actor=manager)
    assert report.approved_by == manager  # a manager needs no PIN
    rows = xlsx_rows(path)
    assert len(rows) == 2 and rows[1][header.index("来电号码")].value == "13812345678"
    assert rows[1][header.index("说明")].value == "客户来电 13912345678 催件"


def test_csv_has_bom_same_text_and_no_formulas(database: Database, clerk: Actor, out: Path) -> None:
    ids = build(database, clerk)
    xlsx_path, csv_path = out / "cases.xlsx", out / "cases.csv"
    with database.read() as session:
        export_cases(session, CaseFilter(kind="stuck", open_only=True), xlsx_path)
        report = export_cases(session, CaseFilter(kind="stuck", open_only=True), csv_path)
    assert report.rows == 4 and report.format == "csv"
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert lines[0] == [c.zh for c in CASE_COLUMNS]
    detail = lines[0].index("说明")
    by_id = {int(line[0]): line for line in lines[1:]}
    assert ids["closed"] not in by_id and ids["chase"] not in by_id
    for text in DANGEROUS:
        assert by_id[ids[text]][detail] == "'" + text
    xlsx = [[("" if c.value is None else str(c.value)) for c in row] for row in xlsx_rows(xlsx_path)]
    unquote = [[cell[1:] if cell.startswith("'") else cell for cell in line] for line in lines]
    assert unquote == xlsx


def test_profile_columns_order_headers_in_csv(database: Database, clerk: Actor, out: Path) -> None:
    build(database, clerk)
    with database.write() as session:
        save_profile(
            session,
            ExportProfileSpec(
                name="上级公司",
                target="cases",
                columns=("caller_phone", "waybill_no", "detail"),
                headers={"caller_phone": "电话", "detail": "情况"},
            ),
            actor=clerk,
        )
    path = out / "上级.csv"
    with database.read() as session:
        export_cases(session, CaseFilter(kind="chase"), path, profile=get_profile(session, "上级公司"))
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert lines == [["电话", "运单号", "情况"], ["138****5678", "773012345678901", "客户来电 139****5678 催件"]]


def test_profiles_are_validated_listed_changed_and_deleted(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        daily = save_profile(
            session, ExportProfileSpec("圆通日报", "daily", ("waybill_no", "status_label")), actor=clerk
        )
        save_profile(session, ExportProfileSpec("案件全部", "cases", tuple(c.key for c in CASE_COLUMNS)), actor=clerk)
    with pytest.raises(ValidationError) as info, database.write() as session:
        save_profile(session, ExportProfileSpec("坏", "daily", ("waybill_no", "no_such", "nope")), actor=clerk)
    assert info.value.code == "export_unknown_columns" and info.value.fields == {"columns": "export_unknown_columns"}
    assert info.value.message() == "没有这些列：no_such、nope。"
    with pytest.raises(ValidationError) as info, database.write() as session:
        save_profile(session, ExportProfileSpec("坏", "daily", ("waybill_no",), {"caller_phone": "电话"}), actor=clerk)
    assert info.value.code == "export_unknown_columns"  # a header for a column the catalogue lacks
    for bad, code in (
        (ExportProfileSpec("圆通日报", "daily", ("waybill_no",)), "export_profile_exists"),
        (ExportProfileSpec("x", "daily", ()), "export_no_columns"),
        (ExportProfileSpec("x", "daily", ("shelf", "shelf")), "export_duplicate_columns"),
        (ExportProfileSpec("x", "parcels", ("shelf",)), "export_bad_target"),
        (ExportProfileSpec("  ", "daily", ("shelf",)), "invalid_input"),
    ):
        with pytest.raises(ValidationError) as info, database.write() as session:
            save_profile(session, bad, actor=clerk)
        assert info.value.code == code
    with database.write() as session:
        changed = save_profile(
            session,
            ExportProfileSpec(
                "圆通日报", "daily", ("shelf", "waybill_no"), {"waybill_no": " 单号 ", "shelf": ""}, daily.id
            ),
            actor=clerk,
        )
    assert changed.columns == ("shelf", "waybill_no") and changed.headers == {"waybill_no": "单号"}
    with database.read() as session:
        assert [p.name for p in list_profiles(session, "daily")] == ["圆通日报"]
        assert len(list_profiles(session)) == 2
        assert get_profile(session, "圆通日报") == changed
    with database.write() as session:
        delete_profile(session, "圆通日报", actor=clerk)
    with pytest.raises(NotFoundError), database.read() as session:
        get_profile(session, "圆通日报")
    with database.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "export_profile").order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "create", "update", "delete"]


def test_refusals_and_cancel(database: Database, clerk: Actor, out: Path) -> None:
    build(database, clerk)
    with pytest.raises(ValidationError) as info, database.read() as session:
        export_cases(session, CaseFilter(), out / "cases.txt")
    assert info.value.code == "export_bad_suffix"
    with pytest.raises(ValidationError) as info, database.read() as session:
        export_cases(session, CaseFilter(), out / "c.csv", profile=ExportProfileSpec("日报", "daily", ("shelf",)))
    assert info.value.code == "export_profile_target"
    with pytest.raises(UserError) as info, database.read() as session:
        export_cases(session, CaseFilter(), out / "missing" / "c.csv")
    assert info.value.code == "export_folder_missing"
    with pytest.raises(UserError) as info, database.read() as session:
        export_cases(session, CaseFilter(), out)
    assert info.value.code in {"export_bad_suffix", "export_target_is_folder"}
    for name in ("c.csv", "c.xlsx"):
        seen: list[int] = []
        with pytest.raises(ExportCancelled), database.read() as session:
            export_cases(
                session,
                CaseFilter(),
                out / name,
                progress=lambda done, total, seen=seen: seen.append(done),
                cancelled=lambda seen=seen: bool(seen),  # cancelled once the first report came
            )
    assert list(out.iterdir()) == []
