"""What each missed deadline costs the outlet (资金风险): the reasons of the money-at-risk queue, their labels and
the outlet's figure for each in yuan. A manager's setting (`risk_costs`), checked here so app.settings and the
queue agree on the reasons without importing each other."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

REASONS = {
    "reply": "留言待回复",
    "first_response": "投诉首次响应",
    "complaint_due": "投诉办结期限",
    "appeal": "12305 风险",
    "intercept": "拦截（下一趟派送前）",
    "early_return": "提前退回待上报",
    "fine_appeal": "罚款申诉期限",
    "arbitration": "仲裁答复期限",
}
DEFAULT_COSTS = {  # yuan deducted or lost when the deadline passes; a fine's own amount replaces its figure
    "reply": "20",
    "first_response": "50",
    "complaint_due": "100",
    "appeal": "500",
    "intercept": "100",
    "early_return": "50",
    "fine_appeal": "0",
    "arbitration": "200",
}
MAX_COST = Decimal("1000000")


def clean_costs(value: Any) -> dict[str, str]:
    """Yuan per reason, stored as text ("20", "12.5"); every reason present, unknown reasons refused."""
    if not isinstance(value, dict):
        raise ValueError("应为各项费用表")
    unknown = set(value) - set(REASONS)
    if unknown:
        raise ValueError(f"没有这一项：{'、'.join(sorted(map(str, unknown)))}")
    cleaned = dict(DEFAULT_COSTS)
    for reason, raw in value.items():
        if isinstance(raw, bool | float):
            raise ValueError(f"{REASONS[reason]}：应为金额")
        try:
            amount = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ValueError(f"{REASONS[reason]}：应为金额") from None
        if not amount.is_finite() or not 0 <= amount < MAX_COST or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(f"{REASONS[reason]}：应为 0 到 100 万元之间的金额，最多两位小数")
        cleaned[reason] = f"{amount.normalize():f}"
    return cleaned
