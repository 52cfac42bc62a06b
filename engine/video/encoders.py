"""Video encoders and containers: what this PyAV/FFmpeg build can write, and how to set it up.

A user picks a *codec* (``h264``, ``h265``, ``vp9``, ``av1``, ``ffv1``, ``prores``) and
optionally a hardware family (``nvenc``, ``qsv``, ``amf``, ``videotoolbox``) or an exact
FFmpeg encoder name, or ``auto``: the first hardware encoder of the codec that really
opens and encodes on this machine (:func:`pick_hardware`; each is probed once per process),
else the software one.  :func:`resolve_encoder` turns that into an :class:`EncoderSpec`
(encoder name, pixel format, FFmpeg options, and for ``auto`` why it chose what it chose)
and :func:`available_encoders` lists what the build has, for menus.  Quality is CRF-like
(``crf``) or a target ``bitrate``.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av

from engine.errors import VideoError

_log = logging.getLogger("srstudio.video")


@dataclass(frozen=True)
class EncoderInfo:
    """One encoder the FFmpeg build has."""

    name: str                 # FFmpeg encoder name: libx264, hevc_nvenc, ...
    codec: str                # our codec key: h264, h265, vp9, av1, ffv1, prores
    hardware: str | None      # nvenc, qsv, amf, videotoolbox, mf; None for software
    label: str                # "H.264 (x264)"
    extension: str            # default container suffix
    lossless: bool = False


# codec key -> (software encoder, label, default suffix, lossless)
_SOFTWARE: dict[str, tuple[str, str, str, bool]] = {
    "h264": ("libx264", "H.264 (x264)", ".mp4", False),
    "h265": ("libx265", "H.265/HEVC (x265)", ".mp4", False),
    "vp9": ("libvpx-vp9", "VP9 (libvpx)", ".mp4", False),
    "av1": ("libsvtav1", "AV1 (SVT-AV1)", ".mp4", False),
    "ffv1": ("ffv1", "FFV1 (lossless)", ".mkv", True),
    "prores": ("prores_ks", "ProRes 422 HQ", ".mov", False),
}
_ALIASES = {"avc": "h264", "x264": "h264", "libx264": "h264", "hevc": "h265", "x265": "h265",
            "libx265": "h265", "vp09": "vp9", "libvpx-vp9": "vp9", "prores_ks": "prores",
            "libsvtav1": "av1"}
_HW_PREFIX = {"h264": "h264", "h265": "hevc", "vp9": "vp9", "av1": "av1", "prores": "prores"}
HARDWARE_FAMILIES = ("nvenc", "qsv", "amf", "videotoolbox", "mf")
AUTO = "auto"
# what hw='auto' tries, in this order; Media Foundation ('mf') is a generic Windows wrapper
# over the same chips, slower to set up and without a quality setting: only chosen by name
AUTO_FAMILIES = ("nvenc", "qsv", "amf", "videotoolbox")
SOFTWARE_ONLY = ("none", "software", "off")   # hw values that mean "no hardware encoder"
_HW_LABEL = {"nvenc": "NVIDIA NVENC", "qsv": "Intel Quick Sync", "amf": "AMD AMF",
             "videotoolbox": "Apple VideoToolbox", "mf": "Windows Media Foundation"}

# container suffix -> FFmpeg muxer
CONTAINERS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mkv": "matroska",
              ".webm": "webm", ".avi": "avi"}

# audio codecs kept by stream copy per muxer (others are re-encoded); None: whatever the
# muxer accepts.  MP4 nominally accepts Vorbis, but almost no player plays it there.
_AUDIO_COPY = {
    "mp4": {"aac", "mp3", "ac3", "eac3", "opus", "alac", "flac"},
    "mov": {"aac", "mp3", "ac3", "eac3", "opus", "alac", "flac"} | {
        f"pcm_{x}" for x in ("s16le", "s16be", "s24le", "s24be", "s32le", "s32be", "f32le")},
    "webm": {"opus", "vorbis"},
    "matroska": None,
    "avi": {"mp3", "ac3", "aac", "pcm_s16le"},
}
_AUDIO_TRANSCODE = {"webm": "libopus", "avi": "libmp3lame"}  # else aac

_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
            "veryslow")


@dataclass
class EncoderSpec:
    """Everything needed to open one video encoder."""

    info: EncoderInfo
    pix_fmt: str
    options: dict[str, str] = field(default_factory=dict)
    bit_rate: int | None = None
    global_quality: int | None = None
    choice: str = ""          # hw='auto': what was picked and why (for the log and result)
    thread_type: str | None = None   # FFmpeg thread type to open with; None: PyAV's (slice)

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def even_width(self) -> bool:
        return _chroma_shift(self.pix_fmt)[0] > 0

    @property
    def even_height(self) -> bool:
        return _chroma_shift(self.pix_fmt)[1] > 0

    def describe(self) -> str:
        q = (f"{self.bit_rate // 1000} kb/s" if self.bit_rate else
             f"crf {self.options['crf']}" if "crf" in self.options else "")
        return " ".join(x for x in (self.info.name, self.pix_fmt, q) if x)


def _chroma_shift(pix_fmt: str) -> tuple[int, int]:
    fmt = av.VideoFormat(pix_fmt)
    if len(fmt.components) < 2 or fmt.is_rgb:
        return 0, 0
    c = av.VideoFormat(pix_fmt, 64, 64).components[1]
    return (1 if c.width < 64 else 0), (1 if c.height < 64 else 0)


def has_encoder(name: str) -> bool:
    """True when this FFmpeg build (PyAV's) has the video encoder ``name``."""
    if name not in av.codecs_available:
        return False
    try:
        return av.Codec(name, "w").type == "video"
    except Exception:  # noqa: BLE001 - unknown to this build
        return False


def _info_for(codec: str, name: str, hardware: str | None) -> EncoderInfo:
    sw, label, ext, lossless = _SOFTWARE[codec]
    if hardware:
        label = f"{label.split(' (')[0]} ({_HW_LABEL.get(hardware, hardware)})"
    return EncoderInfo(name=name, codec=codec, hardware=hardware, label=label, extension=ext,
                       lossless=lossless and hardware is None)


def has_hardware_encoders(codec: str) -> bool:
    """True when some hardware family can encode ``codec`` (h264, h265, ...; not ffv1)."""
    return normalize_codec(codec) in _HW_PREFIX


def normalize_codec(codec: str) -> str:
    key = (codec or "h264").strip().lower()
    key = _ALIASES.get(key, key)
    if key not in _SOFTWARE:
        raise VideoError(f"unknown video codec {codec!r} (choose from {', '.join(_SOFTWARE)})")
    return key


def available_encoders(check: bool = False) -> list[EncoderInfo]:
    """Software and hardware encoders this build has, software first.

    ``check=True`` also opens each hardware encoder on a tiny frame, so only the ones the
    machine's GPU and driver can actually run are listed (takes up to a second or two).
    """
    found: list[EncoderInfo] = []
    for codec, (sw, *_rest) in _SOFTWARE.items():
        if has_encoder(sw):
            found.append(_info_for(codec, sw, None))
    for codec, prefix in _HW_PREFIX.items():
        for fam in HARDWARE_FAMILIES:
            name = f"{prefix}_{fam}"
            if has_encoder(name) and (not check or encoder_works(name)):
                found.append(_info_for(codec, name, fam))
    return found


@functools.cache
def encoder_works(name: str, width: int = 256, height: int = 256) -> bool:
    """True when ``name`` opens and encodes a ``width`` x ``height`` frame here (GPU and
    driver present, size within the chip's limits); asked once per process and size."""
    return _try_encode(name, width, height)


def _try_encode(name: str, width: int, height: int) -> bool:
    import numpy as np
    try:
        fmts = [f.name for f in (av.Codec(name, "w").video_formats or [])]
        ctx = av.CodecContext.create(name, "w")
        if not isinstance(ctx, av.VideoCodecContext):
            return False
        ctx.width, ctx.height = width, height
        ctx.pix_fmt = "nv12" if "nv12" in fmts else (fmts[0] if fmts else "yuv420p")
        ctx.time_base = Fraction(1, 25)
        ctx.framerate = Fraction(25)
        frame = av.VideoFrame.from_ndarray(np.zeros((height, width, 3), np.uint8), "rgb24")
        frame = frame.reformat(format=ctx.pix_fmt)
        frame.pts = 0
        ctx.encode(frame)
        ctx.encode(None)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not usable here"
        return False


def pick_hardware(codec: str, size: tuple[int, int] | None = None
                  ) -> tuple[str | None, list[str]]:
    """The first hardware encoder of ``codec`` (in :data:`AUTO_FAMILIES` order) that
    encodes a small frame here and, given ``size``, a frame of that size (an H.264 chip
    stops at 4096 wide); returns (its name or None, the names tried).  Each probe runs once
    per process (:func:`encoder_works`), so a queue of videos pays for it once."""
    key = normalize_codec(codec)
    tried: list[str] = []
    if key not in _HW_PREFIX:
        return None, tried
    for fam in AUTO_FAMILIES:
        name = f"{_HW_PREFIX[key]}_{fam}"
        if not has_encoder(name):
            continue
        tried.append(name)
        if encoder_works(name) and (size is None or encoder_works(name, *size)):
            return name, tried
    return None, tried


def parse_bitrate(value: str | int | float | None) -> int | None:
    """'8M', '2500k', '1.5m', 8000000 -> bits per second."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return int(value)
    s = str(value).strip().lower().removesuffix("bps").removesuffix("b/s")
    mult = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}.get(s[-1:], 1)
    try:
        n = float(s[:-1] if mult > 1 else s)
    except ValueError:
        raise VideoError(f"bad bitrate {value!r}; use e.g. 8M or 2500k") from None
    if n <= 0:
        raise VideoError(f"bad bitrate {value!r}; it must be positive")
    return int(n * mult)


def resolve_encoder(codec: str = "h264", hw: str | None = None, *, crf: int | None = 18,
                    bitrate: str | int | None = None, preset: str = "medium",
                    threads: int | None = None,
                    size: tuple[int, int] | None = None) -> EncoderSpec:
    """Pick the encoder and its settings; raises VideoError if this build lacks it.

    ``hw``: None (or ``none``) for the software encoder, a family (``nvenc``...), an FFmpeg
    encoder name, or ``auto``: a hardware encoder that works here for frames of ``size``
    (probed), else the software one; ``spec.choice`` says which and why (also logged).
    """
    key = normalize_codec(codec)
    hardware: str | None = None
    choice = ""
    if hw and hw.strip().lower() in SOFTWARE_ONLY:
        hw = None
    if hw and hw.strip().lower() == AUTO:
        picked, tried = pick_hardware(key, size)
        if picked:
            hw = picked
            choice = f"auto: {picked} (hardware, probed here)"
        else:
            hw = None
            why = (f"{', '.join(tried)} {'does' if len(tried) == 1 else 'do'} not work here"
                   if tried else f"this build has no hardware {key} encoder")
            choice = f"auto: {_SOFTWARE[key][0]} (software: {why})"
        _log.info("video encoder %s", choice)
    if hw:
        h = hw.strip().lower()
        if h in HARDWARE_FAMILIES:
            if key not in _HW_PREFIX:
                raise VideoError(f"{key} has no {h} hardware encoder")
            name, hardware = f"{_HW_PREFIX[key]}_{h}", h
        else:  # an explicit encoder name, e.g. h264_nvenc
            name = h
            hardware = next((f for f in HARDWARE_FAMILIES if h.endswith("_" + f)), None)
    else:
        name = _SOFTWARE[key][0]
    if not has_encoder(name):
        have = ", ".join(e.name for e in available_encoders()) or "none"
        raise VideoError(f"this FFmpeg build has no {name} encoder (available: {have})")
    info = _info_for(key, name, hardware)
    fmts = [f.name for f in (av.Codec(name, "w").video_formats or [])]
    pix_fmt = _pick_pix_fmt(key, fmts)
    br = parse_bitrate(bitrate)
    preset = (preset or "medium").lower()
    spec = EncoderSpec(info=info, pix_fmt=pix_fmt, bit_rate=br, choice=choice)
    o = spec.options
    if name == "libx264":
        # PyAV opens encoders with slice threads, which x264 takes as sliced threading
        # ("low-latency but lower-efficiency"); its frame threads, the ffmpeg tool's
        # default, write 4.5% less at the same CRF and PSNR (1440p), at the same speed
        # within noise on 2 cores (5-17% faster there under heavy load)
        spec.thread_type = "FRAME"
    if name in ("libx264", "libx265"):
        o["preset"] = preset if preset in _PRESETS else "medium"
        if br is None:
            o["crf"] = str(18 if crf is None else crf)
        if name == "libx265":
            o["x265-params"] = "log-level=error"
    elif name == "libvpx-vp9":
        o.update({"deadline": "good", "row-mt": "1",
                  "cpu-used": str(_speed(preset, 0, 5))})
        if br is None:
            o["crf"] = str(31 if crf is None else min(63, crf))
            spec.bit_rate = 0
    elif name == "libsvtav1":
        o["preset"] = str(_speed(preset, 2, 12))
        if br is None:
            o["crf"] = str(30 if crf is None else min(63, crf))
    elif name == "ffv1":
        o.update({"level": "3", "slicecrc": "1", "slices": "16", "g": "1"})
        spec.bit_rate = None
    elif name == "prores_ks":
        o.update({"profile": "3", "vendor": "apl0"})
        spec.bit_rate = None
    elif hardware == "nvenc":
        o["preset"] = f"p{_speed(preset, 7, 1)}"
        o["rc"] = "vbr"
        if br is None:
            o["cq"] = str(23 if crf is None else crf)
            spec.bit_rate = 0
    elif hardware == "qsv":
        o["preset"] = preset if preset in _PRESETS[2:] else "medium"
        if br is None:
            spec.global_quality = 23 if crf is None else crf
    elif hardware == "amf":
        o["quality"] = "quality" if preset in _PRESETS[6:] else (
            "speed" if preset in _PRESETS[:3] else "balanced")
        if br is None:
            q = str(23 if crf is None else crf)
            o.update({"rc": "cqp", "qp_i": q, "qp_p": q, "qp_b": q})
    elif br is None:  # videotoolbox, mf: bitrate-driven; caller fills in a default
        spec.bit_rate = -1
    if threads:
        o["threads"] = str(threads)
    return spec


def _speed(preset: str, slowest: int, fastest: int) -> int:
    """Map an x264 preset name onto an encoder's numeric speed scale."""
    i = _PRESETS.index(preset) if preset in _PRESETS else _PRESETS.index("medium")
    frac = 1.0 - i / (len(_PRESETS) - 1)   # ultrafast 1.0 ... veryslow 0.0
    return round(slowest + (fastest - slowest) * frac)


def _pick_pix_fmt(codec: str, fmts: list[str]) -> str:
    prefs = {"ffv1": ["yuv444p"], "prores": ["yuv422p10le"]}.get(codec, []) + [
        "yuv420p", "nv12"]
    for p in prefs:
        if p in fmts or not fmts:
            return p
    return fmts[0]


def default_bitrate(width: int, height: int, fps: float) -> int:
    """A generous target for bitrate-only encoders: ~0.1 bit per pixel per frame."""
    return int(max(1_000_000, 0.1 * width * height * max(fps, 1.0)))


# --- containers -------------------------------------------------------------------------
def container_for(path: str | Path) -> str:
    """FFmpeg muxer name for an output path; VideoError for suffixes we do not write."""
    suffix = Path(path).suffix.lower()
    if suffix not in CONTAINERS:
        raise VideoError(f"cannot write {Path(path).name}: use one of "
                         f"{', '.join(sorted(CONTAINERS))} as the output extension")
    return CONTAINERS[suffix]


@functools.cache
def muxer_codecs(muxer: str) -> frozenset[str]:
    """Codec names the muxer accepts (FFmpeg's avformat_query_codec)."""
    with av.open(io.BytesIO(), "w", format=muxer) as c:
        return frozenset(c.supported_codecs)


def check_container(spec: EncoderSpec, path: str | Path) -> str:
    """Raise a clear VideoError when the container cannot hold the codec; returns the muxer."""
    muxer = container_for(path)
    descriptor = av.Codec(spec.name, "w").canonical_name
    if descriptor not in muxer_codecs(muxer) and spec.name not in muxer_codecs(muxer):
        raise VideoError(f"{Path(path).name}: a {Path(path).suffix} file cannot hold "
                         f"{spec.info.label}; use {spec.info.extension} instead")
    return muxer


def audio_plan(muxer: str, codec: str) -> str | None:
    """None to stream-copy ``codec`` into ``muxer``, else the encoder to re-encode with."""
    allowed = _AUDIO_COPY.get(muxer)
    ok = codec in muxer_codecs(muxer) if allowed is None else codec in allowed
    if ok:
        return None
    return _AUDIO_TRANSCODE.get(muxer, "aac")


def subtitle_ok(muxer: str, codec: str) -> bool:
    if muxer == "webm":
        return codec == "webvtt"
    if muxer in ("mp4", "mov"):
        return codec == "mov_text"
    return codec in muxer_codecs(muxer)
