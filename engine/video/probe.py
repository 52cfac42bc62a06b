"""Read what a video file holds, and say clearly when it is not a usable video.

:func:`probe_video` opens the file with PyAV, decodes the first frame (so a file that opens
but cannot be decoded fails here, not an hour into a job) and, for files up to
``scan_limit`` bytes, demuxes every packet without decoding (fast: no pixels) to count
frames exactly, detect a variable frame rate and notice a truncated file.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from engine.errors import VideoError

SCAN_LIMIT_BYTES = 1 << 30   # demux-scan files up to 1 GiB for exact counts

# AVColorSpace -> swscale matrix name (PyAV Colorspace enum)
_MATRIX = {1: "ITU709", 4: "FCC", 5: "ITU601", 6: "SMPTE170M", 7: "SMPTE240M",
           9: "BT2020", 10: "BT2020"}
_IMAGE_DEMUXERS = ("image2", "_pipe", "gif", "apng", "webp", "tiff")


@dataclass(frozen=True)
class StreamDesc:
    """A non-video stream of the input (kept in the output by stream copy)."""

    index: int
    type: str                 # audio, subtitle, data, attachment
    codec: str
    language: str | None = None
    title: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        lang = f" [{self.language}]" if self.language else ""
        tail = f" {self.detail}" if self.detail else ""
        return f"#{self.index} {self.type} {self.codec}{lang}{tail}"


@dataclass(frozen=True)
class VideoInfo:
    path: Path
    container: str
    video_index: int
    width: int
    height: int
    fps: Fraction
    frames: int
    frames_exact: bool
    duration: float           # seconds (container duration, else the video's)
    start_time: float
    time_base: Fraction
    codec: str
    pix_fmt: str
    rotation: int = 0         # degrees counter-clockwise (display matrix / 'rotate' tag)
    display_matrix: tuple[int, ...] | None = None
    sample_aspect_ratio: Fraction | None = None
    color_range: int = 0      # AVColorRange: 0 unspecified, 1 limited (tv), 2 full (pc)
    color_primaries: int = 2  # AVColorPrimaries (2 = unspecified)
    color_trc: int = 2
    colorspace: int = 2       # AVColorSpace (matrix)
    vfr: bool = False
    bit_rate: int | None = None
    audio: tuple[StreamDesc, ...] = ()
    subtitles: tuple[StreamDesc, ...] = ()
    data: tuple[StreamDesc, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def has_audio(self) -> bool:
        return bool(self.audio)

    @property
    def display_size(self) -> tuple[int, int]:
        """(width, height) as shown, after the rotation."""
        return (self.height, self.width) if self.rotation % 180 == 90 else (self.width,
                                                                             self.height)

    @property
    def matrix(self) -> str | None:
        """swscale YUV<->RGB matrix matching the stream's tag (None: swscale's default)."""
        return _MATRIX.get(self.colorspace)

    def describe(self) -> str:
        approx = "" if self.frames_exact else "~"
        extra = [f"rotated {self.rotation}°"] if self.rotation else []
        extra += ["variable frame rate"] if self.vfr else []
        extra += [f"{len(self.audio)} audio"] if self.audio else []
        extra += [f"{len(self.subtitles)} subtitle"] if self.subtitles else []
        tail = f" ({', '.join(extra)})" if extra else ""
        return (f"{self.width}x{self.height} {self.codec} {self.pix_fmt}, {float(self.fps):.3f} "
                f"fps, {approx}{self.frames} frames, {self.duration:.2f}s{tail}")


def _open_error(path: Path, exc: BaseException) -> VideoError:
    name = path.name
    if isinstance(exc, av.error.FileNotFoundError | FileNotFoundError):
        return VideoError(f"{name}: file not found")
    if isinstance(exc, av.error.PermissionError | PermissionError):
        return VideoError(f"{name}: permission denied")
    if isinstance(exc, av.error.InvalidDataError):
        with contextlib.suppress(OSError), open(path, "rb") as f:
            if f.read(12)[4:8] == b"ftyp":
                return VideoError(f"{name} is an incomplete MP4/MOV file: its index is missing "
                                  "(an interrupted download, copy or recording?)")
        return VideoError(f"{name} is not a video file we can read (unknown format, or "
                          "the file is damaged or incomplete)")
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return VideoError(f"{name}: cannot open the video ({detail})")


@contextlib.contextmanager
def open_input(path: str | os.PathLike[str]) -> Iterator[Any]:
    """av.open for reading with errors turned into one-line VideoErrors."""
    p = Path(path)
    try:
        if p.is_dir():
            raise VideoError(f"{p.name} is a folder, not a video")
        if p.exists() and p.stat().st_size == 0:
            raise VideoError(f"{p.name} is empty (0 bytes)")
        container = av.open(str(p), "r", metadata_errors="replace")
    except VideoError:
        raise
    except (av.error.FFmpegError, OSError, ValueError, UnicodeDecodeError) as exc:
        raise _open_error(p, exc) from None
    try:
        yield container
    finally:
        container.close()


def pick_video_stream(container: Any, path: Path) -> Any:
    fmt = container.format.name
    if any(tag in fmt for tag in _IMAGE_DEMUXERS) and fmt not in ("matroska,webm",):
        raise VideoError(f"{path.name} is an image ({fmt}), not a video; upscale it as an image")
    streams = [s for s in container.streams.video
               if not (int(s.disposition) & int(av.stream.Disposition.attached_pic))]
    if not streams:
        kinds = sorted({s.type for s in container.streams}) or ["no streams"]
        raise VideoError(f"{path.name} has no video stream (it holds {', '.join(kinds)})")
    return max(streams, key=lambda s: (s.codec_context.width * s.codec_context.height))


def _stream_desc(s: Any) -> StreamDesc:
    md = dict(s.metadata or {})
    cc = s.codec_context
    codec = _codec_name(cc) if cc is not None else (md.get("mimetype") or "unknown")
    detail = ""
    if s.type == "audio" and cc is not None:
        layout = getattr(getattr(cc, "layout", None), "name", "")
        detail = f"{cc.sample_rate} Hz {layout}".strip()
    return StreamDesc(index=s.index, type=s.type, codec=codec,
                      language=md.get("language") or None, title=md.get("title") or None,
                      detail=detail)


def _codec_name(cc: Any) -> str:
    """The codec's canonical name (``mp3``, ``av1``), not the decoder's (``libdav1d``)."""
    try:
        return str(cc.codec.canonical_name)
    except Exception:  # noqa: BLE001
        return str(cc.name)


def _display_matrix(frame: Any, stream: Any) -> tuple[int, tuple[int, ...] | None]:
    rotation = 0
    matrix = None
    with contextlib.suppress(Exception):
        for sd in frame.side_data:
            if "DISPLAYMATRIX" in str(getattr(sd, "type", "")):
                raw = bytes(sd)
                if len(raw) >= 36:
                    matrix = struct.unpack("=9i", raw[:36])
        rotation = int(round(frame.rotation or 0)) % 360
    if rotation == 0 and matrix is None:
        tag = (stream.metadata or {}).get("rotate")
        if tag:
            with contextlib.suppress(ValueError):
                rotation = (-int(float(tag))) % 360   # 'rotate' is clockwise
    return rotation, matrix


def probe_video(path: str | os.PathLike[str], *, scan: bool | None = None,
                scan_limit: int = SCAN_LIMIT_BYTES) -> VideoInfo:
    """Describe ``path``; VideoError (one line, naming the file) when it is not usable.

    ``scan``: demux every packet for an exact frame count, VFR and truncation checks
    (None: only when the file is at most ``scan_limit`` bytes).
    """
    p = Path(path)
    with open_input(p) as c:
        vs = pick_video_stream(c, p)
        cc = vs.codec_context
        tb = vs.time_base or Fraction(1, 90000)
        first = _first_frame(c, vs, p)
        rotation, matrix = _display_matrix(first, vs)
        fps = vs.average_rate or vs.guessed_rate or vs.base_rate
        others = [_stream_desc(s) for s in c.streams if s.index != vs.index
                  and not (s.type == "video")]
        container_duration = c.duration / 1_000_000 if c.duration else None
        stream_duration = float(vs.duration * tb) if vs.duration else None
        index_frames = int(vs.frames or 0)
        rates = [r for r in (vs.average_rate, vs.base_rate) if r]
        rates_differ = len(rates) == 2 and abs(rates[0] / rates[1] - 1) > 0.01
        info: dict[str, Any] = dict(
            path=p, container=c.format.name, video_index=vs.index,
            width=first.width, height=first.height, time_base=Fraction(tb),
            codec=_codec_name(cc), pix_fmt=first.format.name, rotation=rotation,
            display_matrix=matrix,
            sample_aspect_ratio=(Fraction(vs.sample_aspect_ratio)
                                 if vs.sample_aspect_ratio else None),
            color_range=int(first.color_range), color_primaries=int(first.color_primaries),
            color_trc=int(first.color_trc), colorspace=int(first.colorspace),
            bit_rate=c.bit_rate or None,
            start_time=(c.start_time or 0) / 1_000_000,
            audio=tuple(d for d in others if d.type == "audio"),
            subtitles=tuple(d for d in others if d.type == "subtitle"),
            data=tuple(d for d in others if d.type not in ("audio", "subtitle")),
            metadata={str(k): str(v) for k, v in (c.metadata or {}).items()},
        )
    size = p.stat().st_size
    do_scan = scan if scan is not None else size <= scan_limit
    vfr = False
    if do_scan:
        frames, pts, end_s = _scan(p, info["video_index"], index_frames, container_duration)
        exact = True
        vfr = _is_vfr(pts, tb)
        if not fps and len(pts) > 1:
            fps = Fraction(len(pts) - 1) / ((pts[-1] - pts[0]) * tb)
    else:
        exact = index_frames > 0
        frames = index_frames
        vfr = rates_differ
    if not fps:
        fps = Fraction(25)
    fps = Fraction(fps).limit_denominator(1001 * 1000)
    if not frames:
        dur = stream_duration or container_duration or 0.0
        frames = max(1, round(dur * float(fps)))
        exact = False
    duration = container_duration or stream_duration or frames / float(fps)
    return VideoInfo(fps=fps, frames=frames, frames_exact=exact, duration=duration, vfr=vfr,
                     **info)


def _first_frame(c: Any, vs: Any, p: Path) -> Any:
    """Decode the first picture (within a bounded number of packets)."""
    packets = 0
    try:
        for packet in c.demux(vs):
            for frame in packet.decode():
                return frame
            packets += 1
            if packets > 600:
                break
    except av.error.FFmpegError as exc:
        detail = " ".join(str(exc).split())
        raise VideoError(f"{p.name}: the video stream cannot be decoded ({detail})") from None
    raise VideoError(f"{p.name} has a video stream but no decodable frames (0 frames)")


def _scan(p: Path, index: int, index_frames: int,
          container_duration: float | None) -> tuple[int, list[int], float]:
    """Demux every packet (no decoding): video frame count, video pts, end time (s)."""
    count = total = 0
    pts: list[int] = []
    end = 0.0
    with open_input(p) as c:
        streams = [s for s in c.streams if s.type in ("video", "audio")]
        try:
            for packet in c.demux(streams):
                if packet.size == 0:
                    continue
                tb = packet.time_base
                t = packet.pts if packet.pts is not None else packet.dts
                if t is not None and tb is not None:
                    end = max(end, float((t + (packet.duration or 0)) * tb))
                if packet.stream_index != index:
                    continue
                total += 1
                if not packet.is_discard:
                    count += 1
                    if packet.pts is not None:
                        pts.append(packet.pts)
        except av.error.FFmpegError as exc:
            detail = " ".join(str(exc).split())
            raise VideoError(f"{p.name} is damaged or truncated: reading stopped after "
                             f"{count} frames ({detail})") from None
    if count == 0:
        raise VideoError(f"{p.name} has a video stream but no frames (0 frames)")
    if index_frames and total < index_frames:
        raise VideoError(f"{p.name} is truncated: only {count} of {index_frames} frames are "
                         "in the file (an interrupted download or copy?)")
    if container_duration and end < container_duration - max(0.5, 0.02 * container_duration):
        raise VideoError(f"{p.name} is truncated: its data ends at {end:.2f}s of "
                         f"{container_duration:.2f}s ({count} frames readable)")
    pts.sort()
    return count, pts, end


def _is_vfr(pts: list[int], tb: Fraction) -> bool:
    """True when frame durations vary beyond timestamp rounding."""
    if len(pts) < 3:
        return False
    deltas = sorted(b - a for a, b in zip(pts, pts[1:]) if b > a)
    if not deltas:
        return False
    median = deltas[len(deltas) // 2]
    tol = max(1.5, 0.1 * median, float(Fraction(1, 1000) / tb) * 1.5)
    return any(abs(d - median) > tol for d in deltas)
