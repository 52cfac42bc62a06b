"""Tests of engine.metrics: PSNR/SSIM/MAE/MSE and the SR evaluation protocol."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.color import rgb_to_y
from engine.metrics import align_for_eval, luma_y, mae, mse, psnr, sr_metrics, ssim, ssim_map
from engine.resize import imresize
from tests.conftest import SHARED, load_pixels, needs_shared


def _noisy_pair(shape: tuple[int, ...], seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:shape[0], 0:shape[1]]
    base = 128 + 60 * np.sin(xx / 5.0) * np.cos(yy / 7.0)
    if len(shape) == 3:
        base = base[:, :, None] + np.arange(shape[2]) * 10
    a = np.clip(base + rng.normal(0, 8, shape), 0, 255).astype(np.uint8)
    b = np.clip(base + rng.normal(0, 8, shape), 0, 255).astype(np.uint8)
    return a, b


# --- basic metrics ----------------------------------------------------------------------

def test_mse_mae_psnr_hand_values() -> None:
    a = np.zeros((4, 5, 3), np.uint8)
    b = np.full((4, 5, 3), 10, np.uint8)
    assert mse(a, b) == 100.0
    assert mae(a, b) == 10.0
    assert psnr(a, b) == pytest.approx(10 * math.log10(255**2 / 100), abs=1e-12)
    assert psnr(a, b, data_range=1.0) == pytest.approx(-20.0, abs=1e-12)
    assert psnr(a, a) == math.inf
    # uint8 arithmetic must not wrap around
    assert mse(np.array([0], np.uint8), np.array([255], np.uint8)) == 255.0**2
    with pytest.raises(ValueError):
        mse(a, b[:3])


def test_psnr_matches_skimage() -> None:
    skm = pytest.importorskip("skimage.metrics")
    a, b = _noisy_pair((40, 50, 3))
    assert psnr(a, b) == pytest.approx(skm.peak_signal_noise_ratio(a, b, data_range=255),
                                       abs=1e-10)


def test_ssim_identical_and_symmetric() -> None:
    a, b = _noisy_pair((30, 40))
    assert ssim(a, a) == pytest.approx(1.0, abs=1e-12)
    assert ssim(a, b) == pytest.approx(ssim(b, a), abs=1e-12)
    assert 0 < ssim(a, b) < 1
    assert ssim_map(a, b).shape == (20, 30)  # 'valid': 11x11 window
    with pytest.raises(ValueError):
        ssim(a[:10], b[:10])


def test_ssim_single_window_by_hand() -> None:
    """11x11 images give one window: compare with a direct weighted-moment computation."""
    rng = np.random.default_rng(1)
    x = rng.integers(0, 256, (11, 11)).astype(np.float64)
    y = np.clip(x + rng.normal(0, 20, x.shape), 0, 255)
    g = np.exp(-((np.arange(11) - 5.0) ** 2) / (2 * 1.5**2))
    win = np.outer(g, g) / np.outer(g, g).sum()           # fspecial('gaussian', 11, 1.5)
    mx, my = (win * x).sum(), (win * y).sum()
    vx = (win * x * x).sum() - mx * mx
    vy = (win * y * y).sum() - my * my
    cxy = (win * x * y).sum() - mx * my
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    expected = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx**2 + my**2 + c1) * (vx + vy + c2))
    assert ssim(x, y) == pytest.approx(expected, abs=1e-12)


def test_ssim_matches_skimage() -> None:
    skm = pytest.importorskip("skimage.metrics")
    kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
    a, b = _noisy_pair((45, 60, 3), seed=2)
    # skimage filters with reflect padding, then averages the map with a 5-pixel border
    # cropped: that is exactly the 'valid' region, so the means agree to rounding error
    for c in range(3):
        ref = skm.structural_similarity(a[:, :, c], b[:, :, c], **kw)
        assert ssim(a[:, :, c], b[:, :, c]) == pytest.approx(ref, abs=1e-10)
    ref = skm.structural_similarity(a, b, channel_axis=-1, **kw)
    assert ssim(a, b) == pytest.approx(ref, abs=1e-10)
    f = a.astype(np.float64) / 255
    g = b.astype(np.float64) / 255
    ref = skm.structural_similarity(f[:, :, 0], g[:, :, 0], **{**kw, "data_range": 1.0})
    assert ssim(f[:, :, 0], g[:, :, 0], data_range=1.0) == pytest.approx(ref, abs=1e-10)


def test_ssim_multichannel_is_mean_of_channels() -> None:
    a, b = _noisy_pair((25, 30, 3), seed=3)
    per = [ssim(a[:, :, c], b[:, :, c]) for c in range(3)]
    assert ssim(a, b) == pytest.approx(float(np.mean(per)), abs=1e-15)
    assert ssim(a[:, :, :1], b[:, :, :1]) == pytest.approx(per[0], abs=1e-15)


# --- the SR protocol --------------------------------------------------------------------

def test_luma_y_formula() -> None:
    rgb = np.array([[[0, 0, 0], [255, 255, 255], [255, 0, 0], [10, 200, 30]]], np.uint8)
    y = luma_y(rgb)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y[0, :3], [16, 235, 16 + 65.481], atol=1e-12)
    assert y[0, 3] == pytest.approx(16 + (65.481 * 10 + 128.553 * 200 + 24.966 * 30) / 255)
    # agrees with engine.color (float32, [0,1] scale)
    np.testing.assert_allclose(y, rgb_to_y(rgb / 255.0) * 255, atol=1e-3)


def test_sr_metrics_rgb() -> None:
    a, b = _noisy_pair((40, 48, 3), seed=4)
    m = sr_metrics(a, b, 4)
    assert set(m) == {"psnr_y", "ssim_y", "psnr_rgb", "ssim_rgb", "mae", "mse"}
    sa, sb = a[4:-4, 4:-4], b[4:-4, 4:-4]
    ya, yb = luma_y(sa), luma_y(sb)
    assert m["psnr_y"] == psnr(ya, yb)
    assert m["ssim_y"] == ssim(ya, yb)
    assert m["psnr_rgb"] == psnr(sa, sb)
    assert m["ssim_rgb"] == ssim(sa, sb)
    assert m["mse"] == mse(sa, sb) and m["mae"] == mae(sa, sb)
    assert all(isinstance(v, float) for v in m.values())


def test_sr_metrics_shaves_the_border() -> None:
    a, _ = _noisy_pair((30, 30, 3), seed=5)
    b = a.copy()
    b[:3] = 0
    b[:, -3:] = 255
    m = sr_metrics(a, b, 3)
    assert m["psnr_y"] == math.inf and m["psnr_rgb"] == math.inf and m["mse"] == 0
    assert m["ssim_y"] == pytest.approx(1.0)
    assert sr_metrics(a, b, 2)["psnr_y"] < 100


def test_sr_metrics_gray_is_scored_on_raw_values() -> None:
    a, b = _noisy_pair((32, 36), seed=6)
    m = sr_metrics(a, b, 2)
    sa, sb = a[2:-2, 2:-2], b[2:-2, 2:-2]
    assert m["psnr_y"] == psnr(sa, sb) and m["ssim_y"] == ssim(sa, sb)
    assert m["psnr_rgb"] == m["psnr_y"] and m["ssim_rgb"] == m["ssim_y"]
    assert sr_metrics(a[:, :, None], b[:, :, None], 2) == m
    # the same grey content as RGB goes through the Y formula (range 16..235): different
    rgb = sr_metrics(np.repeat(a[:, :, None], 3, 2), np.repeat(b[:, :, None], 3, 2), 2)
    assert rgb["psnr_y"] == pytest.approx(m["psnr_y"] - 20 * math.log10(219 / 255), abs=1e-9)


def test_sr_metrics_rejects_bad_input() -> None:
    a, b = _noisy_pair((20, 20, 3))
    with pytest.raises(ValueError):
        sr_metrics(a.astype(np.float32), b, 2)
    with pytest.raises(ValueError):
        sr_metrics(a, b[:19], 2)
    with pytest.raises(ValueError):
        sr_metrics(np.zeros((20, 20, 4), np.uint8), np.zeros((20, 20, 4), np.uint8), 2)
    with pytest.raises(ValueError):
        sr_metrics(a, b, 10)


def test_align_for_eval() -> None:
    hr = np.arange(13 * 10 * 3, dtype=np.uint8).reshape(13, 10, 3)
    sr = np.zeros((12, 8, 3), np.uint8)
    s, h = align_for_eval(sr, hr, 4)
    assert s is sr
    np.testing.assert_array_equal(h, hr[:12, :8])
    with pytest.raises(ValueError):
        align_for_eval(np.zeros((8, 8, 3), np.uint8), hr, 4)   # 5 rows short: not x4 of HR
    with pytest.raises(ValueError):
        align_for_eval(np.zeros((14, 8, 3), np.uint8), hr, 4)  # bigger than HR


# --- published bicubic baseline ---------------------------------------------------------

def _bicubic_mean(name: str, k: int) -> tuple[float, float]:
    bench = SHARED / "benchmark" / name
    ps, ss = [], []
    for hr_path in sorted((bench / "HR").glob("*.png")):
        hr = load_pixels(hr_path)
        lr = load_pixels(bench / "LR_bicubic" / f"X{k}" / f"{hr_path.stem}x{k}.png")
        sr, hr = align_for_eval(imresize(lr, k), hr, k)
        m = sr_metrics(sr, hr, k)
        ps.append(m["psnr_y"])
        ss.append(m["ssim_y"])
    return float(np.mean(ps)), float(np.mean(ss))


@needs_shared
@pytest.mark.parametrize(("name", "psnr_y", "ssim_y"), [
    ("Set5", 28.42, 0.8104),
    ("Set14", 26.00, 0.7027),
])
def test_bicubic_x4_baseline_matches_published(name: str, psnr_y: float, ssim_y: float) -> None:
    p, s = _bicubic_mean(name, 4)
    assert p == pytest.approx(psnr_y, abs=0.02)
    assert s == pytest.approx(ssim_y, abs=0.002)
