"""Tiled inference with seam-free blending, band-by-band assembly and OOM recovery.

The input and the output stay in CPU memory (the output may be a memory map); only tiles
go through ``tile_fn``.  Each tile reads its core plus ``overlap = context + r`` pixels
of neighbours; its outer ``context`` pixels of output are discarded and the seams are
cross-faded over ``r`` pixels each side with raised-cosine weights.  When ``context`` is the
network's true receptive radius, the tiled result equals the whole-image result.

Rows of tiles ("bands") run left to right; each tile's columns are rounded into the
output's dtype as soon as no other tile touches them (its right seam waits in float for
the next tile, the band's bottom seam for the band below), and each band's rows are
reported (live preview) when done: float memory is one tile and the seams, the band
itself is kept in the output's dtype, never the image in float.  On out-of-memory the
tile size is halved and the remaining rows are re-planned from the band that failed.

:func:`iter_tiled` yields those finished rows instead of keeping them, so a streaming
writer can take each band as it is done and the output never sits in memory; its input
may be a :class:`~engine.tiling.rows.RowSource` that decodes rows on demand.
:func:`run_tiled` collects the same bands into one array.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from engine.cancel_scope import cancel_scope
from engine.errors import DeviceOutOfMemoryError
from engine.events import CancelToken, ProgressCallback, RateMeter, Started, TileDone, emit
from engine.rounding import round_into
from engine.tiling.blend import axis_weights
from engine.tiling.grid import TileSpan, even_split, spans
from engine.tiling.rows import RowSource, as_row_source

TileFn = Callable[[np.ndarray], np.ndarray]
"""(N, h, w, C) float32 in [0, 1] -> (N, h*s, w*s, C) float32."""

MIN_TILE = 16


@dataclass
class TileReport:
    """What the tiler did, for the UI ("Auto (384)") and the CLI summary."""

    tile: int
    overlap: int
    tiles_done: int = 0
    oom_retries: int = 0
    seconds: float = 0.0
    tile_sizes: list[int] = field(default_factory=list)


def _max_value(dtype: np.dtype) -> float:
    return float(np.iinfo(dtype).max) if np.issubdtype(dtype, np.integer) else 1.0


def _to_float(a: np.ndarray) -> np.ndarray:
    m = _max_value(a.dtype)
    return a.astype(np.float32) / np.float32(m) if m != 1.0 else a.astype(np.float32, copy=False)


def _pad_to_multiple(crop: np.ndarray, multiple: int) -> np.ndarray:
    if multiple <= 1:
        return crop
    h, w = crop.shape[-3:-1]
    ph, pw = (-h) % multiple, (-w) % multiple
    if ph == 0 and pw == 0:
        return crop
    return np.pad(crop, [(0, 0)] * (crop.ndim - 3) + [(0, ph), (0, pw), (0, 0)], mode="edge")


def run_tiled(image: np.ndarray | RowSource, tile_fn: TileFn, *, scale: int, context: int,
              tile: int | None, blend_radius: int = 4, min_overlap: int = 0,
              size_multiple: int = 1, batch_size: int = 1, out: np.ndarray | None = None,
              progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
              is_oom: Callable[[BaseException], bool] | None = None,
              on_oom: Callable[[], None] | None = None,
              report: TileReport | None = None) -> np.ndarray:
    """Upscale ``image`` (H, W, C) by ``scale`` through ``tile_fn``; returns ``out``.

    ``tile`` is the core tile size in input pixels (None: the whole image in one tile).
    ``cancel`` is also published to ``tile_fn`` (:mod:`engine.cancel_scope`), so a long
    tile (self-ensemble passes, chained networks) stops between its own sub-steps.
    """
    source = as_row_source(image)
    h, w, c = source.shape
    if out is None:
        out = np.empty((h * scale, w * scale, c), dtype=source.dtype)
    for _ in iter_tiled(source, tile_fn, scale=scale, context=context, tile=tile,
                        blend_radius=blend_radius, min_overlap=min_overlap,
                        size_multiple=size_multiple, batch_size=batch_size, out=out,
                        progress=progress, cancel=cancel, is_oom=is_oom, on_oom=on_oom,
                        report=report):
        pass
    return out


def iter_tiled(image: np.ndarray | RowSource, tile_fn: TileFn, *, scale: int, context: int,
               tile: int | None, blend_radius: int = 4, min_overlap: int = 0,
               size_multiple: int = 1, batch_size: int = 1, dtype: np.dtype | None = None,
               out: np.ndarray | None = None, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None,
               is_oom: Callable[[BaseException], bool] | None = None,
               on_oom: Callable[[], None] | None = None,
               report: TileReport | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(y, rows)``: the output's finished rows from ``y`` on, top to bottom, each
    in ``dtype`` (default: the input's), together exactly :func:`run_tiled`'s result.

    A band's rows are new arrays unless ``out`` is given (then they are views of it), so
    a consumer that writes them out and drops them keeps O(band) memory.  The arguments
    are :func:`run_tiled`'s.
    """
    with cancel_scope(cancel):
        yield from _iter_tiled(as_row_source(image), tile_fn, scale=scale, context=context,
                               tile=tile, blend_radius=blend_radius, min_overlap=min_overlap,
                               size_multiple=size_multiple, batch_size=batch_size,
                               dtype=dtype, out=out, progress=progress, cancel=cancel,
                               is_oom=is_oom, on_oom=on_oom, report=report)


