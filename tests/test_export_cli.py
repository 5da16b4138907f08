"""`outlet-desk export daily|cases` end to end: real processes, real databases (SQLite and PostgreSQL), real files."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from sqlalchemy import select

from app import cases
from app.actor import Actor
from app.cases import NewCase
from app.export.profiles import ExportProfileSpec, save_profile
from app.operators import cli_operator, create_operator
from app.startup import open_database
from db.models import AuditEntry
from tests.conftest import MANAGER_PIN

SH = ZoneInfo("Asia/Shanghai")


def run(home: Path, *args: str, db: str | None = None) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "app", "--home", str(home)]
    if db:
        cmd += ["--db", db]
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    return subprocess.run(cmd + list(args), capture_output=True, env=env, timeout=300)


def add_manager(db_url: str, home: Path) -> Actor:
    database = open_database(db_url, home)
    try:
        with database.write() as session:
            return create_operator(session, "李站长", role="manager", pin=MANAGER_PIN)
    finally:
        database.dispose()


def out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8")


def err(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8")


def build(db_url: str, home: Path) -> None:
    database = open_database(db_url, home)
    try:
        with database.write() as session:
            actor = cli_operator(session)
            now = datetime.now(UTC)
            cases.open_case(
                session,
                NewCase(kind="stuck", waybill_no="773012345678901", opened_at=now, detail="收件人 13812345678"),
                actor=actor,
            )
            cases.open_case(
                session,
                NewCase(
                    kind="stuck", waybill_no="YT8962646785389", opened_at=datetime(2026, 10, 13, 23, 30, tzinfo=SH)
                ),
                actor=actor,
            )
            cases.open_case(
                session,
                NewCase(kind="stuck", waybill_no="YT8962646785390", opened_at=datetime(2026, 10, 15, 0, 30, tzinfo=SH)),
                actor=actor,
            )
            cases.open_case(
                session,
                NewCase(
                    kind="chase",
                    direction="outbound",
                    waybill_no="SF1385628716739",
                    caller_phone="13912345678",
                    opened_at=now - timedelta(hours=1),
                ),
                actor=actor,
            )
            save_profile(
                session,
                ExportProfileSpec("上级公司", "cases", ("waybill_no", "status_label"), {"waybill_no": "单号"}),
                actor=actor,
            )
    finally:
        database.dispose()


def test_export_daily_and_cases(db_url: str, home: Path, tmp_path: Path) -> None:
    build(db_url, home)
    folder = tmp_path / "导出"
    folder.mkdir()

    daily = folder / "日报.xlsx"
    result = run(home, "export", "daily", "-o", str(daily), db=db_url)
    assert result.returncode == 0, err(result)
    assert out(result) == f"已导出 3 行：{daily.resolve()}\n"  # today (outlet zone): new today, and still open
    values = list(openpyxl.load_workbook(daily)["问题件明细"].values)
    assert values[-3][0] == "773012345678901" and "13812345678" not in str(values)

    result = run(home, "export", "daily", "--date", "2026-10-14", "-o", str(folder / "old.xlsx"), db=db_url)
    assert result.returncode == 0 and out(result).startswith("已导出 1 行："), err(result)  # the 10-13 one, open

    target = folder / "chase.csv"
    result = run(home, "export", "cases", "--kind", "chase-out", "-o", str(target), db=db_url)
    assert result.returncode == 0 and out(result) == f"已导出 1 行：{target.resolve()}\n", err(result)
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert len(lines) == 2 and "139****5678" in lines[1] and "SF1385628716739" in lines[1]

    target = folder / "range.csv"
    result = run(
        home,
        "export",
        "cases",
        "--kind",
        "stuck",
        "--from",
        "2026-10-14",
        "--to",
        "2026-10-15",
        "-o",
        str(target),
        db=db_url,
    )
    assert result.returncode == 0, err(result)
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert [line[3] for line in lines[1:]] == ["YT8962646785390"]  # --to is inclusive, in local days

    target = folder / "upstream.xlsx"
    result = run(home, "export", "cases", "--open", "--profile", "上级公司", "-o", str(target), db=db_url)
    assert result.returncode == 0 and out(result).startswith("已导出 4 行："), err(result)
    ws = openpyxl.load_workbook(target).active
    assert [c.value for c in ws[2]] == ["单号", "状态"]

    target = folder / "unmasked.xlsx"
    refused = run(home, "export", "daily", "--unmasked", "-o", str(target), db=db_url)  # the CLI operator is a clerk
    assert refused.returncode == 1 and "--manager-pin" in err(refused) and err(refused).count("\n") == 1
    assert not target.exists()
    manager = add_manager(db_url, home)
    refused = run(home, "export", "daily", "--unmasked", "--manager-pin", "0000", "-o", str(target), db=db_url)
    assert (refused.returncode, err(refused)) == (1, "PIN 码不正确。\n") and not target.exists()
    result = run(home, "export", "daily", "--unmasked", "--manager-pin", MANAGER_PIN, "-o", str(target), db=db_url)
    assert result.returncode == 0, err(result)
    assert "13812345678" in str(list(openpyxl.load_workbook(target)["问题件明细"].values))
    database = open_database(db_url, home)
    try:
        with database.read() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "export")).one()
    finally:
        database.dispose()
    assert entry.action == "unmasked"
    assert entry.changes == {
        "what": "daily",
        "path": str(target.resolve()),
        "rows": 3,
        "approved_by": manager.name,
        "approved_by_id": manager.id,
    }


def test_export_errors_are_one_sentence_with_exit_codes(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "没有" / "日报.xlsx"
    result = run(home, "export", "daily", "-o", str(missing))
    assert result.returncode == 1
    assert err(result) == f"保存位置的文件夹不存在：{missing.parent}。\n"
    assert not missing.parent.exists()

    result = run(home, "export", "cases", "--profile", "没有这个方案", "-o", str(tmp_path / "c.csv"))
    assert result.returncode == 1 and err(result) == "找不到导出方案：没有这个方案。\n"

    for args in (
        ("export", "daily", "-o", str(tmp_path / "日报.csv")),
        ("export", "cases", "-o", str(tmp_path / "c.pdf")),
        ("export", "daily", "--date", "2026-13-01", "-o", str(tmp_path / "d.xlsx")),
        ("export", "cases", "--kind", "parcel", "-o", str(tmp_path / "c.csv")),
        ("export", "daily"),
        ("export",),
    ):
        result = run(home, *args)
        assert result.returncode == 2, (args, err(result))
        assert "Traceback" not in err(result) and len(err(result).strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_export_notes_xlsx_and_pdf(db_url: str, home: Path, tmp_path: Path) -> None:
    from app.notebook.notes import NoteForm, save_note

    database = open_database(db_url, home)
    try:
        with database.write() as session:
            actor = cli_operator(session)
            for day, title in ((date(2026, 11, 1), "驿站钥匙放在前台"), (date(2026, 11, 3), "交接：回电客户")):
                save_note(session, NoteForm(title=title, day=day, body="客户电话 13812345678"), actor=actor)
            save_note(session, NoteForm(title="范围外", day=date(2026, 11, 4)), actor=actor)
    finally:
        database.dispose()

    sheet = tmp_path / "笔记.xlsx"
    result = run(home, "export", "notes", "--from", "2026-11-01", "--to", "2026-11-03", "-o", str(sheet), db=db_url)
    assert result.returncode == 0, err(result)
    assert out(result) == f"已导出 2 天的 2 条笔记：{sheet.resolve()}\n"
    rows = list(openpyxl.load_workbook(sheet)["工作笔记"].iter_rows(min_row=3, values_only=True))
    assert [row[2] for row in rows] == ["驿站钥匙放在前台", "交接：回电客户"]
    assert "138****5678" in str(rows) and "13812345678" not in str(rows)

    pdf = tmp_path / "笔记.pdf"
    manager = add_manager(db_url, home)
    args = ("export", "notes", "--from", "2026-11-01", "--to", "2026-11-03", "--unmasked", "-o", str(pdf))
    args += ("--manager-pin", MANAGER_PIN)
    result = run(home, *args, db=db_url)
    assert result.returncode == 0 and out(result).startswith("已导出 2 天的 2 条笔记："), err(result)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "工作笔记 2026-11-01 至 2026-11-03" in text and "交接：回电客户" in text and "13812345678" in text
    database = open_database(db_url, home)
    try:
        with database.read() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "export")).one()
    finally:
        database.dispose()
    assert entry.action == "unmasked"
    assert entry.changes == {
        "what": "notes",
        "path": str(pdf.resolve()),
        "rows": 2,
        "approved_by": manager.name,
        "approved_by_id": manager.id,
    }


def test_export_notes_refusals_are_one_sentence(home: Path, tmp_path: Path) -> None:
    notes = ("export", "notes")
    for args, code, message in (
        ((*notes, "--from", "2026-11-23", "--to", "2026-11-01", "-o", str(tmp_path / "n.pdf")), 1, "晚于结束日期"),
        ((*notes, "--from", "2025-01-01", "--to", "2026-11-01", "-o", str(tmp_path / "n.xlsx")), 1, "最多导出 366 天"),
        ((*notes, "--from", "2026-11-01", "--to", "2026-11-02", "-o", str(tmp_path / "n.csv")), 2, ".xlsx / .pdf"),
        ((*notes, "--from", "2026-11-01", "--to", "2026-11-31", "-o", str(tmp_path / "n.pdf")), 2, "2026-11-31"),
        ((*notes, "--to", "2026-11-02", "-o", str(tmp_path / "n.pdf")), 2, "--from"),
    ):
        result = run(home, *args)
        assert result.returncode == code, (args, err(result))
        assert message in err(result) and len(err(result).strip().splitlines()) == 1 and "Traceback" not in err(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
