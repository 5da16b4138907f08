"""Pinyin initials for search (`hxl` finds 华兴里). pypinyin is imported on first use: it costs ~165 ms."""

from __future__ import annotations

from functools import cache


@cache
def _lazy() -> tuple[object, object]:
    import pypinyin

    return pypinyin.lazy_pinyin, pypinyin.Style.FIRST_LETTER


def initials(text: str) -> str:
    """Lower-case initials of the Chinese characters; Latin letters and digits kept as they are."""
    lazy_pinyin, first_letter = _lazy()
    parts = lazy_pinyin(text, style=first_letter, errors="default")  # type: ignore[operator]
    return "".join(parts).lower().replace(" ", "")
