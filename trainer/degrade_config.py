"""The ``data.degradation`` table: how a training pair's low-resolution input is made from
its high-resolution image ('bicubic', the one-stage 'pipeline', or Real-ESRGAN's
second-order 'real' chain with its two stages).

Its own module because the degradation code (:mod:`trainer.degrade`,
:mod:`trainer.real_degrade`) needs only these tables, not the whole training tree of
:mod:`trainer.config`.
"""

from __future__ import annotations

from msgspec import field

from trainer.config_base import Section


class RealStageConfig(Section):
    """One stage of the ``real`` chain: blur, random resize, noise, JPEG (Real-ESRGAN's
    first-order model; the second stage repeats it with milder ranges)."""

    skip_prob: float = 0.0  # the whole stage is left out with this probability
    blur_prob: float = 1.0
    kernel_size: list[int] = field(default_factory=lambda: [7, 21])  # odd sizes drawn
    kernel_kinds: list[str] = field(default_factory=lambda: [
        "iso", "aniso", "gen_iso", "gen_aniso", "plateau_iso", "plateau_aniso"])
    kernel_probs: list[float] = field(default_factory=lambda: [0.45, 0.25, 0.12, 0.03, 0.12,
                                                               0.03])
    blur_sigma: list[float] = field(default_factory=lambda: [0.2, 2.0])  # pixels, per axis
    beta_gen: list[float] = field(default_factory=lambda: [0.5, 4.0])
    beta_plateau: list[float] = field(default_factory=lambda: [1.0, 2.0])
    sinc_prob: float = 0.1  # a ringing sinc kernel instead of the blur
    # random resize: probabilities of up / down / keep, the factor range, the modes
    resize_probs: list[float] = field(default_factory=lambda: [0.2, 0.7, 0.1])
    resize_range: list[float] = field(default_factory=lambda: [0.4, 1.5])
    resize_modes: list[str] = field(default_factory=lambda: ["area", "bilinear", "bicubic"])
    gaussian_noise_prob: float = 0.5  # else Poisson (shot) noise
    noise_sigma: list[float] = field(default_factory=lambda: [1.0, 15.0])  # 8-bit levels
    poisson_scale: list[float] = field(default_factory=lambda: [0.05, 1.5])
    gray_noise_prob: float = 0.4  # the same noise on every channel (luma noise)
    jpeg_quality: list[int] = field(default_factory=lambda: [30, 95])


def _second_stage() -> RealStageConfig:
    return RealStageConfig(skip_prob=0.5, blur_prob=0.8, blur_sigma=[0.2, 1.2],
                           resize_probs=[0.3, 0.4, 0.3], resize_range=[0.6, 1.2],
                           noise_sigma=[1.0, 10.0], poisson_scale=[0.05, 1.0],
                           jpeg_quality=[40, 95])


class RealDegradationConfig(Section):
    """The ``real`` preset: two stages, then the resize to LR size with a sinc and JPEG in
    random order.  The mechanisms are Real-ESRGAN's; the default ranges are milder (blur
    sigma up to 2 not 3, noise up to 15 levels not 30, resize 0.4-1.5x not 0.15-1.5x, the
    second stage skipped half the time): they model phone and web photos, scans and video
    frames rather than the worst of the web, and a small L1-trained network smooths away
    detail when asked to undo more.  Real-ESRGAN's own ranges can be set key by key."""

    stage1: RealStageConfig = field(default_factory=RealStageConfig)
    stage2: RealStageConfig = field(default_factory=_second_stage)
    final_sinc_prob: float = 0.5
    final_resize_modes: list[str] = field(default_factory=lambda: ["area", "bilinear",
                                                                   "bicubic"])
    final_jpeg_quality: list[int] = field(default_factory=lambda: [30, 95])
    # the video variant (trainer/video_degrade.py): with this probability the last
    # compression is an H.264/HEVC round trip of a short pan over the LR patch instead of
    # JPEG (frames of compressed video: 4:2:0 chroma, deblocking, predicted frames)
    video_prob: float = 0.0
    video_codecs: list[str] = field(default_factory=lambda: ["libx264"])
    video_crf: list[int] = field(default_factory=lambda: [20, 36])
    video_frames: int = 5          # clip length; the last (predicted) frame is kept
    video_motion: float = 2.0      # largest pan, LR pixels per frame
    video_preset: str = "veryfast"


class DegradationConfig(Section):
    # 'bicubic' (MATLAB-compatible, whole image), 'pipeline' (one blur/noise/JPEG stage,
    # the fine-tuning demo's 'camera' profile) or 'real' (the second-order chain below)
    kind: str = "bicubic"
    real: RealDegradationConfig = field(default_factory=RealDegradationConfig)
    # pipeline: D(I) = (I * k)↓s + n, then JPEG; a [0, 0] range switches a stage off
    blur_sigma: list[float] = field(default_factory=lambda: [0.2, 2.0])  # HR pixels
    downsample: str = "bicubic"  # 'bicubic' (MATLAB imresize) or 'nearest' (s-fold decimation)
    noise_sigma: list[float] = field(default_factory=lambda: [0.0, 10.0])  # 8-bit levels
    jpeg_quality: list[int] | None = field(default_factory=lambda: [60, 95])  # None: no JPEG
