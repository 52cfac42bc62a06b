"""Upscaling decoded video frames: whole frames in batches when they fit in one tile,
otherwise one frame at a time through the tiled engine (with OOM fallback).

A whole frame, even alone (a CPU's batch is 1), skips the tiler: its one tile would still
pay for a float band the size of the output, the blending weights and a second rounding
pass.  The arithmetic is the tiler's (divide by 255, round half up), so the pixels equal
:func:`upscale_image`'s whether a frame runs in a batch, alone, or as the last odd one.
"""

from __future__ import annotations

import time

import numpy as np

from engine.cancel_scope import cancel_scope
from engine.events import CancelToken
from engine.inference.base import Upscaler
from engine.inference.pipeline import TileSetting, choose_tile, upscale_image
from engine.rounding import to_uint8
from engine.video.timing import StageTimes


class TimedUpscaler:
    """An upscaler that adds the seconds of its forward passes to ``timer['network']``,
    so a tiled frame's time splits into the network and the tiler around it."""

    def __init__(self, inner: Upscaler, timer: StageTimes) -> None:
        self.inner, self.timer = inner, timer
        self.name, self.scale, self.context = inner.name, inner.scale, inner.context
        self.size_multiple, self.batch_size = inner.size_multiple, inner.batch_size

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return self.inner(tiles)
        finally:
            self.timer.add("network", time.perf_counter() - t0)

    def bytes_per_input_pixel(self) -> float:
        return self.inner.bytes_per_input_pixel()

    def free_memory(self) -> int:
        return self.inner.free_memory()

    def release_memory(self) -> None:
        self.inner.release_memory()

    def is_oom(self, err: BaseException) -> bool:
        return self.inner.is_oom(err)


class FrameUpscaler:
    """Upscales RGB uint8 frames of one size: whole frames in batches when they fit in one
    tile, otherwise one frame at a time through the tiled engine.  With a ``timer``, the
    conversions, the network and the tiler's share are added to it per call."""

    def __init__(self, upscaler: Upscaler, width: int, height: int,
                 tile: TileSetting = "auto", timer: StageTimes | None = None) -> None:
        self.upscaler = upscaler
        self.timer = timer
        self._run: Upscaler = TimedUpscaler(upscaler, timer) if timer is not None else upscaler
        self.width, self.height = width, height
        t, _auto = choose_tile(upscaler, width, height, 3, tile)
        self.tile = t
        self.whole = t is None or t >= max(width, height)
        self.batch = max(1, int(getattr(upscaler, "batch_size", 1))) if self.whole else 1

    def __call__(self, frames: list[np.ndarray],
                 cancel: CancelToken | None = None) -> list[np.ndarray]:
        if self.whole and frames:
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
        t0 = time.perf_counter()
        net0 = self._network_seconds()
        outs = [upscale_image(self._run, f, tile=tile, cancel=cancel).pixels for f in frames]
        if self.timer is not None:
            net = self._network_seconds() - net0
            self.timer.add("tiling", time.perf_counter() - t0 - net)
        return outs

    def _network_seconds(self) -> float:
        return self.timer.seconds.get("network", 0.0) if self.timer is not None else 0.0

    def _batched(self, frames: list[np.ndarray]) -> list[np.ndarray]:
        up = self._run
        s = up.scale
        t0 = time.perf_counter()
        x = np.stack(frames).astype(np.float32) / np.float32(255)   # as the tiler does
        h, w = x.shape[1:3]
        m = max(1, int(getattr(up, "size_multiple", 1)))
        ph, pw = (-h) % m, (-w) % m
        if ph or pw:
            x = np.pad(x, [(0, 0), (0, ph), (0, pw), (0, 0)], mode="edge")
        t1 = time.perf_counter()
        y = up(x)[:, : h * s, : w * s]
        t2 = time.perf_counter()
        outs = [to_uint8(f) for f in y]
        if self.timer is not None:
            self.timer.add("to_float", t1 - t0)
            self.timer.add("from_float", time.perf_counter() - t2)
        return outs
