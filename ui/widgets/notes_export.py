"""Export the notes of a date range to .xlsx or to a printable PDF, in the task runner with Cancel.

The clerk picks the first and last day (the week up to the day on show, by default) and where to write; the file
type follows the chosen name (.pdf or .xlsx). Phones in the notes are masked, as on every export.
The export engine is imported when first used: openpyxl and reportlab are not part of start-up."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal, Slot
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.desk import Desk
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text

if TYPE_CHECKING:
    from app.export.notes import NotesExport

DATE_FORMAT = "yyyy-MM-dd"
DEFAULT_DAYS = 7


class RangeDialog(QDialog):
    """First and last day of the notes to export."""

    def __init__(self, first: date, last: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesRangeDialog")
        self.setWindowTitle(self.tr("Export notes"))
        self.first = QDateEdit(QDate(first.year, first.month, first.day))
        self.last = QDateEdit(QDate(last.year, last.month, last.day))
        for edit in (self.first, self.last):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.first)
        form.addRow(self.tr("&To:"), self.last)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]


class NotesExporter(QObject):
    announced = Signal(str)  # a short sentence for the status bar
    dialog_opened = Signal(object)  # the range dialog (tests answer it)

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, widget: QWidget) -> None:
        super().__init__(widget)
        self._desk, self._runner, self._prompt, self._widget = desk, runner, prompt, widget

    def export(self, last: date) -> None:
        """Ask for the range (the week up to `last` suggested), then where, then write in the background."""
        dialog = RangeDialog(last - timedelta(days=DEFAULT_DAYS - 1), last, self._widget)
        self.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.chosen()
        suggested = f"工作笔记 {first.isoformat()} 至 {last.isoformat()}.xlsx"
        path = self._prompt.save_file(
            self._widget,
            self.tr("Export notes"),
            str(Path.home() / suggested),
            self.tr("Excel workbook (*.xlsx);;PDF for printing (*.pdf)"),
        )
        if not path:
            return
        self.write(first, last, Path(path))

    def write(self, first: date, last: date, target: Path) -> None:
        from app.export.notes import write_notes_pdf, write_notes_xlsx

        pdf = target.suffix.lower() == ".pdf"
        if not pdf and target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        writer = write_notes_pdf if pdf else write_notes_xlsx
        desk = self._desk
        task = self._runner.run(
            lambda progress, cancelled: desk.read(writer, first, last, target, progress=progress, cancelled=cancelled),
            title=self.tr("Exporting notes"),
            dialog_parent=self._widget,
        )
        task.succeeded.connect(self._on_written)
        task.cancelled.connect(self._on_cancelled)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_written(self, report: NotesExport) -> None:
        self.announced.emit(self.tr("Notes saved: {path} ({count} notes)").format(path=report.path, count=report.notes))

    @Slot()
    def _on_cancelled(self) -> None:
        self.announced.emit(self.tr("Notes export cancelled."))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._prompt.error(self._widget, error_text(exc))
