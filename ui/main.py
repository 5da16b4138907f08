"""The GUI's composition root: application, language, crash handler, database, sign-in, main window.

`run_gui(args)` is what `outlet-desk` runs without a subcommand. `Gui` does everything before the event loop,
so tests can start the real thing with a scripted prompt and sign-in and then look at the window. One desk runs
per data folder (a second launch brings the first to the front); a database nobody has set up yet gets the
welcome instead of the sign-in. `--selftest` opens the window offscreen as the command-line operator, visits
every page and tab, and exits 0 (1 with one line on stderr when anything failed): the bundle's smoke test.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer, QTranslator, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QStyleFactory, QTabWidget

from app.actor import Actor
from app.carriers import carrier_specs
from app.desk import Desk
from app.errors import NotFoundError, PermissionDenied, ValidationError, user_message
from app.operators import cli_operator, find_operator, list_operators, register_self
from app.paths import resolve_db_target, resolve_home, resource
from app.seed import needs_setup, set_up_outlet
from app.startup import ensure_home, open_database
from ui.crash import CrashHandler
from ui.dialogs.operator_dialog import OperatorDialog
from ui.dialogs.welcome_dialog import WelcomeDialog
from ui.i18n import apply_font, install_translators
from ui.local_state import LocalState
from ui.main_window import MainWindow
from ui.prompt import Prompt
from ui.single_instance import SingleInstance
from ui.tasks import TaskRunner

RunDialog = Callable[[QDialog], int]
NOBODY = Actor(id=0, name="", role="clerk")  # before sign-in: only reads and registering oneself run
DEMO_CASES = 2000  # the welcome's demo data: enough to try every list, a minute at most on a slow PC
SELFTEST_LIMIT_MS = 120_000


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


def welcome(desk: Desk, home: Path, *, run_dialog: RunDialog = _exec) -> tuple[Actor, bool] | None:
    """The first-run welcome; the signed-in manager and whether demo data was asked for, None if cancelled."""
    dialog = WelcomeDialog(home)
    specs, _ours = desk.read(carrier_specs)
    dialog.load([(spec.code, spec.name) for spec in specs])
    done: list[tuple[Actor, bool]] = []

    def on_submitted() -> None:
        answer = dialog.value()
        try:
            done.append((desk.write_signed_out(set_up_outlet, answer.setup), answer.demo))
        except (ValidationError, PermissionDenied) as exc:
            dialog.show_refusal(exc)
            return
        dialog.done(QDialog.DialogCode.Accepted)

    dialog.submitted.connect(on_submitted)
    accepted = run_dialog(dialog) == QDialog.DialogCode.Accepted and bool(done)
    dialog.deleteLater()
    return done[0] if accepted else None


class Gui:
    """One run of the GUI: `start()` opens everything, `close()` puts it all away again."""

    def __init__(
        self,
        args: argparse.Namespace,
        *,
        prompt: Prompt | None = None,
        run_dialog: RunDialog = _exec,
        single_instance: bool = False,
    ):
        self.args = args
        self.prompt = prompt or Prompt()
        self.run_dialog = run_dialog
        self.single_instance = single_instance
        self.selftest = bool(getattr(args, "selftest", False))
        self.instance: SingleInstance | None = None
        self.window: MainWindow | None = None
        self.runner: TaskRunner | None = None
        self.desk: Desk | None = None
        self.crash: CrashHandler | None = None
        self.demo_task: Any = None
        self._translators: list[QTranslator] = []

    def start(self) -> int | None:
        """None when the main window is up; otherwise the exit code (1: could not open, 0: no operator)."""
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        try:
            home = ensure_home(resolve_home(self.args.home))
        except Exception as exc:
            return self._refuse(exc)
        if self.single_instance and not self.selftest:
            self.instance = SingleInstance(home)
            if not self.instance.acquire(sys.argv[1:]):
                return 0  # the desk already running on this folder comes to the front instead
        state = LocalState(home)
        language = getattr(self.args, "lang", None) or state.language
        self._translators = install_translators(app, language)
        self.crash = CrashHandler(home, self.prompt, language)
        self.crash.install()
        try:
            database = open_database(resolve_db_target(self.args.db, home), home)
        except Exception as exc:
            return self._refuse(exc)
        bootstrap = Desk(database, NOBODY, home)
        demo = False
        try:
            actor: Actor | None = None
            if self.selftest:
                actor = bootstrap.read(find_operator, self.args.operator) if self.args.operator else None
                actor = actor or bootstrap.read(cli_operator)
            elif not self.args.operator and bootstrap.read(needs_setup):
                actor, demo = welcome(bootstrap, home, run_dialog=self.run_dialog) or (None, False)
            if actor is None:
                actor = sign_in(bootstrap, state, self.prompt, requested=self.args.operator, run_dialog=self.run_dialog)
        except Exception as exc:
            database.dispose()
            return self._refuse(exc)
        if actor is None:
            database.dispose()
            return 0
        self.desk = Desk(database, actor, home)
        self.runner = TaskRunner(app)
        self.window = MainWindow(self.desk, self.runner, self.prompt, state, language)
        if self.instance is not None:
            self.instance.activated.connect(self.window.bring_forward)
        self.window.show()
        if demo:
            self.load_demo()
        return None

    def load_demo(self) -> None:
        """The welcome asked for demo data: written in the task runner with progress, the lists read again."""
        from app.demo import generate

        assert self.desk is not None and self.runner is not None and self.window is not None
        database, actor = self.desk.database, self.desk.actor

        def job(progress: Any, cancelled: Any) -> object:
            return generate(database, cases=DEMO_CASES, progress=progress, cancelled=cancelled, actor=actor)

        window = self.window
        self.demo_task = self.runner.run(
            job, title=QCoreApplication.translate("Gui", "Loading demo data…"), write=True, dialog_parent=window
        )
        self.demo_task.finished.connect(window.reload_all)
        self.demo_task.failed.connect(window.show_failure)

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
        if self.desk is not None:  # a damaged (or unchecked) database gets no statistics written at exit
            self.desk.close(optimize=self.window is not None and self.window.problems == [])
        if self.crash is not None:
            self.crash.uninstall()
        if self.instance is not None:
            self.instance.release()
        app = QCoreApplication.instance()
        if app is not None:
            for translator in self._translators:
                app.removeTranslator(translator)


def apply_style(app: QApplication) -> None:
    """One calm look on every PC: Fusion (the same on Windows 7 to 11) under our style sheet."""
    app.setWindowIcon(QIcon(str(resource("icons", "app.png"))))
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    style = resource("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


class _SelftestPrompt(Prompt):
    """Never blocks: every error is a failure of the self-test; questions are answered no."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def error(self, parent: Any, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: Any, text: str) -> None:
        pass

    def confirm(self, parent: Any, text: str) -> bool:
        return False

    def ask_pin(self, parent: Any, reason: str) -> str | None:
        return None


