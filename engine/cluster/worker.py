"""The body of a cluster worker (a Ray actor): one model cache, one task at a time.

Why an actor and not Ray tasks: a model is loaded once per worker and kept (one
:class:`UpscalerCache` per actor, one actor per GPU, or per CPU when there is none), for
the whole plan and, in a long-lived driver such as the server, between plans.  Every task
runs the engine's own code (:func:`engine.jobs.run.run_item`, the video segment encoder),
so what lands on disk is what a local run writes.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any

from engine.cluster import video
from engine.cluster.models import NodeModels, Shipment
from engine.cluster.video import SegmentDone, VideoPrep
from engine.events import Event, Warning_
from engine.inference.base import Upscaler
from engine.jobs.plan import PlanItem
from engine.jobs.request import Request
from engine.jobs.run import UpscalerCache, run_item
from engine.jobs.upscale import FILE_ERRORS, UPSCALE_MEMORY_HINT, FileResult, load_job_colorizer


@dataclass
class ItemOutcome:
    """What a worker sends back for one item."""

    index: int
    result: FileResult
    warnings: list[str]
    worker: str
    seconds: float


def _fetch(ref: Any) -> bytes:
    from engine.cluster.connect import require_ray
    data: bytes = require_ray().get(ref)
    return data


class ItemWorker:
    """A Ray actor's body: images and whole videos through ``run_item``, and the split
    video's preparation and segments; the model files come by path or from the object
    store (:mod:`engine.cluster.models`)."""

    def __init__(self, name: str) -> None:
        self.name = f"{name}@{socket.gethostname()}"
        self.cache = UpscalerCache()
        self.models = NodeModels(_fetch)
        self.colorizer: Any = None

    def ready(self) -> str:
        return self.name

    def fetched(self) -> int:
        """How many model files this worker took from the object store (tests, stats)."""
        return self.models.fetched

    def _upscaler(self, item: PlanItem, request: Request, shipment: Shipment) -> Upscaler:
        return self.cache.get(self.models.localize(item.model, shipment), request)

    def run(self, index: int, item: PlanItem, request: Request, shipment: Shipment
            ) -> ItemOutcome:
        t0 = time.perf_counter()
        warnings: list[str] = []

        def on_event(ev: Event) -> None:
            if isinstance(ev, Warning_):
                warnings.append(ev.message)

        upscaler = self._upscaler(item, request, shipment)   # a model error ends the job
        if request.colorize and self.colorizer is None:
            self.colorizer = load_job_colorizer(request)
        r = run_item(item, request, upscaler, progress=on_event, colorizer=self.colorizer)
        return ItemOutcome(index, r, warnings, self.name, time.perf_counter() - t0)

    def prepare(self, index: int, item: PlanItem, request: Request, shipment: Shipment
                ) -> tuple[VideoPrep | FileResult, int, str]:
        """A split video's settings (the model loaded here); a bad file is its result."""
        upscaler = self._upscaler(item, request, shipment)
        try:
            prep = video.prepare(item, request, upscaler)
        except FILE_ERRORS as e:
            return failed(item, e), 0, self.name
        weights = prep.settings.get("weights")
        if isinstance(weights, str):
            prep.settings["weights"] = self.models.driver_identity(weights)
        return prep, int(upscaler.scale), self.name

    def segment(self, index: int, item: PlanItem, request: Request, shipment: Shipment,
                k: int, seg_frames: int) -> SegmentDone | FileResult:
        """Segment ``k`` of a split video, encoded into its work folder."""
        upscaler = self._upscaler(item, request, shipment)
        try:
            done = video.encode_segment(item, request, upscaler, k, seg_frames)
        except FILE_ERRORS as e:
            return failed(item, e)
        done.worker = self.name
        return done


def failed(item: PlanItem, e: BaseException) -> FileResult:
    """``item``'s result for a file error (as the local video job reports it)."""
    from engine.jobs.video import VideoFileResult
    r = VideoFileResult(input=item.input, model=item.model_name, model_reason=item.model_reason)
    r.fail(e, UPSCALE_MEMORY_HINT)
    return r
