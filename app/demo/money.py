"""Money at risk on a case: fines with their appeals, claims with the compensation rule, arbitrations."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.claims.catalogue import PARTY_LABELS, checklist
from app.claims.compensation import LossFacts, compute
from app.demo import data as D
from app.demo.dice import Row
from app.demo.ids import _claim_no, _Ids
from app.demo.people import _Parcel
from app.demo.plan import _Generator
from app.workflows import CLAIM
from db.base import Base
from db.models import Arbitration, Claim, Fine
from db.types import CENT

FREIGHT_MULTIPLE = Decimal(3)  # the setting's default: the demo's claims were worked out before any change


def _money(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class _Money:
    """Fines and claims of one case; a part of `_CaseBuilder`, which sets these attributes."""

    g: _Generator
    ids: _Ids
    out: dict[type[Base], list[Row]]
    opened: datetime
    case: Row
    parcel: _Parcel
    context: dict[str, str]

    def g_fine(self, reason: str) -> None:
        g = self.g
        code, low, high = next((c, lo, hi) for r, c, lo, hi in D.FINE_REASONS if r == reason)
        amount = g.between(low // 5, high // 5) * 500
        issued = g.hours_after(self.opened, 24, 120)
        appeal_due = issued + timedelta(days=3)
        # Still within the appeal window: open or appealed; older ones have their result.
        result = ("open" if g.chance(0.7) else "appealed") if appeal_due > g.now else g.fine_result.pick(g.rng)
        recovered = amount if result == "cancelled" else amount // 2 if result == "reduced" else None
        charged = self.case["courier_id"] if result == "accepted" and g.chance(0.6) else None
        evidence = reason if code in ("other", "complaint") else None  # the carrier's wording, as an import keeps it
        if result in ("appealed", "cancelled", "reduced"):
            evidence = "；".join(
                filter(None, (evidence, g.pick(("签收底单照片", "通话录音", "派件轨迹截图", "聊天记录截图"))))
            )
        self.out[Fine].append(
            {
                "id": self.ids.take(Fine),
                "waybill_id": self.parcel.row["id"],
                "case_id": self.case["id"],
                "carrier_id": self.parcel.row["carrier_id"],
                "reason": code,
                "amount": _money(amount),
                "issued_at": issued,
                "appeal_due_at": appeal_due,
                "evidence": evidence,
                "result": result,
                "amount_recovered": recovered,
                "courier_charged_id": charged,
                "created_at": issued,
                "version": 1,
            }
        )

    def g_claim(self, loss: str) -> None:
        """A claim with the compensation rule applied; the first ones cover every claim status."""
        g, parcel, row = self.g, self.parcel, self.parcel.row
        created = g.hours_after(self.opened, 2, 72)
        if g.claims_forced:
            status = g.claims_forced.pop(0)
        else:
            age = (g.now - created).days
            ended = g.chance(0.95 if age > 45 else 0.5 if age > 10 else 0.15)
            open_codes = CLAIM.open_codes
            status = ("paid" if g.chance(0.8) else "rejected") if ended else g.pick(open_codes)
        declared = row["declared_value"] if row["declared_value"] is not None else Decimal("50.00")
        quantity = row["quantity"] or 1
        extent = {"lost": "full", "short": "items_short", "late": None}.get(loss, g.pick(("full", "half")))
        short = max(1, quantity // 2) if extent == "items_short" else None
        facts = LossFacts(
            loss, extent, declared, None, row["insured_value"] is not None, row["insured_value"], row["freight"],
            quantity, short,
        )  # fmt: skip
        worked = compute(facts, freight_multiple=FREIGHT_MULTIPLE)
        computed, rule = worked.amount, worked.rule_text
        share: Decimal | None = {
            "full": Decimal(1),
            "half": Decimal("0.5"),
            "items_short": Decimal(short or 0) / quantity,
        }.get(extent or "")
        claimed = _cents(row["freight"] if share is None else declared * share)
        decided = status in ("reviewed", "paid", "rejected")
        approved = None
        if status in ("reviewed", "paid"):
            approved = computed if g.chance(0.8) else _cents(computed * Decimal("0.8"))
        party = g.pick(tuple(PARTY_LABELS)) if decided else None
        percent = g.pick((100, 100, 100, 50, 30)) if decided else None
        paid_first = status == "paid" and g.chance(0.6)
        recovered = None
        if paid_first and approved and percent and party != "our_outlet" and g.chance(0.6):
            recovered = _cents(approved * percent / 100)
        claimant = parcel.sender if g.chance(0.7) else parcel.recipient
        relation = "sender" if claimant is parcel.sender else "recipient"
        authorisation = "not_needed"
        if relation == "recipient":
            authorisation = "needed" if status in ("registered", "missing_docs") else "received"
        evidence = {item.code: True for item in checklist(None, loss, relation) if item.needed}
        if status in ("registered", "missing_docs"):
            for code in g.rng.sample(sorted(evidence), min(len(evidence), g.between(1, 3))):
                evidence[code] = False
        closed = g.hours_after(created, 72, 480) if status in ("paid", "rejected") else None
        claim_id = self.ids.take(Claim)
        self.out[Claim].append(
            {
                "id": claim_id,
                "claim_no": _claim_no(created, claim_id),
                "waybill_id": row["id"],
                "case_id": self.case["id"],
                "status": status,
                "claimant_name": claimant.name,
                "claimant_phone": claimant.true_mobile,
                "claimant_relation": relation,
                "authorisation": authorisation,
                "loss_type": loss,
                "loss_extent": extent,
                "item": row["item"],
                "quantity": row["quantity"],
                "quantity_short": short,
                "declared_value": declared,
                "value_proof": g.pick(("订单截图", "发票", "聊天记录", "收据")),
                "insured": facts.insured,
                "insured_value": row["insured_value"],
                "insurance_fee": row["insurance_fee"],
                "freight": row["freight"],
                "freight_cod": row["cod"],
                "packaging": "original" if g.chance(0.8) else "retaped",
                "inspected_at_signing": None if loss == "lost" else g.chance(0.4),
                "claimed_amount": claimed,
                "computed_amount": computed,
                "rule_text": rule,
                "approved_amount": approved,
                "responsible_party": party,
                "responsible_share_pct": Decimal(percent).quantize(CENT) if percent else None,
                "paid_first": paid_first,
                "amount_recovered": recovered,
                "salvage": g.pick(D.CLAIM_SALVAGE) if loss == "damaged" else None,
                "payee": claimant.name if status == "paid" else None,
                "evidence": evidence,
                "closed_at": closed,
                "created_at": created,
                "version": 1,
                "updated_at": closed,
            }
        )
        if loss == "lost" and decided and g.chance(0.4):
            filed = g.hours_after(created, 24, 120)
            ours = g.pick((0, 30, 50, 100))
            self.out[Arbitration].append(
                {
                    "id": self.ids.take(Arbitration),
                    "waybill_id": row["id"],
                    "claim_id": claim_id,
                    "filed_at": filed,
                    "other_party": self.context["outlet"],
                    "decision": f"判定本网点承担{ours}%，对方承担{100 - ours}%",
                    "decided_at": g.hours_after(filed, 48, 240),
                    "our_share_pct": Decimal(ours).quantize(Decimal("0.01")),
                    "amount": _cents(claimed * ours / 100),
                    "created_at": filed,
                    "version": 1,
                }
            )
