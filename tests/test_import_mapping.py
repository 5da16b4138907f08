"""Columns of real carrier exports mapped onto import fields; short generic headers never steal a column."""

from __future__ import annotations

import pytest

from app.imports.mapping import KINDS, TARGETS, Field, fields_for, guess, header_key, known_header, missing_required
from app.imports.table import normalise_header


def named(headers: list[str], target: str) -> dict[str, str]:
    """The guess keyed by header text, which reads better in a test than column numbers."""
    return {headers[column]: name for column, name in guess(headers, target).items()}


# --- real header rows --------------------------------------------------------------------------------------------


def test_zto_problem_parcel_export() -> None:
    headers = [
        "序号",
        "运单号",
        "问题件类型",
        "登记时间",
        "登记网点",
        "问题描述",
        "收件人",
        "联系电话",
        "收件地址",
        "派件员",
    ]
    assert named(headers, "stuck") == {
        "运单号": "waybill_no",
        "问题件类型": "problem_type",
        "登记时间": "event_at",
        "登记网点": "counterpart_outlet",
        "问题描述": "detail",
        "收件人": "recipient_name",
        "联系电话": "recipient_phone",
        "收件地址": "recipient_address",
        "派件员": "courier",
    }


def test_yto_exception_export() -> None:
    headers = [
        "快件单号",
        "异常原因",
        "上报时间",
        "上报网点",
        "异常描述",
        "收件人姓名",
        "收件人手机号码",
        "收件人详细地址",
        "网点留言",
        "留言时间",
        "对方回复",
        "回复时间",
        "派件频次",
        "是否已登记",
        "库位号",
    ]
    assert named(headers, "stuck") == {
        "快件单号": "waybill_no",
        "异常原因": "problem_type",
        "上报时间": "event_at",
        "上报网点": "counterpart_outlet",
        "异常描述": "detail",
        "收件人姓名": "recipient_name",
        "收件人手机号码": "recipient_phone",
        "收件人详细地址": "recipient_address",
        "网点留言": "message_text",
        "留言时间": "message_at",
        "对方回复": "reply_text",
        "回复时间": "reply_at",
        "派件频次": "round_no",
        "是否已登记": "in_carrier_system",
        "库位号": "shelf",
    }


def test_sto_export_with_decorated_headers() -> None:
    """Line breaks, `*` marks, full-width brackets and "(必填)" as carrier templates write them."""
    headers = ["*运单号\n(必填)", "问题件\n登记时间", "收件人电话（必填）", "备 注", "快递公司名称", "频次"]
    assert named(headers, "stuck") == {
        "*运单号\n(必填)": "waybill_no",
        "问题件\n登记时间": "event_at",
        "收件人电话（必填）": "recipient_phone",
        "备 注": "detail",
        "快递公司名称": "carrier",
        "频次": "round_no",
    }


def test_outbound_chase_list() -> None:
    headers = [
        "运单号",
        "快递公司",
        "催件时间",
        "催件人",
        "来电号码",
        "催件内容",
        "发件网点",
        "最后扫描时间",
        "最后扫描网点",
        "备注",
    ]
    assert named(headers, "chase-out") == {
        "运单号": "waybill_no",
        "快递公司": "carrier",
        "催件时间": "event_at",
        "催件人": "caller_name",
        "来电号码": "caller_phone",
        "催件内容": "request",
        "发件网点": "counterpart_outlet",
        "最后扫描时间": "last_scan_at",
        "最后扫描网点": "last_node",
        "备注": "detail",
    }


def test_inbound_chase_list() -> None:
    headers = [
        "单号",
        "客户",
        "客户电话",
        "客户诉求",
        "时间",
        "收件人",
        "手机",
        "地址",
        "快递员",
        "是否到件",
        "预约时间",
    ]
    assert named(headers, "chase-in") == {
        "单号": "waybill_no",
        "客户": "caller_name",
        "客户电话": "caller_phone",
        "客户诉求": "request",
        "时间": "event_at",
        "收件人": "recipient_name",
        "手机": "recipient_phone",
        "地址": "recipient_address",
        "快递员": "courier",
        "是否到件": "arrived",
        "预约时间": "appointment",
    }


def test_waybill_list_from_a_collection_system() -> None:
    headers = [
        "运单号码",
        "揽收时间",
        "寄件人",
        "寄件人联系电话",
        "寄件人地址",
        "收件人",
        "收件人电话",
        "收件人地址",
        "物品名称",
        "件数",
        "计费重量(kg)",
        "运费(元)",
        "保价金额(元)",
        "声明价值",
        "付款方式",
        "电商平台",
        "订单号",
        "保价费",
    ]
    assert named(headers, "waybills") == {
        "运单号码": "waybill_no",
        "揽收时间": "sent_at",
        "寄件人": "sender_name",
        "寄件人联系电话": "sender_phone",
        "寄件人地址": "sender_address",
        "收件人": "recipient_name",
        "收件人电话": "recipient_phone",
        "收件人地址": "recipient_address",
        "物品名称": "item",
        "件数": "quantity",
        "计费重量(kg)": "weight_kg",
        "运费(元)": "freight",
        "保价金额(元)": "insured_value",
        "声明价值": "declared_value",
        "付款方式": "cod",
        "电商平台": "platform",
    }


