"""Copy for WeChat on both engines: parcels grouped by courier with masked phones, short addresses, problem,
what to do and the recipient's flags; plus the address shortening on its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app import cases, deadlines, handover, settings
from app.actor import Actor
from app.carriers import find_or_create_waybill
from app.cases import NewCase
from app.desk import Desk
from app.handover import short_address
from db.models import Case, Courier, Place, RecipientFlag
from tests.conftest import MANAGER_PIN


def parcel(desk: Desk, number: str, *, phone: str | None = None, address: str | None = None, **kw) -> int:
    with desk.database.write() as session:
        find_or_create_waybill(session, number, recipient_phone=phone, recipient_address=address)
        kw.setdefault("kind", "stuck")
        return cases.open_case(session, NewCase(waybill_no=number, **kw), actor=desk.actor).id


@pytest.fixture
def couriers(desk: Desk) -> dict[str, int]:
    with desk.database.write() as session:
        zhang, li = Courier(name="张师傅"), Courier(name="李师傅")
        session.add_all(
            [
                zhang,
                li,
                Place(kind="compound", name="锦绣花园"),
                Place(kind="street", name="滨江路"),
                RecipientFlag(phone="13812345678", phone_tail="5678", flag="door_only"),
                RecipientFlag(phone="13812345678", phone_tail="5678", flag="complained"),
                RecipientFlag(address="湖畔雅居", flag="leave_with_guard"),
                RecipientFlag(phone_tail="1111", flag="went_12305"),  # a tail alone is too loose to use
            ]
        )
        session.flush()
        return {"张": zhang.id, "李": li.id}


def today_title(desk: Desk, n: int) -> str:
    with desk.database.read() as session:
        today = deadlines.local_date(datetime.now(UTC), settings.deadline_rules(session))
    return f"问题件交接 {today.month}月{today.day}日 共{n}件"


def test_wechat_text_groups_by_courier(desk: Desk, couriers: dict[str, int], manager: Actor) -> None:
    first = parcel(
        desk,
        "YT8962646785301",
        phone="13812345678",
        address="江州市临江区滨江路188号锦绣花园12栋3单元1802",
        problem_type="no_answer",
        courier_id=couriers["张"],
    )
    second = parcel(
        desk,
        "YT8962646785302",
        phone="13900001111",
        address="江州市临江区望湖西路8号湖畔雅居3栋2单元301",
        problem_type="vague_address",
        status="redeliver",
        courier_id=couriers["李"],
    )
    unassigned = parcel(
        desk,
        "YT8962646785303",
        caller_phone="13912345678",
        status="replied",
        extra={"reply_text": "请改派到菜鸟驿站（华兴里店），并电话通知客户本人"},
    )
    same_tail = parcel(
        desk,
        "YT8962646785304",
        phone="13700005678",
        address="临江区滨江路9号",
        problem_type="power_off",
        status="to_return",
        courier_id=couriers["张"],
    )
    chase = parcel(
        desk,
        "YT8962646785305",
        phone="170 1234 5678转1234",
        kind="chase",
        status="appointed",
        courier_id=couriers["李"],
        extra={"appointment": "明天上午"},
    )

    text = desk.read(handover.wechat_text, [first, second, unassigned, same_tail, chase, first])

    assert text == "\n".join(
        [
            today_title(desk, 5),
            "",
            "【张师傅】2件",
            "1. YT8962646785301 138****5678 锦绣花园 无人接听：联系客户后派送【只送上门】【投诉过】",
            "2. YT8962646785304 137****5678 滨江路9号 关机：待退回，勿派",
            "",
            "【李师傅】2件",
            "1. YT8962646785302 139****1111 望湖西路8号湖畔雅居 地址不详：再派【放门卫】",
            "2. YT8962646785305 170****5678转1234 催单：按预约派送（明天上午）",
            "",
            "【未分配】1件",
            "1. YT8962646785303 139****5678 按回复处理：请改派到菜鸟驿站（华兴里店），并电话通知…",
        ]
    )
    assert "\t" not in text

    unmasked = desk.write(handover.wechat_text, [first, chase], unmasked=True, manager_pin=MANAGER_PIN)
    assert "1. YT8962646785301 13812345678 锦绣花园12栋" in unmasked
    assert "170 1234 5678转1234" in unmasked and "****" not in unmasked


def test_masked_phone_and_virtual_extension_flags(desk: Desk, couriers: dict[str, int]) -> None:
    with desk.database.write() as session:
        session.add(RecipientFlag(phone="17012345678转1234", phone_tail="5678", flag="no_station"))
    masked = parcel(desk, "YT8962646785311", phone="138****5678", courier_id=couriers["张"])
    other_ext = parcel(desk, "YT8962646785312", phone="17012345678转9999", courier_id=couriers["张"])
    same_ext = parcel(desk, "YT8962646785313", phone="17012345678-1234", courier_id=couriers["张"])
    lines = desk.read(handover.wechat_text, [masked, other_ext, same_ext]).splitlines()
    assert lines[3].endswith("联系客户后派送【只送上门】【投诉过】")  # the visible part of the mask agrees
    assert lines[4].endswith("联系客户后派送")
    assert lines[5].endswith("联系客户后派送【不放驿站】")


def test_closed_deleted_and_empty_selections(desk: Desk) -> None:
    done = parcel(desk, "YT8962646785321", status="signed")
    gone = parcel(desk, "YT8962646785322")
    with desk.database.write() as session:
        row = session.get(Case, gone)
        assert row is not None
        row.deleted_at = datetime.now(UTC)
    text = desk.read(handover.wechat_text, [done, gone, 999])
    assert text.splitlines()[1:] == ["", "【未分配】1件", "1. YT8962646785321 已结束（已签收）"]
    assert text.splitlines()[0] == today_title(desk, 1)
    assert desk.read(handover.wechat_text, []) == ""


@pytest.mark.parametrize(
    ("address", "places", "short", "with_building"),
    [
        ("江州市临江区滨江路188号锦绣花园12栋3单元1802", (), "滨江路188号锦绣花园", "滨江路188号锦绣花园12栋"),
        ("江州市临江区滨江路188号锦绣花园12栋3单元1802", ("锦绣花园", "滨江路"), "锦绣花园", "锦绣花园12栋"),
        (
            "浙江省杭州市西湖区文三路478号华星时代广场A座1208",
            (),
            "文三路478号华星时代广场",
            "文三路478号华星时代广场A座",
        ),
        ("广西壮族自治区南宁市青秀区民族大道100号", (), "民族大道100号", "民族大道100号"),
        ("临江区新城街道新城大道1号", (), "新城大道1号", "新城大道1号"),
        ("阳光小区3栋2单元501", (), "阳光小区", "阳光小区3栋"),  # 小区 is no district
        ("家乐福超市一楼", (), "家乐福超市一楼", "家乐福超市一楼"),  # nor is 超市 a city
        ("滨江小学5号宿舍楼302室", (), "滨江小学", "滨江小学5号宿舍楼"),
        ("锦绣花园 12-3-1802", (), "锦绣花园", "锦绣花园12"),
        ("北京市朝阳区建国路88号SOHO现代城5号楼1201室", (), "建国路88号SOHO现代城", "建国路88号SOHO现代城5号楼"),
        (
            "上海市浦东新区张江高科技园区碧波路690号张江微电子港3号楼2单元1201",
            (),
            "张江高科技园区碧波路690号张江微电子港",
            "张江高科技园区碧波路690号张江微电子…",
        ),
    ],
)
def test_short_address(address: str, places: tuple[str, ...], short: str, with_building: str) -> None:
    assert short_address(address, places) == short  # building, unit and room hidden (个人信息保护法)
    assert short_address(address, places, keep_building=True) == with_building  # an unmasked list
