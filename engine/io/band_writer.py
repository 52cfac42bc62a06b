"""Write an image whose rows arrive band by band (the tiler's output), never holding it.

PNG (``png_stream.PngEncoder``) and TIFF (``tiff_stream``) are written as the bands come,
atomically like :func:`~engine.io.writer.write_image` and with the same checks, metadata
and file contents.  JPEG, WebP and BMP go through Pillow's encoders, which take a whole
image, so those outputs keep the in-memory (or memory-mapped) path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.io.formats import format_for_suffix
from engine.io.image import icc_fits
from engine.io.png_stream import PngEncoder
from engine.io.tiff_stream import write_tiff_rows
from engine.io.writer import (
    PNG_COMPRESS_LEVEL,
    TIFF_COMPRESS_LEVEL,
    checked_format,
    encode_atomically,
    tiff_gray_alpha_as_rgba,
    tiff_options,
)

#: Output formats whose encoder can take the rows band by band.
STREAMING_FORMATS = frozenset({"PNG", "TIFF"})


@dataclass(frozen=True)
class BandSpec:
    """What a streamed output is, known before its first row: the bands are
    (n, width, channels + has_alpha) arrays of ``dtype``, alpha as the last channel."""

    width: int
    height: int
    channels: int                 # colour channels, 1 or 3
    has_alpha: bool
    dtype: np.dtype
    icc_profile: bytes | None = None
    exif: bytes | None = None


def can_stream(path: str | os.PathLike[str]) -> bool:
    """True when ``path``'s format is written band by band (PNG, TIFF)."""
    return format_for_suffix(path) in STREAMING_FORMATS


def write_image_bands(path: str | os.PathLike[str], spec: BandSpec,
                      bands: Iterable[np.ndarray], *, overwrite: bool = False,
                      protected: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Encode ``bands`` (top to bottom, ``spec.height`` rows in all) to ``path`` as they
    come and return the path; refuses and fails as :func:`write_image` does.  An
    exception from ``bands`` (a cancel) or from the disk leaves nothing at ``path``."""
    path = Path(path)
    fmt = checked_format(path, spec.width, spec.height, overwrite=overwrite,
                         protected=protected)
    if fmt not in STREAMING_FORMATS:
        raise ValueError(f"{fmt} cannot be written band by band; use write_image")
    encode = _write_png if fmt == "PNG" else _write_tiff
    try:
        encode_atomically(path, lambda f: encode(f, spec, _guarded(bands)),
                          overwrite=overwrite)
    except _FromBands as wrapped:   # the temp file is gone; say what really failed
        raise wrapped.error from None
    return path


class _FromBands(BaseException):
    """An error of the bands' producer (the tiler, the model, the input file: a cancel, a
    MemoryError, an unreadable row), carried through the encoder and ``atomic_output``
    untouched, so that it is not reported as a failure to write the output."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(error)
        self.error = error


def _guarded(bands: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
    it = iter(bands)
    while True:
        try:
            band = next(it)
        except StopIteration:
            return
        except BaseException as exc:   # noqa: BLE001 - re-raised unchanged by the caller
            raise _FromBands(exc) from exc
        yield band


def _write_png(f: BinaryIO, spec: BandSpec, bands: Iterable[np.ndarray]) -> None:
    icc = spec.icc_profile if icc_fits(spec.icc_profile, spec.channels) else None
    encoder = PngEncoder(f, spec.width, spec.height, spec.channels + spec.has_alpha,
                         spec.dtype, icc_profile=icc, exif=spec.exif,
                         compress_level=PNG_COMPRESS_LEVEL)
    for band in bands:
        encoder.write_rows(band)
    encoder.finish()


def _write_tiff(f: BinaryIO, spec: BandSpec, bands: Iterable[np.ndarray]) -> None:
    bits = 8 * np.dtype(spec.dtype).itemsize
    as_rgba = tiff_gray_alpha_as_rgba(bits, spec.channels, spec.has_alpha)
    samples = 4 if as_rgba else spec.channels + spec.has_alpha
    nbytes = spec.width * spec.height * samples * np.dtype(spec.dtype).itemsize
    rows = (_gray_alpha_to_rgba(b) for b in bands) if as_rgba else bands
    write_tiff_rows(f, rows, width=spec.width, height=spec.height, samples=samples,
                    dtype=spec.dtype, level=TIFF_COMPRESS_LEVEL,
                    **tiff_options(samples, spec.has_alpha, spec.icc_profile, nbytes))


def _gray_alpha_to_rgba(band: np.ndarray) -> np.ndarray:
    return np.concatenate([np.repeat(band[:, :, :1], 3, axis=2), band[:, :, 1:]], axis=2)
