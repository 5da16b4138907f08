"""Workbooks (.xlsx, .xlsm, .xls) through python-calamine, after the guards have passed the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import python_calamine as calamine
from python_calamine import CalamineWorkbook

from app.imports.guards import ImportRefused, Limits
from app.imports.header import Grid, HeaderHint, Merge, row_is_blank, shape_table
from app.imports.table import Table

T = TypeVar("T")


def workbook_sheet_names(path: Path) -> tuple[str, ...]:
    with _open_workbook(path) as workbook:
        return tuple(workbook.sheet_names)


def read_workbook(path: Path, *, sheet: str | None, header_hint: HeaderHint | None, limits: Limits) -> Table:
    with _open_workbook(path) as workbook:
        names = tuple(workbook.sheet_names)
        if sheet is not None:
            grid = _load_named(workbook, sheet, names, path, limits)
            chosen = sheet
        else:
            chosen, grid = _load_first_with_data(workbook, path, limits)
    return shape_table(grid, name=path.name, sheet=chosen, sheets=names, header_hint=header_hint)


def _open_workbook(path: Path) -> CalamineWorkbook:
    return _calling_calamine(path, lambda: CalamineWorkbook.from_path(str(path)))


def _calling_calamine(path: Path, call: Callable[[], T]) -> T:
    """calamine's own errors, and a Rust panic on a malformed file, become one sentence."""
    try:
        return call()
    except calamine.PasswordError:
        raise ImportRefused("import_encrypted", name=path.name) from None
    except calamine.CalamineError:
        raise ImportRefused("import_workbook_damaged", name=path.name) from None
    except OSError:
        raise ImportRefused("import_file_unreadable", name=path.name) from None
    except (ValueError, OverflowError):  # a cell value Python cannot hold, such as a date before year 1
        raise ImportRefused("import_workbook_damaged", name=path.name) from None
    except BaseException as exc:
        # pyo3 raises PanicException (a BaseException, not importable by name) when calamine panics
        if type(exc).__name__ == "PanicException":
            raise ImportRefused("import_workbook_damaged", name=path.name) from None
        raise


def _load_named(workbook: CalamineWorkbook, sheet: str, names: tuple[str, ...], path: Path, limits: Limits) -> Grid:
    if sheet not in names:
        listed = " / ".join(names)
        raise ImportRefused("import_unknown_sheet", sheet=sheet, sheets=listed)
    grid = _load_grid(workbook, sheet, path, limits)
    if grid is None:
        raise ImportRefused("import_sheet_empty", sheet=sheet)
    return grid


def _load_first_with_data(workbook: CalamineWorkbook, path: Path, limits: Limits) -> tuple[str, Grid]:
    """Hidden sheets and chart sheets are skipped: clerks pick what they can see."""
    for meta in workbook.sheets_metadata:
        if meta.visible != calamine.SheetVisibleEnum.Visible or meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        grid = _load_grid(workbook, meta.name, path, limits)
        if grid is not None:
            return meta.name, grid
    raise ImportRefused("import_no_data_sheet", name=path.name)


def _load_grid(workbook: CalamineWorkbook, name: str, path: Path, limits: Limits) -> Grid | None:
    """The sheet's used range with the row numbers Excel shows (the range need not start at A1); None when it
    holds no value."""
    sheet = _calling_calamine(path, lambda: workbook.get_sheet_by_name(name))
    if sheet.start is None or sheet.height == 0:
        return None
    if sheet.height > limits.max_rows:
        raise ImportRefused("import_too_many_rows", limit=limits.max_rows)
    if sheet.width > limits.max_columns:
        raise ImportRefused("import_too_many_columns", limit=limits.max_columns)
    if sheet.height * sheet.width > limits.max_cells:
        raise ImportRefused("import_too_many_cells", rows=sheet.height, columns=sheet.width)
    first_row, first_column = sheet.start
    rows = _calling_calamine(path, sheet.to_python)
    if all(row_is_blank(row) for row in rows):
        return None
    merges = tuple(_shifted(sheet.merged_cell_ranges or [], first_row, first_column))
    return Grid(numbers=range(first_row + 1, first_row + 1 + len(rows)), rows=rows, merges=merges)


def _shifted(
    ranges: list[tuple[tuple[int, int], tuple[int, int]]], first_row: int, first_column: int
) -> Iterator[Merge]:
    for (top, left), (bottom, right) in ranges:
        yield top - first_row, left - first_column, bottom - first_row, right - first_column
