"""What a fine looks like to whoever reads it: the view pages and exports show (with the arbitrations linked to
it, which change nothing here by themselves), lists filtered and ordered in SQL, the history written out from the
audit log, and every amount a fine has had. The writes and their rules live in app.fines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app import settings
from app.deadlines import start_of_local_day
from app.errors import NotFoundError
from app.waybills import normalise_waybill
from app.workflows import FINE
from db.models import Arbitration, AuditEntry, Carrier, Courier, Fine, Operator, Waybill
from db.types import CENT

ENTITY = "fine"  # audit log entity
REASONS: dict[str, str] = {  # the catalogue: code → the label views and the history show
    "fake_signing": "虚假签收",
    "late": "延误",
    "lost": "遗失",
    "damaged": "破损",
    "message_late": "留言回复超时",
    "ticket_late": "工单回复超时",
    "complaint": "投诉",
    "early_return": "早退",
    "other": "其他",
}


@dataclass(frozen=True)
class ArbitrationNote:
    """An arbitration linked to the fine, as the fine shows it (its decision does not change the fine)."""

    id: int
    filed_at: datetime
    other_party: str | None
    decision: str | None
    decided_at: datetime | None
    our_share_pct: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class FineView:
    id: int
    version: int
    waybill_no: str
    carrier: str | None  # code
    carrier_name: str | None
    reason: str
    reason_label: str
    amount: Decimal
    issued_at: datetime
    appeal_due_at: datetime | None
    evidence: str | None
    result: str
    result_label: str
    appealed_at: datetime | None
    amount_recovered: Decimal | None
    courier_charged_id: int | None
    courier_charged: str | None
    case_id: int | None
    created_at: datetime
    arbitrations: tuple[ArbitrationNote, ...]

    @property
    def is_open(self) -> bool:
        """Open fines still cost money or await an answer: not appealed yet, or appealed and not decided."""
        return not FINE.is_terminal(self.result)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    operator: str | None
    text: str


def load_fine(session: Session, fine_id: int) -> Fine:
    fine = session.get(Fine, fine_id, populate_existing=True)
    if fine is None or fine.deleted_at is not None:
        raise NotFoundError("not_found", what="罚款", key=fine_id)
    return fine


def get_fine(session: Session, fine_id: int) -> FineView:
    return _views(session, [load_fine(session, fine_id)])[0]


def list_fines(
    session: Session,
    *,
    open_only: bool = False,
    result: str | None = None,
    waybill_no: str | None = None,
    carrier: str | None = None,
    reason: str | None = None,
    courier_id: int | None = None,
    issued_from: date | None = None,
    issued_to: date | None = None,
    appeal_due_before: datetime | None = None,
    limit: int = 1000,
) -> list[FineView]:
    """Live fines, the most pressing appeal deadline first (fines without one last). `open_only`: not decided
    (待处理 or 申诉中); the issue days are local and both ends included."""
    rules = settings.deadline_rules(session)
    query: Select[Any] = select(Fine).where(Fine.deleted_at.is_(None))
    if open_only:
        query = query.where(Fine.result.in_(FINE.open_codes))
    if result is not None:
        FINE.state(result)
        query = query.where(Fine.result == result)
    if waybill_no:
        query = query.join(Waybill, Waybill.id == Fine.waybill_id).where(
            Waybill.waybill_no == normalise_waybill(waybill_no)
        )
    if carrier:
        query = query.join(Carrier, Carrier.id == Fine.carrier_id).where(Carrier.code == carrier)
    if reason is not None:
        query = query.where(Fine.reason == reason)
    if courier_id is not None:
        query = query.where(Fine.courier_charged_id == courier_id)
    if issued_from is not None:
        query = query.where(Fine.issued_at >= start_of_local_day(issued_from, rules))
    if issued_to is not None:
        query = query.where(Fine.issued_at < start_of_local_day(issued_to + _DAY, rules))
    if appeal_due_before is not None:
        query = query.where(Fine.appeal_due_at < appeal_due_before)
    query = query.order_by(Fine.appeal_due_at.is_(None), Fine.appeal_due_at, Fine.issued_at, Fine.id).limit(limit)
    return _views(session, list(session.scalars(query).unique()))


def history(session: Session, fine_id: int) -> list[HistoryEntry]:
    """What happened to the fine, oldest first, from the audit log (which records every change and who made it)."""
    load_fine(session, fine_id)
    rows = session.execute(
        select(AuditEntry, Operator.name)
        .outerjoin(Operator, Operator.id == AuditEntry.operator_id)
        .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == fine_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return [HistoryEntry(entry.at, name, describe(entry.action, entry.changes or {})) for entry, name in rows]


def describe(action: str, changes: dict[str, Any]) -> str:
    """One line of the fine's history in Chinese."""
    if action == "open":
        reason = REASONS.get(changes.get("reason", ""), changes.get("reason", ""))
        source = "导入" if changes.get("import_batch") else "登记"
        return f"{source}罚款：{reason} {changes.get('amount', '')}元"
    if action in ("appeal", "decide"):
        old, new = changes["result"]
        parts = [f"{FINE.label(old)} → {FINE.label(new)}"]
        if "amount" in changes:
            parts.append(f"金额 {changes['amount'][0]} → {changes['amount'][1]}元")
        if changes.get("late_approved_by"):
            parts.append(f"逾期申诉，{changes['late_approved_by']}批准")
        if changes.get("note"):
            parts.append(str(changes["note"]))
        return "，".join(parts)
    if action == "recover":
        return f"追回金额：{changes['amount_recovered'][1] or '清空'}"
    if action == "charge":
        return "扣罚快递员" if changes["courier_charged_id"][1] else "取消扣罚快递员"
    if action == "update":
        labels = {"reason": "原因", "amount": "金额", "issued_at": "罚款日期", "appeal_due_at": "申诉截止"}
        labels |= {"evidence": "证据", "case_id": "关联案件", "carrier_id": "快递公司"}
        return "修改：" + "、".join(labels.get(name, name) for name in changes if name != "import_batch")
    if action == "delete":
        return "删除"
    return action


