"""Which columns of a carrier export feed which field: the fields of each import target, the header words
carrier systems use for them, the automatic first guess the wizard shows, and the key a saved profile is
remembered by.

Short, generic headers (电话, 时间, 地址, 客户, 单号, and every bare role such as 收件人 or 快递员) match only as
the whole header: inside a longer header they usually name something else (寄件人电话, 回复时间, 快递员电话).
Only `Field.loose` words, which carry their own qualifier, are also looked for inside longer headers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache

from app.imports.directory_fields import DIRECTORY_TARGETS, EITHER
from app.imports.fields import KINDS as KINDS
from app.imports.fields import Field as Field
from app.imports.fields import make_field as _f
from app.imports.money_fields import FINE_FIELDS, INTERCEPT_AT, INTERCEPT_DETAIL, INTERCEPT_FIELDS, INTERCEPT_WAYBILL
from app.imports.table import normalise_header

# --- fields shared by the case targets -------------------------------------------------------------------------

WAYBILL_NO = _f(
    "waybill_no",
    "运单号",
    "waybill",
    exact=("单号", "运单", "条码", "单号码", "面单", "快递单", "条形码", "waybillno", "trackingno", "trackingnumber"),
    loose=("运单号", "快递单号", "面单号", "运单编号", "快件单号", "物流单号", "运单号码", "快递单号码", "快件号"),
    required=True,
)
CARRIER = _f(
    "carrier",
    "快递公司",
    "text",
    exact=("品牌", "快递品牌", "快递", "承运公司", "快递公司名称"),
    loose=("快递公司", "承运商", "物流公司"),
    limit=40,
)
EVENT_AT = _f(
    "event_at",
    "登记时间",
    "when",
    exact=("时间", "登记日期", "上报日期", "异常时间"),
    loose=("登记时间", "上报时间", "催件时间", "问题件时间", "发起时间", "创建时间"),
)
DETAIL = _f(
    "detail",
    "问题描述",
    "text",
    exact=("备注", "说明", "描述", "详情", "问题说明"),
    loose=("问题描述", "异常描述", "处理意见", "情况说明"),
    limit=1000,
)
RECIPIENT_NAME = _f(
    "recipient_name",
    "收件人",
    "text",
    exact=("收件人", "联系人", "收货人", "收件人名称", "收件客户"),
    loose=("收件人姓名", "客户姓名", "收货人姓名"),
    limit=50,
)
RECIPIENT_PHONE = _f(
    "recipient_phone",
    "收件人电话",
    "phone",
    exact=("联系电话", "手机", "手机号", "电话", "联系方式", "手机号码", "电话号码"),
    loose=("收件人电话", "收件人手机", "收件电话", "收货人电话", "收货人手机", "收件人联系电话", "收件人联系方式"),
)
RECIPIENT_ADDRESS = _f(
    "recipient_address",
    "收件地址",
    "text",
    exact=("详细地址", "地址"),
    loose=("收件地址", "收件人地址", "收货地址", "收件人详细地址", "收件详细地址"),
    limit=300,
)
COURIER = _f(
    "courier",
    "快递员",
    "text",
    exact=("快递员", "派件员", "业务员", "派件人", "派送员", "派件业务员", "派件快递员"),
    loose=("快递员姓名", "派件员姓名", "业务员姓名"),
    limit=50,
)
COUNTERPART_OUTLET = _f(
    "counterpart_outlet",
    "对方网点",
    "text",
    loose=("寄件网点", "发件网点", "对方网点", "始发网点", "揽收网点", "登记网点", "上报网点"),
    limit=100,
)
_CASE_FIELDS = (
    WAYBILL_NO,
    CARRIER,
    EVENT_AT,
    DETAIL,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    RECIPIENT_ADDRESS,
    COURIER,
    COUNTERPART_OUTLET,
)

# --- problem parcels (问题件) ----------------------------------------------------------------------------------

_STUCK_FIELDS = (
    _f(
        "problem_type",
        "问题类型",
        "text",
        exact=("原因", "问题件类别"),
        loose=("问题类型", "问题件类型", "异常原因", "问题原因", "异常类型", "问题件原因"),
        limit=50,
    ),
    _f("message_text", "留言内容", "text", exact=("留言", "留言信息"), loose=("留言内容", "网点留言"), limit=1000),
    _f("message_at", "留言时间", "when", loose=("留言时间",)),
    _f("reply_text", "回复内容", "text", exact=("回复", "回复信息"), loose=("回复内容", "对方回复"), limit=1000),
    _f("reply_at", "回复时间", "when", loose=("回复时间", "对方回复时间")),
    _f("round_no", "派件频次", "int", exact=("频次", "批次"), loose=("派件频次", "派送频次")),
    _f(
        "shelf",
        "货架",
        "text",
        exact=("货架", "库位", "货位", "架位"),
        loose=("留仓位置", "货架号", "库位号"),
        limit=30,
    ),
    _f(
        "in_carrier_system",
        "已登记系统",
        "flag",
        exact=("是否登记", "是否已登记"),
        loose=("已登记系统", "系统登记"),
    ),
)

# --- chases (催件), outbound and inbound ------------------------------------------------------------------------

_CHASE_FIELDS = (
    _f(
        "caller_name",
        "催件人",
        "text",
        exact=("催件人", "来电人", "客户", "客户名称"),
        loose=("来电人姓名", "催件人姓名"),
        limit=50,
    ),
    _f(
        "caller_phone",
        "来电号码",
        "phone",
        exact=("来电", "客户手机"),
        loose=("来电号码", "催件电话", "来电电话", "客户电话", "催件人电话", "来电人电话"),
    ),
    _f(
        "request",
        "客户诉求",
        "text",
        exact=("诉求", "要求", "催件说明"),
        loose=("催件内容", "客户诉求", "催件原因", "客户要求", "催件要求"),
        limit=1000,
    ),
)
_CHASE_OUT_FIELDS = (
    _f(
        "last_scan_at",
        "最后扫描时间",
        "when",
        exact=("最后扫描",),
        loose=("最后扫描时间", "最新扫描时间", "最后操作时间"),
    ),
    _f(
        "last_node",
        "最后扫描网点",
        "text",
        exact=("当前网点", "最后网点", "当前位置"),
        loose=("最后扫描网点", "当前节点", "最新节点", "最后站点"),
        limit=100,
    ),
)
_CHASE_IN_FIELDS = (
    _f("arrived", "已到件", "flag", exact=("到件", "是否到站"), loose=("是否到件", "已到件")),
    _f("appointment", "预约", "text", exact=("预约",), loose=("预约时间", "预约派送"), limit=100),
)

# --- complaints (投诉) -----------------------------------------------------------------------------------------

_COMPLAINT_FIELDS = (
    WAYBILL_NO,
    CARRIER,
    replace(EVENT_AT, label="投诉时间", synonyms=(*EVENT_AT.synonyms, "投诉时间", "受理时间", "工单时间", "投诉日期")),
    _f(
        "source",
        "投诉渠道",
        "text",
        exact=("渠道", "来源", "投诉来源"),
        loose=("投诉渠道", "工单来源", "受理渠道"),
        limit=30,
    ),
    _f(
        "external_ticket_no",
        "工单号",
        "text",
        exact=("工单", "工单编号", "投诉编号"),
        loose=("工单号", "投诉单号"),
        limit=60,
    ),
    _f(
        "category",
        "投诉类型",
        "text",
        exact=("投诉类别", "投诉原因", "类型"),
        loose=("投诉类型", "投诉分类"),
        limit=30,
    ),
    _f(
        "caller_name",
        "投诉人",
        "text",
        exact=("投诉人", "客户", "客户名称", "联系人"),
        loose=("投诉人姓名",),
        limit=50,
    ),
    _f(
        "caller_phone",
        "投诉人电话",
        "phone",
        exact=("联系电话", "客户电话", "手机", "电话"),
        loose=("投诉人电话", "投诉电话"),
    ),
    replace(DETAIL, label="投诉内容", synonyms=(*DETAIL.synonyms, "投诉内容", "诉求", "投诉描述")),
)

# --- waybill lists (底单) ---------------------------------------------------------------------------------------

_WAYBILL_FIELDS = (
    WAYBILL_NO,
    CARRIER,
    _f(
        "sent_at",
        "寄件时间",
        "when",
        exact=("寄件日期", "揽收日期"),
        loose=("寄件时间", "揽收时间", "下单时间", "揽件时间", "收寄时间"),
    ),
    _f(
        "sender_name",
        "寄件人",
        "text",
        exact=("寄件人", "发件人", "寄件客户"),
        loose=("寄件人姓名", "发件人姓名"),
        limit=50,
    ),
    _f(
        "sender_phone",
        "寄件人电话",
        "phone",
        exact=("寄件人手机号",),
        loose=("寄件人电话", "寄件电话", "寄件人手机", "发件人电话", "发件人手机", "寄件人联系电话", "寄件人联系方式"),
    ),
    _f(
        "sender_address",
        "寄件地址",
        "text",
        loose=("寄件地址", "寄件人地址", "发件地址", "发件人地址", "寄件人详细地址"),
        limit=300,
    ),
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    RECIPIENT_ADDRESS,
    _f(
        "item",
        "物品",
        "text",
        exact=("物品", "品名", "内件", "物品类型"),
        loose=("物品名称", "货物名称", "内件品名", "托寄物"),
        limit=100,
    ),
    _f("quantity", "件数", "int", exact=("件数", "数量", "包裹数")),
    _f(
        "weight_kg",
        "重量(kg)",
        "kg",
        exact=("重量", "重量(kg)", "实重"),
        loose=("计费重量", "实际重量", "揽收重量", "结算重量"),
    ),
    _f("freight", "运费", "money", exact=("运费", "费用", "总运费"), loose=("快递费", "运费金额")),
    _f("declared_value", "声明价值", "money", exact=("货值",), loose=("声明价值", "物品价值", "货物价值", "申报价值")),
    _f("insured_value", "保价金额", "money", exact=("保价", "保价额"), loose=("保价金额", "保价价值")),
    _f("cod", "到付", "flag", exact=("到付",), loose=("是否到付", "付款方式", "支付方式", "付费方式")),
    _f(
        "platform",
        "电商平台",
        "text",
        exact=("平台", "店铺", "订单来源"),
        loose=("电商平台", "店铺名称", "来源平台"),
        limit=50,
    ),
)

# --- courier daily counts (派件统计) ----------------------------------------------------------------------------

_DELIVERY_FIELDS = (
    _f("day", "日期", "day", exact=("日期",), loose=("派件日期", "统计日期", "业务日期"), required=True),
    replace(COURIER, synonyms=(*COURIER.synonyms, "姓名"), required=True),
    _f(
        "courier_no",
        "工号",
        "text",
        exact=("工号", "员工工号"),
        loose=("员工编号", "业务员编号", "快递员编号", "派件员编号"),
        limit=30,
    ),
    _f("arrived", "到件数", "int", exact=("到件", "到件总数"), loose=("到件数", "到件量")),
    _f("delivered", "派件数", "int", exact=("派件总数",), loose=("派件数", "派件量", "出仓数", "出仓量", "派送数")),
    _f("signed", "签收数", "int", exact=("已签收", "签收总数"), loose=("签收数", "签收量", "签收件数")),
    _f("problem", "问题件数", "int", exact=("问题件",), loose=("问题件数", "问题件量", "异常件数")),
)

_CHASE_EVENT_AT = replace(EVENT_AT, label="催件时间")
_CHASE_BASE = tuple(_CHASE_EVENT_AT if f is EVENT_AT else f for f in _CASE_FIELDS) + _CHASE_FIELDS

# --- interceptions (拦截) and fines (罚款 / 考核) ----------------------------------------------------------------


def _more(f: Field, label: str, loose: tuple[str, ...]) -> Field:
    """A shared field under another label, with more header words (specific ones: also inside longer headers)."""
    return replace(f, label=label, synonyms=(*loose, *f.synonyms), loose=(*loose, *f.loose))


_INTERCEPT = (
    _more(WAYBILL_NO, WAYBILL_NO.label, INTERCEPT_WAYBILL),
    CARRIER,
    _more(EVENT_AT, "申请时间", INTERCEPT_AT),
    *INTERCEPT_FIELDS,
    _more(DETAIL, "备注", INTERCEPT_DETAIL),
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    RECIPIENT_ADDRESS,
    COURIER,
)
_FINES = (WAYBILL_NO, CARRIER, *FINE_FIELDS)

TARGETS: dict[str, tuple[Field, ...]] = {
    "stuck": _CASE_FIELDS + _STUCK_FIELDS,
    "chase-out": _CHASE_BASE + _CHASE_OUT_FIELDS,
    "chase-in": _CHASE_BASE + _CHASE_IN_FIELDS,
    "complaint": _COMPLAINT_FIELDS,
    "intercept": _INTERCEPT,
    "waybills": _WAYBILL_FIELDS,
    "deliveries": _DELIVERY_FIELDS,
    "fines": _FINES,
    **DIRECTORY_TARGETS,
}

_UNIT = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]$")


def fields_for(target: str) -> tuple[Field, ...]:
    """The fields of one import target; KeyError for an unknown one."""
    return TARGETS[target]


def _forms(header: str) -> tuple[str, ...]:
    """A normalised header and, when it ends in a bracketed unit or hint ("运费(元)"), the header without it."""
    bare = _UNIT.sub("", header)
    return (header, bare) if bare and bare != header else (header,)


@cache
def _words(f: Field) -> tuple[frozenset[str], frozenset[str]]:
    """The field's synonyms and loose words, normalised the way headers are."""
    return frozenset(map(normalise_header, f.synonyms)), frozenset(map(normalise_header, f.loose))


