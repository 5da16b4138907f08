"""Arbitration (仲裁) with a fixed clock on SQLite and PostgreSQL: the reply deadline in local days, links to the
claim and the fine of the same parcel, our reply clearing what is owed, the decision with our share and amount
(never touching the fine, only shown with it), stale forms and bad shares refused with nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app import settings
from app.actor import Actor
from app.arbitration import (
    NewArbitration,
    decide_arbitration,
    delete_arbitration,
    file_arbitration,
    get_arbitration,
    list_arbitrations,
    record_reply,
    update_arbitration,
)
from app.claims.records import NewClaim, create_claim
from app.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from app.fine_views import get_fine
from app.fines import NewFine, delete_fine, record_fine
from db.engine import Database
from db.models import Arbitration, AuditEntry
from tests.conftest import MANAGER_PIN

YTO = "YT7730123456789"
ZTO = "73610555582883"
FILED = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
DUE = datetime(2026, 10, 23, 15, 59, 59, tzinfo=UTC)  # the end of the 3rd local day after filing


def _write(database: Database, fn, *args: Any, **kw: Any):
    with database.write() as session:
        return fn(session, *args, **kw)


def _file(database: Database, actor: Actor, **kw: Any):
    values: dict[str, Any] = {"waybill_no": YTO, "other_party": "城西网点", "filed_at": FILED, **kw}
    return _write(database, file_arbitration, NewArbitration(**values), actor=actor)


def _fine(database: Database, actor: Actor, waybill_no: str = YTO) -> int:
    new = NewFine(waybill_no=waybill_no, reason="lost", amount=Decimal("300.00"), issued_at=FILED)
    return _write(database, record_fine, new, actor=actor).id


def _state(database: Database) -> list[tuple[Any, ...]]:
    """Every arbitration's stored facts and the audit lines about them: what a refused call must leave."""
    with database.read() as session:
        rows = session.execute(
            select(
                Arbitration.id,
                Arbitration.version,
                Arbitration.reply_due_at,
                Arbitration.decision,
                Arbitration.our_share_pct,
                Arbitration.amount,
            ).order_by(Arbitration.id)
        ).all()
        audits = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "arbitration"))
        return [tuple(r) for r in rows] + [("audit", audits)]


def test_filing_sets_the_reply_deadline_and_links_claim_and_fine(database: Database, clerk: Actor) -> None:
    fine_id = _fine(database, clerk)
    claim = _write(database, create_claim, NewClaim(waybill_no=YTO), actor=clerk)
    filed = _file(database, clerk, claim_id=claim.id, fine_id=fine_id)
    assert (filed.waybill_no, filed.carrier, filed.other_party, filed.filed_at) == (YTO, "YTO", "城西网点", FILED)
    assert (filed.reply_due_at, filed.replies, filed.replied_at, filed.is_open) == (DUE, (), None, True)
    assert (filed.claim_id, filed.claim_no, filed.fine_id) == (claim.id, claim.claim_no, fine_id)
    assert (filed.fine_reason_label, filed.fine_amount, filed.fine_result) == ("遗失", Decimal("300.00"), "open")
    assert (filed.decision, filed.our_share_pct, filed.amount, filed.our_amount, filed.version) == (
        None,
        None,
        None,
        None,
        1,
    )
    theirs = datetime(2026, 10, 21, 9, 0, tzinfo=UTC)
    assert _file(database, clerk, reply_due_at=theirs).reply_due_at == theirs


