"""Messages of the import run: targets, profiles, upserts, the morning reconcile and the command line."""

MESSAGES: dict[str, tuple[str, str]] = {}
