"""Where things live: the data folder, the database location and the bundled resources.

One locator serves the source tree and a PyInstaller bundle alike. Precedence for the database follows
DESIGN.md §5: --db, then OUTLET_DESK_DB, then a portable marker beside the exe, then the data folder's file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "OutletDesk"
DB_FILENAME = "outlet-desk.db"
INI_FILENAME = "outlet-desk.ini"
PORTABLE_MARKER = "portable.txt"


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


def resolve_home(cli_home: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if cli_home:
        return Path(cli_home).expanduser()
    if env.get("OUTLET_DESK_HOME"):
        return Path(env["OUTLET_DESK_HOME"]).expanduser()
    return portable_home() or default_home()


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
