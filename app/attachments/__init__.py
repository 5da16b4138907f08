"""Photos and screenshots: checked with Pillow, stored once by content in the database, linked to their records.

`checks` decides what may be stored and makes thumbnails, `names` cleans original names (data, never a path),
`store` keeps the blobs and links.
"""

from app.attachments.checks import LIMITS, Limits, check_image, thumbnail
from app.attachments.names import clean_name
from app.attachments.store import AttachmentView, attach, attachment_data, detach, list_attachments, store_image

__all__ = [
    "LIMITS",
    "AttachmentView",
    "Limits",
    "attach",
    "attachment_data",
    "check_image",
    "clean_name",
    "detach",
    "list_attachments",
    "store_image",
    "thumbnail",
]
