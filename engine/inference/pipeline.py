"""Upscale a whole image of any channel layout through an :class:`Upscaler`, tiled.

Gray images are run as RGB and averaged back to one channel; alpha is upscaled separately
(as a gray image through the same upscaler) and recombined.  :func:`upscale_image`
allocates the output in RAM, or memory-mapped to a temporary file when it would not fit
comfortably; :func:`upscale_bands` hands the output's rows over band by band instead, for
a writer that streams them to the file (the output is then never held).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from engine.events import CancelToken, ProgressCallback
from engine.inference.memory import available_ram_bytes
from engine.tiling import ArrayRows, RowSource, TileReport, auto_tile_size, iter_tiled, run_tiled

if TYPE_CHECKING:   # torch stays unimported on the ONNX / ncnn path of a lean build
    from engine.inference.base import Upscaler
    from engine.models.descriptor import LoadedModel

TileSetting = int | str | None
"""An int (core tile size in input pixels), 'auto', or None (whole image, one tile)."""


@dataclass
class UpscaleOutput:
    pixels: np.ndarray            # (H*s, W*s, C) same dtype as the input
    alpha: np.ndarray | None
    report: TileReport
    auto_tile: bool


def _channel_fn(upscaler: Upscaler, color_channels: int, has_alpha: bool) -> Callable:
    """Adapt an RGB upscaler to tiles laid out as [color (1 or 3)] + [alpha]."""

    def fn(tiles: np.ndarray) -> np.ndarray:
        parts = []
        color = tiles[..., :color_channels]
        if color_channels == 1:
            parts.append(upscaler(np.repeat(color, 3, axis=-1)).mean(axis=-1, keepdims=True))
        else:
            parts.append(upscaler(color))
        if has_alpha:
            a = tiles[..., -1:]
            parts.append(upscaler(np.repeat(a, 3, axis=-1)).mean(axis=-1, keepdims=True))
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=-1)

    return fn


def choose_tile(upscaler: Upscaler, width: int, height: int, channels: int,
                tile: TileSetting, itemsize: int | None = 1) -> tuple[int | None, bool]:
    """Resolve 'auto' to a size from free device memory; returns (tile, was_auto).
    ``itemsize``: bytes per sample of the output (uint8 1, uint16 2)."""
    if tile is None or (isinstance(tile, int) and tile <= 0):
        return None, False
    if isinstance(tile, str):
        if tile.lower() != "auto":
            return int(tile), False
        t = auto_tile_size(width=width, height=height, channels=channels, scale=upscaler.scale,
                           overlap=upscaler.context + 4,
                           device_bytes_free=upscaler.free_memory(),
                           bytes_per_pixel=upscaler.bytes_per_input_pixel(),
                           itemsize=itemsize)
        return t, True
    return int(tile), False


def allocate_output(shape: tuple[int, ...], dtype: np.dtype,
                    ram_fraction: float = 0.5) -> np.ndarray:
    """Plain array, or a memory map in the temp folder when RAM is short."""
    nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
    if nbytes <= available_ram_bytes() * ram_fraction:
        return np.empty(shape, dtype=dtype)
    f = tempfile.NamedTemporaryFile(prefix="srstudio-", suffix=".raw")  # deleted on close
    mm = np.memmap(f, dtype=dtype, mode="w+", shape=shape)
    mm._srstudio_file = f  # type: ignore[attr-defined]  # keep the file alive with the map
    return mm


def upscale_image(upscaler: Upscaler, pixels: np.ndarray, alpha: np.ndarray | None = None, *,
                  tile: TileSetting = "auto", progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> UpscaleOutput:
    """Upscale (H, W, C) pixels (C = 1 or 3) and an optional (H, W) alpha plane."""
    if pixels.ndim == 2:
        pixels = pixels[..., None]
    h, w, c = pixels.shape
    if c not in (1, 3):
        raise ValueError(f"expected 1 or 3 colour channels, got {c}")
    source = ArrayRows(pixels, alpha)   # alpha is stacked on band by band, never whole
    total_c = source.shape[2]
    t, was_auto = choose_tile(upscaler, w, h, total_c, tile, pixels.dtype.itemsize)
    s = upscaler.scale
    out = allocate_output((h * s, w * s, total_c), pixels.dtype)
    report = TileReport(tile=t or max(h, w), overlap=0)

    def release() -> None:
        upscaler.release_memory()

    run_tiled(source, _channel_fn(upscaler, c, alpha is not None), scale=s,
              context=upscaler.context, tile=t, size_multiple=upscaler.size_multiple,
              batch_size=upscaler.batch_size, out=out, progress=progress, cancel=cancel,
              is_oom=upscaler.is_oom, on_oom=release, report=report)
    if alpha is None:
        return UpscaleOutput(out, None, report, was_auto)
    return UpscaleOutput(out[..., :c], out[..., c], report, was_auto)


@dataclass
class UpscaleBands:
    """An upscale that runs as its bands are taken: ``bands`` yields the output's rows
    top to bottom, (n, W*s, C + alpha) in the input's dtype; ``report`` fills as it goes."""

    bands: Iterator[np.ndarray]
    report: TileReport
    auto_tile: bool


def upscale_bands(upscaler: Upscaler, source: RowSource, colour_channels: int, *,
                  tile: TileSetting = "auto", progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> UpscaleBands:
    """:func:`upscale_image` for a streaming writer: ``source`` is (H, W, C [+ alpha])
    with ``colour_channels`` (1 or 3) colour channels first, and nothing runs until the
    bands are iterated, each band freed once the consumer drops it."""
    h, w, total_c = source.shape
    if colour_channels not in (1, 3) or total_c - colour_channels not in (0, 1):
        raise ValueError(f"expected 1 or 3 colour channels and an optional alpha, got "
                         f"{total_c} channels with {colour_channels} colour")
    t, was_auto = choose_tile(upscaler, w, h, total_c, tile, np.dtype(source.dtype).itemsize)
    report = TileReport(tile=t or max(h, w), overlap=0)
    tiled = iter_tiled(source, _channel_fn(upscaler, colour_channels, total_c > colour_channels),
                       scale=upscaler.scale, context=upscaler.context, tile=t,
                       size_multiple=upscaler.size_multiple, batch_size=upscaler.batch_size,
                       progress=progress, cancel=cancel, is_oom=upscaler.is_oom,
                       on_oom=upscaler.release_memory, report=report)
    return UpscaleBands((rows for _y, rows in tiled), report, was_auto)


def make_upscale_fn(model: Upscaler | LoadedModel, device: str | None = None,
                    tile: TileSetting = None, precision: str = "fp32"
                    ) -> Callable[[np.ndarray], np.ndarray]:
    """A plain ``lr -> sr`` function (uint8 in, uint8 out), as evaluation wants.

    Accepts an upscaler or a :class:`LoadedModel` (wrapped in a :class:`TorchUpscaler` on
    ``device``; the trainer validates its network mid-training this way).
    """
    if callable(model):   # an upscaler; a LoadedModel (a dataclass) is not callable
        upscaler = model
    else:
        from engine.inference.upscalers import TorchUpscaler
        upscaler = TorchUpscaler(model, device or "auto", precision)

    def fn(lr: np.ndarray) -> np.ndarray:
        res = upscale_image(upscaler, lr, tile=tile).pixels
        return res[..., 0] if lr.ndim == 2 else res

    return fn
