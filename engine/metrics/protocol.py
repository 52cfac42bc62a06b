"""The super-resolution evaluation protocol (as in the SR literature's MATLAB scripts).

* SR and HR are 8-bit images; HR is cropped from the top-left to the SR size
  (:func:`align_for_eval`).
* ``scale`` pixels are shaved from every border before scoring.
* PSNR-Y / SSIM-Y are computed on BT.601 luma in float64 on the 0..255 scale, exactly as
  MATLAB's ``rgb2ycbcr`` on ``double(img)``: ``Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255``,
  not rounded.  Single-channel (grey) images are scored on their raw values, and their
  RGB metrics are the same as their Y metrics.
* PSNR-RGB is over all pixels and channels jointly; SSIM-RGB is the mean of per-channel SSIMs;
  MAE and MSE are over the shaved RGB (or grey) values on the 0..255 scale.
"""

from __future__ import annotations

import numpy as np

from engine.metrics.image import mae, mse, psnr, ssim

__all__ = ["align_for_eval", "luma_y", "sr_metrics"]

_Y_COEFFS = np.array([65.481, 128.553, 24.966], dtype=np.float64)


def luma_y(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) RGB on the 0..255 scale -> float64 BT.601 Y in [16, 235] (not rounded)."""
    rgb = np.asarray(rgb, dtype=np.float64)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"luma_y takes (H, W, 3) RGB, got shape {rgb.shape}")
    return 16.0 + (rgb @ _Y_COEFFS) / 255.0


def _as_planes(img: np.ndarray, name: str) -> np.ndarray:
    arr = np.asarray(img)
    if arr.dtype != np.uint8:
        raise ValueError(f"{name} must be uint8 (the protocol scores 8-bit images), "
                         f"got {arr.dtype}; quantise it first")
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)):
        raise ValueError(f"{name} must be (H, W), (H, W, 1) or (H, W, 3), got {arr.shape}")
    return arr


def align_for_eval(sr: np.ndarray, hr_full: np.ndarray,
                   scale: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(sr, hr_full[:h, :w])`` where (h, w) is the SR size.

    An SR output of ``LR = modcrop(HR, scale) / scale`` is at most ``scale - 1`` pixels
    smaller than the full HR in each dimension; a larger gap (or an SR bigger than the HR)
    means SR and HR do not belong together, and raises ``ValueError``.
    """
    sr = np.asarray(sr)
    hr = np.asarray(hr_full)
    h, w = sr.shape[:2]
    big_h, big_w = hr.shape[:2]
    if h > big_h or w > big_w or big_h - h >= scale or big_w - w >= scale:
        raise ValueError(f"SR size {w}x{h} does not match HR size {big_w}x{big_h} "
                         f"at scale x{scale}")
    return sr, hr[:h, :w]


def sr_metrics(sr: np.ndarray, hr: np.ndarray, scale: int) -> dict[str, float]:
    """Protocol metrics of a uint8 SR image against its (aligned) uint8 HR image.

    Returns ``{'psnr_y', 'ssim_y', 'psnr_rgb', 'ssim_rgb', 'mae', 'mse'}`` after shaving
    ``scale`` pixels from each border.  Inputs: (H, W, 3), (H, W) or (H, W, 1), same size.
    """
    a = _as_planes(sr, "sr")
    b = _as_planes(hr, "hr")
    if a.shape != b.shape:
        raise ValueError(f"SR and HR differ in shape: {a.shape} vs {b.shape}; "
                         "use align_for_eval first")
    s = int(scale)
    if s < 0:
        raise ValueError(f"scale must be >= 0, got {scale}")
    h, w = a.shape[:2]
    if h - 2 * s < 1 or w - 2 * s < 1:
        raise ValueError(f"image {w}x{h} is too small to shave {s} pixels per border")
    a = a[s:h - s, s:w - s].astype(np.float64)
    b = b[s:h - s, s:w - s].astype(np.float64)
    if a.ndim == 2:
        p, q = psnr(a, b), ssim(a, b)
        return {"psnr_y": p, "ssim_y": q, "psnr_rgb": p, "ssim_rgb": q,
                "mae": mae(a, b), "mse": mse(a, b)}
    ya, yb = luma_y(a), luma_y(b)
    return {
        "psnr_y": psnr(ya, yb),
        "ssim_y": ssim(ya, yb),
        "psnr_rgb": psnr(a, b),
        "ssim_rgb": ssim(a, b),
        "mae": mae(a, b),
        "mse": mse(a, b),
    }
