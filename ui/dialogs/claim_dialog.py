"""One claim (理赔) in full: its facts, the evidence checklist with the photos, the compensation with its rule,
the timeline with the status steps, and the claim form to preview and print.

A new claim (from "转理赔" on a stuck case, or typed for a waybill) shows only the facts until it is registered;
then the other tabs open. Edits carry the version the dialog read; when someone else saved in between the clerk is
told so and the dialog shows their version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.attachments.store import AttachmentView, attachment_data, thumbnails
from app.claims import records
from app.claims.records import ClaimView, NewClaim, TimelineEntry
from app.desk import Desk
from app.errors import ConflictError, UserError, ValidationError
from app.imports.values import ValueProblem
from app.workflows import CLAIM
from ui.dialogs.claim_facts_form import ClaimFactsForm, FormProblem
from ui.prompt import Prompt
from ui.tasks import TaskRunner
from ui.widgets.common import Clock, action_button, error_text, message_language, outlet_zone, set_column_widths
from ui.widgets.compensation_view import CompensationView
from ui.widgets.photo_strip import Added, PhotoStrip, PhotoViewer
from ui.widgets.scan_bar import ScanLineEdit


@dataclass(frozen=True)
class ClaimData:
    claim: ClaimView
    timeline: list[TimelineEntry]
    photos: list[AttachmentView]
    zone: str


def read_claim(session: Any, claim_id: int) -> ClaimData:
    return ClaimData(
        claim=records.get_claim(session, claim_id),
        timeline=records.timeline(session, claim_id),
        photos=records.attachments(session, claim_id),
        zone=outlet_zone(session),
    )


def add_photos(session: Any, claim_id: int, added: Added, *, actor: Any) -> None:
    """Every picture or none: one bad file refuses the lot, so the clerk is never left guessing which went in."""
    for data, name in added:
        records.add_photo(session, claim_id, data, name, actor=actor)


class ClaimDialog(QDialog):
    changed = Signal(int)  # claim id, after every saved change
    case_requested = Signal(int, str)  # the case the claim came from is to be opened: id, kind

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner | None,
        prompt: Prompt,
        claim_id: int | None = None,
        parent: QWidget | None = None,
        *,
        draft: NewClaim | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimDialog")
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self.claim_id = claim_id
        self._draft = draft
        self.data: ClaimData | None = None
        self.preview: QDialog | None = None  # the claim form's preview, while it is open
        self._thumbs: dict[int, bytes] = {}  # attachment id → thumbnail; stored content never changes
        english = message_language() == "en"

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.notice = QLabel()
        self.notice.setObjectName("truncatedBanner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.waybill = ScanLineEdit()
        self.waybill.setObjectName("claimWaybill")
        self.waybill_error = QLabel()
        self.waybill_error.setObjectName("fieldError")
        self.waybill_error.hide()
        waybill_row = QHBoxLayout()
        waybill_row.addWidget(QLabel(self.tr("&Waybill:"), buddy=self.waybill))
        waybill_row.addWidget(self.waybill, 1)
        waybill_row.addWidget(self.waybill_error, 2)

        self.form = ClaimFactsForm()
        self.evidence_boxes: dict[str, QCheckBox] = {}
        evidence_grid = QGridLayout()
        self.missing = QLabel()
        self.missing.setObjectName("missingEvidence")
        self.missing.setWordWrap(True)
        self.photos = PhotoStrip(prompt)
        evidence_tab = QWidget()
        evidence_layout = QVBoxLayout(evidence_tab)
        evidence_layout.addLayout(evidence_grid)
        evidence_layout.addWidget(self.missing)
        evidence_layout.addWidget(self.photos, 1)
        self._evidence_grid = evidence_grid

        self.compensation = CompensationView()
        self.compute_button = action_button(self.tr("&Work out from the form"), "computeButton")
        compensation_tab = QWidget()
        compensation_layout = QVBoxLayout(compensation_tab)
        compensation_layout.addWidget(self.compensation, 1)
        compensation_layout.addWidget(self.compute_button)

        self.timeline = QTreeWidget()
        self.timeline.setObjectName("claimTimeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels([self.tr("Time"), self.tr("Operator"), self.tr("What")])
        set_column_widths(self.timeline, (17, 8))
        self.note = QLineEdit()
        self.note.setObjectName("statusNote")
        self.note.setPlaceholderText(self.tr("Note for the status change (a rejection needs the reason)"))
        self.status_buttons: dict[str, QPushButton] = {}
        steps = QHBoxLayout()
        for state in CLAIM.states[1:]:
            button = action_button(state.label_en if english else state.label, f"claimStatus_{state.code}")
            button.clicked.connect(lambda _checked=False, code=state.code: self._on_status_clicked(code))
            steps.addWidget(button)
            self.status_buttons[state.code] = button
        progress_tab = QWidget()
        progress_layout = QVBoxLayout(progress_tab)
        progress_layout.addWidget(self.timeline, 1)
        progress_layout.addWidget(self.note)
        progress_layout.addLayout(steps)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("&Facts"))
        self.tabs.addTab(evidence_tab, self.tr("E&vidence and photos"))
        self.tabs.addTab(compensation_tab, self.tr("C&ompensation"))
        self.tabs.addTab(progress_tab, self.tr("Pro&gress"))

        self.save_button = action_button(self.tr("&Save"), "saveClaimButton")
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.form_button = action_button(self.tr("Claim &form…"), "claimFormButton")
        self.form_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.case_button = action_button(self.tr("Open the &case"), "claimCaseButton")
        self.case_button.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.form_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.case_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addLayout(waybill_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1100, 760)

        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.form_button.clicked.connect(self._on_form_button_clicked)
        self.case_button.clicked.connect(self._on_case_button_clicked)
        self.compute_button.clicked.connect(self._on_compute_button_clicked)
        self.photos.add_requested.connect(self._on_photos_add_requested)
        self.photos.remove_requested.connect(self._on_photos_remove_requested)
        self.photos.view_requested.connect(self._on_photos_view_requested)
        if claim_id is None:
            self._show_draft(draft or NewClaim(""))
        else:
            self.reload()

    # --- reading ------------------------------------------------------------------------------------------
    def _show_draft(self, draft: NewClaim) -> None:
        self.setWindowTitle(self.tr("New claim"))
        self.heading.setText(
            self.tr("New claim from case #{case}").format(case=draft.case_id) if draft.case_id else self.tr("New claim")
        )
        self.waybill.setText(draft.waybill_no)
        self.waybill.setReadOnly(draft.case_id is not None)
        self.form.load(draft.facts)
        self.save_button.setText(self.tr("&Register claim"))
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, False)
        self.form_button.setEnabled(False)
        (self.form.loss_type if draft.waybill_no else self.waybill).setFocus()

    def reload(self) -> None:
        assert self.claim_id is not None
        self.data = data = self._desk.read(read_claim, self.claim_id)
        claim, clock = data.claim, Clock(data.zone)
        self.setWindowTitle(self.tr("Claim {number}").format(number=claim.claim_no))
        carrier = claim.carrier_name or self.tr("carrier unknown")
        self.heading.setText(f"{claim.claim_no} · {claim.waybill_no} · {carrier} · {claim.status_label}")
        self.waybill.setText(claim.waybill_no)
        self.waybill.setReadOnly(True)
        self.save_button.setText(self.tr("&Save"))
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self.form.load(claim.facts)
        self._load_evidence(claim)
        self._load_photos(data.photos)
        self.compensation.show_result(claim.compensation, claim.compensation_problem)
        self.timeline.clear()
        for entry in data.timeline:
            self.timeline.addTopLevelItem(QTreeWidgetItem([clock.text(entry.at), entry.operator or "", entry.text]))
        allowed = CLAIM.allowed(claim.status)
        for code, button in self.status_buttons.items():
            button.setEnabled(code in allowed)
        for widget in (self.save_button, self.form, self.photos, *self.evidence_boxes.values()):
            widget.setEnabled(claim.is_open)
        self.form_button.setEnabled(True)
        self.case_button.setVisible(claim.case_id is not None)

    def _load_evidence(self, claim: ClaimView) -> None:
        if not self.evidence_boxes:
            for index, item in enumerate(claim.evidence):
                box = QCheckBox(objectName=f"evidence_{item.code}")
                box.toggled.connect(lambda ticked, code=item.code: self._on_evidence_toggled(code, ticked))
                self._evidence_grid.addWidget(box, index // 2, index % 2)
                self.evidence_boxes[item.code] = box
        for item in claim.evidence:
            box = self.evidence_boxes[item.code]
            box.blockSignals(True)
            box.setChecked(item.ticked)
            box.setText(item.label + ("" if item.needed else self.tr(" (optional)")))
            box.blockSignals(False)
        missing = claim.missing
        self.missing.setText(
            self.tr("Missing {count}: {items}").format(count=len(missing), items="、".join(i.label for i in missing))
            if missing
            else self.tr("Every needed item is in.")
        )

    def _load_photos(self, photos: list[AttachmentView]) -> None:
        wanted = [p.attachment_id for p in photos if p.attachment_id not in self._thumbs]
        if wanted:
            self._thumbs |= self._desk.read(thumbnails, wanted)
        self.photos.load([(p, self._thumbs.get(p.attachment_id, b"")) for p in photos])

    # --- writing ------------------------------------------------------------------------------------------
    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one service call; show what went wrong (next to the field when there is one) and read again."""
        self.notice.hide()
        try:
            result = self._desk.write(fn, *args, **kwargs)
        except ConflictError as exc:
            self._prompt.error(self, error_text(exc))
            if self.claim_id is not None:
                self.reload()
            self.notice.setText(self.tr("Someone else saved this claim: it now shows their version."))
            self.notice.show()
            return None
        except UserError as exc:
            message = self.form.errors.show_refusal(exc)
            if message is not None:
                self._prompt.error(self, message)
            if isinstance(exc, ValidationError) and exc.fields:
                self.tabs.setCurrentWidget(self.form)
            return None
        if self.claim_id is not None:
            self.reload()
            self.changed.emit(self.claim_id)
        return result if result is not None else True

    def _version(self) -> int:
        assert self.data is not None
        return self.data.claim.version

    @Slot()
    def _on_save_button_clicked(self) -> None:
        try:
            facts = self.form.facts()
        except FormProblem:
            self.tabs.setCurrentWidget(self.form)
            return
        if self.claim_id is not None:
            changes = {name: getattr(facts, name) for name in records.FACT_FIELDS}
            self._write(records.update_claim, self.claim_id, changes, expected_version=self._version())
            return
        number = self.waybill.text().strip()
        if not number:
            self.waybill_error.setText(self.tr("Scan or type the waybill number."))
            self.waybill_error.show()
            self.waybill.setFocus()
            return
        self.waybill_error.hide()
        draft = replace(self._draft or NewClaim(number), waybill_no=number, facts=facts)
        created = self._write(records.create_claim, draft)
        if created:
            self.claim_id = created.id
            self.reload()
            self.changed.emit(created.id)

    def _on_evidence_toggled(self, code: str, ticked: bool) -> None:
        assert self.claim_id is not None
        self._write(records.set_evidence, self.claim_id, {code: ticked}, expected_version=self._version())

    def _on_status_clicked(self, code: str) -> None:
        assert self.claim_id is not None and self.data is not None
        approved = None
        if code in ("reviewed", "paid") and self.data.claim.facts.approved_amount is None:
            try:
                approved = self.form.approved_amount.value()
            except ValueProblem:
                approved = None
        if CLAIM.is_terminal(code):
            question = self.tr("Move this claim to “{status}”? It ends the claim.").format(
                status=self.status_buttons[code].text()
            )
            if not self._prompt.confirm(self, question):
                return
        if self._write(
            records.move_claim,
            self.claim_id,
            code,
            expected_version=self._version(),
            note=self.note.text(),
            approved_amount=approved,
        ):
            self.note.clear()

    @Slot()
    def _on_compute_button_clicked(self) -> None:
        try:
            facts = self.form.facts()
        except FormProblem:
            self.tabs.setCurrentWidget(self.form)
            return
        try:
            worked = self._desk.read(records.preview_compensation, facts)
        except UserError as exc:
            self.compensation.show_result(None, error_text(exc))
            return
        self.compensation.show_result(worked)

    @Slot(object)
    def _on_photos_add_requested(self, added: Added) -> None:
        assert self.claim_id is not None
        self._write(add_photos, self.claim_id, added)

    @Slot(int)
    def _on_photos_remove_requested(self, link_id: int) -> None:
        assert self.claim_id is not None
        if not self._prompt.confirm(self, self.tr("Remove this photo from the claim?")):
            return
        reason = self.tr("Removing evidence from a claim needs a manager's PIN.")
        approved, pin = self._prompt.approval(self, self._desk.actor.is_manager, reason)
        if not approved:
            return
        self._write(records.remove_photo, self.claim_id, link_id, manager_pin=pin)

    @Slot(int)
    def _on_photos_view_requested(self, link_id: int) -> None:
        assert self.data is not None
        photo = next((p for p in self.data.photos if p.id == link_id), None)
        if photo is None:
            return
        data, _mime = self._desk.read(attachment_data, photo.attachment_id)
        PhotoViewer(data, photo.name, self).exec()

    @Slot()
    def _on_case_button_clicked(self) -> None:
        assert self.data is not None and self.data.claim.case_id is not None
        self.case_requested.emit(self.data.claim.case_id, self.data.claim.case_kind or "stuck")

    @Slot()
    def _on_form_button_clicked(self) -> None:
        from ui.dialogs.claim_preview import ClaimPreviewDialog

        assert self.claim_id is not None
        self.preview = ClaimPreviewDialog(self._desk, self._runner, self._prompt, self.claim_id, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
