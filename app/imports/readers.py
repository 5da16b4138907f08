"""Read an import file or a pasted table into a Table: the one entry point the import pipeline, the wizard and
the command line use. A file that cannot be imported at all raises ImportRefused with one sentence; nothing
of it is read further.

Values stay as the file holds them (calamine gives floats for whole numbers and date/datetime for dates);
`app.imports.values` normalises them.
"""

from __future__ import annotations

from pathlib import Path

from app.imports.guards import ImportRefused, Limits, check_path, check_xls, check_xlsx
from app.imports.header import HeaderHint
from app.imports.read_csv import decode_text, read_csv_bytes, read_pasted_text
from app.imports.read_sheet import read_workbook, workbook_sheet_names
from app.imports.table import Table
from app.messages import text as message_text

__all__ = [
    "ALLOWED_SUFFIXES",
    "DEFAULT_LIMITS",
    "HeaderHint",
    "ImportRefused",
    "Limits",
    "read_bytes_csv",
    "read_file",
    "read_pasted",
    "sheet_names",
]

DEFAULT_LIMITS = Limits()
_XLSX = (".xlsx", ".xlsm")
_XLS = (".xls",)
_TEXT = (".csv", ".txt", ".tsv")
ALLOWED_SUFFIXES = _XLSX + _XLS + _TEXT


def read_file(
    path: Path,
    *,
    sheet: str | None = None,
    header_hint: HeaderHint | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Table:
    """One sheet of a workbook (`sheet` by name, else the first visible one with data) or a CSV/text file."""
    path = Path(path)
    suffix = _checked_suffix(path, limits)
    if suffix in _TEXT:
        return read_bytes_csv(_read_bytes(path), name=path.name, header_hint=header_hint, limits=limits)
    return read_workbook(path, sheet=sheet, header_hint=header_hint, limits=limits)


def read_pasted(text: str, *, header_hint: HeaderHint | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """A table copied from a web page or Excel (the command line's "-" feeds stdin here)."""
    return read_pasted_text(text, header_hint=header_hint, limits=limits)


def read_pasted_bytes(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Table:
    """A pasted table arriving as bytes (the command line's stdin): decoded like a CSV file, split like a paste."""
    name = message_text("import_pasted_name")
    if len(data) > limits.max_file_bytes:
        raise ImportRefused("import_file_too_big", name=name, limit_mb=limits.max_file_bytes // (1024 * 1024))
    return read_pasted_text(decode_text(data, name), header_hint=None, limits=limits)


def read_bytes_csv(
    data: bytes, *, name: str, header_hint: HeaderHint | None = None, limits: Limits = DEFAULT_LIMITS
) -> Table:
    """CSV or tab-separated text already in memory (an upload, stdin as bytes); the encoding is detected."""
    return read_csv_bytes(data, name=name, header_hint=header_hint, limits=limits)


def sheet_names(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> tuple[str, ...]:
    """Every sheet of a workbook, for the wizard's picker; () for CSV and text files."""
    path = Path(path)
    if _checked_suffix(path, limits) in _TEXT:
        return ()
    return workbook_sheet_names(path)


def _checked_suffix(path: Path, limits: Limits) -> str:
    """The file exists, is readable, and its content is what the suffix claims (workbooks pass the guards)."""
    head = check_path(path, limits)
    suffix = path.suffix.lower()
    if suffix in _XLSX:
        check_xlsx(path, head, limits)
    elif suffix in _XLS:
        check_xls(path, head)
    elif suffix not in _TEXT:
        raise ImportRefused("import_bad_suffix", suffix=path.suffix or path.name, allowed=" ".join(ALLOWED_SUFFIXES))
    return suffix


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise ImportRefused("import_file_unreadable", name=path.name) from None
