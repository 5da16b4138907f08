"""Checks a file passes before any parser sees it: it exists, is what its suffix claims, is not locked by a
password, and does not unpack into more than the desk can hold.

Neither calamine nor openpyxl limits how far an .xlsx inflates, and the zip headers that say how big a part is
can lie, so every part is inflated here once, counting real bytes, before calamine opens the workbook.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from app.errors import UserError

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1 << 20
_OVERLAP = 64  # bytes carried from one chunk to the next so no searched pattern is cut in two
_RATIO_FLOOR = 4 << 20  # parts smaller than this may compress as well as they like
_MARKUP_SUFFIXES = (".xml", ".rels", ".vml")
_BANG_UTF8: tuple[bytes, ...] = (b"<!",)
_BANG_UTF16: tuple[bytes, ...] = (b"<\x00!\x00", b"\x00<\x00!")  # both byte orders
_UNSAFE_DECLARATIONS = (b"DOCTYPE", b"ENTITY")
_LAST_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
# cell references that name a column past Z, or a row past 99,999 (a bare 'r="' keeps the scan fast and still
# finds a reference that is not the element's first attribute)
_FAR_CELL = re.compile(rb'r="([A-Z]{2,7})(\d+)|r="[A-Z](\d{6,})')


class ImportRefused(UserError):
    """The file as a whole cannot be imported; nothing of it is read and nothing is written."""


@dataclass(frozen=True)
class Limits:
    """How much one import may hold. Lower them in tests to keep hostile files small."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_unpacked_bytes: int = 400 * 1024 * 1024
    max_ratio: int = 200
    max_rows: int = 1_000_000
    max_columns: int = 500
    max_cells: int = 30_000_000  # calamine allocates rows × columns cells, however sparse the sheet is


