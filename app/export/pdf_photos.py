"""Photos on the desk's PDFs (the claim form, the evidence pack): decoded small, upright, re-encoded as JPEGs and
laid out in a captioned grid.

A phone's photo is decoded at a reduced scale, turned upright and re-encoded at about PHOTO_PIXELS on its longer
side, so six 6-megapixel photos cost a fraction of a second and the file stays small; the originals are not
printed. Pillow and reportlab are imported inside the functions: importing this module costs start-up nothing.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from app.export.pdf_story import RULE

PHOTO_PIXELS = 720  # longer side: ~350 dpi across a claim form's cell (53 mm); a 3000 px JPEG decodes at 1/4 scale
PHOTO_SLACK = 1.25  # a reduced-scale decode up to this much larger is kept as it is (resizing: 6 ms a photo)
PHOTO_QUALITY = 80

Decoded = tuple[bytes, int, int]  # the JPEG, its width and height in pixels


def photo_jpegs(photos: Sequence[bytes]) -> list[Decoded | None]:
    """`photo_jpeg` of each, side by side: decoding a phone's photo is most of a form's time, and Pillow lets go
    of the GIL while it decodes and encodes."""
    if len(photos) < 2:
        return [photo_jpeg(data) for data in photos]
    with ThreadPoolExecutor(max_workers=min(len(photos), os.cpu_count() or 1)) as pool:
        return list(pool.map(photo_jpeg, photos))


def photo_jpeg(data: bytes) -> Decoded | None:
    """The picture upright, about PHOTO_PIXELS on its longer side (at most PHOTO_SLACK times that), as a JPEG
    (transparency on white); None when it cannot be decoded (the PDF prints a note in its place instead)."""
    from PIL import Image, ImageOps

    from app.attachments.checks import DECODE_ERRORS

    try:
        with Image.open(io.BytesIO(data)) as image:
            fit = PHOTO_PIXELS / max(image.size)
            if fit < 1:  # JPEG: decode at 1/2, 1/4 or 1/8 scale, the smallest still covering the final size
                image.draft("RGB", (math.ceil(image.width * fit), math.ceil(image.height * fit)))
            upright = ImageOps.exif_transpose(image)
            if max(upright.size) > PHOTO_PIXELS * PHOTO_SLACK:
                upright.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
            if upright.mode in ("RGBA", "LA", "P", "PA"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                upright = flat
            elif upright.mode != "RGB":
                upright = upright.convert("RGB")
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=False)
            return out.getvalue(), upright.width, upright.height
    except DECODE_ERRORS:
        return None


def photo_grid(
    photos: Sequence[tuple[bytes, Any]],
    unreadable: Callable[[], Any],
    *,
    width: float,
    columns: int,
    height: float,
    room: float,
) -> Any:
    """A table of `(bytes, caption)` photos, `columns` to a row across `width` points, each downscaled and fitted
    into its cell less `room` points by `height` points over its caption; one that cannot be decoded shows
    `unreadable()` instead."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image

    from app.export.pdf import table

    cell_w = width / columns
    box_w = cell_w - room
    cells: list[Any] = []
    for (_data, caption), decoded in zip(photos, photo_jpegs([data for data, _caption in photos]), strict=True):
        if decoded is None:
            cells.append([unreadable(), caption])
            continue
        jpeg, w, h = decoded
        scale = min(box_w / w, height / h)
        cells.append([Image(io.BytesIO(jpeg), width=w * scale, height=h * scale), caption])
    cells += [""] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),  # the captions of a row on one line
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]
    return table(rows, [cell_w] * columns, commands)
