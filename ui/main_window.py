"""The main window: a shell of navigation, the global search box, settings, status bar and saved layout.

Each area of the work is a page that arrives with its own issue; the shell only switches between them.
Start-up checks run after the first paint, in the task runner, so the window appears at once. Import… (Ctrl+I)
and a table file dropped on the window open the import wizard. The reminder centre scans every minute from then
on; the navigation shows how many promises are pressing, and a notification says when one falls due.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QSize, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app.case_query import CaseFilter
from app.desk import Desk
from app.errors import user_message
from app.messages import text as message_text
from app.money_queue import RiskQueue
from app.reminders import Scan
from app.status import status_facts
from app.today import WAITING_FOR_EVIDENCE, owed_filter
from ui.backup_scheduler import BackupScheduler
from ui.dialogs.backup_dialog import open_backup_dialog
from ui.dialogs.case_opener import CaseOpener
from ui.dialogs.recycle_bin_dialog import RecycleBinDialog
from ui.dialogs.settings_dialog import IDLE_LOCK_KEY, SettingsEditor
from ui.help_menu import HelpMenu
from ui.idle_lock import IdleLock
from ui.local_state import LocalState
from ui.notifier import Notifier, default_notifier
from ui.optional import optional
from ui.pages.cases_page import CasesPage
from ui.pages.chases_page import ChasesPage
from ui.pages.claims_page import ClaimsPage
from ui.pages.complaints_page import ComplaintsPage
from ui.pages.directory_page import DirectoryPage
from ui.pages.lookup_page import LookupPage
from ui.pages.money_page import MoneyPage
from ui.pages.notebook_page import NotebookPage
from ui.pages.reminders_page import RemindersPage
from ui.pages.stuck_page import StuckPage
from ui.pages.today_page import TodayPage
from ui.pages.today_tiles import SCAN_TILES
from ui.prompt import Prompt
from ui.recovery import Recovery
from ui.reminder_centre import ReminderCentre
from ui.tasks import TaskRunner
from ui.widgets.common import message_language

if TYPE_CHECKING:
    from app.imports.run import ImportResult
    from ui.dialogs.import_wizard import ImportWizard

WINDOW_KEY = "main_window"
MESSAGE_MS = 5000


def utc_now() -> datetime:
    return datetime.now(UTC)


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        state: LocalState,
        language: str = "zh_CN",
        *,
        notifier: Notifier | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._desk, self._runner, self._prompt, self._state = desk, runner, prompt, state
        self._language = language
        self._checked = False
        self.outlet_name = ""
        self.problems: list[str] | None = None
        self.setWindowTitle(self.tr("Outlet Desk"))

        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Waybill, phone last 4 digits or name (Ctrl+K)"))
        self.search.setMinimumWidth(320)
        self.search.returnPressed.connect(self._on_search_returnPressed)
        self.search_action = QAction(self.tr("Search"), self, shortcut=QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(self.focus_search)
        self.settings_action = QAction(self.tr("&Settings…"), self, shortcut=QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.backup_action = QAction(self.tr("Backup and restore…"), self, shortcut=QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.open_backups)
        self.import_action = QAction(self.tr("&Import…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(self.tr("Import a carrier export or a pasted table (Ctrl+I)"))
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.import_wizard: ImportWizard | None = None
        self.setAcceptDrops(True)
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")  # saveState() keys toolbars by name
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.addWidget(self.search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.backup_action)
        self.bin_action = QAction(self.tr("Recycle &bin…"), self)
        self.bin_action.setToolTip(self.tr("Deleted notes, fines, places… and putting one back"))
        self.bin_action.triggered.connect(self.open_recycle_bin)
        toolbar.addAction(self.bin_action)
        toolbar.addAction(self.settings_action)
        self.help_menu = HelpMenu(desk, prompt, self)
        self.help_menu.install(toolbar)
        self.addToolBar(toolbar)
        self.addAction(self.search_action)

        self.clock = clock
        self.notifier = notifier or default_notifier(self, self.show_reminders)
        self.opener = CaseOpener(desk, runner, prompt, clock, self)
        self.reminder_centre = ReminderCentre(desk, runner, self.notifier, clock, self)
        self.lookup_page = LookupPage(desk, runner, prompt)
        self.stuck_page = StuckPage(desk, runner, prompt, state, language, open_linked=self.opener.open)
        self.cases_page = CasesPage(desk, prompt, language, runner=runner)
        self.chases_page = ChasesPage(desk, runner, prompt, self.opener, clock, language)
        self.complaints_page = ComplaintsPage(desk, runner, prompt, self.opener, clock, language)
        self.reminders_page = RemindersPage(desk, runner, prompt, self.reminder_centre, self.opener)
        self.directory_page = DirectoryPage(desk, runner, prompt)
        self.notebook_page = NotebookPage(desk, runner, prompt, clock=clock)
        self.claims_page = ClaimsPage(desk, runner, prompt)
        self.money_page = MoneyPage(desk, runner, prompt, clock)
        self.today_page = TodayPage(desk, runner, prompt, clock)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.pages = QStackedWidget()
        self.page_actions: list[QAction] = []
        self._titles: list[str] = []  # each page's navigation title without a count
        for title, page in (
            (self.tr("Today"), self.today_page),
            (self.tr("Lookup"), self.lookup_page),
            (self.tr("Stuck parcels"), self.stuck_page),
            (self.tr("Cases"), self.cases_page),
            (self.tr("Chases"), self.chases_page),
            (self.tr("Complaints"), self.complaints_page),
            (self.tr("Reminders"), self.reminders_page),
            (self.tr("Claims"), self.claims_page),
            (self.tr("Money at risk"), self.money_page),
            (self.tr("Notebook"), self.notebook_page),
            (self.tr("Directory"), self.directory_page),
        ):
            self._add_page(title, page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.search, self.navigation)
        self.setTabOrder(self.navigation, self.pages)

        self.operator_label = QLabel()
        self.database_label = QLabel()
        self.counts_label = QLabel()
        role = self.tr("manager") if desk.actor.is_manager else self.tr("clerk")
        self.operator_label.setText(self.tr("Operator: {name} ({role})").format(name=desk.actor.name, role=role))
        short, full = desk.location
        self.database_label.setText(short)
        self.database_label.setToolTip(full)
        for label in (self.counts_label, self.database_label, self.operator_label):
            self.statusBar().addPermanentWidget(label)

        self.settings_editor = SettingsEditor(desk, runner, prompt, state, self)
        self.settings_editor.saved.connect(self._on_settings_editor_saved)
        self.idle_lock = IdleLock(desk, self, state.idle_lock_minutes)
        self.backup_scheduler = BackupScheduler(desk, runner, state, clock, self)
        self.backup_scheduler.failed.connect(lambda message: self._prompt.error(self, message))
        self.recovery = Recovery(desk, runner, prompt, state, self)
        self.lookup_page.looked_up.connect(self._on_lookup_page_looked_up)
        self.lookup_page.waybill_copied.connect(self._on_lookup_page_waybill_copied)
        self.lookup_page.case_requested.connect(self.opener.open)
        self.lookup_page.announced.connect(self._on_stuck_page_announced)
        self.claims_page.case_requested.connect(self.opener.open)
        self.money_page.case_requested.connect(self.opener.open)
        self.money_page.counted.connect(self._on_money_page_counted)
        self.money_page.logged.connect(self._on_case_changed)
        self.directory_page.copied.connect(self._on_lookup_page_waybill_copied)
        self.directory_page.announced.connect(self._on_stuck_page_announced)
        self.directory_page.changed.connect(self._on_directory_page_changed)
        self.notebook_page.lookup_requested.connect(self.look_up)
        self.notebook_page.copied.connect(self._on_lookup_page_waybill_copied)
        self.notebook_page.announced.connect(self._on_stuck_page_announced)
        self.notebook_page.changed.connect(self.reminder_centre.scan_now)  # a todo added, moved or done
        self.reminders_page.todo_requested.connect(self._on_reminders_page_todo_requested)
        self.cases_page.copied.connect(self._on_cases_page_copied)
        self.stuck_page.announced.connect(self._on_stuck_page_announced)
        self.reminder_centre.scanned.connect(self._on_reminder_centre_scanned)
        self.reminder_centre.scanned.connect(self.today_page.tiles.show_scan)
        self.money_page.counted.connect(self.today_page.tiles.show_queue)
        self.today_page.requested.connect(self.open_today_list)
        self.today_page.report.announced.connect(self._on_stuck_page_announced)
        for changed in (self.opener.changed, self.chases_page.logged, self.complaints_page.logged):
            changed.connect(self._on_case_changed)
        self.reminders_page.changed.connect(self._on_case_changed)
        self._restore_layout()

    def _add_page(self, title: str, page: QWidget) -> None:
        number = self.pages.addWidget(page)
        self._titles.append(title)
        self.navigation.addItem(title)
        self.navigation.item(number).setSizeHint(QSize(0, self.fontMetrics().height() + 22))
        # the start page is Alt+Home (a browser's home page), the next ten Alt+1 … Alt+0
        shortcut = QKeySequence("Alt+Home" if number == 0 else f"Alt+{number % 10}")
        self.navigation.item(number).setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        action = QAction(title, self, shortcut=shortcut)
        action.triggered.connect(lambda _checked=False, n=number: self.show_page(n))
        self.addAction(action)
        self.page_actions.append(action)

    def show_page(self, number: int) -> None:
        self.navigation.setCurrentRow(number)
        page = self.pages.widget(number)
        if page is not None:
            page.setFocus()

    @Slot(str)
    def open_today_list(self, code: str) -> None:
        """A today-page tile clicked: its list, filtered to what the tile counts."""
        page: QWidget
        if code in SCAN_TILES:
            self.reminders_page.show_kinds(SCAN_TILES[code][0])
            page = self.reminders_page
        elif code == "owed":
            self.stuck_page.show_filter(owed_filter())
            page = self.stuck_page
        elif code in ("intercepts", "money"):
            self.money_page.show_reason("intercept" if code == "intercepts" else None)
            page = self.money_page
        elif code == "claims":
            self.claims_page.show_status(WAITING_FOR_EVIDENCE)
            page = self.claims_page
        else:
            counts = self.today_page.tiles.counts
            if code == "new_today" and counts is not None:
                span = counts.span
                self.cases_page.show_filter(CaseFilter(opened_from=span.start, opened_to=span.end), self.tr("today"))
            else:
                self.cases_page.show_filter(CaseFilter(open_only=True))
            page = self.cases_page
        self.show_page(self.pages.indexOf(page))

    @Slot()
    def bring_forward(self) -> None:
        """To the front, restored if minimised (a notification clicked, or the desk launched a second time)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    @Slot()
    def show_reminders(self) -> None:
        """Bring the window forward on the reminder centre (a click on a notification)."""
        self.bring_forward()
        self.show_page(self.pages.indexOf(self.reminders_page))

    @Slot(object)
    def _on_reminder_centre_scanned(self, scan: Scan) -> None:
        count = scan.pressing
        self._badge(self.reminders_page, self.tr("Reminders ({count})").format(count=count) if count else "")
        self.money_page.refresh()  # deadlines pass by the minute: the money count follows the reminders' clock
        self.today_page.tiles.refresh()  # and so do today's counts (other PCs log cases too)

    def _badge(self, page: QWidget, counted: str) -> None:
        """A page's navigation entry with its pressing count in bold, or its plain title when nothing presses."""
        number = self.pages.indexOf(page)
        item = self.navigation.item(number)
        item.setText(counted or self._titles[number])
        font = item.font()
        font.setBold(bool(counted))
        item.setFont(font)

    @Slot(int)
    def _on_case_changed(self, _case_id: int) -> None:
        """A case was logged or changed anywhere: the lists and the reminders read again."""
        for page in (self.chases_page, self.complaints_page, self.cases_page, self.stuck_page):
            page.reload()
        self.reminder_centre.scan_now()
        self.money_page.refresh()
        self.today_page.tiles.refresh()

    @Slot()
    def reload_all(self) -> None:
        """Much changed at once (demo data loaded): every list and count reads again."""
        self._on_case_changed(0)
        self.refresh_status()

    @Slot(object)
    def _on_money_page_counted(self, queue: RiskQueue) -> None:
        count = queue.pressing
        self.reminders_page.show_money(count, queue.money_today)
        self._badge(self.money_page, self.tr("Money at risk ({count})").format(count=count) if count else "")
        self.refresh_status()

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def _on_search_returnPressed(self) -> None:
        if self.search.text().strip():
            self.look_up(self.search.text())

    @Slot(str)
    def look_up(self, query: str) -> None:
        """Show the lookup centre for `query` (typed in the search box, or a waybill clicked in a note)."""
        self.search.setText(query)
        self.navigation.setCurrentRow(self.pages.indexOf(self.lookup_page))
        self.lookup_page.lookup(query)

    @Slot(int)
    def _on_reminders_page_todo_requested(self, todo_id: int) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.notebook_page))
        self.notebook_page.open_todo(todo_id)

    @Slot()
    def open_settings(self) -> None:
        self.settings_editor.open()

    @Slot()
    def open_backups(self) -> None:
        open_backup_dialog(self._desk, self._runner, self._prompt, self.backup_scheduler, self._state, self)

    @Slot()
    def open_recycle_bin(self) -> RecycleBinDialog:
        dialog = RecycleBinDialog(self._desk, self._prompt, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_recycle_bin_restored)
        dialog.open()
        return dialog

    @Slot(str, int)
    def _on_recycle_bin_restored(self, _kind: str, _item_id: int) -> None:
        """Pages read again when shown; the counts that are on screen now follow at once."""
        self.money_page.refresh()
        self.reminder_centre.scan_now()

    # --- import: Ctrl+I, or a table file dropped on the window ------------------------------------------
    def open_import(self, path: Path | None = None) -> ImportWizard:
        """The import wizard, on `path` when given; the one already open is brought to the front."""
        from ui.dialogs.import_wizard import ImportWizard  # lazily: the readers load the spreadsheet libraries

        if self.import_wizard is not None:
            self.import_wizard.raise_()
            self.import_wizard.activateWindow()
            return self.import_wizard
        wizard = ImportWizard(self._desk, self._runner, self._prompt, self, path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self._on_import_wizard_imported)
        wizard.case_requested.connect(self._on_import_wizard_case_requested)
        wizard.finished.connect(self._on_import_wizard_finished)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    @Slot()
    def _on_import_action_triggered(self) -> None:
        self.open_import()

    @staticmethod
    def dropped_file(mime: QMimeData) -> Path | None:
        """The one local table file being dragged, else None (several files, a folder, a web link)."""
        from app.imports.readers import ALLOWED_SUFFIXES

        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if len(files) != 1 or files[0].suffix.lower() not in ALLOWED_SUFFIXES:
            return None
        return files[0]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.dropped_file(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.open_import(path)

    @Slot(object)
    def _on_import_wizard_imported(self, result: ImportResult) -> None:
        self.statusBar().showMessage(
            message_text(
                "import_done",
                message_language(),
                rows=result.rows,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                rejected=result.rejected_rows,
            ),
            MESSAGE_MS,
        )
        self.refresh_status()
        self.stuck_page.reload()

    @Slot(int)
    def _on_import_wizard_case_requested(self, case_id: int) -> None:
        """A reconcile row: the stuck case opens over the wizard, which stays where it was."""
        dialog_class = optional("ui.dialogs.stuck_case_dialog", "StuckCaseDialog")
        if dialog_class is None:
            self._prompt.error(self, self.tr("This part of Outlet Desk is not installed."))
            return
        dialog = dialog_class(
            self._desk, self._prompt, case_id, self.import_wizard or self, runner=self._runner, clock=self.clock
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.stuck_page.reload)
        dialog.case_requested.connect(self.opener.open)
        dialog.open()

    @Slot(int)
    def _on_import_wizard_finished(self, _result: int) -> None:
        self.import_wizard = None

    # --- start-up checks and the status bar ---------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._checked:
            self._checked = True
            QTimer.singleShot(0, self._start_checks)

    @Slot()
    def _start_checks(self) -> None:
        desk = self._desk  # jobs touch plain objects only, never the widget

        def job(progress: Any, cancelled: Any) -> tuple[list[str], tuple[int, str]]:
            problems = desk.check(quick=True)
            progress(1, 2)
            return problems, desk.read(status_facts)

        task = self._runner.run(job)
        task.succeeded.connect(self._on_checks_succeeded)
        task.failed.connect(self._on_task_failed)
        self.reminder_centre.start()

    @Slot(object)
    def _on_checks_succeeded(self, outcome: tuple[list[str], tuple[int, str]]) -> None:
        self.problems, facts = outcome
        self._show_facts(facts)
        if self.problems:  # a damaged database is never written to: no pages, imports, settings or backups
            self.centralWidget().setEnabled(False)
            for action in (self.import_action, self.settings_action, self.bin_action):
                action.setEnabled(False)
            self.reminder_centre.stop()
            self.recovery.offer(self.problems)
        else:
            self.backup_scheduler.start()

    def refresh_status(self) -> None:
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.read(status_facts))
        task.succeeded.connect(self._show_facts)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _show_facts(self, facts: tuple[int, str]) -> None:
        open_cases, self.outlet_name = facts
        self.counts_label.setText(self.tr("Open cases: {count}").format(count=open_cases))
        if self.outlet_name:
            self.setWindowTitle(self.tr("{outlet} — Outlet Desk").format(outlet=self.outlet_name))
        else:
            self.setWindowTitle(self.tr("Outlet Desk"))

    @Slot(object)
    def show_failure(self, exc: BaseException) -> None:
        self._on_task_failed(exc)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        self._prompt.error(self, message)

    @Slot(dict)
    def _on_settings_editor_saved(self, changes: dict) -> None:
        if IDLE_LOCK_KEY in changes:
            self.idle_lock.set_minutes(changes[IDLE_LOCK_KEY])
        self.statusBar().showMessage(self.tr("Settings saved."), MESSAGE_MS)
        self.refresh_status()

    @Slot(str, int)
    def _on_lookup_page_looked_up(self, query: str, count: int) -> None:
        self.statusBar().showMessage(self.tr("Parcels found: {count}.").format(count=count), MESSAGE_MS)

    @Slot(str)
    def _on_lookup_page_waybill_copied(self, number: str) -> None:
        self.statusBar().showMessage(self.tr("Copied {number}.").format(number=number), MESSAGE_MS)

    @Slot()
    def _on_directory_page_changed(self) -> None:
        if self.stuck_page.scan_bar is not None:  # a courier added, moved or gone: the scan bar offers them
            self.stuck_page.scan_bar.reload()

    @Slot(int)
    def _on_cases_page_copied(self, count: int) -> None:
        self.statusBar().showMessage(self.tr("Rows copied: {count}.").format(count=count), MESSAGE_MS)

    @Slot(str)
    def _on_stuck_page_announced(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # --- layout saved per PC ------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry, state = self._state.window(WINDOW_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self._state.save_window(WINDOW_KEY, self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle_lock.detach()
        self.reminder_centre.stop()
        self.save_layout()
        super().closeEvent(event)
