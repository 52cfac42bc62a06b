"""What every upscaler is (the :class:`Upscaler` protocol) and the classical resizers,
without torch: the lean build (ONNX Runtime, ncnn, resizers) types and runs with these,
and :mod:`engine.inference.upscalers` (the torch network) re-exports them.

Every upscaler has ``scale``, ``context`` (input pixels of context a tile needs),
``size_multiple``, ``name`` and ``__call__(tiles)`` on (N, h, w, 3) float32 RGB in [0, 1].
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from engine.inference.memory import available_ram_bytes


class Upscaler(Protocol):
    name: str
    scale: int
    context: int
    size_multiple: int
    batch_size: int

    def __call__(self, tiles: np.ndarray) -> np.ndarray: ...

    def bytes_per_input_pixel(self) -> float: ...

    def free_memory(self) -> int: ...

    def release_memory(self) -> None: ...

    def is_oom(self, err: BaseException) -> bool: ...


class ClassicalUpscaler:
    """A classical resizer (nearest, bilinear, bicubic = MATLAB imresize, lanczos...)."""

    def __init__(self, method: str, scale: int) -> None:
        from engine.resize import context_pixels
        self.method = method
        self.name = method
        self.scale = int(scale)
        self.context = context_pixels(method) + 1
        self.size_multiple = 1
        self.batch_size = 1

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        from engine.resize import resize
        # integer values in, so MATLAB's per-pass rounding of uint8 data is reproduced
        q = np.floor(tiles * 255.0 + 0.5).astype(np.uint8) if _is_8bit(tiles) else tiles
        outs = [resize(t, self.scale, self.method) for t in q]
        res = np.stack(outs)
        return res.astype(np.float32) / 255.0 if res.dtype == np.uint8 else res.astype(np.float32)

    def bytes_per_input_pixel(self) -> float:
        return 64.0 * self.scale ** 2

    def free_memory(self) -> int:
        return available_ram_bytes()

    def release_memory(self) -> None:
        return None

    def is_oom(self, err: BaseException) -> bool:
        return isinstance(err, MemoryError)


def _is_8bit(tiles: np.ndarray) -> bool:
    """True when float tiles hold exact 8-bit levels (so integer resizing is lossless)."""
    sample = tiles.reshape(-1)[: 4096] * 255.0
    return bool(np.all(np.abs(sample - np.round(sample)) < 1e-3))
