"""Upscale a video: decode -> upscale -> encode in three overlapping stages, resumably.

A decoder thread turns packets into RGB frames, the calling thread upscales them (whole
frames in batches when they fit, else tiled through :func:`upscale_image`), an encoder
thread converts back to YUV and encodes.  Bounded queues between the stages keep memory
flat.  Frames are encoded in segments of ``segment_seconds`` into a hidden work folder
beside the output (see :mod:`engine.video.segments`); an interrupted job started again with
the same input and settings skips the finished segments.  At the end the segments are
joined with the input's audio and subtitles into a temp file that replaces the output only
when complete, so a cancel or an error never leaves a broken output behind.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import av
import numpy as np
from av.video.reformatter import Interpolation

from engine.errors import OutputExistsError, VideoError
from engine.events import (
    CancelToken,
    Progress,
    ProgressCallback,
    RateMeter,
    Started,
    Warning_,
    emit,
)
from engine.inference.pipeline import TileSetting
from engine.inference.upscalers import Upscaler
from engine.io.atomic import atomic_output
from engine.io.files import file_identity
from engine.video.encoders import EncoderSpec, check_container, default_bitrate, resolve_encoder
from engine.video.frames import FrameUpscaler
from engine.video.mux import mux_final
from engine.video.probe import VideoInfo, open_input, probe_video
from engine.video.segments import SegmentTimes, WorkFolder, input_identity

if TYPE_CHECKING:
    from engine.colorize.colorizer import FrameColorizer


@dataclass
class VideoOptions:
    codec: str = "h264"                 # h264, h265, vp9, av1, ffv1, prores
    crf: int | None = 18                # constant quality (ignored when bitrate is set)
    bitrate: str | int | None = None    # e.g. "8M"; overrides crf
    preset: str = "medium"              # x264-style speed preset
    hw: str | None = None               # nvenc, qsv, amf, videotoolbox, or an encoder name
    segment_seconds: float | None = 10.0   # resume granularity; None: one segment
    tile: TileSetting = "auto"
    keep_audio: bool = True
    keep_subtitles: bool = True
    odd_size: str = "pad"               # output W/H odd for a 4:2:0 codec: 'pad' or 'crop'
    overwrite: bool = False
    resume: bool = True                 # reuse finished segments of an interrupted job
    max_frames: int | None = None       # only the first N frames (previews, benchmarks)
    queue_size: int = 4
    colorize: str | None = None         # colour a black-and-white video 'before'/'after'
                                        # upscaling (needs a FrameColorizer); colour videos
                                        # are left as they are, with a warning


@dataclass
class VideoResult:
    input: Path
    output: Path
    frames: int
    input_size: tuple[int, int]
    output_size: tuple[int, int]
    fps: Fraction
    encoder: str
    seconds: float = 0.0
    resumed_frames: int = 0             # frames reused from an interrupted run
    segments: int = 0
    audio: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tile: int | None = None
    colorized: bool = False

    @property
    def processing_fps(self) -> float:
        n = self.frames - self.resumed_frames
        return n / self.seconds if self.seconds > 0 else 0.0


# --- stage plumbing -----------------------------------------------------------------------
@dataclass
class _End:
    frames: int
    damaged: int = 0


@dataclass
class _Failure:
    error: BaseException


@dataclass
class _Frame:
    index: int
    pts: int | None
    duration: int | None
    pixels: np.ndarray


def _put(q: queue.Queue, item: Any, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            q.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _get(q: queue.Queue, stop: threading.Event,
         check: Callable[[], None] | None = None) -> Any:
    while True:
        if check is not None:
            check()
        if stop.is_set():
            return None
        try:
            return q.get(timeout=0.1)
        except queue.Empty:
            continue


def even_size(width: int, height: int, spec: EncoderSpec, mode: str = "pad"
              ) -> tuple[int, int, str | None]:
    """Output size the pixel format can hold; (w, h, message) with message None if as-is."""
    tw = width + (width % 2 if spec.even_width else 0) * (1 if mode == "pad" else -1)
    th = height + (height % 2 if spec.even_height else 0) * (1 if mode == "pad" else -1)
    if (tw, th) == (width, height):
        return tw, th, None
    verb = "padded" if mode == "pad" else "cropped"
    return tw, th, (f"the upscaled size {width}x{height} is odd, which {spec.pix_fmt} cannot "
                    f"hold; {verb} to {tw}x{th}")


def _fit(pixels: np.ndarray, tw: int, th: int) -> np.ndarray:
    h, w = pixels.shape[:2]
    if (w, h) == (tw, th):
        return pixels
    pixels = pixels[:min(h, th), :min(w, tw)]
    ph, pw = th - pixels.shape[0], tw - pixels.shape[1]
    if ph > 0 or pw > 0:
        pixels = np.pad(pixels, [(0, max(0, ph)), (0, max(0, pw)), (0, 0)], mode="edge")
    return np.ascontiguousarray(pixels)


class _SegmentWriter:
    """One segment: an encoder writing a temp Matroska file in the work folder."""

    def __init__(self, work: WorkFolder, index: int, first_frame: int, spec: EncoderSpec,
                 info: VideoInfo, width: int, height: int) -> None:
        self.work, self.index, self.first_frame = work, index, first_frame
        self.info, self.spec = info, spec
        self.path = work.temp_segment_path(index)
        self.pts: list[int] = []
        self.durations: list[int] = []
        self.raw_last: int | None = None
        self.clean = True
        self.container = av.open(str(self.path), "w", format="matroska")
        st = self.container.add_stream(spec.name, rate=info.fps, options=dict(spec.options))
        st.width, st.height, st.pix_fmt = width, height, spec.pix_fmt
        cc = st.codec_context
        cc.time_base = info.time_base
        cc.framerate = info.fps
        if spec.bit_rate is not None:
            cc.bit_rate = spec.bit_rate
        if spec.global_quality is not None:
            cc.global_quality = spec.global_quality
        cc.color_range = info.color_range or 1
        for attr in ("color_primaries", "color_trc", "colorspace"):
            with contextlib.suppress(Exception):
                setattr(cc, attr, getattr(info, attr))
        if info.sample_aspect_ratio and info.sample_aspect_ratio != 1:
            with contextlib.suppress(Exception):
                cc.sample_aspect_ratio = info.sample_aspect_ratio
        self.stream = st
        self.range = "JPEG" if info.color_range == 2 else "MPEG"

    def add(self, pixels: np.ndarray, pts: int, duration: int) -> None:
        frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        frame = frame.reformat(format=self.spec.pix_fmt, dst_colorspace=self.info.matrix,
                               dst_color_range=self.range)
        frame.pts = pts
        frame.time_base = self.info.time_base
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        self.pts.append(pts)
        self.durations.append(duration)

    def finish(self) -> None:
        for packet in self.stream.encode(None):
            self.container.mux(packet)
        self.container.close()
        last = self.raw_last if (self.clean and self.raw_last is not None) else -1
        self.work.add_segment(self.index, self.first_frame,
                              SegmentTimes(self.pts, self.durations), last)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.container.close()
        self.work.discard_temp(self.index)


# --- the job ----------------------------------------------------------------------------
def _check_target(src: Path, dst: Path, overwrite: bool) -> None:
    with contextlib.suppress(OSError):
        if dst.exists() and os.path.samefile(src, dst):
            raise OutputExistsError(f"{dst} is the input video; choose another output name")
    if dst.resolve() == src.resolve():
        raise OutputExistsError(f"{dst} is the input video; choose another output name")
    if dst.is_dir():
        raise VideoError(f"cannot write {dst}: it is a folder")
    if not dst.parent.is_dir():
        raise VideoError(f"cannot write {dst}: the folder {dst.parent} does not exist")
    if not overwrite and os.path.lexists(dst):
        raise OutputExistsError(f"{dst} already exists; allow overwriting or choose another "
                                "output name")


def _weights_id(upscaler: Upscaler) -> str:
    """Identify a model's weight file (path, size, mtime) so resuming never mixes models."""
    return file_identity(getattr(getattr(upscaler, "model", None), "path", None))