def past_amounts(session: Session, fine_ids: Iterable[int]) -> dict[int, set[Decimal]]:
    """Every amount each fine has had (as issued, corrected, reduced), from the audit log: the carrier's list
    keeps showing the amount it first issued."""
    ids = sorted(set(fine_ids))
    out: dict[int, set[Decimal]] = {i: set() for i in ids}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(AuditEntry.entity_id, AuditEntry.changes).where(
                AuditEntry.entity == ENTITY,
                AuditEntry.entity_id.in_(ids[start : start + 500]),
                AuditEntry.action.in_(("open", "update", "decide")),
            )
        )
        for fine_id, changes in rows:
            value = (changes or {}).get("amount")
            for amount in value if isinstance(value, list) else [value]:
                if amount is not None:
                    out[fine_id].add(Decimal(str(amount)).quantize(CENT))
    return out


# --- helpers ---------------------------------------------------------------------------------------------------

_DAY = timedelta(days=1)


def _views(session: Session, rows: list[Fine]) -> list[FineView]:
    """Views of many fines with one query each for carriers, couriers and linked arbitrations."""
    carrier_ids = {f.carrier_id for f in rows if f.carrier_id is not None}
    courier_ids = {f.courier_charged_id for f in rows if f.courier_charged_id is not None}
    carriers = {c.id: c for c in session.scalars(select(Carrier).where(Carrier.id.in_(carrier_ids)))}
    couriers = {
        r.id: r.name for r in session.execute(select(Courier.id, Courier.name).where(Courier.id.in_(courier_ids)))
    }
    notes: dict[int, list[ArbitrationNote]] = {}
    if rows:
        linked = session.scalars(
            select(Arbitration)
            .where(Arbitration.fine_id.in_([f.id for f in rows]), Arbitration.deleted_at.is_(None))
            .order_by(Arbitration.filed_at, Arbitration.id)
        )
        for arb in linked:
            assert arb.fine_id is not None
            notes.setdefault(arb.fine_id, []).append(
                ArbitrationNote(
                    arb.id, arb.filed_at, arb.other_party, arb.decision, arb.decided_at, arb.our_share_pct, arb.amount
                )
            )
    return [_view(f, carriers.get(f.carrier_id or 0), couriers, tuple(notes.get(f.id, ()))) for f in rows]


def _view(
    fine: Fine, carrier: Carrier | None, couriers: dict[int, str], arbitrations: tuple[ArbitrationNote, ...]
) -> FineView:
    return FineView(
        id=fine.id,
        version=fine.version,
        waybill_no=fine.waybill.waybill_no,
        carrier=carrier.code if carrier else None,
        carrier_name=carrier.name if carrier else None,
        reason=fine.reason,
        reason_label=REASONS.get(fine.reason, fine.reason),
        amount=fine.amount,
        issued_at=fine.issued_at,
        appeal_due_at=fine.appeal_due_at,
        evidence=fine.evidence,
        result=fine.result,
        result_label=FINE.label(fine.result),
        appealed_at=fine.appealed_at,
        amount_recovered=fine.amount_recovered,
        courier_charged_id=fine.courier_charged_id,
        courier_charged=couriers.get(fine.courier_charged_id) if fine.courier_charged_id else None,
        case_id=fine.case_id,
        created_at=fine.created_at,
        arbitrations=arbitrations,
    )
