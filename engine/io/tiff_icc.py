"""Add an ICC profile to a TIFF that OpenCV encoded (16-bit colour, which Pillow cannot
write): OpenCV's encoder has no way to store one, and a photographer's 16-bit TIFF in
Adobe RGB or ProPhoto would otherwise come back with its colours reinterpreted as sRGB.

The encoded file is written as it is; the profile and a copy of its first IFD with an
InterColorProfile entry (tag 34675) added are appended, and the header is pointed at the
copy.  Every other offset in the file stays valid, and the (possibly gigabyte-sized)
encoded bytes are never copied.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

ICC_TAG, UNDEFINED = 34675, 7
_CLASSIC_LIMIT = 0xFFFFFFFF   # classic TIFF offsets are 32-bit


def write_tiff_with_icc(f: BinaryIO, encoded: memoryview | bytes, icc: bytes) -> bool:
    """Write the classic TIFF ``encoded`` to ``f`` (seekable, positioned at the file's
    start) with ``icc`` as its first image's profile.  Returns False, having written
    ``encoded`` unchanged, for a BigTIFF, a file that has a profile already, or one that
    the profile would push past classic TIFF's 4 GiB offsets."""
    data = memoryview(encoded).cast("B")
    f.write(data)
    head = bytes(data[:4])
    order = "<" if head == b"II*\x00" else ">" if head == b"MM\x00*" else None
    if order is None:
        return False
    (ifd_at,) = struct.unpack_from(order + "I", data, 4)
    (count,) = struct.unpack_from(order + "H", data, ifd_at)
    entries = [bytes(data[ifd_at + 2 + 12 * i: ifd_at + 14 + 12 * i]) for i in range(count)]
    if any(struct.unpack_from(order + "H", e)[0] == ICC_TAG for e in entries):
        return False
    (next_ifd,) = struct.unpack_from(order + "I", data, ifd_at + 2 + 12 * count)
    pad = len(data) % 2
    icc_at = len(data) + pad
    new_ifd_at = icc_at + len(icc) + len(icc) % 2
    if new_ifd_at + 2 + 12 * (count + 1) + 4 > _CLASSIC_LIMIT:
        return False
    entries.append(struct.pack(order + "HHII", ICC_TAG, UNDEFINED, len(icc), icc_at))
    entries.sort(key=lambda e: struct.unpack_from(order + "H", e)[0])
    f.write(b"\x00" * pad + icc + b"\x00" * (len(icc) % 2))
    f.write(struct.pack(order + "H", len(entries)) + b"".join(entries)
            + struct.pack(order + "I", next_ifd))
    end = f.tell()
    f.seek(end - new_ifd_at - (2 + 12 * len(entries) + 4) + 4)   # the header's IFD offset
    f.write(struct.pack(order + "I", new_ifd_at))
    f.seek(end)
    return True