def check_path(path: Path, limits: Limits) -> bytes:
    """Refuse what is not a readable, non-empty file of a sane size; return its first bytes for sniffing."""
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ImportRefused("import_file_is_folder", name=name)
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(512)
    except FileNotFoundError:
        raise ImportRefused("import_file_missing", name=name) from None
    except OSError:
        raise ImportRefused("import_file_unreadable", name=name) from None
    if size == 0 or not head:
        raise ImportRefused("import_file_empty", name=name)
    if size > limits.max_file_bytes:
        raise ImportRefused("import_file_too_big", name=name, limit_mb=limits.max_file_bytes // (1024 * 1024))
    return head


def looks_like_text(head: bytes) -> bool:
    """True for an HTML page or plain text: carrier systems often save those with an .xls suffix."""
    return b"\x00" not in head and not head.startswith((ZIP_SIGNATURE, OLE_SIGNATURE))


def check_xlsx(path: Path, head: bytes, limits: Limits) -> None:
    """An .xlsx/.xlsm must be a zip whose parts inflate within the limits and declare no XML entities."""
    name = path.name
    if head.startswith(OLE_SIGNATURE):
        _refuse_ole_in_disguise(path, actual=".xls")
    if not head.startswith(ZIP_SIGNATURE):
        if looks_like_text(head):
            raise ImportRefused("import_workbook_is_text", name=name)
        raise ImportRefused("import_not_workbook", name=name, kind=".xlsx")
    _check_zip(path, limits)


def check_xls(path: Path, head: bytes) -> None:
    """An .xls must be an OLE2 compound file; a renamed .xlsx or a saved web page is named for what it is."""
    name = path.name
    if head.startswith(ZIP_SIGNATURE):
        raise ImportRefused("import_suffix_mismatch", name=name, actual=".xlsx")
    if not head.startswith(OLE_SIGNATURE):
        if looks_like_text(head):
            raise ImportRefused("import_workbook_is_text", name=name)
        raise ImportRefused("import_not_workbook", name=name, kind=".xls")
    if _holds_encrypted_package(path):
        raise ImportRefused("import_encrypted", name=name)


def _refuse_ole_in_disguise(path: Path, *, actual: str) -> NoReturn:
    """Excel saves a password-protected .xlsx as an OLE2 container with an EncryptedPackage stream."""
    if _holds_encrypted_package(path):
        raise ImportRefused("import_encrypted", name=path.name)
    raise ImportRefused("import_suffix_mismatch", name=path.name, actual=actual)


def _holds_encrypted_package(path: Path) -> bool:
    """Looks for the stream's UTF-16 name anywhere in the container rather than walking the directory chain:
    a damaged container is refused either way."""
    tail = b""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if _ENCRYPTED_PACKAGE in window:
                    return True
                tail = window[-_OVERLAP:]
    except OSError:
        raise ImportRefused("import_file_unreadable", name=path.name) from None
    return False


def _check_zip(path: Path, limits: Limits) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_declared_sizes(members, name, limits)
            unpacked = 0
            for member in members:
                unpacked += _inflate_member(archive, member, name, limits, budget=limits.max_unpacked_bytes - unpacked)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise ImportRefused("import_not_workbook", name=name, kind=".xlsx") from None
    except OSError:
        raise ImportRefused("import_file_unreadable", name=name) from None


def _check_declared_sizes(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """The cheap check first: what the central directory admits to."""
    if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
        raise ImportRefused("import_unpacked_too_big", name=name)
    for member in members:
        if _ratio_exceeded(member.file_size, member.compress_size, limits):
            raise ImportRefused("import_unpacked_too_big", name=name)


def _ratio_exceeded(unpacked: int, packed: int, limits: Limits) -> bool:
    return unpacked > _RATIO_FLOOR and unpacked > max(packed, 1) * limits.max_ratio


def _inflate_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: Limits, *, budget: int
) -> int:
    """Inflate one part in chunks, counting real bytes; the declared size is raised to the budget so a header
    that understates it cannot stop the count early. Markup is scanned for entity declarations on the way and
    worksheets are measured for rows and columns."""
    unbounded = copy(member)
    unbounded.file_size = budget + 1
    markup = member.filename.lower().endswith(_MARKUP_SUFFIXES)
    extent = _SheetExtent() if markup and member.filename.startswith("xl/worksheets/") else None
    count = 0
    tail = b""
    bangs = _BANG_UTF8
    with archive.open(unbounded) as stream:
        while chunk := stream.read(_CHUNK):
            if not count and b"\x00" in chunk[:4]:
                bangs = _BANG_UTF16
            count += len(chunk)
            if count > budget or _ratio_exceeded(count, member.compress_size, limits):
                raise ImportRefused("import_unpacked_too_big", name=name)
            if not markup:
                continue
            window = tail + chunk
            if _declares_entities(window, bangs):
                raise ImportRefused("import_xml_entities", name=name)
            if extent is not None:
                extent.measure(window)
            tail = window[-_OVERLAP:]
    if extent is not None:
        extent.check(limits)
    return count


def _declares_entities(window: bytes, bangs: tuple[bytes, ...]) -> bool:
    """quick-xml reads `<!doctype` in any letter case, so the check does too; "<!" is rare enough in
    spreadsheet XML that looking closer at each one costs nothing."""
    for bang in bangs:
        start = window.find(bang)
        while start != -1:
            following = window[start + len(bang) : start + len(bang) + 16].replace(b"\x00", b"").upper()
            if following.startswith(_UNSAFE_DECLARATIONS):
                return True
            start = window.find(bang, start + 1)
    return False


class _SheetExtent:
    """How far a worksheet's cells reach, found before calamine allocates a grid spanning them all: two cells at
    A1 and IV1000000 make a quarter-billion-cell grid from a file of a few hundred bytes. Rows come from the
    last row element of each chunk and from any cell past row 99,999; columns from any cell past Z (a sheet
    within A:Z holds at most max_rows × 26 cells, which the default limits allow)."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0  # 0: no cell past column Z

    def measure(self, window: bytes) -> None:
        last = window.rfind(b"<row ")
        if last != -1 and (found := _LAST_ROW.match(window, last)):
            self.rows = max(self.rows, int(found[1]))
        for letters, row, far_row in _FAR_CELL.findall(window):
            if letters:
                self.columns = max(self.columns, _column_number(letters))
            self.rows = max(self.rows, int(row or far_row))

    def check(self, limits: Limits) -> None:
        if self.rows > limits.max_rows:
            raise ImportRefused("import_too_many_rows", limit=limits.max_rows)
        if self.columns > limits.max_columns:
            raise ImportRefused("import_too_many_columns", limit=limits.max_columns)
        if self.columns and self.rows * self.columns > limits.max_cells:
            raise ImportRefused("import_too_many_cells", rows=self.rows, columns=self.columns)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
