"""The backup window (Ctrl+Shift+B): the backups of both folders with time and size, "back up now", this PC's
backup settings, and restore… with a manager's PIN. On PostgreSQL it only says that backups are the server's job.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import backups, settings
from app.backups import LIMITS, BackupFile, BackupPolicy, BackupRun
from app.desk import Desk
from app.errors import ValidationError
from app.messages import text as message_text
from ui.backup_scheduler import BackupScheduler, save_policy
from ui.local_state import LocalState
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text, message_language

PathRole = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


class BackupDialog(QDialog):
    restored = Signal(str)  # where the previous database was kept

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        scheduler: BackupScheduler,
        state: LocalState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Backup and restore"))
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self._scheduler, self._state = scheduler, state
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        if not scheduler.available:
            self.status.setText(message_text("pg_backup", message_language()))
            layout.addWidget(close)
            return
        self.setMinimumSize(720, 480)
        self._zone = ZoneInfo(desk.read(settings.deadline_rules).zone)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Size"), self.tr("Kind"), self.tr("Folder")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.back_up_button = QPushButton(self.tr("Back up now"))
        self.back_up_button.clicked.connect(self._on_back_up_button_clicked)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setToolTip(self.tr("Replace the database with the selected backup (needs a manager)"))
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        actions.addWidget(self.back_up_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(self._settings_box(scheduler.policy))
        layout.addWidget(close)
        scheduler.backed_up.connect(self._on_scheduler_backed_up)
        scheduler.failed.connect(self._on_scheduler_failed)
        self.reload()

    def _settings_box(self, policy: BackupPolicy) -> QGroupBox:
        box = QGroupBox(self.tr("Automatic backups on this PC"))
        form = QFormLayout(box)
        self.spins: dict[str, QSpinBox] = {}
        labels = {
            "interval_minutes": self.tr("Back up every (minutes)"),
            "recent": self.tr("Keep the newest"),
            "daily": self.tr("Then one a day, for days"),
            "weekly": self.tr("Then one a week, for weeks"),
            "monthly": self.tr("Then one a month, for months"),
        }
        for key, label in labels.items():
            spin = QSpinBox()
            spin.setRange(*LIMITS[key])
            spin.setValue(getattr(policy, key))
            self.spins[key] = spin
            form.addRow(label, spin)
        self.second_folder = QLineEdit(str(policy.second_folder or ""))
        self.second_folder.setReadOnly(True)
        self.second_folder.setPlaceholderText(self.tr("None (e.g. a USB stick)"))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.second_folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.second_folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(clear)
        form.addRow(self.tr("Second folder"), row)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        form.addRow("", self.save_button)
        return box

    # --- the list ---------------------------------------------------------------------------------------------
    def folders(self) -> list[Path]:
        second = self._scheduler.policy.second_folder
        return [self._scheduler.folder] + ([second] if second else [])

    def reload(self) -> None:
        found = [b for folder in self.folders() for b in backups.list_backups(folder)]
        found.sort(key=lambda b: b.taken_at, reverse=True)
        kinds = {
            "auto": self.tr("Automatic"),
            "pre-migrate": self.tr("Before an upgrade"),
            "before-restore": self.tr("Kept at a restore"),
            "damaged": self.tr("Damaged, kept"),
        }
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            local = item.taken_at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S")
            cells = [local, size_text(item.size), kinds.get(item.kind, item.kind), str(item.path.parent)]
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setData(PathRole, str(item.path))
                cell.setToolTip(str(item.path))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(found))
        self._show_status(found)

    def _show_status(self, found: list[BackupFile]) -> None:
        if self._scheduler.paused:
            self.status.setText(message_text("backups_paused", message_language()))
        elif found:
            self.status.setText(self.tr("Backups: {count}.").format(count=len(found)))
        else:
            self.status.setText(self.tr("No backups yet."))

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return Path(cell.data(PathRole)) if cell is not None else None

    # --- back up now ------------------------------------------------------------------------------------------
    @Slot()
    def _on_back_up_button_clicked(self) -> None:
        if self._scheduler.back_up_now() is None:
            self.status.setText(self.tr("A backup is already running."))
            return
        self.back_up_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))

    @Slot(object)
    def _on_scheduler_backed_up(self, run: BackupRun) -> None:
        self.back_up_button.setEnabled(True)
        self.reload()
        self.status.setText(message_text("backup_done", message_language(), path=str(run.path)))

    @Slot(str)
    def _on_scheduler_failed(self, message: str) -> None:
        self.back_up_button.setEnabled(True)
        self.status.setText(message)

    # --- settings ---------------------------------------------------------------------------------------------
    @Slot()
    def _on_choose_clicked(self) -> None:
        folder = self._prompt.choose_folder(self, self.tr("Second folder for backups"), self.second_folder.text())
        if folder:
            self.second_folder.setText(folder)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        values: dict[str, object] = {key: spin.value() for key, spin in self.spins.items()}
        values["second_folder"] = self.second_folder.text()
        try:
            policy = BackupPolicy.from_dict(values)
        except ValidationError as exc:
            self._prompt.error(self, exc.message(message_language()))
            return
        save_policy(self._state, policy)
        self.reload()
        self.status.setText(self.tr("Backup settings saved."))

    # --- restore ----------------------------------------------------------------------------------------------
    @Slot()
    def _on_restore_button_clicked(self) -> None:
        source = self.selected_path()
        if source is None:
            return
        question = self.tr(
            "Replace the database with the backup {name}? The current database is kept in the backups folder, "
            "and automatic backups pause until Outlet Desk restarts."
        ).format(name=source.name)
        if not self._prompt.confirm(self, question):
            return
        pin = self._prompt.ask_pin(self, self.tr("Restoring a backup needs a manager's PIN."))
        if pin is None:
            return
        database, home = self._desk.database, self._desk.home
        self.restore_button.setEnabled(False)
        task = self._runner.run(
            lambda _p, _c: backups.restore_backup(database, source, home, manager_pin=pin),
            title=self.tr("Restoring…"),
            write=True,
            dialog_parent=self,
        )
        task.succeeded.connect(self._on_restore_succeeded)
        task.failed.connect(self._on_restore_failed)

    @Slot(object)
    def _on_restore_succeeded(self, aside: Path) -> None:
        self._scheduler.stop()
        self.reload()
        self._prompt.info(self, self.tr("Restored. The previous database was kept as {aside}. Please restart "
                                        "Outlet Desk now.").format(aside=str(aside)))  # fmt: skip
        self.restored.emit(str(aside))

    @Slot(object)
    def _on_restore_failed(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        self._prompt.error(self, error_text(exc))


def open_backup_dialog(
    desk: Desk, runner: TaskRunner, prompt: Prompt, scheduler: BackupScheduler, state: LocalState, parent: QWidget
) -> BackupDialog:
    """Open the backup window (window-modal, without blocking); it deletes itself when closed."""
    dialog = BackupDialog(desk, runner, prompt, scheduler, state, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
