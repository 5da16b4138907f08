"""Column definitions shared by the table, exports and clipboard (app/columns.py, pure Python)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app import case_query
from app.case_query import CaseFilter
from app.columns import CASE_COLUMNS, Format, as_table, as_tsv, by_key, local_time, priority_label


def test_every_sort_key_is_sortable_in_sql_and_keys_are_row_fields():
    fields = set(case_query.CaseRow.__dataclass_fields__)
    for column in CASE_COLUMNS:
        assert column.key in fields
        assert column.sort is None or column.sort in case_query.SORTABLE
        assert column.zh and column.en and column.width > 0
    assert len({c.key for c in CASE_COLUMNS}) == len(CASE_COLUMNS)


def test_formatters():
    shanghai = Format(zone=ZoneInfo("Asia/Shanghai"))
    assert local_time(datetime(2025, 11, 11, 16, 30, tzinfo=UTC), shanghai) == "2025-11-12 00:30"
    assert local_time(None, shanghai) == ""
    assert priority_label(2, shanghai) == "紧急" and priority_label(0, shanghai) == "普通"
    assert by_key(CASE_COLUMNS, "kind").text(type("R", (), {"kind": "stuck"})(), shanghai) == "疑难件"


def test_phones_are_masked_unless_asked(desk, cases):
    row = desk.read(case_query.page, CaseFilter(), limit=1)[0]
    row = type(row)(**{**row.__dict__, "caller_phone": "13812345678", "detail": "第一行\n第二行\t尾"})
    phone = by_key(CASE_COLUMNS, "caller_phone")
    assert phone.text(row, Format()) == "138****5678"
    assert phone.text(row, Format(unmasked=True)) == "13812345678"
    table = as_table([row], CASE_COLUMNS, Format())
    assert table[0][3] == "运单号" and as_table([row], CASE_COLUMNS, Format(), "en")[0][3] == "Waybill"
    tsv = as_tsv([row], [by_key(CASE_COLUMNS, "waybill_no"), by_key(CASE_COLUMNS, "detail")], Format())
    assert tsv == f"运单号\t说明\n{row.waybill_no}\t第一行 第二行 尾"
