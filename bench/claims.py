"""The claim form PDF (issue 8): `app.export.claim_form.render_claim_form` for a claim with six 3000×2000 photos,
against reportlab's canvas writing one plain A4 page with the same six JPEG files drawn by `drawImage` (reportlab
copies a JPEG into the PDF as it is, without decoding it). Target: under 300 ms (median of the runs after the
first, which pays for registering the font and the imports).

Both sides write binary streams: importing app.export.pdf turns reportlab's ASCII85 off process-wide (without the
optional rl-accel it encodes in pure Python: with it on, this baseline took 4.1 s for the 17 MB of photos).

The photos are photo-like (a gradient under noise, quality 90, about 2–3 MB each), so decoding them costs what a
phone's photo costs; the form decodes each at 1/4 scale and re-encodes it at 720 px, the baseline embeds the
originals. The form also lays out its tables, the barcode and the text.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from bench.common import Result, Target, result, timed, timed_pair

PHOTOS = 6
PHOTO_SIZE = (3000, 2000)
FORM_TARGET = 0.300


def photo_jpeg(n: int) -> bytes:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE).convert("RGB")
    noise = Image.effect_noise(PHOTO_SIZE, 60).convert("RGB")
    tint = Image.new("RGB", PHOTO_SIZE, ((n * 70) % 256, (n * 130) % 256, (n * 200) % 256))
    image = Image.blend(Image.blend(gradient, tint, 0.4), noise, 0.35)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def add_claim(database: Any, photos: list[bytes]) -> int:
    from decimal import Decimal

    from app import settings
    from app.claims import records
    from app.claims.records import ClaimFacts, NewClaim
    from app.operators import create_operator

    facts = ClaimFacts(
        loss_type="damaged",
        claimant_name="张三",
        claimant_phone="13812345678",
        item="陶瓷花瓶",
        quantity=2,
        declared_value=Decimal("800.00"),
        actual_loss=Decimal("600.00"),
        freight=Decimal("12.00"),
        loss_note="开箱发现花瓶碎裂，外箱一角压扁，已拍照留证。",
        claimed_amount=Decimal("600.00"),
    )
    with database.write() as session:
        actor = create_operator(session, "王芳", role="clerk")
        settings.put(session, "outlet.name", "城东网点", actor=actor)
        claim = records.create_claim(session, NewClaim("YT8962646785389", facts), actor=actor)
        for n, data in enumerate(photos, 1):
            records.add_photo(session, claim.id, data, f"照片{n}.jpg", actor=actor)
        return claim.id


def raw_page(path: Path, files: list[Path]) -> None:
    """One A4 page with the six files in a 3×2 grid, drawn straight from the originals."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    width, height = 56 * mm, 37 * mm
    for n, file in enumerate(files):
        x = 18 * mm + (n % 3) * 58 * mm
        y = A4[1] - 60 * mm - (n // 3) * 45 * mm
        canvas.drawImage(str(file), x, y, width, height, preserveAspectRatio=True)
    canvas.showPage()
    canvas.save()


def bench_claim_form(target: Target, runs: int) -> Result:
    import app.export.pdf  # noqa: F401  (binary streams for both sides, see above)
    from app.export.claim_form import claim_form_data, render_claim_form

    photos = [photo_jpeg(n) for n in range(PHOTOS)]
    files = []
    for n, data in enumerate(photos, 1):
        file = target.workdir / f"photo{n}.jpg"
        file.write_bytes(data)
        files.append(file)
    with target.fresh() as (database, _where):
        claim_id = add_claim(database, photos)
        with database.read() as session:
            data = claim_form_data(session, claim_id)
        reads = timed(lambda: _read(database, claim_id), runs)
    form, page = target.workdir / "form.pdf", target.workdir / "raw.pdf"

    def app_call() -> None:
        render_claim_form(data, form)

    def raw_call() -> None:
        raw_page(page, files)

    app_call(), raw_call()  # the first: the font registered, reportlab and Pillow imported
    samples, base = timed_pair(app_call, raw_call, runs)
    kib = sum(len(p) for p in photos) // 1024
    reads.sort()
    print(
        f"claim form: {form.stat().st_size // 1024} KiB (photos {kib} KiB as attached; baseline page "
        f"{page.stat().st_size // 1024} KiB); claim_form_data read median {reads[len(reads) // 2] * 1000:.1f} ms",
        file=sys.stderr,
        flush=True,
    )
    return result(
        f"claim form ({PHOTOS} photos {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]})",
        target.engine,
        PHOTOS,
        samples,
        "reportlab canvas: plain A4 page, the 6 original JPEGs via drawImage",
        base,
        FORM_TARGET,
    )


def _read(database: Any, claim_id: int) -> None:
    from app.export.claim_form import claim_form_data

    with database.read() as session:
        claim_form_data(session, claim_id)
