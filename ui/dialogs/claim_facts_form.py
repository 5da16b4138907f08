"""The claim's facts as a form: the claimant, the parcel and its loss, the money and who answers for it.

`facts()` reads the form into an `app.claims.records.ClaimFacts` (amounts that are not amounts are shown next to
their field and raise `FormProblem`); `load()` fills it from one. The service checks everything again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.claims.catalogue import (
    AUTHORISATION_LABELS,
    EXTENT_LABELS,
    LOSS_LABELS,
    PACKAGING_LABELS,
    PARTY_LABELS,
    RELATION_LABELS,
)
from app.claims.records import TEXT_LIMITS, ClaimFacts
from app.imports.values import ValueProblem, decimal_kg
from ui.dialogs.form import FieldErrors
from ui.widgets.common import message_language
from ui.widgets.money_edit import MoneyEdit


class FormProblem(Exception):
    """Something typed cannot be read (shown next to its field already)."""


def _combo(labels: dict[str, str], name: str, *, blank: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if blank is not None:
        combo.addItem(blank, None)
    for code, label in labels.items():
        combo.addItem(label, code)
    return combo


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index < 0 and value is not None:  # a code this version does not know: keep it rather than lose it
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def _count(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 99999)
    spin.setSpecialValueText("—")
    return spin


class ClaimFactsForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.loss_type = _combo(LOSS_LABELS, "lossType")
        self.loss_extent = _combo(EXTENT_LABELS, "lossExtent", blank="—")
        self.claimant_name = QLineEdit(objectName="claimantName")
        self.claimant_phone = QLineEdit(objectName="claimantPhone")
        self.claimant_relation = _combo(RELATION_LABELS, "claimantRelation")
        self.authorisation = _combo(AUTHORISATION_LABELS, "authorisation")
        self.item = QLineEdit(objectName="claimItem")
        self.quantity = _count("quantity")
        self.quantity_short = _count("quantityShort")
        self.declared_value = MoneyEdit(objectName="declaredValue")
        self.actual_loss = MoneyEdit(objectName="actualLoss")
        self.value_proof = QLineEdit(objectName="valueProof")
        self.insured = QCheckBox(self.tr("Insured (保价)"), objectName="insured")
        self.insured_value = MoneyEdit(objectName="insuredValue")
        self.insurance_fee = MoneyEdit(objectName="insuranceFee")
        self.freight = MoneyEdit(objectName="freight")
        self.freight_cod = QCheckBox(self.tr("Freight collect (到付)"), objectName="freightCod")
        self.packaging = _combo(PACKAGING_LABELS, "packaging", blank="—")
        self.inspected = QComboBox(objectName="inspected")
        for label, value in ((self.tr("unknown"), None), (self.tr("yes"), True), (self.tr("no"), False)):
            self.inspected.addItem(label, value)
        self.loss_note = QPlainTextEdit(objectName="lossNote")
        self.loss_note.setTabChangesFocus(True)
        self.loss_note.setMaximumHeight(70)
        self.claimed_amount = MoneyEdit(objectName="claimedAmount")
        self.approved_amount = MoneyEdit(objectName="approvedAmount")
        self.responsible_party = _combo(PARTY_LABELS, "responsibleParty", blank="—")
        self.responsible_name = QLineEdit(objectName="responsibleName")
        self.responsible_share = MoneyEdit(objectName="responsibleShare")
        self.responsible_share.setPlaceholderText("%")
        self.paid_first = QCheckBox(self.tr("Paid first by the outlet (先行赔付)"), objectName="paidFirst")
        self.amount_recovered = MoneyEdit(objectName="amountRecovered")
        self.salvage = QLineEdit(objectName="salvage")
        self.payee = QLineEdit(objectName="payee")
        self.weight_collected = QLineEdit(objectName="weightCollected")
        self.weight_arrived = QLineEdit(objectName="weightArrived")
        for weight in (self.weight_collected, self.weight_arrived):
            weight.setPlaceholderText("kg")
            weight.setMaxLength(20)
        for name, limit in TEXT_LIMITS.items():
            widget = getattr(self, name)
            if isinstance(widget, QLineEdit):
                widget.setMaxLength(limit)
        self.claimant_phone.setMaxLength(40)

        who = self._group(
            self.tr("Claimant"),
            [
                ("claimant_name", self.tr("&Name:"), self.claimant_name),
                ("claimant_phone", self.tr("&Phone:"), self.claimant_phone),
                ("claimant_relation", self.tr("Re&lation:"), self.claimant_relation),
                ("authorisation", self.tr("A&uthorisation:"), self.authorisation),
                ("payee", self.tr("Pa&yee:"), self.payee),
            ],
        )
        loss = self._group(
            self.tr("Parcel and loss"),
            [
                ("loss_type", self.tr("&Loss:"), self.loss_type),
                ("loss_extent", self.tr("E&xtent:"), self.loss_extent),
                ("item", self.tr("&Item:"), self.item),
                ("quantity", self.tr("&Quantity:"), self.quantity),
                ("quantity_short", self.tr("Items s&hort:"), self.quantity_short),
                ("weight_collected_kg", self.tr("Weight at collection:"), self.weight_collected),
                ("weight_arrived_kg", self.tr("Weight on arrival:"), self.weight_arrived),
                ("packaging", self.tr("Pac&kaging:"), self.packaging),
                ("inspected_at_signing", self.tr("Inspected at si&gning:"), self.inspected),
                ("loss_note", self.tr("What &happened:"), self.loss_note),
            ],
        )
        money = self._group(
            self.tr("Value and freight"),
            [
                ("declared_value", self.tr("&Declared value:"), self.declared_value),
                ("value_proof", self.tr("Proof of &value:"), self.value_proof),
                ("actual_loss", self.tr("Ac&tual loss:"), self.actual_loss),
                ("insured", "", self.insured),
                ("insured_value", self.tr("Insured v&alue:"), self.insured_value),
                ("insurance_fee", self.tr("Insurance &fee:"), self.insurance_fee),
                ("freight", self.tr("F&reight:"), self.freight),
                ("freight_cod", "", self.freight_cod),
            ],
        )
        duty = self._group(
            self.tr("Amounts and responsibility"),
            [
                ("claimed_amount", self.tr("&Claimed:"), self.claimed_amount),
                ("approved_amount", self.tr("Appr&oved:"), self.approved_amount),
                ("responsible_party", self.tr("Responsible &party:"), self.responsible_party),
                ("responsible_name", self.tr("Responsible &unit:"), self.responsible_name),
                ("responsible_share_pct", self.tr("&Share %:"), self.responsible_share),
                ("paid_first", "", self.paid_first),
                ("amount_recovered", self.tr("Reco&vered:"), self.amount_recovered),
                ("salvage", self.tr("Sal&vage:"), self.salvage),
            ],
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(who, 0, 0)
        grid.addWidget(loss, 1, 0)
        grid.addWidget(money, 0, 1)
        grid.addWidget(duty, 1, 1)
        self.insured.toggled.connect(self._on_insured_toggled)
        self.claimant_relation.currentIndexChanged.connect(self._on_relation_changed)
        self._on_insured_toggled(self.insured.isChecked())

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, label, widget in rows:
            self.errors.add_row(form, key, label, widget)
        return box

    def _on_insured_toggled(self, insured: bool) -> None:
        self.insured_value.setEnabled(insured)
        self.insurance_fee.setEnabled(insured)

    def _on_relation_changed(self) -> None:
        """A recipient claims with the sender's authorisation: ask for it; a sender needs none."""
        needed = self.claimant_relation.currentData() == "recipient"
        current = self.authorisation.currentData()
        if needed and current == "not_needed":
            _select(self.authorisation, "needed")
        elif not needed and current == "needed":
            _select(self.authorisation, "not_needed")

    def load(self, facts: ClaimFacts) -> None:
        self.errors.clear()
        for name in ("loss_type", "loss_extent", "claimant_relation", "authorisation", "packaging"):
            _select(getattr(self, name), getattr(facts, name))
        _select(self.responsible_party, facts.responsible_party)
        _select(self.inspected, facts.inspected_at_signing)
        for name in ("claimant_name", "claimant_phone", "item", "value_proof", "responsible_name", "salvage", "payee"):
            getattr(self, name).setText(getattr(facts, name) or "")
        self.loss_note.setPlainText(facts.loss_note or "")
        self.quantity.setValue(facts.quantity or 0)
        self.quantity_short.setValue(facts.quantity_short or 0)
        for name in ("declared_value", "actual_loss", "insured_value", "insurance_fee", "freight"):
            getattr(self, name).set_value(getattr(facts, name))
        for name in ("claimed_amount", "approved_amount", "amount_recovered"):
            getattr(self, name).set_value(getattr(facts, name))
        self.responsible_share.set_value(facts.responsible_share_pct)
        for edit, kg in (
            (self.weight_collected, facts.weight_collected_kg),
            (self.weight_arrived, facts.weight_arrived_kg),
        ):
            edit.setText("" if kg is None else f"{kg.normalize():f}")
        self.insured.setChecked(facts.insured)
        self.freight_cod.setChecked(facts.freight_cod)
        self.paid_first.setChecked(facts.paid_first)

    def facts(self) -> ClaimFacts:
        """The form as facts; FormProblem when an amount cannot be read (each one shown next to its field)."""
        self.errors.clear()
        amounts: dict[str, Decimal | None] = {}
        problems = False
        for name, widget in self._money_fields().items():
            try:
                amounts[name] = widget.value()
            except ValueProblem as exc:
                self.errors.show(name, exc.message(message_language()))
                problems = True
        weights: dict[str, Decimal | None] = {}
        for name, edit in (("weight_collected_kg", self.weight_collected), ("weight_arrived_kg", self.weight_arrived)):
            try:
                weights[name] = decimal_kg(edit.text())
            except ValueProblem as exc:
                self.errors.show(name, exc.message(message_language()))
                problems = True
        if problems:
            self.errors.focus_first()
            raise FormProblem
        insured = self.insured.isChecked()
        return ClaimFacts(
            loss_type=self.loss_type.currentData(),
            loss_extent=self.loss_extent.currentData(),
            claimant_name=self.claimant_name.text(),
            claimant_phone=self.claimant_phone.text(),
            claimant_relation=self.claimant_relation.currentData(),
            authorisation=self.authorisation.currentData(),
            item=self.item.text(),
            quantity=self.quantity.value() or None,
            quantity_short=self.quantity_short.value() or None,
            value_proof=self.value_proof.text(),
            insured=insured,
            freight_cod=self.freight_cod.isChecked(),
            packaging=self.packaging.currentData(),
            inspected_at_signing=self.inspected.currentData(),
            loss_note=self.loss_note.toPlainText(),
            responsible_party=self.responsible_party.currentData(),
            responsible_name=self.responsible_name.text(),
            paid_first=self.paid_first.isChecked(),
            salvage=self.salvage.text(),
            payee=self.payee.text(),
            **weights,
            **{
                name: (value if insured or name not in ("insured_value", "insurance_fee") else None)
                for name, value in amounts.items()
            },
        )

    def _weights(self, collected: Decimal | None, arrived: Decimal | None) -> list[tuple[QLineEdit, Decimal | None]]:
        return [(self.weight_collected, collected), (self.weight_arrived, arrived)]

    def _money_fields(self) -> dict[str, MoneyEdit]:
        names = ("declared_value", "actual_loss", "insured_value", "insurance_fee", "freight", "claimed_amount")
        fields = {name: getattr(self, name) for name in (*names, "approved_amount", "amount_recovered")}
        return fields | {"responsible_share_pct": self.responsible_share}
