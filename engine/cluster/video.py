"""A video on the cluster: its segments on the workers in parallel, the join on the driver.

Why segments: they are what the resumable pipeline already encodes one by one
(:mod:`engine.video.segments`), each an independent Matroska file of N frames with its
input timestamps.  A worker decodes the input up to its segment's last frame (timestamps
are repaired over the whole prefix, exactly as the one-process pipeline does), upscales
the segment's frames in the same batches and encodes them with the same encoder settings
into the job's hidden work folder under a name of its own.  The driver owns the work
folder (its lock and manifest): it promotes finished segments in order and keeps those
that finish early on disk with a record each (:meth:`WorkFolder.stash_segment`), so a
driver that dies leaves every finished segment to a new run (the cluster's re-uses them
all, a local one the promoted prefix), and it joins them with the
input's audio and subtitles stream-copied (:func:`engine.video.mux.mux_final`) into an
atomic output.  Videos that cannot be split exactly (colorize, a frame limit, an estimated
frame count, one segment) run whole on one worker instead.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import VideoError
from engine.events import CancelToken, Progress, ProgressCallback, Started, Warning_, emit
from engine.inference.base import Upscaler
from engine.io.atomic import atomic_output
from engine.jobs.plan import PlanItem
from engine.jobs.request import Request
from engine.jobs.upscale import FILE_ERRORS, UPSCALE_MEMORY_HINT
from engine.jobs.video import VideoFileResult, video_options_for
from engine.video.encoders import EncoderSpec, check_container, default_bitrate, resolve_encoder
from engine.video.frames import FrameUpscaler
from engine.video.mux import mux_final
from engine.video.pipeline import (
    VideoOptions,
    VideoResult,
    _check_target,
    even_size,
    job_settings,
    segment_frames,
)
from engine.video.probe import VideoInfo, open_input, probe_video
from engine.video.segments import (
    SegmentRecord,
    SegmentTimes,
    WorkFolder,
    input_identity,
    work_dir_for,
)
from engine.video.stages import _fit, _SegmentWriter, decoded_frames, rgb


@dataclass
class VideoPrep:
    """What only a worker with the model knows: the settings hash input and the tile."""

    settings: dict[str, Any]


@dataclass
class SegmentDone:
    """A segment a worker encoded: its temp file in the work folder and its timestamps."""

    index: int
    first_frame: int
    file: str
    times: SegmentTimes
    last_pts: int
    seconds: float
    worker: str = ""


__all__ = ["SegmentDone", "VideoJob", "VideoPrep", "encode_segment", "prepare", "segment_frames",
           "splittable", "video_options_for"]


def splittable(item: PlanItem, request: Request) -> VideoInfo | None:
    """The probed video when it can be split into parallel segments exactly, else None."""
    v = request.video
    if item.kind != "video" or request.colorize or v.max_frames is not None \
            or not v.segment_seconds:
        return None
    try:
        info = probe_video(item.input)
    except FILE_ERRORS:
        return None          # the whole-item path reports it, as locally
    seg = segment_frames(_options(request), info)
    if not info.frames_exact or info.frames <= seg:
        return None
    return info


def _options(request: Request) -> VideoOptions:
    return video_options_for(request)


def _spec(opts: VideoOptions, info: VideoInfo, size: tuple[int, int]) -> EncoderSpec:
    spec = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                           preset=opts.preset)
    if spec.bit_rate == -1:
        spec.bit_rate = default_bitrate(size[0], size[1], float(info.fps))
    return spec


def _size(info: VideoInfo, scale: int, spec: EncoderSpec, opts: VideoOptions
          ) -> tuple[int, int, str | None]:
    return even_size(info.width * scale, info.height * scale, spec, opts.odd_size)


# --- on a worker ----------------------------------------------------------------------
def prepare(item: PlanItem, request: Request, upscaler: Upscaler) -> VideoPrep:
    """The job's settings as the one-process pipeline computes them (same hash)."""
    opts = _options(request)
    info = probe_video(item.input)
    spec = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                           preset=opts.preset)
    tw, th, _ = _size(info, int(upscaler.scale), spec, opts)
    spec = _spec(opts, info, (tw, th))
    return VideoPrep(job_settings(upscaler, spec, opts, (tw, th)))


class _Sink:
    """The part of :class:`WorkFolder` a segment writer uses, writing under a name of its
    own and recording the segment instead of touching the manifest (the driver's)."""

    def __init__(self, folder: Path, index: int) -> None:
        self.dir = folder
        self.path = folder / f"seg{index:05d}.{secrets.token_hex(4)}.{os.getpid()}.part.mkv"
        self.done: tuple[int, SegmentTimes, int] | None = None

    def temp_segment_path(self, index: int) -> Path:
        return self.path

    def add_segment(self, index: int, first_frame: int, times: SegmentTimes,
                    last_pts: int = -1) -> None:
        self.done = (first_frame, times, last_pts)

    def discard_temp(self, index: int) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


