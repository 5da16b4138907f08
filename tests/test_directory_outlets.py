"""Outlets, transit centres and upstream companies per carrier, internal contacts by what they handle, and the
carriers' hotlines (prefilled by the seed), on both engines."""

from __future__ import annotations

import pytest

from app.desk import Desk
from app.directory import outlets
from app.directory.outlets import HANDLES, OUTLET_KINDS, ContactForm, OutletForm
from app.errors import ConflictError, NotFoundError, ValidationError


def test_outlet_kinds_and_handle_suggestions() -> None:
    assert list(OUTLET_KINDS.items()) == [
        ("counterpart", "对方网点"),
        ("transit_centre", "转运中心"),
        ("upstream", "上级公司"),
    ]
    assert HANDLES == ("理赔", "仲裁", "车辆", "站长", "财务", "客服主管")


def test_save_and_list_outlets_by_kind_carrier_and_query(desk: Desk) -> None:
    west = desk.write(
        outlets.save_outlet,
        OutletForm("counterpart", " 城西网点 ", "ZTO", "HZ-XC", "0571-88886666", "张经理", "杭州西湖区", "周日不派"),
    )
    assert (west.kind_label, west.carrier, west.carrier_name, west.name, west.code) == (
        "对方网点",
        "ZTO",
        "中通",
        "城西网点",
        "HZ-XC",
    )
    desk.write(outlets.save_outlet, OutletForm("transit_centre", "杭州转运中心", "ZTO", phone="13900001111"))
    desk.write(outlets.save_outlet, OutletForm("upstream", "圆通浙江省公司", "YTO"))
    names = lambda *a, **k: [o.name for o in desk.read(outlets.list_outlets, *a, **k)]  # noqa: E731
    assert names() == ["城西网点", "杭州转运中心", "圆通浙江省公司"]
    assert names(kind="transit_centre") == ["杭州转运中心"]
    assert names(carrier="YTO") == ["圆通浙江省公司"]
    assert names("cxwd") == ["城西网点"]
    assert names("xwd") == ["城西网点"]
    assert names("hz-x") == ["城西网点"]  # code fragment
    assert names("6666") == ["城西网点"]
    assert names("1111") == ["杭州转运中心"]
    assert names("中通") == ["城西网点", "杭州转运中心"]  # the carrier's name
    assert names("西湖") == ["城西网点"]


def test_outlet_validation_and_stale_edit(desk: Desk) -> None:
    with pytest.raises(ValidationError) as bad:
        desk.write(outlets.save_outlet, OutletForm("moon", " ", "XYZ", phone="问前台"))
    assert bad.value.fields == {
        "kind": "outlet_kind_unknown",
        "name": "required",
        "phone": "phone_unreadable",
        "carrier_code": "carrier_unknown",
    }
    west = desk.write(outlets.save_outlet, OutletForm("counterpart", "城西网点", "ZTO", "HZ-XC"))
    with pytest.raises(ValidationError) as clash:
        desk.write(outlets.save_outlet, OutletForm("counterpart", "城西二部", "ZTO", "HZ-XC"))
    assert clash.value.fields == {"code": "outlet_code_taken"}
    other = desk.write(outlets.save_outlet, OutletForm("counterpart", "城西圆通", "YTO", "HZ-XC"))
    assert other.code == "HZ-XC"  # another carrier may use the same code
    moved = desk.write(
        outlets.save_outlet,
        OutletForm("counterpart", "城西网点", "ZTO", "HZ-XC", contact="李"),
        outlet_id=west.id,
        version=1,
    )
    assert (moved.contact, moved.version) == ("李", 2)
    with pytest.raises(ConflictError):
        desk.write(outlets.save_outlet, OutletForm("counterpart", "城西", "ZTO"), outlet_id=west.id, version=1)
    with pytest.raises(NotFoundError):
        desk.write(outlets.save_outlet, OutletForm("counterpart", "城西"), outlet_id=9999)


def test_contacts_by_handles_query_and_active(desk: Desk) -> None:
    chen = desk.write(
        outlets.save_contact,
        ContactForm(" 陈会计 ", "财务", "13812345678", (" 理赔 ", "财务", "理赔", ""), "月底对账"),
    )
    assert (chen.name, chen.handles, chen.active) == ("陈会计", ["理赔", "财务"], True)
    desk.write(outlets.save_contact, ContactForm("周司机", "司机", "13900001111", ("车辆",)))
    old = desk.write(outlets.save_contact, ContactForm("吴主管", "客服主管", handles=("理赔", "仲裁"), active=False))
    names = lambda *a, **k: [c.name for c in desk.read(outlets.list_contacts, *a, **k)]  # noqa: E731
    assert names() == ["陈会计", "周司机", "吴主管"]  # active first, by pinyin
    assert names(handles="理赔") == ["陈会计", "吴主管"]
    assert names(handles="理赔", active_only=True) == ["陈会计"]
    assert names("5678") == ["陈会计"]
    assert names("zsj") == ["周司机"]
    assert names("对账") == ["陈会计"]
    assert names("仲裁") == ["吴主管"]
    back = desk.write(outlets.save_contact, ContactForm("吴主管", "客服主管", handles=("仲裁",)), contact_id=old.id)
    assert (back.active, back.handles) == (True, ["仲裁"])
    with pytest.raises(ValidationError) as bad:
        desk.write(outlets.save_contact, ContactForm(""))
    assert bad.value.fields == {"name": "required"}
    with pytest.raises(NotFoundError):
        desk.write(outlets.save_contact, ContactForm("某人"), contact_id=9999)


def test_hotlines_are_prefilled_and_editable(desk: Desk) -> None:
    hotlines = {h.name: h.hotline for h in desk.read(outlets.list_hotlines)}
    assert hotlines == {
        "圆通": "95554",
        "中通": "95311",
        "申通": "95543",
        "韵达": "95546",
        "顺丰": "95338",
        "极兔": "956025",
        "京东": "950616",
        "EMS": "11183",
        "德邦": "95353",
    }
    changed = desk.write(outlets.set_hotline, "YTO", " ９５５５４-1 ")
    assert (changed.carrier, changed.name, changed.hotline) == ("YTO", "圆通", "95554-1")
    assert desk.read(outlets.list_hotlines)[0].hotline == "95554-1"
    with pytest.raises(ValidationError) as bad:
        desk.write(outlets.set_hotline, "YTO", "九五五五四")
    assert bad.value.fields == {"hotline": "hotline_invalid"}
    with pytest.raises(NotFoundError):
        desk.write(outlets.set_hotline, "NOPE", "95554")
    assert desk.write(outlets.set_hotline, "YTO", "").hotline is None
