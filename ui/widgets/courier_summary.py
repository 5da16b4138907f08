"""What the courier list says about a courier's areas and stand-ins: only what still holds today or lies ahead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication

from app.directory.couriers import CourierView, StandInView
from ui.widgets.optional_date import date_text
from ui.widgets.record_list import LIST_JOINER


def areas_text(courier: CourierView, today: date) -> str:
    """The areas covered today or later, with their dates when there are any: 红星片区、城东片区 (–2025-12-31)."""
    parts = []
    for link in courier.areas:
        if link.valid_to is not None and link.valid_to < today:
            continue
        dates = (
            f" ({date_text(link.valid_from)}–{date_text(link.valid_to)})" if link.valid_from or link.valid_to else ""
        )
        parts.append(f"{link.area_name}{dates}")
    return LIST_JOINER.join(parts)


def stand_ins_text(courier: CourierView, today: date) -> str:
    """Stand-ins that have not ended: who stands in for this courier, then for whom this courier stands in."""

    def live(rows: Sequence[StandInView]) -> list[StandInView]:
        return [s for s in rows if s.date_to >= today]

    covered = QCoreApplication.translate("DirectoryPage", "{name} stands in {start}–{end}")
    covering = QCoreApplication.translate("DirectoryPage", "for {name} {start}–{end}")
    parts = [covered.format(name=s.courier_name, start=s.date_from, end=s.date_to) for s in live(courier.covered_by)]
    parts += [
        covering.format(name=s.for_courier_name, start=s.date_from, end=s.date_to) for s in live(courier.stand_ins)
    ]
    return "；".join(parts)