def encode_segment(item: PlanItem, request: Request, upscaler: Upscaler, index: int,
                   seg_frames: int, cancel: CancelToken | None = None) -> SegmentDone:
    """Segment ``index`` (frames [index*N, (index+1)*N)) into the work folder."""
    t0 = time.perf_counter()
    opts = _options(request)
    info = probe_video(item.input)
    scale = int(upscaler.scale)
    spec0 = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                            preset=opts.preset)
    tw, th, _ = _size(info, scale, spec0, opts)
    spec = _spec(opts, info, (tw, th))
    start, stop = index * seg_frames, min((index + 1) * seg_frames, info.frames)
    frame_up = FrameUpscaler(upscaler, info.width, info.height, opts.tile)
    sink = _Sink(work_dir_for(item.output), index)
    writer = _SegmentWriter(sink, index, start, spec, info, tw, th)  # type: ignore[arg-type]
    tb = info.time_base
    nominal = max(1, round(1 / (info.fps * tb))) if info.fps else 1
    last_pts: int | None = None
    batch: list[tuple[Any, int, int]] = []
    n = 0
    ok = False

    def flush() -> None:
        outs = frame_up([px for px, _, _ in batch], cancel)
        for (_, pts, dur), px in zip(batch, outs, strict=True):
            writer.add(_fit(px, tw, th), pts, dur)
        batch.clear()

    try:
        with open_input(item.input) as c:
            vs = c.streams[info.video_index]
            vs.thread_type = "AUTO"
            for frame in decoded_frames(c, vs, [0]):
                if n >= stop:
                    break
                pts = frame.pts   # the encoder's repair, over every frame before too
                repaired = pts is None or (last_pts is not None and pts <= last_pts)
                if repaired:
                    pts = (last_pts + nominal) if last_pts is not None else 0
                last_pts = pts
                if n >= start:
                    if repaired:
                        writer.clean = False
                    writer.raw_last = frame.pts
                    batch.append((rgb(frame), pts, int(frame.duration or nominal)))
                    # the one-process pipeline's batches: runs of frame_up.batch from frame 0
                    if (n + 1) % frame_up.batch == 0:
                        flush()
                n += 1
        if n < stop:
            raise VideoError(f"{item.input.name} is truncated or damaged: only {n} of "
                             f"{info.frames} frames could be decoded")
        if batch:
            flush()
        writer.finish()
        ok = True
    finally:
        if not ok:
            writer.abort()
    assert sink.done is not None
    first, times, last = sink.done
    return SegmentDone(index, first, sink.path.name, times, last, time.perf_counter() - t0)


