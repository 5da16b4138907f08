"""The first-run welcome: the outlet, its people, its carriers, where the data lives, and demo data if wanted.

Shown instead of the sign-in when the database has neither operators nor an outlet name. Three short pages;
each checks its own fields before Next. Finish emits `submitted`; the caller stores `value()` through
`app.seed.set_up_outlet` and shows a refusal next to its field with `show_refusal()`. Cancel leaves the plain
sign-in, which can add the first operator too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.seed import OutletSetup
from ui.dialogs.form import FieldErrors
from ui.dialogs.operator_dialog import MIN_PIN

OpenUrl = Callable[[QUrl], bool]
PAGE_OF_FIELD = {"outlet_name": 0, "outlet_code": 0, "carriers": 0, "manager": 1, "manager_pin": 1, "clerks": 1}


@dataclass(frozen=True)
class Welcome:
    setup: OutletSetup
    demo: bool


class _Page(QWizardPage):
    def __init__(self, title: str, check: Callable[[], bool]) -> None:
        super().__init__()
        self.setTitle(title)
        self._check = check

    def validatePage(self) -> bool:
        return self._check()


class WelcomeDialog(QWizard):
    submitted = Signal()  # Finish pressed and every page checked

    def __init__(
        self, home: Path, parent: QWidget | None = None, *, open_url: OpenUrl = QDesktopServices.openUrl
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Outlet Desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(560, 460)
        self.home = home
        self._open_url = open_url
        self.errors = FieldErrors()

        self.outlet_name = QLineEdit()
        self.outlet_code = QLineEdit()
        self.carriers = QListWidget()
        self.carriers.setObjectName("welcomeCarriers")
        outlet = _Page(self.tr("Your outlet"), lambda: self._check_page(0))
        intro = QLabel(self.tr("A few questions before the first day. Everything can be changed later in Settings."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.errors.add_row(form, "outlet_name", self.tr("Outlet &name:"), self.outlet_name)
        self.errors.add_row(form, "outlet_code", self.tr("Outlet &code:"), self.outlet_code)
        self.errors.add_row(form, "carriers", self.tr("&Carriers you work for:"), self.carriers)
        layout = QVBoxLayout(outlet)
        layout.addWidget(intro)
        layout.addLayout(form)

        self.manager = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.clerks = QPlainTextEdit()
        self.clerks.setTabChangesFocus(True)
        self.clerks.setPlaceholderText(self.tr("One name a line"))
        people = _Page(self.tr("Who works here"), lambda: self._check_page(1))
        form = QFormLayout(people)
        self.errors.add_row(form, "manager", self.tr("Station &manager:"), self.manager)
        self.errors.add_row(form, "manager_pin", self.tr("Manager &PIN:"), self.pin)
        self.errors.add_row(form, "pin_again", self.tr("PIN a&gain:"), self.pin_again)
        self.errors.add_row(form, "clerks", self.tr("C&lerks:"), self.clerks)
        hint = QLabel(self.tr("The PIN confirms deleting, unmasking, restoring and rule changes."))
        hint.setWordWrap(True)
        form.addRow("", hint)

        self.data_folder = QLabel(str(home))
        self.backup_folder = QLabel(str(home / "backups"))
        for label in (self.data_folder, self.backup_folder):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("&Open data folder"))
        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.demo = QCheckBox(self.tr("&Load demo data to try things out (a made-up outlet; not for real work)"))
        data = _Page(self.tr("Where your data is kept"), lambda: True)
        form = QFormLayout(data)
        form.addRow(self.tr("Data and settings:"), self.data_folder)
        form.addRow(self.tr("Automatic backups:"), self.backup_folder)
        form.addRow("", self.open_folder)
        form.addRow("", self.demo)
        self.refusal = QLabel()
        self.errors.add_label("refusal", self.refusal)
        form.addRow(self.refusal)
        for page in (outlet, people, data):
            self.addPage(page)

    def load(self, carriers: Sequence[tuple[str, str]], outlet_name: str = "", outlet_code: str = "") -> None:
        """`carriers` as (code, name) in catalogue order."""
        self.outlet_name.setText(outlet_name)
        self.outlet_code.setText(outlet_code)
        self.carriers.clear()
        for code, name in carriers:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.carriers.addItem(item)
        self.outlet_name.setFocus()

    def check_carrier(self, code: str, checked: bool = True) -> None:
        for row in range(self.carriers.count()):
            item = self.carriers.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _check_page(self, page: int) -> bool:
        self.errors.clear()
        if page == 0:
            if not self.outlet_name.text().strip():
                self.errors.show("outlet_name", self.tr("Enter the outlet's name."))
            if not self.value().setup.carriers:
                self.errors.show("carriers", self.tr("Tick at least one carrier."))
        elif page == 1:
            pin = self.pin.text()
            if not self.manager.text().strip():
                self.errors.show("manager", self.tr("Enter the station manager's name."))
            if len(pin) < MIN_PIN or not pin.isdigit():
                self.errors.show("manager_pin", self.tr("A PIN is at least {n} digits.").format(n=MIN_PIN))
            elif pin != self.pin_again.text():
                self.errors.show("pin_again", self.tr("The two PINs differ."))
        self.errors.focus_first()
        return not self.errors.messages()

    def value(self) -> Welcome:
        carriers = tuple(
            self.carriers.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.carriers.count())
            if self.carriers.item(row).checkState() == Qt.CheckState.Checked
        )
        clerks = tuple(line.strip() for line in self.clerks.toPlainText().splitlines() if line.strip())
        setup = OutletSetup(
            outlet_name=self.outlet_name.text().strip(),
            outlet_code=self.outlet_code.text().strip(),
            manager=self.manager.text().strip(),
            manager_pin=self.pin.text(),
            clerks=clerks,
            carriers=carriers,
        )
        return Welcome(setup=setup, demo=self.demo.isChecked())

    def show_refusal(self, exc: BaseException) -> None:
        """A refusal from the service: next to its field, on that field's page."""
        self.errors.clear()
        fields = getattr(exc, "fields", None) or {}
        pages = [PAGE_OF_FIELD[key] for key in fields if key in PAGE_OF_FIELD]
        while pages and self.currentId() > min(pages):
            self.back()
        message = self.errors.show_refusal(exc)
        if message is not None:
            self.errors.show("refusal", message)

    @Slot()
    def _on_open_folder_clicked(self) -> None:
        self._open_url(QUrl.fromLocalFile(str(self.home)))

    def accept(self) -> None:
        if self.validateCurrentPage():
            self.submitted.emit()
