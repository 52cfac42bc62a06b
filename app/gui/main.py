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

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.gui.palette import apply_theme, follow_system
from app.gui.settings_store import APPLICATION, ORGANIZATION, SettingsStore
from app.gui.translations import install_translations

PROBE_ENV = "SRSTUDIO_STARTUP_PROBE"


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
    return app


def main(argv: Sequence[str] | None = None) -> int:
    t0 = time.perf_counter()
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