GRAY_SAMPLE_FRAMES = 12
VIDEO_GRAY_TOLERANCE = 8      # 8-bit levels: decoded 4:2:0 chroma of a B&W film is noisy
VIDEO_GRAY_FRACTION = 0.01


def video_looks_gray(src: Path, info: VideoInfo, frames: int = GRAY_SAMPLE_FRAMES) -> bool:
    """True when the first ``frames`` decoded frames are all gray (R = G = B within a few
    levels): one decision for the whole video, so colorizing never flickers on and off."""
    from engine.colorize.colorizer import is_grayscale

    seen = 0
    try:
        with open_input(src) as c:
            vs = c.streams[info.video_index]
            for frame in _frames(c, vs, [0]):
                if not is_grayscale(_rgb(frame), VIDEO_GRAY_TOLERANCE, VIDEO_GRAY_FRACTION):
                    return False
                seen += 1
                if seen >= frames:
                    break
    except av.error.FFmpegError as exc:
        raise VideoError(f"{src.name} is damaged or truncated: "
                         f"{' '.join(str(exc).split())}") from None
    return seen > 0


def upscale_video(input: str | os.PathLike[str], output: str | os.PathLike[str],
                  upscaler: Upscaler, options: VideoOptions | None = None, *,
                  progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None,
                  colorizer: FrameColorizer | None = None) -> VideoResult:
    """Upscale ``input`` into ``output`` (container from its suffix); see the module doc.

    With ``options.colorize``, a black-and-white video (:func:`video_looks_gray`) is
    coloured frame by frame by ``colorizer`` before or after upscaling.
    Raises VideoError (bad input, encoder missing), OutputExistsError, CancelledError.
    """
    opts = options or VideoOptions()
    if opts.colorize not in (None, "before", "after"):
        raise ValueError(f"colorize must be None, 'before' or 'after', not {opts.colorize!r}")
    if opts.colorize and colorizer is None:
        raise ValueError("options.colorize needs a colorizer (engine.colorize.FrameColorizer)")
    t0 = time.perf_counter()
    src, dst = Path(input), Path(output)
    info = probe_video(src)
    spec = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                           preset=opts.preset)
    muxer = check_container(spec, dst)
    _check_target(src, dst, opts.overwrite)
    s = int(upscaler.scale)
    warnings: list[str] = []

    def warn(msg: str) -> None:
        warnings.append(msg)
        emit(progress, Warning_(msg))

    tw, th, msg = even_size(info.width * s, info.height * s, spec, opts.odd_size)
    if msg:
        warn(f"{src.name}: {msg}")
    if spec.bit_rate == -1:
        spec.bit_rate = default_bitrate(tw, th, float(info.fps))
    if not info.frames_exact:
        warn(f"{src.name}: the frame count ({info.frames}) is an estimate")
    total = info.frames if opts.max_frames is None else min(info.frames, opts.max_frames)
    colorize: tuple[str, FrameColorizer] | None = None
    if opts.colorize and colorizer is not None:
        if video_looks_gray(src, info):
            colorize = (opts.colorize, colorizer)
        else:
            warn(f"{src.name} is a colour video; it is upscaled without colorizing")
    seg_frames = (max(1, round(float(opts.segment_seconds) * float(info.fps)))
                  if opts.segment_seconds else 1 << 40)
    settings = {"upscaler": getattr(upscaler, "name", type(upscaler).__name__),
                "weights": _weights_id(upscaler), "scale": s,
                "dtype": str(getattr(upscaler, "dtype", "")), "tile": str(opts.tile),
                "encoder": spec.name, "pix_fmt": spec.pix_fmt, "options": spec.options,
                "bit_rate": spec.bit_rate, "quality": spec.global_quality,
                "size": [tw, th], "max_frames": opts.max_frames,
                "colorize": [colorize[0], colorize[1].identity] if colorize else None}
    frame_up = FrameUpscaler(upscaler, info.width, info.height, opts.tile)
    work = WorkFolder(dst, input_identity(src), settings, seg_frames)
    manifest = work.open(resume=opts.resume)
    resumed = manifest.done_frames
    remove_parts = True
    try:
        detail = (f"{src.name}: {info.width}x{info.height} -> {tw}x{th}, {total} frames, "
                  f"{spec.describe()}")
        if resumed:
            detail += f", resuming after frame {resumed}"
        emit(progress, Started("video", total, detail))
        if not manifest.complete:
            _run_stages(src, info, frame_up, spec, work, resumed, opts, (tw, th), total,
                        progress, cancel, warn, colorize)
        if cancel is not None:
            cancel.raise_if_cancelled()
        emit(progress, Started("mux", 1, f"writing {dst.name}"))
        end_time = None
        if opts.max_frames is not None and work.manifest.total_frames is not None \
                and work.manifest.total_frames < info.frames:
            last = work.load_times(work.manifest.segments[-1].index)
            end_time = float((last.pts[-1] + last.durations[-1]) * info.time_base)
        with atomic_output(dst) as tmp:
            report = mux_final(work, info, tmp, muxer, keep_audio=opts.keep_audio,
                               keep_subtitles=opts.keep_subtitles, end_time=end_time,
                               warn=warn, cancel=cancel)
        emit(progress, Progress(1, 1, 0.0, None, "muxed"))
    except BaseException as exc:
        # keep finished segments for a resume, unless the input itself is the problem
        remove_parts = isinstance(exc, VideoError) or not work.manifest.segments
        raise
    finally:
        work.close(remove=remove_parts)
    return VideoResult(input=src, output=dst, frames=report.frames,
                       input_size=(info.width, info.height), output_size=(tw, th),
                       fps=info.fps, encoder=spec.name,
                       seconds=time.perf_counter() - t0, resumed_frames=resumed,
                       segments=len(work.manifest.segments), audio=report.audio,
                       subtitles=report.subtitles, warnings=warnings, tile=frame_up.tile,
                       colorized=colorize is not None)


