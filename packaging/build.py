"""Build the one-folder bundle for this OS: `uv run --group build python packaging/build.py`.

Runs PyInstaller on outlet-desk.spec into dist/OutletDesk (work files in build/) and prints the bundle's size.
The same command builds the Windows bundle on Windows; the installer is then compiled from that folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={args.dist}",
        f"--workpath={args.work}",
        str(PACKAGING / "outlet-desk.spec"),
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"PyInstaller failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    bundle = args.dist / "OutletDesk"
    print(f"bundle: {bundle}")
    print(f"bundle size: {folder_size(bundle) / 1e6:.1f} MB, built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
