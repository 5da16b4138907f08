"""Export the whole directory to one .xlsx (five sheets that import back), in the task runner with Cancel.
The export engine is imported when first used: openpyxl is not part of start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.desk import Desk
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text

if TYPE_CHECKING:
    from app.export.directory import DirectoryExport

SUGGESTED_NAME = "区域概况.xlsx"


class DirectoryExporter(QObject):
    announced = Signal(str)  # a short sentence for the status bar

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, widget: QWidget) -> None:
        super().__init__(widget)
        self._desk, self._runner, self._prompt, self._widget = desk, runner, prompt, widget

    @Slot()
    def export(self) -> None:
        """Ask where, then write in the background; a cancel or an error leaves no file behind."""
        from app.export.directory import write_directory

        path = self._prompt.save_file(
            self._widget,
            self.tr("Export the directory"),
            str(Path.home() / SUGGESTED_NAME),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        target = Path(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")
        desk = self._desk
        task = self._runner.run(
            lambda progress, cancelled: desk.read(write_directory, target, progress=progress, cancelled=cancelled),
            title=self.tr("Exporting the directory"),
            dialog_parent=self._widget,
        )
        task.succeeded.connect(self._on_written)
        task.cancelled.connect(self._on_cancelled)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_written(self, report: DirectoryExport) -> None:
        self.announced.emit(self.tr("Directory saved: {path} ({rows} rows)").format(path=report.path, rows=report.rows))

    @Slot()
    def _on_cancelled(self) -> None:
        self.announced.emit(self.tr("Directory export cancelled."))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._prompt.error(self._widget, error_text(exc))
