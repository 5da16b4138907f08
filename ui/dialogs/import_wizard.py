"""The import wizard: a carrier export or a pasted table in, in five steps the clerk can walk with the keyboard.

1. the file (chosen, dropped on the window or passed in) or a pasted table, and what it holds (导入类型);
2. the sheet, the header row found and the column mapping, with required fields that no column feeds in red;
3. a dry run (试导入) with the counts, then Import with progress and Cancel (Cancel rolls everything back);
4. the result: counts, unknown problem types, the morning reconcile and the rejected rows (savable to .xlsx).

Reading, the dry run, the import and saving the rejected rows are jobs on the task runner; they see plain
values only (the desk, the table, the mapping), never a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from app.desk import Desk
from app.imports.mapping import fields_for, header_hint
from app.imports.readers import read_file, read_pasted
from app.imports.report import write_rejected
from app.imports.run import ImportResult, Prepared, prepare
from app.imports.table import Table
from app.messages import text as message_text
from ui.dialogs.import_wizard_pages import MappingPage, Page, Source, SourcePage
from ui.prompt import Prompt
from ui.tasks import Job, Task, TaskRunner
from ui.widgets.common import Clock, error_text, message_language, outlet_zone
from ui.widgets.import_summary import ImportSummary

COMMIT = QWizard.WizardButton.CommitButton  # on the dry-run page: "Import"
REJECTED_NAME = "{stem}_拒收行.xlsx"  # the clerk fixes these rows and imports the file again: a Chinese name


@dataclass(frozen=True)
class Loaded:
    """One sheet read, with its first mapping guess (a saved profile's, else the header words') and the clock
    that shows times in the outlet's zone."""

    source: Source
    table: Table
    prepared: Prepared
    clock: Clock


def load_job(desk: Desk, source: Source, sheet: str | None = None) -> Job:
    def job(_progress: Any, _cancelled: Any) -> Loaded:
        hint = header_hint(source.target)  # directory sheets are all text: their header is known by its words
        if source.path is not None:
            table = read_file(source.path, sheet=sheet, header_hint=hint)
        else:
            table = read_pasted(source.text, header_hint=hint)
        prepared = desk.read(prepare, table, source.target)
        return Loaded(source, table, prepared, Clock(desk.read(outlet_zone)))

    return job


def import_job(
    desk: Desk,
    loaded: Loaded,
    mapping: dict[int, str],
    *,
    dry_run: bool,
    profile_id: int | None,
    landed: list[ImportResult],
) -> Job:
    """The import (or dry run). `landed` receives the result once the run has returned: a Cancel pressed after
    the run's last check comes too late to stop the commit, and the wizard must still show what was written."""
    lang, target, table, mapping = message_language(), loaded.source.target, loaded.table, dict(mapping)

    def job(progress: Any, cancelled: Any) -> ImportResult:
        result = desk.run_import(
            table,
            target,
            mapping,
            dry_run=dry_run,
            progress=progress,
            cancelled=cancelled,
            lang=lang,
            profile_id=profile_id,
        )
        landed.append(result)
        return result

    return job


