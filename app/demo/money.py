"""Money at risk on a case: fines with their appeals, claims with the compensation rule, arbitrations."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from app.demo import data as D
from app.demo.dice import Row
from app.demo.ids import _claim_no, _Ids
from app.demo.people import _Parcel
from app.demo.plan import _Generator
from app.workflows import CLAIM
from db.base import Base
from db.models import Arbitration, Claim, Fine


def _money(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)


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
        low, high = next((lo, hi) for r, lo, hi in D.FINE_REASONS if r == reason)
        amount = g.between(low // 5, high // 5) * 500
        issued = g.hours_after(self.opened, 24, 120)
        appeal_due = issued + timedelta(days=3)
        # Still within the appeal window: open or appealed; older ones have their result.
        result = ("open" if g.chance(0.7) else "appealed") if appeal_due > g.now else g.fine_result.pick(g.rng)
        recovered = amount if result == "cancelled" else amount // 2 if result == "reduced" else None
        charged = self.case["courier_id"] if result == "accepted" and g.chance(0.6) else None
        evidence = None
        if result in ("appealed", "cancelled", "reduced"):
            evidence = g.pick(("签收底单照片", "通话录音", "派件轨迹截图", "聊天记录截图"))
        self.out[Fine].append(
            {
                "id": self.ids.take(Fine),
                "waybill_id": self.parcel.row["id"],
                "case_id": self.case["id"],
                "carrier_id": self.parcel.row["carrier_id"],
                "reason": reason,
                "amount": _money(amount),
                "issued_at": issued,
                "appeal_due_at": appeal_due,
                "evidence": evidence,
                "result": result,
                "amount_recovered": _money(recovered),
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
        declared = int(row["declared_value"] * 100) if row["declared_value"] is not None else 5000
        freight = int(row["freight"] * 100)
        insured = int(row["insured_value"] * 100) if row["insured_value"] is not None else None
        extent = {"lost": "full", "short": "items_short", "late": None}.get(loss, g.pick(("full", "half")))
        claimed = {"full": declared, "half": declared // 2, "items_short": declared // 3}.get(extent or "", freight)
        if loss == "late":
            computed, rule = freight, D.CLAIM_RULES["late"]
        elif insured is not None:
            computed, rule = min(claimed, insured), D.CLAIM_RULES["insured"]
        else:
            computed, rule = min(claimed, 3 * freight), D.CLAIM_RULES["uninsured"]
        if extent == "half":
            rule = f"{rule}；{D.CLAIM_RULES['half']}"
        decided = status in ("reviewed", "paid", "rejected")
        approved = (computed if g.chance(0.8) else computed * 8 // 10) if status in ("reviewed", "paid") else None
        party = g.pick(D.RESPONSIBLE) if decided else None
        share = g.pick((100, 100, 100, 50, 30)) if decided else None
        paid_first = status == "paid" and g.chance(0.6)
        recovered = None
        if paid_first and approved and share and party != "本网点" and g.chance(0.6):
            recovered = approved * share // 100
        claimant = parcel.sender if g.chance(0.7) else parcel.recipient
        relation = "sender" if claimant is parcel.sender else "recipient"
        authorisation = "not_needed"
        if relation == "recipient":
            authorisation = "needed" if status in ("registered", "missing_docs") else "received"
        evidence = {item: True for item in D.CLAIM_EVIDENCE}
        if status in ("registered", "missing_docs"):
            for item in g.rng.sample(D.CLAIM_EVIDENCE, g.between(1, 3)):
                evidence[item] = False
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
                "declared_value": _money(declared),
                "value_proof": g.pick(("订单截图", "发票", "聊天记录", "收据")),
                "insured": insured is not None,
                "insured_value": _money(insured),
                "insurance_fee": row["insurance_fee"],
                "freight": row["freight"],
                "freight_cod": row["cod"],
                "packaging": "original" if g.chance(0.8) else "retaped",
                "inspected_at_signing": None if loss == "lost" else g.chance(0.4),
                "claimed_amount": _money(claimed),
                "computed_amount": _money(computed),
                "rule_text": rule,
                "approved_amount": _money(approved),
                "responsible_party": party,
                "responsible_share_pct": Decimal(share).quantize(Decimal("0.01")) if share else None,
                "paid_first": paid_first,
                "amount_recovered": _money(recovered),
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
                    "amount": _money(claimed * ours // 100),
                    "created_at": filed,
                    "version": 1,
                }
            )
