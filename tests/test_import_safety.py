"""An import's safety on SQLite and PostgreSQL: rejected rows reported and the rest imported, a dry run that
writes nothing, Cancel at any point, and the batch record with its parcels and one audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from app import cases
from app.actor import Actor
from app.imports.readers import read_file
from app.imports.run import ImportCancelled, prepare, run_import
from db.engine import Database
from db.models import (
    AuditEntry,
    Case,
    ImportBatch,
    ImportItem,
    Waybill,
)
from tests import import_files as files
from tests.import_pipeline import (
    LATER,
    NOW,
    STUCK,
    A,
    B,
    C,
    D,
    case_of,
    count,
    local,
    run,
    snapshot,
    xlsx,
)

# --- rejected rows, dry run, cancel, the batch --------------------------------------------------------------


def test_rejected_rows_carry_their_line_and_header_and_the_rest_is_imported(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "派件频次"]
    rows = [
        [A, "申通", "地址不详", "2026-11-21 09:30", "13812345678", "好的一行", "1"],
        ["12", "申通", "拒收", "2026-11-21 09:30", None, None, None],
        [B, "申通", "拒收", "下午三点半", "无", None, "两次"],
        [C, "申通", "拒收", "2026-11-21 09:30", None, None, None],
        ["", "申通", "拒收", "2026-11-21 09:30", None, None, None],
    ]
    path = files.carrier_csv(tmp_path / "问题件.csv", header, rows, "gbk")
    result = run(database, clerk, path)

    assert (result.rows, result.created) == (5, 2)
    assert [(r.row, r.column) for r in result.rejected] == [
        (3, "运单号"),
        (4, "登记时间"),
        (4, "收件人电话"),
        (4, "派件频次"),
        (6, "运单号"),
    ]
    reasons = [r.reason for r in result.rejected]
    assert "12" in reasons[0] and "下午三点半" in reasons[1] and "无" in reasons[2] and "两次" in reasons[3]
    assert all(r.as_dict().keys() == {"row", "column", "reason"} for r in result.rejected)
    with database.read() as session:
        assert sorted(session.scalars(select(Waybill.waybill_no))) == [A, C]
        assert case_of(session, A).detail == "好的一行"
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and (batch.rows, batch.created, batch.rejected) == (5, 2, 3)


def _morning_file(tmp_path: Path) -> Path:
    """Against the state `_yesterday` leaves: A changed, B unchanged, C (closed) with a later event, D new, a
    repeated row, an unknown type and a bad row."""
    rows = [
        [A, "申通", "拒收", "2026-11-21 09:30"],
        [B, "申通", "关机", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-22 15:00"],
        [D, "申通", "外星人劫持", "2026-11-22 09:30"],
        [D, "申通", None, None, "13812345678"],
        ["12", "申通", "关机", "2026-11-22 09:30"],
    ]
    return xlsx(tmp_path, rows, name="morning.xlsx")


def _yesterday(database: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = [
        [A, "申通", "地址不详", "2026-11-21 09:30"],
        [B, "申通", "关机", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-21 09:30"],
    ]
    run(database, clerk, xlsx(tmp_path, rows, name="yesterday.xlsx"))
    with database.write() as session:
        case = case_of(session, C)
        cases.close(session, case.id, "已签收", expected_version=case.version, actor=clerk)
        session.execute(update(Case).where(Case.id == case.id).values(closed_at=local(2026, 11, 22, 12)))


def test_a_dry_run_counts_exactly_what_the_import_does_and_writes_nothing(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    _yesterday(database, clerk, tmp_path)
    path = _morning_file(tmp_path)
    before = snapshot(database)

    dry = run(database, clerk, path, dry_run=True, now=LATER)

    assert snapshot(database) == before
    assert dry.dry_run and dry.batch_id is None
    real = run(database, clerk, path, now=LATER)
    assert (real.created, real.updated, real.unchanged, real.linked, real.folded) == (2, 1, 1, 1, 1)
    assert real.unknown == {"problem_type": {"外星人劫持": 1}} and len(real.rejected) == 1
    ignore = {"dry_run", "batch_id"}
    assert {k: v for k, v in dry.as_json().items() if k not in ignore} == {
        k: v for k, v in real.as_json().items() if k not in ignore
    }
    assert snapshot(database) != before


class _CancelButton:
    """Cancel pressed the `at`-th time the run asks (never for 0); remembers the progress shown by then."""

    def __init__(self, at: int = 0) -> None:
        self.at, self.asked, self.shown = at, 0, [(0, 0)]

    def cancelled(self) -> bool:
        self.asked += 1
        return self.asked == self.at

    def progress(self, done: int, total: int) -> None:
        self.shown.append((done, total))


def test_cancel_at_any_point_leaves_the_database_as_it_was(database: Database, clerk: Actor, tmp_path: Path) -> None:
    run(database, clerk, files.big_stuck_xlsx(tmp_path / "yesterday.xlsx", 600))  # updates as well as new cases
    table = read_file(files.big_stuck_xlsx(tmp_path / "today.xlsx", 1_200, first=300))
    with database.read() as session:
        mapping = prepare(session, table, "stuck").mapping
    never = _CancelButton()
    run_import(
        database, clerk, table, "stuck", mapping, dry_run=True, cancelled=never.cancelled, progress=never.progress
    )
    assert never.asked >= 5 and never.shown[-1] == (2_400, 2_400)
    before = snapshot(database)

    while_writing = 0
    for at in range(1, never.asked + 1):
        button = _CancelButton(at)
        with pytest.raises(ImportCancelled):
            run_import(database, clerk, table, "stuck", mapping, cancelled=button.cancelled, progress=button.progress)
        while_writing += button.shown[-1][0] > len(table.rows)  # a report from inside the write transaction
        assert snapshot(database) == before, f"cancelled at check {at}"
    assert while_writing >= 2, "some cancels came while rows were being written"

    done = run_import(database, clerk, table, "stuck", mapping, now=NOW)
    assert (done.created, done.unchanged + done.updated) == (900, 300)


def test_each_import_records_its_batch_its_parcels_and_one_audit_entry(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    rows = [
        [A, "申通", "拒收", "2026-11-21 09:30"],
        [B, "申通", "拒收", "2026-11-21 09:30"],
        [A, "申通", "关机"],
        ["x"],
    ]
    path = xlsx(tmp_path, rows, name="城东问题件.xlsx")
    with database.read() as session:
        audits = count(session, AuditEntry)
    result = run(database, clerk, path)
    with database.read() as session:
        batch = session.scalars(select(ImportBatch)).one()
        assert result.batch_id == batch.id
        assert (batch.kind, batch.source, batch.sheet, batch.operator_id) == (
            "stuck",
            "城东问题件.xlsx",
            "Sheet1",
            clerk.id,
        )
        assert (batch.rows, batch.created, batch.updated, batch.unchanged, batch.rejected) == (4, 2, 0, 0, 1)
        assert batch.summary["repeated_in_file"] == 1
        items = session.execute(select(ImportItem.waybill_id, ImportItem.case_id, ImportItem.outcome)).all()
        expected = {(case_of(session, n).waybill_id, case_of(session, n).id, "created") for n in (A, B)}
        assert set(items) == expected and len(items) == 2
        [entry] = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(count(session, AuditEntry) - audits)
        )
        assert (entry.entity, entry.entity_id, entry.action, entry.operator_id) == (
            "import_batch",
            batch.id,
            "import",
            clerk.id,
        )
        assert entry.changes is not None
        assert {k: entry.changes[k] for k in ("kind", "source", "rows", "created", "rejected")} == {
            "kind": "stuck",
            "source": "城东问题件.xlsx",
            "rows": 4,
            "created": 2,
            "rejected": 1,
        }
