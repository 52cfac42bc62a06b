"""Upscale a video: decode -> upscale -> encode in three overlapping stages, resumably.

A decoder thread turns packets into RGB frames, the calling thread upscales them (whole
frames in batches when they fit, else tiled through :func:`upscale_image`), an encoder
thread converts back to YUV and encodes (the threads live in :mod:`engine.video.stages`).
Bounded queues between the stages keep memory flat.  Frames are encoded in segments of
``segment_seconds`` into a hidden work folder beside the output (see
:mod:`engine.video.segments`); an interrupted job started again with the same input and
settings skips the finished segments.  At the end the segments are joined with the input's
audio and subtitles into a temp file that replaces the output only when complete, so a
cancel or an error never leaves a broken output behind.
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
from engine.inference.base import Upscaler
from engine.inference.pipeline import TileSetting
from engine.io.atomic import atomic_output
from engine.io.files import file_identity
from engine.video.encoders import EncoderSpec, check_container, default_bitrate, resolve_encoder
from engine.video.frames import FrameUpscaler
from engine.video.mux import mux_final
from engine.video.probe import VideoInfo, open_input, probe_video
from engine.video.segments import WorkFolder, input_identity
from engine.video.settings import VideoSettings
from engine.video.stages import (
    End,
    Failure,
    Frame,
    decode_worker,
    decoded_frames,
    encode_worker,
    get,
    put,
    rgb,
)
from engine.video.timing import StageTimes

if TYPE_CHECKING:
    from engine.colorize.colorizer import FrameColorizer


@dataclass
class VideoOptions(VideoSettings):
    """The user's VideoSettings plus what the job sets from its request."""

    tile: TileSetting = "auto"
    overwrite: bool = False
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
    encoder_choice: str = ""            # hw='auto': what was picked and why
    resumed_frames: int = 0             # frames reused from an interrupted run
    segments: int = 0
    audio: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tile: int | None = None
    colorized: bool = False
    # wall seconds per stage (engine.video.timing.STAGES), waits included: where the
    # frames' time went, for the bench and for a slow job's report
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def processing_fps(self) -> float:
        n = self.frames - self.resumed_frames
        return n / self.seconds if self.seconds > 0 else 0.0


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


def probe_size(info: VideoInfo, scale: int) -> tuple[int, int]:
    """The output size a hardware encoder is probed at: the upscaled size made even (every
    hardware encoder takes 4:2:0), before the encoder's own rounding is known."""
    w, h = info.width * scale, info.height * scale
    return w + w % 2, h + h % 2


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


def segment_frames(opts: VideoOptions, info: VideoInfo) -> int:
    """Frames per segment (the resume and, on a cluster, the parallel granularity)."""
    return (max(1, round(float(opts.segment_seconds) * float(info.fps)))
            if opts.segment_seconds else 1 << 40)