def _iter_tiled(source: RowSource, tile_fn: TileFn, *, scale: int, context: int,
                tile: int | None, blend_radius: int, min_overlap: int, size_multiple: int,
                batch_size: int, dtype: np.dtype | None, out: np.ndarray | None,
                progress: ProgressCallback | None, cancel: CancelToken | None,
                is_oom: Callable[[BaseException], bool] | None,
                on_oom: Callable[[], None] | None,
                report: TileReport | None) -> Iterator[tuple[int, np.ndarray]]:
    h, w, c = source.shape
    s = int(scale)
    hs, ws = h * s, w * s
    out_dtype = np.dtype(dtype if dtype is not None else
                         (out.dtype if out is not None else source.dtype))
    tile = max(h, w) if tile is None else max(MIN_TILE, int(tile))
    r = max(0, int(blend_radius))
    m = max(1, int(size_multiple))
    overlap = max(int(context), int(min_overlap)) + r
    overlap += (-overlap) % m   # crops start on the multiple's grid, as the image does
    rs = r * s  # seam half-width in output pixels
    rep = report if report is not None else TileReport(tile=tile, overlap=overlap)
    rep.tile, rep.overlap = tile, overlap
    t0 = time.perf_counter()

    ybounds = even_split(0, h, tile, m)
    total = (len(ybounds) - 1) * (len(even_split(0, w, tile, m)) - 1)
    meter = RateMeter(total)
    emit(progress, Started("tiles", total, f"{total} tiles of ~{tile}px"))

    carry: np.ndarray | None = None  # weighted rows [y0*s - rs, y0*s + rs) from the band above
    i = 0
    while i < len(ybounds) - 1:
        if cancel is not None:
            cancel.raise_if_cancelled()
        y0, y1 = ybounds[i], ybounds[i + 1]
        first, last = y0 == 0, y1 == h
        a = 0 if first else y0 * s - rs          # band's output rows [a, b)
        b = hs if last else y1 * s + rs
        final_end = b if last else y1 * s - rs   # rows [a, final_end) are final after it
        rows = (out[a:final_end] if out is not None
                else np.empty((final_end - a, ws, c), out_dtype))
        try:
            carry = _run_band(source, tile_fn, y0, y1, a, b, rows, carry, tile, overlap, s,
                              rs, first, last, size_multiple, batch_size, cancel, progress,
                              meter, rep)
        except Exception as err:  # noqa: BLE001 - only OOM is handled, the rest re-raised
            if is_oom is None or not is_oom(err):
                raise
            if on_oom is not None:
                on_oom()
            if tile // 2 < MIN_TILE:
                raise DeviceOutOfMemoryError(
                    f"out of memory even with {tile}px tiles; try the CPU or a smaller model"
                ) from None
            tile //= 2
            rep.oom_retries += 1
            rep.tile = tile
            ybounds = ybounds[:i] + even_split(y0, h, tile, m)
            done_tiles = rep.tiles_done
            meter.total = done_tiles + (len(ybounds) - 1 - i) * (len(even_split(0, w, tile, m)) - 1)
            continue
        emit(progress, TileDone((0, a, ws, final_end - a), rows))
        rep.tile_sizes.append(tile)
        rep.seconds = time.perf_counter() - t0
        i += 1
        yield a, rows
        del rows
    rep.seconds = time.perf_counter() - t0