class CheckPage(Page):
    """Step 3: the dry run's counts, then Import (the commit step) with progress and Cancel."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Dry run"))
        self.setSubTitle(self.tr("Nothing is written yet: these are the counts the import would give."))
        self.setCommitPage(True)
        self.dry: ImportResult | None = None
        self._imported = False
        self.summary = ImportSummary()
        self.summary.setObjectName("dryRunSummary")
        self.status = QLabel()
        self.status.setObjectName("checkStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.summary, 1)
        self.summary.save_requested.connect(self._on_summary_save_requested)

    def initializePage(self) -> None:
        self.dry, self._imported = None, False
        self.summary.setEnabled(False)
        self.status.setText(self.tr("Checking every row…"))
        task, _landed = self.wiz().start_import(dry_run=True)
        task.succeeded.connect(self._on_dry_run_done)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._on_dry_run_cancelled)

    def isComplete(self) -> bool:
        return self.dry is not None

    @Slot(object)
    def _on_dry_run_done(self, result: ImportResult) -> None:
        self.dry = result
        loaded = self.wiz().loaded
        assert loaded is not None
        self.summary.show_result(result, fields_for(result.target), loaded.clock, reconcile=False)
        self.summary.setEnabled(True)
        self.status.setText(self.tr("Press Import to write these rows, or Back to change the columns."))
        self.completeChanged.emit()

    @Slot()
    def _on_dry_run_cancelled(self) -> None:
        self.status.setText(self.tr("The dry run was stopped. Press Back, then Next to run it again."))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))

    def validatePage(self) -> bool:
        if self._imported:
            return True
        if self.wiz().busy or self.dry is None:
            return False
        self.status.setText(self.tr("Importing…"))
        task, landed = self.wiz().start_import(dry_run=False)
        task.succeeded.connect(self._on_imported)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(lambda: self._on_import_cancelled(landed))
        return False

    @Slot(object)
    def _on_imported(self, result: ImportResult) -> None:
        wizard = self.wiz()
        wizard.import_result, self._imported = result, True
        wizard.imported.emit(result)
        wizard.next()

    def _on_import_cancelled(self, landed: list[ImportResult]) -> None:
        if landed:  # Cancel came after the commit: the rows are in, show them
            self._on_imported(landed[0])
        else:
            self.status.setText(message_text("import_cancelled", message_language()))

    @Slot()
    def _on_summary_save_requested(self) -> None:
        if self.dry is not None:
            self.wiz().save_rejected(self.summary, self.dry)


class ResultPage(Page):
    """Step 4: what the import did, the morning reconcile and the rejected rows."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Imported"))
        self.setFinalPage(True)
        self.summary = ImportSummary()
        self.summary.setObjectName("resultSummary")
        self.summary.save_requested.connect(self._on_summary_save_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)

    def initializePage(self) -> None:
        wizard = self.wiz()
        result, loaded = wizard.import_result, wizard.loaded
        assert result is not None and loaded is not None
        self.setSubTitle(
            message_text(
                "import_done",
                message_language(),
                rows=result.rows,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                rejected=result.rejected_rows,
            )
        )
        self.summary.show_result(result, fields_for(result.target), loaded.clock, reconcile=True)

    @Slot()
    def _on_summary_save_requested(self) -> None:
        result = self.wiz().import_result
        if result is not None:
            self.wiz().save_rejected(self.summary, result)


class ImportWizard(QWizard):
    case_requested = Signal(int)  # the clerk opened a reconcile row
    imported = Signal(object)  # the ImportResult, once it is committed

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a table"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(COMMIT, self.tr("&Import"))
        self.desk, self.runner, self.prompt = desk, runner, prompt
        self.loaded: Loaded | None = None
        self.mapping: dict[int, str] = {}
        self.profile_id: int | None = None
        self.import_result: ImportResult | None = None
        self.task: Task | None = None

        self.source_page = SourcePage(path)
        self.mapping_page = MappingPage()
        self.check_page = CheckPage()
        self.result_page = ResultPage()
        for page in (self.source_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        self.result_page.summary.case_requested.connect(self.case_requested)
        self.resize(900, 640)

    def run(self, job: Job, *, title: str, write: bool = False) -> Task:
        """Start one job with the progress dialog over the wizard. One at a time: the step buttons wait for it
        (Cancel and Esc stay, and stop it)."""
        task = self.runner.run(job, title=title, write=write, dialog_parent=self)
        self.task = task
        task.finished.connect(self._on_task_finished)
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, COMMIT):
            self.button(button).setEnabled(False)
        return task

    def _on_task_finished(self) -> None:
        self.task = None
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()  # the wizard sets its buttons again from the page it is on

    def start_load(self, source: Source, sheet: str | None = None) -> Task:
        return self.run(load_job(self.desk, source, sheet), title=self.tr("Reading the table"))

    def start_import(self, *, dry_run: bool) -> tuple[Task, list[ImportResult]]:
        assert self.loaded is not None
        landed: list[ImportResult] = []
        job = import_job(
            self.desk, self.loaded, self.mapping, dry_run=dry_run, profile_id=self.profile_id, landed=landed
        )
        title = self.tr("Dry run") if dry_run else self.tr("Importing")
        return self.run(job, title=title, write=True), landed

    def save_rejected(self, summary: ImportSummary, result: ImportResult) -> None:
        """Ask where, then write the rejected rows (with the file's own columns) to a workbook."""
        loaded = self.loaded
        if loaded is None or not result.rejected or self.busy:
            return
        source = loaded.source.path
        stem = source.stem if source is not None else loaded.table.name
        folder = source.parent if source is not None else Path.home()
        chosen = self.prompt.save_file(
            self,
            self.tr("Save the rejected rows"),
            str(folder / REJECTED_NAME.format(stem=stem)),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        table, rejected = loaded.table, list(result.rejected)
        task = self.run(lambda _p, _c: write_rejected(path, table, rejected), title=self.tr("Saving the rejected rows"))
        task.succeeded.connect(
            lambda count: summary.saved.setText(
                self.tr("Saved {count} rows to {path}").format(count=count, path=str(path))
            )
        )
        task.failed.connect(lambda exc: summary.saved.setText(error_text(exc)))

    @property
    def busy(self) -> bool:
        return self.task is not None

    def reject(self) -> None:
        """Esc and Cancel: while a job runs they ask it to stop (an import rolls back); otherwise close."""
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
