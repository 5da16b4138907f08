"""Imported chases and complaints are counted as repeats by the rule a case logged by hand follows (app.repeats):
an earlier chase or complaint for the same parcel or caller within the window, whether logged by hand or in an
earlier row of the same file; so the reports' repeat rates include them. Real .xlsx and .csv files, both engines."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from app.actor import Actor
from app.chases import NewChase, log_chase
from app.reports.figures import Rate, repeat_rates
from app.reports.ranges import ReportRange
from db.engine import Database
from db.models import Case
from tests import import_files as files
from tests.import_pipeline import NOW, A, B, C, D, E, F, local, run

COMPLAINTS = ["运单号", "受理时间", "工单来源", "工单编号", "投诉类型", "投诉人", "联系电话", "投诉内容"]


def _counts(database: Database, kind: str) -> dict[str, int]:
    with database.read() as session:
        rows = session.execute(select(Case).where(Case.kind == kind)).scalars()
        return {case.waybill.waybill_no: case.repeat_count for case in rows}


def test_imported_complaints_count_hand_logged_chases_and_earlier_rows(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    with database.write() as session:  # by hand, before the file: A's parcel, and a caller with a full number
        log_chase(session, NewChase(A, "inbound", opened_at=local(2026, 11, 20, 9)), actor=clerk)
        log_chase(
            session,
            NewChase(B, "inbound", caller_phone="13812345678", opened_at=local(2026, 11, 21, 9)),
            actor=clerk,
        )
        log_chase(session, NewChase(C, "inbound", opened_at=local(2026, 11, 5, 9)), actor=clerk)  # out of the window
    rows = [
        [A, "2026-11-22 10:00", "淘宝工单", "TB1", "延误投诉", "张女士", None, "还没到"],  # the same parcel
        [D, "2026-11-22 11:00", "淘宝工单", "TB2", "延误投诉", "王女士", "138****5678", "催了两次"],  # masked caller
        [C, "2026-11-22 12:00", "淘宝工单", "TB3", "延误投诉", "赵先生", "13700001111", "没人管"],  # the chase is old
        [E, "2026-11-22 13:00", "12305申诉", "YZ1", "延误投诉", "赵先生", "13700001111", "再投诉"],  # C's row above
        [F, "2026-11-22 09:00", "微博", "WB1", "态度恶劣", "周先生", "13600002222", "第一次"],  # nothing before it
    ]
    result = run(database, clerk, files.write_xlsx(tmp_path / "投诉工单.xlsx", [COMPLAINTS, *rows]), "complaint")
    assert (result.created, result.rejected) == (5, [])
    assert _counts(database, "complaint") == {A: 1, D: 1, C: 0, E: 1, F: 0}
    with database.read() as session:
        rates = repeat_rates(session, ReportRange.week(date(2026, 11, 22)))
    assert rates["complaint"] == Rate(3, 5)


def test_imported_chases_count_earlier_rows_of_the_file_by_caller(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    """A GBK CSV of inbound chases: the same caller twice (once masked), the same parcel twice, the same caller
    again but after the window; the import's own clock is not the chases' time."""
    header = ["运单号", "催件时间", "催件人", "来电号码", "客户诉求"]
    rows = [
        [A, "2026-11-10 09:00", "张女士", "13912344321", "快点送"],
        [B, "2026-11-21 09:30", "张女士", "139****4321", "快点送"],  # 11 days after A's: out of the window
        [C, "2026-11-22 09:30", "张女士", "13912344321", "还没到"],  # B's caller a day later
        [C, "2026-11-22 09:30", None, None, None],  # folded into the row above: one case
        [D, "2026-11-22 10:00", "李先生", "17012344321-9527", "改派"],  # a virtual number: another customer
    ]
    path = files.carrier_csv(tmp_path / "到件催件.csv", header, rows, "gbk")
    result = run(database, clerk, path, "chase-in")
    assert (result.created, result.rejected) == (4, [])
    assert _counts(database, "chase") == {A: 0, B: 0, C: 1, D: 0}
    later = files.carrier_csv(
        tmp_path / "次日催件.csv", header, [[B, "2026-11-23 09:00", "张女士", "13912344321", "x"]], "gbk"
    )
    assert run(database, clerk, later, "chase-in", now=NOW + timedelta(days=1)).updated == 1  # an open case: no new one
    assert _counts(database, "chase")[B] == 0  # counted once, when the case was opened
