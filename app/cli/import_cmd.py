"""`import FILE|- --as KIND [--sheet S] [--dry-run] [--errors-to F.xlsx] [--json]` (DESIGN.md §5).

Columns are mapped by the profile saved in the wizard for this header set, else by the header synonyms; a file
whose required columns cannot be mapped is refused (exit 1). Exit 0 whenever the file was read, rejected rows
or not; the rejected rows go to stderr one per line (or into the JSON) and, with --errors-to, into a workbook
the clerk can fix and import again.

The directory's own sheets (`--as couriers | areas | outlets | contacts`, as `export directory` writes them) have
no waybill column, only their own required ones; their header row is found by its words, every cell being text.
`--as intercept` opens interception cases from the morning list, `--as fines` records the carrier's fines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.context import open_desk
from app.errors import UsageError
from app.export.files import check_target
from app.imports.mapping import TARGETS, header_hint
from app.imports.readers import read_file, read_pasted_bytes
from app.imports.report import write_rejected
from app.imports.run import ImportResult, prepare, run_import
from app.imports.table import Table
from app.messages import text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="a carrier export (.xlsx/.xls/.csv) or a pasted table on stdin")
    p.add_argument("file", metavar="FILE|-", help='the file, or "-" for a tab-separated table on stdin')
    p.add_argument("--as", dest="kind", required=True, choices=list(TARGETS), metavar="KIND", help=" | ".join(TARGETS))
    p.add_argument("--sheet", help="the sheet of a workbook (default: the first with data)")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--errors-to", type=Path, metavar="F.xlsx", help="write the rejected rows to a workbook")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=_import)


def _read(args: argparse.Namespace) -> Table:
    if args.file == "-":
        return read_pasted_bytes(sys.stdin.buffer.read())
    return read_file(Path(args.file), sheet=args.sheet, header_hint=header_hint(args.kind))


def _import(args: argparse.Namespace) -> int:
    if args.errors_to is not None:
        if args.errors_to.suffix.lower() != ".xlsx":
            raise UsageError("export_bad_suffix", suffix=args.errors_to.suffix or "（无）", allowed=".xlsx")
        check_target(args.errors_to)
    table = _read(args)
    desk = open_desk(args)
    try:
        prepared = desk.read(prepare, table, args.kind)
        result = run_import(
            desk.database,
            desk.actor,
            table,
            args.kind,
            prepared.mapping,
            dry_run=args.dry_run,
            profile_id=prepared.profile_id,
        )
    finally:
        desk.close()
    if args.errors_to is not None and result.rejected:
        count = write_rejected(args.errors_to, table, result.rejected)
        print(text("import_errors_written", count=count, path=str(args.errors_to.resolve())), file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_summary(result)
    return 0


def _print_summary(result: ImportResult) -> None:
    counts: dict[str, Any] = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected_rows,
    }
    print(text("import_dry_run_done" if result.dry_run else "import_done", **counts))
    types = result.unknown.get("problem_type")
    if types:
        print(text("import_unknown_types", count=len(types), names="、".join(sorted(types))))
    reasons = result.unknown.get("reason")
    if reasons:
        print(text("import_unknown_reasons", count=len(reasons), names="、".join(sorted(reasons))))
    if result.reconcile is not None:
        reconcile: dict[str, Any] = dict(result.reconcile.counts)
        print(text("import_reconcile_line", **reconcile))
    for r in result.rejected:
        print(f"第 {r.row} 行" + (f"【{r.column}】" if r.column else "") + f"：{r.reason}", file=sys.stderr)
