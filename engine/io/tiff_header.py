"""The first IFD of a classic TIFF file: size and sample layout, read without decoding.

Pillow cannot open floating-point colour TIFFs (32-bit float RGB from HDR merges, scientific
cameras, Photoshop's 32-bit mode) and reports them as unidentified, which would read as a
damaged file.  The reader looks here first to tell them apart, check the pixel limit from
the header as it does for every other image, and decode them with OpenCV instead.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

#: TIFF SampleFormat values (tag 339).
SAMPLE_UINT, SAMPLE_INT, SAMPLE_FLOAT = 1, 2, 3

_TYPE_SIZES = {3: 2, 4: 4}  # SHORT, LONG: the only types the tags below use
_WANTED = {256: "width", 257: "height", 258: "bits", 277: "samples", 339: "sample_format"}


@dataclass(frozen=True)
class TiffHeader:
    width: int
    height: int
    samples: int = 1
    bits: int = 1
    sample_format: int = SAMPLE_UINT

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
            for i in range(count):
                tag, typ, n, raw = struct.unpack(order + "HHI4s", entries[12 * i: 12 * i + 12])
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
    return TiffHeader(**values)
