"""Screenshots of every page and tab, to look at (not to assert): the desk on a demo outlet at a counter PC's size.

    xvfb-run -a -s "-screen 0 1920x1080x24" uv run python tools/screenshots.py OUT_DIR [--size 1366x768] [--cases N]

Builds a demo database in a temporary data folder, opens the real main window (Chinese, Fusion and the style sheet,
as a clerk sees it), visits every navigation row and each tab of each page, and saves one PNG per view plus the
welcome, the shortcut sheet and the settings dialog. The PNGs are for people; they are not committed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget  # noqa: E402


def _settle(app: QApplication, ms: int = 150) -> None:
    """Let queued paints and background reads land (a script, not the app: a short local loop is fine here)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_idle(app: QApplication, runner: object, limit_ms: int = 30_000) -> None:
    waited = 0
    while getattr(runner, "busy", False) and waited < limit_ms:
        _settle(app, 50)
        waited += 50
    _settle(app)


def _reveal(widget: QWidget) -> None:
    """Make the tabs that hold `widget` (tabs inside tabs) current, so it is on screen."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        holder = parent.parentWidget()
        if isinstance(holder, QTabWidget) and holder.indexOf(child) >= 0:
            holder.setCurrentWidget(child)
        child, parent = parent, holder


def _name(text: str) -> str:
    return re.sub(r"[^\w]+", "_", text).strip("_") or "page"


def _save(widget: QWidget, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    from app.carriers import carrier_specs
    from app.demo import generate
    from app.desk import Desk
    from app.operators import cli_operator
    from app.paths import DB_FILENAME
    from app.startup import open_database
    from ui.dialogs.welcome_dialog import WelcomeDialog
    from ui.i18n import apply_font, install_translators
    from ui.local_state import LocalState
    from ui.main import apply_style
    from ui.main_window import MainWindow
    from ui.prompt import Prompt
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_font(app)
    apply_style(app)
    translators = install_translators(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="outlet-desk-shots-") as folder:
        home = Path(folder)
        database = open_database(str(home / DB_FILENAME), home)
        print(f"demo: {args.cases} cases …", flush=True)
        generate(database, cases=args.cases, seed=7)
        with database.read() as session:
            actor = cli_operator(session)
        desk = Desk(database, actor, home)
        runner = TaskRunner(app)
        state = LocalState(home)
        window = MainWindow(desk, runner, Prompt(), state, args.lang)
        window.resize(width, height)
        window.show()
        _settle(app, 500)
        _wait_idle(app, runner)
        size = f"{width}x{height}"
        for row in range(window.navigation.count()):
            window.show_page(row)
            _wait_idle(app, runner)
            title = _name(window.navigation.item(row).text())
            _save(window, args.out, f"{size}_{row:02d}_{title}")
            page = window.pages.widget(row)
            for tabs in page.findChildren(QTabWidget):
                _reveal(tabs)
                for index in range(1, tabs.count()):
                    tabs.setCurrentIndex(index)
                    _wait_idle(app, runner)
                    _save(window, args.out, f"{size}_{row:02d}_{title}_{index}_{_name(tabs.tabText(index))}")
                tabs.setCurrentIndex(0)
        sheet = window.help_menu.show_shortcuts()
        _settle(app, 300)
        _save(sheet, args.out, f"{size}_help_shortcuts")
        sheet.close()
        window.open_settings()
        _settle(app, 300)
        for dialog in app.topLevelWidgets():
            if dialog.isVisible() and dialog is not window and dialog.windowTitle():
                _save(dialog, args.out, f"{size}_dialog_{_name(dialog.objectName() or dialog.windowTitle())}")
                dialog.close()
        welcome = WelcomeDialog(home)
        specs, _ours = desk.read(carrier_specs)
        welcome.load([(spec.code, spec.name) for spec in specs])
        welcome.outlet_name.setText("城东分部")
        welcome.check_carrier("YTO")
        welcome.manager.setText("李站长")
        welcome.pin.setText("1234")
        welcome.pin_again.setText("1234")
        welcome.clerks.setPlainText("王芳\n赵磊")
        welcome.show()
        _settle(app, 300)
        for page in range(3):
            _save(welcome, args.out, f"{size}_welcome_{page}")
            welcome.next()
            _settle(app, 100)
        welcome.close()
        window.close()
        runner.shutdown()
        desk.close()
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main())
