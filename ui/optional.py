"""Parts of the desk that a build may not have yet (a dialog still being written, an export engine): the page
that offers them still opens, and says so when the clerk asks for the missing part."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def optional_module(name: str) -> ModuleType | None:
    """The module, or None when it (or its package) does not exist."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
            raise  # the module is there but something it needs is not: a real fault
        return None


def optional(module: str, name: str) -> Any:
    """A class or function of an optional module, or None."""
    found = optional_module(module)
    return getattr(found, name) if found is not None else None
