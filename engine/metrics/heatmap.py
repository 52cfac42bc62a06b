"""Absolute-difference heat maps: where two images disagree, as a false-colour picture.

The GUI's self-check shows |SR - HR| so a user can see *where* a model gains or loses
against bicubic (edges, textures, flat areas).  Differences are measured on BT.601 luma
(the channel the SR protocol scores) for colour images, on the raw values for gray ones.
No Qt here: the GUI only converts the returned uint8 RGB array to a QImage.
"""

from __future__ import annotations

import numpy as np

from engine.metrics.protocol import luma_y

__all__ = ["HEATMAP_ANCHORS", "abs_diff", "abs_diff_heatmap", "colormap_lut"]

#: Colour anchors of the map (black -> purple -> orange -> pale yellow, like 'inferno').
HEATMAP_ANCHORS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.00, (0, 0, 4)),
    (0.25, (87, 16, 110)),
    (0.50, (188, 55, 84)),
    (0.75, (249, 142, 9)),
    (1.00, (252, 255, 164)),
)


def colormap_lut() -> np.ndarray:
    """(256, 3) uint8 lookup table interpolated between :data:`HEATMAP_ANCHORS`."""
    pos = np.array([p for p, _ in HEATMAP_ANCHORS])
    cols = np.array([c for _, c in HEATMAP_ANCHORS], dtype=np.float64)
    x = np.linspace(0.0, 1.0, 256)
    lut = np.stack([np.interp(x, pos, cols[:, k]) for k in range(3)], axis=1)
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def _plane(img: np.ndarray) -> np.ndarray:
    arr = np.asarray(img)
    if arr.dtype == np.uint16:
        arr = arr.astype(np.float64) / 257.0
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim == 3 and arr.shape[2] >= 3:
        return luma_y(arr[:, :, :3].astype(np.float64))
    return arr.astype(np.float64)


def abs_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(H, W) float64 |Y(a) - Y(b)| on the 8-bit scale; the images must have one size."""
    if a.shape[:2] != b.shape[:2]:
        raise ValueError(f"images differ in size: {a.shape[:2]} vs {b.shape[:2]}")
    return np.abs(_plane(a) - _plane(b))


def abs_diff_heatmap(a: np.ndarray, b: np.ndarray, gain: float = 8.0) -> np.ndarray:
    """(H, W, 3) uint8 false-colour map of ``gain * |Y(a) - Y(b)|`` (clipped at 255).

    A gain of 8 makes a 32-level error full scale: typical SR errors (a few levels) stay
    visible while flat, correct areas stay black.
    """
    d = np.clip(abs_diff(a, b) * float(gain), 0, 255).astype(np.uint8)
    return colormap_lut()[d]
