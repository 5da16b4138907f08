"""One import from a table the readers produced: map the columns, check every row, then write everything in one
short transaction — every accepted row or none (Cancel, a crash or a dry run leave the database as it was).

    prepared = desk.read(prepare, table, "stuck")        # saved profile, else synonyms; the wizard shows this
    result = run_import(desk.database, desk.actor, table, "stuck", prepared.mapping)

Checking happens before the transaction; inside it the run reads the reference data, upserts the waybills and
the target's rows with Core statements, records the batch (with its waybills, for the next morning's compare),
one audit entry and, after a problem-parcel import, the reconcile. A dry run does all of that and rolls back,
so its counts are exactly what the import would do. The directory's own sheets (couriers, areas, outlets,
contacts) hold no waybills: their rows go through the directory services instead (`directory_rows`); a fine
list writes fines (`fine_rows`), the interception list cases like the other carrier lists.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app import audit, settings
from app.actor import Actor
from app.deadlines import local_date
from app.errors import CancelledByUser
from app.imports.case_rows import CaseOptions, write_cases
from app.imports.checking import Checked, Rejected, check, column_header
from app.imports.delivery_rows import write_deliveries
from app.imports.directory_fields import DIRECTORY_TARGETS
from app.imports.directory_rows import write_directory_rows
from app.imports.fine_rows import write_fines
from app.imports.guards import ImportRefused
from app.imports.mapping import TARGETS, Field, fields_for, guess, missing_required
from app.imports.profiles import find_profile, mark_used
from app.imports.reconcile import Reconcile, reconcile
from app.imports.references import References
from app.imports.sql import insert_many
from app.imports.table import Table as SourceTable
from app.imports.table import normalise_header
from app.imports.waybill_rows import upsert
from app.messages import text
from app.progress import Cancelled, Progress, Ticker
from db.engine import Database
from db.models import ImportBatch, ImportItem

_ITEMS = cast(Table, ImportItem.__table__)
_REGISTERING = ("登记", "上报")  # an outlet column with these words names who registered the problem
ANALYZE_AFTER = 1000  # new rows


class ImportCancelled(CancelledByUser):
    """The clerk pressed Cancel; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("import_cancelled")


@dataclass(frozen=True)
class Prepared:
    """The first guess the wizard shows: a saved profile's mapping, else the synonyms'."""

    target: str
    mapping: dict[int, str]  # column index -> field name
    profile: str | None  # the saved profile's name, None when guessed from the synonyms
    profile_id: int | None
    missing: tuple[Field, ...]  # required fields no column feeds yet


def prepare(session: Session, table: SourceTable, target: str) -> Prepared:
    if target not in TARGETS:
        raise ImportRefused("import_bad_target", target=target, targets=" | ".join(TARGETS))
    profile = find_profile(session, table.headers, target)
    mapping = profile.mapping if profile is not None else guess(table.headers, target)
    return Prepared(
        target,
        mapping,
        profile.name if profile else None,
        profile.id if profile else None,
        missing_required(mapping, target),
    )


