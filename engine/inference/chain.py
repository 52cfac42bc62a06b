"""Two upscalers in a row, for scales no single model has (x8 = x2, then x4).

The tiler sees one upscaler: each tile goes through the first network and its output
straight through the second.  The first network's output is wrong only within its own
context of the tile's edge, so the chain needs the first's context plus the second's,
brought down to input pixels; with that, tiled output equals whole-image output as for a
single network (tested).
"""

from __future__ import annotations

import math

import numpy as np

from engine.cancel_scope import check_cancelled
from engine.inference.base import Upscaler


class ChainedUpscaler:
    """``second(first(tiles))``, an :class:`~engine.inference.upscalers.Upscaler`."""

    def __init__(self, first: Upscaler, second: Upscaler) -> None:
        self.first, self.second = first, second
        self.name = f"{first.name}+{second.name}"
        self.scale = first.scale * second.scale
        self.context = first.context + math.ceil(second.context / first.scale)
        self.size_multiple = math.lcm(first.size_multiple, second.size_multiple)
        self.batch_size = min(first.batch_size, second.batch_size)
        self.provider = getattr(first, "provider", None)   # ONNX Runtime's, for the log

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        mid = self.first(tiles)
        check_cancelled()   # a cancel between the two networks skips the second
        return self.second(mid)

    def bytes_per_input_pixel(self) -> float:
        # the second runs on the first's output, scale^2 times as many pixels
        return max(self.first.bytes_per_input_pixel(),
                   self.second.bytes_per_input_pixel() * self.first.scale ** 2)

    def free_memory(self) -> int:
        return min(self.first.free_memory(), self.second.free_memory())

    def release_memory(self) -> None:
        self.first.release_memory()
        self.second.release_memory()

    def is_oom(self, err: BaseException) -> bool:
        return self.first.is_oom(err) or self.second.is_oom(err)
