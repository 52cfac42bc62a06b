"""Is a picture clean, or does it carry compression or noise?  ``auto`` asks this.

Models trained on clean bicubic downscales sharpen JPEG blocks and sensor noise; the
``photo`` models were trained to remove them, and cost detail on a clean picture.  So
``--model auto`` looks at each input first:

* a JPEG file: its quality, estimated from the luma quantisation table (the IJG scaling
  every camera and web encoder follows closely enough);
* any file: the blockiness of its 8x8 grid (a PNG screenshot or video frame of a JPEG);
* noise: the deviation of Immerkaer's Laplacian-difference residual, measured on the
  flattest blocks of the luma so texture is not taken for noise.

Torch-free and fast (the picture is reduced to at most ~1 MP of luma first).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# JPEG Annex K luminance table; the IJG encoder scales it by S = 5000/Q (Q < 50) or 200-2Q
_STD_LUMA_SUM = sum((
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99))

JPEG_PHOTO_BELOW = 93      # JPEG quality under which a picture counts as compressed
NOISE_PHOTO_ABOVE = 3.0    # luma noise (8-bit levels) over which a picture counts as noisy
BLOCKINESS_PHOTO_ABOVE = 1.25  # grid-edge / elsewhere gradient ratio of a blocky picture


@dataclass(frozen=True)
class ContentReport:
    """What :func:`assess_content` saw; ``degraded`` is the decision ``auto`` uses."""

    jpeg_quality: int | None     # estimated quality of a JPEG file, else None
    noise_sigma: float           # 8-bit levels on the flattest blocks
    blockiness: float            # 1.0 means no 8x8 grid
    degraded: bool
    reason: str                  # for the user: 'JPEG, quality ≈ 70' or 'clean'


def jpeg_quality_from_table(table: list[int] | tuple[int, ...]) -> int:
    """The IJG quality (1-100) whose scaled standard luma table is closest to ``table``
    (in any coefficient order: only the sum is used)."""
    s = 100.0 * float(sum(table)) / _STD_LUMA_SUM
    q = 5000.0 / s if s > 100 else (200.0 - s) / 2.0
    return int(min(100, max(1, round(q))))


def jpeg_quality(path: str | os.PathLike[str]) -> int | None:
    """The estimated quality of a JPEG file, None for other formats (header only)."""
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as im:
            if im.format != "JPEG":
                return None
            tables = getattr(im, "quantization", None) or {}
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    if 0 not in tables:
        return None
    return jpeg_quality_from_table(list(tables[0]))


def _luma(pixels: np.ndarray) -> np.ndarray:
    x = pixels.astype(np.float32)
    if pixels.dtype == np.uint16:
        x /= 257.0
    if x.ndim == 3 and x.shape[2] >= 3:
        x = 0.299 * x[..., 0] + 0.587 * x[..., 1] + 0.114 * x[..., 2]
    elif x.ndim == 3:
        x = x[..., 0]
    return x


def noise_sigma(luma: np.ndarray, block: int = 16, fraction: float = 0.1) -> float:
    """Noise deviation in levels: Immerkaer's estimate, sqrt(pi/2)/6 * mean|I * M| with the
    3x3 Laplacian-difference mask M, taken on the ``fraction`` of ``block``-sized blocks
    where it is lowest (the flat areas; the median of those, so one saturated patch of
    sky does not read as noiseless)."""
    x = luma.astype(np.float32)
    if min(x.shape) < 3:
        return 0.0
    r = (x[:-2, :-2] - 2 * x[:-2, 1:-1] + x[:-2, 2:]
         - 2 * x[1:-1, :-2] + 4 * x[1:-1, 1:-1] - 2 * x[1:-1, 2:]
         + x[2:, :-2] - 2 * x[2:, 1:-1] + x[2:, 2:])
    a = np.abs(r)
    h, w = (a.shape[0] // block) * block, (a.shape[1] // block) * block
    if h == 0 or w == 0:
        return float(math.sqrt(math.pi / 2) / 6 * a.mean())
    per_block = a[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    vals = np.sort(per_block.ravel())
    # skip blocks that are exactly flat (clipped highlights, borders): they hold no noise
    vals = vals[vals > 1e-3] if np.any(vals > 1e-3) else vals
    k = max(1, int(len(vals) * fraction))
    return float(math.sqrt(math.pi / 2) / 6 * np.median(vals[:k]))


def blockiness(luma: np.ndarray) -> float:
    """The typical |step| across 8x8 grid lines over the typical step elsewhere, on the
    grid phase where it is largest (a cropped JPEG's grid may not start at 0).  Means of
    the steps between the median and the 90th percentile: a few strong edges that happen
    to lie on the grid do not count, the small steps of flat compressed blocks do."""
    x = luma.astype(np.float32)
    if min(x.shape) < 32:
        return 1.0

    def ratio(d: np.ndarray) -> float:
        n = (d.shape[1] // 8) * 8
        if n < 16:
            return 1.0
        a = np.abs(d[:, :n]).reshape(d.shape[0], -1, 8)
        a = np.moveaxis(a, 2, 0).reshape(8, -1)  # the steps of each grid phase
        lo, hi = np.percentile(a, [50, 90], axis=1)
        inside = (a >= lo[:, None]) & (a <= hi[:, None])
        level = np.where(inside, a, 0).sum(axis=1) / np.maximum(inside.sum(axis=1), 1)
        phase = int(np.argmax(level))
        others = np.delete(level, phase).mean()
        return float(level[phase] / others) if others > 1e-3 else 1.0

    return (ratio(np.diff(x, axis=1)) + ratio(np.diff(x, axis=0).T)) / 2.0


def _reduced(pixels: np.ndarray, max_pixels: int = 1_200_000) -> np.ndarray:
    """A centre crop of at most ``max_pixels`` (kept at full resolution: downscaling
    would average the noise and the 8x8 grid away)."""
    h, w = pixels.shape[:2]
    if h * w <= max_pixels:
        return pixels
    side = int(math.sqrt(max_pixels))
    ch, cw = min(h, side), min(w, max_pixels // min(h, side))
    y0, x0 = (h - ch) // 2, (w - cw) // 2
    return pixels[y0:y0 + ch, x0:x0 + cw]


def assess_pixels(pixels: np.ndarray, jpeg_q: int | None = None) -> ContentReport:
    """Decide from decoded pixels (and a JPEG quality when the file was a JPEG)."""
    luma = _luma(_reduced(pixels))
    sigma = noise_sigma(luma)
    block = blockiness(luma)
    reasons = []
    if jpeg_q is not None and jpeg_q < JPEG_PHOTO_BELOW:
        reasons.append(f"JPEG, quality ≈ {jpeg_q}")
    elif block > BLOCKINESS_PHOTO_ABOVE:
        reasons.append("8x8 compression blocks")
    if sigma > NOISE_PHOTO_ABOVE:
        reasons.append(f"noise ≈ {sigma:.1f} levels")
    return ContentReport(jpeg_quality=jpeg_q, noise_sigma=sigma, blockiness=block,
                         degraded=bool(reasons), reason=", ".join(reasons) or "clean")


def assess_content(path: str | os.PathLike[str]) -> ContentReport:
    """Read ``path`` and assess it; raises the reader's one-line errors."""
    from engine.io import read_image
    img = read_image(Path(path))
    return assess_pixels(img.pixels, jpeg_quality(path))
