"""The Train tab's worker: ``trainer.loop.train`` in a thread, its events re-emitted as
signals (pause = a ``threading.Event`` the loop waits on, stop = the cancel token)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Signal

from app.gui.workers import Worker


class TrainWorker(Worker):
    """Runs ``trainer.loop.train`` and re-emits its events."""

    begun = Signal(int, str)                          # total steps, description
    stepLogged = Signal(int, float, float)            # step, loss, lr
    validated = Signal(int, float, float, object, object)  # step, psnr_y, best, bicubic, sample
    progressed = Signal(int, int, object, object, object)  # step, total, eta_s, rate, fraction
    checkpointSaved = Signal(str, int)
    done = Signal(object)                             # trainer.events.TrainResult

    def __init__(self, config: Any) -> None:
        super().__init__()
        self.config = config
        self.pause_event = threading.Event()

    def cancel(self) -> None:
        """Stop the run, also when paused (the loop waits on the pause flag)."""
        super().cancel()
        self.pause_event.clear()

    def work(self) -> None:
        from engine.events import Progress, Started, Warning_
        from trainer.events import CheckpointSaved, StepLogged, Validated
        from trainer.loop import train

        def progress(ev: Any) -> None:
            if isinstance(ev, StepLogged):
                self.stepLogged.emit(ev.step, ev.loss, ev.lr)
            elif isinstance(ev, Validated):
                self.validated.emit(ev.step, ev.psnr_y, ev.best_psnr_y, ev.bicubic_psnr_y,
                                    tuple(a.copy() for a in ev.sample))
            elif isinstance(ev, Progress):
                self.progressed.emit(ev.done, ev.total, ev.eta_s, ev.rate, ev.fraction)
            elif isinstance(ev, CheckpointSaved):
                self.checkpointSaved.emit(str(ev.path), ev.step)
            elif isinstance(ev, Started) and ev.what == "train":
                self.begun.emit(ev.total, ev.detail)
            elif isinstance(ev, Warning_):
                self.message.emit(ev.message, "warning")

        self.done.emit(train(self.config, progress=progress, cancel=self.cancel_token,
                             pause=self.pause_event))
