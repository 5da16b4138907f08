"""The import wizard's pages. Each page owns its widgets; the wizard owns the state and starts the jobs.

A step that needs a job (reading the file, importing) refuses Next at first, starts the job, and moves on by
itself when the job has succeeded; a failure stays on the page as one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.imports.mapping import TARGETS, fields_for, missing_required
from app.imports.profiles import save_profile
from app.imports.readers import ALLOWED_SUFFIXES
from ui.widgets.column_mapping import ColumnMapping
from ui.widgets.common import action_button, error_text

if TYPE_CHECKING:
    from ui.dialogs.import_wizard import ImportWizard, Loaded

TARGET_LABELS = {
    "stuck": QT_TRANSLATE_NOOP("SourcePage", "Problem parcels"),
    "chase-out": QT_TRANSLATE_NOOP("SourcePage", "Chases on parcels we sent"),
    "chase-in": QT_TRANSLATE_NOOP("SourcePage", "Chases on parcels we deliver"),
    "complaint": QT_TRANSLATE_NOOP("SourcePage", "Complaints"),
    "intercept": QT_TRANSLATE_NOOP("SourcePage", "Interceptions"),
    "waybills": QT_TRANSLATE_NOOP("SourcePage", "Waybill list"),
    "deliveries": QT_TRANSLATE_NOOP("SourcePage", "Courier daily counts"),
    "fines": QT_TRANSLATE_NOOP("SourcePage", "Fines"),
    "couriers": QT_TRANSLATE_NOOP("SourcePage", "Couriers"),
    "areas": QT_TRANSLATE_NOOP("SourcePage", "Areas and places"),
    "outlets": QT_TRANSLATE_NOOP("SourcePage", "Outlets and transit centres"),
    "contacts": QT_TRANSLATE_NOOP("SourcePage", "Contacts"),
}


@dataclass(frozen=True)
class Source:
    """Where the rows come from (a file or pasted text) and what they are."""

    target: str
    path: Path | None = None
    text: str = ""


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class Page(QWizardPage):
    def wiz(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())


class SourcePage(Page):
    """Step 1: a file or a pasted table, and the import kind."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose the table"))
        self.setSubTitle(self.tr("A carrier export (.xlsx, .xls, .csv) or a table copied from Excel or a web page."))
        self._ready = False
        self.target = QComboBox()
        self.target.setObjectName("importTarget")
        for name in TARGETS:
            label = TARGET_LABELS.get(name)  # a target added to the service later still shows, by its code
            self.target.addItem(QCoreApplication.translate("SourcePage", label) if label else name, name)
        self.from_file = QRadioButton(self.tr("From a fil&e:"))
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(self.tr("Choose a file, or drop one on the main window"))
        self.browse = action_button(self.tr("&Open…"), "browseButton")
        self.from_paste = QRadioButton(self.tr("&Paste a table copied from Excel or a web page:"))
        self.paste = QPlainTextEdit()
        self.paste.setObjectName("pasteTable")
        self.paste.setPlaceholderText(self.tr("Copy the rows with their header, click here and press Ctrl+V."))
        self.paste.setTabChangesFocus(True)
        self.error = _error_label()
        group = QButtonGroup(self)
        group.addButton(self.from_file)
        group.addButton(self.from_paste)
        self.from_file.setChecked(True)

        kind = QLabel(self.tr("Import &kind:"))
        kind.setBuddy(self.target)
        top = QFormLayout()
        top.addRow(kind, self.target)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.from_file)
        layout.addLayout(file_row)
        layout.addSpacing(6)
        layout.addWidget(self.from_paste)
        layout.addWidget(self.paste, 1)
        layout.addWidget(self.error)
        for first, second in (
            (self.target, self.from_file),
            (self.from_file, self.path),
            (self.path, self.browse),
            (self.browse, self.from_paste),
            (self.from_paste, self.paste),
        ):
            self.setTabOrder(first, second)

        paste_action = QAction(self.tr("Paste a table"), self)
        paste_action.setShortcut(QKeySequence.StandardKey.Paste)  # fields that take Ctrl+V themselves keep it
        paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste_action.triggered.connect(self._on_paste_action_triggered)
        self.addAction(paste_action)
        self.path.textChanged.connect(self._on_path_textChanged)
        self.paste.textChanged.connect(self._on_paste_textChanged)
        self.from_file.toggled.connect(self.completeChanged)
        self.browse.clicked.connect(self._on_browse_clicked)
        if path is not None:
            self.path.setText(str(path))

    def source(self) -> Source:
        target = self.target.currentData()
        if self.from_paste.isChecked():
            return Source(target, text=self.paste.toPlainText())
        return Source(target, path=Path(self.path.text().strip().strip('"')))  # Explorer's "Copy as path" quotes

    def isComplete(self) -> bool:
        if self.from_paste.isChecked():
            return bool(self.paste.toPlainText().strip())
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        if self._ready:
            self._ready = False
            return True
        if self.wiz().busy:
            return False
        _show(self.error, "")
        task = self.wiz().start_load(self.source())
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_load_failed)
        return False

    @Slot(object)
    def _on_loaded(self, loaded: Loaded) -> None:
        self.wiz().loaded = loaded
        self._ready = True
        self.wiz().next()

    @Slot(object)
    def _on_load_failed(self, exc: BaseException) -> None:
        _show(self.error, error_text(exc))
        (self.paste if self.from_paste.isChecked() else self.path).setFocus()

    @Slot(str)
    def _on_path_textChanged(self, _text: str) -> None:
        self.from_file.setChecked(True)
        _show(self.error, "")
        self.completeChanged.emit()

    @Slot()
    def _on_paste_textChanged(self) -> None:
        if self.paste.toPlainText():
            self.from_paste.setChecked(True)
        _show(self.error, "")
        self.completeChanged.emit()

    @Slot()
    def _on_paste_action_triggered(self) -> None:
        self.from_paste.setChecked(True)
        self.paste.setFocus()
        self.paste.selectAll()
        self.paste.paste()

    @Slot()
    def _on_browse_clicked(self) -> None:
        current = self.path.text().strip()
        folder = str(Path(current).parent) if current else str(Path.home())
        patterns = " ".join(f"*{suffix}" for suffix in ALLOWED_SUFFIXES)
        chosen = self.wiz().prompt.open_file(
            self, self.tr("Choose a table to import"), folder, self.tr("Tables ({patterns})").format(patterns=patterns)
        )
        if chosen:
            self.path.setText(chosen)
            self.path.setFocus()