def _run_band(source: RowSource, tile_fn: TileFn, y0: int, y1: int, a: int, b: int,
              rows: np.ndarray, carry: np.ndarray | None, tile: int, overlap: int, s: int,
              rs: int, first: bool, last: bool, size_multiple: int, batch_size: int,
              cancel: CancelToken | None, progress: ProgressCallback | None,
              meter: RateMeter, rep: TileReport) -> np.ndarray | None:
    """Run one row of tiles, left to right, rounding the output rows [a, a + len(rows))
    into ``rows`` as each tile's columns are final (its right seam waits in float for the
    next tile), and return the float rows [a + len(rows), b) the band below adds to
    (None for the last band).  ``carry`` (read, never changed: a band retried after an
    OOM needs it again) is the band above's.  Float memory is one tile's output and
    the seams, not the band: the band is kept in the output's dtype."""
    h, w, c = source.shape
    ws = w * s
    n_final = len(rows)
    ysp = TileSpan(y0, y1, max(0, y0 - overlap), min(h, y1 + overlap))
    image = source.rows(ysp.crop0, ysp.crop1)   # the band's input rows, crop0 at row 0
    wy = axis_weights(a, b, None if first else y0 * s, None if last else y1 * s, rs)
    xsp = spans(even_split(0, w, tile, max(1, size_multiple)), overlap, w)
    below = None if last else np.empty((b - a - n_final, ws, c), np.float32)
    pending: np.ndarray | None = None   # the tile before: its right seam's weighted output

    for chunk in _batches(xsp, max(1, batch_size)):
        if cancel is not None:
            cancel.raise_if_cancelled()
        crops = np.stack([image[:, sp.crop0:sp.crop1] for sp in chunk])
        ch, cw = crops.shape[1:3]
        crops = _pad_to_multiple(_to_float(crops), size_multiple)
        result = tile_fn(crops)[:, : ch * s, : cw * s]
        if cancel is not None:   # the tile may have taken long: do not blend it
            cancel.raise_if_cancelled()
        for sp, res in zip(chunk, result, strict=True):
            right_edge = sp.core1 == w
            xa = 0 if sp.core0 == 0 else sp.core0 * s - rs
            xb = ws if right_edge else sp.core1 * s + rs
            wx = axis_weights(xa, xb, None if sp.core0 == 0 else sp.core0 * s,
                              None if right_edge else sp.core1 * s, rs)
            oy, ox = a - ysp.crop0 * s, xa - sp.crop0 * s
            patch = res[oy:oy + (b - a), ox:ox + (xb - xa)]
            part = patch * wy[:, None, None] * wx[None, :, None]
            if pending is not None:   # the seam with the tile before (a + b = b + a)
                part[:, :pending.shape[1]] += pending
            fin = xb if right_edge else xb - 2 * rs   # columns [xa, fin) are final
            pending = None if right_edge else part[:, fin - xa:].copy()
            done = part[:, :fin - xa]
            if carry is not None:   # then the band above, as the whole-band sum did
                done[:carry.shape[0]] += carry[:, xa:fin]
            round_into(rows[:, xa:fin], done[:n_final])
            if below is not None:
                below[:, xa:fin] = done[n_final:]
            rep.tiles_done += 1
            emit(progress, meter.update(rep.tiles_done))
    return below


def _batches(xsp: list[TileSpan], batch_size: int) -> Iterator[list[TileSpan]]:
    """Tiles left to right, consecutive ones of one crop width run as one batch."""
    batch: list[TileSpan] = []
    for sp in xsp:
        if batch and (len(batch) == batch_size
                      or sp.crop1 - sp.crop0 != batch[0].crop1 - batch[0].crop0):
            yield batch
            batch = []
        batch.append(sp)
    if batch:
        yield batch


def band_bytes(tile: int, overlap: int, width: int, channels: int, scale: int) -> int:
    """Memory one band could need as float rows: the floor rule of :func:`auto_tile_size`
    (the tiler now holds the band in the output's dtype, a quarter of this or less, and
    one tile's output in float)."""
    return (tile + 2 * overlap) * scale * width * scale * channels * 4


def auto_tile_size(*, width: int, height: int, channels: int, scale: int, overlap: int,
                   device_bytes_free: int, bytes_per_pixel: float,
                   band_budget: int = 256 << 20, max_tile: int = 512,
                   itemsize: int | None = None, held_budget: int = 176 << 20) -> int:
    """Largest tile (multiple of 8) that fits the device and keeps the band buffer small.

    ``bytes_per_pixel`` is the device memory a tile needs per *input* pixel (estimated by
    the backend: activations x scale^2 x dtype size, with head-room).  The floor rule
    keeps a band of float rows within ``band_budget``; with ``itemsize`` (the output's
    bytes per sample) the tile may grow until the band in that dtype plus the tile's own
    working set, what the tiler really holds, fill ``held_budget``: a size that only
    shrinks as the picture widens.  176 MB is what a 6000x4000 x4 ``fast`` tile and band
    hold under the float rule on PyTorch (200 px), the run measured at 0.99 GiB peak
    against the 1.0 GiB target; 256 MB made it 256 px and 1.13 GiB.  On very wide images it
    matters: at 16000 px wide, x4, the float rule left ``quality`` 32 px tiles with 25 px
    of overlap each side, (82/32)^2 = 6.6x the compute of the picture itself.
    """
    usable = device_bytes_free * 0.6
    side = math.sqrt(max(1.0, usable / max(bytes_per_pixel, 1.0))) - 2 * overlap
    per_row = width * scale * scale * channels * 4
    band_side = band_budget / max(1, per_row) - 2 * overlap
    limit = min(side, max_tile, max(height, width))
    t = min(band_side, limit)
    if itemsize is not None:
        # band(u) + work(u) <= budget, u = tile + 2 * overlap: a*u^2 + b*u - budget = 0
        a = max(bytes_per_pixel, 1.0)
        b = width * scale * scale * channels * max(1, itemsize)
        u = (-b + math.sqrt(b * b + 4 * a * held_budget)) / (2 * a)
        t = max(t, min(u - 2 * overlap, limit))
    t = int(t)
    t = max(MIN_TILE, t - t % 8 if t >= 8 else t)
    return t
