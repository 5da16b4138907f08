"""A field for an amount of money in yuan, typed as the clerk writes it ("1,280.5", "¥300", "12元") and read by
the same rules as an imported cell (app.imports.values.money)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.imports.values import money


class MoneyEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(objectName)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0.00")
        self.setMaxLength(20)

    def value(self) -> Decimal | None:
        """The amount typed, None when blank; ValueProblem (with a message) when it is not an amount."""
        return money(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else f"{value:f}")
