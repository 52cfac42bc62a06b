"""A TIFF written as its rows come, so a huge output costs one strip of memory.

tifffile writes the container (IFD, BigTIFF offsets, ICC profile, ExtraSamples) from an
iterator of encoded strips; it cannot take strip *arrays* from an iterator (only whole
pages or tiles), so the strips are encoded here, with tifffile's own horizontal
predictor and deflate functions and the rows per strip tifffile picks for a whole array:
the file is byte for byte the one ``tifffile.imwrite`` writes from the full image.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import numpy as np

#: tifffile's default compressed strip size (``262144 // row bytes`` rows)
_STRIP_BYTES = 262144


def strip_rows(width: int, samples: int, dtype: np.dtype | type) -> int:
    """Rows per strip, as tifffile chooses them for a compressed whole image."""
    return max(1, _STRIP_BYTES // (width * samples * np.dtype(dtype).itemsize))


def write_tiff_rows(fileobj: BinaryIO, rows: Iterable[np.ndarray], *, width: int,
                    height: int, samples: int, dtype: np.dtype | type, level: int,
                    **options: Any) -> None:
    """Write a deflate+predictor TIFF of (height, width, samples) pixels from ``rows``
    (bands of (n, width, samples) arrays, any n, top to bottom); ``options`` go to
    ``tifffile.imwrite`` (photometric, extrasamples, iccprofile, bigtiff, ...)."""
    import tifffile

    dtype = np.dtype(dtype)
    per_strip = min(height, strip_rows(width, samples, dtype))
    shape = (height, width, samples) if samples > 1 else (height, width)
    tifffile.imwrite(
        fileobj, _encoded_strips(rows, height, width, samples, dtype, per_strip, level),
        shape=shape, dtype=dtype, rowsperstrip=per_strip, compression="zlib",
        compressionargs={"level": level}, predictor=True, planarconfig="contig", **options)


def _encoded_strips(rows: Iterable[np.ndarray], height: int, width: int, samples: int,
                    dtype: np.dtype, per_strip: int, level: int) -> Iterator[bytes]:
    """Re-cut the bands into strips of ``per_strip`` rows and encode each as tifffile
    would (predictor along the width axis, then deflate)."""
    import tifffile

    predict = tifffile.TIFF.PREDICTORS[2]
    deflate = tifffile.TIFF.COMPRESSORS[8]
    held: list[np.ndarray] = []
    n_held = done = 0
    for band in rows:
        band = band.reshape(band.shape[0], width, samples)
        if band.dtype != dtype:
            raise ValueError(f"rows are {band.dtype}, the TIFF is {dtype}")
        if done + n_held + band.shape[0] > height:
            raise ValueError(f"more than the {height} rows of the TIFF")
        while band.shape[0]:
            take = min(per_strip - n_held, band.shape[0])
            held.append(band[:take])
            n_held += take
            band = band[take:]
            if n_held == per_strip or done + n_held == height:
                strip = held[0] if len(held) == 1 else np.concatenate(held)
                held, done, n_held = [], done + n_held, 0
                yield deflate(predict(np.ascontiguousarray(strip), axis=-2), level=level)
    if done != height:
        raise ValueError(f"{done} of the TIFF's {height} rows written")
