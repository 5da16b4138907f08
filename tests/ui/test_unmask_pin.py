"""The claim form's "full phones" box: a clerk is asked for a manager's PIN, the service checks it (a wrong one is
refused and the form stays masked), and the audit log names the manager; a manager is not asked."""

from __future__ import annotations

from sqlalchemy import select

from app.actor import Actor
from app.desk import Desk
from db.models import AuditEntry
from tests.test_privacy_exports import make_story
from ui.dialogs.claim_preview import ClaimPreviewDialog


def unmasked_entries(desk: Desk) -> list[AuditEntry]:
    with desk.database.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")))


def test_a_clerk_needs_the_managers_pin_to_unmask_the_claim_form(qtbot, desk, manager: Actor, manager_pin, prompt):
    story = make_story(desk.database, manager)
    preview = ClaimPreviewDialog(desk, None, prompt, story.claim_id)
    qtbot.addWidget(preview)
    assert preview.path is not None and not preview.path.name.endswith("-full.pdf")

    preview.unmasked.setChecked(True)  # the clerk cancels the PIN box: nothing changes
    assert prompt.pin_reasons and not preview.unmasked.isChecked()
    assert not preview.path.name.endswith("-full.pdf") and unmasked_entries(desk) == []

    prompt.pins.append("0000")  # a wrong PIN: refused by the service, back to the masked form
    preview.unmasked.setChecked(True)
    assert prompt.errors and not preview.unmasked.isChecked()
    assert not preview.path.name.endswith("-full.pdf") and unmasked_entries(desk) == []

    prompt.pins.append(manager_pin)
    preview.unmasked.setChecked(True)
    assert preview.unmasked.isChecked() and preview.path.name.endswith("-full.pdf")
    [entry] = unmasked_entries(desk)
    assert entry.operator_id == desk.actor.id and entry.changes
    assert (entry.changes["approved_by"], entry.changes["approved_by_id"]) == (manager.name, manager.id)
    preview.reject()


def test_a_manager_unmasks_without_a_pin(qtbot, desk, manager: Actor, prompt):
    story = make_story(desk.database, manager)
    as_manager = desk.act_as(manager)
    preview = ClaimPreviewDialog(as_manager, None, prompt, story.claim_id)
    qtbot.addWidget(preview)
    preview.unmasked.setChecked(True)
    assert prompt.pin_reasons == [] and preview.path is not None and preview.path.name.endswith("-full.pdf")
    [entry] = unmasked_entries(desk)
    assert entry.operator_id == manager.id and entry.changes and entry.changes["approved_by"] == manager.name
    preview.reject()
