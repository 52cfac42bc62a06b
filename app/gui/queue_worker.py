"""What every queue worker shares, wherever it runs the rows: the queued job, the row
signals the queue controller listens to, appending jobs while it runs and per-row cancel.

:class:`~app.gui.upscale_worker.UpscaleWorker` runs a row on this computer,
:class:`~app.gui.remote_worker.RemoteUpscaleWorker` on an ``srstudio serve`` server; the
controller only chooses which one to start, and both report through these signals.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from app.gui.job_settings import JobSettings
from app.gui.workers import Worker, one_line


@dataclass
class UpscaleJob:
    """One queued row to upscale: where from and to, with which settings and model (the
    engine's plan chose it; None: the settings' model, resolved when the job runs)."""

    item_id: int
    input: Path
    output: Path
    settings: JobSettings
    overwrite: bool
    cancel: Any   # engine.events.CancelToken
    item: Any = None             # the engine's PlanItem (None: plan this one file here)

    def plan_item(self) -> Any:
        """The engine's PlanItem this job runs, written to ``output`` (a renamed target)."""
        from dataclasses import replace

        from engine.jobs.plan import plan_job
        item = self.item
        if item is None:
            (item,) = plan_job([self.input], self.settings.request()).items
        return replace(item, output=self.output)


class QueueWorker(Worker):
    """Runs queued jobs one after another through :meth:`run_job`.

    Every job has its own CancelToken (cancel one row); jobs can be appended while it runs.
    """

    rowStarted = Signal(int, str, int)                    # id, model label, scale
    rowProgress = Signal(int, int, int, object, object)   # id, done, total, eta_s, rate
    previewStarted = Signal(int, object)                  # id, TiledImage (worker-filled)
    previewRows = Signal(int, int, int)                   # id, y0, y1
    rowFinished = Signal(int, object)                     # id, engine FileResult
    rowCancelled = Signal(int, bool)                      # id, a video that can resume

    def __init__(self, jobs: list[UpscaleJob]) -> None:
        super().__init__()
        self._jobs: deque[UpscaleJob] = deque(jobs)
        self._lock = threading.Lock()
        self._closed = False
        self.current: UpscaleJob | None = None

    def enqueue(self, job: UpscaleJob) -> bool:
        """Append a job; False when the worker has already finished (start a new one)."""
        with self._lock:
            if self._closed:
                return False
            self._jobs.append(job)
            return True

    def cancel(self) -> None:
        super().cancel()
        with self._lock:
            jobs = list(self._jobs) + ([self.current] if self.current else [])
        for job in jobs:
            job.cancel.cancel()

    def work(self) -> None:
        from engine.errors import SRStudioError
        from engine.jobs import FileResult
        self.prepare()
        while True:
            with self._lock:
                if not self._jobs:
                    self._closed = True
                    self.current = None
                    return
                job = self.current = self._jobs.popleft()
            if job.cancel.cancelled or self.cancel_token.cancelled:
                self.rowCancelled.emit(job.item_id, False)
                continue
            try:
                item = job.plan_item()
            except (SRStudioError, OSError) as e:
                self.rowFinished.emit(job.item_id, FileResult(input=job.input,
                                                              error=one_line(e)))
                continue
            self.run_job(job, item)

    def prepare(self) -> None:
        """Before the first job (a remote worker checks its server here)."""

    def run_job(self, job: UpscaleJob, item: Any) -> None:
        """Run one planned row; end it with ``rowFinished`` or ``rowCancelled``."""
        raise NotImplementedError
