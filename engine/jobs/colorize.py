"""The colorize file job: ``srstudio colorize`` (``upscale --colorize`` is an option of the
upscale job, :attr:`engine.jobs.UpscaleOptions.colorize`).

Like the upscale job, every input is read, processed and written atomically
(:func:`engine.io.write_image`); one bad input never stops the batch (its error is kept in
its :class:`FileResult`).  Colour inputs are skipped with a note unless ``recolor`` is on.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.colorize.colorizer import colorize_image, is_grayscale, load_colorizer
from engine.errors import CancelledError
from engine.events import CancelToken, ProgressCallback
from engine.io import DEFAULT_MAX_PIXELS, read_image, write_image
from engine.jobs.upscale import FILE_ERRORS, BatchResult, FileResult, run_file_batch


@dataclass
class ColorizeOptions:
    model: str = "colorize"
    device: str = "auto"
    recolor: bool = False
    output_format: str | None = None   # None: same format as the input
    quality: int = 95
    name_pattern: str = "{stem}_color"
    overwrite: bool = False
    max_pixels: int | None = DEFAULT_MAX_PIXELS

    # what output naming reads (engine.jobs.outputs.NamingOptions): colour keeps the size
    scale = 1
    colorize: str | None = None


def colorize_file(inp: Path, outp: Path, model: Any, options: ColorizeOptions
                  ) -> FileResult:
    """Colorize one file; errors and skips are returned in the result."""
    t0 = time.perf_counter()
    res = FileResult(input=inp)   # ``skipped`` says why nothing was written
    try:
        img = read_image(inp, max_pixels=options.max_pixels)
        res.input_size = (img.width, img.height)
        if not options.recolor and not is_grayscale(img.pixels):
            res.skipped = "colour image (use --recolor to colour it again)"
        else:
            pixels = colorize_image(model, img.pixels, recolor=True)
            outp.parent.mkdir(parents=True, exist_ok=True)
            write_image(outp, img.with_pixels(pixels, img.alpha), quality=options.quality,
                        overwrite=options.overwrite, protected=[inp])
            res.output, res.colorized = outp, True
            res.output_size = (pixels.shape[1], pixels.shape[0])
    except CancelledError:
        raise
    except FILE_ERRORS as e:
        res.fail(e)
    res.seconds = time.perf_counter() - t0
    return res


def run_colorize_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None,
                       options: ColorizeOptions, *, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None, model: Any = None) -> BatchResult:
    """Colorize every gray image in ``inputs`` (files and folders, recursive)."""
    model = model if model is not None else load_colorizer(options.model, options.device)
    return run_file_batch(inputs, out, options, getattr(model, "name", "colorize"),
                          lambda f, target: colorize_file(f, target, model, options),
                          progress=progress, cancel=cancel)
