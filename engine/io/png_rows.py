"""Decode a PNG's rows on demand, so a huge input never sits in memory whole.

Pillow and OpenCV decode a PNG whole, Pillow at 4 bytes per RGB pixel: a 16000x16000
input costs 1 GiB there plus the 768 MB array copied out of it.  A PNG's pixels are one
zlib stream of filtered rows, each row unfiltered from the one above it, so here zlib
inflates the IDAT chunks only as far as the rows asked for, and libpng (through OpenCV)
unfilters each band of them: the band is wrapped in a small PNG of its own, headed by the
last unfiltered row above it stored with filter type 0 (None).  No pixel is touched in
Python, and only a window of rows is kept.

Interlaced, palette, colour-key (tRNS) and sub-8-bit files, APNGs and files with an EXIF
orientation other than upright are left to :func:`engine.io.reader.read_image`
(:func:`open_png_rows` returns None), which reads them whole as before.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.errors import CorruptImageError, TruncatedImageError
from engine.io.image import icc_fits
from engine.io.pillow_exif import carried_exif, exif_orientation
from engine.io.png_stream import PNG_SIGNATURE
from engine.io.read_checks import (
    DEFAULT_MAX_PIXELS,
    check_file,
    check_limit,
    effective_limit,
    open_header,
)

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}        # PNG colour type -> samples per pixel
_NOT_STREAMED = {b"tRNS", b"acTL", b"fcTL", b"fdAT"}   # colour key, animation
_TAIL_METADATA = {b"eXIf", b"iCCP"}   # after IDAT: only a whole read (Pillow's load) sees them
_BAND_BYTES = 4 << 20                        # raw bytes unfiltered at once


class PngRows:
    """Rows of one PNG file, decoded as they are asked for, top to bottom
    (:class:`engine.tiling.rows.RowSource`), with the metadata :func:`read_image` keeps.
    The rows are (n, W, channels + has_alpha): RGB or gray, alpha as the last channel."""

    def __init__(self, path: Path, width: int, height: int, bit_depth: int, colour_type: int,
                 idat: list[tuple[int, int]], icc_profile: bytes | None,
                 exif: bytes | None, notes: list[str]) -> None:
        self.path = path
        self.width, self.height = width, height
        self.samples = _CHANNELS[colour_type]
        self.has_alpha = colour_type in (4, 6)
        self.channels = self.samples - self.has_alpha   # colour channels, 1 or 3
        self._dtype = np.dtype(np.uint8 if bit_depth == 8 else np.uint16)
        self.icc_profile = icc_profile if icc_fits(icc_profile, self.channels) else None
        self.exif = exif
        self.source_format = "PNG"
        self.notes = notes
        self._ihdr = (bit_depth, colour_type)
        self._stride = width * self.samples * self._dtype.itemsize
        self._f: BinaryIO = open(path, "rb")   # noqa: SIM115 - closed by close()
        self._chunks = _idat_data(self._f, path, idat)
        self._inflate = zlib.decompressobj()
        self._tail = b""
        self._prev: bytes | None = None          # the last unfiltered row, PNG bytes
        self._lo = 0                             # rows [_lo, _lo + len(_window)) kept
        self._window = np.empty((0, width, self.samples), self._dtype)

    @property
    def shape(self) -> tuple[int, int, int]:
        return self.height, self.width, self.samples

    @property
    def dtype(self) -> np.dtype:
        return self._dtype

    def rows(self, y0: int, y1: int) -> np.ndarray:
        """Rows ``[y0, y1)``; rows above ``y0`` are let go, so a later call may not ask
        for them again."""
        if y0 < self._lo:
            raise ValueError(f"row {y0} was already released (the window starts at {self._lo})")
        y1 = min(y1, self.height)
        hi = self._lo + len(self._window)
        if y0 > hi:   # skip rows nobody asked for (not the tiler's way), a band at a time
            self._window = self._window[:0]
            per_band = max(1, _BAND_BYTES // (self._stride + 1))
            while hi < y0:
                hi += len(self._decode(min(per_band, y0 - hi)))
            self._lo = hi
        keep = self._window[y0 - self._lo:]
        parts = [keep] if len(keep) else []
        if y1 > hi:
            parts.append(self._decode(y1 - hi))
        self._window = parts[0] if len(parts) == 1 else (
            np.concatenate(parts) if parts else self._window[:0])
        self._lo = y0
        return self._window[: y1 - y0]

    def close(self) -> None:
        self._f.close()

    def __enter__(self) -> PngRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _decode(self, n: int) -> np.ndarray:
        """The next ``n`` rows, unfiltered, as pixels."""
        per_band = max(1, _BAND_BYTES // (self._stride + 1))
        bands = []
        while n > 0:
            k = min(n, per_band)
            bands.append(self._unfilter(self._filtered(k * (self._stride + 1)), k))
            n -= k
        return bands[0] if len(bands) == 1 else np.concatenate(bands)

    def _filtered(self, size: int) -> bytes:
        """The next ``size`` bytes of the inflated stream (filter byte + row, per row)."""
        out = bytearray()
        while len(out) < size:
            data = self._tail
            if not data:
                data = next(self._chunks, b"")
                if not data:
                    raise TruncatedImageError(
                        f"{self.path} is incomplete (the PNG data ends early); copy or "
                        "download it again")
            try:
                out += self._inflate.decompress(data, size - len(out))
            except zlib.error as exc:
                raise CorruptImageError(
                    f"{self.path} is a damaged PNG file ({exc}); re-export it") from exc
            self._tail = self._inflate.unconsumed_tail
        return bytes(out)

    def _unfilter(self, filtered: bytes, n: int) -> np.ndarray:
        """libpng unfilters ``n`` rows: a PNG of them, headed by the row above (filter 0)."""
        import cv2

        head = b"" if self._prev is None else b"\x00" + self._prev
        bit_depth, colour_type = self._ihdr
        rows = n + (self._prev is not None)
        png = b"".join([
            PNG_SIGNATURE,
            _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, rows, bit_depth, colour_type,
                                        0, 0, 0)),
            _chunk(b"IDAT", zlib.compress(head + filtered, 0)),
            _chunk(b"IEND", b""),
        ])
        arr = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
        del png
        if arr is None or arr.shape[:2] != (rows, self.width):
            raise CorruptImageError(f"{self.path} is a damaged PNG file (a row does not "
                                    "decode); re-export it")
        pixels = self._from_opencv(arr)[rows - n:]
        last = pixels[-1]
        self._prev = (last.astype(">u2") if last.dtype == np.uint16 else last).tobytes()
        return pixels

    def _from_opencv(self, arr: np.ndarray) -> np.ndarray:
        """OpenCV's BGR / BGRA / gray-as-BGRA back to the file's RGB / RGBA / gray+alpha."""
        if arr.ndim == 2:
            return arr[:, :, None]
        if self.samples == 2:
            return np.ascontiguousarray(arr[:, :, [0, 3]])
        order = [2, 1, 0, 3][: self.samples]
        return np.ascontiguousarray(arr[:, :, order])


def open_png_rows(path: str | os.PathLike[str], *,
                  max_pixels: int | None = DEFAULT_MAX_PIXELS) -> PngRows | None:
    """A :class:`PngRows` for ``path`` when it is a PNG that can be decoded band by band,
    else None (read it with :func:`read_image`).  The pixel limit is :func:`read_image`'s
    and is checked from the header."""
    path = Path(path)
    limit = effective_limit(max_pixels)
    check_file(path)
    with path.open("rb") as f:
        if f.read(8) != PNG_SIGNATURE:
            return None
        layout = _scan(f)
    if layout is None:
        return None
    width, height, bit_depth, colour_type, idat = layout
    notes: list[str] = []
    with open_header(path, notes) as im:   # Pillow parses the metadata read_image keeps
        check_limit(path, im.size, limit)
        if exif_orientation(im, notes) != 1:
            return None
        icc = im.info.get("icc_profile") or None
        exif = carried_exif(im, 1)
    notes = [f"{path.name}: {n}" for n in notes]
    return PngRows(path, width, height, bit_depth, colour_type, idat, icc, exif, notes)


def _scan(f: BinaryIO) -> tuple[int, int, int, int, list[tuple[int, int]]] | None:
    """(width, height, bit depth, colour type, [(offset, length) of each IDAT]) when the
    file is one we stream; None for the rest and for files that end early (read_image
    then says what is wrong with them)."""
    head = f.read(8)
    if len(head) < 8 or head[4:] != b"IHDR":
        return None
    ihdr = f.read(13)
    if len(ihdr) < 13:
        return None
    width, height, bit_depth, colour_type, _c, _f, interlace = struct.unpack(">IIBBBBB", ihdr)
    if bit_depth not in (8, 16) or colour_type not in _CHANNELS or interlace != 0:
        return None
    f.seek(4, os.SEEK_CUR)   # IHDR's CRC
    idat: list[tuple[int, int]] = []
    ended = False
    while True:
        head = f.read(8)
        if len(head) < 8:
            return None   # no IEND: truncated
        length, kind = struct.unpack(">I4s", head)
        if kind in _NOT_STREAMED or (idat and kind in _TAIL_METADATA):
            return None
        if kind == b"IDAT":
            if ended:
                return None   # IDATs must be consecutive
            idat.append((f.tell(), length))
        elif idat:
            ended = True
        if kind == b"IEND":
            break
        f.seek(length + 4, os.SEEK_CUR)
    end = f.tell()
    f.seek(0, os.SEEK_END)
    if not idat or f.tell() < end:
        return None
    return width, height, bit_depth, colour_type, idat


def _idat_data(f: BinaryIO, path: Path, idat: list[tuple[int, int]]) -> Iterator[bytes]:
    """The IDAT chunks' data in order, each checked against its CRC."""
    for offset, length in idat:
        f.seek(offset)
        data = f.read(length)
        crc = f.read(4)
        if len(data) < length or len(crc) < 4:
            raise TruncatedImageError(
                f"{path} is incomplete (the PNG data ends early); copy or download it again")
        if zlib.crc32(data, zlib.crc32(b"IDAT")) & 0xFFFFFFFF != struct.unpack(">I", crc)[0]:
            raise CorruptImageError(f"{path} is a damaged PNG file (a bad IDAT checksum); "
                                    "re-export it")
        yield data


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)) & 0xFFFFFFFF))
