"""Interface language: Qt translators for our strings and Qt's own (standard buttons), and the fonts.

Source strings are English inside `tr()`; `resources/i18n/outlet_desk_zh_CN.ts` holds the Chinese. After
changing strings run `uv run python -m ui.i18n`, translate the new entries in the .ts, and run it again: it
updates the .ts from every file under ui/ (lupdate) and compiles the .qm (lrelease).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.paths import resource

CATALOGUE = "outlet_desk"
UI_DIR = Path(__file__).resolve().parent
# Chinese-capable faces in order of preference: Windows, macOS, then the common Linux ones.
FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimSun",
]


def ts_path(language: str = "zh_CN") -> Path:
    return resource("i18n", f"{CATALOGUE}_{language}.ts")


def qm_path(language: str = "zh_CN") -> Path:
    return resource("i18n", f"{CATALOGUE}_{language}.qm")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our catalogue and qtbase's for `language`; English needs none. Returns them to keep them alive."""
    if language.startswith("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    installed = []
    for name, folder in (
        (CATALOGUE, str(qm_path(language).parent)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def apply_font(app: QApplication, point_size: float = 10.0) -> None:
    """A font with Chinese glyphs first, whatever the system default is, at a size a counter clerk can read."""
    font = QFont(app.font())
    font.setFamilies([*FONT_FAMILIES, app.font().family()])
    font.setPointSizeF(point_size)
    app.setFont(font)


def source_files() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    """A PySide6 command-line tool installed beside the running interpreter (the project's virtualenv)."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return str(Path(sys.executable).with_name(name + suffix))


def update_catalogue(language: str = "zh_CN", *, ts: Path | None = None) -> None:
    """Refresh the .ts from the sources (keeps translations, drops strings no longer used)."""
    target = ts or ts_path(language)
    files = [str(p) for p in source_files()]
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(target)], check=True
    )


def compile_catalogue(language: str = "zh_CN", *, ts: Path | None = None, qm: Path | None = None) -> None:
    source, target = ts or ts_path(language), qm or qm_path(language)
    subprocess.run([_tool("pyside6-lrelease"), str(source), "-qm", str(target)], check=True)


if __name__ == "__main__":
    update_catalogue()
    compile_catalogue()
