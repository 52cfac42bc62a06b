"""Jobs of the server: a bounded queue, one worker thread per device slot, a folder per job.

Each job owns ``<work>/jobs/<id>/`` (``in/`` the upload, ``out/`` the engine's output).
Workers call :func:`engine.jobs.run.run_plan` with the job's plan, cancel token and their
own :class:`~engine.jobs.run.UpscalerCache` (models stay loaded between jobs).  A cancelled
job's folder is removed once its worker lets go of it; finished jobs are swept after the
results TTL.  Nothing here knows HTTP.  The job itself is :mod:`app.server.job_record`;
how its events and failures are worded is :mod:`app.server.job_report`.
"""

from __future__ import annotations

import logging
import queue
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.server.job_record import FINAL, Job, State
from app.server.job_report import classify_failure, event_dict, job_line
from engine.errors import SRStudioError
from engine.events import Event
from engine.jobs.run import UpscalerCache, run_plan

if TYPE_CHECKING:   # the cluster is optional: imported only when the server is given one
    from engine.cluster import ClusterService

_log = logging.getLogger("srstudio.server")


class QueueFull(Exception):
    """Every worker is busy and the waiting queue is at its bound."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"the server is busy (queue full); retry in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class JobManager:
    """The queue, the workers and the job table of one server."""

    def __init__(self, work_dir: Path, devices: list[str], *, workers_per_device: int = 1,
                 queue_size: int = 16, results_ttl_s: float = 86400.0,
                 sweep_interval_s: float = 60.0,
                 cache_factory: Callable[[], UpscalerCache] = UpscalerCache,
                 cluster: ClusterService | None = None) -> None:
        """``cluster``: run every job's plan on it (each worker thread with its own warm
        cluster workers) instead of on this process's devices."""
        self.work_dir = work_dir
        self.cluster = cluster
        self.jobs_dir = work_dir / "jobs"
        self.jobs_dir.mkdir(parents=True, exist_ok=True)
        self.devices = devices
        self.queue_size = queue_size
        self.results_ttl_s = results_ttl_s
        self.sweep_interval_s = sweep_interval_s
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=queue_size)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._mean_s = 5.0
        self._running = 0
        self.peak_queued = 0
        self._workers = [
            threading.Thread(target=self._work, args=(dev, cache_factory()),
                             name=f"srstudio-serve-{dev}-{i}", daemon=True)
            for dev in devices for i in range(workers_per_device)]
        self._sweeper = threading.Thread(target=self._sweep_loop, name="srstudio-serve-sweep",
                                         daemon=True)

    # --- lifecycle ------------------------------------------------------------------
    def start(self) -> None:
        if self.cluster is not None:
            self.cluster.start()
        for t in self._workers:
            t.start()
        self._sweeper.start()

    def shutdown(self, timeout_s: float = 30.0) -> None:
        """Cancel what runs or waits, let the workers stop, remove every job folder."""
        self._stopping.set()
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.cancel.cancel()
        for _ in self._workers:
            try:
                self._queue.put_nowait(None)
            except queue.Full:
                break
        deadline = time.monotonic() + timeout_s
        for t in self._workers:
            if t.is_alive():
                t.join(max(0.0, deadline - time.monotonic()))
        for job in jobs:
            if job.state in ("queued", "running"):
                self._finish(job, "cancelled", error="the server shut down")
        if self.cluster is not None:
            self.cluster.close()
        shutil.rmtree(self.jobs_dir, ignore_errors=True)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    # --- jobs -----------------------------------------------------------------------
    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its private folder (with ``in/`` and ``out/``)."""
        job_id = secrets.token_hex(8)
        folder = self.jobs_dir / job_id
        (folder / "in").mkdir(parents=True, mode=0o700)
        (folder / "out").mkdir(mode=0o700)
        return job_id, folder

    def submit(self, job: Job) -> None:
        """Queue ``job``; QueueFull (with a Retry-After estimate) when the bound is reached."""
        if self.stopping:
            raise QueueFull(5)
        with self._lock:
            self._jobs[job.id] = job
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            with self._lock:
                self._jobs.pop(job.id, None)
            raise QueueFull(self.retry_after_s()) from None
        self.peak_queued = max(self.peak_queued, self._queue.qsize())
        job.add_event({"type": "queued", "position": self._queue.qsize()})

    def retry_after_s(self) -> int:
        """Seconds until a queue slot likely frees: mean job time per worker, 1..300."""
        slots = max(1, len(self._workers))
        return int(min(300, max(1, round(self._mean_s * self._queue.qsize() / slots))))

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def queue_position(self, job: Job) -> int | None:
        """1-based place among queued jobs (None when not queued)."""
        if job.state != "queued":
            return None
        with self._lock:
            queued = sorted((j for j in self._jobs.values() if j.state == "queued"),
                            key=lambda j: j.created)
        return next((i + 1 for i, j in enumerate(queued) if j is job), None)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            states = [j.state for j in self._jobs.values()]
        return {"queued": states.count("queued"), "running": states.count("running"),
                "capacity": self.queue_size, "workers": len(self._workers),
                "devices": self.devices, "jobs": len(states)}

    def cancel(self, job: Job, wait_s: float = 10.0) -> None:
        """Cancel ``job`` (queued or running) and wait for its worker to let it go; its
        folder is removed, so a cancelled job leaves nothing behind."""
        job.cancel.cancel()
        with self._lock:
            queued = job.state == "queued"
        if queued:
            self._finish(job, "cancelled", error="cancelled")
        job.done.wait(wait_s)

    def remove(self, job: Job) -> None:
        """Forget a finished job and delete its files (cancelling it first if needed)."""
        if job.state not in FINAL:
            self.cancel(job)
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    # --- workers --------------------------------------------------------------------
    def _work(self, device: str, cache: UpscalerCache) -> None:
        while True:
            job = self._queue.get()
            if job is None or self.stopping:
                if job is not None:
                    self._finish(job, "cancelled", error="the server shut down")
                return
            with self._lock:
                if job.state != "queued":      # cancelled while it waited
                    continue
                job.state = "running"
                self._running += 1
            try:
                self._run(job, device, cache)
            except Exception as e:  # a bug must fail the job, never the worker
                _log.exception("job %s failed", job.id)
                self._finish(job, "failed", error=f"internal error: {type(e).__name__}",
                             status=500)
            finally:
                with self._lock:
                    self._running -= 1

    def _run(self, job: Job, device: str, cache: UpscalerCache) -> None:
        job.started = time.time()
        if self.cluster is None:            # on a cluster each worker has its own device
            job.plan.request.device = device
        job.add_event({"type": "running", "device": device})

        def on_event(ev: Event) -> None:
            d = event_dict(ev, job)
            if d is None:
                return
            if d["type"] == "progress":
                job.progress = {k: d[k] for k in ("done", "total", "fraction", "eta_s",
                                                  "rate")}
            elif d["type"] == "file_started":
                job.model, job.model_reason = d["model"], d["model_reason"]
            job.add_event(d)

        try:
            if self.cluster is not None:
                batch, _ = self.cluster.run(job.plan, progress=on_event, cancel=job.cancel)
            else:
                batch = run_plan(job.plan, progress=on_event, cancel=job.cancel, cache=cache)
        except SRStudioError as e:     # a model that cannot load: nothing ran
            from engine.errors import UnsupportedModelError
            msg = job.public_text(str(e))
            job.add_event({"type": "failed", "error": msg})
            # not offered here (no colorizer installed...) is the request's; a broken file ours
            self._finish(job, "failed", error=msg,
                         status=400 if isinstance(e, UnsupportedModelError) else 500)
            return
        r = batch.files[0] if batch.files else None
        if batch.cancelled or job.cancel.cancelled:
            self._finish(job, "cancelled", error="cancelled")
        elif r is None:
            self._finish(job, "failed", error="nothing to do", status=400)
        elif r.ok and r.output is not None:
            job.output = r.output
            self._mean_s = 0.7 * self._mean_s + 0.3 * max(0.01, r.seconds)
            self._finish(job, "done")
        else:
            msg = job.public_text(r.error or r.skipped or "failed")
            self._finish(job, "failed", error=msg, status=classify_failure(job, msg))

    def _finish(self, job: Job, state: State, *, error: str | None = None,
                status: int | None = None) -> None:
        with self._lock:
            if job.state in FINAL:
                return
            job.state, job.error, job.error_status = state, error, status
            job.finished = time.time()
        if state == "cancelled":
            shutil.rmtree(job.folder, ignore_errors=True)
        elif state == "failed":
            shutil.rmtree(job.folder / "in", ignore_errors=True)
        job.add_event({"type": "end", "state": state, "error": error})
        job.done.set()
        _log.info("%s", job_line(job))

    # --- results TTL ----------------------------------------------------------------
    def sweep(self, now: float | None = None) -> int:
        """Delete jobs finished more than the TTL ago; returns how many."""
        now = time.time() if now is None else now
        with self._lock:
            old = [j for j in self._jobs.values()
                   if j.state in FINAL and j.finished is not None
                   and now - j.finished > self.results_ttl_s]
        for j in old:
            self.remove(j)
        return len(old)

    def _sweep_loop(self) -> None:
        while not self._stopping.wait(self.sweep_interval_s):
            try:
                self.sweep()
            except Exception:  # keep sweeping whatever one folder did
                _log.exception("results sweep failed")
