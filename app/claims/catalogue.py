"""The claim's vocabulary: stable codes stored in the database and JSON, with the Chinese labels clerks read.

The evidence checklist says which items a loss type needs: a lost parcel cannot have contents photos, a late one
needs only the waybill and the claimant's ID. An item not needed is still shown and may be ticked; only needed
items count as missing. The sender's authorisation (授权书) is needed when the recipient claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LOSS_LABELS = {"damaged": "破损", "lost": "丢失", "short": "内件短少", "late": "延误"}
EXTENT_LABELS = {"full": "全损", "half": "半损", "items_short": "按件短少"}
RELATION_LABELS = {"sender": "寄件人", "recipient": "收件人（寄件人授权）"}
AUTHORISATION_LABELS = {"not_needed": "无需", "needed": "需要，待收", "received": "已收到"}
PACKAGING_LABELS = {"original": "原包装", "retaped": "二次封装"}
PARTY_LABELS = {"our_outlet": "本网点", "counterpart": "对方网点", "transit": "转运中心", "carrier": "快递公司"}


@dataclass(frozen=True)
class EvidenceDef:
    code: str
    label: str
    needed_for: frozenset[str]  # loss types that need it


_PHYSICAL = frozenset({"damaged", "short"})
_ALL = frozenset({"damaged", "lost", "short", "late"})
EVIDENCE: tuple[EvidenceDef, ...] = (
    EvidenceDef("outer_photos", "外包装照片", _PHYSICAL),
    EvidenceDef("contents_photos", "内物照片", _PHYSICAL),
    EvidenceDef("packing_kept", "包装材料保留", _PHYSICAL),
    EvidenceDef("unboxing_video", "开箱视频", frozenset({"short"})),
    EvidenceDef("waybill_receipt", "面单或寄件凭证", _ALL),
    EvidenceDef("purchase_proof", "购买凭证（价值证明）", frozenset({"damaged", "lost", "short"})),
    EvidenceDef("id_card", "身份证明", _ALL),
    EvidenceDef("authorisation", "寄件人授权书", frozenset()),  # needed when the recipient claims
)
EVIDENCE_CODES = tuple(e.code for e in EVIDENCE)


@dataclass(frozen=True)
class EvidenceItem:
    code: str
    label: str
    needed: bool
    ticked: bool

    @property
    def missing(self) -> bool:
        return self.needed and not self.ticked


def checklist(evidence: dict[str, object] | None, loss_type: str, relation: str | None) -> list[EvidenceItem]:
    """Every checklist item in order with whether this claim needs it and whether it is ticked."""
    ticks = evidence or {}
    return [
        EvidenceItem(
            item.code,
            item.label,
            loss_type in item.needed_for or (item.code == "authorisation" and relation == "recipient"),
            bool(ticks.get(item.code)),
        )
        for item in EVIDENCE
    ]


def label(labels: dict[str, str], code: str | None) -> str:
    """The label of a code; an unknown code (typed in an older version) shows as itself, a missing one as ""."""
    return labels.get(code, code) if code else ""


def claim_number(claim_id: int, day: date) -> str:
    """LP + the outlet's local date of registration + the id: unique, sortable, readable over the phone."""
    return f"LP{day:%Y%m%d}{claim_id:05d}"
