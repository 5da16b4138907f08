"""The carrier's fine list (罚款 / 考核明细) into fines (app.fines), with Core statements like the case writer.

A row is the same fine as one already recorded when the waybill, the reason, the local issue day and the amount
match (the amount the fine was first issued with counts too: the carrier's list keeps showing it after a
reduction), so the same list again creates nothing. An undecided fine the list shows again takes the list's new
appeal deadline, a carrier it lacked and evidence it did not have (added to what the clerk wrote, never replacing
it); a decided fine is left as it is. A reason the catalogue does not know is recorded as 其他 with the list's
wording at the head of the evidence and counted for the report, like an unknown problem type. An amount of 0 or
beyond the service's limit, or an appeal deadline before the fine, rejects the row.

A deadline given as a bare day (a date cell, or 00:00) lasts to the end of that local day, as carriers mean it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.deadlines import DeadlineRules, end_of_local_day
from app.fine_views import ENTITY, past_amounts
from app.fines import MAX_AMOUNT, default_appeal_due, reason_code, same_fine_key
from app.imports.checking import Record, Rejected
from app.imports.references import References
from app.imports.sql import chunks, insert_many, reserve_ids, update_many
from app.imports.waybill_rows import upsert
from app.messages import text
from app.progress import Ticker
from app.workflows import FINE
from db.models import AuditEntry, Fine

_FINES = cast(Table, Fine.__table__)
_AUDIT = cast(Table, AuditEntry.__table__)
_RANK = {"created": 2, "updated": 1, "unchanged": 0}


@dataclass
class FineOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    folded: int = 0  # rows naming a fine another row of the file already gave
    rejected: list[Rejected] = field(default_factory=list)
    unknown: dict[str, Counter[str]] = field(default_factory=dict)  # "reason" -> {wording: rows}
    items: list[dict[str, Any]] = field(default_factory=list)  # waybill_id, case_id (None), outcome


def write_fines(
    session: Session,
    records: Sequence[Record],
    refs: References,
    *,
    headers: Mapping[str, str | None],
    actor: Actor,
    now: datetime,
    batch_id: int,
    lang: str,
    ticker: Ticker,
) -> FineOutcome:
    out = FineOutcome()
    rules = refs.rules
    accepted: list[tuple[Record, datetime | None]] = []
    for record in records:
        due = _deadline(record.values.get("appeal_due_at"), rules)
        amount: Decimal = record.values["amount"]
        if not 0 < amount < MAX_AMOUNT:
            out.rejected.append(Rejected(record.row, headers.get("amount"), text("import_fine_amount", lang)))
        elif due is not None and due < record.values["issued_at"]:
            reason = text("import_fine_due_before_issue", lang)
            out.rejected.append(Rejected(record.row, headers.get("appeal_due_at"), reason))
        else:
            accepted.append((record, due))
    waybills = upsert(session, [r for r, _ in accepted], refs, overwrite=False, now=now)
    existing = _existing(session, sorted(set(waybills.ids.values())), rules)
    new_rows: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    outcome_of: dict[int, str] = {}
    for done, (record, due) in enumerate(accepted, 1):
        ticker.tick(done)
        values = record.values
        number = values["waybill_no"]
        waybill_id = waybills.ids[number]
        evidence: str | None = values.get("evidence")
        known = reason_code(values["reason"])
        if known is None:  # kept as the list words it, at the head of the evidence
            out.unknown.setdefault("reason", Counter())[values["reason"]] += 1
            evidence = "；".join(filter(None, (f"罚款原因：{values['reason']}", evidence)))
        reason = known or "other"
        code = refs.carrier_code(values.get("carrier"), number)
        carrier_id = refs.carrier_ids.get(code) if code else None
        key = same_fine_key(waybill_id, reason, values["issued_at"], values["amount"], rules)
        if key in seen:
            out.folded += 1
            continue
        seen.add(key)
        found = existing.get(key)
        if found is None:
            row = {
                "waybill_id": waybill_id,
                "case_id": None,
                "carrier_id": carrier_id,
                "reason": reason,
                "amount": values["amount"],
                "issued_at": values["issued_at"],
                "appeal_due_at": due or default_appeal_due(values["issued_at"], rules),
                "evidence": evidence,
                "result": FINE.initial,
                "appealed_at": None,
                "amount_recovered": None,
                "courier_charged_id": None,
                "version": 1,
                "created_at": now,
                "deleted_at": None,
            }
            new_rows.append(row)
            audits.append(
                _audit(
                    actor,
                    now,
                    row,
                    "open",
                    {
                        "waybill_no": number,
                        "reason": reason,
                        "amount": str(values["amount"]),
                        "issued_at": values["issued_at"].isoformat(),
                        "import_batch": batch_id,
                    },
                )
            )
            outcome = "created"
        else:
            changes = _changes(found, due, carrier_id, evidence)
            if changes:
                updates.append({"b_id": found["id"], **{k: new for k, (_, new) in changes.items()}})
                found.update({k: new for k, (_, new) in changes.items()})
                plain = {k: [_plain(old), _plain(new)] for k, (old, new) in changes.items()}
                audits.append(_audit(actor, now, found, "update", {**plain, "import_batch": batch_id}))
                outcome = "updated"
            else:
                outcome = "unchanged"
        setattr(out, outcome, getattr(out, outcome) + 1)
        if _RANK[outcome] >= _RANK[outcome_of.get(waybill_id, "unchanged")]:
            outcome_of[waybill_id] = outcome
    for row, new_id in zip(new_rows, reserve_ids(session, _FINES, len(new_rows)), strict=True):
        row["id"] = new_id
    insert_many(session, _FINES, new_rows)
    update_many(session, _FINES, "id", updates, versioned_at=now)
    for entry in audits:
        entry["entity_id"] = entry.pop("_row")["id"]
    insert_many(session, _AUDIT, audits)
    out.items = [{"waybill_id": w, "case_id": None, "outcome": o} for w, o in outcome_of.items()]
    return out


def _deadline(value: datetime | None, rules: DeadlineRules) -> datetime | None:
    if value is None:
        return None
    local = value.astimezone(rules.tz())
    return end_of_local_day(local.date(), rules) if local.time() == time(0) else value


def _existing(session: Session, waybill_ids: list[int], rules: DeadlineRules) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Live fines of these waybills by every key they answer to (one per amount they have had)."""
    rows: list[dict[str, Any]] = []
    for part in chunks(waybill_ids):
        statement = select(
            _FINES.c.id,
            _FINES.c.waybill_id,
            _FINES.c.reason,
            _FINES.c.issued_at,
            _FINES.c.amount,
            _FINES.c.appeal_due_at,
            _FINES.c.evidence,
            _FINES.c.carrier_id,
            _FINES.c.result,
        ).where(_FINES.c.waybill_id.in_(part), _FINES.c.deleted_at.is_(None))
        rows.extend(dict(r) for r in session.execute(statement).mappings())
    amounts = past_amounts(session, [r["id"] for r in rows])
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        for amount in {row["amount"], *amounts.get(row["id"], ())}:
            key = same_fine_key(row["waybill_id"], row["reason"], row["issued_at"], amount, rules)
            found.setdefault(key, row)
    return found


def _changes(
    row: dict[str, Any], due: datetime | None, carrier_id: int | None, evidence: str | None
) -> dict[str, tuple[Any, Any]]:
    """What the list adds to an undecided fine; nothing for a decided one."""
    if FINE.is_terminal(row["result"]):
        return {}
    changes: dict[str, tuple[Any, Any]] = {}
    if due is not None and due != row["appeal_due_at"]:
        changes["appeal_due_at"] = (row["appeal_due_at"], due)
    if carrier_id is not None and row["carrier_id"] is None:
        changes["carrier_id"] = (None, carrier_id)
    stored = row["evidence"]
    if evidence and (not stored or evidence not in stored):
        changes["evidence"] = (stored, f"{stored}\n{evidence}" if stored else evidence)
    return changes


def _audit(actor: Actor, now: datetime, row: dict[str, Any], action: str, changes: dict[str, Any]) -> dict[str, Any]:
    """An audit entry for a fine whose id may not be known yet (filled in from `_row` before the INSERT)."""
    return {"at": now, "operator_id": actor.id, "entity": ENTITY, "_row": row, "action": action, "changes": changes}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
