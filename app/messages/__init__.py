"""One catalogue of everything `app/` tells a user, in Chinese and English.

Messages are looked up by a stable code so tests, logs and the CLI can name them; parameters are filled with
`str.format`. Each area keeps its entries in a module of this package (pure data, no imports); the catalogue is
their union and a code may be defined only once. The UI's own widget strings live in Qt translation files instead.
"""

from __future__ import annotations

from typing import Any

from app.messages import (
    attachments,
    backups,
    claims,
    directory,
    export,
    general,
    import_files,
    import_values,
    imports,
    money,
    notebook,
    stuck,
)

_PARTS = (
    general.MESSAGES,
    attachments.MESSAGES,
    stuck.MESSAGES,
    export.MESSAGES,
    import_files.MESSAGES,
    import_values.MESSAGES,
    imports.MESSAGES,
    directory.MESSAGES,
    notebook.MESSAGES,
    claims.MESSAGES,
    money.MESSAGES,
    backups.MESSAGES,
)
CATALOGUE: dict[str, tuple[str, str]] = {code: pair for part in _PARTS for code, pair in part.items()}
assert len(CATALOGUE) == sum(map(len, _PARTS)), "a message code is defined twice"


def text(code: str, lang: str = "zh", **params: Any) -> str:
    """The message for `code` in `lang` ("zh" or "en"), with parameters filled in."""
    zh, en = CATALOGUE.get(code, (code, code))
    template = en if lang.startswith("en") else zh
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
