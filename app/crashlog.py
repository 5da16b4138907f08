"""Crash logs for bugs: the traceback goes to a file in the data folder, never to the user's screen."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from app import __version__


def crash_dir(home: str | Path | None) -> Path:
    from app.paths import resolve_home

    base = Path(home) if home else resolve_home()
    return base / "logs"


def write_crash_log(exc: BaseException, *, home: str | Path | None = None) -> Path:
    """Write the traceback with version and platform; falls back to the temp folder if the data folder fails."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    body = (
        f"Outlet Desk {__version__} on {platform.platform()} (Python {sys.version.split()[0]})\n"
        f"{datetime.now().isoformat()}\n\n" + "".join(traceback.format_exception(exc))
    )
    for folder in (
        crash_dir(home),
        Path.home() / ".outlet-desk-crash",
        Path("/tmp") if sys.platform != "win32" else Path.home(),
    ):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}.log"
            path.write_text(body, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("crash.log")
