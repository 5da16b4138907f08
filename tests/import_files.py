"""Real import files as carrier systems and clerks make them, written for tests: workbooks through openpyxl and
xlwt, CSV in the encodings Chinese Windows produces, pasted tables, and the hostile files a reader must refuse.

Every writer takes the target path (or returns bytes/str) and returns what the test needs to check against.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import xlwt

WAYBILL = 773012345678901
HEADER = ["运单号", "快递公司", "收件人", "滞留原因", "登记时间", "金额"]
TITLE = "城东网点滞留件清单"


def data_rows(count: int, *, first: int = 0) -> list[list[Any]]:
    """Rows under HEADER: a 15-digit numeric waybill, Chinese text, an Excel date and a number."""
    return [
        [WAYBILL + first + i, "圆通", f"张三{first + i}", "地址不详", datetime(2024, 5, 1, 9, first + i), 12.5]
        for i in range(count)
    ]


# workbooks


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    merges: Sequence[str] = (),
    top_left: str = "A1",
    date_format: str | None = "yyyy-mm-dd hh:mm",
) -> Path:
    """One sheet; `rows` are written from `top_left`, None leaves a cell empty."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    _fill(worksheet, rows, top_left, date_format)
    for cells in merges:
        worksheet.merge_cells(cells)
    workbook.save(path)
    return path


def _fill(worksheet: Any, rows: Sequence[Sequence[Any]], top_left: str, date_format: str | None) -> None:
    anchor = worksheet[top_left]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is None:
                continue
            cell = worksheet.cell(row=anchor.row + r, column=anchor.column + c, value=value)
            if isinstance(value, datetime | date) and date_format:
                cell.number_format = date_format


def titled_xlsx(path: Path) -> Path:
    """Title merged over the width, a subtitle, a blank row, the header on row 4, data with a blank row and a
    小计-looking row in the middle, then a 合计 row and a 制表人 note at the end.

    Rows: 1 title, 2 subtitle, 3 blank, 4 header, 5-7 data, 8 blank, 9 "小计" data row, 10-11 data,
    12 total, 13 note."""
    rows: list[list[Any]] = [
        [TITLE],
        ["网点：城东", None, "导出时间：2024-05-02"],
        [],
        HEADER,
        *data_rows(3),
        [],
        ["小计说明件", "圆通", "李四", "破损", datetime(2024, 5, 1, 10), 1.0],
        *data_rows(2, first=3),
        ["合计", None, None, None, None, 63.5],
        ["制表人：王五", None, "审核：赵六"],
    ]
    return write_xlsx(path, rows, merges=["A1:F1"])


def two_row_header_xlsx(path: Path) -> Path:
    """运单号 and 登记时间 merged down over two header rows, 收件人 merged across 姓名 | 电话 below it."""
    rows: list[list[Any]] = [
        ["运单号", "收件人", None, "登记时间"],
        [None, "姓名", "电话", None],
        [WAYBILL, "张三", "13800138000", datetime(2024, 5, 1, 9)],
        [WAYBILL + 1, "李四", "13900139000", datetime(2024, 5, 1, 10)],
    ]
    return write_xlsx(path, rows, merges=["A1:A2", "B1:C1", "D1:D2"])


def merged_date_xlsx(path: Path) -> Path:
    """One date merged down over the five rows it applies to (rows 2-6), a sixth row with its own date."""
    rows: list[list[Any]] = [["登记日期", "运单号", "原因"]]
    rows += [[date(2024, 5, 1) if i == 0 else None, WAYBILL + i, "破损"] for i in range(5)]
    rows.append([date(2024, 5, 2), WAYBILL + 5, "丢失"])
    return write_xlsx(path, rows, merges=["A2:A6"], date_format="yyyy-mm-dd")


def offset_xlsx(path: Path) -> Path:
    """The table starts at B3: header on row 3, data on rows 4-5."""
    return write_xlsx(path, [HEADER, *data_rows(2)], top_left="B3")


