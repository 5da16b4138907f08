"""What goes into the bundle: the data folders, the lazily imported modules, and the Qt parts the app uses.

Kept apart from the spec so the rules are plain Python that tests can check without running PyInstaller.
The trim follows FACTS.md (a PySide6 hello world: 181 MB → 121 MB): Qt libraries, plugins and translations the
desk never loads are left out; QtPdf, QtCharts, QtPrintSupport, QtSvg and QtNetwork (single instance) stay.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

# Python modules never imported by the desk; excluding them also keeps their hooks from collecting Qt libraries.
EXCLUDED_MODULES = [
    *(
        f"PySide6.{name}"
        for name in [
            "Qt3DAnimation",
            "Qt3DCore",
            "Qt3DExtras",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DRender",
            "QtBluetooth",
            "QtCanvasPainter",
            "QtConcurrent",
            "QtDataVisualization",
            "QtDesigner",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtHelp",
            "QtHttpServer",
            "QtLocation",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtNetworkAuth",
            "QtNfc",
            "QtPositioning",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtRemoteObjects",
            "QtScxml",
            "QtSensors",
            "QtSerialBus",
            "QtSerialPort",
            "QtSpatialAudio",
            "QtSql",
            "QtStateMachine",
            "QtTest",
            "QtTextToSpeech",
            "QtUiTools",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineQuick",
            "QtWebEngineWidgets",
            "QtWebSockets",
            "QtWebView",
            "QtAxContainer",
            "QtAsyncio",
        ]
    ),
    "tkinter",
    "PIL.ImageTk",
    "PIL._avif",  # 5 MB of libavif for a format phones do not send
    "IPython",
    "pytest",
    "hypothesis",
]

# Third-party packages the app imports inside functions or by name (ui.optional); our own packages are
# collected whole (collect_submodules) so every page and dialog loaded on demand is there.
HIDDEN_PACKAGES = ["app", "ui", "db"]
HIDDEN_IMPORTS = [
    "alembic.op",
    "alembic.context",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "psycopg_binary",
    "python_calamine",
    "openpyxl",
    "reportlab.graphics.barcode.code128",
    "reportlab.pdfbase.ttfonts",
    "pypinyin",
    "tzdata",
    "charset_normalizer",
    "defusedxml",
    "platformdirs",
]
DATA_PACKAGES = ["pypinyin", "tzdata", "reportlab"]

# Qt libraries (Linux libQt6X.so.6, Windows Qt6X.dll) left out; anything not named here is kept.
DROPPED_QT_LIBRARIES = [
    "3D",
    "Bluetooth",
    "CanvasPainter",
    "Concurrent",
    "DataVisualization",
    "Designer",
    "Graphs",
    "Help",
    "HttpServer",
    "LabsAnimation",
    "LabsFolderListModel",
    "LabsQmlModels",
    "LabsSettings",
    "LabsSharedImage",
    "LabsWavefrontMesh",
    "Location",
    "Multimedia",
    "Nfc",
    "Positioning",
    "Qml",
    "Quick",
    "RemoteObjects",
    "Scxml",
    "Sensors",
    "SerialBus",
    "SerialPort",
    "ShaderTools",
    "SpatialAudio",
    "Sql",
    "StateMachine",
    "Test",
    "TextToSpeech",
    "VirtualKeyboard",
    "Wayland",
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "WebView",
    "Egl",
    "Wl",
]

# Plugin folders kept, and within some of them only the named plugins (the file name without lib/q and suffix).
KEPT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    "platforms": ("offscreen", "xcb", "windows", "minimal"),
    "imageformats": ("jpeg", "ico", "svg", "gif"),
    "iconengines": None,
    "styles": None,  # Windows 11 / modern Windows style
    "printsupport": None,
    "xcbglintegrations": None,
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),  # Linux IMEs
}
KEPT_TRANSLATIONS = re.compile(r"^qt(base)?_(zh_CN|en)\.qm$")

_QT_LIBRARY = re.compile(r"^(?:lib)?Qt6(?P<name>[A-Za-z0-9]+?)(?:\.so.*|\.dll)$")
_PLUGIN = re.compile(r"^(?:lib)?q?(?P<name>[a-z0-9_-]+?)\.(?:so|dll)$")


def _qt_parts(dest: str) -> tuple[str, ...] | None:
    """The path below PySide6's Qt folder (lib/…, plugins/…, translations/…) or None for other files."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[1:]
    return rest[1:] if rest[:1] == ("Qt",) else rest


def keep(dest: str) -> bool:
    """Whether a file bound for `dest` (its path inside the bundle) belongs in the bundle."""
    name = PurePosixPath(dest.replace("\\", "/")).name
    library = _QT_LIBRARY.match(name)  # in PySide6/ and as links at the top of the bundle
    if library and any(library.group("name").startswith(prefix) for prefix in DROPPED_QT_LIBRARIES):
        return False
    parts = _qt_parts(dest)
    if not parts:
        return True
    if "plugins" in parts[:-1]:
        folder = parts[parts.index("plugins") + 1]
        if folder not in KEPT_PLUGINS:
            return False
        wanted = KEPT_PLUGINS[folder]
        plugin = _PLUGIN.match(name)
        return wanted is None or (plugin is not None and plugin.group("name") in wanted)
    if parts[0] == "translations":
        return bool(KEPT_TRANSLATIONS.match(name))
    return parts[0] not in ("qml", "resources", "libexec")  # Qt Quick imports, WebEngine data and helper


def trim(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in toc if keep(entry[0])]


def data_folders() -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for resources/ and the Alembic migrations, without sources of
    translations or byte code."""
    found = []
    for folder, skip in (("resources", {".ts", ".py", ".pyc"}), ("db/migrations", {".pyc"})):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix not in skip and "__pycache__" not in path.parts:
                found.append((str(path), str(path.parent.relative_to(ROOT))))
    return found
