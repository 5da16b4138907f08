"""Saved column mappings: the wizard saves the clerk's fix under the file's header set; the next file with the same
headers — in any column order — maps the same way, in `prepare` and therefore on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from app.actor import Actor
from app.imports.mapping import guess
from app.imports.profiles import find_profile, save_profile
from app.imports.readers import read_file
from app.imports.run import prepare, run_import
from app.operators import create_operator
from app.startup import open_database
from db.engine import Database
from db.models import Case, ImportProfile
from tests import import_files as files
from tests.test_import_cli import run

# "件号" and "异常件说明" are no synonyms: the synonyms alone cannot find the waybill column
HEADER = ["件号", "快递公司", "异常件说明", "登记时间"]
ROW = ["YT7730123456789", "圆通", "拒收", "2026-11-21 09:30"]


def test_a_saved_mapping_is_found_again_in_any_column_order(database: Database, clerk: Actor, tmp_path: Path) -> None:
    table = read_file(files.write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW]))
    assert "waybill_no" not in guess(table.headers, "stuck").values()
    with database.read() as session:
        assert prepare(session, table, "stuck").missing  # the import cannot start as guessed
    fixed = {0: "waybill_no", 1: "carrier", 2: "problem_type", 3: "event_at"}
    with database.write() as session:
        save_profile(session, "圆通问题件", "stuck", table.headers, fixed, actor=clerk)

    order = [3, 2, 0, 1]
    moved = read_file(files.write_xlsx(tmp_path / "b.xlsx", [[HEADER[i] for i in order], [ROW[i] for i in order]]))
    with database.read() as session:
        prepared = prepare(session, moved, "stuck")
        assert find_profile(session, moved.headers, "chase-in") is None  # saved for another target
    assert prepared.profile == "圆通问题件" and prepared.missing == ()
    assert prepared.mapping == {0: "event_at", 1: "problem_type", 2: "waybill_no", 3: "carrier"}

    result = run_import(database, clerk, moved, "stuck", prepared.mapping, profile_id=prepared.profile_id)
    assert result.created == 1
    with database.read() as session:
        case = session.query(Case).one()
        assert case.waybill.waybill_no == "YT7730123456789"
        assert session.query(ImportProfile).one().last_used_at is not None


def test_saving_again_replaces_the_mapping_of_that_header_set(database: Database, clerk: Actor) -> None:
    headers = tuple(HEADER)
    with database.write() as session:
        save_profile(session, "第一版", "stuck", headers, {0: "waybill_no", 2: "detail"}, actor=clerk)
        save_profile(session, "第二版", "stuck", headers, {0: "waybill_no", 2: "problem_type"}, actor=clerk)
    with database.read() as session:
        assert session.query(ImportProfile).count() == 1
        found = find_profile(session, headers, "stuck")
    assert found is not None and (found.name, found.mapping) == ("第二版", {0: "waybill_no", 2: "problem_type"})


def test_the_command_line_uses_the_saved_profile(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = files.write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW])
    refused = run(home, "import", str(path), "--as", "stuck")
    assert refused.returncode == 1 and "运单号" in refused.stderr.decode("utf-8")

    database = open_database(str(home / "outlet-desk.db"), home)
    try:
        with database.write() as session:
            clerk = create_operator(session, "王芳", role="clerk")
            fixed = {0: "waybill_no", 1: "carrier", 2: "problem_type", 3: "event_at"}
            save_profile(session, "圆通问题件", "stuck", tuple(HEADER), fixed, actor=clerk)
    finally:
        database.dispose()
    done = run(home, "import", str(path), "--as", "stuck", "--json")
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert json.loads(done.stdout)["created"] == 1
