"""Help ▸ Self-test's worker: :func:`engine.selftest.run_selftest` off the GUI thread, one
signal per check as it ends, so the dialog fills its table while the checks run."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal

from app.gui.workers import Worker

AREAS = ("models", "formats", "video")
"""The self-test's areas (``srstudio selftest --skip`` names the same ones)."""


class SelftestWorker(Worker):
    """Runs the install's self-test; cancelled by the dialog when it closes."""

    checked = Signal(object)   # engine.selftest.Check, as each one ends
    done = Signal(int, int)    # passed, failed (not emitted when cancelled)

    def __init__(self, areas: Iterable[str] = AREAS) -> None:
        super().__init__()
        self.areas = frozenset(areas)
        unknown = self.areas - set(AREAS)
        if unknown:
            raise ValueError(f"unknown self-test areas: {sorted(unknown)}")

    def work(self) -> None:
        from engine.selftest import run_selftest
        rows = run_selftest(models="models" in self.areas, formats="formats" in self.areas,
                            video="video" in self.areas, cancel=self.cancel_token,
                            on_check=self.checked.emit)
        self.cancel_token.raise_if_cancelled()   # a cancelled run has no verdict
        failed = sum(not r.ok for r in rows)
        self.done.emit(len(rows) - failed, failed)
