"""Saved views of a list page: a combo to pick one, "Save view…" (own or for everyone) and "Delete view".

The bar does not know what a view holds: the page hands it a `capture()` callable that returns the state as a
JSON-able dict, and applies the dict the bar sends back through `chosen`. The views service (app.views) is
imported only when used, so a page still opens where it is missing; the bar then hides itself.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from app.desk import Desk
from app.errors import user_message
from ui.optional import optional_module
from ui.prompt import Prompt
from ui.tasks import TaskRunner


def views_service() -> ModuleType | None:
    """app.views, or None while it is not part of this build."""
    return optional_module("app.views")


class SavedViewsBar(QWidget):
    chosen = Signal(dict)  # the state of the view the clerk picked
    saved = Signal(str)  # the name of the view just saved

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        prompt: Prompt,
        page: str,
        capture: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("savedViewsBar")
        self._desk, self._runner, self._prompt = desk, runner, prompt
        self._page = page
        self._capture = capture
        self._views: list[Any] = []
        self._select: str | None = None  # the name to select when the list arrives
        self.available = views_service() is not None

        self.combo = QComboBox()
        self.combo.setObjectName("viewCombo")
        self.combo.setMinimumContentsLength(10)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        label = QLabel(self.tr("&Views:"))
        label.setBuddy(self.combo)
        self.save_action = QAction(self.tr("Save view…"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.save_shared_action = QAction(self.tr("Save view for everyone…"), self)
        self.save_shared_action.triggered.connect(self._on_save_shared_action_triggered)
        self.save_button = QToolButton()
        self.save_button.setDefaultAction(self.save_action)
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.save_button)
        menu.addAction(self.save_action)
        menu.addAction(self.save_shared_action)
        self.save_button.setMenu(menu)
        self.delete_button = QPushButton(self.tr("Delete view"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.combo.activated.connect(self._on_combo_activated)
        self.combo.currentIndexChanged.connect(self._enable)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (label, self.combo, self.save_button, self.delete_button):
            layout.addWidget(widget)
        self._fill()
        self.setVisible(self.available)

    # --- what the page asks -------------------------------------------------------------------------
    @property
    def views(self) -> list[Any]:
        return list(self._views)

    def current(self) -> Any:
        index = self.combo.currentIndex() - 1
        return self._views[index] if 0 <= index < len(self._views) else None

    def reload(self, select: str | None = None) -> None:
        """Read the list again (own views, then shared ones) in the background; `select` a name when it comes."""
        service = views_service()
        if service is None:
            return
        self._select = select
        desk, page, operator = self._desk, self._page, self._desk.actor.id
        task = self._runner.run(lambda _p, _c: desk.read(service.list_views, page, operator))
        task.succeeded.connect(self._on_listed)
        task.failed.connect(self._on_task_failed)

    # --- inside -------------------------------------------------------------------------------------
    @Slot(object)
    def _on_listed(self, found: list[Any]) -> None:
        chosen = self._select if self._select is not None else getattr(self.current(), "name", None)
        self._views, self._select = list(found), None
        self._fill(chosen)

    def _fill(self, chosen: str | None = None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("(no saved view)"))
        for view in self._views:
            self.combo.addItem(self.tr("{name} (everyone)").format(name=view.name) if view.shared else view.name)
        names = [v.name for v in self._views]
        self.combo.setCurrentIndex(names.index(chosen) + 1 if chosen in names else 0)
        self.combo.blockSignals(False)
        self._enable()

    @Slot()
    def _enable(self) -> None:
        self.delete_button.setEnabled(self.current() is not None)

    @Slot(int)
    def _on_combo_activated(self, _index: int) -> None:
        view = self.current()
        if view is not None:
            self.chosen.emit(dict(view.state))

    @Slot()
    def _on_save_action_triggered(self) -> None:
        self._save(shared=False)

    @Slot()
    def _on_save_shared_action_triggered(self) -> None:
        self._save(shared=True)

    def _save(self, *, shared: bool) -> None:
        service = views_service()
        if service is None:
            return
        current = self.current()
        title = self.tr("Save view for everyone") if shared else self.tr("Save view")
        name = self._prompt.ask_text(self, title, self.tr("Name of the view:"), current.name if current else "")
        if name is None or not name.strip():
            return
        desk, page, state = self._desk, self._page, self._capture()
        task = self._runner.run(
            lambda _p, _c: desk.write(service.save_view, page, name, state, shared=shared), write=True
        )
        task.succeeded.connect(self._on_view_saved)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_view_saved(self, view: Any) -> None:
        self.reload(select=view.name)
        self.saved.emit(view.name)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        service, view = views_service(), self.current()
        if service is None or view is None:
            return
        if not self._prompt.confirm(self, self.tr("Delete the view “{name}”?").format(name=view.name)):
            return
        desk = self._desk
        task = self._runner.run(lambda _p, _c: desk.write(service.delete_view, view.id), write=True)
        task.succeeded.connect(self._on_view_deleted)
        task.failed.connect(self._on_task_failed)

    @Slot(object)
    def _on_view_deleted(self, _none: object) -> None:
        self.reload()

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        self._prompt.error(self, message)
