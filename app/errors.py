"""The error taxonomy every caller relies on.

Three kinds, each shown differently: the user can fix it (`UserError` and its children: one sentence next to the
field or on the status bar), the environment is at fault (`StorageError`: disk full, locked, corrupt, unreachable),
or it is a bug (anything else: it reaches the crash handler). Each error carries a message code from
`app.messages` so the GUI and the command line show the same sentence in the user's language.
"""

from __future__ import annotations

from typing import Any

from app.messages import text


class DeskError(Exception):
    """Base of every error that is shown to the user as one sentence."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(text(code, "en", **params))

    def message(self, lang: str = "zh") -> str:
        return text(self.code, lang, **self.params)


class UserError(DeskError):
    """Something the user can put right."""


class CancelledByUser(UserError):
    """The clerk pressed Cancel and the work was undone (a transaction rolled back, a partial file removed)."""


class ValidationError(UserError):
    """Bad values; `fields` maps a field name to its own message code and parameters."""

    def __init__(self, code: str = "invalid_input", fields: dict[str, str] | None = None, **params: Any):
        self.fields = dict(fields or {})
        super().__init__(code, **params)


class NotFoundError(UserError):
    pass


class ConflictError(UserError):
    """Somebody saved the record since the form read it; `theirs` holds the current values."""

    def __init__(self, code: str = "stale_edit", theirs: dict[str, Any] | None = None, **params: Any):
        self.theirs = dict(theirs or {})
        super().__init__(code, **params)


class TransitionError(UserError):
    """A workflow step that the transition table does not allow."""


class PermissionDenied(UserError):
    """The action needs a manager (and the right PIN)."""


class UsageError(UserError):
    """Wrong command-line words; exit code 2 like argparse."""

    exit_code = 2


class StorageError(DeskError):
    """The database or the disk is at fault: unreachable, locked, not a database, read-only, full."""


def user_message(exc: BaseException, lang: str = "zh") -> str | None:
    """The one sentence to show for an expected error, or None for a bug (which goes to the crash handler)."""
    from db.errors import StorageFault

    if isinstance(exc, DeskError):
        return exc.message(lang)
    if isinstance(exc, StorageFault):
        return text(exc.code, lang, **exc.params)
    return None
