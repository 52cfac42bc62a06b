"""The main window's actions, menu bar and toolbar, with the slots only they use: zoom
steps, the split-wipe toggle, the theme and language choices, the keyboard-shortcut help
and the self-test.

Kept apart from :class:`~app.gui.main_window.MainWindow` so the window reads as wiring.
Every action is also added to the window itself, so its shortcut works with the menus
hidden; tests and scripts reach the actions here (``window.menus``), as the window does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyle, QWidget

from app.gui.icons import play_icon
from app.gui.language_menu import LanguageMenu
from app.gui.palette import THEMES, apply_theme
from app.gui.recent_menu import RecentMenu
from app.gui.selftest_dialog import SelftestDialog
from app.gui.selftest_worker import AREAS
from app.gui.viewer import CompareView

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow


def zoom_slot(compare: CompareView, z: int) -> Callable[[], None]:
    """A no-argument slot for a zoom action (``triggered`` passes a bool it must not get)."""
    def slot() -> None:
        compare.zoom_to(float(z))
    return slot


def toolbar_text(text: str) -> str:
    """A menu entry's text as its toolbar button shows it: without the accelerator and the
    trailing '…', including the '(&O)' that Japanese and Chinese menus append (Qt's own
    stripping removes only the '&' and leaves '(O)' on the button)."""
    text = re.sub(r"\s*\(&[^&)]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def show_shortcuts(parent: QWidget) -> None:
    """Help ▸ Keyboard shortcuts: the keys set in :class:`MainMenus` and the viewer's mouse."""
    tr = parent.tr
    rows = [("Ctrl+O", tr("open images")), ("Ctrl+Shift+O", tr("open a folder")),
            ("Ctrl+Return", tr("start")), ("Esc", tr("cancel the selected jobs")),
            ("F / Ctrl+0", tr("fit")), ("1 / 2 / 4", "100% / 200% / 400%"),
            ("W", tr("split wipe on/off")), ("Ctrl+L", tr("log")),
            ("Ctrl+I", tr("import model")), ("Ctrl+Shift+M", tr("manage models")),
            ("Ctrl+Q", tr("quit")),
            (tr("wheel / drag"), tr("zoom to cursor / pan"))]
    body = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    QMessageBox.information(parent, tr("Keyboard shortcuts"), f"<table>{body}</table>")


