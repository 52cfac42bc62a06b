"""The main window's saved geometry, dock/toolbar state and splitter sizes, so it reopens
as the user left it (first start: a size that fits the three panes)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.gui.settings_store import SettingsStore

DEFAULT_SIZE = (1480, 920)


def restore_window_state(win: QMainWindow, store: SettingsStore,
                         splitters: Mapping[str, QSplitter]) -> None:
    """Restore what :func:`save_window_state` kept; ``splitters`` are keyed by setting name."""
    geo = store.get_bytes("window/geometry")
    if geo:
        win.restoreGeometry(QByteArray(geo))
    else:
        win.resize(*DEFAULT_SIZE)
    state = store.get_bytes("window/state")
    if state:
        win.restoreState(QByteArray(state))
    for name, split in splitters.items():
        data = store.get_bytes(f"window/{name}")
        if data:
            split.restoreState(QByteArray(data))


def save_window_state(win: QMainWindow, store: SettingsStore,
                      splitters: Mapping[str, QSplitter]) -> None:
    """Keep the window's geometry and state and each splitter's sizes (not synced here)."""
    store.set("window/geometry", win.saveGeometry())
    store.set("window/state", win.saveState())
    for name, split in splitters.items():
        store.set(f"window/{name}", split.saveState())
