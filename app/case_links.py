"""The cases one case is linked to: the one it was made from (`parent_case_id`) and the ones made from it.

A chase converted into a stuck case or a complaint, or a closed case reopened as a new one, leaves such a link;
either side's detail shows the other so its timeline is one click away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cases import load_case
from app.workflows import case_workflow
from db.models import Case, Waybill


@dataclass(frozen=True)
class LinkedCase:
    id: int
    relation: str  # "parent": this case was made from it; "child": it was made from this case
    kind: str
    direction: str
    waybill_no: str
    status: str
    status_label: str
    opened_at: datetime
    closed_at: datetime | None


def linked_cases(session: Session, case_id: int) -> list[LinkedCase]:
    """The parent first, then the cases made from this one, oldest first; deleted ones are left out."""
    case = load_case(session, case_id)
    rows = session.execute(
        select(Case.id, Case.kind, Case.direction, Waybill.waybill_no, Case.status, Case.opened_at, Case.closed_at)
        .join(Waybill, Waybill.id == Case.waybill_id)
        .where(
            or_(Case.id == (case.parent_case_id or 0), Case.parent_case_id == case_id),
            Case.deleted_at.is_(None),
        )
        .order_by(Case.opened_at, Case.id)
    ).all()
    links = [
        LinkedCase(
            id=r.id,
            relation="parent" if r.id == case.parent_case_id else "child",
            kind=r.kind,
            direction=r.direction,
            waybill_no=r.waybill_no,
            status=r.status,
            status_label=case_workflow(r.kind, r.direction).label(r.status),
            opened_at=r.opened_at,
            closed_at=r.closed_at,
        )
        for r in rows
    ]
    return sorted(links, key=lambda link: link.relation != "parent")
