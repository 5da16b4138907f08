"""The run's contract with its callers (the wizard, the command line): progress that only moves forward and
covers the checking too, Cancel noticed while rows are checked, one field fed by one column, a dry run's reconcile
without rolled-back rows, and "vanished" judged per carrier."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.actor import Actor
from app.imports.guards import ImportRefused
from app.imports.readers import read_file
from app.imports.run import ImportCancelled, ImportResult, prepare, run_import
from app.imports.table import Table
from db.engine import Database
from db.models import Case
from tests import import_files as files

HEADER = ["运单号", "快递公司", "问题类型", "登记时间"]


def _table(tmp_path: Path, rows: list[list[object]], name: str = "a.xlsx") -> Table:
    return read_file(files.write_xlsx(tmp_path / name, [HEADER, *rows]))


def _run(database: Database, actor: Actor, table: Table, **kw) -> ImportResult:
    with database.read() as session:
        mapping = prepare(session, table, "stuck").mapping
    return run_import(database, actor, table, "stuck", mapping, **kw)


def _rows(count: int, prefix: str = "YT", carrier: str = "圆通") -> list[list[object]]:
    return [[f"{prefix}{7730000000000 + i}", carrier, "拒收", "2026-11-21 09:30"] for i in range(count)]


def test_progress_only_moves_forward_and_covers_the_checking(database: Database, clerk: Actor, tmp_path: Path) -> None:
    table = _table(tmp_path, _rows(1_200))
    shown: list[int] = []
    _run(database, clerk, table, progress=lambda done, total: shown.append(done))
    assert shown == sorted(shown), "the bar went back"
    assert any(0 < done < len(table.rows) for done in shown), "nothing was reported while rows were checked"
    assert shown[-1] == 2 * len(table.rows)


def test_cancel_is_noticed_while_rows_are_checked(database: Database, clerk: Actor, tmp_path: Path) -> None:
    table = _table(tmp_path, _rows(1_200))
    shown: list[int] = []
    asked = iter(range(100))
    with pytest.raises(ImportCancelled):
        _run(database, clerk, table, progress=lambda d, t: shown.append(d), cancelled=lambda: next(asked) == 2)
    assert shown[-1] < len(table.rows)  # stopped before the checking was over
    with database.read() as session:
        assert session.query(Case).count() == 0


def test_one_field_from_two_columns_is_refused(database: Database, clerk: Actor, tmp_path: Path) -> None:
    table = _table(tmp_path, _rows(2))
    with pytest.raises(ImportRefused) as refused:
        run_import(database, clerk, table, "stuck", {0: "waybill_no", 2: "problem_type", 3: "problem_type"})
    assert "问题类型" in refused.value.message()
    with database.read() as session:
        assert session.query(Case).count() == 0


def test_a_dry_run_keeps_the_reconcile_counts_but_lists_no_rolled_back_rows(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    result = _run(database, clerk, _table(tmp_path, _rows(3)), dry_run=True)
    assert result.reconcile is not None
    assert result.reconcile.counts["new"] == 3 and result.reconcile.entries == {}
    real = _run(database, clerk, _table(tmp_path, _rows(3)))
    assert real.reconcile is not None and len(real.reconcile.entries["new"]) == 3


def test_vanished_is_judged_per_carrier_against_its_own_previous_list(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    yto = _rows(3, "YT", "圆通")
    _run(database, clerk, _table(tmp_path, yto, "yto-1.xlsx"))
    zto = _run(database, clerk, _table(tmp_path, _rows(2, "ZT", "中通"), "zto.xlsx"))
    assert zto.reconcile is not None and zto.reconcile.counts["vanished"] == 0  # 圆通's parcels are not 中通's
    again = _run(database, clerk, _table(tmp_path, yto[:2], "yto-2.xlsx"))
    assert again.reconcile is not None
    assert [e.waybill_no for e in again.reconcile.entries["vanished"]] == [yto[2][0]]  # against 圆通's last list