def sheets_xlsx(path: Path) -> Path:
    """Sheets: an empty "说明", a hidden "旧数据", "滞留件" (2 data rows) and "汇总" (1 data row)."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "说明"
    hidden = workbook.create_sheet("旧数据")
    hidden.sheet_state = "hidden"
    _fill(hidden, [HEADER, *data_rows(5)], "A1", None)
    _fill(workbook.create_sheet("滞留件"), [HEADER, *data_rows(2)], "A1", None)
    _fill(workbook.create_sheet("汇总"), [["快递公司", "件数"], ["圆通", 2]], "A1", None)
    workbook.save(path)
    return path


def empty_sheet_xlsx(path: Path) -> Path:
    """A workbook whose only sheet has no cells at all."""
    return write_xlsx(path, [])


def rows_xlsx(path: Path, count: int) -> Path:
    """HEADER and `count` data rows, for limits and timing."""
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet("Sheet1")
    worksheet.append(HEADER)
    for row in data_rows(count):
        worksheet.append(row)
    workbook.save(path)
    return path


def far_cell_xlsx(path: Path, far: str = "XFD1048576") -> Path:
    """Two cells, A1 and `far`: a few KB that calamine would spread over a grid reaching `far` (17 billion
    cells for the default)."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet["A1"] = "运单号"
    worksheet[far] = "x"
    workbook.save(path)
    return path


def titled_xls(path: Path) -> Path:
    """An old .xls by xlwt: title merged over row 1, header on row 3, data rows 4-5 with a date cell."""
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet("滞留件")
    worksheet.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for c, text in enumerate(HEADER):
        worksheet.write(2, c, text)
    for r, row in enumerate(data_rows(2), start=3):
        for c, value in enumerate(row):
            worksheet.write(r, c, value, date_style if isinstance(value, datetime) else xlwt.Style.default_style)
    workbook.save(str(path))
    return path


def password_xls(path: Path) -> Path:
    """An .xls whose workbook stream announces RC4 encryption (a FILEPASS record) in place of WRITEACCESS,
    as Excel writes a workbook saved with a password to open."""
    titled_xls(path)
    data = bytearray(path.read_bytes())
    record = _first_record(data, 0x005C)
    struct.pack_into("<HH", data, record, 0x002F, struct.unpack_from("<H", data, record + 2)[0])
    struct.pack_into("<HHH", data, record + 4, 1, 1, 1)
    path.write_bytes(bytes(data))
    return path


def _first_record(data: bytearray, record_type: int) -> int:
    position = data.find(b"\x09\x08\x10\x00")  # the workbook stream's BOF record
    assert position != -1
    while position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        if kind == record_type:
            return position
        position += 4 + length
    raise AssertionError(f"no record {record_type:#x}")


# text


def table_text(rows: Sequence[Sequence[Any]], delimiter: str = ",", newline: str = "\r\n") -> str:
    """CSV text as Excel saves it; fields holding the delimiter, a quote or a line break are quoted."""
    return "".join(delimiter.join(_field(value, delimiter) for value in row) + newline for row in rows)


