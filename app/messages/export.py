"""Messages of exports: the daily exception sheet, case lists and export profiles."""

MESSAGES: dict[str, tuple[str, str]] = {}
