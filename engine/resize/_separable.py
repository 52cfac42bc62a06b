"""Separable resampling with precomputed per-axis (weights, indices) tables.

Shared by the MATLAB ``imresize`` port and the classical upscalers.  Output pixel ``i`` along an
axis is ``sum_t weights[i, t] * input[indices[i, t]]`` (tap order fixed, float64), rows pass
first, then columns.  Work proceeds in chunks of output rows, so the float64 temporaries stay
small (tens of MB) whatever the image size; the result is allocated once, in the final dtype.
"""

from __future__ import annotations

import numpy as np

_CHUNK_BYTES = 24 * 1024 * 1024

AxisTable = tuple[np.ndarray, np.ndarray] | None
"""(weights, indices), both (out_length, taps); None leaves the axis unchanged."""


def round_to(acc: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Round half away from zero, saturate, cast to the integer ``dtype``."""
    info = np.iinfo(dtype)
    out = np.floor(np.abs(acc) + 0.5)
    np.copysign(out, acc, out=out)
    np.clip(out, info.min, info.max, out=out)
    return out.astype(dtype)


def _round_inplace(acc: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Like :func:`round_to` but stays float64 (values exactly representable in ``dtype``)."""
    info = np.iinfo(dtype)
    sign = np.sign(acc)
    np.abs(acc, out=acc)
    acc += 0.5
    np.floor(acc, out=acc)
    acc *= sign
    np.clip(acc, info.min, info.max, out=acc)
    return acc


def _apply_rows(flat: np.ndarray, weights: np.ndarray, indices: np.ndarray,
                out: np.ndarray, tmp: np.ndarray) -> None:
    """out[i] = sum_t weights[i, t] * flat[indices[i, t]] for a chunk (flat is (L, N))."""
    for t in range(weights.shape[1]):
        w = weights[:, t, None]
        g = flat[indices[:, t]]
        if t == 0:
            np.multiply(w, g, out=out)
        else:
            np.multiply(w, g, out=tmp)
            out += tmp


def separable_resize(arr: np.ndarray, rows: AxisTable, cols: AxisTable, *,
                     round_mid: bool) -> np.ndarray:
    """Resize an (H, W) or (H, W, C) array: rows pass (``rows``), then columns pass (``cols``).

    Integer inputs give the same dtype, rounded half away from zero and saturated at the end,
    and also after the rows pass when ``round_mid``.  Float inputs give the same float dtype,
    computed in float64, never rounded or clipped.
    """
    squeeze = arr.ndim == 2
    a3 = arr[:, :, None] if squeeze else arr
    h, w, c = a3.shape
    integer = np.issubdtype(arr.dtype, np.integer)
    out_h = rows[0].shape[0] if rows is not None else h
    out_w = cols[0].shape[0] if cols is not None else w
    out = np.empty((out_h, out_w, c), dtype=arr.dtype)

    if rows is not None:
        flat = np.ascontiguousarray(a3).reshape(h, w * c)
    widest = max(w, out_w) * c
    step = max(1, min(out_h, _CHUNK_BYTES // (8 * widest)))
    # flat buffers, so that every per-chunk view below is C-contiguous
    if rows is not None:
        mid_buf = np.empty(step * w * c, dtype=np.float64)
        mid_tmp = np.empty_like(mid_buf)
    if cols is not None:
        col_in = np.empty(w * step * c, dtype=np.float64)
        col_buf = np.empty(out_w * step * c, dtype=np.float64)
        col_tmp = np.empty_like(col_buf)

    for r0 in range(0, out_h, step):
        r1 = min(out_h, r0 + step)
        n = r1 - r0
        if rows is not None:
            mid = mid_buf[: n * w * c].reshape(n, w * c)
            _apply_rows(flat, rows[0][r0:r1], rows[1][r0:r1], mid,
                        mid_tmp[: n * w * c].reshape(n, w * c))
            if integer and round_mid and cols is not None:
                _round_inplace(mid, arr.dtype)
            mid3 = mid.reshape(n, w, c)
        else:
            mid3 = a3[r0:r1]
        if cols is not None:
            # gather contiguous rows of the transposed chunk: (W, n*C) -> (W_out, n*C)
            src = col_in[: w * n * c].reshape(w, n * c)
            src.reshape(w, n, c)[...] = mid3.transpose(1, 0, 2)
            dst = col_buf[: out_w * n * c].reshape(out_w, n * c)
            _apply_rows(src, cols[0], cols[1], dst,
                        col_tmp[: out_w * n * c].reshape(out_w, n * c))
            res = dst.reshape(out_w, n, c).transpose(1, 0, 2)
        else:
            res = mid3
        out[r0:r1] = round_to(res, arr.dtype) if integer else res
    return out[:, :, 0] if squeeze else out
