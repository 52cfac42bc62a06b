"""The worker threads of :mod:`engine.video.pipeline`: one decodes the input into RGB
frames, one encodes upscaled frames into the work folder's segments.

They talk to the calling thread through bounded queues (:func:`put` / :func:`get` give up
when the shared stop event is set, so a cancel or an error in any stage unblocks the others)
and end with an :class:`End` marker or hand an exception over as a :class:`Failure`.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
from av.video.reformatter import Colorspace, Interpolation, VideoReformatter

from engine.errors import VideoError
from engine.video.encoders import EncoderSpec
from engine.video.probe import VideoInfo, open_input
from engine.video.segments import SegmentTimes, WorkFolder
from engine.video.timing import StageTimes


@dataclass
class End:
    frames: int
    damaged: int = 0


@dataclass
class Failure:
    error: BaseException


@dataclass
class Frame:
    index: int
    pts: int | None
    duration: int | None
    pixels: np.ndarray


def put(q: queue.Queue, item: Any, stop: threading.Event) -> bool:
    """Put ``item`` unless ``stop`` is set first (False then)."""
    while not stop.is_set():
        try:
            q.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def get(q: queue.Queue, stop: threading.Event,
         check: Callable[[], None] | None = None) -> Any:
    """The next item, or None once ``stop`` is set; ``check`` runs between waits."""
    while True:
        if check is not None:
            check()
        if stop.is_set():
            return None
        try:
            return q.get(timeout=0.1)
        except queue.Empty:
            continue


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
                 info: VideoInfo, width: int, height: int,
                 timer: StageTimes | None = None) -> None:
        self.work, self.index, self.first_frame = work, index, first_frame
        self.timer = timer
        self.info, self.spec = info, spec
        self.path = work.temp_segment_path(index)
        self.pts: list[int] = []
        self.durations: list[int] = []
        self.raw_last: int | None = None
        self.clean = True
        self.container = av.open(str(self.path), "w", format="matroska")
        st = self.container.add_stream(spec.name, rate=info.fps, options=dict(spec.options))
        if not isinstance(st, av.VideoStream):
            self.container.close()
            raise VideoError(f"{spec.name} is not a video encoder")
        st.width, st.height, st.pix_fmt = width, height, spec.pix_fmt
        cc = st.codec_context
        if spec.thread_type:
            cc.thread_type = spec.thread_type
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
        # one swscale context for the segment, not a new one per frame
        self.reformatter = VideoReformatter()
        self.matrix = Colorspace[info.matrix] if info.matrix else None

    def add(self, pixels: np.ndarray, pts: int, duration: int) -> None:
        t0 = time.perf_counter()
        frame = self.to_encoder(pixels)
        frame.pts = pts
        frame.time_base = self.info.time_base
        t1 = time.perf_counter()
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        self.pts.append(pts)
        self.durations.append(duration)
        if self.timer is not None:
            self.timer.add("from_rgb", t1 - t0)
            self.timer.add("encode", time.perf_counter() - t1)

    def to_encoder(self, pixels: np.ndarray) -> av.VideoFrame:
        """The RGB frame in the encoder's pixel format.  swscale reads the array in place
        (``from_ndarray`` copied it into a frame first: 2/3 of this step's time at 1440p);
        the converted frame is a new buffer, so the array may go once this returns."""
        src = av.VideoFrame.from_numpy_buffer(np.ascontiguousarray(pixels), format="rgb24")
        frame = self.reformatter.reformat(src, format=self.spec.pix_fmt,
                                          dst_colorspace=self.matrix,
                                          dst_color_range=self.range)
        if frame is src:   # nothing to convert: the encoder gets a frame of its own
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        return frame

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



# YUV -> RGB with full chroma interpolation and accurate rounding: swscale's default is
# about one level too dark on every channel
_TO_RGB = (Interpolation.BICUBIC | Interpolation.ACCURATE_RND | Interpolation.FULL_CHR_H_INT)


def rgb(frame: Any) -> np.ndarray:
    return frame.to_ndarray(format="rgb24", interpolation=_TO_RGB, threads=0)


MAX_DAMAGED_PACKETS = 25


def decoded_frames(c: Any, vs: Any, damaged: list[int]) -> Any:
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


def decode_worker(src: Path, info: VideoInfo, start: int, seek_pts: int | None,
                   limit: int | None, q: queue.Queue, stop: threading.Event,
                   timer: StageTimes | None = None) -> None:
    """Decode frames [start, limit) into ``q``; ends with End or Failure."""
    timer = timer if timer is not None else StageTimes()
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
            frames = decoded_frames(c, vs, damaged)
            while True:
                t0 = time.perf_counter()
                frame = next(frames, None)
                timer.add("decode", time.perf_counter() - t0)
                if frame is None:
                    break
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
                t0 = time.perf_counter()
                item = Frame(index, frame.pts, frame.duration or None, rgb(frame))
                t1 = time.perf_counter()
                ok = put(q, item, stop)
                timer.add("to_rgb", t1 - t0)
                timer.add("decode_blocked", time.perf_counter() - t1)
                if not ok:
                    return
                index += 1
    except _SeekMiss:
        return decode_worker(src, info, start, None, limit, q, stop, timer)
    except av.error.FFmpegError as exc:
        detail = " ".join(str(exc).split())
        put(q, Failure(VideoError(f"{src.name} is damaged or truncated: decoding failed "
                                    f"after frame {max(index, 0)} ({detail})")), stop)
        return
    except BaseException as exc:  # noqa: BLE001 - handed to the main thread
        put(q, Failure(exc), stop)
        return
    if index < start:
        put(q, Failure(VideoError(f"{src.name} changed: it has fewer frames ({index}) than "
                                    f"the interrupted job already encoded ({start})")), stop)
        return
    # short by frames *and* by time (field-coded streams decode fewer frames than packets)
    short_time = end_time < info.start_time + info.duration - max(0.5, 2 / float(info.fps))
    if (limit is None or limit > index) and index < info.frames - 1 and short_time:
        put(q, Failure(VideoError(f"{src.name} is truncated or damaged: only {index} of "
                                    f"{info.frames} frames could be decoded")), stop)
        return
    put(q, End(index, damaged[0]), stop)


class _SeekMiss(Exception):
    pass


def encode_worker(q: queue.Queue, work: WorkFolder, spec: EncoderSpec, info: VideoInfo,
                   size: tuple[int, int], start: int, prev: SegmentTimes | None,
                   stop: threading.Event, state: dict[str, Any],
                   timer: StageTimes | None = None) -> None:
    """Encode the frames of ``q`` into the work folder's segments until End; an error
    goes to ``state['error']`` and sets ``stop``."""
    timer = timer if timer is not None else StageTimes()
    tw, th = size
    seg_frames = work.segment_frames
    writer: _SegmentWriter | None = None
    tb = info.time_base
    nominal = max(1, round(1 / (info.fps * tb))) if info.fps else 1
    last_pts = prev.pts[-1] if prev else None
    try:
        while True:
            t0 = time.perf_counter()
            item = get(q, stop)
            timer.add("encode_wait", time.perf_counter() - t0)
            if item is None:
                return
            if isinstance(item, End):
                if writer is not None:
                    with timer.measure("segments"):
                        writer.finish()
                    writer = None
                work.mark_complete(item.frames)
                return
            f: Frame = item
            k = f.index // seg_frames
            if writer is None:
                with timer.measure("segments"):
                    writer = _SegmentWriter(work, k, f.index, spec, info, tw, th, timer)
            pts = f.pts
            if pts is None or (last_pts is not None and pts <= last_pts):
                pts = (last_pts + nominal) if last_pts is not None else 0
                writer.clean = False
            writer.raw_last = f.pts
            writer.add(_fit(f.pixels, tw, th), pts, int(f.duration or nominal))
            last_pts = pts
            if f.index == (k + 1) * seg_frames - 1:
                with timer.measure("segments"):
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
