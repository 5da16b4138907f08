"""Messages of checking imported values and mapping columns: waybills, dates, phones, numbers, fields."""

MESSAGES: dict[str, tuple[str, str]] = {}
