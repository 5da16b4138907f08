"""Status workflows as explicit transition tables (DESIGN.md §6); refused transitions raise.

Status codes are stable English words used in the database, JSON and exports; labels are what clerks read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import TransitionError, ValidationError


@dataclass(frozen=True)
class State:
    code: str
    label: str  # Chinese
    label_en: str
    terminal: bool = False


@dataclass(frozen=True)
class Workflow:
    name: str
    states: tuple[State, ...]
    transitions: dict[str, frozenset[str]] = field(repr=False)

    @property
    def initial(self) -> str:
        return self.states[0].code

    def state(self, code: str) -> State:
        for state in self.states:
            if state.code == code:
                return state
        raise ValidationError("unknown_status", status=code)

    def label(self, code: str) -> str:
        return self.state(code).label

    def is_terminal(self, code: str) -> bool:
        return self.state(code).terminal

    @property
    def open_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.states if not s.terminal)

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def check(self, current: str, target: str) -> None:
        self.state(target)
        if target not in self.allowed(current):
            raise TransitionError("bad_transition", from_label=self.label(current), to_label=self.label(target))


def _workflow(name: str, states: list[State], edges: dict[str, list[str]], *, from_any_open: list[str]) -> Workflow:
    """Build a table; `from_any_open` targets are reachable from every open state (except themselves)."""
    table: dict[str, set[str]] = {s.code: set(edges.get(s.code, [])) for s in states}
    for state in states:
        if not state.terminal:
            table[state.code].update(t for t in from_any_open if t != state.code)
    return Workflow(name, tuple(states), {k: frozenset(v) for k, v in table.items()})


STUCK = _workflow(
    "stuck",
    [
        State("pending", "待处理", "Pending"),
        State("awaiting_reply", "已留言待回复", "Awaiting reply"),
        State("replied", "已回复", "Replied"),
        State("redeliver", "待再派", "To redeliver"),
        State("to_return", "待退回", "To return"),
        State("returning", "退回中", "Returning"),
        State("signed", "已签收", "Signed", terminal=True),
        State("returned", "已退回", "Returned", terminal=True),
        State("forwarded", "转寄", "Forwarded", terminal=True),
        State("intercepted", "已拦截", "Intercepted", terminal=True),
        State("to_claim", "转理赔", "Moved to claim", terminal=True),
        State("closed", "已关闭", "Closed", terminal=True),
    ],
    {
        "pending": ["awaiting_reply", "redeliver", "to_return"],
        "awaiting_reply": ["replied"],
        "replied": ["redeliver", "to_return"],
        "redeliver": ["signed", "to_return"],
        "to_return": ["returning"],
        "returning": ["returned"],
    },
    from_any_open=["pending", "forwarded", "intercepted", "to_claim", "closed"],
)

CHASE_OUTBOUND = _workflow(
    "chase_outbound",
    [
        State("pending", "待跟进", "To follow up"),
        State("contacted_outlet", "已联系对方网点", "Outlet contacted"),
        State("replied_customer", "已回复客户", "Customer answered"),
        State("done", "已完结", "Done", terminal=True),
    ],
    {"pending": ["contacted_outlet"], "contacted_outlet": ["replied_customer"], "replied_customer": ["done"]},
    from_any_open=["done"],
)

CHASE_INBOUND = _workflow(
    "chase_inbound",
    [
        State("pending", "待联系快递员", "Courier to contact"),
        State("appointed", "已预约", "Appointment made"),
        State("signed", "已签收", "Signed"),
        State("done", "已完结", "Done", terminal=True),
    ],
    {"pending": ["appointed", "signed"], "appointed": ["signed"], "signed": ["done"]},
    from_any_open=["done"],
)

COMPLAINT = _workflow(
    "complaint",
    [
        State("new", "新建", "New"),
        State("processing", "处理中", "In progress"),
        State("awaiting_visit", "待回访", "Return visit due"),
        State("resolved", "已办结", "Resolved", terminal=True),
    ],
    {"new": ["processing"], "processing": ["awaiting_visit", "resolved"], "awaiting_visit": ["resolved"]},
    from_any_open=[],
)

INTERCEPT = _workflow(
    "intercept",
    [
        State("accepted", "已受理", "Accepted"),
        State("found", "已找到", "Found"),
        State("intercepted", "已拦截", "Intercepted"),
        State("returned", "已退回", "Returned", terminal=True),
        State("readdressed", "已改址", "Re-addressed", terminal=True),
        State("forwarded", "已转寄", "Forwarded", terminal=True),
        State("failed", "拦截失败", "Failed", terminal=True),
    ],
    {
        "accepted": ["found"],
        "found": ["intercepted"],
        "intercepted": ["returned", "readdressed", "forwarded"],
    },
    from_any_open=["failed"],
)

CLAIM = _workflow(
    "claim",
    [
        State("registered", "登记", "Registered"),
        State("missing_docs", "材料待补", "Documents missing"),
        State("submitted", "已提交", "Submitted"),
        State("reviewed", "已审核", "Reviewed"),
        State("paid", "已赔付", "Paid", terminal=True),
        State("rejected", "驳回", "Rejected", terminal=True),
    ],
    {
        "registered": ["missing_docs", "submitted"],
        "missing_docs": ["registered", "submitted"],
        "submitted": ["missing_docs", "reviewed", "rejected"],
        "reviewed": ["paid", "rejected"],
    },
    from_any_open=[],
)

FINE = _workflow(
    "fine",
    [
        State("open", "待处理", "Open"),
        State("appealed", "申诉中", "Appealed"),
        State("accepted", "已认罚", "Accepted", terminal=True),
        State("cancelled", "已撤销", "Cancelled", terminal=True),
        State("reduced", "已减免", "Reduced", terminal=True),
    ],
    {
        "open": ["appealed", "accepted", "cancelled"],  # the carrier may withdraw a fine nobody appealed
        "appealed": ["accepted", "cancelled", "reduced"],  # appeal refused, upheld, or partly upheld
    },
    from_any_open=[],
)

CASE_KINDS = ("stuck", "chase", "complaint", "intercept")
DIRECTIONS = ("inbound", "outbound")
KIND_LABELS = {"stuck": "疑难件", "chase": "催单", "complaint": "投诉", "intercept": "拦截"}
DIRECTION_LABELS = {"inbound": "派送件", "outbound": "发出件"}


def case_workflow(kind: str, direction: str) -> Workflow:
    if kind == "stuck":
        return STUCK
    if kind == "chase":
        if direction not in DIRECTIONS:
            raise ValidationError("bad_direction", direction=direction)
        return CHASE_INBOUND if direction == "inbound" else CHASE_OUTBOUND
    if kind == "complaint":
        return COMPLAINT
    if kind == "intercept":
        return INTERCEPT
    raise ValidationError("bad_kind", kind=kind)


def open_statuses(kind: str, direction: str | None = None) -> tuple[str, ...]:
    """Every non-terminal status code of a kind (both directions for chases)."""
    if kind == "chase" and direction is None:
        return tuple(dict.fromkeys(CHASE_OUTBOUND.open_codes + CHASE_INBOUND.open_codes))
    return case_workflow(kind, direction or "inbound").open_codes
