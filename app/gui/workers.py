"""Workers: QObjects that call the engine in a QThread and re-emit its events as signals.

The GUI thread never runs inference, evaluation, training or big image decoding: each of
those is a :class:`Worker` moved to its own QThread by :class:`WorkerHost`.  The engine's
plain-Python progress callbacks run in the worker thread and become queued Qt signals;
a :class:`engine.events.CancelToken` is how the GUI asks a worker to stop.

Signals are only ever connected to methods of GUI-thread QObjects (never to lambdas,
which PySide would call directly in the worker thread).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.gui.settings_panel import JobSettings

PROGRESS_INTERVAL_S = 0.05   # at most ~20 progress signals a second per job
VIDEO_PREVIEW_INTERVAL_S = 0.5   # the live preview of a video shows at most 2 frames a second


def one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


class Worker(QObject):
    """Base: ``run`` calls ``work`` and always emits ``finished``; errors become ``failed``."""

    finished = Signal()
    failed = Signal(str)
    message = Signal(str, str)   # text, level ('info', 'warning', 'error')

    def __init__(self) -> None:
        super().__init__()
        from engine.events import CancelToken
        self.cancel_token = CancelToken()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @Slot()
    def run(self) -> None:
        from engine.errors import CancelledError, SRStudioError
        try:
            self.work()
        except CancelledError:
            self.message.emit(self.tr("cancelled"), "info")
        except SRStudioError as e:  # an expected, one-line error: no traceback
            self.message.emit(str(e), "error")
            self.failed.emit(one_line(e))
        except Exception as e:  # shown in the window, with the traceback in the log
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            self.failed.emit(one_line(e))
        finally:
            self.finished.emit()

    def work(self) -> None:
        raise NotImplementedError


class WorkerHost(QObject):
    """Starts workers in threads, keeps them alive while running, stops them at exit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[QThread, Worker] = {}

    def start(self, worker: Worker) -> QThread:
        thread = QThread()
        thread.setObjectName(type(worker).__name__)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._running[thread] = worker
        thread.start()
        return thread

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()
            worker = self._running.pop(thread, None)
            if worker is not None:
                worker.deleteLater()
            thread.deleteLater()

    def busy(self) -> bool:
        return bool(self._running)

    def workers(self) -> list[Worker]:
        return list(self._running.values())

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel everything and wait for the threads (called when the window closes)."""
        for worker in list(self._running.values()):
            worker.cancel()
        for thread in list(self._running):
            thread.quit()
            thread.wait(timeout_ms)
        self._running.clear()


# --- models and devices ---------------------------------------------------------------
class ModelsWorker(Worker):
    """Lists models and devices off the GUI thread (this is where torch first gets imported)."""

    loaded = Signal(list, list, str)   # ModelInfo list, device names, device description
    colorizers = Signal(list)          # ModelInfo list of the colorize models (before loaded)

    def work(self) -> None:
        from engine.devices import available_devices, describe_device, select_device
        from engine.models.registry import list_models
        # colorizers are not upscalers: they get their own entry point, not the model list
        everything = list_models()
        models = [m for m in everything if m.role != "colorize"]
        devices = available_devices()
        self.colorizers.emit([m for m in everything if m.role == "colorize"])
        self.loaded.emit(models, devices, describe_device(select_device("auto")))


class EncodersWorker(Worker):
    """Asks FFmpeg which video encoders it has (hardware ones are test-opened: ~0.1-2 s)."""

    loaded = Signal(list)   # engine.video.encoders.EncoderInfo list

    def work(self) -> None:
        from engine.video.encoders import available_encoders
        self.loaded.emit(available_encoders(check=True))


class ImportWorker(Worker):
    """Checks (by building it) and copies a weight file into the user's model folder."""

    imported = Signal(object)   # ModelInfo

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def work(self) -> None:
        from engine.models.registry import import_model
        self.imported.emit(import_model(self.path))


# --- upscaling -------------------------------------------------------------------------
@dataclass
class UpscaleJob:
    item_id: int
    input: Path
    output: Path
    settings: JobSettings
    overwrite: bool
    cancel: Any   # engine.events.CancelToken