def _field(value: Any, delimiter: str) -> str:
    text = "" if value is None else str(value)
    if any(mark in text for mark in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(rows: Sequence[Sequence[Any]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """ "utf-8-sig" gives Excel's "CSV UTF-8", "gbk" its plain "CSV" on Chinese Windows."""
    return table_text(rows, delimiter).encode(encoding)


def unicode_text_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """Excel's "Unicode text" export: UTF-16 little-endian with a BOM, tab-separated."""
    return table_text(rows, "\t").encode("utf-16")


def simple_rows() -> list[list[Any]]:
    """A small table of strings as a CSV holds it: header on line 1, three data lines."""
    return [["运单号", "收件人", "原因"], [str(WAYBILL), "张三", "破损"], [str(WAYBILL + 1), "李四", "丢失"]]


def multiline_csv() -> bytes:
    """Line 1 header; the record on line 2 has a quoted reason spanning lines 2-4; the next record is on line 5."""
    rows = [["运单号", "原因"], [str(WAYBILL), "外包装破损\n内物散落\n已拍照"], [str(WAYBILL + 1), "丢失"]]
    return csv_bytes(rows)


def pasted_web_table() -> str:
    """Cells copied from a carrier's web page: a title line, the header, two rows, a trailing blank line."""
    return (
        "查询结果\n运单号\t状态\t更新时间\n"
        f"{WAYBILL}\t派件中\t2024-05-01 09:00\n{WAYBILL + 1}\t已签收\t2024-05-01 10:00\n\n"
    )


# hostile files


def text_as(path: Path, content: str = "这不是表格，只是一段文字。\n") -> Path:
    """A text file under a workbook's suffix."""
    path.write_text(content, encoding="utf-8")
    return path


def binary_csv(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def encrypted_xlsx(path: Path, scratch: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE2 compound file holding an EncryptedPackage
    stream. Made by renaming the only stream of a real xlwt compound file (the directory entry's UTF-16 name
    and its length field), so the container itself is sound."""
    titled_xls(scratch)
    data = bytearray(scratch.read_bytes())
    old = "Workbook\x00".encode("utf-16-le")
    new = "EncryptedPackage\x00".encode("utf-16-le")
    entry = data.find(old)
    assert entry != -1 and entry % 128 == 0
    data[entry : entry + 64] = new.ljust(64, b"\x00")
    struct.pack_into("<H", data, entry + 64, len(new))
    path.write_bytes(bytes(data))
    return path


def padded_xlsx(path: Path, padding_bytes: int) -> Path:
    """A valid small workbook whose sheet XML ends in `padding_bytes` of spaces after the root element: a
    compression bomb that inflates about a thousand times."""
    rows_xlsx(path, 3)
    return _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * padding_bytes)


def lying_padded_xlsx(path: Path, padding_bytes: int, declared: int = 1000) -> Path:
    """`padded_xlsx` whose local and central headers both claim the sheet XML is only `declared` bytes."""
    padded_xlsx(path, padding_bytes)
    member = "xl/worksheets/sheet1.xml"
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(member).header_offset
    struct.pack_into("<I", data, local + 22, declared)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(member).file_size == declared
    return path


def entity_xlsx(path: Path) -> Path:
    """Billion laughs: nine levels of entities declared in the sheet XML, the last one used in a cell."""
    rows_xlsx(path, 1)
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)]
    doctype = ("<!DOCTYPE worksheet [" + "".join(levels) + "]>").encode()

    def attack(xml: bytes) -> bytes:
        start = xml.index(b"<worksheet")
        return xml[:start] + doctype + xml[start:].replace("张三0".encode(), b"&lol9;", 1)

    return _rewrite_member(path, "xl/worksheets/sheet1.xml", attack)


def _rewrite_member(path: Path, member: str, change: Any) -> Path:
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info, content in parts:
            archive.writestr(info.filename, change(content) if info.filename == member else content)
    return path


# whole carrier lists for the import pipeline


def excel_serial(moment: datetime) -> float:
    """What a date cell formatted as "General" holds: days since 1899-12-30 (Excel's epoch with its 1900 leap day)."""
    return (moment - datetime(1899, 12, 30)).total_seconds() / 86_400


def carrier_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = TITLE) -> Path:
    """A carrier export: a title merged over the header's width, the header on row 2, `rows` from row 3, then a
    合计 row the reader drops. Row n of `rows` is sheet row n + 3."""
    width = _column_letter(len(header))
    total: list[Any] = ["合计", len(rows)] + [None] * (len(header) - 2)
    return write_xlsx(path, [[title], list(header), *rows, total], merges=[f"A1:{width}1"])


def carrier_xls(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = TITLE) -> Path:
    """`carrier_xlsx` as an old .xls by xlwt (dates as date cells, numbers as numbers)."""
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet("Sheet1")
    worksheet.write_merge(0, 0, 0, len(header) - 1, title)
    when_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    day_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, text in enumerate(header):
        worksheet.write(1, c, text)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is None:
                continue
            style = when_style if isinstance(value, datetime) else day_style if isinstance(value, date) else None
            worksheet.write(r, c, value, style or xlwt.Style.default_style)
    worksheet.write(2 + len(rows), 0, "合计")
    workbook.save(str(path))
    return path


def carrier_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], encoding: str) -> Path:
    """A CSV as Excel saves it ("gbk": plain CSV on Chinese Windows, "utf-8-sig": CSV UTF-8); line n of `rows`
    is line n + 2 of the file."""
    path.write_bytes(csv_bytes([list(header), *rows], encoding))
    return path


def pasted_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows copied from a carrier's web page: a caption line, the header, tab-separated rows, a blank line."""
    return "查询结果\n" + table_text([list(header), *rows], "\t", "\n") + "\n"


def big_stuck_xlsx(path: Path, count: int, *, first: int = 0) -> Path:
    """`count` problem parcels with distinct 15-digit waybills (written streaming, so 30,000 rows take seconds)."""
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet("Sheet1")
    worksheet.append(["运单号", "快递公司", "问题类型", "登记时间", "收件人电话", "问题描述"])
    reasons = ("地址不详", "拒收", "无人接听", "关机", "客户自取")
    for i in range(first, first + count):
        moment = datetime(2026, 11, 1 + i % 20, 8 + i % 10, i % 60)
        worksheet.append([WAYBILL + i, "申通", reasons[i % 5], moment, f"138****{i % 10_000:04d}", f"第{i}件"])
    workbook.save(path)
    return path


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
