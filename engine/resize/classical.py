"""Classical (non-learned) integer-factor upscalers.

``bicubic`` is the SR protocol's baseline: MATLAB-compatible ``imresize`` (Keys a = -0.5,
replicated edges, integer images rounded after each pass).  It is *not* OpenCV's
``INTER_CUBIC`` (a = -0.75), which is available as ``bicubic-opencv`` for reference.

Every method works on uint8 / uint16 / float (and other integer) images of shape (H, W) or
(H, W, C) for any C, and returns the input's dtype and layout (floats are never clipped).

Every method is local and *tile-exact*: upscaling a tile padded by :func:`context_pixels`
input pixels on each side (clamped at the image border) and cropping the padding gives
bit-identical pixels to upscaling the whole image.  OpenCV computes sample positions in
float32, so at scales that are not powers of two its phases drift with the absolute
position and tiles differ from the whole image by up to 1 level; therefore the OpenCV-kernel
methods call ``cv2.resize`` only when the scale is a power of two (where positions are
exact and the output is bit-identical to ``cv2.resize``) and otherwise use the same kernel
with exact per-phase weights in numpy (within 1 level / ~1e-6 of ``cv2.resize``).
``area`` is pixel replication for integer upscaling, exactly as OpenCV's ``INTER_AREA``.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from engine.errors import UnsupportedModelError
from engine.resize._separable import round_to, separable_resize
from engine.resize.matlab import imresize

__all__ = ["CLASSICAL_METHODS", "UnknownMethodError", "context_pixels", "resize"]


class UnknownMethodError(UnsupportedModelError, ValueError):
    """The classical resize method name is not one of :data:`CLASSICAL_METHODS`."""


CLASSICAL_METHODS: dict[str, str] = {
    "nearest": "Nearest neighbour (pixel replication)",
    "bilinear": "Bilinear (OpenCV INTER_LINEAR)",
    "bicubic": "Bicubic, MATLAB imresize (a = -0.5): the standard SR baseline",
    "bicubic-opencv": "Bicubic, OpenCV INTER_CUBIC (a = -0.75), sharper than MATLAB's",
    "lanczos": "Lanczos, 8x8 taps (OpenCV INTER_LANCZOS4)",
    "area": "Pixel area (OpenCV INTER_AREA; the same as nearest for integer upscaling)",
}

_CONTEXT = {
    "nearest": 0,
    "area": 0,
    "bilinear": 1,
    "bicubic": 2,
    "bicubic-opencv": 2,
    "lanczos": 4,
}


def _linear(x: np.ndarray) -> np.ndarray:
    return np.maximum(0.0, 1.0 - np.abs(x))


def _cubic_opencv(x: np.ndarray) -> np.ndarray:
    a = -0.75
    ax = np.abs(x)
    ax2, ax3 = ax * ax, ax * ax * ax
    return np.where(ax <= 1, (a + 2) * ax3 - (a + 3) * ax2 + 1,
                    np.where(ax < 2, a * ax3 - 5 * a * ax2 + 8 * a * ax - 4 * a, 0.0))


def _lanczos4(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < 4, np.sinc(x) * np.sinc(x / 4), 0.0)


# method -> (cv2 flag, numpy kernel, kernel radius in input pixels)
_OPENCV_KERNELS: dict[str, tuple[int, Callable[[np.ndarray], np.ndarray], int]] = {
    "bilinear": (cv2.INTER_LINEAR, _linear, 1),
    "bicubic-opencv": (cv2.INTER_CUBIC, _cubic_opencv, 2),
    "lanczos": (cv2.INTER_LANCZOS4, _lanczos4, 4),
}

_CV2_NATIVE = {np.dtype(t) for t in (np.uint8, np.uint16, np.int16, np.float32, np.float64)}


def _check_method(method: str) -> str:
    if method not in CLASSICAL_METHODS:
        known = ", ".join(CLASSICAL_METHODS)
        raise UnknownMethodError(f"unknown resize method {method!r}; choose one of: {known}")
    return method


def context_pixels(method: str) -> int:
    """Input pixels of context each side of a tile so that tiled upscaling equals whole."""
    return _CONTEXT[_check_method(method)]


def phase_table(in_length: int, scale: int, kernel: Callable[[np.ndarray], np.ndarray],
                radius: int) -> tuple[np.ndarray, np.ndarray]:
    """(weights, indices) for integer upscaling with half-pixel centres and clamped edges.

    Output pixel ``j = scale * i + p`` samples input position ``i + (2p + 1 - scale) / (2 scale)``
    with the ``2 * radius`` taps around it; the weights (normalised) depend on ``p`` only.
    """
    s = scale
    fnum = 2 * np.arange(s, dtype=np.int64) + 1 - s         # phase offset * 2s
    fl = fnum // (2 * s)                                     # floor of the phase offset
    offs = np.arange(-radius + 1, radius + 1, dtype=np.int64)
    tap = fl[:, None] + offs[None, :]                        # tap position relative to i
    w = kernel((fnum[:, None] - tap * (2 * s)) / (2 * s))
    w = w / w.sum(axis=1, keepdims=True)
    i, p = np.divmod(np.arange(in_length * s, dtype=np.int64), s)
    idx = np.clip(i[:, None] + tap[p], 0, in_length - 1)
    return np.ascontiguousarray(w[p]), idx


def _cv2_resize(arr: np.ndarray, scale: int, flag: int) -> np.ndarray:
    h, w = arr.shape[:2]
    dsize = (w * scale, h * scale)
    if arr.ndim == 2:
        return cv2.resize(arr, dsize, interpolation=flag)
    parts = []
    for c0 in range(0, arr.shape[2], 4):  # cv2 handles at most 4 channels on every path
        chunk = np.ascontiguousarray(arr[:, :, c0:c0 + 4])
        res = cv2.resize(chunk, dsize, interpolation=flag)
        parts.append(res[:, :, None] if res.ndim == 2 else res)
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=2)


def _opencv_kernel_resize(arr: np.ndarray, scale: int, method: str) -> np.ndarray:
    flag, kernel, radius = _OPENCV_KERNELS[method]
    if scale & (scale - 1) == 0:  # power of two: cv2's float32 positions are exact
        if arr.dtype in _CV2_NATIVE:
            return _cv2_resize(np.ascontiguousarray(arr), scale, flag)
        if np.issubdtype(arr.dtype, np.floating):            # float16
            return _cv2_resize(arr.astype(np.float32), scale, flag).astype(arr.dtype)
        return round_to(_cv2_resize(arr.astype(np.float64), scale, flag), arr.dtype)
    rows = phase_table(arr.shape[0], scale, kernel, radius)
    cols = phase_table(arr.shape[1], scale, kernel, radius)
    return separable_resize(arr, rows, cols, round_mid=False)


def resize(img: np.ndarray, scale: int, method: str) -> np.ndarray:
    """Upscale an (H, W) or (H, W, C) image by the integer ``scale`` with ``method``.

    Methods: see :data:`CLASSICAL_METHODS`.  The output has shape (H*scale, W*scale[, C]) and
    the input's dtype; float images are not clipped.
    """
    _check_method(method)
    if isinstance(scale, bool) or int(scale) != scale or int(scale) < 1:
        raise ValueError(f"scale must be a positive integer, got {scale!r}")
    scale = int(scale)
    arr = np.asarray(img)
    if arr.ndim not in (2, 3):
        raise ValueError(f"expected an (H, W) or (H, W, C) image, got shape {arr.shape}")
    if arr.dtype == np.bool_ or not (np.issubdtype(arr.dtype, np.integer)
                                     or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"unsupported image dtype {arr.dtype}")
    if arr.shape[0] < 1 or arr.shape[1] < 1 or (arr.ndim == 3 and arr.shape[2] < 1):
        raise ValueError(f"cannot resize an empty image of shape {arr.shape}")
    if scale == 1:
        return arr.copy()
    if method in ("nearest", "area"):
        return np.repeat(np.repeat(arr, scale, axis=0), scale, axis=1)
    if method == "bicubic":
        return imresize(arr, scale)
    return _opencv_kernel_resize(arr, scale, method)
