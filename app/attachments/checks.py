"""What a picture must be before it is stored: small enough, a real image by its content, whole, not a pixel bomb.

Only images are accepted (JPEG, PNG, WEBP, GIF, BMP): claims and follow-ups need photos and screenshots, and a
PDF or an office file would need checks and a viewer of its own. The file's name is never consulted: the format
is what Pillow finds in the bytes, so an executable, a ZIP or a text file renamed `.jpg` is refused.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import ValidationError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 15 * 1024 * 1024
    max_pixels: int = 40_000_000
    formats: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "GIF", "BMP")


LIMITS = Limits()
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_EXIF_ORIENTATION = 0x0112
_MAX_FRAME_LOAD = 4  # all frames of an animation together: at most this many times the pixel cap
DECODE_ERRORS = (OSError, UnidentifiedImageError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


def _refuse(code: str, **params: object) -> ValidationError:
    return ValidationError(code, fields={"file": code}, **params)


def _open(data: bytes) -> Image.Image:
    """The image with only its header read, after the size checks; refuses what is not an image or too large."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except UnidentifiedImageError as exc:
            raise _refuse("attachment_not_image") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _refuse("attachment_too_many_pixels", limit_mp=LIMITS.max_pixels // 1_000_000) from exc
        except DECODE_ERRORS as exc:
            raise _refuse("attachment_corrupt") from exc
    if image.format not in LIMITS.formats:
        image.close()
        raise _refuse("attachment_format", format=image.format or "?")
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > LIMITS.max_pixels:
        image.close()
        raise _refuse("attachment_too_many_pixels", limit_mp=LIMITS.max_pixels // 1_000_000)
    return image


def check_image(data: bytes) -> tuple[str, int, int]:
    """The MIME type and the width and height as shown (EXIF orientation applied) of a picture fit to store.

    Raises `ValidationError` with one catalogue message for an empty file, one over the byte cap, anything that is
    not a picture by its content, an unsupported format, a pixel bomb (judged from the header, before decoding)
    and a truncated or corrupt file (Pillow's `verify` and then a full decode of every frame)."""
    if not data:
        raise _refuse("attachment_empty")
    if len(data) > LIMITS.max_bytes:
        raise _refuse("attachment_too_large", limit_mb=LIMITS.max_bytes // (1024 * 1024))
    with _open(data) as image:
        mime = Image.MIME.get(image.format or "", "application/octet-stream")
        width, height = image.size
        try:
            image.verify()
        except DECODE_ERRORS as exc:
            raise _refuse("attachment_corrupt") from exc
    with _open(data) as image:
        try:
            frames = getattr(image, "n_frames", 1)
            if frames * width * height > LIMITS.max_pixels * _MAX_FRAME_LOAD:  # an animation of many big frames
                raise _refuse("attachment_too_many_pixels", limit_mp=LIMITS.max_pixels // 1_000_000)
            for frame in range(frames):
                image.seek(frame)
                image.load()
            orientation = image.getexif().get(_EXIF_ORIENTATION)
        except DECODE_ERRORS as exc:
            raise _refuse("attachment_corrupt") from exc
    if orientation in _ROTATED:
        width, height = height, width
    return mime, width, height


def thumbnail(data: bytes, size: int = 160) -> bytes:
    """A PNG at most `size` pixels on its longer side, aspect kept, turned upright by its EXIF orientation."""
    with _open(data) as image:
        try:
            image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a reduced scale, much faster for photos
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((size, size))
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA")
            out = io.BytesIO()
            upright.save(out, format="PNG")
        except DECODE_ERRORS as exc:
            raise _refuse("attachment_corrupt") from exc
    return out.getvalue()
