"""Signals for the command line: SIGTERM does what Ctrl-C does, and an interrupt at any
moment (even while the first imports run) ends the process with one line and exit 130.

SIGTERM (``kill``, ``timeout``, a service manager or container stopping us) used to kill
the process on the spot, leaving hidden part files behind and no message.  It is forwarded
to whichever SIGINT handler is current, so every command reacts as to Ctrl-C: the upscale
job cancels and removes partial outputs, the trainer stops after its step.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType

from app.cli.exit_codes import EXIT_CANCELLED

#: the signals treated as Ctrl-C (SIGBREAK is Ctrl-Break in a Windows console)
FORWARDED = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGBREAK",
                                                                          None)) if s is not None)


def _as_ctrl_c(signum: int, frame: FrameType | None) -> None:
    handler = signal.getsignal(signal.SIGINT)
    # SIG_IGN (a job started in the background by a shell ignores Ctrl-C): SIGTERM is still
    # a request to stop, so it interrupts like an unhandled Ctrl-C
    if callable(handler) and handler is not signal.SIG_IGN:
        handler(signal.SIGINT, frame)
        return
    raise KeyboardInterrupt   # SIG_DFL, or a handler installed outside Python


@contextlib.contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """While inside, SIGTERM (and SIGBREAK) run the current SIGINT handler; the previous
    handlers come back afterwards (tests call the CLI in-process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in FORWARDED:
        with contextlib.suppress(OSError, ValueError):
            previous[sig] = signal.signal(sig, _as_ctrl_c)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(sig, handler)


def run_interruptible(command: Callable[[], int], prog: str = "srstudio") -> int:
    """``command()``'s exit code; a Ctrl-C or SIGTERM that no command caught (during the
    imports, argument parsing, or a second one while cleaning up) prints one line and
    returns 130 instead of a KeyboardInterrupt traceback."""
    try:
        with sigterm_as_ctrl_c():
            return command()
    except KeyboardInterrupt:
        with contextlib.suppress(Exception, KeyboardInterrupt):
            sys.stderr.write(f"{prog}: cancelled\n")
            sys.stderr.flush()
        return EXIT_CANCELLED
