"""Where the tiler reads its input rows: an array, or a decoder that streams them.

The tiler asks for one band of rows at a time, top to bottom (a band retried after an
out-of-memory error asks again from the same row), so a source only has to keep a window
of rows: a streamed PNG decoder (:mod:`engine.io.png_rows`) never holds the whole input.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class RowSource(Protocol):
    """Rows ``[y0, y1)`` of an (H, W, C) image, asked for top to bottom."""

    @property
    def shape(self) -> tuple[int, int, int]: ...

    @property
    def dtype(self) -> np.dtype: ...

    def rows(self, y0: int, y1: int) -> np.ndarray:
        """(y1 - y0, W, C) pixels; ``y0`` never goes below an earlier call's ``y0``."""
        ...


class ArrayRows:
    """An image already in memory, optionally with a separate alpha plane stacked on as
    the last channel one band at a time (no full-size stacked copy)."""

    def __init__(self, pixels: np.ndarray, alpha: np.ndarray | None = None) -> None:
        if pixels.ndim == 2:
            pixels = pixels[:, :, None]
        if alpha is not None:
            if alpha.size != pixels.shape[0] * pixels.shape[1]:
                raise ValueError(f"alpha {alpha.shape} does not fit pixels {pixels.shape}")
            alpha = alpha.reshape(pixels.shape[:2])
        self._pixels, self._alpha = pixels, alpha
        h, w, c = pixels.shape
        self._shape = (int(h), int(w), int(c) + (alpha is not None))

    @property
    def shape(self) -> tuple[int, int, int]:
        return self._shape

    @property
    def dtype(self) -> np.dtype:
        return self._pixels.dtype

    def rows(self, y0: int, y1: int) -> np.ndarray:
        band = self._pixels[y0:y1]
        if self._alpha is None:
            return band
        out = np.empty((band.shape[0], band.shape[1], self._shape[2]), band.dtype)
        out[:, :, :-1] = band
        out[:, :, -1] = self._alpha[y0:y1]
        return out


def as_row_source(image: np.ndarray | RowSource) -> RowSource:
    """``image`` itself when it is a source, else an :class:`ArrayRows` around the array."""
    if isinstance(image, np.ndarray):
        if image.ndim != 3:
            raise ValueError("run_tiled expects (H, W, C)")
        return ArrayRows(image)
    return image
