"""Where things live: the data folder, the database location and the bundled resources.

One locator serves the source tree and a PyInstaller bundle alike. Precedence for the database follows
DESIGN.md §5: --db, then OUTLET_DESK_DB, then a portable marker beside the exe, then the data folder's file.
"""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "OutletDesk"
DB_FILENAME = "outlet-desk.db"
INI_FILENAME = "outlet-desk.ini"
PORTABLE_MARKER = "portable.txt"
# Windows refuses folders of 248 characters or more (MAX_PATH 260 less an 8.3 file name) unless the path carries
# the `\\?\` prefix. A data folder gets it well before that, leaving room for the names written below it
# (backups\outlet-desk-YYYYMMDD-HHMMSS.db, attachments\…).
WINDOWS_MAX_DIR = 248
ROOM_BELOW_HOME = 64
_LONG_PREFIX = "\\\\?\\"


def resources_dir() -> Path:
    """The `resources/` folder, inside a frozen bundle (sys._MEIPASS) or beside the source packages."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def exe_dir() -> Path:
    """Folder of the running program: the exe when frozen, the project root otherwise."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_home(base: Path | None = None) -> Path | None:
    """The data folder beside the exe when the portable marker file is there."""
    base = base or exe_dir()
    return base / "data" if (base / PORTABLE_MARKER).is_file() else None


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def long_path(path: Path, *, windows: bool | None = None) -> Path:
    """On Windows, a data folder too long for the classic limit gets the long-path prefix (made absolute first:
    the prefix also turns off Windows' own handling of `..` and `/`); unchanged elsewhere and when short enough."""
    windows = sys.platform == "win32" if windows is None else windows
    text = str(path)
    if not windows or text.startswith(_LONG_PREFIX) or len(text) + ROOM_BELOW_HOME < WINDOWS_MAX_DIR:
        return path
    absolute = ntpath.abspath(text)
    if absolute.startswith("\\\\"):  # a network share \\server\share\… becomes \\?\UNC\server\share\…
        return Path(_LONG_PREFIX + "UNC\\" + absolute[2:])
    return Path(_LONG_PREFIX + absolute)


def resolve_home(cli_home: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if cli_home:
        return long_path(Path(cli_home).expanduser())
    if env.get("OUTLET_DESK_HOME"):
        return long_path(Path(env["OUTLET_DESK_HOME"]).expanduser())
    return long_path(portable_home() or default_home())


def resolve_db_target(cli_db: str | None, home: Path, env: Mapping[str, str] | None = None) -> str:
    """A SQLAlchemy URL or a plain SQLite file path, by the documented precedence."""
    env = os.environ if env is None else env
    if cli_db:
        return cli_db
    if env.get("OUTLET_DESK_DB"):
        return env["OUTLET_DESK_DB"]
    portable = portable_home()
    if portable is not None:
        return str(portable / DB_FILENAME)
    return str(home / DB_FILENAME)
