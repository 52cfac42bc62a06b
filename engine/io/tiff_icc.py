"""Add an ICC profile to a TIFF that OpenCV encoded (16-bit colour, which Pillow cannot
write): OpenCV's encoder has no way to store one, and a photographer's 16-bit TIFF in
Adobe RGB or ProPhoto would otherwise come back with its colours reinterpreted as sRGB.

The first IFD is copied to the end of the file with an InterColorProfile entry (tag
34675) added, the profile is appended before it and the header points at the copy; every
other offset in the file stays valid, so nothing else is rewritten.
"""

from __future__ import annotations

import struct

ICC_TAG, UNDEFINED = 34675, 7


def add_icc_to_tiff(data: bytes, icc: bytes) -> bytes:
    """``data`` (a classic TIFF) with ``icc`` as its first image's profile; unchanged when
    it is not a classic TIFF or already has one."""
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    else:
        return data   # BigTIFF (or not a TIFF): left as it is
    (ifd_at,) = struct.unpack_from(order + "I", data, 4)
    (count,) = struct.unpack_from(order + "H", data, ifd_at)
    entries = [data[ifd_at + 2 + 12 * i: ifd_at + 14 + 12 * i] for i in range(count)]
    tags = [struct.unpack_from(order + "H", e)[0] for e in entries]
    if ICC_TAG in tags:
        return data
    (next_ifd,) = struct.unpack_from(order + "I", data, ifd_at + 2 + 12 * count)
    out = bytearray(data)
    if len(out) % 2:
        out += b"\x00"
    icc_at = len(out)
    out += icc + (b"\x00" if len(icc) % 2 else b"")
    new_ifd_at = len(out)
    entries.append(struct.pack(order + "HHII", ICC_TAG, UNDEFINED, len(icc), icc_at))
    entries.sort(key=lambda e: struct.unpack_from(order + "H", e)[0])
    out += struct.pack(order + "H", len(entries)) + b"".join(entries) \
        + struct.pack(order + "I", next_ifd)
    if len(out) > 0xFFFFFFFF:
        return data   # past classic TIFF's 4 GiB offsets
    struct.pack_into(order + "I", out, 4, new_ifd_at)
    return bytes(out)