def test_courier_daily_count_sheet() -> None:
    headers = ["日期", "工号", "姓名", "到件量", "派件量", "签收量", "问题件量", "签收率"]
    assert named(headers, "deliveries") == {
        "日期": "day",
        "工号": "courier_no",
        "姓名": "courier",
        "到件量": "arrived",
        "派件量": "delivered",
        "签收量": "signed",
        "问题件量": "problem",
    }


def test_weight_header_with_unit() -> None:
    assert named(["运单号", "重量（KG）"], "waybills") == {"运单号": "waybill_no", "重量（KG）": "weight_kg"}
    assert named(["运单号", "重量(kg)"], "waybills") == {"运单号": "waybill_no", "重量(kg)": "weight_kg"}


# --- short-synonym traps -----------------------------------------------------------------------------------------


def test_sender_phone_is_never_the_recipient_phone() -> None:
    assert named(["运单号", "寄件人电话"], "stuck") == {"运单号": "waybill_no"}
    assert named(["运单号", "寄件人电话", "电话"], "stuck") == {"运单号": "waybill_no", "电话": "recipient_phone"}
    assert named(["寄件人电话", "电话"], "waybills") == {"寄件人电话": "sender_phone", "电话": "recipient_phone"}


def test_the_more_specific_exact_header_wins_whatever_the_order() -> None:
    for headers in (["运单号", "电话", "收件人电话"], ["运单号", "收件人电话", "电话"]):
        assert named(headers, "stuck") == {"运单号": "waybill_no", "收件人电话": "recipient_phone"}


def test_time_does_not_take_the_reply_time() -> None:
    assert named(["运单号", "回复时间", "时间"], "stuck") == {
        "运单号": "waybill_no",
        "回复时间": "reply_at",
        "时间": "event_at",
    }
    assert named(["运单号", "回复时间"], "chase-out") == {"运单号": "waybill_no"}
    assert named(["运单号", "回复时间", "时间"], "chase-out") == {"运单号": "waybill_no", "时间": "event_at"}


@pytest.mark.parametrize(
    "header",
    [
        "快递员电话",
        "派件员手机",
        "收件人邮编",
        "联系人电话",
        "寄件人详细地址",
        "客户编号",
        "原单号",
        "到付金额",
        "寄件人联系电话",
    ],
)
def test_role_and_generic_words_are_not_found_inside_other_headers(header: str) -> None:
    assert named(["运单号", header], "stuck") == {"运单号": "waybill_no"}


def test_loose_words_are_found_inside_longer_headers() -> None:
    headers = ["快递运单号", "问题件登记时间", "收件人手机号码", "最后一次留言时间", "上报网点名称"]
    assert named(headers, "stuck") == {
        "快递运单号": "waybill_no",
        "问题件登记时间": "event_at",
        "收件人手机号码": "recipient_phone",
        "最后一次留言时间": "message_at",
        "上报网点名称": "counterpart_outlet",
    }


def test_exact_headers_beat_loose_ones_for_the_same_field() -> None:
    assert named(["问题件登记时间", "登记时间"], "stuck") == {"登记时间": "event_at"}


def test_each_field_and_column_once_leftmost_wins() -> None:
    assert guess(["运单号", "运单号", "快递单号"], "stuck") == {0: "waybill_no"}


def test_longest_loose_word_wins() -> None:
    """对方回复时间 holds 对方回复 (reply text) and 回复时间 (reply time); the exact synonym settles it."""
    assert named(["运单号", "对方回复时间", "对方回复内容"], "stuck") == {
        "运单号": "waybill_no",
        "对方回复时间": "reply_at",
        "对方回复内容": "reply_text",
    }


def test_unknown_and_blank_headers_stay_unmapped() -> None:
    assert guess(["", "序号", "签收率", "  "], "stuck") == {}
    assert guess([], "deliveries") == {}


def test_unknown_target() -> None:
    with pytest.raises(KeyError):
        guess(["运单号"], "complaints")
    with pytest.raises(KeyError):
        fields_for("nope")


# --- known headers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["运单号", "电话", "问题件登记时间", "揽收时间", "签收量", "运费(元)", "重量(kg)"])
def test_known_headers(header: str) -> None:
    assert known_header(normalise_header(header))


@pytest.mark.parametrize("header", ["", "序号", "签收率", "合计", "2026年11月问题件明细", "773012345678901"])
def test_unknown_headers(header: str) -> None:
    assert not known_header(normalise_header(header))


# --- header key --------------------------------------------------------------------------------------------------


