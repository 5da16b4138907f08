"""Unmasking personal data is a manager's decision (DESIGN.md §3), enforced in the services: a clerk without a
manager's PIN, or with a wrong one, is refused and nothing is written; with the PIN the output is produced and the
audit log names the clerk and the approving manager; a manager needs no PIN. Both engines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app import settings
from app.actor import Actor
from app.case_query import CaseFilter
from app.deadlines import local_date
from app.errors import PermissionDenied
from app.export.cases import export_cases
from app.export.claim_form import write_claim_form
from app.export.daily import write_daily_sheet
from app.export.evidence_pack import write_evidence_pack
from app.export.files import record_unmasked
from app.handover import wechat_text
from db.engine import Database
from db.models import AuditEntry
from tests.conftest import MANAGER_PIN
from tests.test_privacy_exports import RECIPIENT_PHONE, WAYBILL, Story, make_story

# (database, story, actor, pin, work folder) -> the text produced, when it is text
Producer = Callable[[Database, Story, Actor, str | None, Path], str | None]


def _daily(database: Database, story: Story, actor: Actor, pin: str | None, work: Path) -> None:
    with database.read() as session:
        day = local_date(datetime.now(UTC), settings.deadline_rules(session))
        summary = write_daily_sheet(session, day, work / "日报.xlsx", unmasked=True, actor=actor, manager_pin=pin)
    assert summary.approved_by is not None
    with database.write() as session:  # what the CLI does with the answer
        record_unmasked(
            session, actor, what="daily", path=summary.path, rows=summary.rows, approved_by=summary.approved_by
        )


def _cases(database: Database, story: Story, actor: Actor, pin: str | None, work: Path) -> None:
    with database.read() as session:
        report = export_cases(session, CaseFilter(), work / "案件.csv", unmasked=True, actor=actor, manager_pin=pin)
    assert report.approved_by is not None
    with database.write() as session:
        approved_by = report.approved_by
        record_unmasked(session, actor, what="cases", path=report.path, rows=report.rows, approved_by=approved_by)


def _claim_form(database: Database, story: Story, actor: Actor, pin: str | None, work: Path) -> None:
    write_claim_form(database, story.claim_id, work / "理赔单.pdf", unmasked=True, actor=actor, manager_pin=pin)


def _evidence_pack(database: Database, story: Story, actor: Actor, pin: str | None, work: Path) -> None:
    pdf, zip_path = work / "证据.pdf", work / "证据.zip"
    write_evidence_pack(database, WAYBILL, pdf, zip_path=zip_path, unmasked=True, actor=actor, manager_pin=pin)


def _wechat(database: Database, story: Story, actor: Actor, pin: str | None, work: Path) -> str:
    with database.write() as session:
        return wechat_text(session, [story.stuck_id], unmasked=True, actor=actor, manager_pin=pin)


OUTPUTS: dict[str, Producer] = {
    "daily": _daily,
    "cases": _cases,
    "claim_form": _claim_form,
    "evidence_pack": _evidence_pack,
    "wechat": _wechat,
}


@pytest.fixture
def story(database: Database, manager: Actor) -> Story:
    return make_story(database, manager)


def audited(database: Database) -> list[AuditEntry]:
    with database.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")))


@pytest.mark.parametrize("what", OUTPUTS)
def test_a_clerk_is_refused_without_or_with_a_wrong_pin_and_nothing_is_written(
    database: Database, story: Story, clerk: Actor, what: str, tmp_path: Path
) -> None:
    work = tmp_path / "out"
    work.mkdir()
    for pin, code in ((None, "unmask_needs_manager"), ("", "unmask_needs_manager"), ("1357", "wrong_pin")):
        with pytest.raises(PermissionDenied) as refused:
            OUTPUTS[what](database, story, clerk, pin, work)
        assert refused.value.code == code
        assert list(work.iterdir()) == []  # no file, not even a temporary one
    assert audited(database) == []


@pytest.mark.parametrize("what", OUTPUTS)
def test_a_clerk_with_the_managers_pin_unmasks_and_the_audit_names_the_manager(
    database: Database, story: Story, clerk: Actor, manager: Actor, what: str, tmp_path: Path
) -> None:
    work = tmp_path / "out"
    work.mkdir()
    text = OUTPUTS[what](database, story, clerk, MANAGER_PIN, work)
    if what == "wechat":
        assert text is not None and RECIPIENT_PHONE in text
    else:
        assert list(work.iterdir())
    entries = audited(database)
    assert entries and all(e.operator_id == clerk.id for e in entries)
    assert all(e.changes["approved_by"] == manager.name for e in entries if e.changes)
    assert all(e.changes["approved_by_id"] == manager.id for e in entries if e.changes)
    assert {e.changes["what"].split()[0] for e in entries if e.changes} == {what}


@pytest.mark.parametrize("what", OUTPUTS)
def test_a_manager_needs_no_pin(database: Database, story: Story, manager: Actor, what: str, tmp_path: Path) -> None:
    OUTPUTS[what](database, story, manager, None, tmp_path)
    entries = audited(database)
    assert entries and all(e.operator_id == manager.id and e.changes for e in entries)
    assert all(e.changes["approved_by"] == manager.name for e in entries if e.changes)


def test_masked_output_needs_nobody(database: Database, story: Story, clerk: Actor, tmp_path: Path) -> None:
    with database.read() as session:
        text = wechat_text(session, [story.stuck_id], actor=clerk)
    assert RECIPIENT_PHONE not in text
    write_claim_form(database, story.claim_id, tmp_path / "f.pdf", actor=clerk)
    assert (tmp_path / "f.pdf").exists() and audited(database) == []
