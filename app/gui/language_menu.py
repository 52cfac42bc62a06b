"""View ▸ Language: follow the system, or one of the shipped languages by its own name.

The choice is the ``view/language`` setting that :func:`app.gui.main.main` reads at start
(:func:`app.gui.translations.install_translations`); the widgets are built translated and
not rebuilt, so a new choice applies from the next start, and the menu says so.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from app.gui.settings_store import SettingsStore
from app.gui.translations import LANGUAGES

SETTING = "view/language"


class LanguageMenu(QMenu):
    """One checkable entry per language ('system' first); choosing one stores it."""

    chosen = Signal(str)   # the code stored ('system', 'de', 'pt_BR', …)

    def __init__(self, title: str, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("languageMenu")
        self.store = store
        current = store.get_str(SETTING, "system")
        group = QActionGroup(self)
        entries = [("system", self.tr("System default"))] + list(LANGUAGES.items())
        for code, name in entries:
            act = self.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            group.addAction(act)
            if code == "system":
                self.addSeparator()
        group.triggered.connect(self._on_chosen)

    @Slot(QAction)
    def _on_chosen(self, act: QAction) -> None:
        code = str(act.data())
        self.store.set(SETTING, code)
        self.chosen.emit(code)

    def restart_note(self) -> str:
        """What the status bar says after a choice (the running window keeps its words)."""
        return self.tr("The language changes when SR Studio starts again.")
