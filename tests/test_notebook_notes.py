"""Notes on both engines: writing and editing (stale versions refused, blank titles refused, tags tidied), the day
view with pinned notes first, the handover, a date range, a case's notes on its timeline, and a note's waybill
found by the lookup centre (and no longer once the text changes or the note is deleted)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.cases import NewCase, add_followup, open_case, timeline
from app.desk import Desk
from app.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from app.lookup import lookup
from app.notebook.notes import (
    NoteForm,
    delete_note,
    get_note,
    handover_notes,
    notes_between,
    notes_for_case,
    notes_of_day,
    pinned_notes,
    save_note,
    today,
)
from db.models import AuditEntry, NoteWaybill
from tests.conftest import MANAGER_PIN

YTO, STO = "YT8962646785389", "773277027280336"
DAY = date(2026, 11, 20)


def _note(desk: Desk, title: str, **kw) -> int:
    return desk.write(save_note, NoteForm(title, **{"day": DAY, **kw})).id


def test_a_note_is_written_tidied_and_attributed(desk: Desk) -> None:
    form = NoteForm(
        "  城西网点来电 ", f"客户要求改派，单号{YTO}，电话13812345678", tags=(" 急件", "急件 ", "改派、门卫", "")
    )
    view = desk.write(save_note, form)
    assert (view.title, view.tags, view.operator_name) == ("城西网点来电", ["急件", "改派", "门卫"], "王芳")
    assert view.day == desk.read(today) and view.version == 1 and not view.pinned
    assert view.waybills == [YTO]
    with desk.database.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "note")).one()
        assert (entry.entity_id, entry.action, entry.operator_id) == (view.id, "add", desk.actor.id)


@pytest.mark.parametrize(
    ("form", "field", "code"),
    [
        (NoteForm("   "), "title", "required"),
        (NoteForm("x" * 201), "title", "text_too_long"),
        (NoteForm("标签", tags=("很长" * 11,)), "tags", "note_tag_too_long"),
        (NoteForm("标签", tags=tuple(f"t{n}" for n in range(11))), "tags", "note_too_many_tags"),
        (NoteForm("案件", case_id=99999), "case_id", "note_case_missing"),
    ],
)
def test_bad_notes_are_refused_with_a_field_message(desk: Desk, form: NoteForm, field: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        desk.write(save_note, form)
    assert info.value.fields == {field: code}


def test_an_edit_from_a_stale_form_is_refused(desk: Desk) -> None:
    first = desk.write(save_note, NoteForm("交接", "三件待派"))
    second = desk.write(save_note, NoteForm("交接", "两件待派"), note_id=first.id, version=first.version)
    assert (second.body, second.version) == ("两件待派", 2)
    with pytest.raises(ConflictError) as info:
        desk.write(save_note, NoteForm("交接", "四件待派"), note_id=first.id, version=first.version)
    assert info.value.params["who"] == "王芳"
    assert desk.read(get_note, first.id).body == "两件待派"


def test_the_day_view_pinned_first_then_newest_and_the_handover(desk: Desk) -> None:
    old_pin = _note(desk, "常用：城西网点电话", pinned=True)
    first = _note(desk, "上午：三件改派", handover=True)
    second = _note(desk, "下午：客户投诉", handover=True)
    plain = _note(desk, "中午吃饭")
    _note(desk, "昨天的事", day=DAY - timedelta(days=1), pinned=True)
    assert [n.id for n in desk.read(notes_of_day, DAY)] == [old_pin, plain, second, first]
    assert [n.id for n in desk.read(handover_notes, DAY)] == [first, second]
    assert [n.title for n in desk.read(pinned_notes)] == ["昨天的事", "常用：城西网点电话"]
    between = desk.read(notes_between, DAY - timedelta(days=1), DAY)
    assert [n.title for n in between] == [
        "昨天的事",
        "常用：城西网点电话",
        "上午：三件改派",
        "下午：客户投诉",
        "中午吃饭",
    ]
    assert desk.read(notes_between, DAY + timedelta(days=1), DAY + timedelta(days=9)) == []


def test_a_deleted_note_leaves_every_list(desk: Desk, manager: Actor) -> None:
    note = _note(desk, "写错了", pinned=True, handover=True, body=YTO)
    with pytest.raises(PermissionDenied):  # the record of the outlet: a clerk alone cannot delete it
        desk.write(delete_note, note)
    with pytest.raises(PermissionDenied):
        desk.write(delete_note, note, manager_pin="0000")
    assert [n.id for n in desk.read(pinned_notes)] == [note]
    desk.write(delete_note, note, manager_pin=MANAGER_PIN)
    (entry,) = desk.read(lambda s: s.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).all())
    assert (entry.operator_id, entry.changes["approved_by"]) == (desk.actor.id, manager.name)
    assert desk.read(notes_of_day, DAY) == [] and desk.read(pinned_notes) == [] and desk.read(handover_notes, DAY) == []
    with pytest.raises(NotFoundError):
        desk.read(get_note, note)
    with pytest.raises(NotFoundError):
        desk.write(delete_note, note, manager_pin=MANAGER_PIN)
    assert [r.type for m in desk.read(lookup, YTO).matches for r in m.records] == []


def test_a_case_note_shows_on_the_case_timeline_in_time_order(desk: Desk, manager: Actor) -> None:
    opened = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    case_id = desk.write(open_case, NewCase(kind="stuck", waybill_no=YTO, opened_at=opened)).id
    desk.write(add_followup, case_id, "已电话联系", channel="phone", at=opened + timedelta(minutes=5))
    note = _note(desk, "客户说放门卫", body="下午再派", case_id=case_id)
    desk.write(add_followup, case_id, "已再派", channel="system", at=datetime.now(UTC) + timedelta(hours=1))
    entries = desk.read(timeline, case_id)
    assert [(e.channel, e.text) for e in entries][-3:] == [
        ("phone", "已电话联系"),
        ("note", "客户说放门卫\n下午再派"),
        ("system", "已再派"),
    ]
    assert entries[-2].operator == "王芳" and entries[-2].data == {"note_id": note}
    assert [n.id for n in desk.read(notes_for_case, case_id)] == [note]
    desk.write(delete_note, note, manager_pin=MANAGER_PIN)
    assert "note" not in [e.channel for e in desk.read(timeline, case_id)]


def test_the_lookup_finds_a_note_by_the_waybill_it_mentions(desk: Desk) -> None:
    note = desk.write(save_note, NoteForm("城西网点留言", f"{YTO} 收件人不在家"))
    (match,) = desk.read(lookup, YTO).matches
    assert [(r.type, r.id, r.summary) for r in match.records] == [("note", note.id, "城西网点留言")]
    # The text now names another number: the links follow the edit.
    desk.write(save_note, NoteForm("城西网点留言", f"改为 {STO}"), note_id=note.id, version=note.version)
    assert [r.type for m in desk.read(lookup, YTO).matches for r in m.records] == []
    (match,) = desk.read(lookup, STO).matches
    assert [r.id for r in match.records if r.type == "note"] == [note.id]
    with desk.database.read() as session:
        assert list(session.scalars(select(NoteWaybill.waybill_no))) == [STO]
