"""The claim form (理赔申请表) before it leaves the desk: its pages as they will print, printing through Qt's print
dialog, saving a copy, or opening it in the system's PDF viewer.

The form is read (with its photos) and rendered off the UI thread into a private temporary folder, removed when
the dialog closes. Phones are masked unless "full phones" is ticked: a clerk is asked for a manager's PIN, the
service checks it and the audit log records who took the form and which manager allowed it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSignalBlocker, QSize, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.desk import Desk
from app.errors import PermissionDenied, UserError
from app.export.claim_form import ClaimForm, write_claim_form
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import action_button, error_text

PRINT_DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of `document` on `printer`, each scaled to the printable area with its shape kept;
    the number of pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            pixels = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
            image = document.render(page, pixels)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return document.pageCount()


class ClaimPreviewDialog(QDialog):
    def __init__(
        self, desk: Desk, runner: TaskRunner | None, prompt: Prompt, claim_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimPreview")
        self.setWindowTitle(self.tr("Claim form"))
        self._desk, self._runner, self._prompt, self.claim_id = desk, runner, prompt, claim_id
        self._folder = Path(tempfile.mkdtemp(prefix="outlet-desk-claim-"))
        self.path: Path | None = None
        self._pin: str | None = None  # the manager's PIN that allowed the unmasked form
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("claimPdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self.tr("Preparing the form…"))
        self.unmasked = QCheckBox(self.tr("Full &phones and addresses (recorded)"))
        self.unmasked.setObjectName("unmaskedBox")
        self.print_button = action_button(self.tr("&Print…"), "printButton")
        self.save_button = action_button(self.tr("&Save a copy…"), "saveCopyButton")
        self.open_button = action_button(self.tr("Open in the &viewer"), "openViewerButton")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.unmasked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.save_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 900)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.unmasked.toggled.connect(self._on_unmasked_toggled)
        self.render()

    def render(self) -> None:
        """Read the claim now, render it off the UI thread (inline without a runner), then show it."""
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(False)
        unmasked, pin = self.unmasked.isChecked(), self._pin
        path = self._folder / f"claim-{self.claim_id}{'-full' if unmasked else ''}.pdf"
        desk, claim_id = self._desk, self.claim_id  # the job touches plain objects only, never the widget

        def job(_progress: Any, _cancelled: Any) -> ClaimForm:
            # the photos' bytes: ~150 ms for six big ones; unmasked, the service checks the PIN and audits
            return write_claim_form(desk.database, claim_id, path, unmasked=unmasked, actor=desk.actor, manager_pin=pin)

        if self._runner is None:
            try:
                self._rendered(job(None, None))
            except UserError as exc:
                self._failed(exc)
            return
        task = self._runner.run(job, title=self.tr("Claim form"), write=unmasked)
        task.succeeded.connect(self._rendered)
        task.failed.connect(self._failed)

    def _rendered(self, form: ClaimForm) -> None:
        path = form.path
        self.document.close()
        self.path = path
        self.document.load(str(path))
        self.status.setText(self.tr("{pages} page(s)").format(pages=self.document.pageCount()))
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        message = error_text(exc)  # a bug raises on, to the crash handler
        self.status.setText(message)
        self._prompt.error(self, message)
        if isinstance(exc, PermissionDenied):  # a wrong PIN: back to the masked form
            self._pin = None
            with QSignalBlocker(self.unmasked):
                self.unmasked.setChecked(False)
            self.render()

    @Slot(bool)
    def _on_unmasked_toggled(self, unmasked: bool) -> None:
        self._pin = None
        if unmasked:
            reason = self.tr("Full phones and addresses need a manager's PIN.")
            approved, self._pin = self._prompt.approval(self, self._desk.actor.is_manager, reason)
            if not approved:
                with QSignalBlocker(self.unmasked):
                    self.unmasked.setChecked(False)
                return
        self.render()

    def print_to(self, printer: QPrinter) -> int:
        return print_pdf(self.document, printer)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        assert self.path is not None
        target = self._prompt.save_file(
            self, self.tr("Save the claim form"), f"理赔申请表-{self.claim_id}.pdf", self.tr("PDF (*.pdf)")
        )
        if not target:
            return
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            self._prompt.error(self, self.tr("The file cannot be written: {reason}").format(reason=exc.strerror or exc))

    @Slot()
    def _on_open_button_clicked(self) -> None:
        assert self.path is not None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)
