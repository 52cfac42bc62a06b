"""The upscale job: files and folders in, upscaled files out, one bad file never stops a batch.

The CLI, the GUI queue and tests all call :func:`run_upscale_batch` (or
:func:`upscale_file` for one item) with a progress callback and a cancel token.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import CancelledError, SRStudioError
from engine.events import CancelToken, Finished, ProgressCallback, emit
from engine.inference import Upscaler, upscale_image
from engine.io import DEFAULT_MAX_PIXELS, iter_image_files, read_image, write_image
from engine.models.registry import ModelRef, make_upscaler, resolve_model

OUTPUT_FORMATS = {"png": ".png", "jpg": ".jpg", "jpeg": ".jpg", "webp": ".webp",
                  "tif": ".tif", "tiff": ".tif", "bmp": ".bmp"}


@dataclass
class UpscaleOptions:
    model: str = "auto"
    scale: int = 4
    tile: int | str | None = "auto"
    device: str = "auto"
    precision: str = "auto"
    output_format: str | None = None     # None: same format as the input
    quality: int = 95
    name_pattern: str = "{stem}_x{scale}_{model}"
    overwrite: bool = False
    max_pixels: int | None = DEFAULT_MAX_PIXELS


@dataclass
class FileStarted:
    index: int
    total: int
    path: Path


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

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchResult:
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]


def output_path_for(inp: Path, root: Path | None, out: Path | None, options: UpscaleOptions,
                    model_name: str) -> Path:
    """Where ``inp`` goes: beside it, into ``out`` (mirroring sub-folders of ``root``), or
    exactly ``out`` when that names a single output file."""
    fmt = options.output_format
    suffix = OUTPUT_FORMATS.get(fmt.lower().lstrip("."), f".{fmt}") if fmt else inp.suffix.lower()
    if suffix not in OUTPUT_FORMATS.values() and suffix != ".jpeg" and suffix != ".tiff":
        suffix = ".png"
    stem = options.name_pattern.format(stem=inp.stem, scale=options.scale, model=model_name)
    if out is not None and out.suffix.lower() in set(OUTPUT_FORMATS.values()) | {".jpeg", ".tiff"}:
        return out
    if out is None:
        return inp.with_name(stem + suffix)
    rel = inp.parent.relative_to(root) if root is not None and inp.is_relative_to(root) else Path()
    return out / rel / (stem + suffix)


def upscale_file(inp: Path, outp: Path, upscaler: Upscaler, options: UpscaleOptions, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> FileResult:
    """Upscale one file; errors are returned in the result, cancellation is raised."""
    t0 = time.perf_counter()
    res = FileResult(input=inp)
    try:
        img = read_image(inp, max_pixels=options.max_pixels)
        res.input_size = (img.width, img.height)
        up = upscale_image(upscaler, img.pixels, img.alpha, tile=options.tile,
                           progress=progress, cancel=cancel)
        res.tile, res.auto_tile = up.report.tile, up.auto_tile
        if cancel is not None:
            cancel.raise_if_cancelled()
        outp.parent.mkdir(parents=True, exist_ok=True)
        write_image(outp, img.with_pixels(up.pixels, up.alpha), quality=options.quality,
                    overwrite=options.overwrite, protected=[inp])
        res.output = outp
        res.output_size = (up.pixels.shape[1], up.pixels.shape[0])
    except CancelledError:
        raise
    except SRStudioError as e:
        res.error = str(e)
    except MemoryError:
        res.error = f"{inp.name}: not enough memory (try a smaller tile size or the CPU)"
    except OSError as e:
        res.error = f"{inp.name}: {e.strerror or e}"
    res.seconds = time.perf_counter() - t0
    return res


def run_upscale_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None,
                      options: UpscaleOptions, *, progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None,
                      upscaler: Upscaler | None = None) -> BatchResult:
    """Upscale every image in ``inputs`` (files and folders, recursive)."""
    ref: ModelRef = resolve_model(options.model, options.scale)
    up = upscaler or make_upscaler(ref, options.device, options.precision)
    out_path = Path(out) if out is not None else None
    items: list[tuple[Path, Path | None]] = []
    for raw in inputs:
        p = Path(raw)
        root = p if p.is_dir() else None
        for f in iter_image_files([p]):
            items.append((f, root))
    if out_path is not None and len(items) > 1 and out_path.suffix:
        out_path = out_path.with_suffix("")  # several inputs: treat OUT as a folder
    batch = BatchResult()
    for i, (f, root) in enumerate(items):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        emit(progress, FileStarted(i, len(items), f))
        target = output_path_for(f, root, out_path, options, ref.name)
        try:
            r = upscale_file(f, target, up, options, progress=progress, cancel=cancel)
        except CancelledError:
            batch.cancelled = True
            batch.files.append(FileResult(input=f, error="cancelled"))
            break
        batch.files.append(r)
        emit(progress, Finished(r))
    return batch
