"""Raised-cosine seam weights that form a partition of unity along each axis.

Around every interior boundary ``b`` (output pixels) the tile before it fades out and the
tile after it fades in over ``[b - r, b + r)``; the two weights add up to one, so the
separable 2-D weights of the (up to four) tiles that cover a pixel add up to one too and
the output needs no normalisation pass.
"""

from __future__ import annotations

import numpy as np


def fade_out(r: int) -> np.ndarray:
    """Weights of the earlier tile over the 2r pixels of a seam (1 -> 0)."""
    if r <= 0:
        return np.zeros(0, dtype=np.float32)
    t = (np.arange(2 * r, dtype=np.float64) + 0.5) / (2 * r)
    return (0.5 * (1.0 + np.cos(np.pi * t))).astype(np.float32)


def axis_weights(start: int, stop: int, lo_seam: int | None, hi_seam: int | None,
                 r: int) -> np.ndarray:
    """Weights for output positions [start, stop) of a tile whose seams are at
    ``lo_seam`` (fade in) and ``hi_seam`` (fade out); None means an image edge."""
    w = np.ones(stop - start, dtype=np.float32)
    if lo_seam is not None and r > 0:
        a, b = lo_seam - r - start, lo_seam + r - start
        w[max(a, 0):max(b, 0)] = (1.0 - fade_out(r))[max(0, -a):max(0, -a) + max(b, 0) - max(a, 0)]
        w[:max(a, 0)] = 0.0
    if hi_seam is not None and r > 0:
        a, b = hi_seam - r - start, hi_seam + r - start
        seg = fade_out(r)[max(0, -a):]
        lo, hi = max(a, 0), min(b, stop - start)
        w[lo:hi] *= seg[:hi - lo]
        w[hi:] = 0.0
    return w
