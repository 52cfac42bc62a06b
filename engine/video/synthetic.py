"""Small generated clips (moving test pattern + a sine tone) for tests and benchmarks."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def test_pattern(width: int, height: int, index: int) -> np.ndarray:
    """An RGB frame: gradients plus a moving stripe pattern, different on every frame."""
    yy, xx = np.mgrid[0:height, 0:width]
    img = np.empty((height, width, 3), np.uint8)
    img[..., 0] = xx * 255 // max(1, width - 1)
    img[..., 1] = yy * 255 // max(1, height - 1)
    img[..., 2] = (((xx + 3 * index) // 8 + (yy // 8)) % 2) * 200 + 20
    # a small bright square that walks across the frame
    s = max(2, min(width, height) // 6)
    x0 = (index * 2) % max(1, width - s)
    img[height // 3: height // 3 + s, x0:x0 + s] = 250
    return img


def make_test_clip(path: str | os.PathLike[str], *, frames: int = 48, width: int = 96,
                   height: int = 64, fps: int | Fraction = 24, audio: bool = True,
                   video: bool = True, codec: str = "libx264", audio_codec: str | None = None,
                   rotation: int = 0, pts: list[int] | None = None,
                   faststart: bool = False, gop: int | None = None, gray: bool = False,
                   chapters: list[tuple[float, float, str]] | None = None) -> Path:
    """Write a clip: ``frames`` of a test pattern and a 440 Hz tone of the same length.

    ``pts``: explicit frame timestamps in units of 1/fps (for variable frame rate clips).
    ``gray``: a black-and-white clip (the pattern's luma in all three channels).
    ``chapters``: (start s, end s, title) entries written as container chapters.
    Odd sizes are written as yuv444p (4:2:0 cannot hold them).
    """
    p = Path(path)
    fps = Fraction(fps)
    even = width % 2 == 0 and height % 2 == 0
    opts = {"movflags": "+faststart"} if faststart else {}
    rate = 48000
    with av.open(str(p), "w", options=opts) as c:
        if chapters:
            c.set_chapters([{"id": i + 1, "start": round(a * 1000), "end": round(b * 1000),
                             "time_base": Fraction(1, 1000), "metadata": {"title": t}}
                            for i, (a, b, t) in enumerate(chapters)])
        vs: av.VideoStream | None = None
        if video:
            new = c.add_stream(codec, rate=fps)
            if not isinstance(new, av.VideoStream):
                raise ValueError(f"{codec} is not a video codec")
            vs = new
            vs.width, vs.height = width, height
            vs.pix_fmt = "yuv420p" if even else "yuv444p"
            vs.codec_context.time_base = 1 / fps
            if codec in ("libx264", "libx265"):
                vs.options = {"preset": "veryfast"}
            if codec == "libvpx-vp9":
                vs.options = {"deadline": "realtime", "cpu-used": "8"}
            if gop:
                vs.codec_context.gop_size = gop
            if rotation:
                vs.set_display_rotation(rotation)
        a: av.AudioStream | None = None
        if audio:
            acodec = audio_codec or ("libopus" if p.suffix == ".webm" else "aac")
            tone = c.add_stream(acodec, rate=rate)
            if not isinstance(tone, av.AudioStream):
                raise ValueError(f"{acodec} is not an audio codec")
            a = tone
            a.layout = "stereo"
        stamps = pts if pts is not None else list(range(frames))
        total_samples = int((stamps[-1] + 1 if stamps else frames) / fps * rate)
        apos = 0
        for i, t in enumerate(stamps):
            if vs is not None:
                img = test_pattern(width, height, i)
                if gray:
                    luma = img.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
                    img = np.repeat(np.round(luma).astype(np.uint8)[..., None], 3, axis=2)
                frame = av.VideoFrame.from_ndarray(img, "rgb24")
                frame.pts = t
                for packet in vs.encode(frame):
                    c.mux(packet)
            if a is not None:  # the tone up to the end of this frame
                apos = _write_tone(c, a, apos, min(total_samples, int((t + 1) / fps * rate)))
        for s in (vs, a):
            if s is not None:
                for packet in s.encode(None):
                    c.mux(packet)
    return p


def _write_tone(c: av.container.OutputContainer, stream: av.audio.stream.AudioStream,
                pos: int, until: int, chunk: int = 1024) -> int:
    rate = 48000
    while pos < until:
        n = min(chunk, until - pos)
        t = np.arange(pos, pos + n) / rate
        s = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        frame = av.AudioFrame.from_ndarray(np.stack([s, s]), format="fltp", layout="stereo")
        frame.sample_rate = rate
        frame.pts = pos
        for packet in stream.encode(frame):
            c.mux(packet)
        pos += n
    return pos
