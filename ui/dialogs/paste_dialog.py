"""Log many stuck parcels from pasted text: an Excel column, a WeChat message, a table from the carrier's site.

Every number found is listed for the clerk to check; numbers that already have an open case are marked and left
unticked (logging them again would change nothing). The ticked ones are logged in one unit of work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.carriers import carrier_specs
from app.desk import Desk
from app.errors import UserError
from app.stuck import PastedNumber, capture_many, paste_candidates, problem_types
from ui.prompt import Prompt
from ui.widgets.common import action_button, error_text

FIND_DELAY_MS = 300
NumberRole = Qt.ItemDataRole.UserRole + 1


class PasteDialog(QDialog):
    logged = Signal(list)  # ids of the cases the paste created

    def __init__(self, desk: Desk, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pasteDialog")
        self.setWindowTitle(self.tr("Log stuck parcels from pasted text"))
        self._desk, self._prompt = desk, prompt
        self.found: list[PastedNumber] = []
        specs, _ours = desk.read(carrier_specs)
        self._carrier_names = {spec.code: spec.name for spec in specs}

        self.text = QPlainTextEdit()
        self.text.setObjectName("pasteText")
        self.text.setPlaceholderText(
            self.tr("Paste an Excel column, a WeChat message or a table: every waybill number in it is found.")
        )
        self.numbers = QListWidget()
        self.numbers.setObjectName("pastedNumbers")
        self.count = QLabel()
        self.problem_type = QComboBox()
        self.problem_type.addItem(self.tr("not set"), None)
        self.direction = QComboBox()
        self.direction.addItem(self.tr("Inbound (we deliver)"), "inbound")
        self.direction.addItem(self.tr("Outbound (we sent)"), "outbound")
        self.log_button = action_button(self.tr("&Log ticked numbers"), "logButton")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("pasteSummary")
        self.summary.setWordWrap(True)

        options = QFormLayout()
        options.addRow(self.tr("Problem &type:"), self.problem_type)
        options.addRow(self.tr("&Direction:"), self.direction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.count)
        layout.addWidget(self.numbers, 2)
        layout.addLayout(options)
        layout.addWidget(self.log_button)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(620, 640)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIND_DELAY_MS)
        self._timer.timeout.connect(self.find)
        self.text.textChanged.connect(self._timer.start)
        self.numbers.itemChanged.connect(self._on_numbers_itemChanged)
        self.log_button.clicked.connect(self._on_log_button_clicked)
        for choice in self._desk.read(problem_types):
            self.problem_type.addItem(f"{choice.number} {choice.name}", choice.code)
        self.find()

    @Slot()
    def find(self) -> None:
        """List every number in the text; the ones already open are marked and unticked."""
        self._timer.stop()
        self.found = self._desk.read(paste_candidates, self.text.toPlainText())
        self.numbers.blockSignals(True)
        self.numbers.clear()
        for number in self.found:
            carrier = self._carrier_names.get(number.carrier or "", number.carrier) or self.tr("carrier unknown")
            if number.open_case_id is not None:
                label = self.tr("{number}  {carrier}  already open (case #{id})").format(
                    number=number.waybill_no, carrier=carrier, id=number.open_case_id
                )
            else:
                label = f"{number.waybill_no}  {carrier}"
            item = QListWidgetItem(label)
            item.setData(NumberRole, number.waybill_no)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            open_case = number.open_case_id is not None
            item.setCheckState(Qt.CheckState.Unchecked if open_case else Qt.CheckState.Checked)
            if open_case:
                item.setForeground(self.palette().placeholderText())
            self.numbers.addItem(item)
        self.numbers.blockSignals(False)
        self._sync()

    def ticked(self) -> list[str]:
        items = (self.numbers.item(row) for row in range(self.numbers.count()))
        return [item.data(NumberRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def _sync(self) -> None:
        ticked = len(self.ticked())
        self.count.setText(
            self.tr("Numbers found: {count}, ticked: {ticked}").format(count=len(self.found), ticked=ticked)
        )
        self.log_button.setEnabled(ticked > 0)

    @Slot(QListWidgetItem)
    def _on_numbers_itemChanged(self, _item: QListWidgetItem) -> None:
        self._sync()

    @Slot()
    def _on_log_button_clicked(self) -> None:
        numbers = self.ticked()
        if not numbers:
            return
        self.error.clear()
        try:
            done = self._desk.write(
                capture_many,
                numbers,
                problem_type=self.problem_type.currentData(),
                direction=self.direction.currentData(),
            )
        except UserError as exc:
            self.error.setText(error_text(exc))
            return
        created = [d.case.id for d in done if d.created]
        self.summary.setText(
            self.tr("Logged {created} new stuck parcels; {open} were already open.").format(
                created=len(created), open=len(done) - len(created)
            )
        )
        self.logged.emit(created)
        self.find()
