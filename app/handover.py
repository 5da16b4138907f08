""" "Copy for WeChat": selected parcels as plain text a clerk pastes into the couriers' group chat.

WeChat shows plain text on a narrow phone screen, so the text has no tabs or tables: a title line, then per
courier a heading and numbered lines, one per parcel (waybill, phone, short address, problem and what to do,
and the recipient's flags in 【】). Phones are masked by default; `unmasked=True` needs a manager (DESIGN.md §3,
roles): the actor one, or the PIN of one, checked and audited here, so call it in a write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import deadlines, settings
from app.actor import Actor
from app.export.files import authorise_unmasked
from app.flag_index import fold_address
from app.flags import FlagSet, candidates
from app.phones import mask_phone
from app.workflows import KIND_LABELS, case_workflow
from db.models import (
    Case,
    ChaseDetail,
    ComplaintDetail,
    Courier,
    InterceptDetail,
    Place,
    ProblemType,
    StuckDetail,
    Waybill,
)

UNASSIGNED = "未分配"
# What the courier should do with a parcel, by kind and status; terminal states fall back to their label.
ACTIONS: dict[tuple[str, str], str] = {
    ("stuck", "pending"): "联系客户后派送",
    ("stuck", "awaiting_reply"): "已留言，等回复，暂不派",
    ("stuck", "replied"): "按回复处理",
    ("stuck", "redeliver"): "再派",
    ("stuck", "to_return"): "待退回，勿派",
    ("stuck", "returning"): "退回中，勿派",
    ("chase", "pending"): "客户催件，尽快派送",
    ("chase", "appointed"): "按预约派送",
    ("chase", "contacted_outlet"): "等对方网点回复",
    ("complaint", "new"): "有投诉，先联系客户",
    ("complaint", "processing"): "投诉处理中，注意服务",
    ("complaint", "awaiting_visit"): "待回访",
    ("intercept", "accepted"): "拦截件，找出勿派",
    ("intercept", "found"): "拦截件，勿派",
    ("intercept", "intercepted"): "已拦截，勿派",
}
SHORT_ADDRESS_MAX = 20
_REPLY_SNIPPET = 20
_PLACE_KINDS = ("compound", "school", "unit", "shop", "key_customer", "station", "street")
_ADMIN_UNIT = re.compile(r"(\D{1,7}?)(省|自治区|特别行政区|自治州|市|地区|盟|区|县|旗|街道)")
# Endings that look like an administrative unit but name a place inside the address.
_NOT_ADMIN = ("小区", "社区", "园区", "校区", "景区", "厂区", "营区", "商区", "超市", "菜市", "门市", "夜市", "集市")
_ROOM = re.compile(
    r"(?:[-—\s]*\d+单元.*"  # 3单元1802
    r"|[-—\s]*\d+(?:室|号房)"  # 302室
    r"|(?<=[栋幢座楼])[-—\s]*\d{3,4}"  # 12栋1802, A座1208
    r"|(?<=\d)(?:-\d+){1,2})$"  # 12-3-1802
)
# The building left after the room is gone: 12栋, A座, 5号楼, 5号宿舍楼, or the bare 12 of 锦绣花园 12-3-1802.
_BUILDING = re.compile(r"[-—\s]*(?:[0-9A-Za-z]+(?:栋|幢|座|号楼|号宿舍楼)|(?<=\D)\d+)$")


@dataclass(frozen=True)
class _Parcel:
    case_id: int
    courier: str | None
    waybill_no: str
    phone: str | None
    address: str | None
    problem: str | None
    action: str


def _strip_admin(address: str) -> str:
    """Drop province, city, district and sub-district (街道) names from the front."""
    while True:
        found = _ADMIN_UNIT.match(address)
        if found is None or found.group(0).endswith(_NOT_ADMIN) or len(address) - found.end() < 2:
            return address
        address = address[found.end() :]


def short_address(address: str, place_names: Sequence[str] = (), *, keep_building: bool = False) -> str:
    """The compound / street part of a recipient address: where a courier goes, and no more of the customer's
    address than that (个人信息保护法: building, unit and room stay hidden unless `keep_building`, which an
    unmasked list asks for).

    "江州市临江区滨江路188号锦绣花园12栋3单元1802" → "锦绣花园" when 锦绣花园 is a known place (the first of
    `place_names` found in the address wins: list buildings before streets), else "滨江路188号锦绣花园":
    administrative names and the building / unit / room part are dropped, and what is left is cut at
    SHORT_ADDRESS_MAX characters. With `keep_building` the building stays: "锦绣花园12栋".
    """
    text = fold_address(address)
    known = next((name for name in place_names if name and name in text), None)
    text = text[text.index(known) :] if known else _strip_admin(text)
    text = _ROOM.sub("", text) or text
    if not keep_building:
        text = _BUILDING.sub("", text) or text
    return text if len(text) <= SHORT_ADDRESS_MAX else text[: SHORT_ADDRESS_MAX - 1] + "…"


def _flag_labels(flags: FlagSet, parcel: _Parcel, *, unmasked: bool) -> list[str]:
    """The 【】 labels of the flags recorded for this parcel's phone or address (app.flags matching); a flag's
    own note is masked like the rest of the text."""
    labels: list[str] = []
    for flag in flags.matching(phones=[parcel.phone], addresses=[parcel.address]):
        label = flag.short_label if unmasked else mask_phone(flag.short_label)
        if label not in labels:
            labels.append(label)
    return labels


def _action(kind: str, direction: str, status: str, row: Any) -> str:
    workflow = case_workflow(kind, direction)
    if workflow.is_terminal(status):
        return f"已结束（{workflow.label(status)}）"
    action = ACTIONS.get((kind, status), workflow.label(status))
    if kind == "stuck" and status == "replied" and row.reply_text:
        reply = row.reply_text.strip()
        action += f"：{reply[:_REPLY_SNIPPET]}" + ("…" if len(reply) > _REPLY_SNIPPET else "")
    if kind == "chase" and status == "appointed" and row.appointment:
        action += f"（{row.appointment.strip()}）"
    if kind == "intercept" and row.intercept_request == "readdress" and row.new_address:
        action = f"改址，勿派原址：{short_address(row.new_address)}"
    return action


def _parcels(session: Session, ids: list[int]) -> list[_Parcel]:
    query = (
        select(
            Case.id,
            Case.kind,
            Case.direction,
            Case.status,
            Case.caller_phone,
            Waybill.waybill_no,
            Waybill.recipient_phone,
            Waybill.recipient_address,
            Courier.name.label("courier"),
            ProblemType.name.label("problem"),
            ComplaintDetail.category,
            StuckDetail.reply_text,
            ChaseDetail.appointment,
            InterceptDetail.request.label("intercept_request"),
            InterceptDetail.new_address,
        )
        .join(Waybill, Waybill.id == Case.waybill_id)
        .outerjoin(Courier, Courier.id == Case.courier_id)
        .outerjoin(ProblemType, ProblemType.id == Case.problem_type_id)
        .outerjoin(ComplaintDetail, ComplaintDetail.case_id == Case.id)
        .outerjoin(StuckDetail, StuckDetail.case_id == Case.id)
        .outerjoin(ChaseDetail, ChaseDetail.case_id == Case.id)
        .outerjoin(InterceptDetail, InterceptDetail.case_id == Case.id)
        .where(Case.id.in_(ids), Case.deleted_at.is_(None))
    )
    rows = {row.id: row for row in session.execute(query)}
    parcels = []
    for case_id in ids:
        row = rows.get(case_id)
        if row is None:
            continue
        problem = row.problem or (f"{KIND_LABELS['complaint']}：{row.category}" if row.category else None)
        parcels.append(
            _Parcel(
                case_id=row.id,
                courier=row.courier,
                waybill_no=row.waybill_no,
                phone=row.recipient_phone or row.caller_phone,
                address=row.recipient_address,
                problem=problem or (KIND_LABELS[row.kind] if row.kind != "stuck" else None),
                action=_action(row.kind, row.direction, row.status, row),
            )
        )
    return parcels


def _place_names(session: Session) -> list[str]:
    """Known place names, compounds / schools / units before streets and longer before shorter, so the most
    precise one found in an address is taken."""
    query = select(Place.name, Place.kind).where(Place.deleted_at.is_(None), Place.kind.in_(_PLACE_KINDS))
    rows = {(name, kind) for name, kind in session.execute(query)}
    return [name for name, kind in sorted(rows, key=lambda r: (r[1] == "street", -len(r[0]), r[0]))]


def wechat_text(
    session: Session,
    case_ids: Iterable[int],
    *,
    unmasked: bool = False,
    actor: Actor | None = None,
    manager_pin: str | None = None,
) -> str:
    """The selected cases as WeChat text, grouped by courier in the order they were selected, 未分配 last.

    Deleted or unknown ids are left out; an empty selection gives an empty string. Unmasked, it raises
    PermissionDenied unless a manager approves, and records who took the text and who allowed it.
    """
    parcels = _parcels(session, list(dict.fromkeys(case_ids)))
    if unmasked:
        authorise_unmasked(session, actor, manager_pin, what="wechat", path=None, rows=len(parcels))
    if not parcels:
        return ""
    flags = candidates(session, phones=[p.phone for p in parcels], addresses=[p.address for p in parcels])
    places = _place_names(session)
    groups: dict[str, list[_Parcel]] = {}
    for parcel in parcels:
        groups.setdefault(parcel.courier or UNASSIGNED, []).append(parcel)
    if UNASSIGNED in groups:
        groups[UNASSIGNED] = groups.pop(UNASSIGNED)
    today = deadlines.local_date(datetime.now(UTC), settings.deadline_rules(session))
    lines = [f"问题件交接 {today.month}月{today.day}日 共{len(parcels)}件"]
    for courier, members in groups.items():
        lines += ["", f"【{courier}】{len(members)}件"]
        for number, parcel in enumerate(members, start=1):
            parts = [f"{number}. {parcel.waybill_no}"]
            if parcel.phone:
                parts.append(parcel.phone if unmasked else mask_phone(parcel.phone))
            if parcel.address:
                parts.append(short_address(parcel.address, places, keep_building=unmasked))
            parts.append(f"{parcel.problem}：{parcel.action}" if parcel.problem else parcel.action)
            labels = "".join(f"【{label}】" for label in _flag_labels(flags, parcel, unmasked=unmasked))
            lines.append(" ".join(parts) + labels)
    return "\n".join(lines)
