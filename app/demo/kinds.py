"""Each kind of case (stuck, chase, complaint, intercept) with its details, 留言, signing, returns and flags."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.deadlines import ChannelSla, DeadlineRules, complaint_clocks
from app.demo import data as D
from app.demo import territory as T
from app.demo.dice import Row, _local_at, _local_date, _Weighted
from app.demo.directory import _Ref
from app.demo.money import _Money
from app.demo.people import DROP_POINTS
from app.demo.plan import _Plan
from db.models import ChaseDetail, ComplaintDetail, InterceptDetail, Message, RecipientFlag, ReturnShipment, StuckDetail

SATISFACTION = _Weighted(((5, 50), (4, 30), (3, 12), (2, 5), (1, 3)))


DEMO_RULES = DeadlineRules()  # the demo's outlet keeps the default rules and SLAs


class _Kinds(_Money):
    """The kind details of one case and what they leave behind; a part of `_CaseBuilder`, which sets these."""

    ref: _Ref
    plan: _Plan
    terminal: bool
    closed: datetime | None
    end: datetime

    def _signed(self, at: datetime) -> None:
        row, g = self.parcel.row, self.g
        how = g.signed_how.pick(g.rng)
        row["signed_how"] = how
        row["signed_by"] = {"self": self.parcel.recipient.name, "proxy": "家人代收", "guard": "门卫"}.get(how, "")
        if how in ("station", "locker"):
            points = DROP_POINTS[self.parcel.area][how]
            row["signed_by"] = g.pick(points) if points else "驿站"
        row["signed_at"] = max(at, row["created_at"])

    def _caller(self) -> None:
        person = self.parcel.recipient if self.plan.direction == "inbound" else self.parcel.sender
        self.case["caller_name"] = person.name
        self.case["caller_phone"] = person.true_mobile
        self.case["caller_phone_tail"] = person.true_mobile[-4:]

    # --- kinds -----------------------------------------------------------------------------------------------

    def _stuck(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        codes = self.ref.stuck_codes
        if status == "to_claim":
            codes = [c for c in ("damaged", "short", "suspected_lost") if c in codes] or codes
        code = g.pick(codes) if codes else None
        reason = "无法派送"
        if code is not None:
            case["problem_type_id"], reason = self.ref.problem_types[code]
            case["detail"] = g.pick(D.PROBLEM_DETAILS[code])
        shelf = f"{g.pick('ABCDEF')}-{g.between(1, 20):02d}" if inbound else None
        self.context["shelf"] = shelf or "A-01"
        wants_return = status in ("to_return", "returning", "returned")
        messages = self._messages(reason, wants_return)
        earliest = None
        if messages:
            case["due_at"] = messages[-1]["reply_due_at"]
            days = 6 if code in D.UNREACHABLE_TYPES else 5  # day 7 / day 6 counting the 留言 day
            earliest = _local_date(messages[0]["at"]) + timedelta(days=days)
        checked = None
        if inbound and not self.terminal:
            evening = _local_at(g.today, 20)
            evening = evening if evening <= g.now else evening - timedelta(days=1)
            checked = evening if evening > self.opened else None
        self.out[StuckDetail].append(
            {
                "case_id": case["id"],
                "registered_by": "us" if inbound else "them",
                "in_carrier_system": True if not inbound else g.chance(0.85),
                "round_no": g.between(1, 3) if inbound else None,
                "shelf": shelf,
                "earliest_return_on": earliest,
                "return_agreed": wants_return and bool(messages) and g.chance(0.7),
                "on_shelf_checked_at": checked,
            }
        )
        if status == "signed":
            self._signed(self.end)
        if status in ("returning", "returned"):
            start = self.opened if earliest is None else max(self.opened, _local_at(earliest, 9))
            sent = min(start + timedelta(hours=g.between(0, 30)), self.end)
            back = g.hours_after(sent, 48, 120) if status == "returned" else None
            self._return(sent, earliest, back, early_by_other=not inbound and g.chance(0.1))
        if status == "to_claim":
            loss = {"damaged": "damaged", "short": "short"}.get(code or "", "lost")
            self.g_claim(loss)
        if self.out[StuckDetail][-1]["in_carrier_system"] is False and g.chance(0.2):
            self.g_fine("问题件未上报")
        if g.chance(0.6) and any(
            m["direction"] == "received" and (m["reply_at"] or g.now) > m["reply_due_at"] for m in messages
        ):
            self.g_fine("超时未回复留言")

    def _messages(self, reason: str, wants_return: bool) -> list[Row]:
        """留言 with the other outlet: we post about parcels we deliver, they post about ours; 24 h to reply."""
        g, status, inbound = self.g, self.plan.status, self.plan.direction == "inbound"
        if inbound and status == "pending":
            return []
        unanswered = status == "awaiting_reply" or (not inbound and status == "pending")
        posts = D.MESSAGES_SENT if inbound else D.MESSAGES_RECEIVED
        replies = D.REPLIES_THEM if inbound else D.REPLIES_US
        at = g.hours_after(self.opened, 0.1, 3, cap=self.end)
        count = 2 if g.chance(0.3) else 1  # a second 留言 a day later (or just now, when the case is younger)
        rows = []
        for n in range(count):
            last = n == count - 1
            reply_at = reply = None
            if not (last and unanswered):
                reply_at = g.hours_after(at, 0.5, 30, cap=self.end)
                index = D.REPLY_RETURN if wants_return and last else int(g.rng.random() * len(replies))
                reply = replies[index].format(phone=g.mobile())
            rows.append(
                {
                    "id": self.ids.take(Message),
                    "case_id": self.case["id"],
                    "direction": "sent" if inbound else "received",
                    "text": g.pick(posts).format(reason=reason),
                    "at": at,
                    "reply_text": reply,
                    "reply_at": reply_at,
                    "reply_due_at": at + timedelta(hours=24),
                    "operator_id": self.case["handler_id"] if inbound else None,
                    "created_at": at,
                }
            )
            at = g.hours_after(at, 24, 30, cap=self.end)
        self.out[Message].extend(rows)
        return rows

    def _chase(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        self._caller()
        case["detail"] = g.pick(D.CHASE_REQUESTS[self.plan.direction])
        _, city, _ = g.pick(T.REGIONS)
        node = g.pick(D.LAST_NODES).format(region=city[:-1])
        self.context["node"] = node
        reached = status in ("appointed", "signed", "done")
        appointment = None
        if inbound and reached and (status == "appointed" or g.chance(0.6)):
            stations = DROP_POINTS[self.parcel.area]["station"] or ["驿站"]
            appointment = g.pick(D.APPOINTMENTS).format(station=g.pick(stations))
        if g.chance(0.5):
            if not self.terminal and g.chance(0.5):
                case["callback_at"] = g.now + timedelta(minutes=g.between(30, 1800))
            else:
                case["callback_at"] = g.hours_after(self.opened, 1, 24, cap=self.end)
        self.out[ChaseDetail].append(
            {
                "case_id": case["id"],
                "request": case["detail"],
                "last_scan_at": self.opened - timedelta(hours=2 + 94 * g.rng.random()),
                "last_node": node,
                "arrived": (reached or g.chance(0.6)) if inbound else None,
                "appointment": appointment,
            }
        )
        if (inbound and status in ("signed", "done")) or (not inbound and status == "done" and g.chance(0.6)):
            self._signed(g.hours_after(self.opened, 1, 24, cap=self.end))

    def _complaint(self) -> None:
        g, case, status = self.g, self.case, self.plan.status
        self._caller()
        source = g.source.pick(g.rng)
        category = g.pick(tuple(D.COMPLAINT_CATEGORIES))
        case["detail"] = g.pick(D.COMPLAINT_CATEGORIES[category])
        clocks = complaint_clocks(self.opened, ChannelSla(), DEMO_RULES)
        case["due_at"] = clocks.resolution_due_at
        escalation = (1 + int(g.chance(0.3))) if source == "12305" else 2 if g.chance(0.03) else int(g.chance(0.12))
        case["priority"] = (
            2 if source == "12305" else max(case["priority"], 1 if escalation or source == "12345" else 0)
        )
        ticket = None
        if source in D.SOURCE_TICKET_PREFIX:
            ticket = f"{D.SOURCE_TICKET_PREFIX[source]}{_local_date(self.opened):%Y%m%d}{g.digits(6)}"
        responded = None
        if status != "new" or g.chance(0.4):
            seconds = g.between(20, 180) if g.chance(0.8) else g.between(180, 900)
            responded = min(self.opened + timedelta(seconds=seconds), self.end)
        visit = self.closed if status == "resolved" and g.chance(0.85) else None
        satisfaction = None
        if visit is not None:
            satisfaction = SATISFACTION.pick(g.rng)
        self.out[ComplaintDetail].append(
            {
                "case_id": case["id"],
                "source": source,
                "external_ticket_no": ticket,
                "category": category,
                "first_response_due_at": clocks.first_response_due_at,
                "first_response_at": responded,
                "appeal_risk_at": clocks.appeal_risk_at,
                "escalation_level": escalation,
                "return_visit_at": visit,
                "satisfaction": satisfaction,
            }
        )
        if category not in ("延误", "丢失", "服务态度"):
            self._signed(self.opened - timedelta(hours=2 + 70 * g.rng.random()))
        if category in ("破损", "丢失") and g.chance(0.5):
            self.g_claim("damaged" if category == "破损" else "lost")
        elif category == "延误" and g.chance(0.1):
            self.g_claim("late")
        if self.terminal and g.chance(0.25):
            self.g_fine("12305申诉" if source == "12305" else "虚假签收" if category == "虚假签收" else "有责投诉")
        self._flag("complained")
        if source == "12305":
            self._flag("went_12305")

    def _intercept(self) -> None:
        g, case, status, inbound = self.g, self.case, self.plan.status, self.plan.direction == "inbound"
        request = {"readdressed": "readdress", "forwarded": "forward"}.get(status)
        if status == "returned":
            request = g.pick(("stop", "return"))
        request = request or g.pick(tuple(D.INTERCEPT_REQUESTS))
        case["detail"] = g.pick(D.INTERCEPT_REQUESTS[request])
        new_address = None
        if request == "readdress":
            new_address = g.local_address()[0] if inbound else g.remote_address()
        elif request == "forward":
            new_address = g.remote_address()
        new_number = g.waybill_no(self.parcel.carrier) if status in ("forwarded", "returned") else None
        pulled = None
        if status in ("found", "intercepted", "returned", "readdressed", "forwarded"):
            pulled = g.hours_after(self.opened, 1, 20, cap=self.end)
        outcome = None
        if status in ("returned", "readdressed", "forwarded"):
            outcome = "done"
        elif status == "failed":
            outcome = "already_signed" if g.chance(0.6) else "not_found"
            case["resolution"] = D.INTERCEPT_FAILED[outcome]
            if outcome == "already_signed":
                self._signed(self.opened + timedelta(minutes=g.between(5, 300)))
        self.out[InterceptDetail].append(
            {
                "case_id": case["id"],
                "request": request,
                "requested_by": self.parcel.sender.name if g.chance(0.7) else "平台客服",
                "new_address": new_address,
                "new_waybill_no": new_number,
                "pulled_at": pulled,
                "outcome": outcome,
            }
        )
        if status == "returned" and pulled is not None:
            sent = g.hours_after(pulled, 1, 24, cap=self.end)
            self._return(sent, None, self.closed if not inbound else None, number=new_number)

    # --- what hangs off a case -------------------------------------------------------------------------------

    def _return(
        self,
        sent: datetime,
        earliest: date | None,
        back: datetime | None,
        *,
        early_by_other: bool = False,
        number: str | None = None,
    ) -> None:
        self.out[ReturnShipment].append(
            {
                "id": self.ids.take(ReturnShipment),
                "waybill_id": self.parcel.row["id"],
                "case_id": self.case["id"],
                "return_waybill_no": number or self.g.waybill_no(self.parcel.carrier),
                "sent_at": sent,
                "earliest_allowed_on": earliest,
                "back_at": back,
                "early_by_other": early_by_other,
                "notes": "对方网点提前退回，已申诉" if early_by_other else None,
                "created_at": sent,
            }
        )

    def _flag(self, flag: str) -> None:
        phone = self.case["caller_phone"]
        self.out[RecipientFlag].append(
            {
                "id": self.ids.take(RecipientFlag),
                "phone": phone,
                "phone_tail": phone[-4:] if phone else None,
                "address": self.parcel.recipient.address if self.plan.direction == "inbound" else None,
                "flag": flag,
                "note": None,
                "source_case_id": self.case["id"],
                "auto": True,
                "created_at": self.case["created_at"],
            }
        )