def test_header_key_ignores_column_order_spacing_and_width() -> None:
    one = header_key(["运单号", "登记时间", "收件人电话", "Remark"])
    assert one == header_key(["收件人电话", "运单号", "Remark", "登记时间"])
    assert one == header_key([" 运单号 ", "登记\n时间", "收件人电话*", "ＲＥＭＡＲＫ", "", "  "])
    assert len(one) == 64 and int(one, 16) >= 0


def test_header_key_tells_layouts_apart() -> None:
    assert header_key(["运单号", "登记时间"]) != header_key(["运单号", "上报时间"])
    assert header_key(["运单号", "登记时间"]) != header_key(["运单号"])
    assert header_key(["a,b", "c"]) != header_key(["a", "b,c"])


# --- required fields ---------------------------------------------------------------------------------------------


def test_missing_required() -> None:
    assert [f.name for f in missing_required({}, "stuck")] == ["waybill_no"]
    assert missing_required({0: "waybill_no"}, "stuck") == ()
    assert [f.name for f in missing_required({3: "courier"}, "deliveries")] == ["day"]
    assert [f.name for f in missing_required({}, "deliveries")] == ["day", "courier"]
    assert missing_required({0: "day", 1: "courier"}, "deliveries") == ()


def test_missing_required_on_a_guessed_mapping() -> None:
    headers = ["序号", "问题件类型", "登记时间"]
    assert [f.label for f in missing_required(guess(headers, "stuck"), "stuck")] == ["运单号"]


# --- the field tables themselves ---------------------------------------------------------------------------------

_PIPELINE_NAMES = {
    "stuck": {"message_text", "message_at", "reply_text", "reply_at", "round_no", "shelf", "in_carrier_system"},
    "chase-out": {"caller_name", "caller_phone", "request", "last_scan_at", "last_node"},
    "chase-in": {"caller_name", "caller_phone", "request", "arrived", "appointment"},
}
_CASE_NAMES = {
    "waybill_no",
    "carrier",
    "event_at",
    "detail",
    "recipient_name",
    "recipient_phone",
    "recipient_address",
    "courier",
    "counterpart_outlet",
    "problem_type",
}


def test_field_names_the_pipeline_writes() -> None:
    assert {f.name for f in TARGETS["stuck"]} == _CASE_NAMES | _PIPELINE_NAMES["stuck"]
    for target in ("chase-out", "chase-in"):
        assert {f.name for f in TARGETS[target]} == (_CASE_NAMES - {"problem_type"}) | _PIPELINE_NAMES[target]
    assert {f.name for f in TARGETS["waybills"]} == {
        *("waybill_no", "carrier", "sent_at", "sender_name", "sender_phone", "sender_address", "recipient_name"),
        *("recipient_phone", "recipient_address", "item", "quantity", "weight_kg", "freight", "declared_value"),
        *("insured_value", "cod", "platform"),
    }
    assert [f.name for f in TARGETS["deliveries"]] == [
        *("day", "courier", "courier_no", "arrived", "delivered", "signed", "problem")
    ]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_field_tables_are_consistent(target: str) -> None:
    fields = fields_for(target)
    assert len({f.name for f in fields}) == len(fields)
    words = [normalise_header(w) for f in fields for w in f.synonyms]
    assert len(words) == len(set(words)), "a header would mean two fields"
    for f in fields:
        assert f.kind in KINDS
        assert f.label and f.limit > 0
        assert set(f.loose) <= set(f.synonyms)
        assert all(len(w) >= 3 for w in f.loose), "two-character words are too generic to find inside a header"
        assert guess([f.label], target) == {0: f.name}, f"the wizard's own label must map back: {f.label}"


def test_kinds_the_pipeline_converts() -> None:
    kinds = {(t, f.name): f.kind for t, fs in TARGETS.items() for f in fs}
    assert kinds[("stuck", "waybill_no")] == "waybill"
    assert kinds[("stuck", "event_at")] == "when"
    assert kinds[("stuck", "recipient_phone")] == "phone"
    assert kinds[("stuck", "round_no")] == "int"
    assert kinds[("stuck", "in_carrier_system")] == "flag"
    assert kinds[("chase-in", "arrived")] == "flag"
    assert kinds[("waybills", "cod")] == "flag"
    assert kinds[("waybills", "weight_kg")] == "kg"
    assert kinds[("waybills", "freight")] == "money"
    assert kinds[("deliveries", "day")] == "day"
    assert kinds[("deliveries", "arrived")] == "int"
    assert all(isinstance(f, Field) for fs in TARGETS.values() for f in fs)
    carrier_targets = ("stuck", "chase-out", "chase-in", "complaint", "waybills")
    assert {t: {f.name for f in fs if f.required} for t, fs in TARGETS.items()} == {
        **{key: {"waybill_no"} for key in carrier_targets},
        "deliveries": {"day", "courier"},
        **{key: {"name"} for key in ("couriers", "outlets", "contacts")},  # the directory's sheets: no waybill
        "areas": set(),  # a 片区 or a 地点 column (mapping.EITHER)
        "intercept": {"waybill_no"},
        "fines": {"waybill_no", "reason", "amount", "issued_at"},
    }
