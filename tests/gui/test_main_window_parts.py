"""The window's parts built outside it: saved geometry and splitters, the recent-files menu,
and the menus' own slots (split wipe, theme, autostart)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter

from app.gui.recent_menu import RecentMenu
from app.gui.settings_store import SettingsStore
from app.gui.window_state import (
    DEFAULT_SIZE,
    fitted_size,
    restore_window_state,
    save_window_state,
)


def _window_with_split(qtbot) -> tuple[QMainWindow, QSplitter]:
    win = QMainWindow()
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(QLabel("a"))
    split.addWidget(QLabel("b"))
    win.setCentralWidget(split)
    qtbot.addWidget(win)
    return win, split


def test_window_state_round_trip(qtbot) -> None:
    store = SettingsStore()
    win, split = _window_with_split(qtbot)
    restore_window_state(win, store, {"split": split})      # nothing saved: fits the screen
    avail = win.screen().availableGeometry()
    assert (win.width(), win.height()) == fitted_size(avail)
    assert win.width() <= avail.width() and win.height() <= avail.height()
    win.resize(700, 500)     # inside the offscreen screen (800x800): no clamping on restore
    win.show()
    split.setSizes([400, 200])
    qtbot.waitUntil(lambda: split.sizes()[0] > split.sizes()[1])
    saved = split.sizes()
    save_window_state(win, store, {"split": split})
    assert store.get_bytes("window/split")

    other, other_split = _window_with_split(qtbot)
    restore_window_state(other, store, {"split": other_split})
    other.show()
    qtbot.waitUntil(lambda: other_split.sizes() == saved)
    assert (other.width(), other.height()) == (700, 500)


def test_first_start_and_oversized_saved_geometry_fit_a_1280x720_screen(qtbot) -> None:
    from PySide6.QtCore import QRect
    # the first start used a fixed 1480x920, larger than a 1280x720 screen
    w, h = fitted_size(QRect(0, 0, 1280, 720))
    assert w <= 1280 and h <= 720 and (w, h) != DEFAULT_SIZE
    assert fitted_size(QRect(0, 0, 2560, 1440)) == DEFAULT_SIZE
    store = SettingsStore()
    big, big_split = _window_with_split(qtbot)
    big.resize(1600, 1000)   # saved on a bigger monitor
    save_window_state(big, store, {"split": big_split})
    win, split = _window_with_split(qtbot)
    restore_window_state(win, store, {"split": split})
    avail = win.screen().availableGeometry()
    assert win.width() <= avail.width() and win.height() <= avail.height()


def test_recent_menu_remembers_opens_and_clears(qtbot) -> None:
    store, opened = SettingsStore(), []
    menu = RecentMenu("Recent", store, opened.append)
    qtbot.addWidget(menu)
    menu.remember(["/a.png"])
    menu.remember(["/b.png"])
    paths = [a.data() for a in menu.actions() if a.data()]
    assert paths == ["/b.png", "/a.png"] == store.recent_files()
    next(a for a in menu.actions() if a.data() == "/a.png").trigger()
    assert opened == [["/a.png"]]
    next(a for a in menu.actions() if a.text() == "Clear list").trigger()
    assert store.recent_files() == [] and not [a for a in menu.actions() if a.data()]


def test_menu_slots_follow_viewer_and_store(qtbot, window) -> None:
    menus = window.menus
    menus.wipe_action.trigger()
    assert window.compare.mode == "wipe" and menus.wipe_action.isChecked()
    window.compare.set_mode("side")                     # the viewer's own combo
    assert not menus.wipe_action.isChecked()
    window.menus.autostart_action.setChecked(True)
    assert window.store.get_bool("queue/autostart")
    themes = {a.data(): a for a in window.menuBar().findChildren(QAction)
              if a.data() in ("system", "light", "dark")}
    assert set(themes) == {"system", "light", "dark"} and themes["system"].isChecked()
    themes["system"].trigger()
    assert window.store.get_str("view/theme") == "system"