class MappingPage(Page):
    """Step 2: the sheet, the header row found, and which field each column feeds."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Check what each column holds. Columns set to “Do not import” are left out."))
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.sheet_label = QLabel(self.tr("&Sheet:"))
        self.sheet_label.setBuddy(self.sheet)
        self.header_note = QLabel()
        self.header_note.setObjectName("headerNote")
        self.header_note.setWordWrap(True)
        self.columns_label = QLabel(self.tr("Column &mapping:"))
        self.table = ColumnMapping()
        self.missing = _error_label()
        self.save = QCheckBox(self.tr("Save as a &profile named:"))
        self.save.setObjectName("saveProfile")
        self.profile_name = QLineEdit()
        self.profile_name.setObjectName("profileName")
        self.profile_name.setEnabled(False)
        self.error = _error_label()

        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addWidget(self.header_note, 2)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.save)
        profile_row.addWidget(self.profile_name, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(sheet_row)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addLayout(profile_row)
        layout.addWidget(self.error)

        self.sheet.activated.connect(self._on_sheet_activated)
        self.table.changed.connect(self._on_table_changed)
        self.save.toggled.connect(self._on_save_toggled)

    @property
    def loaded(self) -> Loaded:
        loaded = self.wiz().loaded
        assert loaded is not None, "the mapping page follows a table read"
        return loaded

    def initializePage(self) -> None:
        self._fill(self.loaded)
        self.save.setChecked(False)
        _show(self.error, "")

    def _fill(self, loaded: Loaded) -> None:
        table, prepared = loaded.table, loaded.prepared
        self.sheet.clear()
        self.sheet.addItems(list(table.sheets))
        self.sheet.setCurrentIndex(max(self.sheet.findText(table.sheet or ""), 0))
        several = len(table.sheets) > 1
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)
        notes = [
            self.tr("Header found on row {row}; {count} data rows.").format(row=table.header_row, count=len(table.rows))
        ]
        if table.ignored:
            rows = ", ".join(str(n) for n in table.ignored[:10]) + ("…" if len(table.ignored) > 10 else "")
            notes.append(self.tr("Left out as blank or total rows: {rows}.").format(rows=rows))
        if prepared.profile:
            notes.append(self.tr("Columns matched by the saved profile “{name}”.").format(name=prepared.profile))
        else:
            notes.append(self.tr("Columns matched by their header words: check each one."))
        self.header_note.setText(" ".join(notes))
        self.table.load(table, fields_for(prepared.target), prepared.mapping)
        self.columns_label.setBuddy(self.table.combos[0] if self.table.combos else self.table)
        self.profile_name.setText(prepared.profile or Path(table.name).stem)
        if self.table.combos:
            self.setTabOrder(self.sheet, self.table.combos[0])
            self.setTabOrder(self.table.combos[-1], self.save)
            self.setTabOrder(self.save, self.profile_name)
        self._on_table_changed()

    def isComplete(self) -> bool:
        return self.wiz().loaded is not None and not self._problems()

    def _problems(self) -> list[str]:
        """What keeps Next disabled: required fields no column feeds, fields two columns feed."""
        target = self.loaded.prepared.target
        problems = []
        missing = [f.label for f in missing_required(self.table.value(), target)]
        if missing:
            problems.append(
                self.tr("Required, but no column is matched to it: {fields}").format(fields="、".join(missing))
            )
        labels = {f.name: f.label for f in fields_for(target)}
        for name, columns in self.table.doubled().items():
            problems.append(
                self.tr("{field} is matched to more than one column: {columns}").format(
                    field=labels.get(name, name), columns="、".join(self.table.title(c) for c in columns)
                )
            )
        return problems

    @Slot()
    def _on_table_changed(self) -> None:
        _show(self.missing, "\n".join(self._problems()))
        self.completeChanged.emit()

    @Slot(bool)
    def _on_save_toggled(self, on: bool) -> None:
        self.profile_name.setEnabled(on)
        if on:
            self.profile_name.setFocus()
            self.profile_name.selectAll()

    @Slot(int)
    def _on_sheet_activated(self, index: int) -> None:
        name = self.sheet.itemText(index)
        if self.wiz().busy or name == self.loaded.table.sheet:
            return
        _show(self.error, "")
        task = self.wiz().start_load(self.loaded.source, sheet=name)
        task.succeeded.connect(self._on_sheet_loaded)
        task.failed.connect(self._on_sheet_failed)

    @Slot(object)
    def _on_sheet_loaded(self, loaded: Loaded) -> None:
        self.wiz().loaded = loaded
        self._fill(loaded)

    @Slot(object)
    def _on_sheet_failed(self, exc: BaseException) -> None:
        self.sheet.setCurrentIndex(max(self.sheet.findText(self.loaded.table.sheet or ""), 0))
        _show(self.error, error_text(exc))

    def validatePage(self) -> bool:
        loaded, mapping = self.loaded, self.table.value()
        profile_id = loaded.prepared.profile_id
        if self.save.isChecked():
            name = self.profile_name.text().strip()
            if not name:
                _show(self.error, self.tr("Give the profile a name."))
                self.profile_name.setFocus()
                return False
            try:
                profile = self.wiz().desk.write(
                    save_profile, name, loaded.prepared.target, loaded.table.headers, mapping
                )
            except Exception as exc:  # a locked or full database is one sentence too; a bug goes on (error_text)
                _show(self.error, error_text(exc))
                return False
            profile_id = profile.id
        self.wiz().mapping, self.wiz().profile_id = mapping, profile_id
        return True
