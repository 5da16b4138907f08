"""The GUI's composition root: application, language, crash handler, database, sign-in, main window.

`run_gui(args)` is what `outlet-desk` runs without a subcommand. `Gui` does everything before the event loop,
so tests can start the real thing with a scripted prompt and sign-in and then look at the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app.actor import Actor
from app.desk import Desk
from app.errors import NotFoundError, PermissionDenied, ValidationError, user_message
from app.operators import find_operator, list_operators, register_self
from app.paths import resolve_db_target, resolve_home, resource
from app.startup import ensure_home, open_database
from ui.crash import CrashHandler
from ui.dialogs.operator_dialog import OperatorDialog
from ui.i18n import apply_font, install_translators
from ui.local_state import LocalState
from ui.main_window import MainWindow
from ui.prompt import Prompt
from ui.tasks import TaskRunner

RunDialog = Callable[[QDialog], int]
NOBODY = Actor(id=0, name="", role="clerk")  # before sign-in: only reads and registering oneself run


def _exec(dialog: QDialog) -> int:
    return dialog.exec()


def sign_in(
    desk: Desk, state: LocalState, prompt: Prompt, *, requested: str | None = None, run_dialog: RunDialog = _exec
) -> Actor | None:
    """The operator for this session: --operator if given, else picked (or added) in the operator dialog."""
    if requested:
        try:
            return desk.read(find_operator, requested)
        except NotFoundError as exc:
            prompt.error(None, exc.message())
    dialog = OperatorDialog()
    dialog.load(desk.read(list_operators), state.last_operator)
    chosen: list[Actor] = []

    def on_submitted() -> None:
        choice = dialog.value()
        if choice.existing is not None:
            chosen.append(choice.existing)
        else:
            try:
                chosen.append(desk.write_signed_out(register_self, choice.name, role=choice.role, pin=choice.pin))
            except (ValidationError, PermissionDenied) as exc:
                fields = getattr(exc, "fields", None) or {
                    "role" if isinstance(exc, PermissionDenied) else "name": exc.code
                }
                for key in fields:
                    dialog.show_error(key, exc.message())
                return
        dialog.done(QDialog.DialogCode.Accepted)

    dialog.submitted.connect(on_submitted)
    accepted = run_dialog(dialog) == QDialog.DialogCode.Accepted and bool(chosen)
    dialog.deleteLater()
    if not accepted:
        return None
    state.last_operator = chosen[0].name
    return chosen[0]


class Gui:
    """One run of the GUI: `start()` opens everything, `close()` puts it all away again."""

    def __init__(self, args: argparse.Namespace, *, prompt: Prompt | None = None, run_dialog: RunDialog = _exec):
        self.args = args
        self.prompt = prompt or Prompt()
        self.run_dialog = run_dialog
        self.window: MainWindow | None = None
        self.runner: TaskRunner | None = None
        self.desk: Desk | None = None
        self.crash: CrashHandler | None = None
        self._translators: list[QTranslator] = []

    def start(self) -> int | None:
        """None when the main window is up; otherwise the exit code (1: could not open, 0: no operator)."""
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        try:
            home = ensure_home(resolve_home(self.args.home))
        except Exception as exc:
            return self._refuse(exc)
        state = LocalState(home)
        self._translators = install_translators(app, state.language)
        self.crash = CrashHandler(home, self.prompt, state.language)
        self.crash.install()
        try:
            database = open_database(resolve_db_target(self.args.db, home), home)
        except Exception as exc:
            return self._refuse(exc)
        bootstrap = Desk(database, NOBODY, home)
        try:
            actor = sign_in(bootstrap, state, self.prompt, requested=self.args.operator, run_dialog=self.run_dialog)
        except Exception as exc:
            database.dispose()
            return self._refuse(exc)
        if actor is None:
            database.dispose()
            return 0
        self.desk = Desk(database, actor, home)
        self.runner = TaskRunner(app)
        self.window = MainWindow(self.desk, self.runner, self.prompt, state, state.language)
        self.window.show()
        return None

    def _refuse(self, exc: Exception) -> int:
        """Storage problems at start: one sentence in a box and exit code 1; anything else is a bug."""
        sentence = user_message(exc)
        if sentence is None:
            raise exc
        self.prompt.error(None, sentence)
        return 1

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        if self.runner is not None:
            self.runner.shutdown()
            self.runner.deleteLater()
        if self.desk is not None:
            self.desk.close()
        if self.crash is not None:
            self.crash.uninstall()
        app = QCoreApplication.instance()
        if app is not None:
            for translator in self._translators:
                app.removeTranslator(translator)


def apply_style(app: QApplication) -> None:
    app.setWindowIcon(QIcon(str(resource("icons", "app.png"))))
    style = resource("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def run_gui(args: argparse.Namespace, *, prompt: Prompt | None = None) -> int:
    """Run the GUI until the main window closes; the exit code of the process."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Outlet Desk")
    app.setOrganizationName("OutletDesk")
    apply_font(app)  # type: ignore[arg-type]
    apply_style(app)  # type: ignore[arg-type]
    gui = Gui(args, prompt=prompt)
    try:
        code = gui.start()
        return code if code is not None else app.exec()
    except Exception as exc:  # a bug while starting: logged and explained like any other
        if gui.crash is None:
            raise
        gui.crash.report(exc)
        return 1
    finally:
        gui.close()
