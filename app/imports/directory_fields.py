"""The columns of the directory's own sheets (区域概况): couriers, areas and places, outlets, contacts.

These targets carry no waybill. Each field's label is the header `app.export.directory` writes, so an exported
workbook maps back column for column; the synonyms take the headers clerks type in their own lists.

`--as areas` reads both the 片区 sheet and the 地点 sheet: a row with a place name (地点) is a place in the area the
row names (片区, blank for a place outside every area); a row without one is an area. So one of the two columns must
be there (`EITHER`). Lists (关键词, 负责事项, 标记) are one cell joined with 、; a courier's areas and stand-ins are one
cell each in the format `app.imports.directory_cells` documents.
"""

from __future__ import annotations

from app.imports.fields import Field
from app.imports.fields import make_field as _f

_PHONE = ("电话", "手机", "联系电话", "手机号", "手机号码", "电话号码", "联系方式")
_NOTES = ("备注", "说明")


def _phone() -> Field:
    return _f("phone", "电话", "text", exact=_PHONE, limit=40)


def _notes() -> Field:
    return _f("notes", "备注", "text", exact=_NOTES, limit=1000)


def _active() -> Field:
    return _f("active", "在职", "flag", exact=("在职", "是否在职", "在岗", "是否在岗"))


COURIER_FIELDS = (
    _f(
        "name",
        "姓名",
        "text",
        exact=("姓名", "快递员", "业务员", "派件员", "名字"),
        loose=("快递员姓名",),
        required=True,
        limit=40,
    ),
    _f(
        "staff_no", "工号", "text", exact=("工号", "员工工号", "员工编号"), loose=("快递员编号", "业务员编号"), limit=20
    ),
    _phone(),
    _active(),
    _f("areas", "负责片区", "text", exact=("负责片区", "片区", "区域", "负责区域", "派送区域", "派件区域"), limit=2000),
    _f("stand_ins", "替班", "text", exact=("替班", "替班安排", "顶班"), limit=2000),
)

AREA_FIELDS = (
    _f("area", "片区", "text", exact=("片区", "区域", "片区名称", "区域名称", "所属片区"), limit=60),
    _f("kind", "类型", "text", exact=("类型", "类别", "地点类型"), limit=20),
    _f("place", "地点", "text", exact=("地点", "名称", "地点名称"), limit=80),
    _f("address", "地址", "text", exact=("地址", "详细地址"), limit=300),
    _f("keywords", "关键词", "text", exact=("关键词", "关键字", "地址关键词"), limit=2000),
    _phone(),
    _notes(),
    _f("flags", "标记", "text", exact=("标记", "标签"), limit=500),
)

OUTLET_FIELDS = (
    _f("kind", "类型", "text", exact=("类型", "类别", "网点类型"), limit=20),
    _f("carrier", "快递公司", "text", exact=("快递公司", "品牌", "快递品牌", "快递"), limit=40),
    _f("name", "网点名称", "text", exact=("网点名称", "网点", "名称", "网点名"), required=True, limit=80),
    _f("code", "网点编码", "text", exact=("网点编码", "编码", "网点代码", "网点编号", "代码"), limit=40),
    _phone(),
    _f("contact", "联系人", "text", exact=("联系人", "负责人"), limit=40),
    _f("region", "地区", "text", exact=("地区", "所在地区", "所在地", "省市"), limit=80),
    _notes(),
)

CONTACT_FIELDS = (
    _f("name", "姓名", "text", exact=("姓名", "联系人", "名字"), required=True, limit=40),
    _f("role", "职务", "text", exact=("职务", "角色", "岗位", "职位"), limit=40),
    _phone(),
    _f("handles", "负责事项", "text", exact=("负责事项", "负责", "负责内容", "分管"), limit=500),
    _notes(),
    _active(),
)

DIRECTORY_TARGETS: dict[str, tuple[Field, ...]] = {
    "couriers": COURIER_FIELDS,
    "areas": AREA_FIELDS,
    "outlets": OUTLET_FIELDS,
    "contacts": CONTACT_FIELDS,
}

EITHER: dict[str, tuple[str, ...]] = {"areas": ("area", "place")}  # a row needs one of these, a file one column