@dataclass
class ImportResult:
    target: str
    source: str
    sheet: str | None
    rows: int  # data rows read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    folded: int = 0  # rows that repeated a parcel already in the file
    linked: int = 0  # new cases opened beside a closed one
    unknown: dict[str, dict[str, int]] = field(default_factory=dict)  # "problem_type" -> {text: rows}
    reconcile: Reconcile | None = None
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def rejected_rows(self) -> int:
        """Rows refused (a row with two bad cells is one row, listed twice in `rejected`)."""
        return len({r.row for r in self.rejected})

    def as_json(self) -> dict[str, Any]:
        """DESIGN.md §5: rows, created, updated, unchanged, rejected; then what else the run found."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [r.as_dict() for r in self.rejected],
            "kind": self.target,
            "source": self.source,
            "sheet": self.sheet,
            "dry_run": self.dry_run,
            "batch_id": self.batch_id,
            "repeated_in_file": self.folded,
            "linked_to_closed": self.linked,
            "unknown": self.unknown,
            "reconcile": self.reconcile.counts if self.reconcile is not None else None,
        }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a batch is checked and written: the rows allocate hundreds of
    thousands of small objects, none in reference cycles, and each automatic collection walks them all again
    (about 0.7 s of a 50,000-row import). Reference counting still frees everything as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def run_import(
    database: Database,
    actor: Actor,
    table: SourceTable,
    target: str,
    mapping: Mapping[int, str],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    now: datetime | None = None,
    lang: str = "zh",
    profile_id: int | None = None,
) -> ImportResult:
    if target not in TARGETS:
        raise ImportRefused("import_bad_target", target=target, targets=" | ".join(TARGETS))
    missing = missing_required(mapping, target)
    if missing:
        raise ImportRefused("import_columns_missing", fields="、".join(f.label for f in missing))
    twice = [name for name, n in Counter(mapping.values()).items() if n > 1]
    if twice:
        labels = {f.name: f.label for f in fields_for(target)}
        raise ImportRefused("import_field_twice", field=labels.get(twice[0], twice[0]))
    now = now or datetime.now(UTC)
    with database.read() as session:
        rules = settings.deadline_rules(session)
    # Progress: checking is the first half of the rows' work, writing the second.
    total = 2 * max(len(table.rows), 1)
    ticker = Ticker(total, progress, cancelled, ImportCancelled)
    with _collector_paused():
        checked = check(table, target, mapping, tz=rules.tz(), today=local_date(now, rules), lang=lang, ticker=ticker)
        ticker.report(len(table.rows))
        write_ticker = ticker.after(len(table.rows))
        try:
            with database.write() as session:
                result = _write(session, table, checked, mapping, actor=actor, now=now, ticker=write_ticker, lang=lang)
                if profile_id is not None:
                    mark_used(session, profile_id, now)
                ticker.report(total)
                if dry_run:  # the counts stand; the rows the reconcile listed are rolled back with everything else
                    result.dry_run, result.batch_id = True, None
                    if result.reconcile is not None:
                        result.reconcile = Reconcile(result.reconcile.counts, {})
                    raise _DryRun(result)
        except _DryRun as rolled_back:
            return rolled_back.result
    if result.created > ANALYZE_AFTER:
        database.analyze()  # fresh planner statistics, or the lists walk the wrong index
    return result


def _write(
    session: Session,
    table: SourceTable,
    checked: Checked,
    mapping: Mapping[int, str],
    *,
    actor: Actor,
    now: datetime,
    ticker: Ticker,
    lang: str,
) -> ImportResult:
    target = checked.target
    refs = References.load(session)
    batch = ImportBatch(
        kind=target, source=table.name[:255], sheet=table.sheet, operator_id=actor.id, rows=checked.rows
    )
    session.add(batch)
    session.flush()
    result = ImportResult(target, table.name, table.sheet, checked.rows, folded=checked.folded)
    rejected = list(checked.rejected)
    records = checked.records
    items: list[dict[str, Any]] = []
    replied: list[int] = []
    if target in DIRECTORY_TARGETS:
        headers = {f.name: column_header(table, mapping, f.name) for f in fields_for(target)}
        directory = write_directory_rows(
            session, target, records, refs, headers=headers, actor=actor, lang=lang, ticker=ticker
        )
        result.created, result.updated, result.unchanged = directory.created, directory.updated, directory.unchanged
        rejected.extend(directory.rejected)
    elif target == "fines":
        headers = {f.name: column_header(table, mapping, f.name) for f in fields_for(target)}
        fines = write_fines(
            session,
            records,
            refs,
            headers=headers,
            actor=actor,
            now=now,
            batch_id=batch.id,
            lang=lang,
            ticker=ticker,
        )
        result.created, result.updated, result.unchanged = fines.created, fines.updated, fines.unchanged
        result.folded += fines.folded
        result.unknown = {k: dict(v) for k, v in fines.unknown.items()}
        rejected.extend(fines.rejected)
        items = fines.items
    elif target == "deliveries":
        deliveries = write_deliveries(session, records, refs, ticker=ticker)
        result.created, result.updated, result.unchanged = deliveries.created, deliveries.updated, deliveries.unchanged
        column = column_header(table, mapping, "courier")
        for record in deliveries.unknown:
            name = record.values.get("courier") or record.values.get("courier_no") or ""
            rejected.append(Rejected(record.row, column, text("import_courier_unknown", lang, name=name)))
    else:
        waybills = upsert(session, records, refs, overwrite=target == "waybills", now=now)
        if target == "waybills":
            result.created = len(waybills.created)
            result.updated = len(waybills.changes)
            result.unchanged = len(records) - result.created - result.updated
            items = [
                {"waybill_id": waybills.ids[n], "case_id": None, "outcome": waybills.outcome(n)}
                for n in (r.values["waybill_no"] for r in records)
            ]
        else:
            options = CaseOptions(target, table.name, registering_column=_registering(table, mapping))
            cases = write_cases(
                session, records, waybills.ids, refs, options, actor=actor, now=now, batch_id=batch.id, ticker=ticker
            )
            result.created, result.updated, result.unchanged = cases.created, cases.updated, cases.unchanged
            result.linked = cases.linked
            result.unknown = {k: dict(v) for k, v in cases.unknown.items()}
            items = cases.items
            if target == "stuck":
                replied = cases.replied
    insert_many(session, _ITEMS, [{**i, "batch_id": batch.id} for i in items])
    if target == "stuck":  # after the items: the reconcile compares this batch's list with the previous one
        new = [i["case_id"] for i in items if i["outcome"] == "created"]
        changed = [i["case_id"] for i in items if i["outcome"] == "updated"]
        result.reconcile = reconcile(session, batch.id, new=new, changed=changed, replied=replied)
    result.rejected = sorted(rejected, key=lambda r: r.row)
    result.batch_id = batch.id
    batch.created, batch.updated, batch.unchanged = result.created, result.updated, result.unchanged
    batch.rejected = result.rejected_rows
    batch.summary = {
        "unknown": result.unknown,
        "repeated_in_file": result.folded,
        "linked_to_closed": result.linked,
        "reconcile": result.reconcile.counts if result.reconcile else None,
    }
    audit.record(
        session,
        actor,
        "import_batch",
        batch.id,
        "import",
        {
            "kind": target,
            "source": table.name,
            "rows": checked.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": batch.rejected,
        },
    )
    return result


def _registering(table: SourceTable, mapping: Mapping[int, str]) -> bool:
    header = normalise_header(column_header(table, mapping, "counterpart_outlet") or "")
    return any(word in header for word in _REGISTERING)
