"""Where the app's parts tell the user something: the log pane, the status bar and
message boxes, with the window as the parent of every dialog.

The controllers get this instead of the window, so each reaches only what it reports to.
A QObject in the GUI thread: workers' ``message`` signals connect to :meth:`log` and are
queued to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDockWidget, QMessageBox, QStatusBar, QWidget

from app.gui.log_pane import LogPane


class Feedback(QObject):
    """The log (shown when an error arrives), the status line and warnings."""

    def __init__(self, log: LogPane, log_dock: QDockWidget, status_bar: QStatusBar,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self._log, self._log_dock, self._status_bar = log, log_dock, status_bar
        self.dialog_parent = dialog_parent   # what the parts' dialogs are shown over

    @Slot(str, str)
    def log(self, text: str, level: str = "info") -> None:
        """A line in the log; an error also goes to the status line and opens the log."""
        self._log.append_message(text, level)
        if level == "error":
            self._status_bar.showMessage(text.splitlines()[-1], 10000)
            self._log_dock.show()

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self._status_bar.showMessage(text, timeout_ms)

    def error(self, title: str, text: str) -> None:
        """An error the user must see: the log and a non-blocking message box."""
        self.log(text, "error")
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.dialog_parent)
        box.open()
