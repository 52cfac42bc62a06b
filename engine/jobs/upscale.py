"""The upscale job: files and folders in, upscaled files out, one bad file never stops a batch.

The CLI, the GUI queue and tests all call :func:`run_upscale_batch` (or
:func:`upscale_file` for one item) with a progress callback and a cancel token.  With
``UpscaleOptions.colorize`` set, gray inputs are also coloured (:mod:`engine.colorize`)
before or after upscaling; colour inputs are left as they are.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import CancelledError, SRStudioError
from engine.events import CancelToken, FileStarted, Finished, ProgressCallback, Warning_, emit
from engine.inference import Upscaler, upscale_image
from engine.inference.factory import make_upscaler
from engine.io import (
    iter_image_files,
    read_image,
    unread_images_note,
    write_image,
)
from engine.jobs.outputs import NamingOptions, output_path_for
from engine.jobs.request import COLORIZE_WHEN, Request
from engine.jobs.streamed import streams, upscale_streamed
from engine.models.registry import ModelRef, resolve_model

UpscaleOptions = Request
"""The older name of :class:`engine.jobs.request.Request` (the same class)."""


def check_colorize(when: str | None) -> None:
    if when is not None and when not in COLORIZE_WHEN:
        raise ValueError(f"colorize must be None, 'before' or 'after', not {when!r}")


def load_job_colorizer(options: UpscaleOptions) -> Any:
    """The colorize model the options ask for (None when they do not): loaded once per
    batch by the caller and passed to :func:`upscale_file` / the video job."""
    check_colorize(options.colorize)
    if options.colorize is None:
        return None
    from engine.colorize import load_colorizer

    return load_colorizer(options.colorize_model, options.device)


@dataclass
class FileResult:
    input: Path
    output: Path | None = None
    error: str | None = None
    seconds: float = 0.0
    tile: int | None = None
    auto_tile: bool = False
    input_size: tuple[int, int] | None = None   # (width, height)
    output_size: tuple[int, int] | None = None
    colorized: bool = False                     # a gray input was coloured
    skipped: str | None = None                  # why nothing was done (still ok)
    model: str | None = None                    # the model that ran
    model_reason: str = ""                      # why auto chose it ('JPEG, quality ≈ 70')

    @property
    def ok(self) -> bool:
        return self.error is None

    def fail(self, e: BaseException, memory_hint: str = "") -> None:
        """Record ``e`` (one of :data:`FILE_ERRORS`) as this file's one-line error: the
        batch goes on with the next file.  ``memory_hint`` says what to try on a MemoryError."""
        if isinstance(e, SRStudioError):
            self.error = str(e)
        elif isinstance(e, MemoryError):
            hint = f" ({memory_hint})" if memory_hint else ""
            self.error = f"{self.input.name}: not enough memory{hint}"
        elif isinstance(e, OSError):
            self.error = f"{self.input.name}: {e.strerror or e}"
        else:
            raise e


FILE_ERRORS = (SRStudioError, MemoryError, OSError)
"""What fails one file of a batch (:meth:`FileResult.fail`) rather than the whole job."""
UPSCALE_MEMORY_HINT = "try a smaller tile size or the CPU"


@dataclass
class BatchResult:
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]


def upscale_file(inp: Path, outp: Path, upscaler: Upscaler, options: UpscaleOptions, *,
                 progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 colorizer: Any = None) -> FileResult:
    """Upscale one file; errors are returned in the result, cancellation is raised.

    A large PNG or TIFF output is written band by band as the tiler finishes them
    (:mod:`engine.jobs.streamed`), so it is never held in memory.

    ``colorizer``: the loaded colorize model used when ``options.colorize`` is set
    (:func:`load_job_colorizer`); loaded here when it is not given.
    """
    t0 = time.perf_counter()
    res = FileResult(input=inp)
    try:
        if streams(inp, outp, upscaler.scale, options):   # large PNG/TIFF outputs
            upscale_streamed(inp, outp, upscaler, options, res, progress=progress,
                             cancel=cancel)
        else:
            _upscale_in_memory(inp, outp, upscaler, options, res, progress=progress,
                               cancel=cancel, colorizer=colorizer)
    except CancelledError:
        raise
    except FILE_ERRORS as e:
        res.fail(e, UPSCALE_MEMORY_HINT)
    res.seconds = time.perf_counter() - t0
    return res


def _upscale_in_memory(inp: Path, outp: Path, upscaler: Upscaler, options: UpscaleOptions,
                       res: FileResult, *, progress: ProgressCallback | None,
                       cancel: CancelToken | None, colorizer: Any) -> None:
    """The whole input and output in memory (the output memory-mapped when RAM is
    short): every output format, and colorizing, which sees the whole picture."""
    when = options.colorize
    if when is not None and colorizer is None:
        colorizer = load_job_colorizer(options)
    img = read_image(inp, max_pixels=options.max_pixels)
    for note in img.notes:
        emit(progress, Warning_(note))
    res.input_size = (img.width, img.height)
    pixels = img.pixels
    if when is not None:
        from engine.colorize import colorize_image, is_grayscale

        res.colorized = is_grayscale(pixels)
    if res.colorized and when == "before":
        pixels = colorize_image(colorizer, pixels)
    up = upscale_image(upscaler, pixels, img.alpha, tile=options.tile,
                       progress=progress, cancel=cancel)
    res.tile, res.auto_tile = up.report.tile, up.auto_tile
    pixels = up.pixels
    if res.colorized and when == "after":
        pixels = colorize_image(colorizer, pixels)
    if cancel is not None:
        cancel.raise_if_cancelled()
    outp.parent.mkdir(parents=True, exist_ok=True)
    write_image(outp, img.with_pixels(pixels, up.alpha), quality=options.quality,
                overwrite=options.overwrite, protected=[inp])
    res.output = outp
    res.output_size = (pixels.shape[1], pixels.shape[0])


def collect_inputs(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None
                   ) -> tuple[list[tuple[Path, Path | None]], Path | None]:
    """(every image file with the folder it was found under, the output path): files and
    folders (recursive); with several inputs an ``out`` that looks like a file is a folder."""
    out_path = Path(out) if out is not None else None
    items: list[tuple[Path, Path | None]] = []
    for raw in inputs:
        p = Path(raw)
        root = p if p.is_dir() else None
        for f in iter_image_files([p]):
            items.append((f, root))
    if out_path is not None and len(items) > 1 and out_path.suffix:
        out_path = out_path.with_suffix("")  # several inputs: treat OUT as a folder
    return items, out_path


def run_upscale_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None,
                      options: UpscaleOptions, *, progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None, upscaler: Upscaler | None = None,
                      colorizer: Any = None) -> BatchResult:
    """Upscale every image in ``inputs`` (files and folders, recursive); with
    ``options.colorize``, gray ones are coloured too (the colorize model is loaded once)."""
    ref: ModelRef = resolve_model(options.model, options.scale)
    up = upscaler or make_upscaler(ref, options.device, options.precision,
                                   options.self_ensemble, options.backend)
    if colorizer is None:
        colorizer = load_job_colorizer(options)
    return run_file_batch(
        inputs, out, options, ref.name,
        lambda f, target: upscale_file(f, target, up, options, progress=progress,
                                       cancel=cancel, colorizer=colorizer),
        progress=progress, cancel=cancel)


def run_file_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None,
                   names: NamingOptions, model_name: str,
                   process: Callable[[Path, Path], FileResult], *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> BatchResult:
    """The batch skeleton of every file job (upscale, colorize): collect the inputs, name
    each output (``names``: format and name pattern), run ``process(input, output)`` one
    file at a time with FileStarted/Finished events, and stop cleanly on cancel."""
    items, out_path = collect_inputs(inputs, out)
    batch = BatchResult()
    note = unread_images_note(inputs)
    if note is not None:
        emit(progress, Warning_(note))
    for i, (f, root) in enumerate(items):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        emit(progress, FileStarted(i, len(items), f))
        target = output_path_for(f, root, out_path, names, model_name)
        try:
            r = process(f, target)
        except CancelledError:
            batch.cancelled = True
            batch.files.append(FileResult(input=f, error="cancelled"))
            break
        batch.files.append(r)
        emit(progress, Finished(r))
    return batch
