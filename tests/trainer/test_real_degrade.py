"""The 'real' degradation: reproducible, the right size, every stage able to act."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.errors import ConfigError
from tests.conftest import photo_like
from trainer.blur_kernels import KERNEL_KINDS, bessel_j1, gaussian_family, sinc_kernel
from trainer.config import load_config
from trainer.degrade_config import DegradationConfig, RealDegradationConfig, RealStageConfig
from trainer.real_degrade import degrade_real, jpeg


def test_each_kernel_is_normalised_symmetric_and_centred():
    for kind in KERNEL_KINDS:
        k = gaussian_family(kind, 13, 1.5, 0.7, 0.4, beta=1.5)
        assert k.shape == (13, 13) and abs(float(k.sum()) - 1) < 1e-5
        assert np.allclose(k, k[::-1, ::-1], atol=1e-7)  # point-symmetric
        assert np.unravel_index(np.argmax(k), k.shape) == (6, 6)
    # an anisotropic kernel is wider along its own axis than across it
    k = gaussian_family("aniso", 21, 3.0, 0.5, 0.0)
    assert k[10, :].sum() > 3 * k[:, 10].sum()


def test_sinc_rings_and_bessel_matches_known_values():
    # J1 at a few points (Abramowitz & Stegun table 9.1)
    assert np.allclose(bessel_j1(np.array([1.0, 2.0, 5.0, 10.0])),
                       [0.4400505857, 0.5767248078, -0.3275791376, 0.0434727462], atol=1e-8)
    k = sinc_kernel(21, math.pi / 3)
    assert abs(float(k.sum()) - 1) < 1e-5 and k.min() < 0  # negative lobes: ringing


def test_degrade_real_is_reproducible_and_sized():
    hr = photo_like(96, 128)
    cfg = RealDegradationConfig()
    a = degrade_real(hr, 4, cfg, np.random.default_rng(5))
    b = degrade_real(hr, 4, cfg, np.random.default_rng(5))
    c = degrade_real(hr, 4, cfg, np.random.default_rng(6))
    assert a.shape == (24, 32, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert degrade_real(hr, 2, cfg, np.random.default_rng(0)).shape == (48, 64, 3)


def test_stages_act_and_switch_off():
    """With every stage switched off the chain is a plain resize; with the defaults the LR
    moves much further from it (blur, noise and JPEG act)."""
    import cv2
    hr = np.repeat(photo_like(128, 128, 1, seed=3), 3, axis=2)  # no chroma: JPEG subsamples it
    off = RealDegradationConfig(final_sinc_prob=0.0, final_jpeg_quality=[100, 100],
                                final_resize_modes=["area"])
    off.stage1 = RealStageConfig(blur_prob=0.0, resize_probs=[0, 0, 1], gaussian_noise_prob=1,
                                 noise_sigma=[0.0, 0.0], jpeg_quality=[100, 100])
    off.stage2.skip_prob = 1.0
    plain = cv2.resize(hr, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    quiet = degrade_real(hr, 4, off, np.random.default_rng(0)).astype(np.float32)
    assert np.abs(quiet - plain).mean() < 2.5
    diffs = [np.abs(degrade_real(hr, 4, RealDegradationConfig(), np.random.default_rng(s))
                    .astype(np.float32) - plain).mean() for s in range(8)]
    assert np.mean(diffs) > 3 * np.abs(quiet - plain).mean()
    assert jpeg(plain / 255, 100).shape == (32, 32, 3)


def test_real_kind_is_accepted_and_bad_ranges_are_one_line(tmp_path):
    assert DegradationConfig(kind="real").real.stage2.skip_prob == 0.5
    from trainer.validate import validate_config
    d = tmp_path / "hr"
    d.mkdir()
    cfg = load_config(None, [f"data.hr_dirs=['{d}']", "data.degradation.kind=real",
                             "data.degradation.real.stage1.jpeg_quality=[95, 30]"])
    with pytest.raises(ConfigError, match="stage1.jpeg_quality"):
        validate_config(cfg)


def test_the_video_variant_compresses_with_a_codec_reproducibly():
    """video_prob=1: the last compression is H.264, not JPEG; the same seed gives the same
    LR; video_prob=0 leaves the JPEG chain's random stream as it was."""
    hr = photo_like(96, 128)
    base = RealDegradationConfig()
    video = RealDegradationConfig(video_prob=1.0, video_crf=[30, 30])
    a = degrade_real(hr, 4, video, np.random.default_rng(5))
    assert a.shape == (24, 32, 3) and a.dtype == np.uint8
    assert np.array_equal(a, degrade_real(hr, 4, video, np.random.default_rng(5)))
    assert not np.array_equal(a, degrade_real(hr, 4, base, np.random.default_rng(5)))
    off = RealDegradationConfig(video_prob=0.0, video_crf=[30, 30])
    assert np.array_equal(degrade_real(hr, 4, off, np.random.default_rng(5)),
                          degrade_real(hr, 4, base, np.random.default_rng(5)))


def test_bad_video_settings_are_one_line(tmp_path):
    from trainer.validate import validate_config
    d = tmp_path / "hr"
    d.mkdir()
    for key, value, match in (("video_codecs", "['libnothing']", "video_codecs"),
                              ("video_crf", "[40, 20]", "video_crf"),
                              ("video_preset", "'quick'", "video_preset")):
        cfg = load_config(None, [f"data.hr_dirs=['{d}']", "data.degradation.kind=real",
                                 "data.degradation.real.video_prob=0.5",
                                 f"data.degradation.real.{key}={value}"])
        with pytest.raises(ConfigError, match=match):
            validate_config(cfg)
