"""Any case list to .xlsx or .csv: the filter the list shows, the columns of `CASE_COLUMNS` or of a profile.

Both formats carry the same display texts (as the GUI's list and the clipboard copy show them). The CSV is UTF-8
with a BOM so Excel opens Chinese text correctly, and a cell starting with = + - @ (or a tab / carriage return)
gets a leading apostrophe so no spreadsheet evaluates it (OWASP CSV injection); the .xlsx keeps the text exact
as a literal text cell instead. Phones are masked unless `unmasked`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app import settings
from app.case_query import CaseFilter, CaseRow, count, iterate
from app.columns import CASE_COLUMNS, Format, local_time
from app.errors import ValidationError
from app.export.files import approve_unmasked, atomic_output, ticker
from app.export.table import Chosen, masking_free_text, profile_columns, row_cells
from app.progress import Cancelled, Progress, Ticker
from app.workflows import KIND_LABELS, case_workflow

if TYPE_CHECKING:
    from app.actor import Actor
    from app.export.profiles import ExportProfileSpec

FORMATS = (".xlsx", ".csv")
CSV_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CasesExport:
    path: Path
    rows: int
    format: str  # "xlsx" | "csv"
    approved_by: Actor | None = None  # the manager who allowed an unmasked list


def export_format(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            "export_bad_suffix",
            fields={"path": "export_bad_suffix"},
            suffix=suffix or "（无）",
            allowed=" / ".join(FORMATS),
        )
    return suffix[1:]


def case_columns(profile: ExportProfileSpec | None) -> list[Chosen]:
    return profile_columns(tuple(masking_free_text(c) for c in CASE_COLUMNS), "cases", profile)


def csv_safe(text: str) -> str:
    """A CSV cell no spreadsheet will run as a formula."""
    return "'" + text if text.startswith(CSV_DANGEROUS) else text


def _overdue(row: CaseRow, now: datetime) -> bool:
    return (
        row.due_at is not None
        and row.due_at < now
        and not case_workflow(row.kind, row.direction).is_terminal(row.status)
    )


def _title(session: Session, f: CaseFilter, now: datetime, fmt: Format) -> str:
    outlet = settings.get(session, "outlet.name") or ""
    what = KIND_LABELS.get(f.kind or "", "案件")
    scope = "（未结）" if f.open_only else ""
    return f"{outlet} {what}清单{scope} 导出于 {local_time(now, fmt)}".strip()


def export_cases(
    session: Session,
    f: CaseFilter,
    path: Path,
    *,
    unmasked: bool = False,
    actor: Actor | None = None,
    manager_pin: str | None = None,
    profile: ExportProfileSpec | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CasesExport:
    """Write every case the filter matches (newest first, as the list shows them) to `path`; .xlsx or .csv by its
    suffix. A cancel or an error leaves no file behind. `unmasked` needs a manager (`actor` one, or
    `manager_pin`), checked before anything is written; the result names that manager for `record_unmasked`."""
    path = Path(path)
    kind = export_format(path)
    approved_by = approve_unmasked(session, actor, manager_pin) if unmasked else None
    columns = case_columns(profile)
    fmt = Format(zone=settings.deadline_rules(session).tz(), unmasked=unmasked)
    with atomic_output(path) as temp:
        ticks = ticker(count(session, f), progress, cancelled)
        rows = iterate(session, f)
        if kind == "csv":
            done = _write_csv(temp, rows, columns, fmt, ticks)
        else:
            done = _write_xlsx(temp, rows, columns, fmt, ticks, _title(session, f, datetime.now(UTC), fmt))
    return CasesExport(path=path, rows=done, format=kind, approved_by=approved_by)


def _write_csv(temp: Path, rows: Iterable[CaseRow], columns: list[Chosen], fmt: Format, ticker: Ticker) -> int:
    done = 0
    with open(temp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([csv_safe(c.header) for c in columns])
        cells = row_cells(columns, fmt, text=True)
        for row in rows:
            writer.writerow([csv_safe(cell) for cell in cells(row)])
            done += 1
            ticker.tick(done)
    ticker.report(done)
    return done


def _write_xlsx(
    temp: Path, rows: Iterable[CaseRow], columns: list[Chosen], fmt: Format, ticker: Ticker, title: str
) -> int:
    from app.export.xlsx import Book, SheetColumn

    now = datetime.now(UTC)
    book = Book()
    done = 0
    try:
        sheet = book.sheet("案件清单", title, [SheetColumn(c.header, c.column.width) for c in columns])
        cells = row_cells(columns, fmt)
        for row in rows:
            sheet.append(cells(row), highlight=_overdue(row, now))
            done += 1
            ticker.tick(done)
        ticker.report(done)
        book.save(temp)
    except BaseException:
        book.discard()
        raise
    return done
