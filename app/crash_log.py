"""Crash logs: an exception that escapes the app is written, with its traceback, to a file
in the user's log folder, and the user is told where it is.

A frozen build has no console on Windows and macOS (the GUI), and a user who double-clicked
it would never see a traceback; with this the one line they read points at a file they can
attach to a bug report.  :func:`install` hooks ``sys.excepthook`` (the main thread, and the
exceptions PySide6 reports from slots) and ``threading.excepthook``.  From source the
usual traceback is printed as well.  ``SRSTUDIO_LOG_DIR`` overrides the folder (tests).
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

APP_NAME = "SR Studio"
LOG_DIR_ENV = "SRSTUDIO_LOG_DIR"

Notify = Callable[[Path, BaseException], None]
"""Called after a crash log is written (the GUI shows a message box)."""


def log_dir() -> Path:
    """The user log folder (``platformdirs.user_log_dir``): ~/.local/state/SR Studio/log,
    ~/Library/Logs/SR Studio, %LOCALAPPDATA%\\SR Studio\\Logs."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_dir
    return Path(user_log_dir(APP_NAME, appauthor=False))


def _version() -> str:
    try:
        from importlib import metadata
        return metadata.version("srstudio")
    except Exception:  # noqa: BLE001 - a frozen build may carry no metadata
        return "unknown"


def write_crash_log(exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None, where: str) -> Path:
    """Write ``crash-<time>.log`` (what ran, where, and the traceback); its path.
    ``where`` says which entry point or thread it came from."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now()
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    head = [f"{APP_NAME} {_version()} ({'frozen' if getattr(sys, 'frozen', False) else 'source'})",
            f"time: {now.isoformat(timespec='seconds')}", f"where: {where}",
            f"platform: {platform.platform()}; Python {sys.version.split()[0]}",
            f"command: {sys.argv!r}", ""]
    body = "".join(traceback.format_exception(exc_type, exc, tb))
    path.write_text("\n".join(head) + body, encoding="utf-8")
    return path


def describe_exception(exc: BaseException) -> str:
    """'ValueError: bad pixel' (the type alone when there is no message)."""
    return f"{type(exc).__name__}: {exc}".rstrip(": ")


CRASH_TEMPLATE = ("SR Studio met an unexpected error ({what}). The details are in {path}; "
                  "please attach that file to a bug report.")
"""The crash line; the app's box shows it translated (app.gui.main.CRASH_TEXT, the same
literal for pyside6-lupdate: a test keeps the two equal)."""


def crash_message(path: Path, exc: BaseException) -> str:
    """The line a user reads: what went wrong, and where the log is."""
    return CRASH_TEMPLATE.format(what=describe_exception(exc), path=path)


def _say(text: str) -> None:
    stream = sys.stderr      # None in a windowed (console-less) frozen build
    if stream is not None:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass


def install(where: str, notify: Notify | None = None) -> None:
    """Write a crash log for every exception that escapes ``where`` ('gui', 'cli') or
    one of its threads; then tell the user (stderr, and ``notify``).  Installing again
    replaces the earlier hook (the entry point's, once the GUI can show a box)."""
    previous = getattr(sys.excepthook, "previous", sys.excepthook)
    logged: dict[str, Path] = {}     # the same failure again (a paint event) -> one file

    def handle(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None, origin: str) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        key = "".join(traceback.format_exception(exc_type, exc, tb))
        if key in logged:
            _say(f"{APP_NAME}: the same error again (logged in {logged[key]})")
            return
        try:
            path = logged[key] = write_crash_log(exc_type, exc, tb, origin)
        except OSError as err:          # no log folder: the traceback is all there is
            _say(f"{APP_NAME}: could not write a crash log ({err})")
            previous(exc_type, exc, tb)
            return
        if not getattr(sys, "frozen", False):
            previous(exc_type, exc, tb)   # from source: the traceback as usual
        _say(crash_message(path, exc))
        if notify is not None:
            try:
                notify(path, exc)
            except Exception:  # noqa: BLE001 - the log is written; never fail twice
                pass

    def main_hook(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
        handle(exc_type, exc, tb, where)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        handle(args.exc_type, args.exc_value, args.exc_traceback, f"{where}, thread {name}")

    main_hook.previous = previous  # type: ignore[attr-defined]
    sys.excepthook = main_hook
    threading.excepthook = thread_hook
