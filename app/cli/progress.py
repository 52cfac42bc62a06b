"""Render engine progress events as a one-line progress bar on stderr (no Qt)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from engine.events import Event, Progress, Started


def _fmt_eta(s: float | None) -> str:
    if s is None:
        return "--:--"
    s = int(s + 0.5)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


class ProgressBar:
    """A progress callback: redraws in place on a terminal, prints sparse lines otherwise."""

    def __init__(self, stream: TextIO | None = None, prefix: str = "", width: int = 28,
                 min_interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.prefix = prefix
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.min_interval = min_interval if self.tty else 5.0
        self._last = 0.0
        self._drawn = False

    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            self._last = 0.0
        if not isinstance(event, Progress):
            return
        now = time.monotonic()
        final = event.done >= event.total
        if not final and now - self._last < self.min_interval:
            return
        self._last = now
        frac = event.done / event.total if event.total else 1.0
        fill = int(frac * self.width)
        rate = f" {event.rate:.1f}/s" if event.rate else ""
        line = (f"{self.prefix}[{'#' * fill}{'.' * (self.width - fill)}] "
                f"{event.done}/{event.total}{rate} ETA {_fmt_eta(event.eta_s)}")
        if self.tty:
            self.stream.write("\r" + line[:160].ljust(80))
            self._drawn = True
            if final:
                self.stream.write("\n")
                self._drawn = False
        elif final or frac > 0:
            self.stream.write(line + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self._drawn = False
