"""The Ray driver of a plan: items to actors, results and progress back, faults absorbed.

Why actors (not Ray tasks): a model is loaded once per worker and kept (one
:class:`UpscalerCache` per actor, one actor per GPU, or per CPU when there is none).
Every worker reads its inputs and writes its outputs itself (a shared file system or one
machine), through :func:`engine.jobs.run.run_item`, so what lands on disk is what a local
run writes.  Model files reach the workers by the plan's paths; nothing is downloaded.

Faults: a worker that dies (killed, out of memory, its node lost) is replaced and its items
go back to the queue for whichever worker is free; writes are atomic, so a dead worker
leaves no partial output (its hidden temp files are swept on this host).  An item that
kills three workers fails alone, with a one-line error.  A cancel (the token or Ctrl-C)
cancels the queued calls and kills every worker.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.cluster import video
from engine.cluster.video import SegmentDone, VideoJob, VideoPrep
from engine.errors import SRStudioError
from engine.events import (
    CancelToken,
    Event,
    FileStarted,
    Finished,
    ProgressCallback,
    RateMeter,
    Warning_,
    emit,
)
from engine.io.atomic import STALE_AFTER_S, sweep_stale_parts
from engine.jobs.plan import Plan, PlanItem
from engine.jobs.request import Request
from engine.jobs.run import UpscalerCache, _skipped, run_item
from engine.jobs.upscale import (
    FILE_ERRORS,
    UPSCALE_MEMORY_HINT,
    BatchResult,
    FileResult,
    load_job_colorizer,
)

INSTALL_HINT = "--cluster needs Ray: pip install 'srstudio[cluster]'"
#: calls queued per worker, so a worker never waits for the driver between items
DEPTH = 2
#: an item whose worker died this many times fails alone instead of killing more
MAX_ATTEMPTS = 3
_WAIT_S = 0.2   # how often the driver looks at the cancel token


class ClusterError(SRStudioError):
    """The cluster cannot run the job (Ray missing, unreachable, every worker lost)."""


def require_ray() -> Any:
    """The ``ray`` module, or :class:`ClusterError` saying how to install the extra."""
    try:
        import ray
    except ImportError:
        raise ClusterError(INSTALL_HINT) from None
    return ray


def connect(address: str = "auto", num_cpus: int | None = None) -> bool:
    """Join the cluster at ``address`` ('auto': a running one, else start a local one);
    True when this call connected (the caller disconnects), False when Ray already was."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    quiet = {"logging_level": logging.WARNING, "log_to_driver": True}
    if address == "auto":
        try:
            ray.init(address="auto", **quiet)
            return True
        except ConnectionError:
            pass
        ray.init(num_cpus=num_cpus, include_dashboard=False, **quiet)
        return True
    try:
        ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                           f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    return True


@dataclass
class ItemOutcome:
    """What a worker sends back for one item."""

    index: int
    result: FileResult
    warnings: list[str]
    worker: str
    seconds: float


class ItemWorker:
    """A Ray actor's body: one model cache, one item at a time through ``run_item``."""

    def __init__(self, name: str) -> None:
        self.name = f"{name}@{socket.gethostname()}"
        self.cache = UpscalerCache()
        self.colorizer: Any = None

    def ready(self) -> str:
        return self.name

    def run(self, index: int, item: PlanItem, request: Request) -> ItemOutcome:
        t0 = time.perf_counter()
        warnings: list[str] = []

        def on_event(ev: Event) -> None:
            if isinstance(ev, Warning_):
                warnings.append(ev.message)

        upscaler = self.cache.get(item.model, request)   # a model error ends the job
        if request.colorize and self.colorizer is None:
            self.colorizer = load_job_colorizer(request)
        r = run_item(item, request, upscaler, progress=on_event, colorizer=self.colorizer)
        return ItemOutcome(index, r, warnings, self.name, time.perf_counter() - t0)

    def prepare(self, index: int, item: PlanItem, request: Request
                ) -> tuple[VideoPrep | FileResult, int, str]:
        """A split video's settings (the model loaded here); a bad file is its result."""
        upscaler = self.cache.get(item.model, request)
        try:
            return video.prepare(item, request, upscaler), int(upscaler.scale), self.name
        except FILE_ERRORS as e:
            return _failed(item, e), 0, self.name

    def segment(self, index: int, item: PlanItem, request: Request, k: int,
                seg_frames: int) -> SegmentDone | FileResult:
        """Segment ``k`` of a split video, encoded into its work folder."""
        upscaler = self.cache.get(item.model, request)
        try:
            done = video.encode_segment(item, request, upscaler, k, seg_frames)
        except FILE_ERRORS as e:
            return _failed(item, e)
        done.worker = self.name
        return done