def job_settings(upscaler: Upscaler, spec: EncoderSpec, opts: VideoOptions,
                 size: tuple[int, int],
                 colorize: tuple[str, FrameColorizer] | None = None) -> dict[str, Any]:
    """Every setting that changes the encoded pixels (the work folder's hash), defined once
    so a cluster run and a local run resume each other's segments."""
    return {"upscaler": getattr(upscaler, "name", type(upscaler).__name__),
            "weights": _weights_id(upscaler), "scale": int(upscaler.scale),
            "dtype": str(getattr(upscaler, "dtype", "")), "tile": str(opts.tile),
            "encoder": spec.name, "pix_fmt": spec.pix_fmt, "options": spec.options,
            "bit_rate": spec.bit_rate, "quality": spec.global_quality,
            "size": [size[0], size[1]], "max_frames": opts.max_frames,
            "colorize": [colorize[0], colorize[1].identity] if colorize else None,
            # x264's frame threads encode other bits than its sliced threads did
            **({"thread_type": spec.thread_type} if spec.thread_type else {})}


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
            for frame in decoded_frames(c, vs, [0]):
                if not is_grayscale(rgb(frame), VIDEO_GRAY_TOLERANCE, VIDEO_GRAY_FRACTION):
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
    s = int(upscaler.scale)
    spec = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                           preset=opts.preset, size=probe_size(info, s))
    muxer = check_container(spec, dst)
    _check_target(src, dst, opts.overwrite)
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
    seg_frames = segment_frames(opts, info)
    settings = job_settings(upscaler, spec, opts, (tw, th), colorize)
    timer = StageTimes()
    frame_up = FrameUpscaler(upscaler, info.width, info.height, opts.tile, timer)
    work = WorkFolder(dst, input_identity(src), settings, seg_frames)
    manifest = work.open(resume=opts.resume)
    resumed = manifest.done_frames
    remove_parts = True
    try:
        detail = (f"{src.name}: {info.width}x{info.height} -> {tw}x{th}, {total} frames, "
                  f"{spec.describe()}" + (f" ({spec.choice})" if spec.choice else ""))
        if resumed:
            detail += f", resuming after frame {resumed}"
        emit(progress, Started("video", total, detail))
        if not manifest.complete:
            _run_stages(src, info, frame_up, spec, work, resumed, opts, (tw, th), total,
                        progress, cancel, warn, colorize, timer)
        if cancel is not None:
            cancel.raise_if_cancelled()
        emit(progress, Started("mux", 1, f"writing {dst.name}"))
        end_time = None
        if opts.max_frames is not None and work.manifest.total_frames is not None \
                and work.manifest.total_frames < info.frames:
            last = work.load_times(work.manifest.segments[-1].index)
            end_time = float((last.pts[-1] + last.durations[-1]) * info.time_base)
        with timer.measure("mux"), atomic_output(dst, exclusive=not opts.overwrite) as tmp:
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
                       fps=info.fps, encoder=spec.name, encoder_choice=spec.choice,
                       seconds=time.perf_counter() - t0, resumed_frames=resumed,
                       segments=len(work.manifest.segments), audio=report.audio,
                       subtitles=report.subtitles, warnings=warnings, tile=frame_up.tile,
                       colorized=colorize is not None, stage_seconds=timer.snapshot())


def _run_stages(src: Path, info: VideoInfo, frame_up: FrameUpscaler, spec: EncoderSpec,
                work: WorkFolder, start: int, opts: VideoOptions, size: tuple[int, int],
                total: int, progress: ProgressCallback | None,
                cancel: CancelToken | None, warn: Callable[[str], None],
                colorize: tuple[str, FrameColorizer] | None = None,
                timer: StageTimes | None = None) -> None:
    timer = timer if timer is not None else StageTimes()
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
    dec = threading.Thread(target=decode_worker, name="srstudio-video-decode", daemon=True,
                           args=(src, info, start, seek_pts, limit, q_in, stop, timer))
    enc = threading.Thread(target=encode_worker, name="srstudio-video-encode", daemon=True,
                           args=(q_out, work, spec, info, size, start, prev, stop, enc_state,
                                 timer))

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
        batch: list[Frame] = []
        finished = False
        while not finished:
            t0 = time.perf_counter()
            item = get(q_in, stop, check)
            timer.add("upscale_wait", time.perf_counter() - t0)
            if item is None:
                check()
                raise VideoError(f"{src.name}: the video pipeline stopped unexpectedly")
            if isinstance(item, Failure):
                raise item.error
            if isinstance(item, End):
                finished = True
                if item.damaged:
                    warn(f"{src.name}: {item.damaged} damaged packet(s) could not be decoded "
                         "and were skipped")
            else:
                batch.append(item)
            if batch and (finished or len(batch) >= frame_up.batch):
                pixels = [f.pixels for f in batch]
                if colorizer is not None and when == "before":
                    with timer.measure("colorize"):
                        pixels = [colorizer(px) for px in pixels]
                outs = frame_up(pixels, cancel)
                if colorizer is not None and when == "after":
                    with timer.measure("colorize"):
                        outs = [colorizer(px) for px in outs]
                t0 = time.perf_counter()
                for f, px in zip(batch, outs, strict=True):
                    f.pixels = px
                    if not put(q_out, f, stop):
                        check()
                timer.add("upscale_blocked", time.perf_counter() - t0)
                done += len(batch)
                batch = []
                p = meter.update(done - start)
                meter.total = max(meter.total, done - start)
                emit(progress, Progress(done, max(total, done), p.eta_s, p.rate,
                                        f"frame {done}"))
        if not put(q_out, End(done), stop):
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

