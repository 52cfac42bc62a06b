"""Decoding an opened image into arrays: gray or RGB (+ alpha), 8 or 16 bits, whatever
mode the file stores.

Pillow does the decoding; OpenCV only steps in for 16-bit colour PNG/TIFF, which Pillow
silently reduces to 8 bits.  Pixels are copied out in bands, so a read never holds a
second full-size temporary.  Orientation, ICC and EXIF are the reader's
(:mod:`engine.io.reader`); the checks before decoding are :mod:`engine.io.read_checks`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFile

from engine.errors import CorruptImageError, UnsupportedFormatError
from engine.io.float_tiff import float_to_uint16
from engine.io.read_checks import decode_error

# Pixels copied out of Pillow per step: bounds the temporary memory of a read.
_BAND_PIXELS = 1 << 22


def _tile_rawmodes(im: Image.Image) -> Iterator[str]:
    for tile in (im.tile if isinstance(im, ImageFile.ImageFile) else None) or ():
        args = tile[3]
        raw = args if isinstance(args, str) else (args[0] if args else "")
        if isinstance(raw, str):
            yield raw


def is_deep_colour(im: Image.Image, fmt: str) -> bool:
    """True for 16-bit colour (or gray+alpha) files, which Pillow would cut to 8 bits."""
    if im.mode not in ("RGB", "RGBA"):
        return False
    if any("16" in raw for raw in _tile_rawmodes(im)):
        return True
    if fmt == "TIFF":
        bits = im.tag_v2.get(258) or ()  # type: ignore[attr-defined]
        bits = bits if isinstance(bits, tuple) else (bits,)
        return any(int(b) > 8 for b in bits)
    return False


def decode_deep_colour(
    path: Path, im: Image.Image, fmt: str
) -> tuple[np.ndarray, np.ndarray | None]:
    """Decode 16-bit RGB/RGBA/gray+alpha with OpenCV (which returns BGR order)."""
    import cv2

    was_gray_alpha = any(raw.startswith("LA") for raw in _tile_rawmodes(im))
    data = np.fromfile(path, dtype=np.uint8)  # imdecode: works with any path encoding
    arr = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    del data
    if arr is None:
        raise decode_error(path, fmt, OSError("OpenCV could not decode it"))
    if arr.shape[:2] != (im.size[1], im.size[0]):
        raise CorruptImageError(f"{path} has inconsistent image dimensions; re-export it")
    if arr.dtype not in (np.uint8, np.uint16):
        raise UnsupportedFormatError(
            f"{path} stores {arr.dtype} samples; save it as 8- or 16-bit integer"
        )
    if arr.ndim == 2:
        return arr[:, :, None], None
    channels = arr.shape[2]
    if was_gray_alpha and channels == 4:
        return np.ascontiguousarray(arr[:, :, :1]), np.ascontiguousarray(arr[:, :, 3])
    if channels == 4:
        return np.ascontiguousarray(arr[:, :, 2::-1]), np.ascontiguousarray(arr[:, :, 3])
    if channels == 3:
        rows = max(1, _BAND_PIXELS // max(1, arr.shape[1]))
        for y0 in range(0, arr.shape[0], rows):  # BGR -> RGB in place, one band at a time
            arr[y0 : y0 + rows] = arr[y0 : y0 + rows, :, ::-1]
        return arr, None
    if channels == 2:
        return np.ascontiguousarray(arr[:, :, :1]), np.ascontiguousarray(arr[:, :, 1])
    raise UnsupportedFormatError(f"{path} has {channels} channels; SR Studio reads 1 to 4")


def pixels_from_pillow(
    path: Path, im: Image.Image, icc: bytes | None, notes: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray | None, bytes | None]:
    """Normalise Pillow's many modes to gray/RGB (+ alpha), 8 or 16 bits."""
    mode = im.mode
    if mode == "1":
        im = im.convert("L")
    elif mode in ("P", "PA"):
        im = im.convert("RGBA" if mode == "PA" or im.has_transparency_data else "RGB")
    elif mode in ("L", "RGB") and "transparency" in im.info:
        im = im.convert("LA" if mode == "L" else "RGBA")
    elif mode == "CMYK":
        im, icc = _cmyk_to_rgb(im, icc)
    elif mode in ("RGBX", "YCbCr", "HSV", "LAB"):
        im = _convert_or_fail(path, im, "RGB")
    elif mode == "RGBa":
        im = im.convert("RGBA")
    elif mode == "La":
        im = im.convert("LA")
    mode = im.mode
    if mode == "I":
        return _int_to_uint16(np.asarray(im))[:, :, None], None, icc
    if mode == "F":
        return float_to_uint16(np.asarray(im), notes)[:, :, None], None, icc
    layouts = {"L": (1, False), "LA": (1, True), "RGB": (3, False), "RGBA": (3, True)}
    dtype: type[np.unsignedinteger[Any]]
    if mode.startswith("I;16"):
        channels, has_alpha, dtype = 1, False, np.uint16
    elif mode in layouts:
        (channels, has_alpha), dtype = layouts[mode], np.uint8
    else:
        raise UnsupportedFormatError(
            f"{path} uses the {mode} pixel mode; save it as RGB or grayscale"
        )
    width, height = im.size
    pixels = np.empty((height, width, channels), dtype)
    alpha = np.empty((height, width), dtype) if has_alpha else None
    rows = max(1, _BAND_PIXELS // max(1, width))
    for y0 in range(0, height, rows):  # copy in bands: never a second full-size temporary
        y1 = min(height, y0 + rows)
        band = np.asarray(im.crop((0, y0, width, y1)))
        if band.ndim == 2:
            band = band[:, :, None]
        pixels[y0:y1] = band[:, :, :channels]
        if alpha is not None:
            alpha[y0:y1] = band[:, :, channels]
    return pixels, alpha, icc


def _convert_or_fail(path: Path, im: Image.Image, mode: str) -> Image.Image:
    try:
        return im.convert(mode)
    except ValueError as exc:
        raise UnsupportedFormatError(
            f"{path} uses the {im.mode} colour mode, which SR Studio cannot convert; save it as RGB"
        ) from exc


def _cmyk_to_rgb(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """CMYK -> RGB through the embedded profile when there is one (print files have one)."""
    if icc:
        try:
            from PIL import ImageCms

            srgb = ImageCms.createProfile("sRGB")
            out = ImageCms.profileToProfile(
                im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), srgb, outputMode="RGB"
            )
            if out is not None:
                return out, ImageCms.ImageCmsProfile(srgb).tobytes()
        except Exception:
            pass
    return im.convert("RGB"), None


def _int_to_uint16(arr: np.ndarray) -> np.ndarray:
    """32-bit integer gray -> uint16, kept as is when it fits, else stretched to fit."""
    lo, hi = (int(arr.min()), int(arr.max())) if arr.size else (0, 0)
    if lo >= 0 and hi <= 65535:
        return arr.astype(np.uint16)
    scaled = (arr.astype(np.float64) - lo) * (65535.0 / max(1, hi - lo))
    return np.floor(scaled + 0.5).astype(np.uint16)
