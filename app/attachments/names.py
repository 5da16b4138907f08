"""A file's original name made safe to show and to offer as a download name: data only, never used as a path;
and the extension a stored picture's name takes from the format its bytes are."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 100  # characters; the column holds 255
_MAX_SUFFIX = 12
_DRIVE = re.compile(r"^[A-Za-z]:")
_WINDOWS_FORBIDDEN = re.compile(r'[<>"|?*]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}  # controls, bidi overrides, surrogates, private use
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif", "image/bmp": "bmp"}


def extension(mime: str) -> str:
    """The file extension of a stored format (`app.attachments.checks` finds it in the bytes); "bin" if unknown."""
    return EXTENSIONS.get(mime, "bin")


def clean_name(name: str | None) -> str:
    """The last component of `name` split at `/` and `\\`, with drive letters, NTFS streams (`a.jpg:ads`),
    control and bidi characters, leading and trailing dots and spaces removed, Windows' forbidden characters
    replaced, reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9) prefixed with `_`, and over-long names
    cut keeping the extension. "" when nothing usable is left."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(" " if ch in "\t\r\n" else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    parts = [p for p in re.split(r"[/\\]", text) if p.strip(" .")]
    text = parts[-1] if parts else ""
    text = _DRIVE.sub("", text)
    text = text.split(":", 1)[0]  # an NTFS alternate data stream: keep the file's own name
    text = _WINDOWS_FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text:
        return ""
    stem = text.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _RESERVED:
        text = "_" + text
    return _shortened(text)


def _shortened(text: str) -> str:
    if len(text) <= MAX_NAME:
        return text
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or len(suffix) > _MAX_SUFFIX:
        return text[:MAX_NAME].rstrip(" .")
    return stem[: MAX_NAME - len(suffix) - 1].rstrip(" .") + "." + suffix