# --- on the driver --------------------------------------------------------------------
@dataclass
class VideoJob:
    """One split video on the driver: the work folder, the segments still to run, the
    join.  ``begin`` returns the segment indices to send (or a failed result)."""

    item: PlanItem
    request: Request
    info: VideoInfo
    t0: float = field(default_factory=time.perf_counter)
    work: WorkFolder | None = None
    spec: EncoderSpec | None = None
    muxer: str = ""
    size: tuple[int, int] = (0, 0)
    seg_frames: int = 0
    n_segments: int = 0
    resumed: int = 0
    ahead: dict[int, SegmentRecord] = field(default_factory=dict)   # stashed, by index
    warnings: list[str] = field(default_factory=list)
    tile: int | None = None

    def begin(self, prep: VideoPrep, scale: int, progress: ProgressCallback | None
              ) -> list[int] | VideoFileResult:
        item, opts = self.item, _options(self.request)
        src, dst = item.input, item.output
        try:
            dst.parent.mkdir(parents=True, exist_ok=True)
            spec0 = resolve_encoder(opts.codec, opts.hw, crf=opts.crf, bitrate=opts.bitrate,
                                    preset=opts.preset)
            self.muxer = check_container(spec0, dst)
            _check_target(src, dst, opts.overwrite)
            tw, th, msg = _size(self.info, scale, spec0, opts)
            if msg:
                self._warn(progress, f"{src.name}: {msg}")
            self.size, self.spec = (tw, th), _spec(opts, self.info, (tw, th))
            self.seg_frames = segment_frames(opts, self.info)
            self.n_segments = -(-self.info.frames // self.seg_frames)
            self.work = WorkFolder(dst, input_identity(src), prep.settings, self.seg_frames)
            manifest = self.work.open(resume=opts.resume)
        except FILE_ERRORS as e:
            return self._failed(e)
        self.ahead = {} if manifest.complete else self.work.stashed()
        self._promote_ahead()
        self.resumed = manifest.done_frames + sum(r.frames for r in self.ahead.values())
        reused = len(manifest.segments) + len(self.ahead)
        emit(progress, Started("video", self.info.frames,
                               f"{src.name}: {self.info.width}x{self.info.height} -> "
                               f"{tw}x{th}, {self.info.frames} frames in {self.n_segments} "
                               f"segments, {self.spec.describe()}"
                               + (f"; {reused} segments done before" if reused else "")))
        if manifest.complete or len(manifest.segments) == self.n_segments:
            return []
        return [k for k in range(len(manifest.segments), self.n_segments)
                if k not in self.ahead]

    def _promote_ahead(self) -> None:
        assert self.work is not None
        while len(self.work.manifest.segments) in self.ahead:
            self.work.promote_stashed(self.ahead.pop(len(self.work.manifest.segments)))

    def add(self, seg: SegmentDone, progress: ProgressCallback | None) -> bool:
        """Promote the finished segments in order (one that comes early is stashed on disk
        until its turn); True when every one is in."""
        assert self.work is not None
        segs = self.work.manifest.segments
        if seg.index == len(segs):
            os.replace(self.work.dir / seg.file, self.work.temp_segment_path(seg.index))
            self.work.add_segment(seg.index, seg.first_frame, seg.times, seg.last_pts)
            self._promote_ahead()
        else:
            self.ahead[seg.index] = self.work.stash_segment(
                seg.index, seg.first_frame, seg.times, seg.last_pts, self.work.dir / seg.file)
        done = self.work.manifest.done_frames + sum(r.frames for r in self.ahead.values())
        emit(progress, Progress(done, self.info.frames, detail=f"{self.item.input.name}: "
                                f"{len(segs) + len(self.ahead)}/{self.n_segments} segments"))
        return len(segs) == self.n_segments

    def finish(self, progress: ProgressCallback | None,
               cancel: CancelToken | None) -> VideoFileResult:
        """Join the segments with the input's audio and subtitles into the output."""
        assert self.work is not None and self.spec is not None
        item, opts, work = self.item, _options(self.request), self.work
        res = VideoFileResult(input=item.input)
        remove = True
        try:
            work.mark_complete(work.manifest.done_frames)
            emit(progress, Started("mux", 1, f"writing {item.output.name}"))
            with atomic_output(item.output, exclusive=not opts.overwrite) as tmp:
                report = mux_final(work, self.info, tmp, self.muxer,
                                   keep_audio=opts.keep_audio,
                                   keep_subtitles=opts.keep_subtitles,
                                   warn=lambda m: self._warn(progress, m), cancel=cancel)
        except FILE_ERRORS as e:
            remove = isinstance(e, VideoError)
            res.fail(e, UPSCALE_MEMORY_HINT)
            res.seconds = time.perf_counter() - self.t0
            return res
        finally:
            work.close(remove=remove)
        secs = time.perf_counter() - self.t0
        r = VideoResult(input=item.input, output=item.output, frames=report.frames,
                        input_size=(self.info.width, self.info.height), output_size=self.size,
                        fps=self.info.fps, encoder=self.spec.name, seconds=secs,
                        resumed_frames=self.resumed, segments=len(work.manifest.segments),
                        audio=report.audio, subtitles=report.subtitles,
                        warnings=self.warnings, tile=self.tile)
        res.output, res.input_size, res.output_size = r.output, r.input_size, r.output_size
        res.frames, res.resumed_frames, res.encoder = r.frames, r.resumed_frames, r.encoder
        res.fps, res.tile, res.video, res.seconds = r.processing_fps, r.tile, r, secs
        res.model, res.model_reason = item.model_name, item.model_reason
        return res

    def abort(self) -> None:
        """Stop here: keep the finished segments (promoted or stashed) for a resume."""
        if self.work is None:
            return
        self.work.close(remove=not self.work.manifest.segments and not self.ahead)
        self.work = None

    def _warn(self, progress: ProgressCallback | None, msg: str) -> None:
        self.warnings.append(msg)
        emit(progress, Warning_(msg))

    def _failed(self, e: BaseException) -> VideoFileResult:
        if self.work is not None:
            self.work.close(remove=False)
            self.work = None
        res = VideoFileResult(input=self.item.input, model=self.item.model_name,
                              model_reason=self.item.model_reason)
        res.fail(e, UPSCALE_MEMORY_HINT)
        res.seconds = time.perf_counter() - self.t0
        return res