def _failed(item: PlanItem, e: BaseException) -> FileResult:
    from engine.jobs.video import VideoFileResult
    r = VideoFileResult(input=item.input, model=item.model_name, model_reason=item.model_reason)
    r.fail(e, UPSCALE_MEMORY_HINT)
    return r


@dataclass
class WorkerStat:
    items: int = 0            # images and whole videos, and video segments
    busy_s: float = 0.0


@dataclass
class ClusterStats:
    """Who did what: per-worker items and throughput, retries and lost workers."""

    workers: dict[str, WorkerStat] = field(default_factory=dict)
    started: int = 0          # workers started (replacements included)
    deaths: int = 0           # workers lost mid-job
    retried: int = 0          # items sent again after their worker died
    wall_s: float = 0.0

    def rates(self) -> str:
        """'w0@host 3.1/s, w1@host 2.9/s': items per second of wall time, per worker."""
        wall = max(self.wall_s, 1e-9)
        return ", ".join(f"{n} {s.items / wall:.1f}/s" for n, s in sorted(self.workers.items()))

    def summary(self) -> str:
        done = sum(s.items for s in self.workers.values())
        line = (f"cluster: {len(self.workers)} worker(s), {done} task(s) in "
                f"{self.wall_s:.1f}s ({done / max(self.wall_s, 1e-9):.1f}/s: {self.rates()})")
        if self.deaths:
            line += f"; {self.deaths} worker(s) lost, {self.retried} item(s) retried"
        return line


@dataclass
class _Slot:
    name: str
    handle: Any
    ready_ref: Any = None     # resolves once the actor runs (items go only to started ones)
    started: bool = False
    inflight: int = 0
    dead: bool = False


