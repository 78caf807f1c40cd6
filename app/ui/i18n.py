"""Qt translations: ``resources/translations/enclave_<lang>.qm`` compiled from the .ts sources.

English is the source language; ``enclave_en.qm`` exists so the build ships both, and its
absence is no error. Switching language at run time replaces the installed translator;
every widget retranslates itself on the LanguageChange event Qt sends.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.ui.resources import translations_dir

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def normalise(language: str | None) -> str:
    if not language:
        return "en"
    if language in LANGUAGES:
        return language
    if language.lower().replace("-", "_").startswith("zh"):
        return "zh_CN"
    return "en"


def install(language: str) -> bool:
    """Install the translator for ``language``; returns whether Chinese strings were loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    language = normalise(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(translations_dir() / f"enclave_{language}.qm"))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation file for %s is missing; the interface stays in English", language)
    # Qt's own strings (standard buttons, file dialogs), where PySide6 ships them.
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{language}", f"qt_{language}"):
        qt_own = QTranslator(app)
        if qt_own.load(name, folder):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
            break
    return loaded
