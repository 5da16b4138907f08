"""Messages of claims (理赔): the compensation rules as they go on the form, and refusals of impossible facts."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the rules: a name, and one sentence with the figures
    "claim_rule_insured": ("保价赔偿", "Insured value"),
    "claim_rule_civil_law": ("实际损失（民法）", "Actual loss (civil law)"),
    "claim_rule_carrier_cap": ("运费倍数上限（承运条款）", "Freight multiple cap (carrier terms)"),
    "claim_rule_freight_waived": ("免收运费（延误）", "Freight waived (late)"),
    "claim_text_insured": (
        "已保价：按保价金额{insured}元与实际损失{loss}元中较低者{base}元{share}赔偿，为{amount}元。",
        "Insured: the lower of the insured value ¥{insured} and the actual loss ¥{loss}, ¥{base}{share}, "
        "gives ¥{amount}.",
    ),
    "claim_text_civil_law": (
        "未保价：依民法按实际损失{loss}元{share}赔偿，为{amount}元。",
        "Uninsured: under civil law the actual loss ¥{loss}{share} is paid, ¥{amount}.",
    ),
    "claim_text_carrier_cap": (
        "未保价：依承运条款，赔偿以运费{freight}元的{multiple}倍为上限，为{amount}元。",
        "Uninsured: under the carrier's terms compensation is capped at {multiple} times the freight ¥{freight}, "
        "¥{amount}.",
    ),
    "claim_text_freight_waived": (
        "延误：免收运费{freight}元。",
        "Late: the freight of ¥{freight} is waived.",
    ),
    "claim_share_half": ("的50%（半损）", " at 50% (half a loss)"),
    "claim_share_items": (
        "的{short}/{quantity}（短少{short}件，共{quantity}件）",
        " × {short}/{quantity} ({short} of {quantity} items short)",
    ),
    "claim_mark_chosen": ("【采用】", "[chosen] "),
    "claim_mark_shown": ("【参考】", "[shown] "),
    "claim_total": ("应赔金额：{amount}元。", "Compensation due: ¥{amount}."),
    # refusals
    "claim_loss_type_bad": (
        "损失类型应为破损、丢失、短少或延误。",
        "The loss type must be damaged, lost, short or late.",
    ),
    "claim_extent_bad": ("损失程度应为全损、半损或按件短少。", "The extent must be full, half or items short."),
    "claim_money_negative": ("金额不能为负数。", "An amount cannot be negative."),
    "claim_money_too_big": (
        "金额超出可赔范围（一亿元以内）。",
        "The amount is beyond what can be claimed (under ¥100,000,000).",
    ),
    "claim_loss_needed": ("请填写实际损失或申报价值。", "Enter the actual loss or the declared value."),
    "claim_insured_value_needed": ("已保价的件请填写保价金额。", "Enter the insured value of an insured parcel."),
    "claim_freight_needed": (
        "请填写运费：未保价的件按运费倍数计上限，延误按运费免收。",
        "Enter the freight: it caps an uninsured claim and is what a late parcel waives.",
    ),
    "claim_quantity_needed": (
        "按件短少计算需要填写总件数和短少件数。",
        "Items short needs the number of items and how many are short.",
    ),
    "claim_quantity_bad": ("件数应为正整数。", "A number of items must be a whole number above zero."),
    "claim_quantity_short_too_many": (
        "短少件数不能多于总件数（{quantity}件）。",
        "Items short cannot exceed the number of items ({quantity}).",
    ),
    "claim_multiple_bad": ("运费倍数应大于0。", "The freight multiple must be above zero."),
    "claim_ended": (
        "该理赔已结束（{status}），不能再修改。",
        "This claim has ended ({status}) and can no longer be changed.",
    ),
    "claim_evidence_missing": (
        "还缺{count}项材料（{items}），补齐后才能提交。",
        "{count} evidence item(s) are missing ({items}); the claim can be submitted once they are in.",
    ),
    "claim_approved_needed": ("请先填写核定金额。", "Enter the approved amount first."),
    "claim_reason_needed": ("驳回需要写明原因。", "A rejection needs a reason."),
    "claim_share_bad": (
        "责任比例应在0到100之间，最多两位小数。",
        "The share must be between 0 and 100, with at most two decimals.",
    ),
    "claim_weight_bad": (
        "重量应为 0 到 100000 公斤之间的数，最多三位小数。",
        "A weight must be 0 to 100,000 kg with at most three decimals.",
    ),
    "claim_field_weight_collected_kg": ("揽收重量", "Weight at collection"),
    "claim_field_weight_arrived_kg": ("到达重量", "Weight on arrival"),
    "claim_money_cents": ("金额最多保留两位小数（分）。", "Amounts have at most two decimals (fen)."),
    "claim_field_loss_type": ("损失类型", "Loss type"),
    "claim_field_loss_extent": ("损失程度", "Extent"),
    "claim_field_claimant_name": ("索赔人", "Claimant"),
    "claim_field_claimant_phone": ("索赔人电话", "Claimant's phone"),
    "claim_field_claimant_relation": ("与快件关系", "Relation to the parcel"),
    "claim_field_authorisation": ("授权书", "Authorisation"),
    "claim_field_item": ("物品", "Item"),
    "claim_field_quantity": ("件数", "Quantity"),
    "claim_field_quantity_short": ("短少件数", "Items short"),
    "claim_field_declared_value": ("申报价值", "Declared value"),
    "claim_field_actual_loss": ("实际损失", "Actual loss"),
    "claim_field_value_proof": ("价值证明", "Proof of value"),
    "claim_field_insured": ("是否保价", "Insured"),
    "claim_field_insured_value": ("保价金额", "Insured value"),
    "claim_field_insurance_fee": ("保价费", "Insurance fee"),
    "claim_field_freight": ("运费", "Freight"),
    "claim_field_freight_cod": ("到付", "Freight collect"),
    "claim_field_packaging": ("包装", "Packaging"),
    "claim_field_inspected_at_signing": ("签收时验视", "Inspected at signing"),
    "claim_field_loss_note": ("损失经过", "What happened"),
    "claim_field_claimed_amount": ("索赔金额", "Claimed amount"),
    "claim_field_approved_amount": ("核定金额", "Approved amount"),
    "claim_field_responsible_party": ("责任方", "Responsible party"),
    "claim_field_responsible_name": ("责任单位", "Responsible unit"),
    "claim_field_responsible_share_pct": ("责任比例", "Share"),
    "claim_field_paid_first": ("先行赔付", "Paid first"),
    "claim_field_amount_recovered": ("已追回", "Recovered"),
    "claim_field_salvage": ("残值处理", "Salvage"),
    "claim_field_payee": ("收款人", "Payee"),
}
