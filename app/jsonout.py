"""The JSON conventions of DESIGN.md §5: every field present, ISO times in the outlet's zone, money as strings."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo


def plain(value: Any, zone: ZoneInfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), zone) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v, zone) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, zone) for v in value]
    return value


def dumps(value: Any, zone: ZoneInfo) -> str:
    return json.dumps(plain(value, zone), ensure_ascii=False, indent=2)
