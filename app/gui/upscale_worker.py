"""The queue's local upscale worker: runs image and video jobs one after another on this
computer, with progress, per-row cancel and live previews of the output as it is written
(the queue machinery is :mod:`app.gui.queue_worker`'s).

A video job's preview comes from :class:`VideoPreviewUpscaler`, which wraps the upscaler
the engine calls, so it lives here with the worker it reports through.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path
from typing import Any

from app.gui.job_settings import JobSettings
from app.gui.queue_worker import QueueWorker, UpscaleJob
from app.gui.workers import one_line

__all__ = ["UpscaleJob", "UpscaleWorker", "VideoPreviewUpscaler", "preview_fits"]

PROGRESS_INTERVAL_S = 0.05   # at most ~20 progress signals a second per job
VIDEO_PREVIEW_INTERVAL_S = 0.5   # the live preview of a video shows at most 2 frames a second
PREVIEW_RAM_FRACTION = 0.25   # an image's live preview may take this share of the free RAM


def preview_fits(width: int, height: int, channels: int, dtype: Any) -> bool:
    """Whether a live preview may be kept beside the output the engine is writing.

    The preview is a second full-size copy, in RAM; the engine's own output buffer goes to
    a memory map on disk when RAM is short.  For a huge output the preview would be what
    runs the machine out of memory, so it is left out (the result still shows when it is
    written)."""
    from app.gui.viewer.tile_cache import TiledImage
    from engine.devices import available_ram_bytes
    need = TiledImage.blank_bytes(width, height, channels, dtype)
    return need <= available_ram_bytes() * PREVIEW_RAM_FRACTION


class UpscaleWorker(QueueWorker):
    """Runs queued jobs one after another on this computer with the engine's ``run_item``
    (which knows images from videos).

    Upscalers are cached by the engine's UpscalerCache (model and how it runs), the
    colorize model (jobs with ``colorize`` set) per (colorize model, device).
    """

    def __init__(self, jobs: list[UpscaleJob]) -> None:
        super().__init__(jobs)
        self._cache: Any = None   # engine.jobs.run.UpscalerCache, made on first use
        self._colorizers: dict[tuple, Any] = {}

    def run_job(self, job: UpscaleJob, item: Any) -> None:
        if item.kind == "video":
            self._run_video(job, item)
        else:
            self._run_one(job, item)

    def _upscaler(self, s: JobSettings, item: Any) -> tuple[Any, str]:
        """The loaded upscaler for the model the plan chose, and its name; the cache keeps
        the last two (a batch where auto picks photo and quality loads each once)."""
        from engine.jobs.run import UpscalerCache
        if self._cache is None:
            self._cache = UpscalerCache(max_models=2)
        return self._cache.get(item.model, s.request()), item.model_name

    def _colorizer(self, s: JobSettings) -> Any:
        """The loaded colorize model for ``s`` (None when it does not colorize)."""
        if not s.colorize:
            return None
        from engine.jobs.upscale import load_job_colorizer
        options = s.upscale_options()
        from engine.colorize.strength import with_strength
        key = (options.colorize_model, options.device)
        if key not in self._colorizers:
            self._colorizers = {key: load_job_colorizer(options)}
        # the engine blends the chroma; the panel only chose how much
        return with_strength(self._colorizers[key], s.colorize_strength)

    def _load_models(self, s: JobSettings, item: Any) -> tuple[Any, str, Any]:
        """(upscaler, its label, colorizer or None); a load failure raises one line that
        says which model failed."""
        from engine.errors import SRStudioError
        upscaler, label = self._upscaler(s, item)
        try:
            colorizer = self._colorizer(s)
        except (SRStudioError, OSError, RuntimeError, ValueError) as e:
            raise SRStudioError(self.tr("colorize: {e}").format(e=one_line(e))) from e
        return upscaler, label, colorizer

    def _run_one(self, job: UpscaleJob, item: Any) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import CancelledError, SRStudioError
        from engine.events import Progress, Started, TileDone, Warning_
        from engine.io import probe_image
        from engine.jobs import FileResult
        from engine.jobs.run import run_item
        s = job.settings
        self.rowStarted.emit(job.item_id, item.model_name, s.scale)
        try:
            upscaler, label, colorizer = self._load_models(s, item)
        except (SRStudioError, OSError, RuntimeError) as e:
            self.rowFinished.emit(job.item_id, FileResult(input=job.input, error=one_line(e)))
            return
        self.message.emit(self.tr("Upscaling {name} with {model} (×{scale}{where})").format(
            name=job.input.name, model=label, scale=s.scale, where=_runs_on(upscaler)), "info")
        state: dict[str, Any] = {"preview": None, "last": 0.0, "size": None}

        def progress(ev: Any) -> None:
            if isinstance(ev, Started):
                self.rowProgress.emit(job.item_id, 0, ev.total, None, None)
            elif isinstance(ev, Progress):
                now = time.perf_counter()
                if now - state["last"] >= PROGRESS_INTERVAL_S or ev.done >= ev.total:
                    state["last"] = now
                    self.rowProgress.emit(job.item_id, ev.done, ev.total, ev.eta_s, ev.rate)
            elif isinstance(ev, Warning_):
                self.message.emit(ev.message, "warning")
            elif isinstance(ev, TileDone):
                _x, y, _w, h = ev.rect
                prev = state["preview"]
                if prev is False:  # too big to keep a second copy of
                    return
                if prev is None:
                    if state["size"] is None:
                        w_in, h_in, _fmt = probe_image(job.input)
                        state["size"] = (w_in * s.scale, h_in * s.scale)
                    ow, oh = state["size"]
                    chans = ev.pixels.shape[2] if ev.pixels.ndim == 3 else 1
                    if not preview_fits(ow, oh, chans, ev.pixels.dtype):
                        state["preview"] = False
                        gib = TiledImage.blank_bytes(ow, oh, chans, ev.pixels.dtype) / 2 ** 30
                        self.message.emit(self.tr(
                            "No live preview for {name}: its {w}×{h} output would need "
                            "{gib:.1f} GiB more memory. The result shows when it is written."
                        ).format(name=job.input.name, w=ow, h=oh, gib=gib), "info")
                        return
                    prev = state["preview"] = TiledImage.blank(ow, oh, chans, ev.pixels.dtype,
                                                               name=label)
                    self.previewStarted.emit(job.item_id, prev)
                prev.update_rows(y, ev.pixels[:h])
                self.previewRows.emit(job.item_id, y, y + h)

        try:
            res = run_item(item, s.request(job.overwrite), upscaler, progress=progress,
                           cancel=job.cancel, colorizer=colorizer)
        except CancelledError:
            self.rowCancelled.emit(job.item_id, False)
            return
        except Exception as e:  # an unexpected engine error must still end up in the row
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            res = FileResult(input=job.input, error=one_line(e))
        self.rowFinished.emit(job.item_id, res)

    def _run_video(self, job: UpscaleJob, item: Any) -> None:
        """One video through the engine's run_item: progress in frames, the latest
        upscaled frame as a (throttled) live preview, resumable cancel."""
        from engine.errors import CancelledError, SRStudioError
        from engine.events import Progress, Started, Warning_
        from engine.jobs.run import run_item
        from engine.jobs.video import VideoFileResult, has_unfinished_parts
        s = job.settings
        self.rowStarted.emit(job.item_id, item.model_name, s.scale)
        try:
            upscaler, label, colorizer = self._load_models(s, item)
        except (SRStudioError, OSError, RuntimeError) as e:
            self.rowFinished.emit(job.item_id,
                                  VideoFileResult(input=job.input, error=one_line(e)))
            return
        self.message.emit(self.tr("Upscaling video {name} with {model} (×{scale})").format(
            name=job.input.name, model=label, scale=s.scale), "info")
        state: dict[str, Any] = {"last": 0.0, "total": 0}

        def progress(ev: Any) -> None:
            if isinstance(ev, Started):
                if ev.what == "video":
                    state["total"] = ev.total
                    self.rowProgress.emit(job.item_id, 0, ev.total, None, None)
                    if ev.detail:
                        self.message.emit(ev.detail, "info")
            elif isinstance(ev, Progress):
                if ev.detail == "muxed" or not state["total"]:
                    return   # the final mux step: the row keeps its frame count
                now = time.perf_counter()
                if now - state["last"] >= PROGRESS_INTERVAL_S or ev.done >= ev.total:
                    state["last"] = now
                    self.rowProgress.emit(job.item_id, ev.done, ev.total, ev.eta_s, ev.rate)
            elif isinstance(ev, Warning_):
                self.message.emit(ev.message, "warning")

        preview = VideoPreviewUpscaler(upscaler, job.input, label, job.item_id, self)
        try:
            res = run_item(item, s.request(job.overwrite), preview, progress=progress,
                           cancel=job.cancel, colorizer=colorizer)
        except CancelledError:
            try:
                resumable = has_unfinished_parts(job.output)
            except OSError:
                resumable = False
            self.rowCancelled.emit(job.item_id, resumable)
            return
        except Exception as e:  # an unexpected engine error must still end up in the row
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            res = VideoFileResult(input=job.input, error=one_line(e))
        self.rowFinished.emit(job.item_id, res)


class VideoPreviewUpscaler:
    """Wraps an upscaler for a video job: every attribute is the wrapped one's, and when a
    call returns whole frames (not tiles) the last of them becomes the row's live preview,
    at most every :data:`VIDEO_PREVIEW_INTERVAL_S` (one frame copy, in the worker thread).

    Frames upscaled tile by tile (too big for one pass) get no live preview.
    """

    def __init__(self, inner: Any, path: Path, label: str, item_id: int,
                 worker: UpscaleWorker) -> None:
        self._inner, self._path, self._label = inner, path, label
        self._item_id, self._worker = item_id, worker
        self._size: tuple[int, int] | None = None   # output (w, h); (0, 0): no preview
        self._image: Any = None
        self._last = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __call__(self, x: Any) -> Any:
        y = self._inner(x)
        now = time.perf_counter()
        if now - self._last >= VIDEO_PREVIEW_INTERVAL_S:
            self._last = now
            try:
                self._show(y)
            except Exception:  # noqa: BLE001 - the preview must never break the job
                self._size = (0, 0)
        return y

    def _show(self, y: Any) -> None:
        import numpy as np

        from app.gui.viewer.tile_cache import TiledImage
        if self._size is None:
            from engine.video.probe import probe_video
            info = probe_video(self._path, scan=False)
            s = int(self._inner.scale)
            self._size = (info.width * s, info.height * s)
        ow, oh = self._size
        if not ow or not isinstance(y, np.ndarray) or y.ndim != 4 \
                or y.shape[1] < oh or y.shape[2] < ow or y.shape[3] not in (1, 3):
            return   # tiles of a frame, or no size: no preview
        frame = np.clip(y[-1, :oh, :ow] * np.float32(255) + np.float32(0.5), 0, 255)
        frame = frame.astype(np.uint8)
        if frame.shape[2] == 1:
            frame = np.repeat(frame, 3, axis=2)
        if self._image is None:
            self._image = TiledImage.blank(ow, oh, 3, np.dtype(np.uint8), name=self._label)
            self._image.update_rows(0, frame)
            self._worker.previewStarted.emit(self._item_id, self._image)
        else:
            self._image.update_rows(0, frame)
        self._worker.previewRows.emit(self._item_id, 0, oh)


def _runs_on(upscaler: Any) -> str:
    """', ONNX Runtime CPU' for an ONNX Runtime upscaler (wrappers pass ``provider`` on),
    else ''."""
    provider = getattr(upscaler, "provider", None)
    if not provider:
        return ""
    return ", ONNX Runtime " + str(provider).removesuffix("ExecutionProvider")
