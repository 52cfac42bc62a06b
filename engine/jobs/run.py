"""Run a plan: the one loop every driver (CLI, app queue, server, cluster) executes.

Items run one at a time with the events of :mod:`engine.events` (``FileStarted`` then
``Finished(FileResult)`` per item, tile/frame progress in between); one bad file fails
only itself; a cancel stops after cleaning the item in progress (writes are atomic, so
nothing partial is left).  Models load on first use and stay in an :class:`UpscalerCache`
that a long-lived driver (the app, the server) keeps between runs.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from engine.errors import CancelledError
from engine.events import CancelToken, FileStarted, Finished, ProgressCallback, Warning_, emit
from engine.inference import Upscaler, factory
from engine.jobs.plan import Plan, PlanItem
from engine.jobs.request import Request
from engine.jobs.upscale import (
    BatchResult,
    FileResult,
    load_job_colorizer,
    upscale_file,
)
from engine.models.registry import ModelRef


class UpscalerCache:
    """Loaded upscalers keyed by model and runtime (device, precision, backend,
    self-ensemble), the ``max_models`` most recently used kept."""

    def __init__(self, max_models: int = 2) -> None:
        self.max_models = max_models
        self._items: OrderedDict[tuple[Any, ...], Upscaler] = OrderedDict()

    @staticmethod
    def key(ref: ModelRef, request: Request) -> tuple[Any, ...]:
        return (ref.name, str(getattr(ref, "path", "")), ref.scale, request.device,
                request.precision, request.backend, request.self_ensemble)

    def get(self, ref: ModelRef, request: Request) -> Upscaler:
        k = self.key(ref, request)
        if k in self._items:
            self._items.move_to_end(k)
            return self._items[k]
        up = factory.make_upscaler(ref, request.device, request.precision, request.self_ensemble,
                           request.backend)
        self._items[k] = up
        while len(self._items) > self.max_models:
            self._items.popitem(last=False)
        return up

    def clear(self) -> None:
        self._items.clear()


def _skipped(item: PlanItem) -> FileResult:
    return FileResult(input=item.input, output=item.output if item.skip == "already done"
                      else None, skipped=item.skip, model=item.model_name,
                      model_reason=item.model_reason)


def run_item(item: PlanItem, request: Request, upscaler: Upscaler, *,
             progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
             colorizer: Any = None) -> FileResult:
    """One planned item (image or video); errors are in the result, a cancel raises."""
    if item.kind == "video":
        from engine.jobs.video import run_video_job
        r: FileResult = run_video_job(item.input, item.output, request, progress=progress,
                                      cancel=cancel, upscaler=upscaler, colorizer=colorizer)
    else:
        r = upscale_file(item.input, item.output, upscaler, request, progress=progress,
                         cancel=cancel, colorizer=colorizer)
    r.model, r.model_reason = item.model_name, item.model_reason
    return r


def run_plan(plan: Plan, *, progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None, cache: UpscalerCache | None = None,
             colorizer: Any = None) -> BatchResult:
    """Execute ``plan``; model-loading errors raise (nothing can run), per-file errors
    are in the results."""
    request = plan.request
    cache = cache or UpscalerCache()
    for note in plan.notes:
        emit(progress, Warning_(note))
    if colorizer is None and request.colorize and plan.to_run:
        colorizer = load_job_colorizer(request)
    batch = BatchResult()
    total = len(plan.items)
    for i, item in enumerate(plan.items):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        emit(progress, FileStarted(i, total, item.input, item.model_name if item.skip is None
                                   else "", item.model_reason))
        if item.skip is not None:
            r = _skipped(item)
        else:
            up = cache.get(item.model, request)
            try:
                r = run_item(item, request, up, progress=progress, cancel=cancel,
                             colorizer=colorizer)
            except CancelledError:
                batch.cancelled = True
                batch.files.append(FileResult(input=item.input, error="cancelled"))
                break
        batch.files.append(r)
        emit(progress, Finished(r))
    return batch
