"""The Windows delivery without building it: the resource locator frozen and unfrozen, the portable marker, the
bundle's trim rules and version resource, the NSIS script, and the Windows-only paths through stand-ins (Chinese
and spaces, long paths, zone data from tzdata). CI builds and smoke-tests the real bundle separately."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import zoneinfo
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

import app
from app import paths
from app.errors import user_message
from app.startup import ensure_home, open_database

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    """A script of packaging/ (not a package: PyInstaller runs the spec with that folder on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = _load("bundle_rules")
version_info = _load("version_info")


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in bundle: sys.frozen, sys._MEIPASS and the exe in a folder with Chinese characters and spaces."""
    bundle = tmp_path / "网点 客服台" / "OutletDesk"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "OutletDesk.exe"))
    return bundle


# The resource locator


def test_resources_unfrozen_are_the_source_folder() -> None:
    assert not getattr(sys, "frozen", False)
    assert paths.resources_dir() == ROOT / "resources"
    for part in (("style.qss",), ("icons", "app.ico"), ("icons", "app.png"), ("fonts", "wqy-microhei.ttc")):
        assert paths.resource(*part).is_file(), part
    assert list(paths.resource("i18n").glob("*.qm"))
    assert paths.exe_dir() == ROOT


def test_resources_frozen_come_from_the_bundle(frozen: Path) -> None:
    assert paths.resources_dir() == frozen / "_internal" / "resources"
    assert paths.resource("icons", "app.png") == frozen / "_internal" / "resources" / "icons" / "app.png"
    assert paths.exe_dir() == frozen


def test_portable_marker_moves_the_data_beside_the_exe(frozen: Path) -> None:
    assert paths.portable_home() is None
    assert paths.resolve_home(None, env={}) == paths.default_home()

    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    home = paths.resolve_home(None, env={})
    assert home == frozen / "data"
    assert paths.resolve_db_target(None, home, env={}) == str(frozen / "data" / paths.DB_FILENAME)
    # --home and OUTLET_DESK_HOME still win over the marker, --db and OUTLET_DESK_DB over both.
    assert paths.resolve_home("/elsewhere", env={}) == Path("/elsewhere")
    assert paths.resolve_home(None, env={"OUTLET_DESK_HOME": "/env"}) == Path("/env")
    assert paths.resolve_db_target("x.db", home, env={}) == "x.db"


# The spec's rules


def _qt_modules_used() -> set[str]:
    used = set()
    for path in [*ROOT.joinpath("ui").rglob("*.py"), *ROOT.joinpath("app").rglob("*.py")]:
        used |= set(re.findall(r"PySide6\.(Qt[A-Za-z]+)", path.read_text(encoding="utf-8")))
    return used


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    used = _qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtCharts", "QtPrintSupport"} <= used
    excluded = {name.removeprefix("PySide6.") for name in rules.EXCLUDED_MODULES}
    assert not used & excluded
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtDesigner"} <= excluded


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6\\Qt6Pdf.dll",
        "PySide6\\Qt6Charts.dll",
        "PySide6\\Qt6Widgets.dll",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6\\translations\\qt_en.qm",
        "resources/fonts/wqy-microhei.ttc",
        "libpython3.11.so.1.0",
    ],
)
def test_the_trim_keeps_what_the_desk_uses(dest: str) -> None:
    assert rules.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt63DCore.so.6",
        "PySide6/Qt/lib/libQt6Multimedia.so.6",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6\\Qt6Designer.dll",
        "PySide6\\Qt6WebEngineCore.dll",
        "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6\\plugins\\platforms\\qdirect2d.dll",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtwebengine_zh_CN.qm",
        "PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
        "PySide6\\resources\\qtwebengine_resources.pak",
    ],
)
def test_the_trim_drops_what_the_desk_never_loads(dest: str) -> None:
    assert not rules.keep(dest)


def test_resources_and_migrations_are_bundled_as_data() -> None:
    data = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in rules.data_folders()}
    for needed in ("resources/style.qss", "resources/icons/app.ico", "resources/fonts/wqy-microhei.ttc"):
        assert (needed, str(Path(needed).parent)) in data
    assert any(src.endswith(".qm") for src, _ in data)
    assert not any(src.endswith((".ts", ".pyc")) for src, _ in data)
    assert ("db/migrations/env.py", "db/migrations") in data
    revisions = {src for src, dest in data if dest == str(Path("db/migrations/versions"))}
    assert revisions == {p.relative_to(ROOT).as_posix() for p in ROOT.joinpath("db/migrations/versions").glob("*.py")}


def test_the_spec_builds_two_exes_in_one_folder_without_upx() -> None:
    spec = (PACKAGING / "outlet-desk.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    assert spec.count("upx=False") == 2
    assert 'exe("OutletDesk", console=False' in spec
    assert 'exe("outlet-desk-cli", console=True' in spec
    assert "COLLECT(" in spec and "exclude_binaries=True" in spec
    for uses in ("bundle_rules.trim(a.binaries)", "bundle_rules.EXCLUDED_MODULES", "bundle_rules.data_folders()"):
        assert uses in spec
    assert "utf8_mode=1" in spec


class _Recorder:
    """Stands in for PyInstaller's version-info classes: evaluating the file records the call tree."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, *args: object, **kwargs: object) -> tuple[str, tuple[object, ...], dict[str, object]]:
        return (self.name, args, kwargs)


def test_the_version_resource_comes_from_the_package_version(tmp_path: Path) -> None:
    assert version_info.package_version() == app.__version__
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert version_info.version_tuple("2.0.1.7.9") == (2, 0, 1, 7)

    written = version_info.write_version_file(
        tmp_path / "v.txt", "1.2.3", description="网点客服台", internal_name="OutletDesk", filename="OutletDesk.exe"
    )
    text = written.read_text(encoding="utf-8")
    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]
    tree = eval(text, {name: _Recorder(name) for name in names})  # the way PyInstaller reads it
    fixed = tree[2]["ffi"]
    assert fixed[2]["filevers"] == fixed[2]["prodvers"] == (1, 2, 3, 0)
    strings = dict(s[1] for s in tree[2]["kids"][0][1][0][0][1][1])
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.2.3"
    assert strings["FileDescription"] == "网点客服台"
    assert strings["OriginalFilename"] == "OutletDesk.exe"


