"""The chase and complaint lists as paging table models (see `PagedTableModel`).

A row is coloured by its earliest open promise (callback, deadline, first response), like every list of the desk;
the repeat counter is loud (white on red) when the caller or parcel came before, and so are an outbound
parcel's stalled days once past the outlet's limit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app import chase_query, complaint_query
from app.chase_query import ChaseFilter, ChaseRow
from app.columns import Column
from app.complaint_query import ComplaintFilter, ComplaintRow
from app.desk import Desk
from ui.models.paged_table_model import PagedTableModel


class ChaseTableModel(PagedTableModel):
    RIGHT_ALIGNED = frozenset({"id", "repeat_count", "stalled_days"})

    def __init__(self, desk: Desk, **options: Any) -> None:
        super().__init__(desk, chase_query, ChaseFilter(), columns=chase_query.COLUMNS, **options)

    def due(self, row: ChaseRow) -> datetime | None:
        return row.next_due

    def alarm(self, row: ChaseRow, column: Column) -> bool:
        if column.key == "repeat_count":
            return row.repeat_count > 0
        return column.key == "stalled_days" and row.stalled

    def tooltip(self, row: ChaseRow, column: Column) -> str | None:
        if column.key in ("request", "detail", "appointment", "last_node"):
            return getattr(row, column.key) or None
        return None


class ComplaintTableModel(PagedTableModel):
    RIGHT_ALIGNED = frozenset({"id", "repeat_count", "escalation_level", "satisfaction"})

    def __init__(self, desk: Desk, **options: Any) -> None:
        super().__init__(desk, complaint_query, ComplaintFilter(), columns=complaint_query.COLUMNS, **options)

    def due(self, row: ComplaintRow) -> datetime | None:
        return row.next_due

    def alarm(self, row: ComplaintRow, column: Column) -> bool:
        if column.key == "repeat_count":
            return row.repeat_count > 0
        return column.key == "escalation_level" and row.escalation_level > 0 and row.is_open

    def tooltip(self, row: ComplaintRow, column: Column) -> str | None:
        return (row.detail or None) if column.key == "detail" else None
