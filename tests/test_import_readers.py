"""The import readers on real files: workbooks written by openpyxl and xlwt, CSV in Chinese Windows encodings,
pasted tables, and hostile files that must be refused with one sentence."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from app.imports.readers import ImportRefused, Limits, read_bytes_csv, read_file, read_pasted, sheet_names
from app.imports.table import Table
from tests import import_files as files
from tests.import_files import HEADER, TITLE, WAYBILL

KNOWN_HEADERS = {"运单号", "快递公司", "收件人", "滞留原因", "登记时间", "金额", "状态", "收件人姓名", "收件人电话"}


def hint(text: str) -> bool:
    return text in KNOWN_HEADERS


def refused(read: Callable[[], object], code: str) -> ImportRefused:
    """The read is refused with `code`, and the sentence shown for it is one complete line in both languages."""
    with pytest.raises(ImportRefused) as caught:
        read()
    error = caught.value
    assert error.code == code
    for lang in ("zh", "en"):
        sentence = error.message(lang)
        assert sentence and "\n" not in sentence and "Traceback" not in sentence
        assert "{" not in sentence, "a parameter was left unfilled"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message("zh"))
    return error


def column(table: Table, header: str) -> list[object]:
    index = table.headers.index(header)
    return [row.cells[index] for row in table.rows]


# workbooks


def test_title_rows_blank_rows_total_and_note_are_skipped(tmp_path: Path) -> None:
    table = read_file(files.titled_xlsx(tmp_path / "滞留件.xlsx"))
    assert table.name == "滞留件.xlsx"
    assert table.sheet == "Sheet1" and table.sheets == ("Sheet1",)
    assert table.header_row == 4
    assert table.headers == tuple(HEADER)
    assert [row.number for row in table.rows] == [5, 6, 7, 9, 10, 11]
    assert table.ignored == (8, 12, 13)
    assert table.rows[3].cells[0] == "小计说明件", "a total-looking row in the middle is data"


def test_header_hint_picks_the_header_under_a_wordy_title_row(tmp_path: Path) -> None:
    rows = [
        ["网点", "城东", "制表", "王五", "范围", "五月"],
        ["快递公司", "收件人", "滞留原因"],
        ["圆通", "张三", "地址不详"],
        ["中通", "李四", "电话不通"],
    ]
    path = files.write_xlsx(tmp_path / "wordy.xlsx", rows)
    assert read_file(path).header_row == 1, "without a hint the wordier title row looks like the header"
    table = read_file(path, header_hint=hint)
    assert table.header_row == 2
    assert table.headers == ("快递公司", "收件人", "滞留原因")
    assert [row.number for row in table.rows] == [3, 4]


def test_hint_prefers_a_row_with_data_below_on_a_tie(tmp_path: Path) -> None:
    rows = [["运单号", "状态"], ["运单号", "状态"], [str(WAYBILL), "派件中"]]
    table = read_file(files.write_xlsx(tmp_path / "twice.xlsx", rows), header_hint=hint)
    assert table.header_row == 2


def test_two_row_header_takes_the_group_label(tmp_path: Path) -> None:
    table = read_file(files.two_row_header_xlsx(tmp_path / "two.xlsx"), header_hint=hint)
    assert table.header_row == 2
    assert table.headers == ("运单号", "收件人姓名", "收件人电话", "登记时间")
    assert [row.number for row in table.rows] == [3, 4]
    assert column(table, "收件人电话") == ["13800138000", "13900139000"]


def test_two_row_header_is_found_without_a_hint(tmp_path: Path) -> None:
    table = read_file(files.two_row_header_xlsx(tmp_path / "two.xlsx"))
    assert table.header_row == 2
    assert table.headers[1:3] == ("收件人姓名", "收件人电话")


def test_group_label_row_is_not_taken_for_the_header(tmp_path: Path) -> None:
    """The hint knows 收件人 but not 收件人姓名: the group-label row scores best, the header is still below it."""
    path = files.two_row_header_xlsx(tmp_path / "two.xlsx")
    table = read_file(path, header_hint=lambda text: text in {"运单号", "收件人", "登记时间"})
    assert table.header_row == 2
    assert table.headers == ("运单号", "收件人姓名", "收件人电话", "登记时间")


@pytest.mark.parametrize("merge", ["A1:C1", "A1:B1"])
def test_merged_title_is_not_a_group_label(tmp_path: Path, merge: str) -> None:
    rows = [[TITLE], ["运单号", "状态", "原因"], [str(WAYBILL), "派件中", "破损"]]
    table = read_file(files.write_xlsx(tmp_path / "t.xlsx", rows, merges=[merge]))
    assert table.header_row == 2
    assert table.headers == ("运单号", "状态", "原因")


def test_merged_data_cell_fills_every_row_it_covers(tmp_path: Path) -> None:
    table = read_file(files.merged_date_xlsx(tmp_path / "merged.xlsx"))
    assert column(table, "登记日期") == [date(2024, 5, 1)] * 5 + [date(2024, 5, 2)]
    assert [row.number for row in table.rows] == [2, 3, 4, 5, 6, 7]


def test_waybill_and_dates_stay_as_calamine_gives_them(tmp_path: Path) -> None:
    table = read_file(files.titled_xlsx(tmp_path / "raw.xlsx"))
    waybill = table.rows[0].cells[0]
    assert isinstance(waybill, int | float) and not isinstance(waybill, bool)
    assert waybill == WAYBILL
    assert column(table, "登记时间")[0] == datetime(2024, 5, 1, 9, 0)
    assert column(table, "收件人")[0] == "张三0"


def test_table_starting_at_b3_keeps_the_sheet_row_numbers(tmp_path: Path) -> None:
    table = read_file(files.offset_xlsx(tmp_path / "b3.xlsx"))
    assert table.header_row == 3
    assert table.headers == tuple(HEADER)
    assert [row.number for row in table.rows] == [4, 5]
    assert table.rows[1].cells[0] == WAYBILL + 1


def test_sum_row_without_a_label_is_ignored_at_the_end(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["运单号", "件数", "金额"],
        [str(WAYBILL), 2, 10.5],
        [str(WAYBILL + 1), 3, 4.5],
        [None, 5, 15],
    ]
    table = read_file(files.write_xlsx(tmp_path / "sum.xlsx", rows))
    assert [row.number for row in table.rows] == [2, 3]
    assert table.ignored == (4,)


def test_short_rows_are_padded_and_cells_past_the_header_dropped(tmp_path: Path) -> None:
    rows = [["运单号", "状态"], [str(WAYBILL)], [str(WAYBILL + 1), "派件中", "多余"]]
    table = read_file(files.write_xlsx(tmp_path / "ragged.xlsx", rows))
    assert [row.cells for row in table.rows] == [(str(WAYBILL), ""), (str(WAYBILL + 1), "派件中")]


def test_ragged_csv_rows_are_padded_with_none() -> None:
    data = f"运单号,状态,备注\r\n{WAYBILL}\r\n{WAYBILL + 1},派件中,,多余\r\n".encode()
    table = read_bytes_csv(data, name="ragged.csv")
    assert [row.cells for row in table.rows] == [(str(WAYBILL), None, None), (str(WAYBILL + 1), "派件中", "")]


def test_xls_written_by_xlwt(tmp_path: Path) -> None:
    table = read_file(files.titled_xls(tmp_path / "old.xls"), header_hint=hint)
    assert table.sheet == "滞留件"
    assert table.header_row == 3
    assert table.headers == tuple(HEADER)
    assert [row.number for row in table.rows] == [4, 5]
    assert table.rows[0].cells[0] == WAYBILL
    assert column(table, "登记时间")[1] == datetime(2024, 5, 1, 9, 1)


def test_sheet_chosen_by_name_or_first_visible_with_data(tmp_path: Path) -> None:
    path = files.sheets_xlsx(tmp_path / "sheets.xlsx")
    assert sheet_names(path) == ("说明", "旧数据", "滞留件", "汇总")
    first = read_file(path)
    assert first.sheet == "滞留件" and len(first.rows) == 2
    assert first.sheets == ("说明", "旧数据", "滞留件", "汇总")
    assert read_file(path, sheet="汇总").headers == ("快递公司", "件数")
    assert len(read_file(path, sheet="旧数据").rows) == 5, "a hidden sheet can still be asked for by name"


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = files.sheets_xlsx(tmp_path / "sheets.xlsx")
    error = refused(lambda: read_file(path, sheet="明细"), "import_unknown_sheet")
    assert "滞留件" in error.message("zh") and "明细" in error.message("zh")


def test_named_empty_sheet_is_refused(tmp_path: Path) -> None:
    path = files.sheets_xlsx(tmp_path / "sheets.xlsx")
    refused(lambda: read_file(path, sheet="说明"), "import_sheet_empty")


# text files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "导出.csv"
    path.write_bytes(files.csv_bytes(files.simple_rows(), encoding))
    table = read_file(path)
    assert table.headers == ("运单号", "收件人", "原因"), "no BOM left on the first header"
    assert table.sheet is None and table.sheets == ()
    assert [row.number for row in table.rows] == [2, 3]
    assert table.rows[0].cells == (str(WAYBILL), "张三", "破损")


def test_gb18030_only_characters(tmp_path: Path) -> None:
    rows = [["运单号", "收件人"], [str(WAYBILL), "吉𠮷"], [str(WAYBILL + 1), "刘䶮"]]
    data = files.csv_bytes(rows, "gb18030")
    with pytest.raises(UnicodeEncodeError):
        files.csv_bytes(rows, "gbk")
    path = tmp_path / "gb.csv"
    path.write_bytes(data)
    assert column(read_file(path), "收件人") == ["吉𠮷", "刘䶮"]


def test_unicode_text_export_is_utf16_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(files.unicode_text_bytes(files.simple_rows()))
    table = read_file(path)
    assert table.headers == ("运单号", "收件人", "原因")
    assert table.rows[1].cells == (str(WAYBILL + 1), "李四", "丢失")


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    rows = [["运单号", "原因", "金额"], [str(WAYBILL), "破损, 已拍照", "1,5"], [str(WAYBILL + 1), "丢失", "2"]]
    path = tmp_path / "d.csv"
    path.write_bytes(files.csv_bytes(rows, "utf-8", delimiter))
    table = read_file(path)
    assert table.headers == ("运单号", "原因", "金额")
    assert table.rows[0].cells == (str(WAYBILL), "破损, 已拍照", "1,5")


def test_quoted_multiline_field_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_bytes(files.multiline_csv())
    table = read_file(path)
    assert [row.number for row in table.rows] == [2, 5]
    assert table.rows[0].cells[1] == "外包装破损\n内物散落\n已拍照"


def test_csv_title_and_blank_lines() -> None:
    text = f"城东网点滞留件\r\n\r\n运单号,原因\r\n{WAYBILL},破损\r\n,\r\n{WAYBILL + 1},丢失\r\n合计：2 件,\r\n"
    table = read_bytes_csv(text.encode("gbk"), name="x.csv")
    assert table.header_row == 3
    assert [row.number for row in table.rows] == [4, 6]
    assert table.ignored == (5, 7)


def test_pasted_web_table() -> None:
    table = read_pasted(files.pasted_web_table())
    assert table.name == "粘贴的表格"
    assert table.header_row == 2
    assert table.headers == ("运单号", "状态", "更新时间")
    assert [row.number for row in table.rows] == [3, 4]
    assert table.rows[1].cells == (str(WAYBILL + 1), "已签收", "2024-05-01 10:00")
    assert table.ignored == (5,)


def test_pasted_text_without_tabs_splits_on_space_runs() -> None:
    table = read_pasted(f"运单号    状态\n{WAYBILL}  派件中\n")
    assert table.headers == ("运单号", "状态")
    assert table.rows[0].cells == (str(WAYBILL), "派件中")


def test_blank_paste_is_refused() -> None:
    refused(lambda: read_pasted(" \n\t\n"), "import_pasted_empty")


# refused files


def test_missing_file_and_folder(tmp_path: Path) -> None:
    refused(lambda: read_file(tmp_path / "nope.xlsx"), "import_file_missing")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    refused(lambda: read_file(folder), "import_file_is_folder")


def test_unknown_suffix_offers_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    error = refused(lambda: read_file(path), "import_bad_suffix")
    assert ".xlsx" in error.message("zh") and ".csv" in error.message("zh")


@pytest.mark.parametrize("name", ["empty.xlsx", "empty.xls", "empty.csv"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    refused(lambda: read_file(path), "import_file_empty")


def test_workbook_whose_sheet_has_no_rows(tmp_path: Path) -> None:
    path = files.empty_sheet_xlsx(tmp_path / "blank.xlsx")
    refused(lambda: read_file(path), "import_no_data_sheet")


def test_text_renamed_to_xlsx_and_xls(tmp_path: Path) -> None:
    refused(lambda: read_file(files.text_as(tmp_path / "fake.xlsx")), "import_workbook_is_text")
    refused(
        lambda: read_file(files.text_as(tmp_path / "fake.xls", "<html><table></table></html>")),
        "import_workbook_is_text",
    )


def test_workbooks_under_each_others_suffix(tmp_path: Path) -> None:
    xlsx_bytes = files.rows_xlsx(tmp_path / "real.xlsx", 1).read_bytes()
    xls_bytes = files.titled_xls(tmp_path / "real.xls").read_bytes()
    (tmp_path / "xlsx.xls").write_bytes(xlsx_bytes)
    (tmp_path / "xls.xlsx").write_bytes(xls_bytes)
    (tmp_path / "xlsx.csv").write_bytes(xlsx_bytes)
    error = refused(lambda: read_file(tmp_path / "xlsx.xls"), "import_suffix_mismatch")
    assert error.params["actual"] == ".xlsx"
    assert refused(lambda: read_file(tmp_path / "xls.xlsx"), "import_suffix_mismatch").params["actual"] == ".xls"
    assert refused(lambda: read_file(tmp_path / "xlsx.csv"), "import_suffix_mismatch").params["actual"] == ".xlsx"


def test_binary_file_as_csv(tmp_path: Path) -> None:
    refused(lambda: read_file(files.binary_csv(tmp_path / "photo.csv")), "import_text_binary")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(lambda: read_file(path), "import_workbook_damaged")


def test_password_protected_xlsx(tmp_path: Path) -> None:
    path = files.encrypted_xlsx(tmp_path / "locked.xlsx", tmp_path / "scratch.xls")
    refused(lambda: read_file(path), "import_encrypted")
    refused(lambda: sheet_names(path), "import_encrypted")


def test_password_protected_xls(tmp_path: Path) -> None:
    path = files.password_xls(tmp_path / "locked.xls")
    refused(lambda: read_file(path), "import_encrypted")


BOMB_LIMITS = Limits(max_unpacked_bytes=8 * 1024 * 1024)


def test_compression_bomb_by_its_declared_size(tmp_path: Path) -> None:
    path = files.padded_xlsx(tmp_path / "bomb.xlsx", 12 * 1024 * 1024)
    refused(lambda: read_file(path, limits=BOMB_LIMITS), "import_unpacked_too_big")
    refused(lambda: sheet_names(path, limits=BOMB_LIMITS), "import_unpacked_too_big")


def test_compression_bomb_with_a_lying_header(tmp_path: Path) -> None:
    path = files.lying_padded_xlsx(tmp_path / "liar.xlsx", 12 * 1024 * 1024)
    refused(lambda: read_file(path, limits=BOMB_LIMITS), "import_unpacked_too_big")


def test_compression_ratio_alone(tmp_path: Path) -> None:
    path = files.lying_padded_xlsx(tmp_path / "ratio.xlsx", 6 * 1024 * 1024)
    refused(lambda: read_file(path), "import_unpacked_too_big")


def test_padding_within_the_limits_reads(tmp_path: Path) -> None:
    path = files.padded_xlsx(tmp_path / "padded.xlsx", 1024 * 1024)
    assert len(read_file(path, limits=BOMB_LIMITS).rows) == 3


def test_xml_entity_attack(tmp_path: Path) -> None:
    path = files.entity_xlsx(tmp_path / "laughs.xlsx")
    refused(lambda: read_file(path), "import_xml_entities")


@pytest.mark.parametrize(
    ("far", "code"),
    [
        ("XFD1048576", "import_too_many_rows"),
        ("XFD1000", "import_too_many_columns"),
        ("SF70000", "import_too_many_cells"),
    ],
)
def test_sparse_far_cell(tmp_path: Path, far: str, code: str) -> None:
    path = files.far_cell_xlsx(tmp_path / "far.xlsx", far)
    refused(lambda: read_file(path), code)


def test_too_many_rows(tmp_path: Path) -> None:
    limits = Limits(max_rows=10)
    path = files.rows_xlsx(tmp_path / "rows.xlsx", 20)
    refused(lambda: read_file(path, limits=limits), "import_too_many_rows")
    assert len(read_file(path, limits=Limits(max_rows=21)).rows) == 20
    csv_path = tmp_path / "rows.csv"
    csv_path.write_bytes(files.csv_bytes([HEADER, *files.data_rows(20)]))
    refused(lambda: read_file(csv_path, limits=limits), "import_too_many_rows")
    refused(
        lambda: read_pasted(files.table_text([HEADER, *files.data_rows(20)], "\t"), limits=limits),
        "import_too_many_rows",
    )


def test_too_many_columns(tmp_path: Path) -> None:
    limits = Limits(max_columns=4)
    path = files.rows_xlsx(tmp_path / "wide.xlsx", 2)
    refused(lambda: read_file(path, limits=limits), "import_too_many_columns")
    assert read_file(path, limits=Limits(max_columns=len(HEADER))).headers == tuple(HEADER)
    data = files.csv_bytes([HEADER, *files.data_rows(2)])
    refused(lambda: read_bytes_csv(data, name="wide.csv", limits=limits), "import_too_many_columns")


def test_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(files.csv_bytes([HEADER, *files.data_rows(50)]))
    refused(lambda: read_file(path, limits=Limits(max_file_bytes=1024)), "import_file_too_big")


def test_unmatched_quote_is_refused_with_its_line(tmp_path: Path) -> None:
    data = b'\xe8\xbf\x90\xe5\x8d\x95\xe5\x8f\xb7,x\r\n1,"' + b"a" * 200_000 + b"\r\n"
    error = refused(lambda: read_bytes_csv(data, name="q.csv"), "import_text_malformed")
    assert error.params["line"] == 2
