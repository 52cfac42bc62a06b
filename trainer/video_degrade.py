"""Video-codec artefacts for the ``real`` degradation: an H.264 / HEVC round trip of a patch.

Frames of compressed video are not JPEGs: the codec works in 4:2:0 YUV, deblocks, and
most frames are predicted from the previous one, so errors are smeared along motion and
flat areas show drifting mosquito noise.  To train on that, a patch becomes a short clip:
the same picture shifted a little each frame (a slow pan, as in most footage), encoded
with PyAV's libx264 or libx265 at a random CRF and decoded again; the last frame (a
predicted P-frame, the unshifted patch) is the result.  Encoders run single-threaded so
that the data loader never competes with the training step for the CPU, and so that on
one machine the bytes depend only on the seed (FFmpeg's SIMD RGB->YUV conversion may
round differently on another CPU).

Frames are reflect-padded to at least 64x64 pixels (and to a multiple of 8) before
encoding, and the result is cropped back: libx265 corrupts memory on frames smaller than
its 64-pixel coding tree unit, and padding keeps both codecs' block grids the same for
every patch size.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from engine.rounding import to_uint8

CODECS = {"libx264": "h264", "libx265": "hevc"}
"""Encoders offered, with the decoder that reads each back."""

MIN_SIDE = 64
X264_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                "slower", "veryslow")
"""Presets both encoders know."""


def codec_available(name: str) -> bool:
    """True for an encoder offered here (:data:`CODECS`) that PyAV's FFmpeg has."""
    from engine.video.encoders import has_encoder
    return name in CODECS and has_encoder(name)


def _padded_size(side: int) -> int:
    return max(MIN_SIDE, -(-side // 8) * 8)


def pan_frames(u8: np.ndarray, frames: int, step: tuple[float, float]) -> list[np.ndarray]:
    """``frames`` crops of ``u8`` (H, W, 3) moving by ``step`` (dy, dx) pixels a frame and
    ending on ``u8`` itself, each reflect-padded to the encoder's frame size."""
    h, w = u8.shape[:2]
    ph, pw = _padded_size(h), _padded_size(w)
    reach = int(np.ceil(max(abs(step[0]), abs(step[1])) * (frames - 1))) + 1
    big = np.pad(u8, ((reach, reach + ph - h), (reach, reach + pw - w), (0, 0)),
                 mode="reflect")
    out = []
    for k in range(frames):
        back = frames - 1 - k          # the last frame is the patch itself
        y = reach + int(round(step[0] * back))
        x = reach + int(round(step[1] * back))
        out.append(np.ascontiguousarray(big[y:y + ph, x:x + pw]))
    return out


def _codec_round_trip(frames: list[np.ndarray], codec: str, crf: int,
                     preset: str = "veryfast") -> np.ndarray:
    """Encode ``frames`` (equal-size uint8 RGB, padded by :func:`pan_frames` to the sizes
    both encoders take) with ``codec`` at ``crf`` and return the last frame decoded."""
    if min(frames[0].shape[:2]) < MIN_SIDE or frames[0].shape[0] % 2 or frames[0].shape[1] % 2:
        raise ValueError(f"frames of {frames[0].shape[1]}x{frames[0].shape[0]}: pad them "
                         f"to at least {MIN_SIDE} px and even sizes first")
    import av

    h, w = frames[0].shape[:2]
    enc = av.CodecContext.create(codec, "w")
    enc.width, enc.height, enc.pix_fmt = w, h, "yuv420p"
    enc.time_base = Fraction(1, 25)
    enc.thread_count = 1
    if codec == "libx265":
        enc.options = {"crf": str(crf), "preset": preset,
                       "x265-params": "log-level=none:bframes=0:pools=none:frame-threads=1"}
    else:
        enc.options = {"crf": str(crf), "preset": preset, "bf": "0", "threads": "1"}
    packets = []
    for i, f in enumerate(frames):
        vf = av.VideoFrame.from_ndarray(f, format="rgb24")
        vf.pts = i
        packets.extend(enc.encode(vf))
    packets.extend(enc.encode(None))
    dec = av.CodecContext.create(CODECS[codec], "r")
    dec.thread_count = 1
    last = None
    for p in [*packets, None]:
        for fr in dec.decode(p):
            last = fr
    if last is None:  # pragma: no cover - an encoder always emits the frames it was given
        raise RuntimeError(f"{codec} returned no frame")
    return last.to_ndarray(format="rgb24")


def video_compress(x: np.ndarray, rng: np.random.Generator, codecs: list[str],
                   crf: list[int], frames: int, max_motion: float,
                   preset: str = "veryfast") -> np.ndarray:
    """Float RGB [0, 1] (H, W, 3) -> the same after a random codec, CRF and pan."""
    u8 = to_uint8(x)
    codec = codecs[int(rng.integers(len(codecs)))]
    q = int(rng.integers(crf[0], crf[1] + 1))
    angle = rng.uniform(0.0, 2.0 * np.pi)
    speed = rng.uniform(0.0, max_motion)
    clip = pan_frames(u8, frames, (speed * np.sin(angle), speed * np.cos(angle)))
    out = _codec_round_trip(clip, codec, q, preset)
    h, w = u8.shape[:2]
    return out[:h, :w].astype(np.float32) / 255.0
