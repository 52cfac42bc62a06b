"""MATLAB-compatible bicubic ``imresize`` in numpy (the SR evaluation protocol's resizer).

This reproduces MATLAB's ``imresize(img, scale, 'bicubic')``:

* Keys' cubic kernel with a = -0.5 (MATLAB's ``cubic``), support 4;
* when shrinking with antialiasing the kernel is stretched by 1/scale
  (``h(x) = scale * cubic(scale * x)``, width ``4 / scale``);
* output pixel ``x`` (1-based) samples input position ``u = x / scale + 0.5 * (1 - 1 / scale)``;
  ``P = ceil(width) + 2`` taps starting at ``floor(u - width / 2)``; weights normalised to sum 1;
  tap columns that are zero for every output pixel are dropped (MATLAB's ``contributions``);
* edges are **replicated** (out-of-range indices are clamped).  MATLAB itself mirrors;
  the benchmark LR files in ``shared/data`` were made with clamped indices, and the two
  differ only in the outermost one or two pixels;
* the dimension with the smaller scale is resized first (MATLAB's ``sort(scale)``; for equal
  scales: rows, then columns);
* integer images are rounded back to their dtype after **each** pass (ties away from zero,
  saturating), as MATLAB does; float images are never rounded or clipped.

Weights are evaluated in float64 (sample positions in exact integer arithmetic for rational
scales) and applied as gathered weighted sums, tap by tap, in chunks of output rows
so memory stays bounded for large images (see :mod:`engine.resize._separable`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from engine.resize._separable import separable_resize

__all__ = ["contributions", "cubic", "imresize", "modcrop"]

_KERNEL_WIDTH = 4.0


def cubic(x: np.ndarray) -> np.ndarray:
    """Keys' cubic convolution kernel with a = -0.5, written exactly as MATLAB's ``cubic``."""
    absx = np.abs(np.asarray(x, dtype=np.float64))
    absx2 = absx * absx
    absx3 = absx2 * absx
    return ((1.5 * absx3 - 2.5 * absx2 + 1) * (absx <= 1)
            + (-0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2) * ((1 < absx) & (absx <= 2)))


def _as_fraction(scale: float | Fraction) -> Fraction | None:
    """``scale`` as an exact small-denominator fraction (1/3, 3/4, 0.1 ...), else None."""
    if isinstance(scale, Fraction):
        return scale
    f = Fraction(scale).limit_denominator(1_000_000)
    return f if float(f) == float(scale) else None


def contributions(in_length: int, out_length: int, scale: float | Fraction,
                  antialiasing: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per-output-pixel weights and 0-based input indices along one axis.

    Returns ``(weights, indices)``, both ``(out_length, taps)``: output pixel ``i`` is
    ``sum_t weights[i, t] * input[indices[i, t]]``.  Indices are clamped to the valid range
    (replicated edges); all-zero tap columns are dropped.

    When ``scale`` is a fraction n/d (a ``Fraction``, or a float equal to one with
    d <= 10^6: 4, 1/3, 0.75 ...) sample positions are computed in exact integer arithmetic,
    so the weights are exactly periodic (equal for every output pixel of the same phase) and
    a tile of an image gets bit-identical weights to the whole image.  Other scales use
    MATLAB's float formula.
    """
    if in_length < 1 or out_length < 1:
        raise ValueError(f"cannot resize a length-{in_length} axis to length {out_length}")
    frac = _as_fraction(scale)
    fscale = float(scale)
    if not (math.isfinite(fscale) and fscale > 0):
        raise ValueError(f"scale must be positive and finite, got {scale!r}")
    aa = fscale < 1 and antialiasing
    if frac is not None:
        n, d = frac.numerator, frac.denominator
        x = np.arange(1, out_length + 1, dtype=np.int64)
        num = 2 * x * d + n - d             # u = x/scale + (1 - 1/scale)/2 = num / (2n)
        if aa:                              # kernel width 4/scale = 4d/n
            left = (num - 4 * d) // (2 * n)
            p = -(-4 * d // n) + 2
        else:                               # kernel width 4
            left = (num - 4 * n) // (2 * n)
            p = 6
        idx1 = left[:, None] + np.arange(p, dtype=np.int64)[None, :]
        rnum = (num[:, None] - idx1 * (2 * n)).astype(np.float64)   # (u - j) * 2n, exact
        weights = fscale * cubic(rnum / (2 * d)) if aa else cubic(rnum / (2 * n))
    else:
        kernel_width = _KERNEL_WIDTH / fscale if aa else _KERNEL_WIDTH
        xf = np.arange(1, out_length + 1, dtype=np.float64)
        u = xf / fscale + 0.5 * (1 - 1 / fscale)
        leftf = np.floor(u - kernel_width / 2)
        p = int(math.ceil(kernel_width)) + 2
        idxf = leftf[:, None] + np.arange(p, dtype=np.float64)[None, :]
        weights = fscale * cubic(fscale * (u[:, None] - idxf)) if aa else cubic(u[:, None] - idxf)
        idx1 = idxf.astype(np.int64)
    weights = weights / np.sum(weights, axis=1, keepdims=True)
    idx = np.clip(idx1 - 1, 0, in_length - 1)
    keep = np.any(weights != 0, axis=0)
    return np.ascontiguousarray(weights[:, keep]), np.ascontiguousarray(idx[:, keep])


def _scale_pair(scale: float | Sequence[float]) -> tuple[float, float]:
    if isinstance(scale, (int, float, np.integer, np.floating, Fraction)):
        pair = (float(scale), float(scale))
    else:
        if len(scale) != 2:
            raise ValueError(f"scale must be a number or a (row, column) pair, got {scale!r}")
        pair = (float(scale[0]), float(scale[1]))
    if not all(math.isfinite(s) and s > 0 for s in pair):
        raise ValueError(f"scale must be positive and finite, got {scale!r}")
    return pair


def _ceil_len(n: int, s: float) -> int:
    """MATLAB's ``ceil(n * scale)``, tolerant of float error (321 * (1/3) -> 107)."""
    v = n * s
    r = round(v)
    if abs(v - r) <= 1e-9 * max(1.0, abs(v)):
        return max(1, int(r))
    return max(1, math.ceil(v))


def _plan(in_shape: tuple[int, int], scale: float | Sequence[float] | None,
          output_shape: Sequence[int] | None) -> tuple[tuple[int, int],
                                                       tuple[float | Fraction, ...]]:
    """Output (h, w) and the per-axis scales, as MATLAB's imresize derives them."""
    if output_shape is not None:
        if len(output_shape) != 2:
            raise ValueError(f"output_shape must be (height, width), got {output_shape!r}")
        out = (int(output_shape[0]), int(output_shape[1]))
        if min(out) < 1:
            raise ValueError(f"output_shape must be positive, got {output_shape!r}")
        if scale is None:
            return out, (Fraction(out[0], in_shape[0]), Fraction(out[1], in_shape[1]))
        return out, _scale_pair(scale)
    if scale is None:
        raise ValueError("give either scale or output_shape")
    scales = _scale_pair(scale)
    return (_ceil_len(in_shape[0], scales[0]), _ceil_len(in_shape[1], scales[1])), scales


def imresize(img: np.ndarray, scale: float | tuple[float, float] | None = None, *,
             output_shape: tuple[int, int] | None = None, antialiasing: bool = True,
             round_each_pass: bool = True) -> np.ndarray:
    """MATLAB-style bicubic resize of an (H, W) or (H, W, C) image.

    ``scale`` (a number, or a (rows, columns) pair) gives an output of
    ``ceil(H * scale) x ceil(W * scale)``; ``output_shape=(h, w)`` sets the size directly (then
    the per-axis scale is ``h / H`` and ``w / W`` unless ``scale`` is also given, as in MATLAB).
    Integer inputs return the same dtype, rounded (half away from zero) and clipped after each
    pass, or only at the end with ``round_each_pass=False``.  Float inputs return the same
    float dtype, unrounded and unclipped (computed in float64).
    """
    arr = np.asarray(img)
    if arr.ndim not in (2, 3):
        raise ValueError(f"expected an (H, W) or (H, W, C) image, got shape {arr.shape}")
    if arr.dtype == np.bool_ or not (np.issubdtype(arr.dtype, np.integer)
                                     or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"unsupported image dtype {arr.dtype}")
    h, w = arr.shape[:2]
    if h < 1 or w < 1 or (arr.ndim == 3 and arr.shape[2] < 1):
        raise ValueError(f"cannot resize an empty image of shape {arr.shape}")
    out_shape, scales = _plan((h, w), scale, output_shape)

    tables: list[tuple[np.ndarray, np.ndarray] | None] = []
    for dim in (0, 1):
        if out_shape[dim] == arr.shape[dim] and float(scales[dim]) == 1.0:
            tables.append(None)
        else:
            tables.append(contributions(arr.shape[dim], out_shape[dim], scales[dim],
                                        antialiasing))
    if tables[0] is None and tables[1] is None:
        return arr.copy()
    # MATLAB: [~, order] = sort(scale) -- the smaller scale first, rows on ties
    if float(scales[1]) < float(scales[0]):
        res = separable_resize(arr.swapaxes(0, 1), tables[1], tables[0],
                               round_mid=round_each_pass)
        return np.ascontiguousarray(res.swapaxes(0, 1))
    return separable_resize(arr, tables[0], tables[1], round_mid=round_each_pass)


def modcrop(img: np.ndarray, k: int) -> np.ndarray:
    """Crop an (H, W[, C]) image from the top-left to a multiple of ``k`` in H and W."""
    k = int(k)
    if k < 1:
        raise ValueError(f"modcrop factor must be >= 1, got {k}")
    arr = np.asarray(img)
    h, w = arr.shape[:2]
    return arr[: h - h % k, : w - w % k]
