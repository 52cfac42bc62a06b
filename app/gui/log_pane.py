"""The log pane: every message, warning and error of the session, with a timestamp.

Errors must never be visible only in a console, so workers send their messages here
(through queued signals), and Python ``logging`` records are forwarded too.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QWidget

LEVEL_COLOURS = {"error": QColor(220, 70, 70), "warning": QColor(215, 150, 30)}


class LogPane(QPlainTextEdit):
    """Read-only, bounded text log; ``append_message`` is the only entry point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(5000)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        self.setFont(font)
        self.setObjectName("logPane")
        self.messages: list[tuple[str, str]] = []

    def append_message(self, message: str, level: str = "info") -> None:
        self.messages.append((level, message))
        fmt = QTextCharFormat()
        colour = LEVEL_COLOURS.get(level)
        if colour is not None:
            fmt.setForeground(colour)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        if not self.document().isEmpty():
            cursor.insertBlock()
        stamp = time.strftime("%H:%M:%S")
        prefix = "" if level == "info" else f"{level.upper()}: "
        cursor.insertText(f"{stamp}  {prefix}{message}", fmt)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


class LogBridge(QObject):
    """A logging.Handler target that is safe to call from any thread (queued signal)."""

    message = Signal(str, str)


class QtLogHandler(logging.Handler):
    def __init__(self, bridge: LogBridge) -> None:
        super().__init__(logging.INFO)
        self.bridge = bridge

    def emit(self, record: logging.LogRecord) -> None:
        level = "error" if record.levelno >= logging.ERROR else (
            "warning" if record.levelno >= logging.WARNING else "info")
        try:
            self.bridge.message.emit(self.format(record), level)
        except RuntimeError:  # the bridge was deleted at shutdown
            pass
