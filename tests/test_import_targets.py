"""Import targets beyond the first file: 留言 threads and the morning reconcile, chase lists, the sent list and
courier counts, checked row by row on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import stuck
from app.actor import Actor
from app.lookup import lookup
from db.engine import Database
from db.models import (
    Carrier,
    Case,
    ChaseDetail,
    Courier,
    DeliveryCount,
    ImportBatch,
    ImportItem,
    Message,
    StuckDetail,
    Waybill,
)
from tests import import_files as files
from tests.import_pipeline import (
    LATER,
    NOW,
    STUCK,
    THREAD,
    A,
    B,
    C,
    D,
    E,
    F,
    case_of,
    count,
    followups,
    local,
    run,
    thread_rows,
    xlsx,
)

# --- messages and the morning reconcile ---------------------------------------------------------------------


def test_messages_are_sent_by_us_or_received_from_the_registering_outlet(
    database: Database, clerk: Actor, outlets: int, tmp_path: Path
) -> None:
    rows = [
        *thread_rows(),
        [E, "申通", "拒收", "2026-11-21 13:00", None, None, "请尽快退回", None, None, None, "城北网点"],
    ]
    result = run(database, clerk, xlsx(tmp_path, rows, THREAD))
    assert result.created == 5
    assert result.unknown == {"problem_type": {"外星人劫持": 1}, "counterpart_outlet": {"城北网点": 1}}
    with database.read() as session:
        got = {}
        for number in (A, B, C, D, E):
            case = case_of(session, number)
            detail = session.get(StuckDetail, case.id)
            assert detail is not None
            thread = session.scalars(select(Message).where(Message.case_id == case.id)).all()
            got[number] = (case, detail, [(m.direction, m.text, m.at, m.reply_text, m.reply_due_at) for m in thread])
        case, detail, thread = got[A]
        assert (case.status, case.direction, detail.registered_by, detail.awaiting_reply) == (
            "awaiting_reply",
            "inbound",
            "us",
            True,
        )
        assert thread == [("sent", "请核实门牌号", local(2026, 11, 21, 9, 40), None, None)]
        case, detail, thread = got[B]
        assert (case.status, case.direction, case.counterpart_outlet_id, detail.registered_by) == (
            "pending",
            "outbound",
            outlets,
            "them",
        )
        received_at = local(2026, 11, 21, 10, 0)  # no 留言时间: the registration time
        assert thread == [
            ("received", "收件人拒收，请联系寄件人", received_at, None, received_at + timedelta(hours=24))
        ]
        assert detail.reply_due_at == received_at + timedelta(hours=24) and not detail.awaiting_reply
        case, detail, thread = got[C]
        assert case.status == "replied" and not detail.awaiting_reply
        assert [(t[0], t[1], t[3]) for t in thread] == [("sent", "地址错误请改", "已改为文一路8号")]
        assert (detail.reply_text, detail.reply_at) == ("已改为文一路8号", NOW)
        case, detail, thread = got[D]
        assert (case.status, thread) == ("pending", [])
        case, detail, thread = got[E]
        assert (detail.registered_by, case.counterpart_outlet_id, case.detail) == ("them", None, "对方网点：城北网点")
        assert [t[0] for t in thread] == ["received"]

    # next morning the carrier's list shows the other outlet's answer to our message, and our answer to theirs
    replied = thread_rows()[:2]
    replied[0][8:10] = ["地址已核实，明天再派", "2026-11-22 08:15"]
    replied[1][8] = "已联系寄件人，同意退回"
    later = run(database, clerk, xlsx(tmp_path, replied, THREAD, "b.xlsx"), now=LATER)

    assert (later.created, later.updated) == (0, 2)
    assert later.reconcile is not None and later.reconcile.counts["replied"] == 1
    assert [(e.waybill_no, e.status) for e in later.reconcile.entries["replied"]] == [(A, "已回复")]
    with database.read() as session:
        case = case_of(session, A)
        detail = session.get(StuckDetail, case.id)
        assert detail is not None
        assert (case.status, detail.awaiting_reply, detail.reply_text) == ("replied", False, "地址已核实，明天再派")
        [message] = session.scalars(select(Message).where(Message.case_id == case.id)).all()
        assert (message.reply_text, message.reply_at) == ("地址已核实，明天再派", local(2026, 11, 22, 8, 15))
        [entry] = followups(session, case.id)
        assert "对方回复：地址已核实，明天再派" in entry.text and "状态：已留言待回复 → 已回复" in entry.text
        theirs = case_of(session, B)
        detail = session.get(StuckDetail, theirs.id)
        assert detail is not None and detail.reply_due_at is None, "answered: we owe nothing any more"
        [message] = session.scalars(select(Message).where(Message.case_id == theirs.id)).all()
        assert (message.reply_text, message.reply_at) == ("已联系寄件人，同意退回", LATER)
        assert theirs.status == "pending"


def test_reconcile_lists_new_changed_replied_vanished_and_unregistered(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = [*STUCK, "留言内容", "回复内容"]
    first = [
        [A, "申通", "地址不详", "2026-11-21 09:30", None, None, "请核实", None],
        [B, "申通", "拒收", "2026-11-21 09:30"],
        [C, "申通", "关机", "2026-11-21 09:30"],
    ]
    result = run(database, clerk, xlsx(tmp_path, first, header))
    assert result.reconcile is not None
    assert result.reconcile.counts == {"new": 3, "changed": 0, "replied": 0, "vanished": 0, "unregistered": 0}
    with database.write() as session:  # logged at the counter, never registered in the carrier system
        never = stuck.capture(session, D, actor=clerk, problem_type="refused").case.id
        listed = stuck.capture(session, E, actor=clerk, problem_type="refused").case.id

    second = [
        [A, "申通", "地址不详", "2026-11-21 09:30", None, None, "请核实", "已核实"],
        [B, "申通", "破损", "2026-11-21 09:30"],
        [E, "申通", "拒收", "2026-11-22 09:30"],
        [F, "申通", "关机", "2026-11-22 09:30"],
    ]
    result = run(database, clerk, xlsx(tmp_path, second, header, "b.xlsx"), now=LATER)

    report = result.reconcile
    assert report is not None
    assert report.counts == {"new": 1, "changed": 3, "replied": 1, "vanished": 1, "unregistered": 1}
    shown = {k: sorted(e.waybill_no for e in v) for k, v in report.entries.items()}
    assert shown == {"new": [F], "changed": [A, B, E], "replied": [A], "vanished": [C], "unregistered": [D]}
    with database.read() as session:
        assert report.entries["unregistered"][0].case_id == never
        assert report.entries["vanished"][0].case_id == case_of(session, C).id
        assert report.entries["vanished"][0].status == "待处理"
        assert session.get(StuckDetail, listed).in_carrier_system is True  # type: ignore[union-attr]
        assert session.get(StuckDetail, never).in_carrier_system is False  # type: ignore[union-attr]
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.summary["reconcile"] == report.counts


# --- chases, waybills and courier counts ------------------------------------------------------------------------


def test_chase_lists_keep_the_callers_phone_as_given_with_its_tail(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    header = ["运单号", "催件时间", "催件人", "来电号码", "客户诉求", "最后扫描时间", "最后扫描网点"]
    rows = [
        [A, "2026-11-21 09:30", "张女士", "138****4321", "今天必须送到", "2026-11-20 18:00", "杭州转运中心"],
        [B, "2026/11/21 10:00", "李先生", "17012344321-9527", "改派到驿站", None, None],
    ]
    path = files.carrier_csv(tmp_path / "催件.csv", header, rows, "gbk")
    result = run(database, clerk, path, "chase-out")
    assert (result.created, result.rejected) == (2, [])
    inbound = files.carrier_csv(
        tmp_path / "到件催件.csv",
        ["运单号", "催件时间", "来电号码"],
        [[A, "2026-11-22 08:00", "13812344321"]],
        "utf-8-sig",
    )
    assert run(database, clerk, inbound, "chase-in").created == 1, "an outbound chase is no inbound one"
    with database.read() as session:
        out = session.scalars(select(Case).where(Case.direction == "outbound").order_by(Case.id)).all()
        got = [
            (c.waybill.waybill_no, c.kind, c.status, c.opened_at, c.caller_name, c.caller_phone, c.caller_phone_tail)
            for c in out
        ]
        assert got == [
            (A, "chase", "pending", local(2026, 11, 21, 9, 30), "张女士", "138****4321", "4321"),
            (B, "chase", "pending", local(2026, 11, 21, 10, 0), "李先生", "17012344321-9527", "4321"),
        ]
        chase = session.get(ChaseDetail, out[0].id)
        assert chase is not None
        assert (chase.request, chase.last_scan_at, chase.last_node) == (
            "今天必须送到",
            local(2026, 11, 20, 18, 0),
            "杭州转运中心",
        )
        inside = session.scalars(select(Case).where(Case.direction == "inbound")).one()
        assert (inside.waybill.waybill_no, inside.caller_phone_tail, inside.opened_at) == (
            A,
            "4321",
            local(2026, 11, 22, 8),
        )
        assert [m.waybill_no for m in lookup(session, "4321").matches] == [B, A]


WAYBILL_HEADER = [
    "运单号",
    "快递公司",
    "寄件时间",
    "寄件人",
    "寄件人电话",
    "收件人",
    "收件人电话",
    "收件地址",
    "物品",
    "件数",
    "重量(kg)",
    "运费",
    "保价金额",
    "付款方式",
]


def test_the_sent_list_fills_waybills_and_a_masked_phone_never_overwrites_a_full_one(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    run(database, clerk, xlsx(tmp_path, [[A, "申通", "拒收", "2026-11-21 09:30", "13812345678"]]))
    rows = [
        [
            A,
            "申通",
            "2026-11-20 16:45",
            "张三",
            "13800138000",
            "李四",
            "138****5678",
            "文一路8号",
            "衣服",
            "1",
            "1.25",
            "¥12.50",
            "2000",
            "寄付",
        ],
        [
            "YT8962646785389",
            "圆通",
            "2026/11/20 17:00",
            "王五",
            "0571-88886666",
            "赵六",
            "17012345678转1234",
            "文二路9号",
            "书",
            "2件",
            "500g",
            "8元",
            "",
            "到付",
        ],
    ]
    path = files.carrier_csv(tmp_path / "底单.csv", WAYBILL_HEADER, rows, "utf-8-sig")
    result = run(database, clerk, path, "waybills")
    assert (result.created, result.updated, result.unchanged, result.rejected) == (1, 1, 0, [])
    with database.read() as session:
        ours = session.scalars(select(Waybill).where(Waybill.waybill_no == A)).one()
        assert (ours.recipient_phone, ours.recipient_phone_tail) == ("13812345678", "5678"), "the full number stays"
        assert (ours.sent_at, ours.sender_name, ours.sender_phone, ours.sender_phone_tail) == (
            local(2026, 11, 20, 16, 45),
            "张三",
            "13800138000",
            "8000",
        )
        assert (ours.recipient_name, ours.recipient_address, ours.item, ours.quantity) == (
            "李四",
            "文一路8号",
            "衣服",
            1,
        )
        assert (ours.weight_collected_kg, ours.freight, ours.insured_value, ours.cod) == (
            Decimal("1.250"),
            Decimal("12.50"),
            Decimal("2000.00"),
            False,
        )
        assert isinstance(ours.freight, Decimal) and isinstance(ours.weight_collected_kg, Decimal)
        new = session.scalars(select(Waybill).where(Waybill.waybill_no == "YT8962646785389")).one()
        assert (new.recipient_phone, new.recipient_phone_tail, new.recipient_phone_ext) == (
            "17012345678转1234",
            "5678",
            "1234",
        )
        assert (new.quantity, new.weight_collected_kg, new.freight, new.insured_value, new.cod) == (
            2,
            Decimal("0.500"),
            Decimal("8.00"),
            None,
            True,
        )
        assert session.get(Carrier, new.carrier_id).code == "YTO"  # type: ignore[union-attr]
        items = session.scalars(select(ImportItem).where(ImportItem.batch_id == result.batch_id)).all()
        assert sorted((i.case_id, i.outcome) for i in items) == [(None, "created"), (None, "updated")]
        version = ours.version

    # the carrier's later list corrects what differs, still without unmasking anything
    rows[0][3], rows[0][11] = "张三丰", "13.00"
    again = run(
        database, clerk, files.carrier_csv(tmp_path / "底单2.csv", WAYBILL_HEADER, rows, "utf-8-sig"), "waybills"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    with database.read() as session:
        ours = session.scalars(select(Waybill).where(Waybill.waybill_no == A)).one()
        assert (ours.sender_name, ours.freight, ours.recipient_phone, ours.version) == (
            "张三丰",
            Decimal("13.00"),
            "13812345678",
            version + 1,
        )


def test_courier_counts_by_day_and_an_unknown_courier_is_a_rejected_row(
    database: Database, clerk: Actor, tmp_path: Path
) -> None:
    with database.write() as session:
        session.add_all([Courier(name="王强", staff_no="K001"), Courier(name="李明", staff_no="K002")])
    header = ["日期", "快递员", "工号", "到件数", "派件数", "签收数", "问题件数"]
    rows: list[list[Any]] = [
        [date(2026, 11, 21), "王强", "K001", 120, 118, 115, 3],
        ["2026-11-21", "李明", None, 80, 80, 79, None],
        [date(2026, 11, 21), "赵六", None, 10, 10, 10, 0],
        [date(2026, 11, 22), "王强", "K001", 130, 125, 125, 5],
        ["2026-11-22", "李明", None, "九十", 90, 90, 0],
    ]
    result = run(database, clerk, files.carrier_xls(tmp_path / "派件统计.xls", header, rows), "deliveries")
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert [(r.row, r.column) for r in result.rejected] == [(5, "快递员"), (7, "到件数")]
    assert "赵六" in result.rejected[0].reason
    with database.read() as session:
        names = {c.id: c.name for c in session.scalars(select(Courier))}
        got = {
            (d.day, names[d.courier_id]): (d.arrived, d.delivered, d.signed, d.problem)
            for d in session.scalars(select(DeliveryCount))
        }
        assert got == {
            (date(2026, 11, 21), "王强"): (120, 118, 115, 3),
            (date(2026, 11, 21), "李明"): (80, 80, 79, 0),
            (date(2026, 11, 22), "王强"): (130, 125, 125, 5),
        }
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and (batch.kind, batch.created, batch.rejected) == ("deliveries", 3, 2)

    rows[3][4:6] = [128, 127]
    again = run(database, clerk, files.carrier_xls(tmp_path / "派件统计2.xls", header, rows), "deliveries")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    with database.read() as session:
        later = session.scalars(select(DeliveryCount).where(DeliveryCount.day == date(2026, 11, 22))).one()
        assert (later.arrived, later.delivered, later.signed, later.problem) == (130, 128, 127, 5)
        assert count(session, DeliveryCount) == 3
