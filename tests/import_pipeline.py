"""What the import pipeline tests share: the clock they import at, the header rows they write, running one import
from a file, a snapshot of every table, and reading cases back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.imports.readers import read_file
from app.imports.run import ImportResult, prepare, run_import
from app.imports.table import Table
from db.base import Base
from db.engine import Database
from db.models import (
    Case,
    Followup,
    ProblemType,
    Waybill,
)
from tests import import_files as files
from tests.conftest import COUNTERPART_OUTLET, OUR_OUTLET

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 on 23 November at the outlet
LATER = NOW + timedelta(days=1)
TZ = ZoneInfo("Asia/Shanghai")
A, B, C, D, E, F = (str(files.WAYBILL + i) for i in range(6))
STUCK = ["运单号", "快递公司", "问题类型", "登记时间", "收件人电话", "问题描述"]
THREAD = [*STUCK, "留言内容", "留言时间", "回复内容", "回复时间", "登记网点"]
OURS, THEIRS = OUR_OUTLET, COUNTERPART_OUTLET  # what the `outlets` fixture sets up


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An outlet-local wall-clock time as the UTC instant the database holds."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


def run(database: Database, actor: Actor, source: Table | Path, target: str = "stuck", **options: Any) -> ImportResult:
    """Read, map with the synonyms (every test header is one) and import, as the wizard's OK button does."""
    table = source if isinstance(source, Table) else read_file(source)
    with database.read() as session:
        prepared = prepare(session, table, target)
    assert prepared.missing == ()
    options.setdefault("now", NOW)
    return run_import(database, actor, table, target, prepared.mapping, **options)


def snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for "nothing changed at all"."""
    with database.read() as session:
        return {
            t.name: sorted((tuple(row) for row in session.execute(select(t))), key=repr)
            for t in Base.metadata.sorted_tables
        }


def xlsx(tmp_path: Path, rows: list[list[Any]], header: list[str] = STUCK, name: str = "问题件.xlsx") -> Path:
    return files.carrier_xlsx(tmp_path / name, header, rows)


def case_of(session: Session, number: str, kind: str = "stuck") -> Case:
    found = session.scalars(
        select(Case).join(Waybill).where(Waybill.waybill_no == number, Case.kind == kind).order_by(Case.id)
    ).all()
    assert len(found) == 1, f"{number}: {len(found)} {kind} cases"
    return found[0]


def type_name(session: Session, case: Case) -> str | None:
    found = session.get(ProblemType, case.problem_type_id) if case.problem_type_id else None
    return found.name if found else None


def followups(session: Session, case_id: int) -> list[Followup]:
    return list(session.scalars(select(Followup).where(Followup.case_id == case_id).order_by(Followup.id)))


def count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def thread_rows() -> list[list[Any]]:
    """A 留言 thread export: ours awaiting a reply, theirs to answer, ours already answered, an unknown type."""
    return [
        [
            A,
            "申通",
            "地址不详",
            "2026-11-21 09:30",
            "13812345678",
            None,
            "请核实门牌号",
            "2026-11-21 09:40",
            None,
            None,
            OURS,
        ],
        [B, "申通", "拒收", "2026-11-21 10:00", None, None, "收件人拒收，请联系寄件人", None, None, None, THEIRS],
        [C, "申通", "地址错误", "2026-11-21 11:00", None, None, "地址错误请改", None, "已改为文一路8号", None, OURS],
        [D, "申通", "外星人劫持", "2026-11-21 12:00", "138****5678", "门卫代收"],
    ]
