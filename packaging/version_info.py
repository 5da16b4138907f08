"""The Windows version resource (Explorer's Details tab) for both exes, written from the package version."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPANY = "Outlet Desk"
PRODUCT = "网点客服台 Outlet Desk"


def package_version() -> str:
    """`app.__version__`, read from the source so the build does not import the app."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise ValueError("app/__init__.py has no __version__")
    return found.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the fixed part of the resource: "1.2.3rc1" → (1, 2, 3, 0)."""
    numbers = [int(found.group()) if (found := re.match(r"\d+", part)) else 0 for part in version.split(".")]
    major, minor, micro, build = [*numbers, 0, 0, 0, 0][:4]
    return (major, minor, micro, build)


def version_file_text(version: str, *, description: str, internal_name: str, filename: str) -> str:
    """PyInstaller's version-file syntax: a VSVersionInfo expression it evaluates at build time."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": internal_name,
        "LegalCopyright": f"© {COMPANY}",
        "OriginalFilename": filename,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# -*- coding: utf-8 -*-
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080404b0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200, 0x0409, 1200])])
  ]
)
"""


def write_version_file(path: Path, version: str, *, description: str, internal_name: str, filename: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = version_file_text(version, description=description, internal_name=internal_name, filename=filename)
    path.write_text(text, encoding="utf-8")
    return path
