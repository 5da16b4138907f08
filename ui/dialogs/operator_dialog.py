"""Who is at the desk: pick yourself from the list, or add yourself (the very first start has an empty list).

The first operator of a new database may be the manager (with a PIN); later ones join as clerks, since
making someone a manager is a manager's decision. The form follows `load()` → `check()` → `value()`; the
caller creates the operator through `app.operators`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from ui.dialogs.form import FieldErrors

MIN_PIN = 4


@dataclass(frozen=True)
class OperatorChoice:
    existing: Actor | None  # picked from the list; None when adding a new operator
    name: str = ""
    role: str = "clerk"
    pin: str | None = None


class OperatorDialog(QDialog):
    submitted = Signal()  # OK pressed and check() passed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorDialog")
        self.setWindowTitle(self.tr("Who is at the desk?"))
        self.setMinimumWidth(380)
        self.errors = FieldErrors()
        self._operators: list[Actor] = []

        self.pick = QRadioButton(self.tr("&I am:"))
        self.list = QListWidget()
        self.add = QRadioButton(self.tr("&Add me as a new operator"))
        self.intro = QLabel(self.tr("Welcome! Nobody works at this desk yet: add yourself to begin."))
        self.intro.setWordWrap(True)

        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Clerk"), "clerk")
        self.role.addItem(self.tr("Manager"), "manager")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_form = QWidget()
        form = QFormLayout(self.new_form)
        self.errors.add_row(form, "name", self.tr("&Name:"), self.name)
        self.errors.add_row(form, "role", self.tr("&Role:"), self.role)
        self.errors.add_row(form, "pin", self.tr("Manager &PIN:"), self.pin)
        self.errors.add_row(form, "pin_again", self.tr("PIN a&gain:"), self.pin_again)
        self.list_error = QLabel()
        self.errors.add_label("existing", self.list_error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.pick, self.list, self.list_error, self.add, self.new_form, self.buttons):
            layout.addWidget(widget)

        self.pick.toggled.connect(self._sync)
        self.role.currentIndexChanged.connect(self._sync)
        self.list.itemDoubleClicked.connect(self.accept)
        self.list.itemActivated.connect(self.accept)

    def load(self, operators: Sequence[Actor], last: str | None = None) -> None:
        self._operators = list(operators)
        self.list.clear()
        for actor in self._operators:
            label = self.tr("{name} (manager)").format(name=actor.name) if actor.is_manager else actor.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, actor.name)
            self.list.addItem(item)
            if actor.name == last:
                self.list.setCurrentItem(item)
        if self._operators and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        first_run = not self._operators
        self.intro.setVisible(first_run)
        self.pick.setVisible(not first_run)
        self.list.setVisible(not first_run)
        self.add.setVisible(not first_run)
        self.role.setEnabled(first_run)  # only the first operator may make themself manager
        self.role.setCurrentIndex(0)
        (self.add if first_run else self.pick).setChecked(True)
        self._sync()
        (self.name if first_run else self.list).setFocus()

    def adding(self) -> bool:
        return not self._operators or self.add.isChecked()

    def _sync(self) -> None:
        adding = self.adding()
        self.new_form.setEnabled(adding)
        self.list.setEnabled(not adding)
        manager = self.role.currentData() == "manager"
        for field in (self.pin, self.pin_again):
            field.setEnabled(adding and manager)

    def check(self) -> bool:
        self.errors.clear()
        choice = self.value()
        if not self.adding():
            if choice.existing is None:
                self.errors.show("existing", self.tr("Choose your name from the list."))
        elif not choice.name:
            self.errors.show("name", self.tr("Enter your name."))
        elif choice.role == "manager":
            if len(self.pin.text()) < MIN_PIN or not self.pin.text().isdigit():
                self.errors.show("pin", self.tr("A PIN is at least {n} digits.").format(n=MIN_PIN))
            elif self.pin.text() != self.pin_again.text():
                self.errors.show("pin_again", self.tr("The two PINs differ."))
        self.errors.focus_first()
        return not self.errors.messages()

    def value(self) -> OperatorChoice:
        if not self.adding():
            item = self.list.currentItem()
            name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            return OperatorChoice(existing=next((a for a in self._operators if a.name == name), None))
        role = self.role.currentData() if not self._operators else "clerk"
        pin = self.pin.text() if role == "manager" else None
        return OperatorChoice(existing=None, name=self.name.text().strip(), role=role, pin=pin)

    def show_error(self, key: str, message: str) -> bool:
        return self.errors.show(key, message)

    def accept(self) -> None:
        if self.check():
            self.submitted.emit()
