"""The stuck-parcel list (app.stuck_query) as a paging table model; see `PagedTableModel`.

A row is coloured by the earliest of its own due time and the answer we owe the other outlet (`next_due`), so a
留言 waiting for our reply turns the row orange on its last day and red once it is late.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app import stuck_query
from app.columns import STUCK_COLUMNS, Column, local_time, phone
from app.desk import Desk
from app.stuck_query import StuckFilter, StuckRow
from ui.models.paged_table_model import PagedTableModel

DEFAULT_FILTER = StuckFilter(open_only=True)


class StuckTableModel(PagedTableModel):
    RIGHT_ALIGNED = frozenset({"id", "round_no"})

    def __init__(self, desk: Desk, *, columns: Sequence[Column] = STUCK_COLUMNS, **options: Any) -> None:
        super().__init__(desk, stuck_query, DEFAULT_FILTER, columns=columns, **options)

    def due(self, row: StuckRow) -> datetime | None:
        return row.next_due

    def tooltip(self, row: StuckRow, column: Column) -> str | None:
        """The recipient (phone masked) on the waybill; the whole 留言 thread summary on the message cells."""
        if column.key == "waybill_no":
            who = " ".join(filter(None, (row.recipient_name, phone(row.recipient_phone, self.format))))
            return self.tr("Recipient: {who}").format(who=who) if who else None
        if column.key in ("message_text", "reply_text") and row.message_text:
            sent = row.message_direction == "sent"
            lines = [
                (self.tr("We wrote at {at}:") if sent else self.tr("They wrote at {at}:")).format(
                    at=local_time(row.message_at, self.format)
                ),
                row.message_text,
            ]
            if row.reply_text:
                lines += [
                    (self.tr("They replied at {at}:") if sent else self.tr("We replied at {at}:")).format(
                        at=local_time(row.reply_at, self.format)
                    ),
                    row.reply_text,
                ]
            return "\n".join(lines)
        return None
