"""The Chinese catalogue: complete, compiled, in step with the sources, and loaded with Qt's own."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ui.i18n import compile_catalogue, install_translators, qm_path, ts_path, update_catalogue


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_string_is_translated():
    messages = _messages(ts_path())
    assert len(messages) > 50
    problems = [
        (context, source)
        for context, source, translation in messages
        if translation is None or translation.get("type") is not None or not (translation.text or "").strip()
    ]
    assert problems == []


def test_placeholders_survive_translation():
    for context, source, translation in _messages(ts_path()):
        for name in ("{count}", "{query}", "{path}", "{name}", "{role}", "{shown}", "{total}", "{outlet}"):
            assert (name in source) == (name in translation.text), (context, source)


def test_the_sources_have_no_string_missing_from_the_catalogue(tmp_path):
    copy = tmp_path / "check.ts"
    shutil.copy(ts_path(), copy)
    update_catalogue(ts=copy)
    assert _messages(copy) and [m[:2] for m in _messages(copy)] == [m[:2] for m in _messages(ts_path())]


def test_the_committed_qm_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.qm"
    compile_catalogue(qm=fresh)
    assert fresh.read_bytes() == qm_path().read_bytes()


@pytest.fixture
def translators(qapp):
    installed: list[QTranslator] = []
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_chinese_is_installed_with_qts_own_strings(qapp, translators):
    translators += install_translators(qapp, "zh_CN")
    assert len(translators) == 2
    assert QCoreApplication.translate("MainWindow", "Lookup") == "查询"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_zh_CN.qm").is_file()


def test_english_needs_no_catalogue(qapp, translators):
    translators += install_translators(qapp, "en")
    assert translators == []
    assert QCoreApplication.translate("MainWindow", "Lookup") == "Lookup"
