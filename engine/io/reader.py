"""Decode image files into :class:`ImageData` with errors a user can act on.

Pillow does the decoding; OpenCV only steps in for 16-bit colour PNG/TIFF, which Pillow
silently reduces to 8 bits, and for floating-point colour TIFF, which Pillow cannot open
(it becomes 16-bit, as float gray does).  The pixel limit is checked from the header,
before anything is decoded, so a hostile or mistaken file cannot exhaust memory.

This module puts a read together; its steps are their own modules: the checks and the
header (:mod:`engine.io.read_checks`), the pixels (:mod:`engine.io.pixel_decode`), EXIF
(:mod:`engine.io.pillow_exif`) and float TIFF (:mod:`engine.io.float_tiff`).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image

from engine.errors import ImageReadError
from engine.io.float_tiff import float_colour_tiff, read_float_tiff
from engine.io.image import ImageData, icc_fits
from engine.io.orientation import apply_orientation, swaps_axes
from engine.io.pillow_exif import carried_exif, exif_orientation
from engine.io.pixel_decode import decode_deep_colour, is_deep_colour, pixels_from_pillow
from engine.io.read_checks import (
    DEFAULT_MAX_PIXELS,
    check_file,
    check_limit,
    decode_error,
    effective_limit,
    format_of,
    open_header,
)


def read_image(
    path: str | os.PathLike[str], *, max_pixels: int | None = DEFAULT_MAX_PIXELS
) -> ImageData:
    """Read an image file upright (EXIF orientation applied) with its ICC profile and EXIF.

    ``max_pixels=None`` disables the size limit.  When ``max_pixels`` is left at the default,
    the ``SRSTUDIO_MAX_PIXELS`` environment variable may change it ("0"/"none" = no limit).
    Raises a subclass of :class:`~engine.errors.ImageReadError` for every unreadable file.
    """
    path = Path(path)
    limit = effective_limit(max_pixels)
    check_file(path)
    notes: list[str] = []
    float_tiff = float_colour_tiff(path)
    if float_tiff is not None:
        check_limit(path, (float_tiff.width, float_tiff.height), limit)
        pixels, alpha, icc = read_float_tiff(path, float_tiff, notes)   # upright already
        return _with_notes(path, _upright(pixels, alpha, 1, icc, None, "TIFF"), notes)
    with open_header(path, notes) as im:
        fmt = format_of(im)
        check_limit(path, im.size, limit)
        try:
            icc = im.info.get("icc_profile") or None
            frames_note = _frames_note(im, fmt)
            if is_deep_colour(im, fmt):
                pixels, alpha = decode_deep_colour(path, im, fmt)
            else:
                im.load()
                pixels, alpha, icc = pixels_from_pillow(path, im, icc, notes)
            orientation = exif_orientation(im, notes)
            exif = carried_exif(im, orientation)
        except ImageReadError:
            raise
        except Exception as exc:  # Pillow raises many types for broken files
            raise decode_error(path, fmt, exc) from exc
    if frames_note:
        notes.insert(0, frames_note)
    return _with_notes(path, _upright(pixels, alpha, orientation, icc, exif, fmt), notes)


def _with_notes(path: Path, image: ImageData, notes: list[str]) -> ImageData:
    """Attach the reader's notes (one line each, naming the file); the jobs pass them on
    as Warning_ events, so the CLI (stderr) and the app (its log pane) say what changed."""
    image.notes = [f"{path.name}: {n}" for n in notes]
    return image


def _frames_note(im: Image.Image, fmt: str) -> str | None:
    """Multi-page TIFF, APNG and animated WebP: we upscale the first frame; say so."""
    try:
        n = int(getattr(im, "n_frames", 1) or 1)
    except Exception:   # a damaged later page: the first is still read
        return None
    if n <= 1:
        return None
    what = "pages" if fmt == "TIFF" else "animation frames"
    return f"has {n} {what}; only the first is upscaled"


def _upright(pixels: np.ndarray, alpha: np.ndarray | None, orientation: int,
             icc: bytes | None, exif: bytes | None, fmt: str) -> ImageData:
    """Apply the orientation tag and keep the ICC profile where it fits the channels."""
    if orientation != 1:
        pixels = np.ascontiguousarray(apply_orientation(pixels, orientation))
        if alpha is not None:
            alpha = np.ascontiguousarray(apply_orientation(alpha, orientation))
    if icc is not None and not icc_fits(icc, pixels.shape[2]):
        icc = None
    return ImageData(pixels, alpha, icc_profile=icc, exif=exif, source_format=fmt)


def probe_image(path: str | os.PathLike[str]) -> tuple[int, int, str]:
    """(width, height, format) from the header only, as displayed (orientation applied).

    Cheap enough to call on every file of a batch to plan memory and show sizes.
    """
    path = Path(path)
    check_file(path)
    float_tiff = float_colour_tiff(path)
    if float_tiff is not None:
        (width, height), fmt = (float_tiff.width, float_tiff.height), "TIFF"
        orientation = float_tiff.orientation
    else:
        with open_header(path) as im:
            fmt = format_of(im)
            width, height = im.size
            try:
                orientation = exif_orientation(im)
            except Exception:
                orientation = 1
    if swaps_axes(orientation):
        width, height = height, width
    return width, height, fmt
