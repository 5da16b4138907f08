"""Every workflow transition, allowed and refused, straight from the tables of DESIGN.md §6."""

from __future__ import annotations

import itertools

import pytest

from app.errors import TransitionError, ValidationError
from app.workflows import (
    CHASE_INBOUND,
    CHASE_OUTBOUND,
    CLAIM,
    COMPLAINT,
    INTERCEPT,
    STUCK,
    Workflow,
    case_workflow,
    open_statuses,
)

# The allowed moves written out by hand from the design, independently of how the tables are built.
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "stuck": {
        ("pending", "awaiting_reply"),
        ("pending", "redeliver"),
        ("pending", "to_return"),
        ("awaiting_reply", "replied"),
        ("replied", "redeliver"),
        ("replied", "to_return"),
        ("redeliver", "signed"),
        ("redeliver", "to_return"),
        ("to_return", "returning"),
        ("returning", "returned"),
    }
    | {
        (s, t)
        for s in ("pending", "awaiting_reply", "replied", "redeliver", "to_return", "returning")
        for t in ("pending", "forwarded", "intercepted", "to_claim", "closed")
        if s != t
    },
    "chase_outbound": {
        ("pending", "contacted_outlet"),
        ("contacted_outlet", "replied_customer"),
        ("replied_customer", "done"),
        ("pending", "done"),
        ("contacted_outlet", "done"),
    },
    "chase_inbound": {
        ("pending", "appointed"),
        ("pending", "signed"),
        ("appointed", "signed"),
        ("signed", "done"),
        ("pending", "done"),
        ("appointed", "done"),
    },
    "complaint": {
        ("new", "processing"),
        ("processing", "awaiting_visit"),
        ("processing", "resolved"),
        ("awaiting_visit", "resolved"),
    },
    "intercept": {
        ("accepted", "found"),
        ("found", "intercepted"),
        ("intercepted", "returned"),
        ("intercepted", "readdressed"),
        ("intercepted", "forwarded"),
        ("accepted", "failed"),
        ("found", "failed"),
        ("intercepted", "failed"),
    },
    "claim": {
        ("registered", "missing_docs"),
        ("registered", "submitted"),
        ("missing_docs", "registered"),
        ("missing_docs", "submitted"),
        ("submitted", "missing_docs"),
        ("submitted", "reviewed"),
        ("submitted", "rejected"),
        ("reviewed", "paid"),
        ("reviewed", "rejected"),
    },
}
WORKFLOWS = [STUCK, CHASE_OUTBOUND, CHASE_INBOUND, COMPLAINT, INTERCEPT, CLAIM]


def all_pairs():
    for wf in WORKFLOWS:
        codes = [s.code for s in wf.states]
        for a, b in itertools.product(codes, codes):
            yield pytest.param(wf, a, b, id=f"{wf.name}:{a}->{b}")


@pytest.mark.parametrize(("wf", "current", "target"), list(all_pairs()))
def test_every_transition(wf: Workflow, current: str, target: str) -> None:
    if (current, target) in EXPECTED[wf.name]:
        wf.check(current, target)
    else:
        with pytest.raises(TransitionError) as info:
            wf.check(current, target)
        assert wf.label(current) in info.value.message() and wf.label(target) in info.value.message()


def test_terminal_states_have_no_way_out() -> None:
    for wf in WORKFLOWS:
        for state in wf.states:
            if state.terminal:
                assert wf.allowed(state.code) == frozenset()


def test_labels_are_the_designs_chinese_words() -> None:
    assert [s.label for s in STUCK.states][:6] == [
        "待处理",
        "已留言待回复",
        "已回复",
        "待再派",
        "待退回",
        "退回中",
    ]
    assert [s.label for s in CHASE_OUTBOUND.states] == ["待跟进", "已联系对方网点", "已回复客户", "已完结"]
    assert [s.label for s in CHASE_INBOUND.states] == ["待联系快递员", "已预约", "已签收", "已完结"]
    assert [s.label for s in INTERCEPT.states][-1] == "拦截失败"
    assert [s.label for s in CLAIM.states] == ["登记", "材料待补", "已提交", "已审核", "已赔付", "驳回"]


def test_workflow_by_kind_and_unknowns_refused() -> None:
    assert case_workflow("chase", "inbound") is CHASE_INBOUND
    assert case_workflow("chase", "outbound") is CHASE_OUTBOUND
    assert case_workflow("stuck", "outbound") is STUCK
    with pytest.raises(ValidationError):
        case_workflow("parcel", "inbound")
    with pytest.raises(ValidationError):
        STUCK.check("pending", "teleported")
    assert set(open_statuses("chase")) == {
        "pending",
        "contacted_outlet",
        "replied_customer",
        "appointed",
        "signed",
    }
