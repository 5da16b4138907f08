"""Automatic backups: when one is due, which old ones to thin away, making one, and restoring one.

The policy is per PC (the ini file beside the database, handled by `ui/`), not a database setting: backups
exist only for a SQLite file, which lives on one PC (a shared outlet uses PostgreSQL, whose backups are the
server's job); the USB stick is plugged into that PC; and the policy must still be readable when the database
is damaged and needs one of its backups.

Thinning follows Anki: the newest `recent` backups are kept, then, walking back in time, one per calendar day
for `daily` days, one per week for `weekly` weeks and one per month for `monthly` months, each stage starting
where the previous kept backup's day / week / month ends. Counting days that hold backups (rather than the last
N days on the calendar) means a PC switched off for a month keeps its old backups.

After a restore, automatic backups pause until the program restarts, so the good backups that were just needed
are not rotated away by new ones of a database that may yet turn out wrong.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from app import audit
from app.actor import Actor
from app.errors import PermissionDenied, ValidationError
from app.maintenance import require_file_database
from app.operators import pin_matches
from db import backup
from db.engine import Database
from db.errors import StorageFault

AUTO_PREFIX = "outlet-desk-"
NAME = re.compile(r"^(outlet-desk|pre-migrate-\w+|before-restore|damaged)-(\d{8}-\d{6})(?:-\d+)?\.db$")
STAMP = "%Y%m%d-%H%M%S"
LIMITS = {"interval_minutes": (5, 24 * 60), "recent": (1, 100), "daily": (0, 365), "weekly": (0, 260)}
LIMITS["monthly"] = (0, 240)

_paused: set[Path] = set()  # databases restored in this process: no automatic backups until restart


@dataclass(frozen=True)
class BackupPolicy:
    interval_minutes: int = 30
    recent: int = 8
    daily: int = 7
    weekly: int = 8
    monthly: int = 12
    second_folder: Path | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BackupPolicy:
        """A policy from stored or typed values; raises ValidationError naming the bad field."""
        values: dict[str, Any] = {}
        for key, (low, high) in LIMITS.items():
            raw = data.get(key, getattr(cls, key))
            try:
                number = int(raw)
            except (TypeError, ValueError):
                raise ValidationError("bad_backup_policy", fields={key: "bad_backup_policy"}, reason=key) from None
            if isinstance(raw, bool) or not low <= number <= high:
                raise ValidationError("bad_backup_policy", fields={key: "bad_backup_policy"}, reason=f"{key} {raw}")
            values[key] = number
        folder = data.get("second_folder") or None
        return cls(**values, second_folder=Path(folder) if folder else None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["second_folder"] = str(self.second_folder) if self.second_folder else ""
        return data


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the name (the file's mtime when the name has no time)
    size: int
    kind: str  # "auto" (thinned), "pre-migrate", "before-restore" or "damaged" (never thinned)


@dataclass(frozen=True)
class BackupRun:
    path: Path
    copy: Path | None = None
    deleted: list[Path] = field(default_factory=list)
    copy_error: str | None = None  # the one sentence when the second folder could not be written
    thinned: bool = True  # False while paused after a restore


def backups_folder(home: Path) -> Path:
    return home / "backups"


def due(now: datetime, last_backup_time: datetime | None, policy: BackupPolicy) -> bool:
    """True when no backup was made yet or the newest is at least the interval old (or from the future)."""
    if last_backup_time is None:
        return True
    age = now - last_backup_time
    return age >= timedelta(minutes=policy.interval_minutes) or age < timedelta(0)


def thin(
    backups: list[tuple[Path, datetime]], now: datetime, policy: BackupPolicy, *, zone: tzinfo = UTC
) -> list[Path]:
    """The backups to delete (see the module docstring); days, weeks (from Monday) and months in `zone`."""
    del now  # the rule counts backups, not calendar time; kept for callers that think in "as of"
    ordered = sorted(backups, key=lambda item: item[1], reverse=True)
    left = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    kept_day: date | None = None
    kept_week: date | None = None
    kept_month: tuple[int, int] | None = None
    obsolete: list[Path] = []
    for number, (path, taken_at) in enumerate(ordered):
        day = taken_at.astimezone(zone).date()
        week = day - timedelta(days=day.weekday())
        month = (day.year, day.month)
        if number < policy.recent:
            pass
        elif left["daily"] and (kept_day is None or day < kept_day):
            left["daily"] -= 1
        elif left["weekly"] and (kept_week is None or week < kept_week):
            left["weekly"] -= 1
        elif left["monthly"] and (kept_month is None or month < kept_month):
            left["monthly"] -= 1
        else:
            obsolete.append(path)
            continue
        kept_day, kept_week, kept_month = day, week, month
    return obsolete


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in `folder`, newest first; an absent or unreadable folder holds none."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []
    for path in entries:
        match = NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        try:
            taken_at = datetime.strptime(match.group(2), STAMP).replace(tzinfo=UTC)
        except ValueError:
            taken_at = datetime.fromtimestamp(stat.st_mtime, UTC)
        prefix = match.group(1)
        kind = "auto" if prefix == "outlet-desk" else "pre-migrate" if prefix.startswith("pre-") else prefix
        found.append(BackupFile(path, taken_at, stat.st_size, kind))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def last_backup_time(folder: Path) -> datetime | None:
    autos = [b for b in list_backups(folder) if b.kind == "auto"]
    return autos[0].taken_at if autos else None


def is_paused(database: Database) -> bool:
    return database.path is not None and database.path.resolve() in _paused


def _free_name(folder: Path, now: datetime) -> Path:
    base = f"{AUTO_PREFIX}{now.astimezone(UTC).strftime(STAMP)}"
    target, number = folder / f"{base}.db", 2
    while target.exists():
        target, number = folder / f"{base}-{number}.db", number + 1
    return target


def run_backup(database: Database, home: Path, policy: BackupPolicy, now: datetime) -> BackupRun:
    """Back up into the data folder's backups, copy the finished file to the second folder, thin both.

    Raises StorageFault (disk full, read-only folder: the live database only read, nothing lost). A second
    folder that cannot be written is reported in `copy_error`, since the backup itself was made. While paused
    after a restore the backup is still made but nothing is deleted.
    """
    require_file_database(database)
    folder = backups_folder(home)
    made = backup.backup_to(database, _free_name(folder, now))
    copy, copy_error = None, None
    if policy.second_folder is not None:
        try:
            copy = backup.copy_file(made, policy.second_folder / made.name)
        except StorageFault as exc:
            copy_error = exc.params.get("path", str(policy.second_folder))
    if is_paused(database):
        return BackupRun(made, copy, [], copy_error, thinned=False)
    deleted = _thin_folder(folder, now, policy)
    if copy is not None and policy.second_folder is not None:
        deleted += _thin_folder(policy.second_folder, now, policy)
    return BackupRun(made, copy, deleted, copy_error)


def _thin_folder(folder: Path, now: datetime, policy: BackupPolicy) -> list[Path]:
    autos = [(b.path, b.taken_at) for b in list_backups(folder) if b.kind == "auto"]
    deleted = []
    for path in thin(autos, now, policy):
        try:
            path.unlink()
        except OSError:
            continue  # a file in use or a stick pulled out: tried again at the next backup
        deleted.append(path)
    return deleted


def newest_good_backup(folders: list[Path]) -> BackupFile | None:
    """The newest backup (any folder) that passes the full integrity check and is an Outlet Desk database."""
    candidates = [b for folder in folders for b in list_backups(folder) if b.kind in ("auto", "pre-migrate")]
    for candidate in sorted(candidates, key=lambda b: b.taken_at, reverse=True):
        if not backup.integrity_problems(candidate.path) and backup.is_outlet_desk_file(candidate.path):
            return candidate
    return None


def manager_of(source: Path, pin: str | None) -> Actor:
    """The manager whose PIN this is, looked up in the backup itself: the live database may be damaged and is
    not touched, and the restore is then recorded in the restored database under an operator it knows."""
    managers = backup.managers_in(source)
    for op_id, name, pin_hash in managers:
        if pin_matches(pin or "", pin_hash):
            return Actor(id=op_id, name=name, role="manager")
    raise PermissionDenied("restore_needs_manager")


def restore_backup(
    database: Database, source: Path, home: Path, *, manager_pin: str | None, damaged: bool = False
) -> Path:
    """Replace the database with a backup: a manager's PIN is required, the current file is kept aside (as it
    is, when `damaged`), automatic backups pause until restart, and the restore is audited. Returns the aside."""
    require_file_database(database)
    manager = manager_of(Path(source), manager_pin)
    aside = backup.restore_from(database, Path(source), aside_dir=backups_folder(home), damaged=damaged)
    if database.path is not None:
        _paused.add(database.path.resolve())
    with database.write() as session:
        audit.record(session, manager, "database", None, "restore", {"source": str(source), "aside": str(aside)})
    return aside
