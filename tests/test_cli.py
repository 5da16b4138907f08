"""The command line end to end, as scripts use it: real processes, real files, the JSON shapes of DESIGN.md §5."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")


def run(home: Path, *args: str, db: str | None = None, env: dict[str, str] | None = None):
    cmd = [sys.executable, "-m", "app", "--home", str(home)]
    if db:
        cmd += ["--db", db]
    full_env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": "", **(env or {})}
    full_env.pop("OUTLET_DESK_DB", None)
    return subprocess.run(cmd + list(args), capture_output=True, env=full_env, timeout=300)


def out(result) -> str:
    return result.stdout.decode("utf-8")


def err(result) -> str:
    return result.stderr.decode("utf-8")


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True)
    assert result.returncode == 0 and out(result).startswith("outlet-desk ")


def test_usage_error_exit_code_2(home: Path) -> None:
    result = run(home, "list", "parcels")
    assert result.returncode == 2
    assert "Traceback" not in err(result) and len(err(result).strip().splitlines()) == 1


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo-home")
    result = run(home, "demo", "--cases", "400", "--seed", "7")
    assert result.returncode == 0, err(result)
    return home


def test_demo_list_lookup_json_shapes(demo_home: Path) -> None:
    listed = run(demo_home, "list", "cases", "--json")
    assert listed.returncode == 0, err(listed)
    rows = json.loads(out(listed))
    assert len(rows) == 400
    required = {
        "id",
        "kind",
        "direction",
        "waybill_no",
        "carrier",
        "status",
        "status_label",
        "opened_at",
        "due_at",
        "closed_at",
        "carrier_name",
    }
    for row in rows:
        assert required <= row.keys()
        assert row["kind"] in {"stuck", "chase", "complaint", "intercept"}
        assert ISO_WITH_OFFSET.match(row["opened_at"])
        assert re.fullmatch(r"[a-z_]+", row["status"]) and row["status_label"]
    open_rows = json.loads(out(run(demo_home, "list", "cases", "--open", "--kind", "stuck", "--json")))
    assert open_rows and all(r["kind"] == "stuck" and r["closed_at"] is None for r in open_rows)
    chase_in = json.loads(out(run(demo_home, "list", "cases", "--kind", "chase-in", "--json")))
    assert chase_in and all(r["kind"] == "chase" and r["direction"] == "inbound" for r in chase_in)

    number = rows[0]["waybill_no"]
    found = run(demo_home, "lookup", number[-8:], "--json")
    assert found.returncode == 0, err(found)
    result = json.loads(out(found))
    assert result["query"] == number[-8:] and result["truncated"] is False
    match = next(m for m in result["matches"] if m["waybill_no"] == number)
    details = {
        "carrier_name",
        "flags",
        "who_to_call",
        "detailed",
        "recipient_name",
        "recipient_phone",
        "recipient_address",
    }
    assert set(match) == {"waybill_no", "carrier", "records", *details}
    assert match["recipient_phone"] is None or "****" in match["recipient_phone"]
    assert set(result) == {"query", "matches", "truncated", "directory"}
    case_record = next(r for r in match["records"] if r["type"] == "case" and r["id"] == rows[0]["id"])
    assert {"type", "id", "kind", "status", "at", "summary", "case_id"} <= set(case_record)
    assert case_record["status_label"] == rows[0]["status_label"]
    times = [r["at"] for r in match["records"]]
    assert times == sorted(times, reverse=True)
    assert match["detailed"] is True
    assert match["who_to_call"] and all(set(w) == {"role", "name", "phone", "note"} for w in match["who_to_call"])
    assert match["who_to_call"][-1]["role"] == "hotline" and match["who_to_call"][-1]["phone"]
    flagged = [m for m in result["matches"] if m["flags"]]
    for flag in (f for m in flagged for f in m["flags"]):
        assert {"id", "flag", "label", "phone", "address", "note", "auto", "source_case_id", "created_at"} <= set(flag)
        assert flag["phone"] is None or "****" in flag["phone"]  # customers' phones masked
    text_out = out(run(demo_home, "lookup", number))
    assert number in text_out and "☎" in text_out

    nothing = run(demo_home, "lookup", "ZZ0000000000000", "--json")
    assert nothing.returncode == 0 and json.loads(out(nothing))["matches"] == []

    claims = json.loads(out(run(demo_home, "list", "claims", "--json")))
    assert claims and {"id", "claim_no", "waybill_no", "status", "claimed_amount"} <= claims[0].keys()
    assert all(c["claimed_amount"] is None or re.fullmatch(r"\d+\.\d\d", c["claimed_amount"]) for c in claims)


def test_backup_restore_round_trip(demo_home: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    made = run(demo_home, "backup", "-o", str(backup))
    assert made.returncode == 0, err(made)
    assert str(backup) in out(made)
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 400
    db = demo_home / "outlet-desk.db"
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM stuck_details")
        conn.execute("UPDATE cases SET detail = '误操作'")
    restored = run(demo_home, "restore", str(backup))
    assert restored.returncode == 0, err(restored)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE detail = '误操作'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM stuck_details").fetchone()[0] > 0
    kept = list((demo_home / "backups").glob("before-restore-*.db"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE detail = '误操作'").fetchone()[0] == 400
    assert run(demo_home, "check").returncode == 0


def test_restore_refuses_a_file_that_is_not_a_backup(demo_home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    before = (demo_home / "outlet-desk.db").read_bytes()
    result = run(demo_home, "restore", str(junk))
    assert result.returncode == 1
    assert "不是本软件的数据库文件" in err(result) and "Traceback" not in err(result)
    assert (demo_home / "outlet-desk.db").read_bytes() == before


def test_check_finds_damage(tmp_path: Path, home: Path) -> None:
    assert run(home, "list", "cases").returncode == 0  # creates the database
    db = home / "outlet-desk.db"
    assert run(home, "check").returncode == 0
    data = bytearray(db.read_bytes())
    for page in range(1, len(data) // 4096):  # scribble over every b-tree page, keep the file header
        data[page * 4096 + 8 : page * 4096 + 4000] = os.urandom(3992)
    db.write_bytes(bytes(data))
    result = run(home, "check")
    assert result.returncode == 1
    assert "数据库已损坏" in err(result) and "Traceback" not in err(result)


def test_unreachable_database_url(home: Path) -> None:
    result = run(home, "list", "cases", db="postgresql://nobody@127.0.0.1:1/outlet")
    assert result.returncode == 1
    text = err(result).strip()
    assert text.startswith("无法连接数据库") and len(text.splitlines()) == 1


def test_file_that_is_not_a_database(home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "报表.xlsx"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = run(home, "list", "cases", db=str(junk))
    assert result.returncode == 1 and "不是本软件的数据库文件" in err(result)
    assert junk.read_bytes() == b"PK\x03\x04" + b"\x00" * 200


def test_home_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(blocker / "home", "list", "cases")
    assert result.returncode == 1 and err(result).strip().startswith("数据文件夹不可写")


def test_read_only_data_folder(read_only_dir: Path) -> None:
    result = run(read_only_dir, "list", "cases")
    assert result.returncode == 1
    assert err(result).strip().startswith("数据文件夹不可写") and "Traceback" not in err(result)
    assert sorted(p.name for p in read_only_dir.iterdir()) == ["outlet-desk.db"]


def test_postgresql_backup_is_the_servers_job(pg_url: str, home: Path) -> None:
    result = run(home, "backup", db=pg_url)
    assert result.returncode == 1 and "pg_dump" in err(result)


def test_reader_closing_the_pipe_early_is_quiet(demo_home: Path) -> None:
    """`outlet-desk list | head -1`: no traceback, no crash log when the reader stops reading."""
    cmd = [sys.executable, "-m", "app", "--home", str(demo_home), "list", "cases"]
    env = {k: v for k, v in os.environ.items() if k != "OUTLET_DESK_DB"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the child has written a byte: every write it makes meets a closed pipe
    stderr = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0, stderr
    assert "Traceback" not in stderr and stderr == ""
    assert not list(demo_home.rglob("crash-*"))