class MainMenus(QObject):
    """Builds the actions, the File/Queue/Models/View/Help menus and the toolbar on ``win``."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self._win = win
        self.compare, self.store = win.compare, win.store
        K, jobs, catalog = QKeySequence.StandardKey, win.queue_ctl, win.catalog
        tr, action = win.tr, self._action
        self.open_action = action(tr("&Open images or videos…"), jobs.open_files, K.Open)
        self.open_folder_action = action(tr("Open &folder…"), jobs.open_folder, "Ctrl+Shift+O")
        self.import_action = action(tr("&Import model…"), catalog.import_model_dialog, "Ctrl+I",
                                    tr("Import model files (.pth, .safetensors, .onnx, "
                                       ".param/.bin…); dropping them on the window does too"))
        self.models_action = action(tr("&Manage models…"), catalog.manage_models,
                                    "Ctrl+Shift+M")
        self.quit_action = action(tr("&Quit"), win.close, "Ctrl+Q")
        self.start_action = action(tr("&Start"), jobs.start_queued, ["Ctrl+Return", "Ctrl+Enter"],
                                   tr("Upscale every queued file (Ctrl+Return)"))
        # Esc stops only the rows the user picked; stopping everything is a deliberate click
        self.cancel_action = action(tr("Cancel &selected"), jobs.cancel_selected, "Esc")
        self.cancel_all_action = action(tr("&Cancel all"), win.cancel_all)
        self.remove_action = action(tr("&Remove finished"), jobs.remove_finished)
        self.autostart_action = QAction(tr("Start &automatically on drop"), win)
        self.autostart_action.setCheckable(True)
        self.autostart_action.setChecked(self.store.get_bool("queue/autostart", False))
        self.autostart_action.toggled.connect(self._on_autostart)
        self.fit_action = action(tr("&Fit"), self.compare.fit, ["F", "Ctrl+0"])
        self.zoom_actions = [action(f"{z * 100}%", zoom_slot(self.compare, z), str(z))
                             for z in (1, 2, 4)]
        self.wipe_action = action(tr("Split &wipe"), self._toggle_wipe, "W")
        self.wipe_action.setCheckable(True)
        self.compare.modeChanged.connect(self._on_mode_changed)
        self.log_action = win.log_dock.toggleViewAction()
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.about_action = action(tr("&About SR Studio"), win.about)
        self.keys_action = action(tr("&Keyboard shortcuts"), self._show_shortcuts,
                                  K.HelpContents)
        self.selftest_action = action(tr("&Self-test…"), self._show_selftest)
        # what Help ▸ Self-test checks (tests narrow it to the quick areas)
        self.selftest_areas: tuple[str, ...] = AREAS
        self.selftest_dialog: SelftestDialog | None = None
        self.recent_menu = RecentMenu(tr("Open &recent"), self.store, jobs.add_paths, win)
        self._build_menus()
        self._build_toolbar()

    def _action(self, text: str, slot: Callable, shortcut: Any = None,
                tip: str = "") -> QAction:
        act = QAction(text, self._win)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            act.setToolTip(tip)
        act.triggered.connect(slot)
        self._win.addAction(act)
        return act

    def _build_menus(self) -> None:
        tr, mb = self._win.tr, self._win.menuBar()
        fm = mb.addMenu(tr("&File"))
        fm.addActions([self.open_action, self.open_folder_action])
        fm.addMenu(self.recent_menu)
        fm.addSeparator()
        fm.addAction(self.quit_action)
        jm = mb.addMenu(tr("&Queue"))
        jm.addActions([self.start_action, self.cancel_action, self.cancel_all_action,
                       self.remove_action])
        jm.addSeparator()
        jm.addAction(self.autostart_action)
        mm = mb.addMenu(tr("&Models"))
        mm.addActions([self.import_action, self.models_action])
        vm = mb.addMenu(tr("&View"))
        vm.addAction(self.fit_action)
        vm.addActions(self.zoom_actions)
        vm.addAction(self.wipe_action)
        vm.addSeparator()
        vm.addAction(self.log_action)
        self._build_theme_menu(vm.addMenu(tr("&Theme")))
        self.language_menu = LanguageMenu(tr("&Language"), self.store, self._win)
        self.language_menu.chosen.connect(self._on_language)
        vm.addMenu(self.language_menu)
        hm = mb.addMenu(tr("&Help"))
        hm.addActions([self.keys_action, self.selftest_action])
        hm.addSeparator()
        hm.addAction(self.about_action)

    def _build_theme_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        current = self.store.get_str("view/theme", "system")
        tr = self._win.tr
        labels = {"system": tr("System"), "light": tr("Light"), "dark": tr("Dark")}
        for name in THEMES:
            act = menu.addAction(labels.get(name, name.capitalize()))
            act.setCheckable(True)
            act.setChecked(name == current)
            act.setData(name)
            group.addAction(act)
        group.triggered.connect(self._on_theme)

    def _build_toolbar(self) -> None:
        win, SP = self._win, QStyle.StandardPixmap
        for act, icon in ((self.open_action, SP.SP_DialogOpenButton),
                          (self.open_folder_action, SP.SP_DirOpenIcon),
                          (self.cancel_all_action, SP.SP_BrowserStop),
                          (self.import_action, SP.SP_FileIcon)):
            act.setIcon(win.style().standardIcon(icon))
        self.start_action.setIcon(play_icon())
        for act in (self.open_action, self.open_folder_action, self.start_action,
                    self.cancel_all_action, self.import_action):
            act.setIconText(toolbar_text(act.text()))
        tb = win.addToolBar(win.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.open_action, self.open_folder_action])
        tb.addSeparator()
        tb.addActions([self.start_action, self.cancel_all_action])
        tb.addSeparator()
        tb.addAction(self.import_action)

    # slots ------------------------------------------------------------------------------
    @Slot(bool)
    def _on_autostart(self, on: bool) -> None:
        self.store.set("queue/autostart", on)

    @Slot()
    def _toggle_wipe(self) -> None:
        self.compare.set_mode("wipe" if self.compare.mode == "side" else "side")

    @Slot(str)
    def _on_mode_changed(self, mode: str) -> None:
        self.wipe_action.setChecked(mode == "wipe")

    @Slot(QAction)
    def _on_theme(self, act: QAction) -> None:
        name = str(act.data())
        self.store.set("view/theme", name)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)

    @Slot()
    def _show_shortcuts(self) -> None:
        show_shortcuts(self._win)

    @Slot(str)
    def _on_language(self, code: str) -> None:
        self._win.statusBar().showMessage(self.language_menu.restart_note(), 10000)

    @Slot()
    def _show_selftest(self) -> None:
        """Help ▸ Self-test: one dialog at a time; a closed one is replaced by a new run."""
        old = self.selftest_dialog
        if old is not None and old.isVisible():
            old.raise_()
            old.activateWindow()
            return
        if old is not None:
            old.deleteLater()   # closed, so its run was cancelled
        self.selftest_dialog = SelftestDialog(self._win.host, self._win, self.selftest_areas)
        self.selftest_dialog.show()
