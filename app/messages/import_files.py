"""Messages of reading import files and pasted tables: encodings, sheets, headers and refused files."""

MESSAGES: dict[str, tuple[str, str]] = {}
