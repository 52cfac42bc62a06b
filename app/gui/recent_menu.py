"""File ▸ Open recent: the paths last added to the queue, kept in the settings store."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.gui.settings_store import SettingsStore


class RecentMenu(QMenu):
    """Lists :meth:`SettingsStore.recent_files`; choosing one queues it with ``open_paths``."""

    def __init__(self, title: str, store: SettingsStore,
                 open_paths: Callable[[list[str]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.store = store
        self._open_paths = open_paths
        self.rebuild()

    @Slot(list)
    def remember(self, paths: list[str]) -> None:
        """Put ``paths`` first in the list (the queue controller's ``pathsAdded``)."""
        self.store.add_recent(paths)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        for p in self.store.recent_files():
            act = self.addAction(p)
            act.setData(p)
            act.triggered.connect(self._open_recent)
        self.addSeparator()
        clear = self.addAction(self.tr("Clear list"))
        clear.triggered.connect(self._clear)
        self.setEnabled(True)

    @Slot()
    def _open_recent(self) -> None:
        act = self.sender()
        if isinstance(act, QAction) and act.data():
            self._open_paths([act.data()])

    @Slot()
    def _clear(self) -> None:
        self.store.clear_recent()
        self.rebuild()
