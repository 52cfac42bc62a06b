"""Floating-point images: float TIFFs that Pillow cannot open, and float samples to 16 bits.

Pillow cannot open floating-point colour TIFFs (32-bit float RGB from HDR merges, scientific
cameras, Photoshop's 32-bit mode) and reports them as unidentified, which would read as a
damaged file.  The reader asks ``float_colour_tiff`` first (the first IFD, read without
decoding) so it can check the pixel limit from the header as for every other image, then
decodes them here with OpenCV.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import UnsupportedFormatError

#: TIFF SampleFormat values (tag 339).
SAMPLE_UINT, SAMPLE_INT, SAMPLE_FLOAT = 1, 2, 3

_TYPE_SIZES = {3: 2, 4: 4}  # SHORT, LONG: the only types the tags below use
_WANTED = {256: "width", 257: "height", 258: "bits", 274: "orientation", 277: "samples",
           339: "sample_format"}
_ICC_TAG, _UNDEFINED = 34675, 7   # InterColorProfile: raw bytes
_MAX_ICC = 16 << 20


@dataclass(frozen=True)
class TiffHeader:
    width: int
    height: int
    samples: int = 1
    bits: int = 1
    sample_format: int = SAMPLE_UINT
    orientation: int = 1              # as EXIF's (tag 274): 1 = upright
    icc_span: tuple[int, int] | None = None   # (offset, length) of the ICC profile

    @property
    def is_float(self) -> bool:
        return self.sample_format == SAMPLE_FLOAT


def read_tiff_header(path: str | os.PathLike[str]) -> TiffHeader | None:
    """The first image's header, or None for anything but a readable classic TIFF (BigTIFF,
    another format, a header cut short): the caller then leaves the file to Pillow."""
    try:
        with Path(path).open("rb") as f:
            head = f.read(8)
            if head[:4] == b"II*\x00":
                order = "<"
            elif head[:4] == b"MM\x00*":
                order = ">"
            else:
                return None
            (ifd,) = struct.unpack(order + "I", head[4:8])
            f.seek(ifd)
            (count,) = struct.unpack(order + "H", f.read(2))
            entries = f.read(12 * count)
            values: dict[str, int] = {}
            icc: tuple[int, int] | None = None
            for i in range(count):
                tag, typ, n, raw = struct.unpack(order + "HHI4s", entries[12 * i: 12 * i + 12])
                if tag == _ICC_TAG and typ == _UNDEFINED and 4 < n <= _MAX_ICC:  # read later
                    icc = (struct.unpack(order + "I", raw)[0], n)
                    continue
                name = _WANTED.get(tag)
                size = _TYPE_SIZES.get(typ)
                if name is None or size is None or n < 1:
                    continue
                if size * n <= 4:  # the first value is stored in the entry itself
                    data = raw[:size]
                else:  # a list (one per sample) stored elsewhere: every sample shares it
                    here = f.tell()
                    f.seek(struct.unpack(order + "I", raw)[0])
                    data = f.read(size)
                    f.seek(here)
                values[name] = struct.unpack(order + ("H" if size == 2 else "I"), data)[0]
    except (OSError, struct.error):
        return None
    if "width" not in values or "height" not in values:
        return None
    if not 1 <= values.get("orientation", 1) <= 8:
        values["orientation"] = 1
    return TiffHeader(**values, icc_span=icc)


def tiff_icc_profile(path: str | os.PathLike[str], header: TiffHeader) -> bytes | None:
    """The ICC profile ``header`` points at (None if absent or cut short)."""
    if header.icc_span is None:
        return None
    offset, length = header.icc_span
    try:
        with Path(path).open("rb") as f:
            f.seek(offset)
            data = f.read(length)
    except OSError:
        return None
    return data if len(data) == length else None


def float_colour_tiff(path: Path) -> TiffHeader | None:
    """The header of a floating-point TIFF that Pillow cannot open (colour, or half floats);
    None for every other file, which Pillow reads (float32 gray included)."""
    header = read_tiff_header(path)
    if header is None or not header.is_float or (header.samples == 1 and header.bits == 32):
        return None
    return header


def read_float_tiff(path: Path, header: TiffHeader, notes: list[str] | None = None
                    ) -> tuple[np.ndarray, np.ndarray | None, bytes | None]:
    """(uint16 pixels, alpha or None, ICC profile or None), upright: OpenCV applies the
    Orientation tag itself when it decodes.  What had to be changed (NaN, infinities) is
    appended to ``notes``."""
    pixels, alpha = decode_float_tiff(path, notes)
    return pixels, alpha, tiff_icc_profile(path, header)


def decode_float_tiff(path: Path, notes: list[str] | None = None
                      ) -> tuple[np.ndarray, np.ndarray | None]:
    """Float TIFF -> uint16 with OpenCV, scaled as float gray is (``float_to_uint16``: the
    colour channels together, so their balance is kept); alpha is clipped to [0, 1]."""
    import cv2

    data = np.fromfile(path, dtype=np.uint8)
    arr = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    del data
    if arr is None or arr.dtype.kind != "f":
        raise UnsupportedFormatError(
            f"{path} is a floating-point TIFF that SR Studio cannot decode (its compression or "
            "layout); save it as a 16-bit integer TIFF or PNG"
        )
    if arr.ndim == 2:
        arr = arr[:, :, None]
    channels = arr.shape[2]
    if channels not in (1, 2, 3, 4):
        raise UnsupportedFormatError(f"{path} has {channels} channels; SR Studio reads 1 to 4")
    alpha = None
    if channels in (2, 4):
        a = np.nan_to_num(arr[:, :, -1].astype(np.float32), nan=0.0, posinf=1.0, neginf=0.0)
        alpha = np.floor(np.clip(a, 0.0, 1.0) * 65535.0 + 0.5).astype(np.uint16)
    colour = arr[:, :, 2::-1] if channels >= 3 else arr[:, :, :1]  # OpenCV's BGR -> RGB
    return np.ascontiguousarray(float_to_uint16(colour, notes)), alpha


def float_to_uint16(arr: np.ndarray, notes: list[str] | None = None) -> np.ndarray:
    """Float samples -> uint16: [0, 1] data is scaled by 65535, other ranges are stretched.

    NaN and infinities are mapped before the range is measured (they once became 0, so one
    +Inf sample turned a bright pixel dark and, by widening the stretch, halved every other
    value): +Inf is the brightest finite value, -Inf the darkest, NaN black (the darkest
    finite value if black is outside the data's range); ``notes`` gets one line saying so.
    """
    arr = arr.astype(np.float32)   # a copy: the mapping below writes into it
    finite = np.isfinite(arr)
    if arr.size and not finite.all():
        lo = float(np.min(arr, where=finite, initial=np.inf))
        hi = float(np.max(arr, where=finite, initial=-np.inf))
        if lo > hi:               # nothing finite at all
            lo = hi = 0.0
        nan, pos = np.isnan(arr), np.isposinf(arr)
        neg = ~finite & ~nan & ~pos
        counts = (int(nan.sum()), int(pos.sum()), int(neg.sum()))
        # black, unless black would widen the stretch of the rest (then the darkest value)
        nan_value = 0.0 if lo <= 0.0 <= hi or (lo >= 0.0 and hi <= 1.0) else lo
        arr[nan], arr[pos], arr[neg] = nan_value, hi, lo
        del nan, pos, neg
        if notes is not None:
            notes.append(non_finite_note(*counts, nan_black=nan_value == 0.0))
    del finite
    lo, hi = (float(arr.min()), float(arr.max())) if arr.size else (0.0, 0.0)
    if lo < 0.0 or hi > 1.0:
        arr = (arr - lo) / max(hi - lo, 1e-12)
    return np.floor(np.clip(arr, 0.0, 1.0) * 65535.0 + 0.5).astype(np.uint16)


def non_finite_note(nans: int, pos_inf: int, neg_inf: int, *, nan_black: bool = True) -> str:
    """One line for the user on how NaN / infinite samples were shown."""
    parts = []
    if nans:
        parts.append(f"{nans} NaN sample{'s' * (nans != 1)} shown as "
                     + ("black" if nan_black else "the darkest value"))
    if pos_inf:
        parts.append(f"{pos_inf} +Inf as the brightest finite value")
    if neg_inf:
        parts.append(f"{neg_inf} -Inf as the darkest finite value")
    return "float data with NaN/infinite samples: " + ", ".join(parts)
