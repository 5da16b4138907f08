"""Build a parcel's evidence pack (证据包) from the GUI: the PDF and, beside it, the zip of the original files,
ready to upload to an arbitration or a fine appeal. Written in the task runner; phones masked, as on every export.
The export engine is imported when first used: reportlab is not part of start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.desk import Desk
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import error_text

if TYPE_CHECKING:
    from app.export.evidence_pack import EvidencePack


class EvidenceExporter(QObject):
    announced = Signal(str)  # a short sentence for the status bar
    written = Signal(object)  # the EvidencePack

    def __init__(self, desk: Desk, runner: TaskRunner, prompt: Prompt, widget: QWidget) -> None:
        super().__init__(widget)
        self._desk, self._runner, self._prompt, self._widget = desk, runner, prompt, widget

    def export(self, waybill_no: str) -> None:
        """Ask where the PDF goes (the zip goes beside it, same name), then write both in the background."""
        from app.export.evidence_pack import pdf_name

        path = self._prompt.save_file(
            self._widget, self.tr("Evidence pack"), str(Path.home() / pdf_name(waybill_no)), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write(waybill_no, Path(path))

    def write(self, waybill_no: str, target: Path) -> None:
        from app.export.evidence_pack import evidence_data, render_evidence_pack

        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        desk = self._desk

        def job(_progress: Any, _cancelled: Any) -> EvidencePack:
            data = desk.read(evidence_data, waybill_no)
            return render_evidence_pack(data, target, zip_path=target.with_suffix(".zip"))

        task = self._runner.run(job, title=self.tr("Building the evidence pack"), dialog_parent=self._widget)
        task.succeeded.connect(self._on_written)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_written(self, pack: EvidencePack) -> None:
        self.announced.emit(
            self.tr("Evidence pack saved: {path} ({pages} pages, {files} files in the zip)").format(
                path=pack.path, pages=pack.pages, files=len(pack.files)
            )
        )
        self.written.emit(pack)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._prompt.error(self._widget, error_text(exc))