class ClusterRun:
    """One plan on the cluster.  ``run`` returns the batch in plan order, like
    :func:`engine.jobs.run.run_plan`; ``stats`` says which worker did what."""

    def __init__(self, plan: Plan, *, workers: int | None = None) -> None:
        self.plan = plan
        self.want_workers = workers
        self.stats = ClusterStats()
        self.slots: list[_Slot] = []
        self._ray: Any = None
        self._actor_cls: Any = None
        self._replacements = 0

    # -- workers ----------------------------------------------------------------------
    def _worker_shape(self, units: int) -> tuple[int, float]:
        """(count, GPUs each): one per GPU, else one per CPU (``workers`` caps it).  The
        cluster's totals: a worker that cannot start yet gets no items until it does."""
        res = self._ray.cluster_resources()
        gpus = int(res.get("GPU", 0))
        use_gpu = gpus > 0 and self.plan.request.device.lower() != "cpu"
        have = gpus if use_gpu else max(1, int(res.get("CPU", 1)))
        n = min(self.want_workers or have, have, max(1, units))
        return max(1, n), (1.0 if use_gpu else 0.0)

    def _start_worker(self, gpus: float) -> _Slot:
        env = {k: v for k, v in os.environ.items() if k.startswith("SRSTUDIO_")}
        name = f"w{self.stats.started}"
        handle = self._actor_cls.options(
            num_cpus=1, num_gpus=gpus, max_restarts=0, max_task_retries=0,
            runtime_env={"env_vars": env} if env else None).remote(name)
        self.stats.started += 1
        slot = _Slot(name, handle, handle.ready.remote())
        self.slots.append(slot)
        return slot

    def kill_worker(self, k: int) -> None:
        """Kill worker ``k`` at once (what a lost node does; the tests use it)."""
        self._ray.kill(self.slots[k].handle, no_restart=True)

    # -- the loop ---------------------------------------------------------------------
    def run(self, *, progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None) -> BatchResult:
        ray = self._ray = require_ray()
        self._actor_cls = ray.remote(ItemWorker)
        plan, request = self.plan, self.plan.request
        t0 = time.perf_counter()
        for note in plan.notes:
            emit(progress, Warning_(note))
        total = len(plan.items)
        results: dict[int, FileResult] = {}
        for i, item in enumerate(plan.items):
            if item.skip is not None:
                emit(progress, FileStarted(i, total, item.input, "", item.model_reason))
                results[i] = _skipped(item)
                emit(progress, Finished(results[i]))
        runnable = [i for i, item in enumerate(plan.items) if item.skip is None]
        # an output that appears while an item is retried was written by its dead worker:
        # the retry may replace it; one there before the job follows the request's rules
        existed = {i for i in runnable if plan.items[i].output.exists()}
        videos: dict[int, VideoJob] = {}
        for i in runnable:
            info = video.splittable(plan.items[i], request)
            if info is not None:
                videos[i] = VideoJob(plan.items[i], request, info)
        # a unit of work: (item, 'item' | 'prep' | 'seg', segment)
        pending: deque[tuple[int, str, int]] = deque(
            (i, "prep" if i in videos else "item", -1) for i in runnable)
        attempts: Counter[tuple[int, str, int]] = Counter()
        inflight: dict[Any, tuple[tuple[int, str, int], _Slot]] = {}
        meter = RateMeter(len(runnable))
        n_done = 0
        req_ref = ray.put(request)
        retry_ref: Any = None
        units = len(runnable) + sum(-(-v.info.frames // video.segment_frames(
            video.video_options_for(request), v.info)) for v in videos.values())
        n_workers, gpus = self._worker_shape(units) if runnable else (0, 0.0)
        for _ in range(n_workers):
            self._start_worker(gpus)
        batch = BatchResult()
        touched: set[Path] = set()       # folders a lost or killed worker was writing in

        def finished(i: int, r: FileResult) -> None:
            nonlocal n_done
            results[i] = r
            videos.pop(i, None)
            emit(progress, Finished(r))
            n_done += 1
            emit(progress, meter.update(n_done, detail=self.stats.rates()))

        def submit(slot: _Slot, unit: tuple[int, str, int]) -> Any:
            nonlocal retry_ref
            i, kind, k = unit
            item = plan.items[i]
            if kind == "prep":
                return slot.handle.prepare.remote(i, item, req_ref)
            if kind == "seg":
                return slot.handle.segment.remote(i, item, req_ref, k, videos[i].seg_frames)
            if attempts[unit] > 1 and i not in existed and item.output.exists():
                if retry_ref is None:
                    retry_ref = ray.put(dataclasses.replace(request, overwrite=True,
                                                            skip_existing=False))
                return slot.handle.run.remote(i, item, retry_ref)
            return slot.handle.run.remote(i, item, req_ref)

        def count(worker: str, seconds: float) -> None:
            st = self.stats.workers.setdefault(worker, WorkerStat())
            st.items += 1
            st.busy_s += seconds
            self.stats.wall_s = time.perf_counter() - t0

        try:
            while pending or inflight:
                if cancel is not None and cancel.cancelled:
                    batch.cancelled = True
                    break
                for slot in self.slots:
                    while slot.started and not slot.dead and slot.inflight < DEPTH and pending:
                        unit = pending.popleft()
                        i = unit[0]
                        if unit[1] == "seg" and i not in videos:
                            continue          # the video failed meanwhile
                        if not attempts[unit] and unit[1] != "seg":
                            item = plan.items[i]
                            emit(progress, FileStarted(i, total, item.input, item.model_name,
                                                       item.model_reason))
                        attempts[unit] += 1
                        inflight[submit(slot, unit)] = (unit, slot)
                        slot.inflight += 1
                starting = {s.ready_ref: s for s in self.slots if not s.started and not s.dead}
                if not inflight and not starting:
                    if not pending:
                        break
                    raise ClusterError("every cluster worker was lost; nothing left to run "
                                       "the remaining items")
                ready, _ = ray.wait([*inflight, *starting], num_returns=1, timeout=_WAIT_S)
                for ref in ready:
                    if ref in starting:
                        slot = starting[ref]
                        try:
                            ray.get(ref)
                            slot.started = True
                        except ray.exceptions.RayActorError:
                            self._lost(slot, gpus)
                        except ray.exceptions.RayTaskError as e:
                            cause = getattr(e, "cause", None)
                            raise (cause if isinstance(cause, BaseException) else e) from None
                        continue
                    unit, slot = inflight.pop(ref)
                    i, kind, k = unit
                    slot.inflight -= 1
                    try:
                        out: Any = ray.get(ref)
                    except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError,
                            ray.exceptions.ObjectLostError):
                        touched.add(plan.items[i].output.parent)
                        self._lost(slot, gpus)
                        if attempts[unit] >= MAX_ATTEMPTS:
                            if i in videos:
                                videos[i].abort()
                            finished(i, FileResult(
                                input=plan.items[i].input, model=plan.items[i].model_name,
                                error=f"{plan.items[i].input.name}: its cluster worker died "
                                      f"{attempts[unit]} times on it"))
                        else:
                            self.stats.retried += 1
                            pending.appendleft(unit)
                        continue
                    except ray.exceptions.RayTaskError as e:
                        cause = getattr(e, "cause", None)
                        raise (cause if isinstance(cause, BaseException) else e) from None
                    if kind == "item":
                        for msg in out.warnings:
                            emit(progress, Warning_(msg))
                        count(out.worker, out.seconds)
                        finished(i, out.result)
                        continue
                    job = videos.get(i)
                    if job is None:
                        continue                  # a late segment of a failed video
                    if kind == "prep":
                        prep, scale, _worker = out
                        if isinstance(prep, FileResult):
                            finished(i, prep)
                            continue
                        segs = job.begin(prep, scale, progress)
                        if isinstance(segs, FileResult):
                            finished(i, segs)
                        elif not segs:
                            finished(i, job.finish(progress, cancel))
                        else:
                            pending.extendleft((i, "seg", s) for s in reversed(segs))
                        continue
                    if isinstance(out, FileResult):
                        job.abort()
                        finished(i, out)
                        continue
                    count(out.worker, out.seconds)
                    if job.add(out, progress):
                        finished(i, job.finish(progress, cancel))
        except BaseException:
            batch.cancelled = True
            raise
        finally:
            if batch.cancelled or inflight:
                touched |= {plan.items[u[0]].output.parent for u, _ in inflight.values()}
                for ref in inflight:
                    ray.cancel(ref)
            for slot in self.slots:
                ray.kill(slot.handle, no_restart=True)
            for job in videos.values():
                job.abort()
            self.stats.wall_s = time.perf_counter() - t0
            _sweep_dead_parts(touched)
        for i in sorted({u[0] for u, _ in inflight.values()} - set(results)):
            results[i] = FileResult(input=plan.items[i].input, error="cancelled")
        batch.files = [results[i] for i in sorted(results)]
        return batch

    def _lost(self, slot: _Slot, gpus: float) -> None:
        """``slot``'s worker died: replace it once (a budget of one per worker started)."""
        if slot.dead:
            return
        slot.dead = True
        self.stats.deaths += 1
        if self._replacements < max(2, len(self.slots)):
            self._replacements += 1
            self._start_worker(gpus)


