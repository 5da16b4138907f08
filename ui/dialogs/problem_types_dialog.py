"""The problem-type catalogue editor: names, carriers, and the limits a manager approves."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import problem_types
from app.carriers import carrier_specs
from app.desk import Desk
from app.errors import PermissionDenied, UserError, ValidationError, user_message
from app.problem_types import ProblemTypeRecord
from ui.dialogs.form import FieldErrors
from ui.prompt import Prompt


class ProblemTypesDialog(QDialog):
    changed = Signal()  # a type was saved: capture pickers and filters should reload

    def __init__(self, desk: Desk, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemTypesDialog")
        self.setWindowTitle(self.tr("Problem types"))
        self._desk, self._prompt = desk, prompt
        self._records: list[ProblemTypeRecord] = []
        self._current: ProblemTypeRecord | None = None

        self.list = QListWidget()
        self.list.setObjectName("typeList")
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.carriers = QListWidget()
        self.carriers.setMaximumHeight(120)
        for spec in desk.read(lambda session: carrier_specs(session)[0]):
            item = QListWidgetItem(f"{spec.name} ({spec.code})")
            item.setData(Qt.ItemDataRole.UserRole, spec.code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.carriers.addItem(item)
        self.hold_days = self._limit_box(60, self.tr(" days"))
        self.reply_hours = self._limit_box(720, self.tr(" hours"))
        self.active = QCheckBox(self.tr("&In use"))
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "code", self.tr("&Code:"), self.code)
        self.errors.add_row(form, "name", self.tr("&Name:"), self.name)
        self.errors.add_row(form, "carrier_codes", self.tr("Only for &carriers:"), self.carriers)
        self.errors.add_row(form, "hold_days", self.tr("Earliest return on &day:"), self.hold_days)
        self.errors.add_row(form, "reply_hours", self.tr("&Answer messages within:"), self.reply_hours)
        form.addRow("", self.active)

        self.new_button = QPushButton(self.tr("&New type"))
        self.new_button.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.list.currentRowChanged.connect(self._on_list_currentRowChanged)

        editor = QWidget()
        editor.setLayout(form)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.reload()

    def _limit_box(self, top: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, top)
        box.setSuffix(suffix)
        box.setSpecialValueText(self.tr("outlet rule"))  # 0 shows as "outlet rule": no limit of its own
        return box

    def reload(self, select_code: str | None = None) -> None:
        self._records = self._desk.read(problem_types.catalogue)
        self.list.blockSignals(True)
        self.list.clear()
        for record in self._records:
            item = QListWidgetItem(
                record.name if record.active else self.tr("{name} (not in use)").format(name=record.name)
            )
            if not record.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
        self.list.blockSignals(False)
        codes = [r.code for r in self._records]
        row = codes.index(select_code) if select_code in codes else 0
        self.list.setCurrentRow(row)
        self._show(self._records[row] if self._records else None)

    def _show(self, record: ProblemTypeRecord | None) -> None:
        self._current = record
        self.errors.clear()
        record = record or ProblemTypeRecord(None, "", "")
        self.code.setText(record.code)
        self.code.setReadOnly(record.id is not None)  # old cases are found by the code
        self.name.setText(record.name)
        for i in range(self.carriers.count()):
            item = self.carriers.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in record.carrier_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.hold_days.setValue(record.hold_days or 0)
        self.reply_hours.setValue(record.reply_hours or 0)
        self.active.setChecked(record.active)

    def value(self) -> ProblemTypeRecord:
        carriers = tuple(
            str(self.carriers.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.carriers.count())
            if self.carriers.item(i).checkState() == Qt.CheckState.Checked
        )
        base = self._current or ProblemTypeRecord(None, "", "")
        return replace(
            base,
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            carrier_codes=carriers,
            hold_days=self.hold_days.value() or None,
            reply_hours=self.reply_hours.value() or None,
            active=self.active.isChecked(),
        )

    @Slot(int)
    def _on_list_currentRowChanged(self, row: int) -> None:
        if 0 <= row < len(self._records):
            self._show(self._records[row])

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.code.setFocus()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        record = self.value()
        pin: str | None = None
        while True:
            try:
                saved = self._desk.write(problem_types.save, record, manager_pin=pin)
            except PermissionDenied as exc:
                if pin is not None:
                    self.errors.show("hold_days", user_message(exc) or "")
                pin = self._prompt.ask_pin(self, self.tr("Changing a problem type's limits needs a manager's PIN."))
                if pin is None:
                    return
                continue
            except ValidationError as exc:
                self.errors.clear()
                for key, code in exc.fields.items():
                    self.errors.show(key, user_message(ValidationError(code)) or code)
                self.errors.focus_first()
                return
            except UserError as exc:
                self._prompt.error(self, user_message(exc) or str(exc))
                return
            break
        self.reload(saved.code)
        self.changed.emit()
