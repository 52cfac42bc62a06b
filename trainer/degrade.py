"""How LR training inputs are made from HR images.

``bicubic``: the MATLAB-compatible bicubic of the whole modcropped image, exactly as the
benchmark LR files were made, so a network trained here is tuned to what it is scored on.
:func:`bicubic_lr_patch` gives the same pixels from a crop with a margin (for images that
are not cached in RAM).  ``pipeline``: D(I) = (I * k)↓s + n, then JPEG, drawn per patch.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from engine.resize import imresize, modcrop
from trainer.degrade_config import DegradationConfig

# LR pixels of context each side that make a crop's bicubic equal the whole image's: the
# antialiased kernel reaches 2*s + 1 HR pixels, i.e. under 3 LR pixels, for every s >= 2.
BICUBIC_MARGIN = 4


def bicubic_lr(hr: np.ndarray, scale: int) -> np.ndarray:
    """LR of a modcropped HR image: MATLAB-style bicubic, uint8 rounded per pass."""
    return imresize(modcrop(hr, scale), 1.0 / scale)


def bicubic_lr_patch(hr: np.ndarray, scale: int, y: int, x: int, size: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(LR patch at (y, x), aligned HR patch) equal to cropping :func:`bicubic_lr` of the
    whole image, computed from an HR window with a margin (no whole-image resize)."""
    hr = modcrop(hr, scale)
    lh, lw = hr.shape[0] // scale, hr.shape[1] // scale
    y0, x0 = max(0, y - BICUBIC_MARGIN), max(0, x - BICUBIC_MARGIN)
    y1, x1 = min(lh, y + size + BICUBIC_MARGIN), min(lw, x + size + BICUBIC_MARGIN)
    window = hr[y0 * scale:y1 * scale, x0 * scale:x1 * scale]
    lr = imresize(window, 1.0 / scale)[y - y0:y - y0 + size, x - x0:x - x0 + size]
    hr_patch = hr[y * scale:(y + size) * scale, x * scale:(x + size) * scale]
    return lr, hr_patch


def degrade(hr: np.ndarray, scale: int, cfg: DegradationConfig,
            rng: np.random.Generator) -> np.ndarray:
    """One random draw of the pipeline on an (H, W, 3) uint8 patch -> (H/s, W/s, 3) uint8.

    Every random number is drawn whether or not its stage is active, so the generator's
    stream does not depend on the values drawn (simpler to reason about when resuming).
    """
    sigma = rng.uniform(*cfg.blur_sigma)
    noise = rng.uniform(*cfg.noise_sigma)
    quality = int(rng.integers(cfg.jpeg_quality[0], cfg.jpeg_quality[1] + 1)) \
        if cfg.jpeg_quality else 0
    x = hr.astype(np.float32)
    if sigma > 0:
        k = 2 * math.ceil(3 * sigma) + 1
        x = cv2.GaussianBlur(x, (k, k), sigma, borderType=cv2.BORDER_REFLECT_101)
    if cfg.downsample == "nearest":
        x = np.ascontiguousarray(x[::scale, ::scale])
    else:
        x = imresize(x, 1.0 / scale)
    n = rng.standard_normal(x.shape, dtype=np.float32)
    if noise > 0:
        x = x + n * np.float32(noise)
    lr = np.clip(np.floor(x + 0.5), 0, 255).astype(np.uint8)
    if quality:
        ok, buf = cv2.imencode(".jpg", lr[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
        if ok:
            lr = cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1]
    return np.ascontiguousarray(lr)


def random_warp(hr: np.ndarray, size: int, degrees: float, scale_range: list[float],
                perspective: float, rng: np.random.Generator) -> np.ndarray:
    """A ``size`` x ``size`` patch from the centre of ``hr`` after a small random rotation,
    zoom and perspective change (only with the pipeline: LR is made after the warp)."""
    angle = math.radians(rng.uniform(-degrees, degrees))
    zoom = rng.uniform(*scale_range)
    jitter = rng.uniform(-perspective, perspective, size=(4, 2)) * size
    cy, cx = hr.shape[0] / 2, hr.shape[1] / 2
    half = size / 2
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    src = (corners / zoom + jitter) @ rot.T + [cx, cy]
    dst = corners + half
    m = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
    return cv2.warpPerspective(hr, m, (size, size), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REFLECT_101)
