"""`export daily [--date D] -o F.xlsx [--unmasked] [--profile NAME]` and `export cases [--kind K] [--direction D]
[--status S] [--open] [--from D] [--to D] -o F.xlsx|F.csv [--unmasked] [--profile NAME]` (DESIGN.md §5; `--unmasked`
needs a manager: `--manager-pin PIN` or env OUTLET_DESK_MANAGER_PIN unless `--operator` is one, else exit 1 with
nothing written), `export directory -o F.xlsx` (the directory's sheets, which `import --as
areas|couriers|outlets|contacts` reads back; never masked, see app/export/directory.py) and `export report [--range
day|week|month] [--date D] [--from D --to D] -o F.xlsx|F.pdf` (the report with the KPIs' trend against the range
before; it holds no customer's personal data, and leaves an audit line saying who took which range). Dates are the
outlet's local calendar days; `--to` is inclusive."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app import settings
from app.actor import Actor
from app.cli.cases_cmd import KIND_SHORTHAND, case_filter_from
from app.cli.context import add_unmasked, open_desk
from app.deadlines import local_date, start_of_local_day
from app.desk import Desk
from app.errors import UsageError
from app.export.cases import FORMATS as CASES_FORMATS
from app.export.cases import export_cases
from app.export.daily import FORMATS as DAILY_FORMATS
from app.export.daily import write_daily_sheet
from app.export.directory import FORMATS as DIRECTORY_FORMATS
from app.export.directory import SHEETS as DIRECTORY_SHEETS
from app.export.directory import write_directory
from app.export.files import record_unmasked
from app.export.notes import FORMATS as NOTES_FORMATS
from app.export.notes import NotesExport, check_range, write_notes_pdf, write_notes_xlsx
from app.export.profiles import get_profile
from app.export.report_files import FORMATS as REPORT_FORMATS
from app.export.report_files import write_report
from app.messages import text
from app.reports.kpis import range_text
from app.reports.ranges import ReportRange
from app.reports.report import build_report

_COUNT_KEYS = ("areas", "places", "couriers", "outlets", "contacts")  # the done message's names for the sheets
MAX_REPORT_DAYS = 366


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(text("bad_date", value=value)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="the daily exception sheet, a case list, the directory, notes or the report")
    what = p.add_subparsers(dest="export_what", metavar="WHAT", required=True)

    daily = what.add_parser("daily", help="the daily exception sheet, 每日问题件日报 (.xlsx)")
    daily.add_argument("--date", type=_day, help="YYYY-MM-DD (default: today in the outlet's zone)")
    _common(daily)
    daily.set_defaults(handler=_daily)

    cases = what.add_parser("cases", help="a case list (.xlsx or .csv)")
    cases.add_argument("--kind", choices=["stuck", "chase", "complaint", "intercept", *KIND_SHORTHAND])
    cases.add_argument("--direction", choices=["inbound", "outbound"])
    cases.add_argument("--status")
    cases.add_argument("--open", action="store_true", dest="open_only", help="every non-terminal status")
    cases.add_argument("--waybill", help="full or partial waybill number")
    cases.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD", help="opened on or after")
    cases.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD", help="opened on or before")
    _common(cases)
    cases.set_defaults(handler=_cases)

    directory = what.add_parser("directory", help="the directory, 区域概况: areas, places, couriers, outlets, contacts")
    directory.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    directory.set_defaults(handler=_directory)

    notes = what.add_parser("notes", help="the work notebook's notes, 工作笔记, of a date range (.xlsx or .pdf)")
    notes.add_argument("--from", dest="date_from", type=_day, required=True, metavar="YYYY-MM-DD")
    notes.add_argument("--to", dest="date_to", type=_day, required=True, metavar="YYYY-MM-DD")
    notes.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_unmasked(notes, help="full phones: needs --manager-pin unless --operator is a manager (audited)")
    notes.set_defaults(handler=_notes)

    report = what.add_parser(
        "report", help="the report, 客服报表: KPIs, trend, breakdowns, couriers, money (.xlsx/.pdf)"
    )
    report.add_argument("--range", dest="range_kind", choices=["day", "week", "month"], help="default: day")
    report.add_argument("--date", type=_day, help="a day in the range, YYYY-MM-DD (default: today, outlet's zone)")
    report.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD", help="a custom range's first day")
    report.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD", help="its last day (inclusive)")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    report.set_defaults(handler=_report)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_unmasked(p)
    p.add_argument("--profile", metavar="NAME", help="an export profile: columns, order, headers")


def _unmasking(args: argparse.Namespace, desk: Desk) -> dict[str, Any]:
    """The export service's unmasking arguments: it checks the manager before it writes anything."""
    return {"unmasked": args.unmasked, "actor": desk.actor, "manager_pin": args.manager_pin}


