"""EXIF orientation: apply it to pixels and mark it done in the carried EXIF block.

Phones store portrait photos sideways plus an orientation tag; models and viewers of our
output must see them upright, and the output's EXIF must then say "already upright" (1) or
viewers would rotate a second time.
"""

from __future__ import annotations

import struct

import numpy as np

ORIENTATION_TAG = 0x0112
EXIF_PREFIX = b"Exif\x00\x00"


def apply_orientation(arr: np.ndarray, orientation: int) -> np.ndarray:
    """Rotate/flip an (H, W, ...) array the way ``PIL.ImageOps.exif_transpose`` does.

    Returns a view; callers make it contiguous once, after every plane is transformed.
    """
    if orientation == 2:
        return arr[:, ::-1]
    if orientation == 3:
        return arr[::-1, ::-1]
    if orientation == 4:
        return arr[::-1]
    if orientation == 5:
        return arr.swapaxes(0, 1)
    if orientation == 6:
        return np.rot90(arr, -1)
    if orientation == 7:
        return arr.swapaxes(0, 1)[::-1, ::-1]
    if orientation == 8:
        return np.rot90(arr, 1)
    return arr


def swaps_axes(orientation: int) -> bool:
    """True when applying ``orientation`` exchanges width and height."""
    return orientation in (5, 6, 7, 8)


def normalize_exif(exif: bytes) -> bytes:
    """``exif`` with the ``b"Exif\\0\\0"`` prefix Pillow's writers expect."""
    return exif if exif.startswith(EXIF_PREFIX) else EXIF_PREFIX + exif


def reset_orientation(exif: bytes) -> bytes | None:
    """The EXIF block with its orientation tag set to 1, or None if it cannot be parsed.

    Patches the one value in place instead of re-serialising, so maker notes and other
    offset-sensitive data survive byte for byte.
    """
    exif = normalize_exif(exif)
    base = len(EXIF_PREFIX)
    tiff = exif[base:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    try:
        ifd0 = struct.unpack(order + "I", tiff[4:8])[0]
        count = struct.unpack(order + "H", tiff[ifd0 : ifd0 + 2])[0]
        for i in range(count):
            entry = ifd0 + 2 + 12 * i
            tag, typ, n = struct.unpack(order + "HHI", tiff[entry : entry + 8])
            if tag != ORIENTATION_TAG:
                continue
            if typ != 3 or n != 1:  # not a single SHORT: let Pillow rewrite it
                return _reset_with_pillow(exif)
            start = base + entry + 8
            return exif[:start] + struct.pack(order + "HH", 1, 0) + exif[start + 4 :]
    except struct.error:
        return _reset_with_pillow(exif)
    return exif


def _reset_with_pillow(exif: bytes) -> bytes | None:
    from PIL import Image

    try:
        parsed = Image.Exif()
        parsed.load(exif)
        parsed[ORIENTATION_TAG] = 1
        return normalize_exif(parsed.tobytes())
    except Exception:
        return None
