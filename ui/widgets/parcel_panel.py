"""Beside the lookup's timeline: what to know before answering about the selected parcel — the recipient's flags
(complained before, 12305, door delivery only …) in red, and whom to call (the courier covering the address today,
the counterpart outlet, the transit centre, the carrier's hotline) with click-to-copy phones."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.lookup import Match
from app.lookup_contacts import ROLE_LABELS

FlagRole = Qt.ItemDataRole.UserRole + 2
PHONE_COLUMN = 2
STYLE = "QListWidget#parcelFlags { color: #b42318; font-weight: bold; }"


class ParcelPanel(QWidget):
    phone_copied = Signal(str)
    flag_requested = Signal(object)  # the Match to flag (its recipient's phone and address prefill the form)
    flag_removal_requested = Signal(int)  # a flag id
    evidence_requested = Signal(str)  # the waybill whose evidence pack is to be built

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parcelPanel")
        self.setStyleSheet(STYLE)
        self.match: Match | None = None
        self.title = QLabel()
        self.title.setObjectName("sectionHeading")
        self.title.setWordWrap(True)
        flags_label = QLabel(self.tr("&Flags"))
        self.flags = QListWidget()
        self.flags.setObjectName("parcelFlags")
        self.flags.setWordWrap(True)
        flags_label.setBuddy(self.flags)
        self.add_flag = QPushButton(self.tr("Add fla&g…"))
        self.remove_flag = QPushButton(self.tr("Remo&ve flag"))
        self.evidence = QPushButton(self.tr("E&vidence pack…"))
        self.evidence.setObjectName("evidenceButton")
        self.evidence.setToolTip(
            self.tr("Everything on this parcel as a PDF and a zip, for an arbitration or an appeal")
        )
        for button in (self.add_flag, self.remove_flag, self.evidence):
            button.setAutoDefault(False)
        calls_label = QLabel(self.tr("&Who to call"))
        self.calls = QTreeWidget()
        self.calls.setObjectName("whoToCall")
        self.calls.setHeaderLabels([self.tr("Who"), self.tr("Name"), self.tr("Phone"), self.tr("Note")])
        self.calls.setRootIsDecorated(False)
        self.calls.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.calls.setToolTip(self.tr("Click a phone (or press Enter) to copy it"))
        calls_label.setBuddy(self.calls)
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((9, 8, 14)):
            self.calls.setColumnWidth(column, width * char + 16)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_flag)
        buttons.addWidget(self.remove_flag)
        buttons.addStretch(1)
        buttons.addWidget(self.evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(flags_label)
        layout.addWidget(self.flags, 1)
        layout.addLayout(buttons)
        layout.addWidget(calls_label)
        layout.addWidget(self.calls, 2)

        self.add_flag.clicked.connect(self._on_add_flag_clicked)
        self.remove_flag.clicked.connect(self._on_remove_flag_clicked)
        self.evidence.clicked.connect(self._on_evidence_clicked)
        self.flags.currentItemChanged.connect(self._update_buttons)
        self.calls.itemClicked.connect(self._on_calls_itemClicked)
        self.calls.itemActivated.connect(self._on_calls_itemActivated)
        self.show_match(None)

    def show_match(self, match: Match | None) -> None:
        self.match = match
        self.flags.clear()
        self.calls.clear()
        if match is None:
            self.title.setText(self.tr("Select a parcel to see its flags and whom to call."))
            self._update_buttons()
            return
        carrier = f" · {match.carrier_name or match.carrier}" if match.carrier else ""
        self.title.setText(f"{match.waybill_no}{carrier}")
        if not match.detailed:
            self.flags.addItem(self.tr("Type more of the number to see this parcel's flags and contacts."))
        elif not match.flags:
            quiet = QListWidgetItem(self.tr("No flags."))
            quiet.setForeground(self.palette().placeholderText())
            self.flags.addItem(quiet)
        for flag in match.flags:
            whom = flag.phone or flag.address or ""
            text = f"⚠ {flag.label}" + (f"：{flag.note}" if flag.note else "") + (f"（{whom}）" if whom else "")
            item = QListWidgetItem(text)
            item.setData(FlagRole, flag.id)
            if flag.auto:
                item.setToolTip(self.tr("Set by a complaint"))
            self.flags.addItem(item)
        for call in match.who_to_call:
            role = ROLE_LABELS.get(call.role, call.role)
            item = QTreeWidgetItem([role, call.name, call.phone or "", call.note or ""])
            item.setToolTip(3, call.note or "")
            self.calls.addTopLevelItem(item)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        detailed = self.match is not None and self.match.detailed
        self.add_flag.setEnabled(detailed)
        self.evidence.setEnabled(self.match is not None)
        item = self.flags.currentItem()
        self.remove_flag.setEnabled(detailed and item is not None and item.data(FlagRole) is not None)

    @Slot()
    def _on_add_flag_clicked(self) -> None:
        if self.match is not None:
            self.flag_requested.emit(self.match)

    @Slot()
    def _on_evidence_clicked(self) -> None:
        if self.match is not None:
            self.evidence_requested.emit(self.match.waybill_no)

    @Slot()
    def _on_remove_flag_clicked(self) -> None:
        item = self.flags.currentItem()
        if item is not None and item.data(FlagRole) is not None:
            self.flag_removal_requested.emit(int(item.data(FlagRole)))

    @Slot(QTreeWidgetItem, int)
    def _on_calls_itemClicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == PHONE_COLUMN:
            self._copy(item)

    @Slot(QTreeWidgetItem, int)
    def _on_calls_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._copy(item)

    def _copy(self, item: QTreeWidgetItem) -> None:
        phone = item.text(PHONE_COLUMN)
        if phone:
            QGuiApplication.clipboard().setText(phone)
            self.phone_copied.emit(phone)
