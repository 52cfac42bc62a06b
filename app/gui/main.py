"""Entry point of the desktop app: ``srstudio-gui`` or ``python -m app.gui.main [PATHS...]``.

Start-up is kept short by importing only Qt and the GUI modules here; torch, the model
registry and pyqtgraph are imported later, in a worker thread or on first use.  With
``SRSTUDIO_STARTUP_PROBE=1`` the process prints the seconds from interpreter start to
the window's first expose event and exits (see ``bench/gui_startup.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication

from app.gui.app_icon import app_icon
from app.gui.palette import apply_theme, follow_system
from app.gui.settings_store import APPLICATION, ORGANIZATION, SettingsStore
from app.gui.translations import install_translations

PROBE_ENV = "SRSTUDIO_STARTUP_PROBE"
HEADLESS_PLATFORMS = ("offscreen", "minimal")
"""Qt platforms without a screen: no crash box there (a modal box would wait forever)."""
CRASH_TEXT = QT_TRANSLATE_NOOP(
    "CrashBox", "SR Studio met an unexpected error ({what}). The details are in {path}; "
    "please attach that file to a bug report.")
"""The box's text (app.crash_log.crash_message is the same line for stderr, untranslated)."""


class _ExposeProbe(QObject):
    """Prints the time to the first Expose event of the main window, then quits."""

    def __init__(self, t0: float) -> None:
        super().__init__()
        self.t0 = t0
        self.fired = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and not self.fired:
            self.fired = True
            print(f"SRSTUDIO_EXPOSED {time.perf_counter() - self.t0:.3f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("SR Studio")
    app.setWindowIcon(app_icon())     # every window's, and the taskbar's on Linux/Windows
    return app


def show_crash(path: Path, exc: BaseException) -> None:
    """Tell the user of the app (who has no console) where the crash log is; the app goes
    on where it can (an exception in a slot does not end it).  From a worker thread the
    box is shown by the GUI thread; one box at a time."""
    app = QApplication.instance()
    if app is None or QApplication.platformName() in HEADLESS_PLATFORMS:
        return                  # nobody could see (or close) the box: stderr has the line
    from app.crash_log import describe_exception
    text = QCoreApplication.translate("CrashBox", CRASH_TEXT).format(
        what=describe_exception(exc), path=path)

    def show() -> None:
        if getattr(show_crash, "showing", False):
            return
        from PySide6.QtWidgets import QMessageBox
        show_crash.showing = True  # type: ignore[attr-defined]
        try:
            box = QMessageBox(QMessageBox.Icon.Critical, "SR Studio", text)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.exec()
        finally:
            show_crash.showing = False  # type: ignore[attr-defined]

    if QThread.currentThread() == app.thread():
        show()
    else:
        QTimer.singleShot(0, app, show)


def main(argv: Sequence[str] | None = None) -> int:
    t0 = time.perf_counter()
    from app.crash_log import install as install_crash_log
    install_crash_log("gui", notify=show_crash)     # a traceback is never lost
    parser = argparse.ArgumentParser(prog="srstudio-gui", description="SR Studio desktop app")
    parser.add_argument("paths", nargs="*", help="images or folders to queue")
    args, qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    app = create_app([sys.argv[0], *qt_args])
    store = SettingsStore()
    install_translations(app, store.get_str("view/language", "system"))   # app/gui/i18n
    theme = store.get_str("view/theme", "system")
    apply_theme(app, theme)
    follow_system(app, lambda: store.get_str("view/theme", "system"))

    from app.gui.main_window import MainWindow
    window = MainWindow(store)
    probe = None
    if os.environ.get(PROBE_ENV):
        probe = _ExposeProbe(t0)
        window.winId()  # create the native window so its QWindow exists
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(probe)
    window.show()
    if args.paths:
        window.queue_ctl.add_paths(args.paths)
    code = app.exec()
    window.host.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
