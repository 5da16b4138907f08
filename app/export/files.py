"""Writing an export file safely: into a temporary file in the target folder, renamed into place at the end.

A rename within one folder is atomic, so the target is either the old file or the complete new one, never half a
file; the folder is checked first so a typo in the path costs no work. On Windows a file open in Excel cannot be
replaced: that (and a missing or read-only folder) becomes one sentence the clerk can act on. Also here: what
Cancel raises in an export, and unmasking: a manager's decision (DESIGN.md §3), checked by the export services
themselves before any file is written, and the audit line naming the approving manager.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import CancelledByUser, PermissionDenied, StorageError, UserError
from app.operators import approver
from app.progress import Cancelled, Progress, Ticker


class ExportCancelled(CancelledByUser):
    """The clerk pressed Cancel; the partial file has been removed."""

    def __init__(self) -> None:
        super().__init__("export_cancelled")


def ticker(total: int, progress: Progress | None, cancelled: Cancelled | None) -> Ticker:
    return Ticker(total, progress, cancelled, ExportCancelled)


def _storage_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError("disk_full")
    return StorageError("export_write_failed", path=str(path), reason=exc.strerror or str(exc))


def check_target(path: Path) -> None:
    """Refuse a target that cannot be written before any work is done: missing folder, a folder as target, or
    (Windows) a file another program holds open."""
    folder = path.parent
    if not folder.is_dir():
        raise UserError("export_folder_missing", folder=str(folder))
    if path.is_dir():
        raise UserError("export_target_is_folder", path=str(path))
    if path.exists():
        try:
            with open(path, "ab"):
                pass
        except PermissionError:
            raise UserError("export_target_locked", path=str(path)) from None


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto `path` when the block succeeds, delete it
    when the block raises (an error or a cancel)."""
    path = Path(path)
    check_target(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".~{path.stem}.", suffix=".tmp", dir=path.parent)
    except PermissionError:
        raise UserError("export_folder_not_writable", folder=str(path.parent)) from None
    except OSError as exc:
        raise _storage_error(exc, path) from exc
    os.close(fd)
    temp = Path(name)
    try:
        try:
            yield temp
        except OSError as exc:
            raise _storage_error(exc, path) from exc
        try:
            os.replace(temp, path)
        except IsADirectoryError:
            raise UserError("export_target_is_folder", path=str(path)) from None
        except PermissionError:
            raise UserError("export_target_locked", path=str(path)) from None
        except OSError as exc:
            raise _storage_error(exc, path) from exc
    finally:
        temp.unlink(missing_ok=True)


def approve_unmasked(session: Session, actor: Actor | None, pin: str | None) -> Actor:
    """The manager who approves this unmasking: the actor when a manager, else the manager whose PIN this is.
    Raises PermissionDenied; services call it before they write anything."""
    if actor is None or (not actor.is_manager and not pin):
        raise PermissionDenied("unmask_needs_manager")
    return approver(session, actor, pin)


def record_unmasked(
    session: Session, actor: Actor, *, what: str, path: Path | None, rows: int, approved_by: Actor
) -> None:
    """Personal data left the desk unmasked: say who took which file and which manager allowed it (the audit log
    is what a manager checks)."""
    changes = {"what": what, "path": None if path is None else str(path), "rows": rows}
    changes |= {"approved_by": approved_by.name, "approved_by_id": approved_by.id}
    audit.record(session, actor, "export", None, "unmasked", changes)


def authorise_unmasked(
    session: Session, actor: Actor | None, pin: str | None, *, what: str, path: Path | None, rows: int
) -> Actor:
    """Check and record in one write, for output whose size is known before it leaves (the WeChat text)."""
    manager = approve_unmasked(session, actor, pin)
    record_unmasked(session, actor or manager, what=what, path=path, rows=rows, approved_by=manager)
    return manager
