"""File jobs: ``srstudio colorize`` and ``srstudio upscale --colorize``.

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
from engine.errors import CancelledError, SRStudioError
from engine.events import CancelToken, Finished, ProgressCallback, emit
from engine.io import DEFAULT_MAX_PIXELS, iter_image_files, read_image, write_image
from engine.jobs.upscale import (
    BatchResult,
    FileResult,
    FileStarted,
    UpscaleOptions,
    output_path_for,
)

WHEN = ("before", "after")


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


@dataclass
class ColorizeFileResult(FileResult):
    skipped: str | None = None        # why nothing was written (not an error)
    colorized: bool = False


def _collect(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None
             ) -> tuple[list[tuple[Path, Path | None]], Path | None]:
    out_path = Path(out) if out is not None else None
    items: list[tuple[Path, Path | None]] = []
    for raw in inputs:
        p = Path(raw)
        root = p if p.is_dir() else None
        for f in iter_image_files([p]):
            items.append((f, root))
    if out_path is not None and len(items) > 1 and out_path.suffix:
        out_path = out_path.with_suffix("")   # several inputs: OUT is a folder
    return items, out_path


def _fail(res: FileResult, inp: Path, e: BaseException) -> None:
    if isinstance(e, SRStudioError):
        res.error = str(e)
    elif isinstance(e, MemoryError):
        res.error = f"{inp.name}: not enough memory"
    elif isinstance(e, OSError):
        res.error = f"{inp.name}: {e.strerror or e}"
    else:
        raise e


def colorize_file(inp: Path, outp: Path, model: Any, options: ColorizeOptions
                  ) -> ColorizeFileResult:
    """Colorize one file; errors and skips are returned in the result."""
    t0 = time.perf_counter()
    res = ColorizeFileResult(input=inp)
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
    except (SRStudioError, MemoryError, OSError) as e:
        _fail(res, inp, e)
    res.seconds = time.perf_counter() - t0
    return res


def run_colorize_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None,
                       options: ColorizeOptions, *, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None, model: Any = None) -> BatchResult:
    """Colorize every gray image in ``inputs`` (files and folders, recursive)."""
    model = model if model is not None else load_colorizer(options.model, options.device)
    items, out_path = _collect(inputs, out)
    names = UpscaleOptions(scale=1, output_format=options.output_format,
                           name_pattern=options.name_pattern)
    model_name = getattr(model, "name", "colorize")
    batch = BatchResult()
    for i, (f, root) in enumerate(items):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        emit(progress, FileStarted(i, len(items), f))
        r = colorize_file(f, output_path_for(f, root, out_path, names, model_name), model,
                          options)
        batch.files.append(r)
        emit(progress, Finished(r))
    return batch


def upscale_colorize_file(inp: Path, outp: Path, upscaler: Any, model: Any,
                          options: UpscaleOptions, when: str = "after", *,
                          progress: ProgressCallback | None = None,
                          cancel: CancelToken | None = None) -> ColorizeFileResult:
    """Upscale one file, colorizing it ``before`` or ``after`` upscaling when it is gray."""
    from engine.inference import upscale_image

    if when not in WHEN:
        raise ValueError(f"when must be one of {WHEN}, got {when!r}")
    t0 = time.perf_counter()
    res = ColorizeFileResult(input=inp)
    try:
        img = read_image(inp, max_pixels=options.max_pixels)
        res.input_size = (img.width, img.height)
        pixels, gray = img.pixels, is_grayscale(img.pixels)
        if gray and when == "before":
            pixels = colorize_image(model, pixels)
        up = upscale_image(upscaler, pixels, img.alpha, tile=options.tile, progress=progress,
                           cancel=cancel)
        res.tile, res.auto_tile = up.report.tile, up.auto_tile
        pixels = up.pixels
        if gray and when == "after":
            pixels = colorize_image(model, pixels)
        res.colorized = gray
        if cancel is not None:
            cancel.raise_if_cancelled()
        outp.parent.mkdir(parents=True, exist_ok=True)
        write_image(outp, img.with_pixels(pixels, up.alpha), quality=options.quality,
                    overwrite=options.overwrite, protected=[inp])
        res.output = outp
        res.output_size = (pixels.shape[1], pixels.shape[0])
    except CancelledError:
        raise
    except (SRStudioError, MemoryError, OSError) as e:
        _fail(res, inp, e)
    res.seconds = time.perf_counter() - t0
    return res


def run_upscale_colorize_batch(inputs: list[str | os.PathLike[str]],
                               out: str | os.PathLike[str] | None, options: UpscaleOptions, *,
                               upscaler: Any, model: Any, model_name: str, when: str = "after",
                               progress: ProgressCallback | None = None,
                               cancel: CancelToken | None = None) -> BatchResult:
    """:func:`engine.jobs.run_upscale_batch` with gray images colorized before/after."""
    items, out_path = _collect(inputs, out)
    batch = BatchResult()
    for i, (f, root) in enumerate(items):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        emit(progress, FileStarted(i, len(items), f))
        target = output_path_for(f, root, out_path, options, model_name)
        try:
            r = upscale_colorize_file(f, target, upscaler, model, options, when,
                                      progress=progress, cancel=cancel)
        except CancelledError:
            batch.cancelled = True
            batch.files.append(FileResult(input=f, error="cancelled"))
            break
        batch.files.append(r)
        emit(progress, Finished(r))
    return batch