_ALL_WORDS = frozenset(w for fs in TARGETS.values() for f in fs for w in _words(f)[0])
_ALL_LOOSE = frozenset(w for fs in TARGETS.values() for f in fs for w in _words(f)[1])


def known_header(normalised: str) -> bool:
    """True when some target knows this header; readers count these to find the header row."""
    forms = _forms(normalise_header(normalised))
    return any(form in _ALL_WORDS or any(w in form for w in _ALL_LOOSE) for form in forms if form)


def header_hint(target: str) -> Callable[[str], bool] | None:
    """How a reader finds the header row for this target. A directory sheet is all text (names, areas, notes), so
    the shape of a row cannot tell the header from the data: its header is the row with most known header words.
    Carrier exports keep the shape rule (their data rows hold numbers and times)."""
    return known_header if target in DIRECTORY_TARGETS else None


def guess(headers: Sequence[str], target: str) -> dict[int, str]:
    """Column index -> field name, a first guess the clerk confirms.

    Whole-header matches come first: qualified synonyms before generic ones (收件人电话 before 电话, whatever
    the column order), then the leftmost column. Then loose words found inside the remaining headers, longest
    first. Each field and each column is used at most once.
    """
    fields = fields_for(target)
    normalised = [normalise_header(h) for h in headers]
    exact = [
        (0 if word in _words(f)[1] else 1, column, f.name)
        for column, header in enumerate(normalised)
        for f in fields
        for word in _words(f)[0]
        if word in _forms(header)
    ]
    mapping = _assign(sorted(exact), {})
    inside = [
        (-len(word), -header.rindex(word), column, f.name)
        for column, header in enumerate(normalised)
        if column not in mapping and header
        for f in fields
        for word in _words(f)[1]
        if word and word in header
    ]
    return _assign([(rank, column, name) for rank, _, column, name in sorted(inside)], mapping)


def _assign(ranked: Iterable[tuple[int, int, str]], mapping: dict[int, str]) -> dict[int, str]:
    """Take candidates best first while neither their column nor their field is taken."""
    taken = set(mapping.values())
    for _, column, name in ranked:
        if column not in mapping and name not in taken:
            mapping[column] = name
            taken.add(name)
    return mapping


def header_key(headers: Sequence[str]) -> str:
    """The key a saved column mapping is found by: the same layout gives the same key in any column order."""
    names = sorted({normalise_header(h) for h in headers} - {""})
    return hashlib.sha256(json.dumps(names, ensure_ascii=False).encode("utf-8")).hexdigest()


def missing_required(mapping: Mapping[int, str], target: str) -> tuple[Field, ...]:
    """Required fields no column is assigned to; the import cannot start until the clerk assigns them. Of a
    target's `EITHER` group (片区 or 地点) one column is enough; with none, the group's first field is missing."""
    assigned = set(mapping.values())
    fields = fields_for(target)
    missing = [f for f in fields if f.required and f.name not in assigned]
    group = EITHER.get(target, ())
    if group and not assigned.intersection(group):
        missing.extend(f for f in fields if f.name == group[0])
    return tuple(missing)
