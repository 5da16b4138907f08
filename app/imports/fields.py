"""What an import field is: its name, the label the wizard shows, the headers that mean it and the kind of value
it holds. The tables of fields per target live in `mapping` (carrier exports) and `directory_fields`."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("waybill", "when", "day", "phone", "text", "int", "money", "kg", "flag")


@dataclass(frozen=True)
class Field:
    """One thing an import can fill. `synonyms` are whole headers that mean it; the `loose` ones among them
    are specific enough to be found inside a longer header too ("登记时间" in "问题件登记时间")."""

    name: str
    label: str
    synonyms: tuple[str, ...]
    kind: str
    required: bool = False
    limit: int = 200
    loose: tuple[str, ...] = field(default=())


def make_field(
    name: str,
    label: str,
    kind: str,
    exact: tuple[str, ...] = (),
    loose: tuple[str, ...] = (),
    *,
    required: bool = False,
    limit: int = 200,
) -> Field:
    return Field(name, label, loose + exact, kind, required=required, limit=limit, loose=loose)