def _sweep_dead_parts(folders: set[Path], wait_s: float = 3.0) -> None:
    """Remove the temp files that killed workers on this host left in ``folders`` (their
    pids are gone; a live writer's file is kept), waiting briefly for the kills to land."""
    deadline = time.monotonic() + wait_s
    future = time.time() + STALE_AFTER_S + 1
    while folders:
        for f in folders:
            sweep_stale_parts(f, now=future)
        left = [p for f in folders if f.is_dir() for p in f.iterdir()
                if p.name.startswith(".") and ".part" in p.name]
        if not left or time.monotonic() > deadline:
            return
        time.sleep(0.2)


def run_plan_on_cluster(plan: Plan, *, address: str = "auto",
                        progress: ProgressCallback | None = None,
                        cancel: CancelToken | None = None, workers: int | None = None,
                        num_cpus: int | None = None) -> tuple[BatchResult, ClusterStats]:
    """:func:`engine.jobs.run.run_plan` on the Ray cluster at ``address``: the same
    results in the same order, with who-did-what; disconnects if it connected."""
    connected = connect(address, num_cpus=num_cpus)
    try:
        job = ClusterRun(plan, workers=workers)
        batch = job.run(progress=progress, cancel=cancel)
        return batch, job.stats
    finally:
        if connected:
            require_ray().shutdown()
