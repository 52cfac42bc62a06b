"""The Ray driver of a plan: tasks to workers, results and progress back, faults absorbed.

The workers (:mod:`engine.cluster.worker`, Ray actors in a :mod:`engine.cluster.pool`)
read their inputs and write their outputs themselves (a shared file system or one
machine), so what lands on disk is what a local run writes; the model files reach them by
path or through the object store (:mod:`engine.cluster.models`); nothing is downloaded.

Faults: a worker that dies (killed, out of memory, its node lost) is replaced and its items
go back to the queue for whichever worker is free; writes are atomic, so a dead worker
leaves no partial output (its hidden temp files are swept on this host).  An item that
kills three workers fails alone, with a one-line error.  A cancel (the token or Ctrl-C)
cancels the queued calls and kills every worker.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, deque
from pathlib import Path
from typing import Any

from engine.cluster import video
from engine.cluster.connect import INSTALL_HINT, ClusterError, connect, require_ray
from engine.cluster.models import Shipment, ship_models
from engine.cluster.pool import Slot, WorkerPool
from engine.cluster.stats import ClusterStats, WorkerStat
from engine.cluster.video import VideoJob
from engine.events import (
    CancelToken,
    FileStarted,
    Finished,
    ProgressCallback,
    RateMeter,
    Warning_,
    emit,
)
from engine.io.atomic import STALE_AFTER_S, sweep_stale_parts
from engine.jobs.plan import Plan
from engine.jobs.request import Request
from engine.jobs.run import _skipped
from engine.jobs.upscale import BatchResult, FileResult
from engine.video.encoders import has_hardware_encoders, pick_hardware

__all__ = ["INSTALL_HINT", "ClusterError", "ClusterRun", "ClusterStats", "WorkerStat",
           "connect", "require_ray", "run_plan_on_cluster"]

#: calls queued per worker, so a worker never waits for the driver between items
DEPTH = 2
#: an item whose worker died this many times fails alone instead of killing more
MAX_ATTEMPTS = 3
_WAIT_S = 0.2   # how often the driver looks at the cancel token


SAME_ENCODER_NOTE = ("{name}: its segments are encoded on several machines, so with the "
                     "software encoder on each (a hardware encoder is used there only when "
                     "named)")


def pin_encoder(request: Request) -> Request:
    """``request`` with video ``hw='auto'`` made the software encoder, for the videos the
    cluster splits into segments: those come from many workers, and 'auto' probes the
    machine it runs on, so workers with and without a hardware encoder would write one
    file with two encoders (and different settings hashes, which breaks resuming).  An
    encoder the user names is kept (a worker that lacks it fails with one line); a codec
    no hardware encodes (ffv1) is left as it is."""
    v = request.video
    if (v.hw or "").strip().lower() != "auto" or not has_hardware_encoders(v.codec):
        return request
    return dataclasses.replace(request, video=dataclasses.replace(v, hw=None))


def _driver_has_hardware(request: Request) -> bool:
    """Would 'auto' pick a hardware encoder on this machine?  Only then is pinning news
    worth a line (a CPU-only or local cluster encodes in software either way)."""
    return pick_hardware(request.video.codec, None)[0] is not None


class ClusterRun:
    """One plan on the cluster.  ``run`` returns the batch in plan order, like
    :func:`engine.jobs.run.run_plan`; ``stats`` says which worker did what.  ``pool``: the
    workers of a long-lived driver, kept after the plan unless it was cancelled (then,
    and for a one-off plan, every worker is killed)."""

    def __init__(self, plan: Plan, *, workers: int | None = None,
                 pool: WorkerPool | None = None) -> None:
        self.plan = plan
        self.want_workers = workers
        self.stats = ClusterStats()
        self.pool = pool if pool is not None else WorkerPool()
        self.shipment: Shipment = {}
        self._keep = pool is not None
        self._ray: Any = None
        self._replacements = 0

    @property
    def slots(self) -> list[Slot]:
        return self.pool.slots

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

    def kill_worker(self, k: int) -> None:
        """Kill worker ``k`` at once (what a lost node does; the tests use it)."""
        self.pool.kill(k)

    # -- the loop ---------------------------------------------------------------------
    def run(self, *, progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None) -> BatchResult:
        ray = self._ray = require_ray()
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
        seg_request = pin_encoder(request)   # a split video: one encoder on every worker
        for i in runnable:
            info = video.splittable(plan.items[i], request)
            if info is not None:
                videos[i] = VideoJob(plan.items[i], seg_request, info)
                if seg_request is not request and _driver_has_hardware(request):
                    emit(progress, Warning_(SAME_ENCODER_NOTE.format(
                        name=plan.items[i].input.name)))
        # a unit of work: (item, 'item' | 'prep' | 'seg', segment)
        pending: deque[tuple[int, str, int]] = deque(
            (i, "prep" if i in videos else "item", -1) for i in runnable)
        attempts: Counter[tuple[int, str, int]] = Counter()
        inflight: dict[Any, tuple[tuple[int, str, int], Slot]] = {}
        meter = RateMeter(len(runnable))
        n_done = 0
        req_ref = ray.put(request)
        seg_ref = ray.put(seg_request) if seg_request is not request else req_ref
        retry_ref: Any = None
        ship_ref: Any = None
        batch = BatchResult()
        touched: set[Path] = set()       # folders a lost or killed worker was writing in
        if runnable:
            self.shipment = ship_models(plan, ray.put)
            ship_ref = ray.put(self.shipment)
            units = len(runnable) + sum(-(-v.info.frames // video.segment_frames(
                video.video_options_for(request), v.info)) for v in videos.values())
            self.stats.started += self.pool.ensure(*self._worker_shape(units))

        def finished(i: int, r: FileResult) -> None:
            nonlocal n_done
            results[i] = r
            videos.pop(i, None)
            emit(progress, Finished(r))
            n_done += 1
            emit(progress, meter.update(n_done, detail=self.stats.rates()))

        def submit(slot: Slot, unit: tuple[int, str, int]) -> Any:
            nonlocal retry_ref
            i, kind, k = unit
            item = plan.items[i]
            if kind == "prep":
                return slot.handle.prepare.remote(i, item, seg_ref, ship_ref)
            if kind == "seg":
                return slot.handle.segment.remote(i, item, seg_ref, ship_ref, k,
                                                  videos[i].seg_frames)
            if attempts[unit] > 1 and i not in existed and item.output.exists():
                if retry_ref is None:
                    retry_ref = ray.put(dataclasses.replace(request, overwrite=True,
                                                            skip_existing=False))
                return slot.handle.run.remote(i, item, retry_ref, ship_ref)
            return slot.handle.run.remote(i, item, req_ref, ship_ref)

        def count(worker: str, seconds: float) -> None:
            self.stats.count(worker, seconds)
            self.stats.wall_s = time.perf_counter() - t0

        try:
            while pending or inflight:
                if cancel is not None and cancel.cancelled:
                    batch.cancelled = True
                    break
                for slot in list(self.pool.alive):
                    while slot.started and slot.inflight < DEPTH and pending:
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
                starting = {s.ready_ref: s for s in self.pool.alive if not s.started}
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
                            self._lost(slot)
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
                        self._lost(slot)
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
            if not self._keep or batch.cancelled or inflight:
                self.pool.kill_all()
            for job in videos.values():
                job.abort()
            self.stats.wall_s = time.perf_counter() - t0
            _sweep_dead_parts(touched)
        for i in sorted({u[0] for u, _ in inflight.values()} - set(results)):
            results[i] = FileResult(input=plan.items[i].input, error="cancelled")
        batch.files = [results[i] for i in sorted(results)]
        return batch

    def _lost(self, slot: Slot) -> None:
        """``slot``'s worker died: replace it once (a budget of one per worker started)."""
        if slot.dead:
            return
        self.pool.lost(slot)
        self.stats.deaths += 1
        if self._replacements < max(2, len(self.slots)):
            self._replacements += 1
            self.pool.start_one()
            self.stats.started += 1


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
