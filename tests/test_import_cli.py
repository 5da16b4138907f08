"""`outlet-desk import` as a script or an outside check runs it: a real process, real files, exit codes and output
exactly as DESIGN.md §5 says; hostile files refused with one sentence and nothing written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests import import_files as files
from tests.test_cli import err, out


def run(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("OUTLET_DESK_DB", None)
    cmd = [sys.executable, "-m", "app", "--home", str(home), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, env=env, timeout=300)


HEADER = ["运单号", "快递公司", "问题类型", "登记时间", "收件人电话", "留言内容"]


def _sheet(path: Path, *, bad_row: bool = True) -> Path:
    rows: list[list[object]] = [
        ["城东网点问题件清单（导出）"],
        HEADER,
        [773012345678901, "圆通", "地址不详", datetime(2026, 11, 21, 9, 30), "138****5678", "请核实地址"],
        ["YT7730123456789", "圆通", "拒收", "2026/11/21 10:00", "13812345678", None],
    ]
    if bad_row:
        rows.append(["12", "圆通", "拒收", "昨天下午", None, None])
    rows.append(["合计", None, None, None, None, None])
    return files.write_xlsx(path, rows, merges=["A1:F1"])


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "sqlite_stat1"}


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[Path, Path]:
    """A home whose database already holds one import."""
    home = tmp_path / "home"
    home.mkdir()
    result = run(home, "import", str(_sheet(tmp_path / "first.xlsx", bad_row=False)), "--as", "stuck")
    assert result.returncode == 0, err(result)
    return home, home / "outlet-desk.db"


def test_json_counts_and_rejected_rows_with_their_spreadsheet_position(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run(home, "import", str(_sheet(tmp_path / "a.xlsx")), "--as", "stuck", "--json")
    assert result.returncode == 0, err(result)
    report = json.loads(out(result))
    assert {k: report[k] for k in ("rows", "created", "updated", "unchanged")} == {
        "rows": 3,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    # title on row 1, header on row 2: the bad row is row 5 of the sheet, in both of its bad columns
    assert [(r["row"], r["column"]) for r in report["rejected"]] == [(5, "运单号"), (5, "登记时间")]
    assert all(r["reason"] for r in report["rejected"])
    with sqlite3.connect(home / "outlet-desk.db") as conn:
        numbers = sorted(r[0] for r in conn.execute("SELECT waybill_no FROM waybills"))
    assert numbers == ["773012345678901", "YT7730123456789"]


def test_the_same_file_again_creates_nothing(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    home, db = loaded
    before = _counts(db)
    result = run(home, "import", str(_sheet(tmp_path / "again.xlsx", bad_row=False)), "--as", "stuck", "--json")
    assert result.returncode == 0, err(result)
    report = json.loads(out(result))
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 2)
    after = _counts(db)
    changed = {t for t in after if after[t] != before[t]}
    assert changed == {"import_batches", "import_items", "audit_log"}  # the run is recorded, nothing else


def test_dry_run_counts_and_writes_nothing(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    home, db = loaded
    rows = [HEADER, ["ZT7730000000001", "中通", "破损", "2026-11-22", "13900001111", None]]
    path = files.write_xlsx(tmp_path / "new.xlsx", rows)
    before = _counts(db)
    result = run(home, "import", str(path), "--as", "stuck", "--dry-run", "--json")
    assert result.returncode == 0, err(result)
    report = json.loads(out(result))
    assert (report["created"], report["dry_run"]) == (1, True)
    assert _counts(db) == before


def test_rejected_rows_go_to_a_workbook_that_imports_again(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    home, db = loaded
    errors = tmp_path / "拒收 行.xlsx"
    result = run(home, "import", str(_sheet(tmp_path / "b.xlsx")), "--as", "stuck", "--errors-to", str(errors))
    assert result.returncode == 0, err(result)
    assert "第 5 行" in err(result) and str(errors.name) in err(result)
    sheet = openpyxl.load_workbook(errors).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1] == [*HEADER, "原行号", "错误原因"]
    fixed_row = values[2]
    assert fixed_row[0] == "12" and fixed_row[len(HEADER)] == "5" and "运单号" in fixed_row[-1]
    # the clerk fixes the two cells and imports the same workbook
    book = openpyxl.load_workbook(errors)
    ws = book.active
    assert ws is not None
    ws.cell(row=3, column=1, value="YT7730123450000")
    ws.cell(row=3, column=4, value="2026-11-21 15:00")
    book.save(errors)
    again = run(home, "import", str(errors), "--as", "stuck", "--json")
    assert again.returncode == 0, err(again)
    report = json.loads(out(again))
    assert (report["created"], report["rejected"]) == (1, [])
    with sqlite3.connect(db) as conn:
        opened = conn.execute(
            "SELECT c.opened_at FROM cases c JOIN waybills w ON w.id = c.waybill_id WHERE w.waybill_no = ?",
            ("YT7730123450000",),
        ).fetchone()[0]
    assert str(opened).startswith("2026-11-21 07:00")  # 15:00 in Shanghai, stored in UTC


def test_a_table_pasted_on_stdin(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    table = "运单号\t问题类型\t登记时间\t联系电话\nYT7730123456789\t地址不详\t11月21日\t138****5678\n"
    result = run(home, "import", "-", "--as", "stuck", "--json", stdin=table.encode("gb18030"))
    assert result.returncode == 0, err(result)
    assert json.loads(out(result))["created"] == 1
    with sqlite3.connect(home / "outlet-desk.db") as conn:
        phone, tail = conn.execute("SELECT recipient_phone, recipient_phone_tail FROM waybills").fetchone()
    assert (phone, tail) == ("138****5678", "5678")


def test_an_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run(home, "import", str(_sheet(tmp_path / "a.xlsx")), "--as", "parcels")
    assert result.returncode == 2
    assert "parcels" in err(result)


def _no_waybill_column(path: Path) -> Path:
    path.write_bytes(files.csv_bytes([["姓名", "金额"], ["张三", "12"]]))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


HOSTILE = {
    "text_named_xlsx": lambda p: files.text_as(p / "a.xlsx"),
    "binary_named_csv": lambda p: files.binary_csv(p / "a.csv"),
    "empty_csv": lambda p: _empty(p / "a.csv"),
    "password_xlsx": lambda p: files.encrypted_xlsx(p / "a.xlsx", p / "scratch.xls"),
    "no_waybill_column": lambda p: _no_waybill_column(p / "a.csv"),
    "compression_bomb": lambda p: files.padded_xlsx(p / "a.xlsx", 40 * 1024 * 1024),
    "lying_bomb": lambda p: files.lying_padded_xlsx(p / "a.xlsx", 40 * 1024 * 1024),
    "xml_entities": lambda p: files.entity_xlsx(p / "a.xlsx"),
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_files_are_refused_in_one_sentence(make, loaded: tuple[Path, Path], tmp_path: Path) -> None:
    home, db = loaded
    scratch = tmp_path / "hostile"
    scratch.mkdir()
    path = make(scratch)
    before = _counts(db)
    result = run(home, "import", str(path), "--as", "stuck")
    assert result.returncode == 1, (out(result), err(result))
    lines = err(result).strip().splitlines()
    assert len(lines) == 1 and lines[0]
    assert "Traceback" not in err(result) + out(result)
    assert not list(home.rglob("crash-*"))
    assert _counts(db) == before
