"""A displayable image: the pixel array, a pyramid of halved levels, lazy 512² QImage tiles.

A 100-megapixel output must pan and zoom smoothly, so a repaint never converts the whole
image: it asks for the few tiles that intersect the viewport, from the pyramid level that
is closest to the screen resolution.  Tiles are converted on first use and kept in a small
LRU cache.  The pyramid is built where the image is made (a worker thread), and a live
preview is updated band by band from the worker with :meth:`TiledImage.update_rows`.

Arrays are only *converted* for display here (16-bit to 8-bit, gray+alpha to RGBA); the
halving of pyramid levels is plain area averaging by OpenCV.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from PySide6.QtGui import QImage

TILE = 512
MIN_LEVEL_SIDE = 512        # stop halving once the image fits in this many pixels
CACHE_TILES = 128           # ~100 MB of RGBA tiles at most per image


def _halve(arr: np.ndarray) -> np.ndarray:
    """Area-average 2x2 blocks (odd trailing row/column dropped)."""
    import cv2
    h, w = arr.shape[0] // 2, arr.shape[1] // 2
    src = np.ascontiguousarray(arr[: 2 * h, : 2 * w])
    out = cv2.resize(src, (w, h), interpolation=cv2.INTER_AREA)
    return out.reshape(h, w, arr.shape[2]) if out.ndim == 2 else out


def to_display(arr: np.ndarray) -> tuple[np.ndarray, QImage.Format]:
    """Contiguous 8-bit array and the QImage format to show it (display only)."""
    if arr.ndim == 2:
        arr = arr[:, :, None]
    if arr.dtype == np.uint16:
        arr = (arr >> 8).astype(np.uint8)
    elif arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    c = arr.shape[2]
    if c == 1:
        return np.ascontiguousarray(arr[:, :, 0]), QImage.Format.Format_Grayscale8
    if c == 2:  # gray + alpha
        g, a = arr[:, :, 0], arr[:, :, 1]
        return np.ascontiguousarray(np.dstack([g, g, g, a])), QImage.Format.Format_RGBA8888
    if c == 3:
        return np.ascontiguousarray(arr), QImage.Format.Format_RGB888
    return np.ascontiguousarray(arr[:, :, :4]), QImage.Format.Format_RGBA8888


def array_to_qimage(arr: np.ndarray) -> QImage:
    """A QImage that owns a copy of ``arr`` (safe after ``arr`` is gone)."""
    data, fmt = to_display(arr)
    h, w = data.shape[:2]
    img = QImage(data.data, w, h, data.strides[0], fmt)
    return img.copy()


def _level_sizes(height: int, width: int) -> list[tuple[int, int]]:
    """(h, w) of every pyramid level: halved until it fits in MIN_LEVEL_SIDE."""
    sizes = [(height, width)]
    while max(sizes[-1]) > MIN_LEVEL_SIDE and min(sizes[-1]) >= 2:
        sizes.append((sizes[-1][0] // 2, sizes[-1][1] // 2))
    return sizes


class TiledImage:
    """Pixels (H, W, C) plus pyramid levels; hands out cached QImage tiles.

    ``revision`` increases when pixels change, so views know to repaint.
    """

    def __init__(self, pixels: np.ndarray, *, pyramid: bool = True, name: str = "") -> None:
        if pixels.ndim == 2:
            pixels = pixels[:, :, None]
        self.name = name
        self.levels: list[np.ndarray] = [pixels]
        self._cache: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._lock = threading.Lock()
        self.revision = 0
        if pyramid:
            self.build_pyramid()

    @classmethod
    def blank(cls, width: int, height: int, channels: int, dtype: np.dtype,
              name: str = "") -> TiledImage:
        """An all-black image whose pyramid is filled in later by :meth:`update_rows`."""
        sizes = _level_sizes(height, width)
        img = cls(np.zeros((height, width, channels), dtype=dtype), pyramid=False, name=name)
        img.levels += [np.zeros((h, w, channels), dtype=dtype) for h, w in sizes[1:]]
        return img

    @staticmethod
    def blank_bytes(width: int, height: int, channels: int, dtype: np.dtype) -> int:
        """Memory :meth:`blank` would take, with its pyramid (about 4/3 of the image)."""
        item = np.dtype(dtype).itemsize
        return sum(h * w * channels * item for h, w in _level_sizes(height, width))

    @property
    def width(self) -> int:
        return int(self.levels[0].shape[1])

    @property
    def height(self) -> int:
        return int(self.levels[0].shape[0])

    @property
    def pixels(self) -> np.ndarray:
        return self.levels[0]

    def build_pyramid(self) -> None:
        """Make the halved levels (call from a worker for big images)."""
        levels = [self.levels[0]]
        for _ in _level_sizes(*levels[0].shape[:2])[1:]:
            levels.append(_halve(levels[-1]))
        self.levels = levels

    def update_rows(self, y0: int, pixels: np.ndarray) -> None:
        """Copy finished output rows in and refresh the pyramid rows above them (worker)."""
        n = pixels.shape[0]
        base = self.levels[0]
        c = base.shape[2]
        base[y0:y0 + n] = pixels.reshape(n, pixels.shape[1], -1)[:, : base.shape[1], :c]
        a, b = y0, y0 + n
        for k in range(1, len(self.levels)):
            prev, cur = self.levels[k - 1], self.levels[k]
            ra, rb = a // 2, min(cur.shape[0], (b + 1) // 2)
            if rb <= ra:
                break
            cur[ra:rb] = _halve(prev[2 * ra: 2 * rb, : 2 * cur.shape[1]])
            a, b = ra, rb
        with self._lock:
            self.revision += 1

    # tiles ---------------------------------------------------------------------------
    def level_size(self, level: int) -> tuple[int, int]:
        lv = self.levels[level]
        return int(lv.shape[1]), int(lv.shape[0])

    def level_for(self, screen_px_per_pixel: float) -> int:
        """Coarsest level that still has at least one pixel per screen pixel."""
        level = 0
        while (level + 1 < len(self.levels)
               and screen_px_per_pixel * (2 ** (level + 1)) <= 1.0):
            level += 1
        return level

    def tile(self, level: int, tx: int, ty: int) -> QImage:
        key = (level, tx, ty)
        img = self._cache.get(key)
        if img is not None:
            self._cache.move_to_end(key)
            return img
        lv = self.levels[level]
        y0, x0 = ty * TILE, tx * TILE
        img = array_to_qimage(lv[y0:y0 + TILE, x0:x0 + TILE])
        self._cache[key] = img
        if len(self._cache) > CACHE_TILES:
            self._cache.popitem(last=False)
        return img

    def invalidate_rows(self, y0: int, y1: int) -> None:
        """Drop cached tiles touching level-0 rows [y0, y1) (GUI thread)."""
        for key in list(self._cache):
            level, _tx, ty = key
            f = 2 ** level
            t0, t1 = ty * TILE * f, (ty + 1) * TILE * f
            if t0 < y1 + f and t1 > y0 - f:
                del self._cache[key]

    def invalidate(self) -> None:
        self._cache.clear()

    def cached_tiles(self) -> int:
        return len(self._cache)
