"""Attachments stored in the database: each content once (by SHA-256), linked to the records that show it.

`attach` checks the picture, stores its bytes unless the same content is already there, and writes the link and
an audit entry, all in the caller's one transaction: a crash or a kill part-way leaves neither the blob nor the
link. The original name is cleaned and kept as data to show; no file is ever written under it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.attachments.checks import check_image, thumbnail
from app.attachments.names import clean_name, extension
from app.errors import NotFoundError, ValidationError
from db.models import Attachment, AttachmentLink, UnlabelledParcel

LABEL_LIMIT = 60
_OWNER_TYPE = re.compile(r"^[a-z][a-z_]{0,23}$")
UNNAMED = "image"  # the display name's stem when the original name gave nothing usable


@dataclass(frozen=True)
class AttachmentView:
    id: int  # the link's id
    attachment_id: int
    owner_type: str
    owner_id: int
    name: str  # the display name, cleaned
    label: str | None
    mime: str
    size: int
    width: int | None
    height: int | None
    created_at: datetime


def _display_name(original: str | None, mime: str) -> str:
    return original or f"{UNNAMED}.{extension(mime)}"


def _view(link: AttachmentLink, blob: Attachment) -> AttachmentView:
    return AttachmentView(
        id=link.id,
        attachment_id=blob.id,
        owner_type=link.owner_type,
        owner_id=link.owner_id,
        name=_display_name(link.original_name, blob.mime),
        label=link.label,
        mime=blob.mime,
        size=blob.size,
        width=blob.width,
        height=blob.height,
        created_at=link.created_at,
    )


def _checked_owner(owner_type: str, owner_id: int, label: str | None) -> str | None:
    errors: dict[str, str] = {}
    if not _OWNER_TYPE.match(owner_type or ""):
        errors["owner_type"] = "attachment_owner_invalid"
    if not isinstance(owner_id, int) or owner_id <= 0:
        errors["owner_id"] = "attachment_owner_invalid"
    label = (label or "").strip() or None
    if label is not None and len(label) > LABEL_LIMIT:
        raise ValidationError(
            "attachment_label_too_long", fields={"label": "attachment_label_too_long"}, limit=LABEL_LIMIT
        )
    if errors:
        raise ValidationError("attachment_owner_invalid", fields=errors)
    return label


def store_image(session: Session, data: bytes) -> Attachment:
    """The checked image stored once by content (a ValidationError names what is wrong with it); no link yet:
    for records that point at their photo directly, such as an unlabelled parcel."""
    mime, width, height = check_image(data)
    return _stored(session, data, mime, width, height)


def _stored(session: Session, data: bytes, mime: str, width: int, height: int) -> Attachment:
    """The blob for `data`: the stored one with the same content, else a new row."""
    digest = hashlib.sha256(data).hexdigest()
    found = session.scalar(select(Attachment).where(Attachment.sha256 == digest))
    if found is not None:
        return found
    blob = Attachment(sha256=digest, data=data, mime=mime, size=len(data), width=width, height=height)
    try:
        with session.begin_nested():
            session.add(blob)
    except IntegrityError:  # another PC stored the same content a moment ago
        existing = session.scalar(select(Attachment).where(Attachment.sha256 == digest))
        if existing is None:
            raise
        return existing
    return blob


def attach(
    session: Session,
    owner_type: str,
    owner_id: int,
    data: bytes,
    name: str | None,
    *,
    label: str | None = None,
    actor: Actor,
) -> AttachmentView:
    """Check `data`, store it once by content and link it to the owner record; one audit entry."""
    label = _checked_owner(owner_type, owner_id, label)
    mime, width, height = check_image(data)
    blob = _stored(session, data, mime, width, height)
    link = AttachmentLink(
        attachment_id=blob.id,
        owner_type=owner_type,
        owner_id=owner_id,
        original_name=clean_name(name) or None,
        label=label,
    )
    session.add(link)
    session.flush()
    audit.record(
        session,
        actor,
        "attachment",
        link.id,
        "attach",
        {"owner": f"{owner_type}#{owner_id}", "sha256": blob.sha256, "name": link.original_name, "label": label},
    )
    return _view(link, blob)


def list_attachments(session: Session, owner_type: str, owner_id: int) -> list[AttachmentView]:
    """The owner's attachments, oldest first (no blob bytes are read)."""
    rows = session.execute(
        select(AttachmentLink, Attachment)
        .join(Attachment, Attachment.id == AttachmentLink.attachment_id)
        .where(AttachmentLink.owner_type == owner_type, AttachmentLink.owner_id == owner_id)
        .order_by(AttachmentLink.created_at, AttachmentLink.id)
    ).all()
    return [_view(link, blob) for link, blob in rows]


def attachment_data(session: Session, attachment_id: int) -> tuple[bytes, str]:
    """The stored bytes and MIME type of one attachment."""
    row = session.execute(select(Attachment.data, Attachment.mime).where(Attachment.id == attachment_id)).one_or_none()
    if row is None:
        raise NotFoundError("not_found", what="附件", key=attachment_id)
    return bytes(row.data), row.mime


def thumbnails(session: Session, attachment_ids: list[int], size: int = 128) -> dict[int, bytes]:
    """PNG thumbnails of stored pictures by attachment id (content never changes, so callers may keep them)."""
    if not attachment_ids:
        return {}
    rows = session.execute(select(Attachment.id, Attachment.data).where(Attachment.id.in_(attachment_ids)))
    return {row.id: thumbnail(bytes(row.data), size) for row in rows}


def detach(session: Session, link_id: int, *, actor: Actor) -> None:
    """Remove one link; the blob goes too unless another link or an unlabelled parcel's photo still uses it."""
    link = session.get(AttachmentLink, link_id)
    if link is None:
        raise NotFoundError("not_found", what="附件", key=link_id)
    blob_id = link.attachment_id
    session.delete(link)
    session.flush()
    links = session.scalar(select(func.count()).where(AttachmentLink.attachment_id == blob_id))
    photos = session.scalar(select(func.count()).where(UnlabelledParcel.photo_id == blob_id))
    removed = not links and not photos
    if removed:
        blob = session.get(Attachment, blob_id)
        if blob is not None:
            session.delete(blob)
            session.flush()
    audit.record(
        session,
        actor,
        "attachment",
        link_id,
        "detach",
        {"owner": f"{link.owner_type}#{link.owner_id}", "blob_removed": removed},
    )
