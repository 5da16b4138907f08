"""Attachments: hostile names kept as data only, pictures checked by their content (size, pixels, format, whole),
stored once by SHA-256 on both engines, detached without losing a shared blob, thumbnails upright and small."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app import attachments
from app.actor import Actor
from app.attachments import LIMITS, attach, attachment_data, check_image, clean_name, detach, list_attachments
from app.errors import NotFoundError, ValidationError
from app.messages import text
from db.engine import Database
from db.models import Attachment, AttachmentLink, AuditEntry


def picture(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), *, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, format=fmt, exif=exif)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def noise_jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1)).save(out, "JPEG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares `width`×`height`: a pixel bomb if anything decoded it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def refused(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_image(data)
    assert caught.value.fields == {"file": caught.value.code}
    sentence = caught.value.message("zh")
    assert sentence.endswith("。") and "{" not in sentence and "{" not in caught.value.message("en")
    return caught.value.code


# --- names ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("..\\..\\x.jpg", "x.jpg"),
        ("../../etc/passwd", "passwd"),
        ("C:\\x.jpg", "x.jpg"),
        ("C:x.jpg", "x.jpg"),
        ("\\\\server\\share\\照片\\破损.jpg", "破损.jpg"),
        ("/abs/path/to/a.png", "a.png"),
        ("a.jpg:ads", "a.jpg"),
        ("a.jpg::$DATA", "a.jpg"),
        ("CON.jpg", "_CON.jpg"),
        ("con.tar.gz", "_con.tar.gz"),
        ("nul", "_nul"),
        ("COM1.png", "_COM1.png"),
        ("LPT9.jpg", "_LPT9.jpg"),
        ("CON .jpg", "_CON .jpg"),
        ("COM10.jpg", "COM10.jpg"),  # not a device
        ("CONSOLE.jpg", "CONSOLE.jpg"),
        ("photo\x00.jpg", "photo.jpg"),
        ("bad\x1b[31m.jpg", "bad[31m.jpg"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # the bidi override that shows it as "…exe.jpg" is dropped
        ("a<b>c|d?.jpg", "a_b_c_d_.jpg"),
        ("  trailing dots... ", "trailing dots"),
        ("...", ""),
        ("..", ""),
        ("dir/", "dir"),
        ("", ""),
        (None, ""),
        ("快递面单.JPG", "快递面单.JPG"),
    ],
)
def test_clean_name_keeps_only_a_harmless_last_component(raw: str | None, clean: str) -> None:
    assert clean_name(raw) == clean


def test_over_long_names_are_cut_keeping_the_extension() -> None:
    long = "破" * 300 + ".jpeg"
    cleaned = clean_name(long)
    assert len(cleaned) == attachments.names.MAX_NAME and cleaned.endswith(".jpeg")
    assert clean_name("x" * 500) == "x" * attachments.names.MAX_NAME
    assert len(clean_name("a." + "b" * 300)) == attachments.names.MAX_NAME  # no real extension: plain cut


# --- content checks ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "BMP"])
def test_each_allowed_format_passes_with_its_mime_and_size(fmt: str) -> None:
    mime, width, height = check_image(picture(fmt, (70, 40)))
    assert mime == Image.MIME[fmt] and (width, height) == (70, 40)


def test_empty_oversize_and_non_images_are_refused_by_content() -> None:
    assert refused(b"") == "attachment_empty"
    assert refused(b"\xff\xd8\xff\xe0" + b"\0" * LIMITS.max_bytes) == "attachment_too_large"
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200 + b"This program cannot be run"
    assert refused(executable) == "attachment_not_image"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.jpg", picture())
    assert refused(archive.getvalue()) == "attachment_not_image"
    assert refused("不是图片，只是一段文字".encode()) == "attachment_not_image"
    assert refused(b"\xff\xd8\xff") == "attachment_not_image"  # a JPEG's first bytes: no header to read


def test_a_real_picture_in_an_unsupported_format_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "TIFF")
    assert refused(out.getvalue()) == "attachment_format"


def test_truncated_and_corrupt_pictures_are_refused() -> None:
    whole = noise_jpeg()
    assert check_image(whole)[0] == "image/jpeg"
    assert refused(whole[: len(whole) // 2]) == "attachment_corrupt"
    png = picture("PNG", (200, 200))
    assert refused(png[: len(png) - 30]) == "attachment_corrupt"
    damaged = bytearray(png)
    damaged[60:70] = b"\x00" * 10  # inside the compressed pixels: the checksum no longer matches
    assert refused(bytes(damaged)) == "attachment_corrupt"


def test_pixel_bombs_are_refused_from_the_header_before_decoding() -> None:
    bomb = png_header_only(60000, 60000)
    assert len(bomb) < 200
    assert refused(bomb) == "attachment_too_many_pixels"  # beyond Pillow's own bomb limit
    assert refused(png_header_only(8000, 6000)) == "attachment_too_many_pixels"  # 48 MP: beyond ours only
    assert text("attachment_too_many_pixels", "en", limit_mp=40) == "The picture is too large: at most 40 megapixels."


def test_thumbnails_are_small_pngs_with_the_aspect_kept_and_turned_upright() -> None:
    wide = attachments.thumbnail(picture("JPEG", (640, 320)))
    with Image.open(io.BytesIO(wide)) as image:
        assert image.format == "PNG" and image.size == (160, 80)
    # Orientation 6: stored landscape, shown portrait (the camera was turned); the thumbnail is portrait too.
    turned = picture("JPEG", (400, 200), orientation=6)
    assert check_image(turned)[1:] == (200, 400)
    with Image.open(io.BytesIO(attachments.thumbnail(turned, 100))) as image:
        assert image.size == (50, 100)
        top, bottom = image.convert("RGB").getpixel((25, 5)), image.convert("RGB").getpixel((25, 95))
    assert top[2] > top[0] and bottom[0] > bottom[2]  # the blue left half is now on top
    with Image.open(io.BytesIO(attachments.thumbnail(picture("PNG", (20, 10))))) as image:
        assert image.size == (20, 10)  # never enlarged
    with pytest.raises(ValidationError):
        attachments.thumbnail(png_header_only(60000, 60000))


# --- storing ----------------------------------------------------------------------------------------------------


def _counts(database: Database) -> tuple[int, int]:
    with database.read() as session:
        blobs = session.scalar(select(func.count()).select_from(Attachment))
        links = session.scalar(select(func.count()).select_from(AttachmentLink))
    return blobs or 0, links or 0


def test_hostile_names_are_stored_as_data_and_never_touch_the_disk(
    database: Database, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    names = ["..\\..\\x.jpg", "../../x.jpg", "C:\\x.jpg", "CON.jpg", "a.jpg:ads", None, "\x00\x01"]
    with database.write() as session:
        views = [attach(session, "claim", 7, picture(), name, actor=clerk) for name in names]
    assert [v.name for v in views] == ["x.jpg", "x.jpg", "x.jpg", "_CON.jpg", "a.jpg", "image.jpg", "image.jpg"]
    assert not list(tmp_path.rglob("x.jpg")) and not list(tmp_path.rglob("*CON*")) and not list(work.iterdir())
    with database.read() as session:
        stored = session.scalars(select(AttachmentLink.original_name).order_by(AttachmentLink.id)).all()
        assert stored == ["x.jpg", "x.jpg", "x.jpg", "_CON.jpg", "a.jpg", None, None]
        assert list_attachments(session, "claim", 7) == views
    assert _counts(database) == (1, len(names))


def test_the_same_photo_twice_is_stored_once_and_a_shared_blob_survives_a_detach(
    database: Database, clerk: Actor
) -> None:
    photo = noise_jpeg()
    with database.write() as session:
        first = attach(session, "followup", 1, photo, "破损.jpg", label="外包装", actor=clerk)
    with database.write() as session:
        second = attach(session, "claim", 2, photo, "同一张.jpg", actor=clerk)
        other = attach(session, "claim", 2, picture("PNG"), "截图.png", actor=clerk)
    assert first.attachment_id == second.attachment_id != other.attachment_id
    assert (first.mime, first.size, first.width, first.height, first.label) == (
        "image/jpeg",
        len(photo),
        400,
        300,
        "外包装",
    )
    assert _counts(database) == (2, 3)
    with database.read() as session:
        assert [v.name for v in list_attachments(session, "claim", 2)] == ["同一张.jpg", "截图.png"]
        assert list_attachments(session, "claim", 3) == []
        assert attachment_data(session, first.attachment_id) == (photo, "image/jpeg")

    with database.write() as session:
        detach(session, first.id, actor=clerk)
    assert _counts(database) == (2, 2)  # the claim still shows the photo
    with database.read() as session:
        assert attachment_data(session, second.attachment_id)[0] == photo
        assert list_attachments(session, "followup", 1) == []
    with database.write() as session:
        detach(session, second.id, actor=clerk)
    assert _counts(database) == (1, 1)  # nobody uses it any more: gone
    with database.read() as session, pytest.raises(NotFoundError):
        attachment_data(session, second.attachment_id)
    with database.write() as session, pytest.raises(NotFoundError):
        detach(session, second.id, actor=clerk)
    with database.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "attachment").order_by(AuditEntry.id)
        ).all()
    assert actions == ["attach", "attach", "attach", "detach", "detach"]


def test_a_refused_file_or_owner_stores_nothing(database: Database, clerk: Actor) -> None:
    with database.write() as session:
        with pytest.raises(ValidationError, match="not an image"):
            attach(session, "claim", 1, b"MZ\x90\x00" + b"\0" * 64, "photo.jpg", actor=clerk)
        with pytest.raises(ValidationError) as caught:
            attach(session, "../claim", 0, picture(), "a.jpg", actor=clerk)
        assert caught.value.fields == {"owner_type": "attachment_owner_invalid", "owner_id": "attachment_owner_invalid"}
        with pytest.raises(ValidationError, match="at most 60"):
            attach(session, "claim", 1, picture(), "a.jpg", label="标" * 61, actor=clerk)
    assert _counts(database) == (0, 0)


def test_an_error_after_the_blob_is_written_leaves_neither_row(database: Database, clerk: Actor) -> None:
    with pytest.raises(RuntimeError), database.write() as session:
        attach(session, "claim", 1, noise_jpeg(), "a.jpg", actor=clerk)
        raise RuntimeError("the record this photo belongs to failed to save")
    assert _counts(database) == (0, 0)
