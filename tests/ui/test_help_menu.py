"""The Help menu: the shortcut sheet (complete against the live window), the data folder, About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QToolButton

from app import __version__
from ui.dialogs.shortcut_sheet import documented_keys
from ui.help_menu import HelpMenu


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def test_the_help_button_sits_in_the_toolbar_with_its_three_entries(window):
    button = window.findChild(QToolButton, "helpButton")
    assert button is not None and window.help_menu.menu.title() == "&Help"  # the fixture runs untranslated
    assert [a.text() for a in window.help_menu.menu.actions()] == [
        "&Keyboard shortcuts",
        "Open &data folder",
        "&About Outlet Desk",
    ]


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_f1_opens_the_shortcut_sheet(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.help_menu.sheet
    assert sheet is not None and sheet.isVisible()
    texts = {sheet.table.item(row, 1).text(): sheet.table.item(row, 2).text() for row in range(sheet.table.rowCount())}
    assert texts["Ctrl+K"] == "Search a waybill, phone tail or name"
    assert texts["Alt+Home"] == "Today (the start page)"
    sheet.close()


def test_every_shortcut_in_the_window_is_on_the_sheet(window):
    found: set[str] = set()
    for action in window.findChildren(QAction):
        found.update(_portable(key) for key in action.shortcuts())
    for shortcut in window.findChildren(QShortcut):
        found.add(_portable(shortcut.key()))
    for button in window.findChildren(QAbstractButton):
        found.add(_portable(button.shortcut()))
    found.discard("")
    mnemonics = {key for key in found if key.startswith("Alt+") and len(key) == 5 and key[4].isalpha()}  # "&Save"
    assert {"Alt+Home", "Ctrl+K", "Ctrl+I", "F5", "Ctrl+N", "Ctrl+E", "Ctrl+P", "F1"} <= found
    assert found - mnemonics - documented_keys() == set()


def test_open_data_folder_opens_the_desks_home(window, desk, prompt):
    opened: list[QUrl] = []
    menu = HelpMenu(desk, prompt, window, open_url=lambda url: opened.append(url) or True)
    assert menu.open_data_folder()
    assert opened == [QUrl.fromLocalFile(str(desk.home))]
    refusing = HelpMenu(desk, prompt, window, open_url=lambda url: False)
    assert not refusing.open_data_folder()
    assert prompt.errors and str(desk.home) in prompt.errors[-1]


def test_about_names_the_version_and_where_the_data_is(window, desk, prompt):
    window.help_menu.about_action.trigger()
    (text,) = prompt.infos
    assert __version__ in text and str(desk.home) in text and "Outlet Desk" in text
