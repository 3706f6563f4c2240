"""Translations: Vietnamese by default, English selectable.

Source strings in the code are English (``self.tr`` / ``QCoreApplication.translate``); the
Vietnamese and English texts come from ``resources/translations/motcua_<lang>.ts``, compiled to
``.qm`` by ``python -m app.ui.i18n_build`` (run by scripts/bootstrap.sh). A missing ``.qm`` is
compiled on first use when pyside6-lrelease is available.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.domain.errors import MotcuaError
from app.resources import resource
from app.ui.i18n_build import build

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
_installed: list[QTranslator] = []
_current = "vi"


def translations_dir() -> Path:
    return resource("translations")


def qm_path(lang: str) -> Path:
    return translations_dir() / f"motcua_{lang}.qm"


def install_translator(app: QCoreApplication, lang: str) -> bool:
    """Install the translator for ``lang`` (replacing the previous one). Returns True when the
    catalogue was found; English falls back to the source strings anyway."""
    global _current
    lang = lang if lang in LANGUAGES else "vi"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    path = qm_path(lang)
    if not path.is_file():
        try:
            build(only=[lang])
        except Exception as exc:  # noqa: BLE001 - UI still starts, in English
            log.warning("Could not compile translations for %s: %s", lang, exc)
    translator = QTranslator(app)
    ok = translator.load(str(path)) if path.is_file() else False
    if ok:
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("No translation catalogue %s; showing source strings", path)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English,
                               QLocale.Country.Vietnam if lang == "vi" else QLocale.Country.UnitedStates))
    _current = lang
    return ok


def current_language() -> str:
    return _current


def error_text(exc: BaseException) -> str:
    """The message of an error for the officer, in the UI's language."""
    if isinstance(exc, MotcuaError):
        return exc.message_vi if _current == "vi" else exc.message_en
    return str(exc)
