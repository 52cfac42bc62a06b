"""The ``real`` degradation: a second-order chain like Real-ESRGAN's (Wang et al., 2021).

Users' pictures were blurred by a lens and a resize, got sensor noise, were JPEG-compressed,
and then went through all of that again (a web re-upload, a screenshot of a photo).  One
stage of that chain is blur -> random resize -> noise -> JPEG; :func:`degrade_real` runs two
(the second skippable, milder), then resizes to the LR size with a ringing sinc and a last
JPEG in random order, or (``video_prob``) an H.264/HEVC round trip for video frames.

Each patch takes its own ``numpy.random.Generator`` (the sampler seeds it from its stream),
so the pictures depend only on the seed, never on which stages were active before.  The
work is per patch in OpenCV, not vectorised on the batch in torch: at the patch sizes we
train on (LR 32-64 px) one OpenCV call per patch costs a fraction of a millisecond, JPEG has
no batched torch codec, and tiny torch ops would start an OpenMP pool that competes with
the training step on a 2-core CPU (bench/degrade_throughput.py measures both).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from engine.rounding import to_uint8
from trainer.blur_kernels import gaussian_family, sinc_kernel
from trainer.degrade_config import RealDegradationConfig, RealStageConfig
from trainer.video_degrade import CODECS, X264_PRESETS, codec_available, video_compress

_CV_MODES = {"area": cv2.INTER_AREA, "bilinear": cv2.INTER_LINEAR, "bicubic": cv2.INTER_CUBIC}


def _odd_size(rng: np.random.Generator, lo_hi: list[int]) -> int:
    sizes = [k for k in range(lo_hi[0], lo_hi[1] + 1) if k % 2 == 1]
    return int(sizes[int(rng.integers(len(sizes)))])


def random_blur_kernel(stage: RealStageConfig, rng: np.random.Generator) -> np.ndarray:
    """A kernel of the stage's families (or a sinc with ``sinc_prob``)."""
    size = _odd_size(rng, stage.kernel_size)
    if rng.random() < stage.sinc_prob:
        return random_sinc(size, rng)
    probs = np.asarray(stage.kernel_probs, np.float64)
    kind = stage.kernel_kinds[int(rng.choice(len(probs), p=probs / probs.sum()))]
    sx, sy = (rng.uniform(*stage.blur_sigma) for _ in range(2))
    theta = rng.uniform(-math.pi, math.pi)
    beta = 1.0
    if kind.startswith("gen"):
        # half the draws below 1 (heavy tails), half above (flat top), as Real-ESRGAN does
        lo, hi = stage.beta_gen
        beta = rng.uniform(lo, 1.0) if rng.random() < 0.5 and lo < 1 else rng.uniform(1.0, hi)
    elif kind.startswith("plateau"):
        beta = rng.uniform(*stage.beta_plateau)
    return gaussian_family(kind, size, sx, sy, theta, beta)


def random_sinc(size: int, rng: np.random.Generator) -> np.ndarray:
    """Cut-off drawn so small kernels do not ring more than they can represent."""
    omega = rng.uniform(math.pi / 3, math.pi) if size < 13 else rng.uniform(math.pi / 5,
                                                                            math.pi)
    return sinc_kernel(size, omega)


