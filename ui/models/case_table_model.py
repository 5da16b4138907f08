"""The big list of all cases (app.case_query) as a paging table model; see `PagedTableModel`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app import case_query
from app.case_query import CaseFilter, CaseRow
from app.columns import CASE_COLUMNS, Column
from app.desk import Desk
from ui.models.paged_table_model import (
    PAGE_SIZE,
    URGENCY_COLOURS,
    URGENT_TEXT,
    PagedTableModel,
    RowRole,
    SortRole,
    UrgencyRole,
)

__all__ = ["PAGE_SIZE", "URGENCY_COLOURS", "URGENT_TEXT", "CaseTableModel", "RowRole", "SortRole", "UrgencyRole"]


class CaseTableModel(PagedTableModel):
    RIGHT_ALIGNED = frozenset({"id", "priority"})

    def __init__(self, desk: Desk, *, columns: Sequence[Column] = CASE_COLUMNS, **options: Any) -> None:
        super().__init__(desk, case_query, CaseFilter(), columns=columns, **options)

    def due(self, row: CaseRow) -> datetime | None:
        return None if row.closed_at is not None else row.due_at

    def tooltip(self, row: CaseRow, column: Column) -> str | None:
        return (row.detail or None) if column.key == "detail" else None