class UpscaleWorker(Worker):
    """Runs queued jobs one after another with :func:`engine.jobs.upscale_file`.

    Every job has its own CancelToken (cancel one row); jobs can be appended while it runs.
    Upscalers are cached per (model, scale, device, precision), the colorize model (jobs
    with ``colorize`` set) per (colorize model, device).
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
        self._upscalers: dict[tuple, Any] = {}
        self._colorizers: dict[tuple, Any] = {}
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
            if is_video_path(job.input):
                self._run_video(job)
            else:
                self._run_one(job)

    def _upscaler(self, s: JobSettings) -> tuple[Any, str]:
        from engine.models.registry import make_upscaler, resolve_model
        key = s.key()
        if key not in self._upscalers:
            ref = resolve_model(s.model, s.scale)
            self._upscalers = {key: (make_upscaler(ref, s.device, s.precision), ref.name)}
        return self._upscalers[key]

    def _colorizer(self, s: JobSettings) -> Any:
        """The loaded colorize model for ``s`` (None when it does not colorize)."""
        if not s.colorize:
            return None
        from engine.jobs.upscale import load_job_colorizer
        options = s.upscale_options()
        key = (options.colorize_model, options.device)
        if key not in self._colorizers:
            self._colorizers = {key: load_job_colorizer(options)}
        return self._colorizers[key]

    def _load_models(self, s: JobSettings) -> tuple[Any, str, Any]:
        """(upscaler, its label, colorizer or None); a load failure raises one line that
        says which model failed."""
        from engine.errors import SRStudioError
        upscaler, label = self._upscaler(s)
        try:
            colorizer = self._colorizer(s)
        except (SRStudioError, OSError, RuntimeError, ValueError) as e:
            raise SRStudioError(self.tr("colorize: {e}").format(e=one_line(e))) from e
        return upscaler, label, colorizer

    def _run_one(self, job: UpscaleJob) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import CancelledError, SRStudioError
        from engine.events import Progress, Started, TileDone
        from engine.io import probe_image
        from engine.jobs import FileResult, upscale_file
        s = job.settings
        self.rowStarted.emit(job.item_id, s.model, s.scale)
        try:
            upscaler, label, colorizer = self._load_models(s)
        except (SRStudioError, OSError, RuntimeError) as e:
            self.rowFinished.emit(job.item_id, FileResult(input=job.input, error=one_line(e)))
            return
        self.message.emit(self.tr("Upscaling {name} with {model} (×{scale})").format(
            name=job.input.name, model=label, scale=s.scale), "info")
        state: dict[str, Any] = {"preview": None, "last": 0.0, "size": None}

        def progress(ev: Any) -> None:
            if isinstance(ev, Started):
                self.rowProgress.emit(job.item_id, 0, ev.total, None, None)
            elif isinstance(ev, Progress):
                now = time.perf_counter()
                if now - state["last"] >= PROGRESS_INTERVAL_S or ev.done >= ev.total:
                    state["last"] = now
                    self.rowProgress.emit(job.item_id, ev.done, ev.total, ev.eta_s, ev.rate)
            elif isinstance(ev, TileDone):
                _x, y, _w, h = ev.rect
                prev = state["preview"]
                if prev is None:
                    if state["size"] is None:
                        w_in, h_in, _fmt = probe_image(job.input)
                        state["size"] = (w_in * s.scale, h_in * s.scale)
                    ow, oh = state["size"]
                    chans = ev.pixels.shape[2] if ev.pixels.ndim == 3 else 1
                    prev = state["preview"] = TiledImage.blank(ow, oh, chans, ev.pixels.dtype,
                                                               name=label)
                    self.previewStarted.emit(job.item_id, prev)
                prev.update_rows(y, ev.pixels[:h])
                self.previewRows.emit(job.item_id, y, y + h)

        try:
            res = upscale_file(job.input, job.output, upscaler, s.upscale_options(job.overwrite),
                               progress=progress, cancel=job.cancel, colorizer=colorizer)
        except CancelledError:
            self.rowCancelled.emit(job.item_id, False)
            return
        except Exception as e:  # an unexpected engine error must still end up in the row
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            res = FileResult(input=job.input, error=one_line(e))
        self.rowFinished.emit(job.item_id, res)

    def _run_video(self, job: UpscaleJob) -> None:
        """One video through :func:`engine.jobs.video.run_video_job`: progress in frames,
        the latest upscaled frame as a (throttled) live preview, resumable cancel."""
        from engine.errors import CancelledError, SRStudioError
        from engine.events import Progress, Started, Warning_
        from engine.jobs.video import VideoFileResult, has_unfinished_parts, run_video_job
        s = job.settings
        self.rowStarted.emit(job.item_id, s.model, s.scale)
        try:
            upscaler, label, colorizer = self._load_models(s)
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
            res = run_video_job(job.input, job.output, s.upscale_options(job.overwrite),
                                s.video_options(), progress=progress, cancel=job.cancel,
                                upscaler=preview, colorizer=colorizer)
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


def is_video_path(path: Path) -> bool:
    """Same rule as ``engine.video.files.is_video`` (an extension check, no torch)."""
    from engine.video.files import is_video
    return is_video(path)


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


# --- image loading ---------------------------------------------------------------------
class ImageLoadWorker(Worker):
    """Decodes images for the viewer and builds their pyramids (big images take seconds)."""

    loaded = Signal(str, object)        # key (path), TiledImage
    loadFailed = Signal(str, str)       # key, message

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = list(paths)

    def work(self) -> None:
        import numpy as np

        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import SRStudioError
        from engine.io import read_image
        for p in self.paths:
            if self.cancel_token.cancelled:
                return
            try:
                img = read_image(p)
            except (SRStudioError, OSError) as e:
                self.loadFailed.emit(str(p), one_line(e))
                continue
            arr = img.pixels if img.alpha is None else np.concatenate(
                [img.pixels, img.alpha[:, :, None]], axis=2)
            self.loaded.emit(str(p), TiledImage(arr, name=p.name))


class VideoProbeWorker(Worker):
    """Probes queued videos (size, frame count, fps) off the GUI thread."""

    probed = Signal(int, object)       # item id, engine.video.probe.VideoInfo
    probeFailed = Signal(int, str)     # item id, message

    def __init__(self, items: list[tuple[int, Path]]) -> None:
        super().__init__()
        self.items = list(items)

    def work(self) -> None:
        from engine.errors import SRStudioError
        from engine.video.probe import probe_video
        for item_id, path in self.items:
            if self.cancel_token.cancelled:
                return
            try:
                info = probe_video(path)
            except (SRStudioError, OSError) as e:
                self.probeFailed.emit(item_id, one_line(e))
                continue
            except Exception as e:  # noqa: BLE001 - a bad file must not stop the others
                self.probeFailed.emit(item_id, f"{path.name}: {one_line(e)}")
                continue
            self.probed.emit(item_id, info)


def frame_key(path: Path, index: int) -> str:
    """Image-cache key of one decoded video frame."""
    return f"{path}#frame={index}"


def read_video_frame(path: Path, index: int) -> Any:
    """RGB uint8 pixels of frame ``index`` (counted from the first decoded frame; long
    seeks jump to the nearest keyframe by time first).  The last frame if there are fewer."""
    import av
    from av.video.reformatter import Interpolation

    from engine.errors import VideoError
    from engine.video.probe import open_input, pick_video_stream
    rgb = Interpolation.BICUBIC | Interpolation.ACCURATE_RND | Interpolation.FULL_CHR_H_INT
    with open_input(path) as c:
        vs = pick_video_stream(c, path)
        vs.thread_type = "AUTO"
        fps = float(vs.average_rate or vs.guessed_rate or vs.base_rate or 25)
        tb = float(vs.time_base or 1 / 90000)
        target_t: float | None = None
        if index > 2 * fps and vs.time_base:
            start = float((vs.start_time or 0) * tb)
            target_t = start + index / fps
            try:
                c.seek(int((target_t - 1 / fps) / tb), stream=vs, backward=True)
            except av.error.FFmpegError:
                target_t = None
                c.seek(0)
        last = None
        for n, frame in enumerate(c.decode(vs)):
            last = frame
            if target_t is not None and frame.time is not None:
                if frame.time >= target_t - 0.5 / fps:
                    break
            elif target_t is None and n >= index:
                break
        if last is None:
            raise VideoError(f"{path.name}: no frame could be decoded")
        return last.to_ndarray(format="rgb24", interpolation=rgb)


class VideoFrameWorker(Worker):
    """Decodes one frame of each video (input and outputs) for the comparison viewer."""

    loaded = Signal(str, object)        # key (frame_key), TiledImage
    loadFailed = Signal(str, str)       # key, message

    def __init__(self, requests: list[tuple[Path, int]]) -> None:
        super().__init__()
        self.requests = list(requests)

    def work(self) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import SRStudioError
        for path, index in self.requests:
            if self.cancel_token.cancelled:
                return
            key = frame_key(path, index)
            try:
                pixels = read_video_frame(path, index)
            except (SRStudioError, OSError) as e:
                self.loadFailed.emit(key, one_line(e))
                continue
            except Exception as e:  # noqa: BLE001 - PyAV errors: show, do not crash
                self.loadFailed.emit(key, f"{path.name}: {one_line(e)}")
                continue
            self.loaded.emit(key, TiledImage(pixels, name=f"{path.name} · frame {index}"))


# --- PSNR / SSIM ----------------------------------------------------------------------
class SelfCheckWorker(Worker):
    """Self-check of one image: engine.selfcheck.self_check + a heat map per model."""

    done = Signal(object, dict)          # SelfCheckResult, {model: TiledImage heat map}
    progressed = Signal(int, int, str)   # done, total, model

    def __init__(self, path: Path, scale: int, models: list[str], device: str) -> None:
        super().__init__()
        self.path, self.scale, self.models, self.device = path, scale, models, device

    def work(self) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.events import Progress
        from engine.io import read_image
        from engine.selfcheck import self_check

        def progress(ev: Any) -> None:
            if isinstance(ev, Progress):
                self.progressed.emit(ev.done, ev.total, ev.detail)

        pixels = read_image(self.path).pixels
        res = self_check(pixels, self.scale, self.models, name=self.path.stem,
                         device=self.device, progress=progress, cancel=self.cancel_token)
        heat = {e.name: TiledImage(res.heatmap(e.name), name=e.name) for e in res.entries}
        self.done.emit(res, heat)


class ReferenceWorker(Worker):
    """Scores an output (and bicubic of its input) against a user-supplied reference."""

    done = Signal(object)   # engine.selfcheck.ReferenceScores

    def __init__(self, output: Path, reference: Path, input_path: Path, scale: int) -> None:
        super().__init__()
        self.output, self.reference, self.input, self.scale = output, reference, input_path, scale

    def work(self) -> None:
        from engine.io import read_image
        from engine.selfcheck import reference_scores
        out = read_image(self.output).pixels
        ref = read_image(self.reference).pixels
        inp = read_image(self.input).pixels
        self.done.emit(reference_scores(out, ref, self.scale, inp))
