"""The crash handler: a bug anywhere in the GUI writes a log and shows a calm message, never a traceback.

Expected errors (validation, storage) that escape a slot are shown as their one sentence instead; only bugs
get a crash log. Installed as `sys.excepthook`, which PySide calls for exceptions raised in slots too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from app.crashlog import write_crash_log
from app.errors import user_message
from ui.prompt import Prompt

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashHandler:
    def __init__(self, home: Path | None, prompt: Prompt, language: str = "zh_CN") -> None:
        self.home = home
        self.prompt = prompt
        self.language = language
        self.last_log: Path | None = None
        self._previous: ExceptHook | None = None
        self._handling = False

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None = None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            (self._previous or sys.__excepthook__)(kind, exc, tb)
            return
        if self._handling:  # the message box itself failed: do not loop
            sys.__excepthook__(kind, exc, tb)
            return
        self._handling = True
        try:
            self.report(exc)
        finally:
            self._handling = False

    def report(self, exc: BaseException) -> Path | None:
        """Show an expected error's sentence, or log a bug and say where the log is. Returns the log path."""
        sentence = user_message(exc, "en" if self.language.startswith("en") else "zh")
        if sentence is not None:
            self.prompt.error(None, sentence)
            return None
        self.last_log = write_crash_log(exc, home=self.home)
        text = QCoreApplication.translate(
            "CrashHandler",
            "Something went wrong inside Outlet Desk. Your saved work is safe. "
            "The details were written to {path}; please send this file to whoever looks after the program.",
        ).format(path=self.last_log)
        self.prompt.error(None, text)
        return self.last_log
