"""The app's language: Qt Linguist translations (``app/gui/i18n/srstudio_<lang>.qm``),
chosen from the system locale, or from the ``view/language`` setting / ``SRSTUDIO_LANG``.

The ``.ts`` sources are made by ``pyside6-lupdate`` from the ``tr()`` calls
(``python scripts/translations.py update``) and compiled by ``pyside6-lrelease``
(``python scripts/translations.py release``); both files are in the repository and the
frozen builds carry the ``.qm``.  lupdate names a context after the variable a call is
made on (``win.tr`` -> ``win``, a ``tr = parent.tr`` alias -> no context) while PySide6
looks a string up under the object's class names, so a string missing under its class is
looked up under those names as well.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().with_name("i18n")
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français",
             "ja": "日本語", "zh_CN": "简体中文", "pt_BR": "Português (Brasil)"}
"""Languages the app ships (English is the source text), each in its own name: the
*View ▸ Language* menu lists them so, as a reader of that language looks for it."""
FALLBACK_CONTEXTS = ("", "win")


class _Translator(QTranslator):
    """A QTranslator that also tries lupdate's context-less and ``win`` entries."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """The translation, or None when there is none: an empty string would be taken
        as the translation itself, and PySide's ``tr()``, which tries the class's base
        classes' contexts when a translation equals its source ('Status' -> 'Status'),
        then showed an empty label."""
        found = super().translate(context, source, disambiguation, n)
        for other in FALLBACK_CONTEXTS:
            if found or other == context:
                continue
            found = super().translate(other, source, disambiguation, n)
        return found or None


def choose_language(setting: str | None = None) -> str:
    """The language code to show: ``SRSTUDIO_LANG``, else the setting, else ('system')
    the system locale's language, 'en' when it is none of :data:`LANGUAGES`.

    A region we do not ship falls back to the one we do for that language ('pt_PT' ->
    'pt_BR', 'zh_TW' -> 'zh_CN', 'de_AT' -> 'de'): close wording beats English."""
    want = os.environ.get("SRSTUDIO_LANG") or setting or "system"
    if want == "system":
        want = QLocale.system().name()          # 'de_DE' (from LANG/LC_ALL on Linux)
    want = want.split(".")[0].split("@")[0].replace("-", "_")   # 'de_DE.UTF-8', 'pt-BR'
    lang, _, region = want.partition("_")
    exact = f"{lang.lower()}_{region.upper()}" if region else lang.lower()
    if exact in LANGUAGES:
        return exact
    same = [code for code in LANGUAGES if code.split("_")[0] == lang.lower()]
    return same[0] if same else "en"


def install_translations(app: QCoreApplication, setting: str | None = None) -> str:
    """Install the translators for the chosen language (ours, and Qt's own dialogs' where
    Qt ships them); the language code installed, 'en' when none was needed."""
    code = choose_language(setting)
    if code == "en":
        return code
    ours = _Translator(app)
    if not ours.load(str(I18N_DIR / f"srstudio_{code}.qm")):
        return "en"
    app.installTranslator(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    return code