class SelfTest(QObject):
    """Visits every page and each of its tabs, one step per turn of the event loop, waiting for the task runner
    to go idle between steps; `failure` is None when everything opened without an error."""

    def __init__(self, window: MainWindow, runner: TaskRunner, prompt: _SelftestPrompt, on_done: Callable[[], None]):
        super().__init__(window)
        self.window, self.runner, self.prompt, self.on_done = window, runner, prompt, on_done
        self.failure: str | None = None
        self.visited: list[str] = []
        self._steps: list[Callable[[], None]] = []
        for row in range(window.navigation.count()):
            self._steps.append(lambda row=row: self._visit_page(row))
        self._clock = QElapsedTimer()

    def start(self) -> None:
        self._clock.start()
        QTimer.singleShot(0, self._next)

    def fail(self, text: str) -> None:
        if self.failure is None:
            self.failure = text

    def _visit_page(self, row: int) -> None:
        self.window.show_page(row)
        self.visited.append(self.window.navigation.item(row).text())
        page = self.window.pages.widget(row)
        tabs = [page] if isinstance(page, QTabWidget) else []
        for widget in tabs + page.findChildren(QTabWidget):
            for index in range(widget.count()):
                self._steps.insert(0, lambda w=widget, i=index: self._visit_tab(w, i))

    def _visit_tab(self, tabs: QTabWidget, index: int) -> None:
        tabs.setCurrentIndex(index)
        self.visited.append(tabs.tabText(index))

    @Slot()
    def _next(self) -> None:
        if self.prompt.errors:
            self.fail(self.prompt.errors[0])
        if self.failure is None and self._clock.elapsed() > SELFTEST_LIMIT_MS:
            self.fail(f"timed out after visiting {len(self.visited)} pages and tabs")
        if self.failure is not None:
            self.on_done()
            return
        if self.runner.busy or self.window.problems is None:
            QTimer.singleShot(20, self._next)  # background reads of the last page still running
            return
        if not self._steps:
            self.on_done()
            return
        try:
            self._steps.pop(0)()
        except Exception as exc:
            self.fail(f"{type(exc).__name__}: {exc}")
        QTimer.singleShot(0, self._next)


def _say(line: str, *, failed: bool = False) -> None:
    """One line on stdout (ok) or stderr (failed); a windowed exe has neither, and then the exit code speaks."""
    stream = sys.stderr if failed else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)


def run_selftest(args: argparse.Namespace) -> int:
    """`--selftest`: the main window offscreen on the given data folder, every page and tab once; 0 when fine."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_font(app)  # type: ignore[arg-type]
    apply_style(app)  # type: ignore[arg-type]
    prompt = _SelftestPrompt()
    gui = Gui(args, prompt=prompt, run_dialog=lambda dialog: QDialog.DialogCode.Rejected)
    previous_hook = sys.excepthook
    test: SelfTest | None = None

    def bug(kind: type[BaseException], exc: BaseException, tb: Any) -> None:  # a slot raised
        if test is not None:
            test.fail(f"{kind.__name__}: {exc}")

    try:
        code = gui.start()
        if code is not None or gui.window is None or gui.runner is None:
            _say(f"selftest failed: the window did not open ({'; '.join(prompt.errors)})", failed=True)
            return 1
        if gui.crash is not None:
            gui.crash.uninstall()
        sys.excepthook = bug
        test = SelfTest(gui.window, gui.runner, prompt, lambda: app.exit(0))
        test.start()
        app.exec()
        if test.failure is not None:
            _say(f"selftest failed: {test.failure}", failed=True)
            return 1
        _say(f"selftest ok: {len(test.visited)} pages and tabs")
        return 0
    except Exception as exc:
        _say(f"selftest failed: {type(exc).__name__}: {exc}", failed=True)
        return 1
    finally:
        sys.excepthook = previous_hook
        gui.close()


def run_gui(args: argparse.Namespace, *, prompt: Prompt | None = None) -> int:
    """Run the GUI until the main window closes; the exit code of the process."""
    if getattr(args, "selftest", False):
        return run_selftest(args)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Outlet Desk")
    app.setOrganizationName("OutletDesk")
    apply_font(app)  # type: ignore[arg-type]
    apply_style(app)  # type: ignore[arg-type]
    gui = Gui(args, prompt=prompt, single_instance=True)
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
