"""CSV and text tables: files saved by carrier systems in whatever encoding they use, and tables pasted from a web
page or Excel. Row numbers are the file's line numbers, so a rejected row can be found in Notepad."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from itertools import islice
from typing import Any

from charset_normalizer import from_bytes

from app.imports.guards import OLE_SIGNATURE, ZIP_SIGNATURE, ImportRefused, Limits
from app.imports.header import Grid, HeaderHint, shape_table
from app.imports.table import Table
from app.messages import text as message_text

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_GUESS_SAMPLE = 128 * 1024  # charset-normalizer needs a large sample; it is cut at a line end
_SNIFF_SAMPLE = 64 * 1024
_SNIFF_ROWS = 50
_DELIMITERS = ("\t", ",", ";")  # in order of preference when two fit equally well
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE_RUN = re.compile(r" {2,}|\u3000+")


def read_csv_bytes(data: bytes, *, name: str, header_hint: HeaderHint | None, limits: Limits) -> Table:
    if not data:
        raise ImportRefused("import_file_empty", name=name)
    if len(data) > limits.max_file_bytes:
        raise ImportRefused("import_file_too_big", name=name, limit_mb=limits.max_file_bytes // (1024 * 1024))
    content = decode_text(data, name)
    grid = _parse_delimited(content, sniff_delimiter(content), name, limits)
    return shape_table(grid, name=name, header_hint=header_hint)


def read_pasted_text(content: str, *, header_hint: HeaderHint | None, limits: Limits) -> Table:
    """Cells copied from Excel or a web page arrive tab-separated; text with no tab at all is split on runs of
    two or more spaces, as a table copied out of a PDF or a chat window comes."""
    if not content.strip():
        raise ImportRefused("import_pasted_empty")
    name = message_text("import_pasted_name")
    tabbed = "\t" in content
    grid = _parse_delimited(content, "\t", name, limits) if tabbed else _split_on_spaces(content, limits)
    return shape_table(grid, name=name, header_hint=header_hint)


def decode_text(data: bytes, name: str) -> str:
    """UTF-16 when it says so with a BOM, else strict UTF-8 (with or without BOM), then GB18030 (which
    contains GBK and GB2312), and only then a statistical guess."""
    if data.startswith(_UTF16_BOMS):
        decoded = _decoded(data, "utf-16")
        if decoded is None:
            raise ImportRefused("import_text_encoding", name=name)
        if "\x00" in decoded:
            raise ImportRefused("import_text_binary", name=name)
        return decoded
    if data.startswith(ZIP_SIGNATURE):
        raise ImportRefused("import_suffix_mismatch", name=name, actual=".xlsx")
    if data.startswith(OLE_SIGNATURE):
        raise ImportRefused("import_suffix_mismatch", name=name, actual=".xls")
    if b"\x00" in data:
        raise ImportRefused("import_text_binary", name=name)
    for encoding in ("utf-8-sig", "gb18030"):
        if (decoded := _decoded(data, encoding)) is not None:
            return decoded
    guessed = _guess_encoding(data)
    if guessed is not None and (decoded := _decoded(data, guessed)) is not None:
        return decoded
    raise ImportRefused("import_text_encoding", name=name)


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_encoding(data: bytes) -> str | None:
    """A sample cut inside a multibyte character makes charset-normalizer give up, so cut at a line end."""
    sample = data[:_GUESS_SAMPLE]
    if len(data) > _GUESS_SAMPLE and (end := sample.rfind(b"\n")) > 0:
        sample = sample[: end + 1]
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def sniff_delimiter(content: str) -> str:
    """The delimiter that splits the first rows into the most rows of one common width (a title line above
    the header does not count against any of them)."""
    sample = content[:_SNIFF_SAMPLE]
    if len(content) > _SNIFF_SAMPLE and (end := sample.rfind("\n")) > 0:
        sample = sample[:end]
    best, best_fit = ",", (0, 0)
    for delimiter in _DELIMITERS:
        fit = _fit(sample, delimiter)
        if fit > best_fit:
            best, best_fit = delimiter, fit
    return best


def _fit(sample: str, delimiter: str) -> tuple[int, int]:
    """(rows of the most common width, that width); a width of one means the delimiter never appeared."""
    try:
        rows = islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), _SNIFF_ROWS)
        widths = Counter(len(row) for row in rows if row)
    except csv.Error:
        return 0, 0
    if not widths:
        return 0, 0
    width, count = widths.most_common(1)[0]
    return (count, width) if width > 1 else (0, 0)


def _parse_delimited(content: str, delimiter: str, name: str, limits: Limits) -> Grid:
    """A row's number is the line it starts on: the reader's line count before it, plus one, so a quoted
    field that spans lines does not shift the rows below."""
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    numbers: list[int] = []
    rows: list[list[Any]] = []
    line = 0
    try:
        for row in reader:
            if len(row) > limits.max_columns:
                raise ImportRefused("import_too_many_columns", limit=limits.max_columns)
            numbers.append(line + 1)
            rows.append(row)
            line = reader.line_num
            if len(rows) > limits.max_rows:
                raise ImportRefused("import_too_many_rows", limit=limits.max_rows)
    except csv.Error:
        raise ImportRefused("import_text_malformed", name=name, line=line + 1) from None
    return Grid(numbers=numbers, rows=rows)


def _split_on_spaces(content: str, limits: Limits) -> Grid:
    lines = _LINE_BREAK.split(content)
    if lines and not lines[-1]:
        lines.pop()
    if len(lines) > limits.max_rows:
        raise ImportRefused("import_too_many_rows", limit=limits.max_rows)
    rows: list[list[Any]] = [_SPACE_RUN.split(line.strip()) if line.strip() else [] for line in lines]
    if any(len(row) > limits.max_columns for row in rows):
        raise ImportRefused("import_too_many_columns", limit=limits.max_columns)
    return Grid(numbers=range(1, len(rows) + 1), rows=rows)
