"""Problem-parcel, chase, complaint and interception lists into cases, by DESIGN.md section 5.

Per waybill the newest case of the kind decides: none → a new case; an open one → updated with what the file
says that differs (a blank cell never erases), the changes written as one system follow-up; a closed one → left
closed, and only an event after it was closed opens a new case linked to it (`parent_case_id`). The event time
in the file is `opened_at`; the import time only when the file has none. The same file again changes nothing.

Names the catalogue does not know (a problem type, a courier, an outlet) are counted for the report and kept in
the case's description as "问题类型：…", so nothing the file said is lost.

Everything is Core: SELECTs per 500 waybills, multi-row INSERTs with RETURNING, executemany UPDATEs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app import deadlines, intercepts, settings
from app.actor import Actor
from app.complaints import PRIORITY_BY_SOURCE, category_of, source_code
from app.deadlines import complaint_clocks
from app.flags import NewComplaintFlag, flag_complaints
from app.imports.checking import Record
from app.imports.references import References, TypeRef
from app.imports.sql import chunks, insert_many, reserve_ids, update_many
from app.imports.values import PhoneValue
from app.progress import Ticker
from app.repeats import REPEAT_KINDS, Probe, find_repeats_many
from app.stuck import return_date
from app.stuck_messages import refresh_summaries, reply_hours
from app.workflows import case_workflow
from db.models import Case, ChaseDetail, ComplaintDetail, Followup, InterceptDetail, Message, StuckDetail

CASE_TARGETS = {
    "stuck": ("stuck", None),
    "chase-out": ("chase", "outbound"),
    "chase-in": ("chase", "inbound"),
    "complaint": ("complaint", None),
    "intercept": ("intercept", None),
}

_CASES = cast(Table, Case.__table__)
_STUCK = cast(Table, StuckDetail.__table__)
_CHASE = cast(Table, ChaseDetail.__table__)
_COMPLAINT = cast(Table, ComplaintDetail.__table__)
_INTERCEPT = cast(Table, InterceptDetail.__table__)
_MESSAGES = cast(Table, Message.__table__)
_FOLLOWUPS = cast(Table, Followup.__table__)

_CASE_FACTS = ("problem_type_id", "detail", "courier_id", "counterpart_outlet_id", "caller_name", "caller_phone")
_DETAIL_FACTS = {
    "stuck": ("in_carrier_system", "round_no", "shelf"),
    "chase": ("request", "last_scan_at", "last_node", "arrived", "appointment"),
    "complaint": ("source", "external_ticket_no", "category"),
    "intercept": ("request", "requested_by", "new_address", "new_waybill_no"),
}
_DETAIL_TABLES = {"stuck": _STUCK, "chase": _CHASE, "complaint": _COMPLAINT, "intercept": _INTERCEPT}
_LABELS = {
    "problem_type_id": "问题类型",
    "detail": "问题描述",
    "courier_id": "快递员",
    "counterpart_outlet_id": "对方网点",
    "caller_name": "催件人",
    "caller_phone": "来电号码",
    "in_carrier_system": "已登记系统",
    "round_no": "派件频次",
    "shelf": "货架",
    "request": "客户诉求",
    "last_scan_at": "最后扫描时间",
    "last_node": "最后扫描网点",
    "arrived": "已到件",
    "appointment": "预约",
    "source": "投诉渠道",
    "external_ticket_no": "工单号",
    "category": "投诉类型",
    "requested_by": "申请人",
    "new_address": "新地址",
    "new_waybill_no": "新单号",
    "status": "状态",
}
_KIND_LABELS = {"intercept": {"request": "拦截类型"}}  # where a kind names a shared column its own way
_SHOWN_AS = {  # what the follow-up shows for a changed id column: the file's own text
    "problem_type_id": "problem_type",
    "courier_id": "courier",
    "counterpart_outlet_id": "counterpart_outlet",
}


@dataclass(frozen=True)
class CaseOptions:
    target: str
    source: str  # the file name, for the follow-up text
    registering_column: bool = False  # the outlet column says who registered the problem (登记网点 / 上报网点)


@dataclass
class CaseOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    linked: int = 0  # new cases opened beside a closed one
    items: list[dict[str, Any]] = field(default_factory=list)  # waybill_id, case_id, outcome
    replied: list[int] = field(default_factory=list)  # cases where a reply to our message arrived
    unknown: dict[str, Counter[str]] = field(default_factory=dict)  # "problem_type" -> {text: rows}


@dataclass
class _Existing:
    row: dict[str, Any]  # cases columns plus the detail's
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.row["closed_at"] is None


@dataclass
class _Plan:
    """Rows to write, collected over the whole file, then written table by table."""

    new_cases: list[dict[str, Any]] = field(default_factory=list)
    new_details: list[dict[str, Any]] = field(default_factory=list)  # case_id filled after the INSERT
    new_messages: list[dict[str, Any]] = field(default_factory=list)  # "_waybill_id" until the case id is known
    case_updates: list[dict[str, Any]] = field(default_factory=list)
    detail_updates: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    touched_threads: set[int] = field(default_factory=set)
    item_of: dict[int, str] = field(default_factory=dict)  # waybill_id -> outcome
    case_of: dict[int, int] = field(default_factory=dict)  # waybill_id -> case id (existing cases)


def write_cases(
    session: Session,
    records: Sequence[Record],
    waybill_ids: dict[str, int],
    refs: References,
    options: CaseOptions,
    *,
    actor: Actor,
    now: datetime,
    batch_id: int,
    ticker: Ticker,
) -> CaseOutcome:
    kind, direction = CASE_TARGETS[options.target]
    writer = _Writer(session, refs, options, kind, direction, actor=actor, now=now, batch_id=batch_id)
    existing = writer.existing([waybill_ids[r.values["waybill_no"]] for r in records])
    for done, record in enumerate(records, 1):
        writer.plan(record, waybill_ids[record.values["waybill_no"]], existing)
        ticker.tick(done)
    return writer.write()


class _Writer:
    def __init__(
        self,
        session: Session,
        refs: References,
        options: CaseOptions,
        kind: str,
        direction: str | None,
        *,
        actor: Actor,
        now: datetime,
        batch_id: int,
    ) -> None:
        self.session, self.refs, self.options = session, refs, options
        self.kind, self.direction = kind, direction
        self.actor, self.now, self.batch_id = actor, now, batch_id
        self.detail_table = _DETAIL_TABLES[kind]
        self.plan_ = _Plan()
        self.tz = refs.rules.tz()
        self.return_dates: dict[tuple[date, TypeRef | None], date] = {}
        self.slas = settings.complaint_slas(session) if kind == "complaint" else {}
        self.outcome = CaseOutcome()

    # --- reading what is there --------------------------------------------------------------------------------

    def existing(self, waybill_ids: list[int]) -> dict[int, _Existing]:
        """The newest live case of the kind (and direction, for chases) per waybill, with its messages."""
        detail = self.detail_table
        columns = [*_CASES.c, *(c for c in detail.c if c.name != "case_id")]
        found: dict[int, _Existing] = {}
        for part in chunks(sorted(set(waybill_ids))):
            statement = (
                select(*columns)
                .select_from(_CASES.join(detail, detail.c.case_id == _CASES.c.id))
                .where(_CASES.c.kind == self.kind, _CASES.c.deleted_at.is_(None), _CASES.c.waybill_id.in_(part))
                .order_by(_CASES.c.opened_at, _CASES.c.id)
            )
            if self.direction is not None:
                statement = statement.where(_CASES.c.direction == self.direction)
            for row in self.session.execute(statement).mappings():
                found[row["waybill_id"]] = _Existing(dict(row))
        if self.kind == "stuck":
            by_case = {e.row["id"]: e for e in found.values()}
            for part in chunks(sorted(by_case)):
                rows = self.session.execute(
                    select(_MESSAGES).where(_MESSAGES.c.case_id.in_(part)).order_by(_MESSAGES.c.at, _MESSAGES.c.id)
                )
                for message in rows.mappings():
                    by_case[message["case_id"]].messages.append(dict(message))
        return found

    # --- deciding ---------------------------------------------------------------------------------------------

    def plan(self, record: Record, waybill_id: int, existing: dict[int, _Existing]) -> None:
        values = record.values
        facts, registered_by, type_ref = self._facts(values)
        event_at: datetime | None = values.get("event_at")
        current = existing.get(waybill_id)
        if current is not None and current.is_open:
            self._update(current, values, facts, type_ref, waybill_id)
        elif current is not None and (event_at is None or event_at <= current.row["closed_at"]):
            self._item(waybill_id, current.row["id"], "unchanged")
        else:
            parent = current.row["id"] if current is not None else None
            self._create(values, facts, registered_by, type_ref, waybill_id, event_at or self.now, parent)

    def _facts(self, values: dict[str, Any]) -> tuple[dict[str, Any], str, TypeRef | None]:
        """The case and detail columns the row gives (None: the file does not say)."""
        refs, notes = self.refs, []
        type_ref = None
        if self.kind == "stuck" and values.get("problem_type"):
            type_ref = refs.problem_type("stuck", values["problem_type"])
            if type_ref is None:
                notes.append(self._unknown("problem_type", "问题类型", values["problem_type"]))
        courier_id = refs.courier_id(values.get("courier"))
        if values.get("courier") and courier_id is None:
            notes.append(self._unknown("courier", "快递员", values["courier"]))
        outlet_name = values.get("counterpart_outlet")
        registered_by = "us"
        outlet_id = None
        if outlet_name and not (self.options.registering_column and refs.is_ours(outlet_name)):
            registered_by = "them" if self.options.registering_column else "us"
            outlet_id = refs.outlet_id(outlet_name)
            if outlet_id is None:
                notes.append(self._unknown("counterpart_outlet", "对方网点", outlet_name))
        phone: PhoneValue | None = values.get("caller_phone")
        detail = "；".join([*notes, values["detail"]] if values.get("detail") else notes) or None
        facts = {
            "problem_type_id": type_ref.id if type_ref else None,
            "detail": detail,
            "courier_id": courier_id,
            "counterpart_outlet_id": outlet_id,
            "caller_name": values.get("caller_name"),
            "caller_phone": phone.text if phone else None,
            "caller_phone_tail": phone.tail if phone else None,
        }
        if self.kind == "stuck":
            listed = values.get("in_carrier_system")
            facts |= {
                "in_carrier_system": True if listed is None else listed,
                "round_no": values.get("round_no"),
                "shelf": values.get("shelf"),
            }
        elif self.kind in ("complaint", "intercept"):
            more = self._complaint_facts if self.kind == "complaint" else self._intercept_facts
            facts |= more(values, notes)
            facts["detail"] = "；".join([*notes, values["detail"]] if values.get("detail") else notes) or None
        else:
            facts |= {name: values.get(name) for name in _DETAIL_FACTS["chase"]}
        return facts, registered_by, type_ref

    def _complaint_facts(self, values: dict[str, Any], notes: list[str]) -> dict[str, Any]:
        """Channel and category as codes; a name neither knows is noted and counted, and the complaint still
        gets a channel (a direct call: the shortest SLA) and a category (其他)."""
        source, category = source_code(values.get("source")), category_of(values.get("category"))
        if values.get("source") and source is None:
            notes.append(self._unknown("source", "投诉渠道", values["source"]))
        if values.get("category") and category is None:
            notes.append(self._unknown("category", "投诉类型", values["category"]))
        return {
            "source": source or ("call" if values.get("source") else None),
            "external_ticket_no": values.get("external_ticket_no"),
            "category": category or ("其他" if values.get("category") else None),
        }

    def _intercept_facts(self, values: dict[str, Any], notes: list[str]) -> dict[str, Any]:
        """The request as a code; one the words do not name is noted and counted, and a new interception then
        stops the parcel (the safe reading: nothing goes out before the clerk has looked)."""
        given = values.get("request")
        request = intercepts.request_code(given)
        if given and request is None:
            notes.append(self._unknown("request", "拦截类型", given))
        return {
            "request": request,
            "requested_by": values.get("requested_by"),
            "new_address": values.get("new_address"),
            "new_waybill_no": values.get("new_waybill_no"),
        }

    def _unknown(self, what: str, label: str, given: str) -> str:
        self.outcome.unknown.setdefault(what, Counter())[given] += 1
        return f"{label}：{given}"

    def _direction(self, registered_by: str) -> str:
        if self.direction is not None:
            return self.direction
        return "inbound" if registered_by == "us" else "outbound"

    def _item(self, waybill_id: int, case_id: int | None, outcome: str) -> None:
        self.plan_.item_of[waybill_id] = outcome
        if case_id is not None:
            self.plan_.case_of[waybill_id] = case_id
        setattr(self.outcome, outcome, getattr(self.outcome, outcome) + 1)

    def _create(
        self,
        values: dict[str, Any],
        facts: dict[str, Any],
        registered_by: str,
        type_ref: TypeRef | None,
        waybill_id: int,
        opened_at: datetime,
        parent: int | None,
    ) -> None:
        plan = self.plan_
        direction = self._direction(registered_by)
        status = case_workflow(self.kind, direction).initial
        detail_row = {name: facts[name] for name in _DETAIL_FACTS[self.kind]}
        if self.kind == "stuck":
            messages = self._new_messages(values, registered_by, type_ref, opened_at)
            status = _status_after(status, messages)
            first_sent = min((m["at"] for m in messages if m["direction"] == "sent"), default=opened_at)
            detail_row |= {
                "registered_by": registered_by,
                "earliest_return_on": self._return_date(first_sent, type_ref),
                "return_agreed": False,
                "awaiting_reply": False,
            }
            plan.new_messages.extend({**m, "_waybill_id": waybill_id} for m in messages)
        due_at, priority = None, 0
        if self.kind == "complaint":
            source = detail_row["source"] or "call"
            clocks = complaint_clocks(opened_at, self.slas[source], self.refs.rules)
            detail_row |= {
                "source": source,
                "category": detail_row["category"] or "其他",
                "first_response_due_at": clocks.first_response_due_at,
                "appeal_risk_at": clocks.appeal_risk_at,
                "escalation_level": 0,
            }
            due_at, priority = clocks.resolution_due_at, PRIORITY_BY_SOURCE.get(source, 0)
        elif self.kind == "intercept":  # due when the next delivery round leaves, as app.cases opens one
            detail_row["request"] = detail_row["request"] or "stop"
            due_at, priority = deadlines.next_round(opened_at, self.refs.rules), intercepts.PRIORITY
        plan.new_cases.append(
            {
                **{name: facts[name] for name in (*_CASE_FACTS, "caller_phone_tail")},
                "kind": self.kind,
                "direction": direction,
                "waybill_id": waybill_id,
                "status": status,
                "priority": priority,
                "due_at": due_at,
                "opened_at": opened_at,
                "handler_id": self.actor.id,
                "repeat_count": 0,
                "parent_case_id": parent,
                "version": 1,
                "created_at": self.now,
            }
        )
        plan.new_details.append({**detail_row, "_waybill_id": waybill_id})
        self._item(waybill_id, None, "created")
        if parent is not None:
            self.outcome.linked += 1

    def _new_messages(
        self, values: dict[str, Any], registered_by: str, type_ref: TypeRef | None, opened_at: datetime
    ) -> list[dict[str, Any]]:
        text = values.get("message_text")
        if not text:
            return []
        at = values.get("message_at") or opened_at
        direction = "sent" if registered_by == "us" else "received"
        reply_text = values.get("reply_text")
        reply_at = (values.get("reply_at") or self.now) if reply_text else None
        due = None
        if direction == "received":
            hours = reply_hours(type_ref.reply_hours if type_ref else None, self.refs.rules)
            due = deadlines.after_hours(at, hours)
        return [
            {
                "direction": direction,
                "text": text,
                "at": at,
                "reply_text": reply_text,
                "reply_at": reply_at,
                "reply_due_at": due,
                "operator_id": self.actor.id,
                "created_at": self.now,
            }
        ]

    def _return_date(self, start: datetime, type_ref: TypeRef | None) -> date:
        """Memoised by local day and type: a morning list has thousands of rows and a few dozen answers."""
        key = (start.astimezone(self.tz).date(), type_ref)
        found = self.return_dates.get(key)
        if found is None:
            code = type_ref.code if type_ref else None
            found = return_date(start, self.refs.rules, code, type_ref.hold_days if type_ref else None)
            self.return_dates[key] = found
        return found

    def _update(
        self,
        current: _Existing,
        values: dict[str, Any],
        facts: dict[str, Any],
        type_ref: TypeRef | None,
        waybill_id: int,
    ) -> None:
        row, plan = current.row, self.plan_
        case_id = row["id"]
        if facts["detail"] is not None and not values.get("detail"):
            facts = {**facts, "detail": _with_notes(row["detail"], facts["detail"])}
        changes = {
            name: (row[name], new)
            for name, new in facts.items()
            if new is not None and new != row[name] and name != "caller_phone_tail"
        }
        case_values = {k: new for k, (_, new) in changes.items() if k in _CASE_FACTS}
        if "caller_phone" in case_values:
            case_values["caller_phone_tail"] = facts["caller_phone_tail"]
        detail_values = {k: new for k, (_, new) in changes.items() if k in _DETAIL_FACTS[self.kind]}
        said: list[str] = []
        status = row["status"]
        if self.kind == "stuck":
            status, said = self._thread(current, values, type_ref or self.refs.types_by_id.get(row["problem_type_id"]))
            sent = [m["at"] for m in current.messages if m["direction"] == "sent"]
            sent += [m["at"] for m in plan.new_messages if m.get("case_id") == case_id and m["direction"] == "sent"]
            if "problem_type_id" in changes or said:
                ref = type_ref or self.refs.types_by_id.get(row["problem_type_id"])
                new_date = self._return_date(min(sent, default=row["opened_at"]), ref)
                if new_date != row["earliest_return_on"]:
                    detail_values["earliest_return_on"] = new_date
        if status != row["status"]:
            case_values["status"] = status
            changes["status"] = (row["status"], status)
        if not changes and not said:
            self._item(waybill_id, case_id, "unchanged")
            return
        case_values["last_followup_at"] = max(self.now, row["last_followup_at"] or self.now)
        plan.case_updates.append({"b_id": case_id, **case_values})
        if detail_values:
            plan.detail_updates.append({"b_case_id": case_id, **detail_values})
        plan.followups.append(self._followup(case_id, values, changes, said))
        self._item(waybill_id, case_id, "updated")

    def _thread(self, current: _Existing, values: dict[str, Any], type_ref: TypeRef | None) -> tuple[str, list[str]]:
        """New messages and replies the file shows on an open stuck case; the status they move it to."""
        plan, row = self.plan_, current.row
        text, reply_text = values.get("message_text"), values.get("reply_text")
        if not text:
            return row["status"], []
        said: list[str] = []
        same = next((m for m in current.messages if m["text"] == text), None)
        if same is None:
            messages = self._new_messages(values, row["registered_by"], type_ref, row["opened_at"])
            plan.new_messages.extend({**m, "case_id": row["id"]} for m in messages)
            said.append(("我方留言：" if row["registered_by"] == "us" else "对方留言：") + text)
            if reply_text:
                said.append("回复：" + reply_text)
                if messages[0]["direction"] == "sent":
                    self.outcome.replied.append(row["id"])
            plan.touched_threads.add(row["id"])
            return _status_after(row["status"], messages), said
        if reply_text and same["reply_at"] is None:
            reply_at = values.get("reply_at") or self.now
            plan.replies.append({"b_id": same["id"], "reply_text": reply_text, "reply_at": max(reply_at, same["at"])})
            plan.touched_threads.add(row["id"])
            said.append(("对方回复：" if same["direction"] == "sent" else "我方回复：") + reply_text)
            if same["direction"] == "sent":
                self.outcome.replied.append(row["id"])
                if row["status"] == "awaiting_reply":
                    return "replied", said
        return row["status"], said

    def _followup(
        self, case_id: int, values: dict[str, Any], changes: dict[str, tuple[Any, Any]], said: list[str]
    ) -> dict[str, Any]:
        """One system entry on the timeline: what changed (old → new; ids shown by the file's own text)."""
        workflow = case_workflow(self.kind, self.direction or "inbound")
        parts = []
        labels = _LABELS | _KIND_LABELS.get(self.kind, {})
        for name, (old, new) in changes.items():
            if name == "status":
                parts.append(f"状态：{workflow.label(old)} → {workflow.label(new)}")
            elif name in _SHOWN_AS:
                parts.append(f"{labels[name]}：{self._shown(values.get(_SHOWN_AS[name]))}")
            elif old is None:
                parts.append(f"{labels[name]}：{self._shown(new)}")
            else:
                parts.append(f"{labels[name]}：{self._shown(old)} → {self._shown(new)}")
        return {
            "case_id": case_id,
            "at": self.now,
            "operator_id": self.actor.id,
            "channel": "system",
            "text": f"导入更新（{self.options.source}）：" + "；".join(parts + said),
            "data": {
                "import_batch": self.batch_id,
                "changes": {k: [_plain(old), _plain(new)] for k, (old, new) in changes.items()},
            },
            "created_at": self.now,
        }

    def _shown(self, value: Any) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime):
            return value.astimezone(self.refs.rules.tz()).strftime("%Y-%m-%d %H:%M")
        return "" if value is None else str(value)

    # --- writing ----------------------------------------------------------------------------------------------

    def write(self) -> CaseOutcome:
        plan, session = self.plan_, self.session
        made: dict[int, int] = {}
        for row, new_id in zip(plan.new_cases, reserve_ids(session, _CASES, len(plan.new_cases)), strict=True):
            row["id"] = made[row["waybill_id"]] = new_id
        insert_many(session, _CASES, plan.new_cases)
        plan.case_of.update(made)
        if self.kind in REPEAT_KINDS:  # counted as a case logged by hand is, the file's earlier rows included
            self._count_repeats(plan.new_cases)
        details = [{**_without(d, "_waybill_id"), "case_id": made[d["_waybill_id"]]} for d in plan.new_details]
        insert_many(session, self.detail_table, details)
        if self.kind == "complaint":  # every new complaint flags who complained
            flag_complaints(
                session, [_complained(c, d) for c, d in zip(plan.new_cases, details, strict=True)], now=self.now
            )
        for m in plan.new_messages:
            if "_waybill_id" in m:
                m["case_id"] = made[m.pop("_waybill_id")]
                plan.touched_threads.add(m["case_id"])
        insert_many(session, _MESSAGES, plan.new_messages)
        update_many(session, _CASES, "id", plan.case_updates, versioned_at=self.now)
        update_many(session, self.detail_table, "case_id", plan.detail_updates)
        update_many(session, _MESSAGES, "id", plan.replies)
        insert_many(session, _FOLLOWUPS, plan.followups)
        for part in chunks(sorted(plan.touched_threads)):
            refresh_summaries(session, list(part))
        self.outcome.items = [
            {"waybill_id": w, "case_id": plan.case_of.get(w), "outcome": outcome} for w, outcome in plan.item_of.items()
        ]
        return self.outcome

    def _count_repeats(self, cases: list[dict[str, Any]]) -> None:
        probes = [Probe(c["waybill_id"], c["caller_phone"], c["opened_at"], c["id"]) for c in cases]
        found = find_repeats_many(self.session, probes, self.refs.rules)
        update_many(
            self.session,
            _CASES,
            "id",
            [{"b_id": c["id"], "repeat_count": r.count} for c, r in zip(cases, found, strict=True) if r.count],
        )


def _status_after(status: str, messages: list[dict[str, Any]]) -> str:
    """Our message moves a pending case to awaiting a reply, or to replied when the answer is already there."""
    sent = [m for m in messages if m["direction"] == "sent"]
    if not sent:
        return status
    if status == "pending":
        return "replied" if sent[-1]["reply_text"] else "awaiting_reply"
    if status == "awaiting_reply" and sent[-1]["reply_text"]:
        return "replied"
    return status


def _complained(case: dict[str, Any], detail: dict[str, Any]) -> NewComplaintFlag:
    return NewComplaintFlag(
        case["id"], case["waybill_id"], case["caller_phone"], case["caller_phone_tail"], detail["source"]
    )


def _with_notes(stored: str | None, notes: str) -> str:
    """A row with a blank description only adds its notes (the names the catalogue does not know) to the stored
    description: a blank cell never erases."""
    if not stored:
        return notes
    added = [note for note in notes.split("；") if note not in stored]
    return "；".join([*added, stored])


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != key}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
