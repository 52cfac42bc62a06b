"""Progress events and the cancel token shared by every long operation.

A long operation (upscale, eval, train, video) takes ``progress: ProgressCallback | None``
and ``cancel: CancelToken | None``.  It calls ``progress(event)`` with the small records
below and checks ``cancel.raise_if_cancelled()`` between units of work (tiles, frames,
steps).  The CLI renders events as a progress bar, the GUI turns them into Qt signals,
tests assert on them.  Nothing here knows about Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from engine.errors import CancelledError


class CancelToken:
    """Thread-safe flag a caller sets to ask a running operation to stop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError("cancelled by the user")


@dataclass(frozen=True)
class Started:
    what: str
    total: int
    detail: str = ""


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    eta_s: float | None = None
    rate: float | None = None  # units per second (tiles/s, frames/s, steps/s)
    detail: str = ""
    # share of the job done when done/total does not tell it: a time-boxed training run
    # ends when its clock runs out, long before its step count (None: done/total)
    fraction: float | None = None


@dataclass(frozen=True)
class TileDone:
    """A finished output region (x, y, w, h in output pixels) for live preview."""

    rect: tuple[int, int, int, int]
    pixels: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class Warning_:
    message: str


R = TypeVar("R")


@dataclass(frozen=True)
class Finished(Generic[R]):
    """The end of a unit of work with its result: ``Finished[FileResult]`` per item of an
    upscale run, ``Finished[TrainResult]`` for a training run."""

    result: R | None = None


@dataclass(frozen=True)
class FileStarted:
    """An item of a run begins: its index, the item count, the input and the model it runs
    ('' for a skipped item) with the reason ``auto`` chose it."""

    index: int
    total: int
    path: Path
    model: str = ""
    model_reason: str = ""


@dataclass(frozen=True)
class Failed:
    error: BaseException


Event = Started | Progress | TileDone | Warning_ | FileStarted | Finished[Any] | Failed
ProgressCallback = Callable[[Event], None]


class RateMeter:
    """Turns done/total counts into an ETA and a rate (exponentially smoothed)."""

    def __init__(self, total: int, smoothing: float = 0.3) -> None:
        self.total = total
        self._t0 = time.perf_counter()
        self._last_t = self._t0
        self._last_done = 0
        self._rate: float | None = None
        self._smoothing = smoothing

    def update(self, done: int, detail: str = "") -> Progress:
        now = time.perf_counter()
        dt = now - self._last_t
        if dt > 0 and done > self._last_done:
            inst = (done - self._last_done) / dt
            self._rate = inst if self._rate is None else (
                self._smoothing * inst + (1 - self._smoothing) * self._rate)
            self._last_t, self._last_done = now, done
        eta = None
        if self._rate and self._rate > 0:
            eta = max(0.0, (self.total - done) / self._rate)
        return Progress(done=done, total=self.total, eta_s=eta, rate=self._rate, detail=detail)


def emit(progress: ProgressCallback | None, event: Event) -> None:
    """Call ``progress`` if there is one (saves an ``if`` at every call site)."""
    if progress is not None:
        progress(event)