def _filter(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    return cv2.filter2D(x, -1, kernel, borderType=cv2.BORDER_REFLECT_101)


def _resize(x: np.ndarray, h: int, w: int, mode: str) -> np.ndarray:
    return cv2.resize(x, (max(1, w), max(1, h)), interpolation=_CV_MODES[mode])


def _random_resize(x: np.ndarray, stage: RealStageConfig, rng: np.random.Generator
                   ) -> np.ndarray:
    probs = np.asarray(stage.resize_probs, np.float64)
    direction = int(rng.choice(3, p=probs / probs.sum()))
    lo, hi = stage.resize_range
    if direction == 0:
        f = rng.uniform(1.0, max(1.0, hi))
    elif direction == 1:
        f = rng.uniform(min(lo, 1.0), 1.0)
    else:
        f = 1.0
    mode = stage.resize_modes[int(rng.integers(len(stage.resize_modes)))]
    if f == 1.0:
        return x
    return _resize(x, round(x.shape[0] * f), round(x.shape[1] * f), mode)


def _noise(x: np.ndarray, stage: RealStageConfig, rng: np.random.Generator) -> np.ndarray:
    gray = rng.random() < stage.gray_noise_prob
    shape = x.shape[:2] + ((1,) if gray else (x.shape[2],))
    if rng.random() < stage.gaussian_noise_prob:
        sigma = rng.uniform(*stage.noise_sigma) / 255.0
        n = rng.standard_normal(shape).astype(np.float32) * np.float32(sigma)
    else:
        # shot noise: Poisson counts at 256 photons per unit intensity, its deviation
        # from the mean scaled (Real-ESRGAN's parameterisation of its strength)
        scale = rng.uniform(*stage.poisson_scale)
        base = x.mean(axis=2, keepdims=True) if gray else x
        peak = 256.0
        counts = rng.poisson(np.clip(base, 0, 1).astype(np.float64) * peak)
        n = ((counts / peak - base) * scale).astype(np.float32)
    return x + n


def jpeg(x: np.ndarray, quality: int) -> np.ndarray:
    """Round-trip float RGB [0, 1] through an 8-bit JPEG of ``quality``."""
    u8 = to_uint8(x)
    ok, buf = cv2.imencode(".jpg", np.ascontiguousarray(u8[..., ::-1]),
                           [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:  # pragma: no cover - OpenCV encodes any 3-channel uint8 array
        return x
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1].astype(np.float32) / 255.0


def _quality(rng: np.random.Generator, lo_hi: list[int]) -> int:
    return int(rng.integers(lo_hi[0], lo_hi[1] + 1))


def run_stage(x: np.ndarray, stage: RealStageConfig, rng: np.random.Generator
              ) -> np.ndarray:
    """Blur -> resize -> noise -> JPEG on float RGB in [0, 1]."""
    if rng.random() < stage.blur_prob:
        x = _filter(x, random_blur_kernel(stage, rng))
    x = _random_resize(x, stage, rng)
    x = np.clip(_noise(x, stage, rng), 0.0, 1.0)
    return jpeg(x, _quality(rng, stage.jpeg_quality))


def degrade_real(hr: np.ndarray, scale: int, cfg: RealDegradationConfig,
                 rng: np.random.Generator) -> np.ndarray:
    """(H, W, 3) uint8 HR patch -> (H/s, W/s, 3) uint8 LR; H and W multiples of ``scale``."""
    h, w = hr.shape[0] // scale, hr.shape[1] // scale
    x = hr.astype(np.float32) / 255.0
    x = run_stage(x, cfg.stage1, rng)
    if rng.random() >= cfg.stage2.skip_prob:
        x = run_stage(x, cfg.stage2, rng)
    mode = cfg.final_resize_modes[int(rng.integers(len(cfg.final_resize_modes)))]
    sinc = (random_sinc(_odd_size(rng, cfg.stage2.kernel_size), rng)
            if rng.random() < cfg.final_sinc_prob else None)
    quality = _quality(rng, cfg.final_jpeg_quality)

    def resize_and_sinc(y: np.ndarray) -> np.ndarray:
        y = _resize(y, h, w, mode)
        return _filter(y, sinc) if sinc is not None else y

    # drawn only when the video variant is on, so that JPEG-only runs and the published
    # validation sets keep their random streams
    if cfg.video_prob > 0 and rng.random() < cfg.video_prob:
        x = video_compress(np.clip(resize_and_sinc(x), 0.0, 1.0), rng, cfg.video_codecs,
                           cfg.video_crf, cfg.video_frames, cfg.video_motion,
                           cfg.video_preset)
    elif rng.random() < 0.5:
        x = jpeg(np.clip(resize_and_sinc(x), 0.0, 1.0), quality)
    else:
        x = np.clip(resize_and_sinc(jpeg(x, quality)), 0.0, 1.0)
    return to_uint8(x)


def check_real_config(cfg: RealDegradationConfig) -> list[str]:
    """Problems with a ``real`` config, as 'data.degradation.real.KEY: ...' lines."""
    out: list[str] = []
    for name, st in (("stage1", cfg.stage1), ("stage2", cfg.stage2)):
        p = f"data.degradation.real.{name}"
        for key in ("skip_prob", "blur_prob", "sinc_prob", "gaussian_noise_prob",
                    "gray_noise_prob"):
            v = getattr(st, key)
            if not 0.0 <= v <= 1.0:
                out.append(f"{p}.{key}: must be in [0, 1], got {v}")
        lo, hi = (st.kernel_size + [0, 0])[:2]
        if len(st.kernel_size) != 2 or lo < 3 or hi > 41 or lo > hi or not any(
                k % 2 for k in range(lo, hi + 1)):
            out.append(f"{p}.kernel_size: expected [min, max] odd sizes within 3-41, "
                       f"got {st.kernel_size}")
        bad = [k for k in st.kernel_kinds if k not in
               ("iso", "aniso", "gen_iso", "gen_aniso", "plateau_iso", "plateau_aniso")]
        if bad or not st.kernel_kinds:
            out.append(f"{p}.kernel_kinds: unknown kind(s) {bad}")
        if len(st.kernel_probs) != len(st.kernel_kinds) or min(st.kernel_probs or [-1]) < 0 \
                or sum(st.kernel_probs) <= 0:
            out.append(f"{p}.kernel_probs: one non-negative weight per kernel kind")
        if len(st.resize_probs) != 3 or min(st.resize_probs) < 0 or sum(st.resize_probs) <= 0:
            out.append(f"{p}.resize_probs: three non-negative weights (up, down, keep)")
        for key in ("resize_modes",):
            bad = [m for m in getattr(st, key) if m not in _CV_MODES]
            if bad or not getattr(st, key):
                out.append(f"{p}.{key}: expected some of {', '.join(_CV_MODES)}, got {bad}")
        for key, lo_b, hi_b in (("blur_sigma", 0.05, 20.0), ("beta_gen", 0.1, 10.0),
                                ("beta_plateau", 0.1, 10.0), ("resize_range", 0.05, 4.0),
                                ("noise_sigma", 0.0, 255.0), ("poisson_scale", 0.0, 10.0),
                                ("jpeg_quality", 1, 100)):
            r = getattr(st, key)
            if len(r) != 2 or r[0] > r[1] or r[0] < lo_b or r[1] > hi_b:
                out.append(f"{p}.{key}: expected [min, max] within [{lo_b}, {hi_b}], got {r}")
    q = cfg.final_jpeg_quality
    if len(q) != 2 or q[0] > q[1] or q[0] < 1 or q[1] > 100:
        out.append(f"data.degradation.real.final_jpeg_quality: expected [min, max] within "
                   f"[1, 100], got {q}")
    if not 0.0 <= cfg.final_sinc_prob <= 1.0:
        out.append("data.degradation.real.final_sinc_prob: must be in [0, 1]")
    if not 0.0 <= cfg.video_prob <= 1.0:
        out.append("data.degradation.real.video_prob: must be in [0, 1]")
    if cfg.video_prob > 0:
        bad = [c for c in cfg.video_codecs if not codec_available(c)]
        if not cfg.video_codecs:
            out.append("data.degradation.real.video_codecs: name at least one codec")
        elif bad:
            out.append(f"data.degradation.real.video_codecs: expected some of "
                       f"{', '.join(CODECS)} that this FFmpeg has, got {bad}")
        c = cfg.video_crf
        if len(c) != 2 or c[0] > c[1] or c[0] < 0 or c[1] > 51:
            out.append(f"data.degradation.real.video_crf: expected [min, max] within "
                       f"[0, 51], got {c}")
        if not 2 <= cfg.video_frames <= 30:
            out.append("data.degradation.real.video_frames: expected 2-30 frames")
        if not 0.0 <= cfg.video_motion <= 16.0:
            out.append("data.degradation.real.video_motion: expected 0-16 pixels a frame")
        if cfg.video_preset not in X264_PRESETS:
            out.append(f"data.degradation.real.video_preset: expected one of "
                       f"{', '.join(X264_PRESETS)}, got {cfg.video_preset!r}")
    bad = [m for m in cfg.final_resize_modes if m not in _CV_MODES]
    if bad or not cfg.final_resize_modes:
        out.append(f"data.degradation.real.final_resize_modes: expected some of "
                   f"{', '.join(_CV_MODES)}, got {bad}")
    return out