def test_the_windowed_exe_survives_having_no_console() -> None:
    """Windows starts a windowed exe with sys.stdout and sys.stderr set to None; the runtime hook gives them a
    sink so `--version` and argparse's messages do not raise."""
    hook = PACKAGING / "hooks" / "rthook_streams.py"
    code = (
        "import sys, runpy; sys.stdout = None; sys.stderr = None;"
        f"runpy.run_path({str(hook)!r});"
        "from app import cli; cli.parse(['--version'])"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


# The installer script


NSI = PACKAGING / "windows" / "outlet-desk.nsi"


def test_the_installer_script_keeps_the_data_unless_asked() -> None:
    script = NSI.read_text(encoding="utf-8")
    for needed in (
        'MUI_LANGUAGE "SimpChinese"',
        'MUI_LANGUAGE "English"',
        "$PROGRAMFILES64",
        'CreateShortCut "$DESKTOP',
        'CreateShortCut "$SMPROGRAMS',
        "WriteUninstaller",
        "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
    ):
        assert needed in script, needed
    uninstall = script[script.index('Section "Uninstall"') :]
    # The data folder goes only after a yes to a question whose default (and silent answer) is no.
    ask = uninstall.index("MB_DEFBUTTON2")
    assert "/SD IDNO IDNO kept" in uninstall[ask:]
    assert uninstall.index('RMDir /r "$LOCALAPPDATA\\${APP_ID}"') > ask
    assert 'RMDir /r "$INSTDIR"' not in uninstall  # a portable data folder beside the exe stays


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) is not installed")
def test_the_installer_script_compiles(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "OutletDesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("OutletDesk.exe", "outlet-desk-cli.exe", "_internal/base_library.zip"):
        (bundle / name).write_bytes(b"stand-in")
    out = tmp_path / "setup.exe"
    done = subprocess.run(
        ["makensis", "-V2", f"-DBUNDLE_DIR={bundle}", "-DVERSION=0.1.0", f"-DOUT_FILE={out}", str(NSI)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"


# Windows-only paths through stand-ins


def test_a_data_folder_with_chinese_and_spaces_opens(tmp_path: Path) -> None:
    home = ensure_home(paths.resolve_home(str(tmp_path / "网点 数据 test" / "客服 一号")))
    database = open_database(paths.resolve_db_target(None, home, env={}), home)
    try:
        assert (home / paths.DB_FILENAME).is_file()
    finally:
        database.dispose()


def test_a_data_folder_longer_than_max_path_opens(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*[f"outlet data {i:02d}" for i in range(18)], "网点 数据")
    assert len(str(deep)) > 260
    home = ensure_home(paths.resolve_home(str(deep)))
    database = open_database(paths.resolve_db_target(None, home, env={}), home)
    try:
        assert (deep / paths.DB_FILENAME).is_file()
    finally:
        database.dispose()


def test_a_database_path_beyond_sqlites_limit_fails_with_one_sentence(tmp_path: Path) -> None:
    """SQLite caps a file name at 512 bytes on Unix (1040 on Windows), prefix or not: the clerk gets a sentence."""
    deep = tmp_path.joinpath(*[f"网点 数据 {i:02d}" for i in range(40)])
    home = ensure_home(paths.resolve_home(str(deep)))
    with pytest.raises(Exception) as caught:
        open_database(paths.resolve_db_target(None, home, env={}), home).dispose()
    sentence = user_message(caught.value)
    assert sentence is not None and str(deep) in sentence and "\n" not in sentence


def test_long_windows_paths_get_the_long_path_prefix() -> None:
    long_local = Path("C:\\Users\\张三\\" + "网点 数据\\" * 40)
    assert str(paths.long_path(long_local, windows=True)).startswith("\\\\?\\C:\\Users\\张三\\网点 数据\\")
    share = Path("\\\\server\\share\\" + "网点 数据\\" * 40)
    assert str(paths.long_path(share, windows=True)).startswith("\\\\?\\UNC\\server\\share\\网点 数据\\")
    prefixed = Path("\\\\?\\C:\\" + "x" * 300)
    assert paths.long_path(prefixed, windows=True) == prefixed
    short = Path("C:\\Users\\张三\\AppData\\Local\\OutletDesk")
    assert paths.long_path(short, windows=True) == short
    assert paths.long_path(long_local, windows=False) == long_local
    # Room is left below the folder for the longest names written into it.
    edge = Path("C:\\" + "x" * (paths.WINDOWS_MAX_DIR - paths.ROOM_BELOW_HOME - 4))
    assert paths.long_path(edge, windows=True) == edge
    assert str(paths.long_path(Path(str(edge) + "y"), windows=True)).startswith("\\\\?\\")


def test_zone_data_comes_from_tzdata_when_the_system_has_none() -> None:
    """Windows has no zone files: with the system search path emptied, Asia/Shanghai still loads (tzdata)."""
    try:
        zoneinfo.reset_tzpath(to=[])
        assert zoneinfo.TZPATH == ()
        shanghai = zoneinfo.ZoneInfo.no_cache("Asia/Shanghai")
        assert shanghai.utcoffset(datetime(2026, 11, 11, 12, 0)) == timedelta(hours=8)
    finally:
        zoneinfo.reset_tzpath()
    assert importlib.util.find_spec("tzdata") is not None
    assert "tzdata" in rules.HIDDEN_IMPORTS and "tzdata" in rules.DATA_PACKAGES
