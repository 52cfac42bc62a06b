"""Full-reference image metrics: PSNR, SSIM, MSE, MAE.

All are computed in float64 on the raw values of the two arrays (no rescaling, no colour
conversion, no border shaving; see :mod:`engine.metrics.protocol` for the SR protocol).
SSIM is Wang et al.'s, as MATLAB's ``ssim_index.m`` (and the SR protocol) computes it:
11x11 Gaussian window with sigma 1.5 (``fspecial('gaussian', 11, 1.5)``), K1 = 0.01,
K2 = 0.03, 'valid' filtering (no padding), the mean of the SSIM map; no downsampling.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

__all__ = ["mae", "mse", "psnr", "ssim", "ssim_map"]

_WIN = 11
_SIGMA = 1.5
_K1, _K2 = 0.01, 0.03


def _pair(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"images differ in shape: {a.shape} vs {b.shape}")
    if a.size == 0:
        raise ValueError("cannot score empty images")
    return a.astype(np.float64, copy=False), b.astype(np.float64, copy=False)


def mse(a: np.ndarray, b: np.ndarray) -> float:
    """Mean squared error over all elements (float64)."""
    x, y = _pair(a, b)
    d = x - y
    return float(np.mean(d * d))


def mae(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute error over all elements (float64)."""
    x, y = _pair(a, b)
    return float(np.mean(np.abs(x - y)))


def psnr(a: np.ndarray, b: np.ndarray, *, data_range: float = 255.0) -> float:
    """PSNR in dB, ``10 log10(data_range^2 / MSE)`` over all elements; ``inf`` when equal."""
    m = mse(a, b)
    if m == 0:
        return math.inf
    return 10.0 * math.log10(float(data_range) ** 2 / m)


def _gaussian_1d() -> np.ndarray:
    x = np.arange(_WIN, dtype=np.float64) - (_WIN - 1) / 2
    g = np.exp(-(x * x) / (2 * _SIGMA * _SIGMA))
    return g / g.sum()  # outer(g, g) == fspecial('gaussian', 11, 1.5)


_G = _gaussian_1d()


def _filter_valid(img: np.ndarray) -> np.ndarray:
    """'valid' correlation with the 11x11 Gaussian (float64, separable)."""
    full = cv2.sepFilter2D(img, cv2.CV_64F, _G, _G, borderType=cv2.BORDER_REFLECT_101)
    r = _WIN // 2
    return full[r:-r, r:-r]


def ssim_map(a: np.ndarray, b: np.ndarray, *, data_range: float = 255.0) -> np.ndarray:
    """The SSIM map of two single-channel (H, W) images, shape (H - 10, W - 10)."""
    x, y = _pair(a, b)
    if x.ndim != 2:
        raise ValueError(f"ssim_map takes (H, W) images, got shape {x.shape}")
    if min(x.shape) < _WIN:
        raise ValueError(f"SSIM needs images of at least {_WIN}x{_WIN}, got {x.shape}")
    x = np.ascontiguousarray(x)
    y = np.ascontiguousarray(y)
    c1 = (_K1 * data_range) ** 2
    c2 = (_K2 * data_range) ** 2
    mu1 = _filter_valid(x)
    mu2 = _filter_valid(y)
    mu1_sq, mu2_sq, mu1_mu2 = mu1 * mu1, mu2 * mu2, mu1 * mu2
    sigma1_sq = _filter_valid(x * x)
    sigma1_sq -= mu1_sq
    sigma2_sq = _filter_valid(y * y)
    sigma2_sq -= mu2_sq
    sigma12 = _filter_valid(x * y)
    sigma12 -= mu1_mu2
    # ((2 mu1 mu2 + C1)(2 sigma12 + C2)) / ((mu1^2 + mu2^2 + C1)(sigma1^2 + sigma2^2 + C2))
    num = 2 * mu1_mu2 + c1
    sigma12 *= 2
    sigma12 += c2
    num *= sigma12
    den = mu1_sq + mu2_sq + c1
    sigma1_sq += sigma2_sq
    sigma1_sq += c2
    den *= sigma1_sq
    num /= den
    return num


def ssim(a: np.ndarray, b: np.ndarray, *, data_range: float = 255.0) -> float:
    """Mean SSIM of (H, W) or (H, W, C) images; multi-channel: the mean of per-channel SSIMs."""
    x, y = _pair(a, b)
    if x.ndim == 2:
        return float(np.mean(ssim_map(x, y, data_range=data_range)))
    if x.ndim != 3:
        raise ValueError(f"expected an (H, W) or (H, W, C) image, got shape {x.shape}")
    vals = [np.mean(ssim_map(x[:, :, c], y[:, :, c], data_range=data_range))
            for c in range(x.shape[2])]
    return float(np.mean(vals))
