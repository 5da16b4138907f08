"""One case at a time: its parcel (new or the parent's), core row, link to earlier cases and its timeline."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from app.demo import data as D
from app.demo import territory as T
from app.demo.dice import Row, _Weighted
from app.demo.ids import _Ids
from app.demo.kinds import _Kinds
from app.demo.money import _money
from app.demo.people import _Parcel
from app.demo.plan import CLOSE_HOURS, STATUS_HOURS, _Generator, _Plan
from app.workflows import Workflow, case_workflow
from db.base import Base
from db.models import Case, Followup, Waybill

FOLLOWUP_COUNT = _Weighted(((1, 30), (2, 35), (3, 22), (4, 13)))


_PREVIOUS: dict[tuple[str, str], str] = {}


def _previous_open(workflow: Workflow, status: str) -> str:
    """The open state a case most plausibly left when it reached `status` (for its last timeline entry)."""
    key = (workflow.name, status)
    if key not in _PREVIOUS:
        before = [s.code for s in workflow.states if not s.terminal and status in workflow.allowed(s.code)]
        _PREVIOUS[key] = before[-1] if before else workflow.initial
    return _PREVIOUS[key]


class _CaseBuilder(_Kinds):
    """One case: its parcel (new, or the parent's), core row, kind details, timeline and money at risk."""

    def __init__(
        self,
        gen: _Generator,
        ids: _Ids,
        out: dict[type[Base], list[Row]],
        plan: _Plan,
        parent: tuple[Row, _Parcel] | None,
    ) -> None:
        assert gen.ref is not None
        self.g, self.ref, self.ids, self.out, self.plan, self.parent = gen, gen.ref, ids, out, plan, parent
        self.workflow = case_workflow(plan.kind, plan.direction)
        self.terminal = self.workflow.is_terminal(plan.status)
        self.opened = plan.opened_at
        self.closed: datetime | None = None
        if self.terminal:
            low, high = STATUS_HOURS.get((plan.kind, plan.status), CLOSE_HOURS[plan.kind])
            self.closed = max(self.opened, gen.hours_after(self.opened, low, high))
        self.end = self.closed or gen.now

    def build(self) -> tuple[Row, _Parcel]:
        g, plan = self.g, self.plan
        parcel = self.parent[1] if self.parent else self._parcel()
        self.parcel = parcel
        handler = g.pick(self.ref.clerks) if self.ref.clerks else None
        area_couriers = self.ref.area_couriers.get(parcel.area) or list(self.ref.couriers)
        courier = g.pick(area_couriers) if area_couriers and (plan.direction == "inbound" or g.chance(0.4)) else None
        counterparts = self.ref.counterparts.get(parcel.carrier) or []
        outlet = g.pick(counterparts) if counterparts else None
        case: Row = {
            "id": self.ids.take(Case),
            "kind": plan.kind,
            "direction": plan.direction,
            "waybill_id": parcel.row["id"],
            "status": plan.status,
            "priority": 2 if g.chance(0.04) else 1 if g.chance(0.12) else 0,
            "problem_type_id": None,
            "detail": None,
            "opened_at": self.opened,
            "created_at": g.hours_after(self.opened, 0, 0.3),
            "due_at": None,
            "callback_at": None,
            "closed_at": self.closed,
            "last_followup_at": None,
            "resolution": g.pick(D.RESOLUTIONS[plan.status])
            if self.terminal and plan.status in D.RESOLUTIONS
            else None,
            "handler_id": handler,
            "courier_id": courier,
            "counterpart_outlet_id": outlet[0] if outlet else None,
            "caller_name": None,
            "caller_phone": None,
            "caller_phone_tail": None,
            "repeat_count": 0,
            "parent_case_id": None,
            "version": 1,
        }
        self.case = case
        self.out[Case].append(case)
        self.context = {
            "courier": self.ref.couriers.get(courier, "快递员") if courier else "快递员",
            "outlet": outlet[1] if outlet else "对方网点",
            "shelf": "A-01",
            "node": "江州转运中心",
            "time": f"{self.g.between(9, 19)}:00",
        }
        if self.parent:
            self._link(self.parent[0])
        getattr(self, f"_{plan.kind}")()
        self._followups()
        return case, parcel

    def _link(self, earlier: Row) -> None:
        """A chase that became a complaint, or a customer calling again about the same parcel."""
        if earlier["kind"] == self.plan.kind:
            self.case["repeat_count"] = earlier["repeat_count"] + 1
            self.case["priority"] = max(self.case["priority"], 1)
            if earlier["closed_at"] is not None:
                self.case["parent_case_id"] = earlier["id"]
        elif earlier["kind"] == "chase" and self.plan.kind == "complaint":
            self.case["parent_case_id"] = earlier["id"]

    # --- the parcel ------------------------------------------------------------------------------------------

    def _parcel(self) -> _Parcel:
        g, direction = self.g, self.plan.direction
        carrier = self.plan.carrier
        local, area = g.local_address()
        remote = g.remote_address()
        if direction == "inbound":
            recipient = g.person(local)
            sender = g.person(remote)
            if g.chance(0.6):
                sender.name = g.pick(T.SHOP_STEMS) + g.pick(T.SHOP_WORDS)
            platform = g.pick(T.PLATFORMS)
        else:
            sender = g.person(local)
            recipient = g.person(remote)
            platform = g.pick(T.PLATFORMS) if g.chance(0.3) else None
        item, low, high = g.pick(T.ITEMS)
        declared = g.between(low, high) * 100 if high else None
        insured = declared if declared and declared >= 20000 and g.chance(0.25) else None
        grams = g.between(100, 3000) if g.chance(0.8) else g.between(3000, 25000)
        freight = 500 + 100 * g.between(0, 7) + 200 * (grams // 1000)
        outlets = self.ref.counterparts.get(carrier)
        other_code = g.pick(outlets)[2] if outlets else None
        row: Row = {
            "id": self.ids.take(Waybill),
            "waybill_no": self.plan.waybill_no,
            "carrier_id": self.ref.carriers[carrier],
            "sender_name": sender.name,
            "sender_phone": sender.phone,
            "sender_phone_tail": sender.tail,
            "sender_address": sender.address,
            # some carrier exports mask the name; the person still gives the whole name on the phone
            "recipient_name": recipient.name[0] + "*" * (len(recipient.name) - 1) if g.chance(0.08) else recipient.name,
            "recipient_phone": recipient.phone,
            "recipient_phone_tail": recipient.tail,
            "recipient_phone_ext": recipient.ext,
            "recipient_address": recipient.address,
            "item": item,
            "quantity": 1 if g.chance(0.85) else g.between(2, 4),
            "declared_value": _money(declared),
            "insured_value": _money(insured),
            "insurance_fee": _money(max(100, insured * 5 // 1000)) if insured else None,
            "freight": _money(freight),
            "cod": g.chance(0.04),
            "collecting_outlet": other_code if direction == "inbound" else T.OUR_OUTLET_CODE,
            "delivering_outlet": T.OUR_OUTLET_CODE if direction == "inbound" else other_code,
            "weight_collected_kg": Decimal(grams).scaleb(-3),
            "weight_arrived_kg": Decimal(grams).scaleb(-3) if g.chance(0.97) else Decimal(grams * 7 // 10).scaleb(-3),
            "platform": platform,
            "signed_how": None,
            "signed_by": None,
            "signed_at": None,
            "created_at": self.opened - timedelta(hours=12 + 84 * g.rng.random()),
            "version": 1,
        }
        self.out[Waybill].append(row)
        return _Parcel(row, direction, carrier, recipient, sender, area)

    # --- what hangs off a case -------------------------------------------------------------------------------

    def _followups(self) -> None:
        """1–4 timeline entries; a case that has ended ends with its status change, as the engine writes it."""
        g, case = self.g, self.case
        count = FOLLOWUP_COUNT.pick(g.rng)
        span = max((self.end - self.opened).total_seconds(), 60)
        plain = count - 1 if self.terminal else count
        times = sorted(self.opened + timedelta(seconds=int(span * g.rng.random())) for _ in range(plain))
        templates = D.FOLLOWUPS[self.plan.kind]
        rows = []
        for at in times:
            self.context["outcome"] = g.pick(D.OUTCOMES)
            rows.append(self._followup(at, g.channel.pick(g.rng), g.pick(templates).format_map(self.context), None))
        if self.terminal:
            before = _previous_open(self.workflow, self.plan.status)
            label = f"{self.workflow.label(before)} → {self.workflow.label(self.plan.status)}"
            note = case["resolution"]
            text_ = f"{label}：{note}" if note else label
            assert self.closed is not None
            rows.append(self._followup(self.closed, "system", text_, {"from": before, "to": self.plan.status}))
        self.out[Followup].extend(rows)
        case["last_followup_at"] = max(r["at"] for r in rows)

    def _followup(self, at: datetime, channel: str, body: str, data: dict[str, object] | None) -> Row:
        clerks = self.ref.clerks
        operator = self.case["handler_id"] if not clerks or self.g.chance(0.8) else self.g.pick(clerks)
        row = {
            "id": self.ids.take(Followup),
            "case_id": self.case["id"],
            "at": at,
            "operator_id": operator,
            "channel": channel,
            "text": body,
            "created_at": at,
        }
        if data is not None:  # left out, the column is SQL NULL rather than JSON null
            row["data"] = data
        return row
