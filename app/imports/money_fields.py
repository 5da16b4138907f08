"""The fields of the money-at-risk lists: the morning interception list (拦截 / 改址 / 转寄 / 退回) and the
carrier's fine list (罚款 / 考核明细), with the header words carriers write for them. `mapping` adds the waybill
and carrier columns every list shares."""

from __future__ import annotations

from app.imports.fields import make_field as _f

INTERCEPT_FIELDS = (
    _f(
        "request",
        "拦截类型",
        "text",
        exact=("类型", "要求", "操作", "申请内容", "拦截"),
        loose=("拦截类型", "申请类型", "拦截要求", "拦截方式", "拦截业务", "处理类型", "拦截操作", "申请业务"),
        limit=30,
    ),
    _f(
        "requested_by",
        "申请人",
        "text",
        exact=("来源", "渠道", "申请人员", "申请渠道"),
        loose=("申请人", "申请来源", "发起方", "申请方", "拦截来源", "申请网点", "发起人"),
        limit=80,
    ),
    _f(
        "new_address",
        "新地址",
        "text",
        exact=("新地址",),
        loose=("新收件地址", "改址地址", "转寄地址", "更改后地址", "新收货地址", "新详细地址", "改派地址"),
        limit=300,
    ),
    _f(
        "new_waybill_no",
        "新单号",
        "waybill",
        exact=("新单号",),
        loose=("新运单号", "退回单号", "转寄单号", "新面单号", "退件单号", "返单号", "退回运单号", "新快递单号"),
    ),
)
INTERCEPT_AT = ("申请时间", "拦截时间", "申请日期", "拦截日期", "发起拦截时间", "拦截申请时间")
INTERCEPT_WAYBILL = ("原单号", "原运单号", "拦截单号", "拦截运单号")
INTERCEPT_DETAIL = ("拦截原因", "申请原因", "拦截备注")

FINE_FIELDS = (
    _f(
        "reason",
        "罚款原因",
        "text",
        exact=("原因", "类型", "考核项", "罚款项目", "考核项目"),
        loose=("罚款原因", "考核原因", "罚款类型", "考核类型", "处罚原因", "罚款事由", "考核事由", "扣款原因"),
        limit=60,
        required=True,
    ),
    _f(
        "amount",
        "罚款金额",
        "money",
        exact=("金额", "罚款", "扣款", "罚金"),
        loose=("罚款金额", "考核金额", "处罚金额", "扣款金额", "罚款额"),
        required=True,
    ),
    _f(
        "issued_at",
        "罚款日期",
        "when",
        exact=("日期", "时间"),
        loose=("罚款日期", "罚款时间", "考核时间", "考核日期", "处罚时间", "处罚日期", "下发时间", "扣款时间"),
        required=True,
    ),
    _f(
        "appeal_due_at",
        "申诉截止",
        "when",
        exact=("截止时间", "截止日期"),
        loose=("申诉截止", "申诉期限", "申诉截止时间", "申诉截止日期", "最晚申诉时间", "申诉时效"),
    ),
    _f(
        "evidence",
        "证据",
        "text",
        exact=("备注", "说明", "描述", "详情", "证据"),
        loose=("证据说明", "罚款说明", "考核说明", "处罚说明", "情况说明", "考核备注", "罚款备注"),
        limit=2000,
    ),
)
