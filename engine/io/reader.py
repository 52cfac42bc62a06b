"""Decode image files into :class:`ImageData` with errors a user can act on.

Pillow does the decoding; OpenCV only steps in for 16-bit colour PNG/TIFF, which Pillow
silently reduces to 8 bits, and for floating-point colour TIFF, which Pillow cannot open
(it becomes 16-bit, as float gray does).  The pixel limit is checked from the header,
before anything is decoded, so a hostile or mistaken file cannot exhaust memory.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFile, UnidentifiedImageError

from engine.errors import (
    ConfigError,
    CorruptImageError,
    EmptyFileError,
    ImageReadError,
    ImageTooLargeError,
    TruncatedImageError,
    UnsupportedFormatError,
)
from engine.io.float_tiff import float_colour_tiff, float_to_uint16, read_float_tiff
from engine.io.formats import (
    FORMAT_NAMES,
    describe_other_format,
    looks_truncated,
    sniff_format,
)
from engine.io.image import ImageData, icc_fits
from engine.io.orientation import (
    ORIENTATION_TAG,
    apply_orientation,
    normalize_exif,
    reset_orientation,
    swaps_axes,
)

#: Largest image (width * height) read unless the caller or ``SRSTUDIO_MAX_PIXELS`` says
#: otherwise: 200 MP is ~14000 x 14000, already 600 MB as 8-bit RGB before upscaling.
DEFAULT_MAX_PIXELS = 200_000_000
MAX_PIXELS_ENV = "SRSTUDIO_MAX_PIXELS"

# We check the size ourselves (from the header, with our own message), so Pillow's
# decompression-bomb warning/error must never fire instead.
Image.MAX_IMAGE_PIXELS = None

_PIL_FORMATS = ["PNG", "JPEG", "WEBP", "TIFF", "BMP"]
# warnings.catch_warnings swaps process-wide state: one capture at a time (EXIF parses only)
_capture_lock = threading.Lock()
_READABLE = "PNG, JPEG, WebP, TIFF or BMP"
# Pixels copied out of Pillow per step: bounds the temporary memory of a read.
_BAND_PIXELS = 1 << 22


def read_image(
    path: str | os.PathLike[str], *, max_pixels: int | None = DEFAULT_MAX_PIXELS
) -> ImageData:
    """Read an image file upright (EXIF orientation applied) with its ICC profile and EXIF.

    ``max_pixels=None`` disables the size limit.  When ``max_pixels`` is left at the default,
    the ``SRSTUDIO_MAX_PIXELS`` environment variable may change it ("0"/"none" = no limit).
    Raises a subclass of :class:`~engine.errors.ImageReadError` for every unreadable file.
    """
    path = Path(path)
    limit = _effective_limit(max_pixels)
    _check_file(path)
    notes: list[str] = []
    float_tiff = float_colour_tiff(path)
    if float_tiff is not None:
        _check_limit(path, (float_tiff.width, float_tiff.height), limit)
        pixels, alpha, icc = read_float_tiff(path, float_tiff, notes)   # upright already
        return _with_notes(path, _upright(pixels, alpha, 1, icc, None, "TIFF"), notes)
    with _open(path, notes) as im:
        fmt = _format_of(im)
        _check_limit(path, im.size, limit)
        try:
            icc = im.info.get("icc_profile") or None
            frames_note = _frames_note(im, fmt)
            if _is_deep_colour(im, fmt):
                pixels, alpha = _decode_deep_colour(path, im, fmt)
            else:
                im.load()
                pixels, alpha, icc = _pixels_from_pillow(path, im, icc, notes)
            orientation = _orientation(im, notes)
            exif = _carried_exif(im, orientation)
        except ImageReadError:
            raise
        except Exception as exc:  # Pillow raises many types for broken files
            raise _decode_error(path, fmt, exc) from exc
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
    _check_file(path)
    float_tiff = float_colour_tiff(path)
    if float_tiff is not None:
        (width, height), fmt = (float_tiff.width, float_tiff.height), "TIFF"
        orientation = float_tiff.orientation
    else:
        with _open(path) as im:
            fmt = _format_of(im)
            width, height = im.size
            try:
                orientation = _orientation(im)
            except Exception:
                orientation = 1
    if swaps_axes(orientation):
        width, height = height, width
    return width, height, fmt


# --- checks ---------------------------------------------------------------------------
def _effective_limit(max_pixels: int | None) -> int | None:
    if max_pixels is None:
        return None
    if max_pixels <= 0:
        raise ValueError(f"max_pixels must be positive or None, got {max_pixels}")
    if max_pixels != DEFAULT_MAX_PIXELS:
        return max_pixels
    raw = os.environ.get(MAX_PIXELS_ENV, "").strip()
    if not raw:
        return max_pixels
    if raw.lower() in ("0", "none", "unlimited"):
        return None
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(
            f"{MAX_PIXELS_ENV} must be a positive whole number of pixels or 'none', got {raw!r}"
        )
    return value


def _check_file(path: Path) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ImageReadError(f"{path} not found; check the file name and folder") from None
    except OSError as exc:
        raise ImageReadError(f"cannot open {path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise ImageReadError(f"{path} is a folder, not an image file")
    if st.st_size == 0:
        raise EmptyFileError(f"{path} is empty (0 bytes); copy or download it again")


def _check_limit(path: Path, size: tuple[int, int], limit: int | None) -> None:
    width, height = size
    if limit is not None and width * height > limit:
        raise ImageTooLargeError(
            f"{path} is {width}x{height} ({width * height / 1e6:.1f} megapixels), more than "
            f"the {limit / 1e6:g} megapixel limit; downscale it or raise {MAX_PIXELS_ENV}"
        )


def _open(path: Path, notes: list[str] | None = None) -> Image.Image:
    """Open the header only; map every failure to an ImageReadError.  Pillow parses EXIF
    here (JPEG), so its warnings about it become a note."""
    try:
        with _pillow_warnings(notes):
            return Image.open(path, formats=_PIL_FORMATS)
    except UnidentifiedImageError as exc:
        head = _head(path)
        fmt = sniff_format(head)
        if fmt is not None:
            raise _decode_error(path, fmt, exc) from exc
        other = describe_other_format(head)
        if other is not None:
            raise UnsupportedFormatError(
                f"{path} is {other}; SR Studio reads {_READABLE} images, so convert it first"
            ) from exc
        raise UnsupportedFormatError(
            f"{path} is not a {_READABLE} image (wrong extension or not an image at all)"
        ) from exc
    except PermissionError as exc:
        raise ImageReadError(f"cannot open {path}: permission denied") from exc
    except ImageReadError:
        raise
    except Exception as exc:
        raise _decode_error(path, sniff_format(_head(path)), exc) from exc


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(16)
    except OSError:
        return b""


def _decode_error(path: Path, fmt: str | None, exc: BaseException) -> ImageReadError:
    if isinstance(exc, Image.DecompressionBombError):
        return ImageTooLargeError(f"{path} is too large to decode safely")
    if isinstance(exc, MemoryError):
        return ImageTooLargeError(
            f"not enough memory to decode {path}; close other programs or downscale it"
        )
    name = FORMAT_NAMES.get(fmt or "", "image")
    if "truncated" in str(exc).lower() or looks_truncated(path, fmt):
        return TruncatedImageError(
            f"{path} is incomplete (the {name} data ends early); copy or download it again"
        )
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return CorruptImageError(f"{path} is a damaged {name} file ({detail}); re-export it")


def _format_of(im: Image.Image) -> str:
    fmt = im.format or "PNG"
    return "JPEG" if fmt == "MPO" else fmt


# --- decoding -------------------------------------------------------------------------
def _tile_rawmodes(im: Image.Image) -> Iterator[str]:
    for tile in (im.tile if isinstance(im, ImageFile.ImageFile) else None) or ():
        args = tile[3]
        raw = args if isinstance(args, str) else (args[0] if args else "")
        if isinstance(raw, str):
            yield raw


def _is_deep_colour(im: Image.Image, fmt: str) -> bool:
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


def _decode_deep_colour(
    path: Path, im: Image.Image, fmt: str
) -> tuple[np.ndarray, np.ndarray | None]:
    """Decode 16-bit RGB/RGBA/gray+alpha with OpenCV (which returns BGR order)."""
    import cv2

    was_gray_alpha = any(raw.startswith("LA") for raw in _tile_rawmodes(im))
    data = np.fromfile(path, dtype=np.uint8)  # imdecode: works with any path encoding
    arr = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    del data
    if arr is None:
        raise _decode_error(path, fmt, OSError("OpenCV could not decode it"))
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


def _pixels_from_pillow(
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


# --- metadata -------------------------------------------------------------------------
def _exif_block(im: Image.Image) -> Image.Exif | None:
    if im.format == "PNG":  # PngImageFile.getexif() would decode the whole image
        raw = im.info.get("exif")
        if not raw:
            return None
        exif = Image.Exif()
        exif.load(normalize_exif(raw))
        return exif
    return im.getexif()


def _orientation(im: Image.Image, notes: list[str] | None = None) -> int:
    try:
        with _pillow_warnings(notes):
            exif = _exif_block(im)
        value = int(exif.get(ORIENTATION_TAG, 1)) if exif is not None else 1
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


@contextlib.contextmanager
def _pillow_warnings(notes: list[str] | None) -> Iterator[None]:
    """Pillow's EXIF parser warns ('Corrupt EXIF data...', 'Tag data larger than file')
    straight to stderr, ahead of our own line about the file; catch them and turn them
    into one note (or nothing, when the caller has no use for one)."""
    with _capture_lock, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    pillow = [w for w in caught if "PIL" in (w.filename or "")]
    for w in caught:
        if w not in pillow:   # not Pillow's: let it through as it was
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if pillow and notes is not None:
        first = " ".join(str(pillow[0].message).split()).rstrip(". ")
        notes.append(f"its EXIF data is damaged ({first}); the unreadable tags are ignored")


def _carried_exif(im: Image.Image, orientation: int) -> bytes | None:
    """The file's EXIF block with orientation 1 (TIFF tags are not EXIF and are not kept)."""
    raw = im.info.get("exif")
    if not isinstance(raw, bytes | bytearray) or not raw:
        return None
    raw = normalize_exif(bytes(raw))
    return reset_orientation(raw) if orientation != 1 else raw
