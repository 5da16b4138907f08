"""Messages of money at risk: fines (罚款 / 考核), arbitration (仲裁) and their imports."""

MESSAGES: dict[str, tuple[str, str]] = {
    # sums of money
    "money_bad": ("金额应为数字（元）。", "An amount must be a number of yuan."),
    "money_not_positive": ("金额应大于0。", "The amount must be above zero."),
    "money_negative": ("金额不能为负数。", "An amount cannot be negative."),
    "money_too_big": ("金额过大（应在100万元以内），请核对。", "The amount is too large (under ¥1,000,000); check it."),
    "money_cents": ("金额最多保留两位小数（分）。", "Amounts have at most two decimals (fen)."),
    "link_other_waybill": (
        "关联的记录属于另一个运单。",
        "The linked record belongs to another waybill.",
    ),
    # fines
    "fine_reason_bad": ("请从目录中选择罚款原因。", "Choose the reason from the catalogue."),
    "fine_duplicate": (
        "这笔罚款已经登记过（编号{id}：同一运单、原因、日期和金额）。",
        "This fine is already recorded (no. {id}: same waybill, reason, day and amount).",
    ),
    "fine_decided": ("该罚款已{result}，不能再修改。", "This fine is {result} and can no longer be changed."),
    "fine_appeal_late": (
        "申诉已于{due}截止，逾期申诉需要站长PIN批准。",
        "The appeal deadline was {due}; a late appeal needs the manager's PIN.",
    ),
    "fine_decision_bad": ("处理结果应为认罚、撤销或减免。", "The result must be accepted, cancelled or reduced."),
    "fine_new_amount_needed": ("减免请填写减免后的金额。", "A reduction needs the new amount."),
    "fine_reduce_not_less": (
        "减免后的金额应低于原金额{amount}元。",
        "The reduced amount must be below the current ¥{amount}.",
    ),
    "fine_new_amount_only_reduced": (
        "只有减免才能填写新金额。",
        "A new amount is only given with a reduction.",
    ),
    "fine_recovered_too_much": (
        "追回金额不能超过罚款金额{amount}元。",
        "The amount recovered cannot exceed the fine of ¥{amount}.",
    ),
    "fine_has_arbitration": (
        "这笔罚款还关联着{count}个仲裁，不能删除。",
        "{count} arbitration(s) still refer to this fine; it cannot be deleted.",
    ),
    "fine_due_before_issue": ("申诉截止不能早于罚款日期。", "The appeal deadline cannot be before the fine."),
    # arbitration
    "arbitration_share_bad": (
        "我方责任比例应在0到100之间，最多两位小数。",
        "Our share must be between 0 and 100, with at most two decimals.",
    ),
    "arbitration_decided": ("该仲裁已有判定结果，不能再修改。", "This arbitration is decided and cannot be changed."),
    "arbitration_due_before_filing": (
        "答复期限不能早于提起仲裁的时间。",
        "The reply deadline cannot be before the arbitration was filed.",
    ),
    "arbitration_before_filing": ("时间不能早于提起仲裁的时间。", "The time cannot be before the filing."),
    # imports
    "import_fine_amount": ("罚款金额应大于0且在100万元以内。", "A fine must be above zero and under ¥1,000,000."),
    "import_fine_due_before_issue": (
        "申诉截止早于罚款日期。",
        "The appeal deadline is before the fine was issued.",
    ),
    "import_unknown_reasons": (
        "有{count}种罚款原因不在目录中，已按“其他”登记并在证据中注明：{names}",
        "{count} fine reason(s) are not in the catalogue; recorded as “other” with the text in the evidence: {names}",
    ),
}
