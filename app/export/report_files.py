"""A report written to a file: .xlsx or a one-page .pdf by the suffix, with an audit line of who took which range.
The command line's `export report` and the report page both write through here."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.export.report_pdf import FORMATS as PDF_FORMATS
from app.export.report_pdf import write_report_pdf
from app.export.report_xlsx import FORMATS as XLSX_FORMATS
from app.export.report_xlsx import write_report_xlsx
from app.reports.report import Report

FORMATS = XLSX_FORMATS + PDF_FORMATS


def write_report(
    session: Session, report: Report, path: Path, *, outlet: str, previous: Report | None = None, actor: Actor
) -> Path:
    """Write the report as .xlsx or .pdf (by the suffix) with times in the outlet's zone, and record who took
    which range (call it in a write)."""
    zone = settings.deadline_rules(session).tz()
    write = write_report_pdf if path.suffix.lower() in PDF_FORMATS else write_report_xlsx
    written = write(report, path, outlet=outlet, previous=previous, zone=zone).resolve()
    changes = {"what": "report", "path": str(written), "first": report.range.first, "last": report.range.last}
    audit.record(session, actor, "export", None, "report", changes)
    return written
