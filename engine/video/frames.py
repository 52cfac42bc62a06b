"""Upscaling decoded video frames: whole frames in batches when they fit in one tile,
otherwise one frame at a time through the tiled engine (with OOM fallback)."""

from __future__ import annotations

import numpy as np

from engine.cancel_scope import cancel_scope
from engine.events import CancelToken
from engine.inference.base import Upscaler
from engine.inference.pipeline import TileSetting, choose_tile, upscale_image


class FrameUpscaler:
    """Upscales RGB uint8 frames of one size: whole frames in batches when they fit in one
    tile, otherwise one frame at a time through the tiled engine."""

    def __init__(self, upscaler: Upscaler, width: int, height: int,
                 tile: TileSetting = "auto") -> None:
        self.upscaler = upscaler
        self.width, self.height = width, height
        t, _auto = choose_tile(upscaler, width, height, 3, tile)
        self.tile = t
        self.whole = t is None or t >= max(width, height)
        self.batch = max(1, int(getattr(upscaler, "batch_size", 1))) if self.whole else 1

    def __call__(self, frames: list[np.ndarray],
                 cancel: CancelToken | None = None) -> list[np.ndarray]:
        if self.whole and len(frames) > 1:
            try:
                with cancel_scope(cancel):   # a self-ensemble stops between its passes
                    return self._batched(frames)
            except Exception as err:  # noqa: BLE001 - only OOM is handled here
                if not self.upscaler.is_oom(err):
                    raise
                self.upscaler.release_memory()
                self.whole, self.batch, self.tile = False, 1, None
                t, _ = choose_tile(self.upscaler, self.width, self.height, 3, "auto")
                self.tile = t
        tile = None if self.whole else self.tile
        return [upscale_image(self.upscaler, f, tile=tile, cancel=cancel).pixels
                for f in frames]

    def _batched(self, frames: list[np.ndarray]) -> list[np.ndarray]:
        up = self.upscaler
        s = up.scale
        x = np.stack(frames).astype(np.float32) * np.float32(1 / 255)
        h, w = x.shape[1:3]
        m = max(1, int(getattr(up, "size_multiple", 1)))
        ph, pw = (-h) % m, (-w) % m
        if ph or pw:
            x = np.pad(x, [(0, 0), (0, ph), (0, pw), (0, 0)], mode="edge")
        y = up(x)[:, : h * s, : w * s]
        y = np.clip(y * np.float32(255), 0, 255)
        y += np.float32(0.5)
        return [f.astype(np.uint8) for f in np.floor(y, out=y)]