def test_the_reply_days_are_a_setting(database: Database, clerk: Actor, manager: Actor) -> None:
    with database.write() as session:
        rules = settings.get(session, "deadlines") | {"arbitration_reply_days": 1}
        settings.put(session, "deadlines", rules, actor=manager)
    assert _file(database, clerk).reply_due_at == datetime(2026, 10, 21, 15, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"other_party": "  "}, "other_party", "required"),
        ({"other_party": "网" * 81}, "other_party", "text_too_long"),
        ({"filed_at": datetime(2026, 10, 20, 10, 0)}, "filed_at", "invalid_input"),
        ({"reply_due_at": FILED - timedelta(minutes=1)}, "reply_due_at", "arbitration_due_before_filing"),
        ({"claim_id": 9999}, "claim_id", "not_found"),
        ({"fine_id": 9999}, "fine_id", "not_found"),
        ({"waybill_no": "1"}, "waybill_no", "bad_waybill"),
    ],
)
def test_bad_filings_are_refused_with_the_field_named(
    database: Database, clerk: Actor, changes: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as info:
        _file(database, clerk, **changes)
    assert info.value.fields == {field: code}
    assert _state(database) == [("audit", 0)]


def test_links_to_another_parcel_are_refused(database: Database, clerk: Actor) -> None:
    other_fine = _fine(database, clerk, waybill_no=ZTO)
    other_claim = _write(database, create_claim, NewClaim(waybill_no=ZTO), actor=clerk).id
    for link, field in ((("fine_id", other_fine)), "fine_id"), ((("claim_id", other_claim)), "claim_id"):
        with pytest.raises(ValidationError) as info:
            _file(database, clerk, **dict([link]))
        assert info.value.fields == {field: "link_other_waybill"}
    assert _state(database) == [("audit", 0)]


def test_our_reply_clears_what_is_owed_and_is_kept(database: Database, clerk: Actor) -> None:
    filed = _file(database, clerk)
    with pytest.raises(ValidationError) as info:
        _write(database, record_reply, filed.id, "材料", expected_version=1, actor=clerk, at=FILED - timedelta(1))
    assert info.value.fields == {"at": "arbitration_before_filing"}
    with pytest.raises(ValidationError) as info:
        _write(database, record_reply, filed.id, "  ", expected_version=1, actor=clerk)
    assert info.value.fields == {"text": "required"}
    at = FILED + timedelta(days=1)
    replied = _write(
        database, record_reply, filed.id, " 已上传签收底单和通话录音 ", expected_version=1, actor=clerk, at=at
    )
    assert (replied.reply_due_at, replied.replied_at, replied.version, replied.is_open) == (None, at, 2, True)
    assert [(r.at, r.operator, r.text, r.due_at) for r in replied.replies] == [
        (at, "王芳", "已上传签收底单和通话录音", DUE)
    ]
    again = _write(
        database,
        update_arbitration,
        filed.id,
        {"reply_due_at": DUE + timedelta(days=2)},
        expected_version=2,
        actor=clerk,
    )
    assert again.reply_due_at == DUE + timedelta(days=2)  # the other side answered: a new statement is owed
    with database.read() as session:
        assert [a.id for a in list_arbitrations(session, open_only=True)] == [filed.id]
        assert [a.id for a in list_arbitrations(session, reply_due_before=DUE + timedelta(days=3))] == [filed.id]
        assert list_arbitrations(session, reply_due_before=DUE) == []


def test_the_decision_with_our_share_leaves_the_fine_alone_but_shows_with_it(database: Database, clerk: Actor) -> None:
    fine_id = _fine(database, clerk)
    filed = _file(database, clerk, fine_id=fine_id)
    decided_at = FILED + timedelta(days=4)
    decided = _write(
        database,
        decide_arbitration,
        filed.id,
        "  判定我方承担40%  ",
        our_share_pct=Decimal("40"),
        amount=Decimal("300.00"),
        decided_at=decided_at,
        expected_version=1,
        actor=clerk,
    )
    assert (decided.decision, decided.decided_at, decided.our_share_pct) == ("判定我方承担40%", decided_at, Decimal(40))
    assert (decided.amount, decided.our_amount, decided.reply_due_at, decided.is_open) == (
        Decimal("300.00"),
        Decimal("120.00"),
        None,
        False,
    )
    with database.read() as session:
        fine = get_fine(session, fine_id)
        assert (fine.result, fine.amount, fine.version) == ("open", Decimal("300.00"), 1)
        [note] = fine.arbitrations
        assert (note.id, note.decision, note.our_share_pct, note.amount) == (
            filed.id,
            "判定我方承担40%",
            Decimal("40.00"),
            Decimal("300.00"),
        )
        assert list_arbitrations(session, open_only=True) == []
        assert [a.id for a in list_arbitrations(session, fine_id=fine_id)] == [filed.id]
    for call in (
        lambda s: decide_arbitration(s, filed.id, "再判", our_share_pct=Decimal(0), expected_version=2, actor=clerk),
        lambda s: record_reply(s, filed.id, "补充", expected_version=2, actor=clerk),
        lambda s: update_arbitration(s, filed.id, {"other_party": "总部"}, expected_version=2, actor=clerk),
    ):
        with pytest.raises(ValidationError) as info, database.write() as session:
            call(session)
        assert info.value.code == "arbitration_decided"


@pytest.mark.parametrize(
    ("share", "amount", "our"),
    [
        (Decimal("33.33"), Decimal("100.00"), Decimal("33.33")),
        (Decimal("0"), Decimal("80.00"), Decimal("0.00")),
        (Decimal("100"), Decimal("80.00"), Decimal("80.00")),
        (Decimal("50"), Decimal("0.05"), Decimal("0.03")),  # half a fen rounds up
        (Decimal("60"), None, None),
    ],
)
def test_our_amount_is_the_amount_times_our_share(
    database: Database, clerk: Actor, share: Decimal, amount: Decimal | None, our: Decimal | None
) -> None:
    filed = _file(database, clerk)
    decided = _write(
        database,
        decide_arbitration,
        filed.id,
        "判责",
        our_share_pct=share,
        amount=amount,
        decided_at=FILED,
        expected_version=1,
        actor=clerk,
    )
    assert (decided.our_share_pct, decided.amount, decided.our_amount) == (share, amount, our)


@pytest.mark.parametrize(
    ("kw", "field", "code"),
    [
        ({"our_share_pct": Decimal("-1")}, "our_share_pct", "arbitration_share_bad"),
        ({"our_share_pct": Decimal("100.01")}, "our_share_pct", "arbitration_share_bad"),
        ({"our_share_pct": Decimal("33.333")}, "our_share_pct", "arbitration_share_bad"),
        ({"our_share_pct": Decimal("NaN")}, "our_share_pct", "arbitration_share_bad"),
        ({"our_share_pct": 40.0}, "our_share_pct", "arbitration_share_bad"),
        ({"amount": Decimal("-0.01")}, "amount", "money_negative"),
        ({"amount": Decimal("1.005")}, "amount", "money_cents"),
        ({"amount": Decimal("5000000")}, "amount", "money_too_big"),
        ({"decision": ""}, "decision", "required"),
        ({"decided_at": FILED - timedelta(days=1)}, "decided_at", "arbitration_before_filing"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    database: Database, clerk: Actor, kw: dict[str, Any], field: str, code: str
) -> None:
    filed = _file(database, clerk)
    before = _state(database)
    values: dict[str, Any] = {"decision": "判责", "our_share_pct": Decimal(50), "amount": Decimal(10), **kw}
    decision = values.pop("decision")
    with pytest.raises(ValidationError) as info:
        _write(database, decide_arbitration, filed.id, decision, expected_version=1, actor=clerk, **values)
    assert info.value.fields == {field: code}
    assert _state(database) == before


def test_stale_forms_are_refused(database: Database, clerk: Actor, manager: Actor) -> None:
    filed = _file(database, clerk)
    _write(database, update_arbitration, filed.id, {"other_party": "城南网点"}, expected_version=1, actor=clerk)
    before = _state(database)
    for call in (
        lambda s: record_reply(s, filed.id, "材料", expected_version=1, actor=clerk),
        lambda s: decide_arbitration(s, filed.id, "判", our_share_pct=Decimal(1), expected_version=1, actor=clerk),
        lambda s: update_arbitration(s, filed.id, {"other_party": "总部"}, expected_version=1, actor=clerk),
        lambda s: delete_arbitration(s, filed.id, expected_version=1, actor=clerk, manager_pin=MANAGER_PIN),
    ):
        with pytest.raises(ConflictError), database.write() as session:
            call(session)
    assert _state(database) == before


def test_edits_are_checked(database: Database, clerk: Actor) -> None:
    filed = _file(database, clerk)
    for changes, field in [
        ({"decision": "x"}, "decision"),
        ({"other_party": ""}, "other_party"),
        ({"reply_due_at": FILED - timedelta(days=1)}, "reply_due_at"),
        ({"fine_id": _fine(database, clerk, waybill_no=ZTO)}, "fine_id"),
    ]:
        with pytest.raises(ValidationError) as info:
            _write(database, update_arbitration, filed.id, changes, expected_version=1, actor=clerk)
        assert set(info.value.fields) == {field}
    linked = _write(
        database, update_arbitration, filed.id, {"fine_id": _fine(database, clerk)}, expected_version=1, actor=clerk
    )
    assert (linked.fine_reason_label, linked.version) == ("遗失", 2)


def test_open_ones_by_nearest_reply_deadline_and_by_parcel(database: Database, clerk: Actor) -> None:
    later = _file(database, clerk, reply_due_at=DUE + timedelta(days=1))
    sooner = _file(database, clerk, waybill_no=ZTO)
    replied = _file(database, clerk, filed_at=FILED - timedelta(days=1))
    _write(database, record_reply, replied.id, "已答复", expected_version=1, actor=clerk, at=FILED)
    with database.read() as session:
        assert [a.id for a in list_arbitrations(session, open_only=True)] == [sooner.id, later.id, replied.id]
        assert [a.id for a in list_arbitrations(session, waybill_no="yt7730123456789")] == [later.id, replied.id]


def test_delete_needs_the_manager_and_frees_the_fine(database: Database, clerk: Actor, manager: Actor) -> None:
    fine_id = _fine(database, clerk)
    filed = _file(database, clerk, fine_id=fine_id)
    with pytest.raises(ValidationError) as info:  # a fine an arbitration names stays
        _write(database, delete_fine, fine_id, expected_version=1, actor=clerk, manager_pin=MANAGER_PIN)
    assert info.value.code == "fine_has_arbitration"
    with pytest.raises(PermissionDenied):
        _write(database, delete_arbitration, filed.id, expected_version=1, actor=clerk)
    _write(database, delete_arbitration, filed.id, expected_version=1, actor=clerk, manager_pin=MANAGER_PIN)
    with database.read() as session:
        assert list_arbitrations(session) == []
        with pytest.raises(NotFoundError):
            get_arbitration(session, filed.id)
        assert get_fine(session, fine_id).arbitrations == ()
    _write(database, delete_fine, fine_id, expected_version=1, actor=clerk, manager_pin=MANAGER_PIN)
