"""The progress/cancel port of long work (exports, imports): the GUI's task runner hands in two callables, the
command line none. Checked every `CHECK_EVERY` rows so a 50,000-row job stays responsive without a call per row."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]
CHECK_EVERY = 500


class Ticker:
    """Reports progress and raises `stop()` once the clerk has pressed Cancel."""

    def __init__(
        self, total: int, progress: Progress | None, cancelled: Cancelled | None, stop: Callable[[], Exception]
    ) -> None:
        self.total = total
        self._progress = progress
        self._cancelled = cancelled
        self._stop = stop
        self._base = 0
        self.report(0)

    def after(self, offset: int) -> Ticker:
        """The same bar for the next phase: its `done` counts from `offset` (checking, then writing)."""
        later = Ticker(self.total, None, self._cancelled, self._stop)  # no report of 0: the bar never goes back
        later._progress, later._base = self._progress, offset
        return later

    def report(self, done: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise self._stop()
        if self._progress is not None:
            self._progress(self._base + done, self.total)

    def tick(self, done: int) -> None:
        if done % CHECK_EVERY == 0:
            self.report(done)
