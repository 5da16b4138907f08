"""Phrase templates (话术): placeholders filled (a missing value left visible), values from a case (its courier, else
the courier covering the recipient's address today), most used first, pinyin search, editing, and the prefilled
set a new database gets once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cases import NewCase, open_case
from app.desk import Desk
from app.directory import couriers, places
from app.directory.couriers import CourierForm
from app.directory.places import AreaForm
from app.errors import ConflictError, ValidationError
from app.notebook.phrases import (
    PHRASE_CATEGORIES,
    PhraseForm,
    delete_phrase,
    fill,
    list_phrases,
    save_phrase,
    use_phrase,
    values_for_case,
)
from app.seed import seed
from app.startup import open_database
from db.models import Phrase

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
YTO = "YT8962646785389"


def test_fill_replaces_known_values_and_leaves_the_rest_visible() -> None:
    text = "您好{客户}，{单号}由{快递员}派送，电话{电话}，{时间}前送到。{备注}{ 单号 }"
    values: dict[str, str | None] = {"客户": "张伟", "单号": YTO, "快递员": None, "电话": "", "时间": "11月23日 14:30"}
    assert (
        fill(text, values) == f"您好张伟，{YTO}由{{快递员}}派送，电话{{电话}}，11月23日 14:30前送到。{{备注}}{{ 单号 }}"
    )
    assert fill("没有占位符", values) == "没有占位符" and fill("{单号}", {}) == "{单号}"


def test_values_from_a_case_with_its_own_courier(desk: Desk) -> None:
    wang = desk.write(couriers.save_courier, CourierForm("王师傅", "ZT-01", "13812345678")).id
    new = NewCase(kind="chase", waybill_no=YTO, opened_at=NOW, caller_name="张伟", courier_id=wang)
    case_id = desk.write(open_case, new).id
    assert desk.read(values_for_case, case_id, NOW) == {
        "单号": YTO,
        "客户": "张伟",
        "快递员": "王师傅",
        "电话": "13812345678",
        "时间": "11月23日 14:30",
    }


def test_values_from_the_recipient_and_the_courier_covering_the_address_today(desk: Desk) -> None:
    east = desk.write(places.save_area, AreaForm("城东片区", keywords=("红星路",)))
    li = desk.write(couriers.save_courier, CourierForm("李师傅", "ZT-02", "13900001111")).id
    desk.write(couriers.assign_area, li, east.id, valid_from=date(2026, 11, 1))
    new = NewCase(kind="stuck", waybill_no=YTO, opened_at=NOW, recipient_address="杭州市红星路188号")
    case_id = desk.write(open_case, new).id
    values = desk.read(values_for_case, case_id, NOW)
    assert (values["客户"], values["快递员"], values["电话"]) == (None, "李师傅", "13900001111")
    text = desk.write(
        save_phrase, PhraseForm("delay", "今日派送", "{客户}您好，{单号}今天由{快递员}派送，电话{电话}。")
    )
    filled = desk.write(use_phrase, text.id, case_id=case_id, now=NOW)
    assert filled == f"{{客户}}您好，{YTO}今天由李师傅派送，电话13900001111。"


def test_most_used_first_and_found_by_text_or_pinyin_initials(desk: Desk) -> None:
    with desk.database.write() as session:
        session.execute(Phrase.__table__.delete())
    apology = desk.write(save_phrase, PhraseForm("apology", "通用致歉", "非常抱歉给您添麻烦了"))
    closing = desk.write(save_phrase, PhraseForm("closing", "感谢来电", "感谢您的来电，再见"))
    opening = desk.write(save_phrase, PhraseForm("opening", "来电问候", "您好，这里是网点客服"))
    assert [p.id for p in desk.read(list_phrases)] == [opening.id, apology.id, closing.id]  # category order
    for _ in range(2):
        assert desk.write(use_phrase, closing.id, case_id=None, now=NOW) == "感谢您的来电，再见"
    desk.write(use_phrase, apology.id, case_id=None, now=NOW)
    listed = desk.read(list_phrases)
    assert [(p.id, p.use_count) for p in listed] == [(closing.id, 2), (apology.id, 1), (opening.id, 0)]
    assert listed[0].category_label == "结束语" and listed[0].version == closing.version  # a use is no edit
    assert [p.id for p in desk.read(list_phrases, "tyzq")] == [apology.id]  # 通用致歉
    assert [p.id for p in desk.read(list_phrases, "来电")] == [closing.id, opening.id]
    assert [p.id for p in desk.read(list_phrases, "客服")] == [opening.id]  # in the text
    assert [p.id for p in desk.read(list_phrases, "", "closing")] == [closing.id]


def test_editing_deleting_and_refusing_bad_phrases(desk: Desk) -> None:
    phrase = desk.write(save_phrase, PhraseForm("delay", "运输途中", "{单号}还在路上"))
    edited = desk.write(save_phrase, PhraseForm("delay", "运输途中", "{单号}明天到"), phrase_id=phrase.id, version=1)
    assert (edited.text, edited.version) == ("{单号}明天到", 2)
    with pytest.raises(ConflictError):
        desk.write(save_phrase, PhraseForm("delay", "x", "y"), phrase_id=phrase.id, version=1)
    with pytest.raises(ValidationError) as info:
        desk.write(save_phrase, PhraseForm("lunch", " ", ""))
    assert info.value.fields == {"category": "phrase_category_unknown", "title": "required", "text": "required"}
    desk.write(delete_phrase, phrase.id)
    assert phrase.id not in [p.id for p in desk.read(list_phrases)]


def test_a_new_database_has_the_prefilled_set_once(database, db_url: str, home: Path) -> None:
    with database.read() as session:
        rows = session.execute(select(Phrase.category, func.count()).group_by(Phrase.category)).all()
        first = session.execute(select(Phrase.id, Phrase.title, Phrase.pinyin)).all()
    per_category = dict(rows)
    assert set(per_category) == set(PHRASE_CATEGORIES)
    assert all(3 <= n <= 5 for n in per_category.values()), per_category
    assert all(pinyin for _, _, pinyin in first)
    with database.write() as session:
        seed(session)  # seed runs after every migration: nothing is added twice
    database.dispose()
    reopened = open_database(db_url, home)
    try:
        with reopened.read() as session:
            assert session.execute(select(Phrase.id, Phrase.title, Phrase.pinyin)).all() == first
    finally:
        reopened.dispose()