def _run_stages(src: Path, info: VideoInfo, frame_up: FrameUpscaler, spec: EncoderSpec,
                work: WorkFolder, start: int, opts: VideoOptions, size: tuple[int, int],
                total: int, progress: ProgressCallback | None,
                cancel: CancelToken | None, warn: Callable[[str], None],
                colorize: tuple[str, FrameColorizer] | None = None) -> None:
    when, colorizer = colorize if colorize else (None, None)
    stop = threading.Event()
    q_in: queue.Queue = queue.Queue(maxsize=max(1, opts.queue_size))
    # the encoder stalls for its look-ahead at every segment end (x264: ~40 frames); a
    # deeper output queue (bounded to ~256 MB of frames) keeps the upscaler busy meanwhile
    frame_bytes = size[0] * size[1] * 3
    depth = max(opts.queue_size, min(32, (256 << 20) // max(1, frame_bytes)))
    q_out: queue.Queue = queue.Queue(maxsize=max(1, depth))
    enc_state: dict[str, Any] = {}
    segs = work.manifest.segments
    seek_pts = (segs[-1].last_pts if segs and all(x.last_pts >= 0 for x in segs) else None)
    prev = work.load_times(segs[-1].index) if segs else None
    limit = opts.max_frames
    dec = threading.Thread(target=_decode_worker, name="srstudio-video-decode", daemon=True,
                           args=(src, info, start, seek_pts, limit, q_in, stop))
    enc = threading.Thread(target=_encode_worker, name="srstudio-video-encode", daemon=True,
                           args=(q_out, work, spec, info, size, start, prev, stop, enc_state))

    def check() -> None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        if "error" in enc_state:
            raise enc_state["error"]

    dec.start()
    enc.start()
    ok = False
    try:
        meter = RateMeter(max(1, total - start))
        done = start
        batch: list[_Frame] = []
        finished = False
        while not finished:
            item = _get(q_in, stop, check)
            if item is None:
                check()
                raise VideoError(f"{src.name}: the video pipeline stopped unexpectedly")
            if isinstance(item, _Failure):
                raise item.error
            if isinstance(item, _End):
                finished = True
                if item.damaged:
                    warn(f"{src.name}: {item.damaged} damaged packet(s) could not be decoded "
                         "and were skipped")
            else:
                batch.append(item)
            if batch and (finished or len(batch) >= frame_up.batch):
                pixels = [f.pixels for f in batch]
                if colorizer is not None and when == "before":
                    pixels = [colorizer(px) for px in pixels]
                outs = frame_up(pixels, cancel)
                if colorizer is not None and when == "after":
                    outs = [colorizer(px) for px in outs]
                for f, px in zip(batch, outs, strict=True):
                    f.pixels = px
                    if not _put(q_out, f, stop):
                        check()
                done += len(batch)
                batch = []
                p = meter.update(done - start)
                meter.total = max(meter.total, done - start)
                emit(progress, Progress(done, max(total, done), p.eta_s, p.rate,
                                        f"frame {done}"))
        if not _put(q_out, _End(done), stop):
            check()
        while enc.is_alive():
            check()
            enc.join(0.1)
        check()
        ok = True
    finally:
        if not ok:
            stop.set()
        dec.join(5)
        enc.join(30)


# YUV -> RGB with full chroma interpolation and accurate rounding: swscale's default is
# about one level too dark on every channel
_TO_RGB = (Interpolation.BICUBIC | Interpolation.ACCURATE_RND | Interpolation.FULL_CHR_H_INT)


def _rgb(frame: Any) -> np.ndarray:
    return frame.to_ndarray(format="rgb24", interpolation=_TO_RGB, threads=0)


MAX_DAMAGED_PACKETS = 25


def _frames(c: Any, vs: Any, damaged: list[int]) -> Any:
    """Decoded frames of ``vs``; a packet the decoder rejects is skipped and counted (a few
    damaged packets mid-stream should not fail an hour-long job), a read error is raised."""
    for packet in c.demux(vs):
        try:
            frames = packet.decode()
        except av.error.InvalidDataError:
            damaged[0] += 1
            if damaged[0] > MAX_DAMAGED_PACKETS:
                raise
            continue
        yield from frames


def _decode_worker(src: Path, info: VideoInfo, start: int, seek_pts: int | None,
                   limit: int | None, q: queue.Queue, stop: threading.Event) -> None:
    """Decode frames [start, limit) into ``q``; ends with _End or _Failure."""
    index = 0
    end_time = 0.0
    damaged = [0]
    try:
        with open_input(src) as c:
            vs = c.streams[info.video_index]
            vs.thread_type = "AUTO"
            skipping_to: int | None = None
            if start > 0 and seek_pts is not None and start > 2 * float(info.fps):
                with contextlib.suppress(av.error.FFmpegError):
                    c.seek(seek_pts, stream=vs, backward=True)
                    skipping_to = seek_pts
            index = 0 if skipping_to is None else -1
            for frame in _frames(c, vs, damaged):
                if stop.is_set():
                    return
                if skipping_to is not None:
                    if frame.pts is None or (index == -1 and frame.pts > skipping_to):
                        raise _SeekMiss
                    index = start
                    if frame.pts <= skipping_to:
                        continue
                    skipping_to = None
                if frame.time is not None:
                    end_time = max(end_time, float(frame.time) + 1 / float(info.fps))
                if index < start:
                    index += 1
                    continue
                if limit is not None and index >= limit:
                    break
                item = _Frame(index, frame.pts, frame.duration or None, _rgb(frame))
                if not _put(q, item, stop):
                    return
                index += 1
    except _SeekMiss:
        return _decode_worker(src, info, start, None, limit, q, stop)
    except av.error.FFmpegError as exc:
        detail = " ".join(str(exc).split())
        _put(q, _Failure(VideoError(f"{src.name} is damaged or truncated: decoding failed "
                                    f"after frame {max(index, 0)} ({detail})")), stop)
        return
    except BaseException as exc:  # noqa: BLE001 - handed to the main thread
        _put(q, _Failure(exc), stop)
        return
    if index < start:
        _put(q, _Failure(VideoError(f"{src.name} changed: it has fewer frames ({index}) than "
                                    f"the interrupted job already encoded ({start})")), stop)
        return
    # short by frames *and* by time (field-coded streams decode fewer frames than packets)
    short_time = end_time < info.start_time + info.duration - max(0.5, 2 / float(info.fps))
    if (limit is None or limit > index) and index < info.frames - 1 and short_time:
        _put(q, _Failure(VideoError(f"{src.name} is truncated or damaged: only {index} of "
                                    f"{info.frames} frames could be decoded")), stop)
        return
    _put(q, _End(index, damaged[0]), stop)


class _SeekMiss(Exception):
    pass


def _encode_worker(q: queue.Queue, work: WorkFolder, spec: EncoderSpec, info: VideoInfo,
                   size: tuple[int, int], start: int, prev: SegmentTimes | None,
                   stop: threading.Event, state: dict[str, Any]) -> None:
    tw, th = size
    seg_frames = work.segment_frames
    writer: _SegmentWriter | None = None
    tb = info.time_base
    nominal = max(1, round(1 / (info.fps * tb))) if info.fps else 1
    last_pts = prev.pts[-1] if prev else None
    try:
        while True:
            item = _get(q, stop)
            if item is None:
                return
            if isinstance(item, _End):
                if writer is not None:
                    writer.finish()
                    writer = None
                work.mark_complete(item.frames)
                return
            f: _Frame = item
            k = f.index // seg_frames
            if writer is None:
                writer = _SegmentWriter(work, k, f.index, spec, info, tw, th)
            pts = f.pts
            if pts is None or (last_pts is not None and pts <= last_pts):
                pts = (last_pts + nominal) if last_pts is not None else 0
                writer.clean = False
            writer.raw_last = f.pts
            writer.add(_fit(f.pixels, tw, th), pts, int(f.duration or nominal))
            last_pts = pts
            if f.index == (k + 1) * seg_frames - 1:
                writer.finish()
                writer = None
    except BaseException as exc:  # noqa: BLE001 - handed to the main thread
        if isinstance(exc, av.error.FFmpegError):
            detail = " ".join(str(exc).split())
            exc = VideoError(f"encoding {work.output.name} with {spec.name} failed ({detail})")
        state["error"] = exc
        stop.set()
    finally:
        if writer is not None:
            writer.abort()
