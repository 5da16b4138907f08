"""Which columns a list shows, in which order and how wide, chosen from the header and kept per PC.

Any `QTableView` gets it: right-click the header for a menu of checkable column names (or open the same menu
from a "Columns" button), drag headers to reorder. The layout is plain JSON keyed by column keys — not
`QHeaderView.saveState()` bytes — so it survives columns being added in a later version and fits in a saved view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from ui.local_state import LocalState

SAVE_DELAY_MS = 400  # a drag resizes a column many times a second: write the ini once it stops


class ColumnChooser(QObject):
    changed = Signal()  # shown, hidden, moved or resized by the user (not by `apply`)

    def __init__(
        self,
        view: QTableView,
        keys: Sequence[str],
        *,
        name: str,
        state: LocalState | None = None,
        hidden: Iterable[str] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or view)
        self._view = view
        self._keys = list(keys)  # logical order, as the model has them
        self._name = name
        self._state = state
        self._applying = False
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_customContextMenuRequested)
        header.sectionMoved.connect(self._on_header_sectionMoved)
        header.sectionResized.connect(self._on_header_sectionResized)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._widths = {key: header.sectionSize(n) for n, key in enumerate(self._keys)}
        hidden = set(hidden)
        self._default = {"order": list(self._keys), "hidden": [k for k in self._keys if k in hidden], "widths": {}}
        saved = state.list_columns(name) if state is not None else None
        self.apply(saved if saved is not None else self._default)

    # --- the layout ---------------------------------------------------------------------------------
    def layout(self) -> dict[str, Any]:
        """{"order": keys left to right, "hidden": keys, "widths": {key: pixels}} — JSON-able."""
        header = self._view.horizontalHeader()
        order = [self._keys[header.logicalIndex(v)] for v in range(header.count())]
        hidden = [key for key in order if header.isSectionHidden(self._keys.index(key))]
        for number, key in enumerate(self._keys):
            if not header.isSectionHidden(number):
                self._widths[key] = header.sectionSize(number)
        return {"order": order, "hidden": hidden, "widths": dict(self._widths)}

    def apply(self, layout: dict[str, Any]) -> None:
        """Take a saved layout; unknown keys are ignored, columns it does not name keep their place after it."""
        header = self._view.horizontalHeader()
        order = [k for k in layout.get("order") or () if k in self._keys]
        order += [k for k in self._keys if k not in order]
        hidden = {k for k in layout.get("hidden") or () if k in self._keys}
        if len(hidden) >= len(self._keys):  # never a list without a single column
            hidden = set()
        widths = layout.get("widths") or {}
        self._applying = True
        try:
            for visual, key in enumerate(order):
                header.moveSection(header.visualIndex(self._keys.index(key)), visual)
            for number, key in enumerate(self._keys):
                width = widths.get(key)
                if isinstance(width, int) and width > 0:
                    self._widths[key] = width
                    header.resizeSection(number, width)
                header.setSectionHidden(number, key in hidden)
        finally:
            self._applying = False
        self.save()

    def reset(self) -> None:
        self.apply(self._default)
        self.changed.emit()

    def visible_keys(self) -> list[str]:
        """Shown columns, left to right."""
        layout = self.layout()
        return [key for key in layout["order"] if key not in layout["hidden"]]

    def set_visible(self, key: str, visible: bool) -> None:
        number = self._keys.index(key)
        header = self._view.horizontalHeader()
        if not visible and len(self.visible_keys()) <= 1:
            return  # the last column stays
        header.setSectionHidden(number, not visible)
        if visible and header.sectionSize(number) <= 0:
            header.resizeSection(number, self._widths.get(key) or header.defaultSectionSize())
        self.save()
        self.changed.emit()

    @Slot()
    def save(self) -> None:
        self._save_timer.stop()
        if self._state is not None:
            self._state.save_list_columns(self._name, self.layout())

    # --- the menu -----------------------------------------------------------------------------------
    def menu(self, parent: QWidget | None = None) -> QMenu:
        """A checkable entry per column and "Reset columns"; the checks follow the header each time it opens."""
        menu = QMenu(self.tr("Columns"), parent or self._view)
        model = self._view.model()
        for number, key in enumerate(self._keys):
            title = model.headerData(number, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            action = QAction(str(title or key), menu)
            action.setCheckable(True)
            action.setData(key)
            action.toggled.connect(lambda on, k=key: self._toggle(menu, k, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset)
        menu.aboutToShow.connect(lambda: self._sync_checks(menu))
        self._sync_checks(menu)
        return menu

    def _toggle(self, menu: QMenu, key: str, visible: bool) -> None:
        self.set_visible(key, visible)
        self._sync_checks(menu)

    def _sync_checks(self, menu: QMenu) -> None:
        shown = set(self.visible_keys())
        for action in menu.actions():
            key = action.data()
            if key in self._keys:
                action.blockSignals(True)
                action.setChecked(key in shown)
                action.setEnabled(key not in shown or len(shown) > 1)  # the last column cannot be hidden
                action.blockSignals(False)

    @Slot(QPoint)
    def _on_header_customContextMenuRequested(self, pos: QPoint) -> None:
        menu = self.menu(self._view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._view.horizontalHeader().mapToGlobal(pos))

    @Slot(int, int, int)
    def _on_header_sectionMoved(self, _logical: int, _old: int, _new: int) -> None:
        if not self._applying:
            self.save()
            self.changed.emit()

    @Slot(int, int, int)
    def _on_header_sectionResized(self, _logical: int, _old: int, new: int) -> None:
        if not self._applying and new > 0:
            self._save_timer.start()
