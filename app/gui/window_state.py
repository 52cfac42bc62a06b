"""The main window's saved geometry, dock/toolbar state and splitter sizes, so it reopens
as the user left it; a first start (or a saved size larger than this screen) gets a size
that fits the screen's available area, so no panel starts off-screen."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.gui.settings_store import SettingsStore

DEFAULT_SIZE = (1480, 920)
SCREEN_SHARE = 0.92   # of the available area a first start may take


def fitted_size(available: QRect, wanted: tuple[int, int] = DEFAULT_SIZE) -> tuple[int, int]:
    """``wanted`` shrunk to fit ``available`` (the screen minus task bars), with a margin
    for the window frame."""
    w = min(wanted[0], int(available.width() * SCREEN_SHARE))
    h = min(wanted[1], int(available.height() * SCREEN_SHARE))
    return max(640, w), max(480, h)


def fit_to_screen(win: QMainWindow) -> None:
    """Resize and move ``win`` so the whole frame lies in its screen's available area."""
    screen = win.screen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    frame = win.frameGeometry()
    extra_w = max(0, frame.width() - win.width())
    extra_h = max(0, frame.height() - win.height())
    w = min(win.width(), avail.width() - extra_w)
    h = min(win.height(), avail.height() - extra_h)
    if (w, h) != (win.width(), win.height()):
        win.resize(w, h)
    frame = win.frameGeometry()
    x = min(max(frame.x(), avail.x()), avail.right() - frame.width() + 1)
    y = min(max(frame.y(), avail.y()), avail.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        win.move(x, y)


def restore_window_state(win: QMainWindow, store: SettingsStore,
                         splitters: Mapping[str, QSplitter]) -> None:
    """Restore what :func:`save_window_state` kept; ``splitters`` are keyed by setting name."""
    geo = store.get_bytes("window/geometry")
    if geo:
        win.restoreGeometry(QByteArray(geo))
    else:
        screen = win.screen()
        win.resize(*(fitted_size(screen.availableGeometry()) if screen is not None
                     else DEFAULT_SIZE))
    fit_to_screen(win)
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
