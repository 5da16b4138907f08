"""The Help menu (帮助) at the end of the main toolbar: the shortcut sheet, the data folder, and About.

The folder opener is injected so tests never start a file manager.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from app import __version__
from app.desk import Desk
from ui.dialogs.shortcut_sheet import ShortcutSheet
from ui.prompt import Prompt

OpenUrl = Callable[[QUrl], bool]


class HelpMenu(QObject):
    def __init__(
        self, desk: Desk, prompt: Prompt, window: QWidget, *, open_url: OpenUrl = QDesktopServices.openUrl
    ) -> None:
        super().__init__(window)
        self._desk, self._prompt, self._window, self._open_url = desk, prompt, window, open_url
        self.sheet: ShortcutSheet | None = None
        self.menu = QMenu(self.tr("&Help"), window)
        self.menu.setObjectName("helpMenu")
        self.shortcuts_action = QAction(
            self.tr("&Keyboard shortcuts"), window, shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents)
        )
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.folder_action = QAction(self.tr("Open &data folder"), window)
        self.folder_action.triggered.connect(self.open_data_folder)
        self.about_action = QAction(self.tr("&About Outlet Desk"), window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        for action in (self.shortcuts_action, self.folder_action, self.about_action):
            self.menu.addAction(action)
            window.addAction(action)  # F1 works wherever the focus is

    def install(self, toolbar: QToolBar) -> None:
        toolbar.addAction(self.menu.menuAction())
        button = toolbar.widgetForAction(self.menu.menuAction())
        if isinstance(button, QToolButton):
            button.setObjectName("helpButton")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    @Slot()
    def show_shortcuts(self) -> ShortcutSheet:
        if self.sheet is None:
            self.sheet = ShortcutSheet(self._window)
        self.sheet.show()
        self.sheet.raise_()
        self.sheet.activateWindow()
        return self.sheet

    @Slot()
    def open_data_folder(self) -> bool:
        opened = self._open_url(QUrl.fromLocalFile(str(self._desk.home)))
        if not opened:
            self._prompt.error(
                self._window, self.tr("The data folder could not be opened: {path}").format(path=self._desk.home)
            )
        return opened

    @Slot()
    def show_about(self) -> None:
        _short, location = self._desk.location
        self._prompt.info(
            self._window,
            self.tr("Outlet Desk {version}\nData folder: {path}\nDatabase: {database}").format(
                version=__version__, path=self._desk.home, database=location
            ),
        )
