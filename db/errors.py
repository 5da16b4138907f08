"""The one error `db/` raises about the environment; `app.errors` turns it into a StorageError for users."""

from __future__ import annotations

from typing import Any


class StorageFault(Exception):
    """The database or the disk is at fault. `code` is a message code of `app.messages`."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")
