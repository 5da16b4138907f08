"""Smoke test of a built bundle: `uv run python packaging/smoke.py [dist/OutletDesk]`.

Runs the frozen console exe (`--version`, a first start and `check` on a fresh data folder whose path has Chinese
characters and spaces, a demo database and a report as .xlsx and .pdf, which load openpyxl, reportlab and the
bundled font) and the windowed exe with `--selftest` offscreen. Prints the bundle size and start times; exits 1
on any failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = ".exe" if sys.platform == "win32" else ""
TIMEOUT = 180


class SmokeFailure(Exception):
    pass


def run(label: str, command: list[str], *, expect: str | None = None) -> float:
    """Run one command of the bundle; the seconds it took. Raises SmokeFailure with its output on failure."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("OUTLET_DESK_DB", None)
    env.pop("OUTLET_DESK_HOME", None)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{label}: no answer after {TIMEOUT} s") from exc
    seconds = time.perf_counter() - started
    out = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    if done.returncode != 0 or (expect is not None and expect not in out):
        raise SmokeFailure(f"{label}: exit code {done.returncode}, output:\n{out}")
    print(f"ok   {label} ({seconds:.2f} s)", flush=True)
    return seconds


def missing_qt_libraries(bundle: Path) -> list[str]:
    """Linux: Qt libraries some bundled file needs but the trim left out (ldd says "not found")."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    missing = set()
    for path in bundle.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
        missing.update(
            f"{line.split()[0]} (needed by {path.name})"
            for line in out.splitlines()
            if "not found" in line and "Qt6" in line
        )
    return sorted(missing)


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def smoke(bundle: Path) -> None:
    cli = str(bundle / f"outlet-desk-cli{SUFFIX}")
    gui = str(bundle / f"OutletDesk{SUFFIX}")
    for exe in (cli, gui):
        if not Path(exe).is_file():
            raise SmokeFailure(f"{exe} is not there: build first (packaging/build.py)")
    print(f"bundle size: {folder_mb(bundle):.1f} MB ({bundle})")
    missing = missing_qt_libraries(bundle)
    if missing:
        raise SmokeFailure("Qt libraries trimmed but still needed: " + ", ".join(missing))
    from_version = ROOT.joinpath("app", "__init__.py").read_text(encoding="utf-8").split('"')[1]
    version_time = run("--version", [cli, "--version"], expect=f"outlet-desk {from_version}")
    work = Path(tempfile.mkdtemp(prefix="outlet-desk-smoke-"))
    try:
        home = work / "网点 数据 test"
        run("first start on a new data folder", [cli, "--home", str(home), "list", "cases"])
        if not (home / "outlet-desk.db").is_file():
            raise SmokeFailure(f"the first start made no database in {home}")
        run("check", [cli, "--home", str(home), "check"])
        run("demo data", [cli, "--home", str(home), "demo", "--cases", "200"])
        for suffix in (".xlsx", ".pdf"):
            target = home / f"月报 {suffix[1:]}{suffix}"
            run(f"report {suffix}", [cli, "--home", str(home), "export", "report", "-o", str(target)])
            if not target.is_file() or target.stat().st_size == 0:
                raise SmokeFailure(f"no report written to {target}")
        # A windowed exe on Windows has no stdout to say "selftest ok" on: its exit code is the answer there.
        said = "selftest ok" if sys.platform != "win32" else None
        selftest_time = run("--selftest", [gui, "--home", str(home), "--selftest"], expect=said)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"start: --version {version_time:.2f} s, --selftest (window, every page, exit) {selftest_time:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "OutletDesk")
    args = parser.parse_args(argv)
    try:
        smoke(args.bundle.resolve())
    except SmokeFailure as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
