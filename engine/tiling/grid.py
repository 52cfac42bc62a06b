"""Even tile grids: the tile size sets the number of tiles, the tiles share the length.

``even_split(0, 1000, 384)`` gives three tiles of 333/333/334 rather than 384/384/232,
so every tile does the same amount of work and the batching stays regular.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def even_split(start: int, stop: int, tile: int, align: int = 1) -> list[int]:
    """Boundaries [start, ..., stop] of ceil(n / tile) nearly equal parts; with ``align``
    the inner boundaries are multiples of it (a window-attention network's window grid
    then falls on the same pixels in every tile as in the whole image)."""
    n = stop - start
    if n <= 0:
        return [start]
    parts = max(1, math.ceil(n / max(1, tile)))
    bounds = [start + (n * i) // parts for i in range(parts + 1)]
    if align <= 1:
        return bounds
    inner = sorted({round(b / align) * align for b in bounds[1:-1]} - {start, stop})
    return [start] + [b for b in inner if start < b < stop] + [stop]


@dataclass(frozen=True)
class TileSpan:
    """One axis of one tile: the core it owns and the crop it reads (input pixels)."""

    core0: int
    core1: int
    crop0: int
    crop1: int


def spans(bounds: list[int], overlap: int, length: int) -> list[TileSpan]:
    """Crop each core by ``overlap`` on both sides, clipped to the image."""
    return [TileSpan(a, b, max(0, a - overlap), min(length, b + overlap))
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