def _record(desk: Desk, what: str, path: Path, rows: int, approved_by: Actor) -> None:
    desk.write(record_unmasked, what=what, path=path.resolve(), rows=rows, approved_by=approved_by)


def _require_suffix(path: Path, allowed: tuple[str, ...]) -> None:
    """A wrong file type is a usage error (exit 2), found before the database is opened."""
    if path.suffix.lower() not in allowed:
        raise UsageError("export_bad_suffix", suffix=path.suffix or "（无）", allowed=" / ".join(allowed))


def _daily(args: argparse.Namespace) -> int:
    _require_suffix(args.output, DAILY_FORMATS)
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            day = args.date or local_date(datetime.now(UTC), settings.deadline_rules(session))
            profile = get_profile(session, args.profile) if args.profile else None
            summary = write_daily_sheet(session, day, args.output, profile=profile, **_unmasking(args, desk))
        if summary.approved_by is not None:
            _record(desk, "daily", summary.path, summary.rows, summary.approved_by)
    finally:
        desk.close()
    print(text("export_done", rows=summary.rows, path=str(summary.path.resolve())))
    return 0


def _cases(args: argparse.Namespace) -> int:
    _require_suffix(args.output, CASES_FORMATS)
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            rules = settings.deadline_rules(session)
            f = dataclasses.replace(
                case_filter_from(args),
                opened_from=start_of_local_day(args.date_from, rules) if args.date_from else None,
                opened_to=start_of_local_day(args.date_to + timedelta(days=1), rules) if args.date_to else None,
            )
            profile = get_profile(session, args.profile) if args.profile else None
            report = export_cases(session, f, args.output, profile=profile, **_unmasking(args, desk))
        if report.approved_by is not None:
            _record(desk, "cases", report.path, report.rows, report.approved_by)
    finally:
        desk.close()
    print(text("export_done", rows=report.rows, path=str(report.path.resolve())))
    return 0


def _directory(args: argparse.Namespace) -> int:
    _require_suffix(args.output, DIRECTORY_FORMATS)
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            report = write_directory(session, args.output)
    finally:
        desk.close()
    counts: dict[str, Any] = {
        key: report.counts[sheet] for key, sheet in zip(_COUNT_KEYS, DIRECTORY_SHEETS, strict=True)
    }
    print(text("directory_export_done", path=str(report.path.resolve()), **counts))
    return 0


def _notes(args: argparse.Namespace) -> int:
    _require_suffix(args.output, NOTES_FORMATS)
    check_range(args.date_from, args.date_to)  # before the database is opened
    write = write_notes_pdf if args.output.suffix.lower() == ".pdf" else write_notes_xlsx
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            report: NotesExport = write(session, args.date_from, args.date_to, args.output, **_unmasking(args, desk))
        if report.approved_by is not None:
            _record(desk, "notes", report.path, report.notes, report.approved_by)
    finally:
        desk.close()
    print(text("notes_export_done", notes=report.notes, days=report.days, path=str(report.path.resolve())))
    return 0


def _custom_range(args: argparse.Namespace) -> ReportRange | None:
    """The --from/--to range, refused as a usage error (exit 2) before the database is opened when it is half
    given, mixed with --range/--date, reversed or longer than a year; None when not given."""
    if args.date_from is None and args.date_to is None:
        return None
    if args.date_from is None or args.date_to is None:
        raise UsageError("report_range_half")
    if args.range_kind is not None or args.date is not None:
        raise UsageError("report_range_mixed")
    if args.date_from > args.date_to:
        raise UsageError("report_range_reversed", first=args.date_from, last=args.date_to)
    days = (args.date_to - args.date_from).days + 1
    if days > MAX_REPORT_DAYS:
        raise UsageError("report_range_too_long", limit=MAX_REPORT_DAYS, days=days)
    return ReportRange.custom(args.date_from, args.date_to)


def _report(args: argparse.Namespace) -> int:
    _require_suffix(args.output, REPORT_FORMATS)
    rng = _custom_range(args)
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            if rng is None:
                day = args.date or local_date(datetime.now(UTC), settings.deadline_rules(session))
                rng = getattr(ReportRange, args.range_kind or "day")(day)
            report = build_report(session, rng)
            previous = build_report(session, rng.previous())
            outlet = settings.get(session, "outlet.name") or ""
        path = desk.write(write_report, report, args.output, outlet=outlet, previous=previous)
    finally:
        desk.close()
    print(text("report_export_done", range=range_text(report.range), path=str(path)))
    return 0
