"""One large image upscaled straight into its file, band by band.

The tiler's finished rows go to a streaming writer (PNG, TIFF) as each band is done, so
the output never sits in memory, and a PNG input is decoded a window of rows at a time
(:mod:`engine.io.png_rows`), so neither does the input: memory is the model plus a few
bands, whatever the image size.  Other inputs are read whole as before; other outputs
(JPEG, WebP, BMP, whose encoders take a whole image) and colorized jobs (the colorizer
sees the whole picture) keep the in-memory path of :func:`engine.jobs.upscale.upscale_file`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from engine.events import CancelToken, ProgressCallback, Warning_, emit
from engine.inference.pipeline import upscale_bands
from engine.io import probe_image, read_image
from engine.io.band_writer import BandSpec, can_stream, write_image_bands
from engine.io.png_rows import open_png_rows
from engine.io.writer import STREAMING_PNG_PIXELS
from engine.jobs.request import Request
from engine.tiling import ArrayRows, RowSource

if TYPE_CHECKING:
    from engine.inference.base import Upscaler
    from engine.jobs.upscale import FileResult

#: outputs of at least this many pixels stream; smaller ones are quicker through the
#: whole-image encoders and the output fits in memory anyway
STREAM_MIN_PIXELS = STREAMING_PNG_PIXELS


def streams(inp: Path, outp: Path, scale: int, options: Request) -> bool:
    """True when ``inp`` upscaled to ``outp`` goes band by band straight to the file."""
    if options.colorize is not None or not can_stream(outp):
        return False
    try:
        width, height, _fmt = probe_image(inp)
    except Exception:   # noqa: BLE001 - the in-memory path reports an unreadable input
        return False
    return width * height * scale * scale >= STREAM_MIN_PIXELS


def upscale_streamed(inp: Path, outp: Path, upscaler: Upscaler, options: Request,
                     res: FileResult, *, progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> None:
    """Upscale ``inp`` into ``outp`` band by band, filling ``res``; errors raise (the
    caller records them), and a cancel or a failed write leaves no file at ``outp``."""
    png = open_png_rows(inp, max_pixels=options.max_pixels)
    source: RowSource
    if png is not None:
        source, channels, icc, exif, notes = (png, png.channels, png.icc_profile, png.exif,
                                              png.notes)
    else:
        img = read_image(inp, max_pixels=options.max_pixels)
        source = ArrayRows(img.pixels, img.alpha)
        channels, icc, exif, notes = img.channels, img.icc_profile, img.exif, img.notes
    try:
        for note in notes:
            emit(progress, Warning_(note))
        height, width, total = source.shape
        res.input_size = (width, height)
        s = upscaler.scale
        spec = BandSpec(width * s, height * s, channels, total > channels, source.dtype,
                        icc_profile=icc, exif=exif)
        run = upscale_bands(upscaler, source, channels, tile=options.tile,
                            progress=progress, cancel=cancel)
        outp.parent.mkdir(parents=True, exist_ok=True)
        write_image_bands(outp, spec, run.bands, overwrite=options.overwrite,
                          protected=[inp])
        res.tile, res.auto_tile = run.report.tile, run.auto_tile
        res.output = outp
        res.output_size = (spec.width, spec.height)
    finally:
        if png is not None:
            png.close()
