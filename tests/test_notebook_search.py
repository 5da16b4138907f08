"""The notebook search on SQLite and PostgreSQL: 1-, 2- and 5-character Chinese queries and mixed Chinese and
numbers, over notes (title, body, tags), todos and phrases; newest first; marked snippets; the index following
edits and deletions; LIKE's wildcards taken literally; and, on SQLite, 3+ character queries answered by the FTS5
trigram index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, event, text

from app.actor import Actor
from app.desk import Desk
from app.notebook.notes import NoteForm, delete_note, save_note
from app.notebook.phrases import PhraseForm, delete_phrase, save_phrase
from app.notebook.search import SNIPPET, search
from app.notebook.todos import TodoForm, delete_todo, save_todo
from app.operators import create_operator
from db.engine import Database
from db.models import Phrase
from tests.conftest import MANAGER_PIN

DAY = date(2026, 11, 20)
BODY = (
    "上午十点城西网点来电，收件人张伟说快递放在门卫室了，电话13812345678，单号YT8962646785389，请快递员下午再派一次。"
)


@pytest.fixture
def book(desk: Desk) -> dict[str, int]:
    """One note, one todo and one phrase that share no word but 张伟 and 门卫 (the prefilled phrases removed)."""
    with desk.database.write() as session:
        session.execute(delete(Phrase))
    note = desk.write(save_note, NoteForm("城西网点来电", BODY, day=DAY, tags=("改派", "重要客户")))
    todo = desk.write(save_todo, TodoForm("回电张伟", "问清门卫室在哪一栋"))
    phrase = desk.write(save_phrase, PhraseForm("delay", "延误致歉", "{客户}您好，天气原因快递延误，请谅解。"))
    return {"note": note.id, "todo": todo.id, "phrase": phrase.id}


def _found(desk: Desk, query: str) -> list[tuple[str, int]]:
    return [(h.type, h.id) for h in desk.read(search, query)]


@pytest.mark.parametrize(
    ("query", "types"),
    [
        ("伟", ["todo", "note"]),  # one character: newest first
        ("谅", ["phrase"]),
        ("门卫", ["todo", "note"]),  # two characters
        ("改派", ["note"]),  # a tag
        ("放在门卫室", ["note"]),  # five characters
        ("重要客户", ["note"]),  # a whole tag
        ("电话138", ["note"]),  # Chinese and digits
        ("138123", ["note"]),
        ("yt8962", ["note"]),  # letters in any case
        ("天气原因快递延误", ["phrase"]),
        ("门卫室在哪", ["todo"]),
    ],
)
def test_chinese_of_any_length_and_mixed_queries(desk: Desk, book: dict[str, int], query: str, types) -> None:
    assert _found(desk, query) == [(t, book[t]) for t in types]


def test_nothing_for_blank_or_absent_text_and_wildcards_are_literal(desk: Desk, book: dict[str, int]) -> None:
    for query in ("", "   ", "李四", "门卫亭", "%", "_", "100%"):
        assert _found(desk, query) == [], query
    note = desk.write(save_note, NoteForm("折扣", "满减100%到账_已核实", day=DAY)).id
    assert _found(desk, "100%") == [("note", note)] and _found(desk, "_") == [("note", note)]
    assert _found(desk, "%到账_") == [("note", note)]


def test_snippets_are_cut_around_the_first_match_and_marked(desk: Desk, book: dict[str, int]) -> None:
    (hit,) = desk.read(search, "快递员")
    assert (hit.type, hit.title, hit.day) == ("note", "城西网点来电", DAY)
    assert hit.snippet.startswith("…") and not hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET + 2
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["快递员"]
    (tagged,) = desk.read(search, "重要")
    assert tagged.snippet == "#改派 #重要客户" and tagged.marks == [(5, 7)]
    (todo,) = [h for h in desk.read(search, "门卫") if h.type == "todo"]
    assert (todo.title, todo.snippet, todo.marks, todo.day) == ("回电张伟", "问清门卫室在哪一栋", [(2, 4)], None)


def test_the_index_follows_edits_and_deletions(desk: Desk, book: dict[str, int], manager: Actor) -> None:
    note = desk.write(save_note, NoteForm("临时", "客户改约明天上午", day=DAY))
    assert _found(desk, "改约明天") == [("note", note.id)] and _found(desk, "约") == [("note", note.id)]
    edited = desk.write(save_note, NoteForm("临时", "客户取消了", day=DAY), note_id=note.id, version=note.version)
    assert _found(desk, "改约明天") == [] and _found(desk, "约") == []
    assert _found(desk, "取消了") == [("note", edited.id)] and _found(desk, "消") == [("note", edited.id)]
    desk.write(delete_note, edited.id, manager_pin=MANAGER_PIN)
    assert _found(desk, "取消了") == [] and _found(desk, "消") == []
    desk.write(delete_todo, book["todo"])
    desk.write(delete_phrase, book["phrase"])
    assert _found(desk, "伟") == [("note", book["note"])]
    assert _found(desk, "门卫室") == [("note", book["note"])] and _found(desk, "延误") == []


def test_the_limit_keeps_the_newest(desk: Desk) -> None:
    ids = [desk.write(save_note, NoteForm(f"第{n}次来电", "客户催件", day=DAY)).id for n in range(5)]
    assert [h.id for h in desk.read(search, "催件", 3)] == ids[::-1][:3]
    assert [h.id for h in desk.read(search, "客户催件", 3)] == ids[::-1][:3]


def test_sqlite_matches_the_trigram_index_from_three_characters_and_reads_the_tables_below(
    sqlite_database: Database, home: Path
) -> None:
    """LIKE against the FTS5 table would find no Chinese on SQLite 3.40: it is never used."""
    with sqlite_database.write() as session:
        desk = Desk(sqlite_database, create_operator(session, "王芳", role="clerk"), home)
    note = desk.write(save_note, NoteForm("城西网点来电", BODY, day=DAY)).id
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(sqlite_database.engine, "before_cursor_execute", remember)
    try:
        assert [h.id for h in desk.read(search, "门卫室")] == [note]
        three = [s for s in statements if "FROM notes" in s]
        statements.clear()
        assert [h.id for h in desk.read(search, "门卫")] == [note]
        two = [s for s in statements if "FROM notes" in s]
    finally:
        event.remove(sqlite_database.engine, "before_cursor_execute", remember)
    assert len(three) == 1 and "fts_notes MATCH" in three[0] and "LIKE" not in three[0]
    assert len(two) == 1 and "fts_" not in two[0] and "notes.body LIKE" in two[0]
    with sqlite_database.read() as session:
        plan = session.execute(
            text("EXPLAIN QUERY PLAN SELECT rowid FROM fts_notes WHERE fts_notes MATCH '\"门卫室\"'")
        )
        assert "VIRTUAL TABLE INDEX" in " ".join(row[-1] for row in plan)
