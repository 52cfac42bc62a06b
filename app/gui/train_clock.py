"""Training time as the trainer counts it (from the loop's start, pauses excluded), so the
Train tab can show what is left of a run's time limit: a time-limited run ends long
before its step count, and a bar or ETA in steps alone would then say nothing useful."""

from __future__ import annotations

import time
from collections.abc import Callable


class TrainingClock:
    """Seconds trained since :meth:`start`, against an optional limit (``run.max_minutes``)."""

    def __init__(self, limit_s: float | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.limit_s = limit_s
        self._now = now
        self._t0: float | None = None
        self._paused_at: float | None = None
        self._paused_s = 0.0

    def start(self) -> None:
        """The loop has begun (a pause asked for before that still holds)."""
        now = self._now()
        self._t0, self._paused_s = now, 0.0
        self._paused_at = now if self._paused_at is not None else None

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._now()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_s += self._now() - self._paused_at
            self._paused_at = None

    def seconds(self) -> float:
        """Training seconds so far (0 before :meth:`start`)."""
        if self._t0 is None:
            return 0.0
        end = self._paused_at if self._paused_at is not None else self._now()
        return max(0.0, end - self._t0 - self._paused_s)

    def time_left(self) -> float | None:
        """Seconds until the limit (None without one)."""
        return None if self.limit_s is None else max(0.0, self.limit_s - self.seconds())

    def fraction(self) -> float:
        """Share of the limit used, 0..1 (0 without a limit)."""
        if not self.limit_s:
            return 0.0
        return min(1.0, self.seconds() / self.limit_s)
