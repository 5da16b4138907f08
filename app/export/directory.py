"""The whole directory (区域概况) to one .xlsx that imports back without losing or duplicating anything.

Five sheets — 片区, 地点, 快递员, 网点, 联系人 — each with a title row and a header row whose texts are the labels of
the matching import fields (`app.imports.directory_fields`), so `outlet-desk import F --as areas` (片区, the
first sheet), `--as areas --sheet 地点`, `--as couriers --sheet 快递员`, `--as outlets --sheet 网点` and
`--as contacts --sheet 联系人` map every column by itself. Kinds are written as their Chinese labels, carriers by
name, lists joined with 、, yes/no as 是/否, and a courier's areas and stand-ins in the cell format
`app.imports.directory_cells` documents and parses back.

Not masked: this is the outlet's own staff and partner directory, and its phones are work numbers the clerks
call every day (customers' phones never appear in it), so it needs no `--unmasked` and leaves no audit line.
Text goes through the house writer (`app.export.xlsx`), which keeps every cell a literal, never a formula.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import settings
from app.columns import Format, local_time
from app.directory.couriers import CourierView, list_courier_views
from app.directory.outlets import ContactView, OutletView, list_contacts, list_outlets
from app.directory.places import AreaView, PlaceView, list_areas, list_places
from app.errors import ValidationError
from app.export.files import atomic_output, ticker
from app.imports.directory_cells import AreaSpan, StandInSpan, format_areas, format_stand_ins
from app.imports.directory_fields import AREA_FIELDS, CONTACT_FIELDS, COURIER_FIELDS, OUTLET_FIELDS
from app.imports.fields import Field
from app.progress import Cancelled, Progress

FORMATS = (".xlsx",)
SHEETS = ("片区", "地点", "快递员", "网点", "联系人")
LIST_JOIN = "、"
_WIDTHS = {"keywords": 30, "notes": 30, "address": 30, "areas": 44, "stand_ins": 36, "flags": 18, "handles": 18}


@dataclass(frozen=True)
class DirectoryExport:
    path: Path
    counts: dict[str, int]  # sheet name -> data rows written, in `SHEETS` order

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _fields(fields: Sequence[Field], names: Iterable[str]) -> list[Field]:
    by_name = {f.name: f for f in fields}
    return [by_name[name] for name in names]


AREA_COLUMNS = _fields(AREA_FIELDS, ("area", "keywords", "notes"))
PLACE_COLUMNS = list(AREA_FIELDS)
COURIER_COLUMNS = list(COURIER_FIELDS)
OUTLET_COLUMNS = list(OUTLET_FIELDS)
CONTACT_COLUMNS = list(CONTACT_FIELDS)


def _words(items: Iterable[str]) -> str:
    return LIST_JOIN.join(items)


def _yes(value: bool) -> str:
    return "是" if value else "否"


def area_cells(area: AreaView) -> list[Any]:
    return [area.name, _words(area.keywords), area.notes]


def place_cells(place: PlaceView) -> list[Any]:
    return [
        place.area_name,
        place.kind_label,
        place.name,
        place.address,
        _words(place.keywords),
        place.phone,
        place.notes,
        _words(place.flags),
    ]


def courier_cells(courier: CourierView, names: dict[int, str]) -> list[Any]:
    """`names`: how a stand-in cell names each courier (the name, or the staff number when a name is shared)."""
    areas = format_areas(AreaSpan(a.area_name, a.valid_from, a.valid_to) for a in courier.areas)
    stand_ins = format_stand_ins(
        StandInSpan(names[s.for_courier_id], s.date_from, s.date_to) for s in courier.stand_ins
    )
    return [courier.name, courier.staff_no, courier.phone, _yes(courier.active), areas, stand_ins]


def outlet_cells(outlet: OutletView) -> list[Any]:
    return [
        outlet.kind_label,
        outlet.carrier_name or outlet.carrier,
        outlet.name,
        outlet.code,
        outlet.phone,
        outlet.contact,
        outlet.region,
        outlet.notes,
    ]


def contact_cells(contact: ContactView) -> list[Any]:
    return [contact.name, contact.role, contact.phone, _words(contact.handles), contact.notes, _yes(contact.active)]


def stand_in_names(couriers: Sequence[CourierView]) -> dict[int, str]:
    """Each courier as a stand-in cell names them: by name, by staff number when another courier has the name."""
    shared = Counter(c.name for c in couriers)
    return {c.id: c.staff_no if shared[c.name] > 1 and c.staff_no else c.name for c in couriers}


def write_directory(
    session: Session,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> DirectoryExport:
    """Write every area, place, courier (former ones too), outlet and contact to `path` (.xlsx). A cancel or an
    error leaves no file behind."""
    from app.export.xlsx import Book, SheetColumn

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValidationError(
            "export_bad_suffix", fields={"path": "export_bad_suffix"}, suffix=path.suffix or "（无）", allowed=".xlsx"
        )
    couriers = list_courier_views(session, include_inactive=True)
    names = stand_in_names(couriers)
    sheets: list[tuple[str, list[Field], list[list[Any]]]] = [
        ("片区", AREA_COLUMNS, [area_cells(a) for a in list_areas(session)]),
        ("地点", PLACE_COLUMNS, [place_cells(p) for p in list_places(session)]),
        ("快递员", COURIER_COLUMNS, [courier_cells(c, names) for c in couriers]),
        ("网点", OUTLET_COLUMNS, [outlet_cells(o) for o in list_outlets(session)]),
        ("联系人", CONTACT_COLUMNS, [contact_cells(c) for c in list_contacts(session)]),
    ]
    outlet = settings.get(session, "outlet.name") or ""
    when = local_time(datetime.now(UTC), Format(zone=settings.deadline_rules(session).tz()))
    ticks = ticker(sum(len(rows) for _, _, rows in sheets), progress, cancelled)
    counts: dict[str, int] = {}
    done = 0
    with atomic_output(path) as temp:
        book = Book()
        try:
            for name, fields, rows in sheets:
                columns = [SheetColumn(f.label, _WIDTHS.get(f.name, 14)) for f in fields]
                sheet = book.sheet(name, f"{outlet} 区域概况·{name} 导出于 {when}".strip(), columns)
                for row in rows:
                    sheet.append(row)
                    done += 1
                    ticks.tick(done)
                counts[name] = len(rows)
            ticks.report(done)
            book.save(temp)
        except BaseException:
            book.discard()
            raise
    return DirectoryExport(path=path, counts=counts)
