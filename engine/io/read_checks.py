"""Before an image is decoded: the file is there and not empty, its header is opened (Pillow
reads only the header here), its size is within the pixel limit, and every failure becomes
an :class:`~engine.errors.ImageReadError` a user can act on.

Shared by the whole-file reader (:mod:`engine.io.reader`) and the row-by-row PNG decoder
(:mod:`engine.io.png_rows`), so both refuse the same files with the same words.  The pixel
limit is checked from the header, before anything is decoded, so a hostile or mistaken
file cannot exhaust memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from engine.errors import (
    ConfigError,
    CorruptImageError,
    EmptyFileError,
    ImageReadError,
    ImageTooLargeError,
    TruncatedImageError,
    UnsupportedFormatError,
)
from engine.io.formats import (
    FORMAT_NAMES,
    describe_other_format,
    looks_truncated,
    sniff_format,
)
from engine.io.pillow_exif import pillow_warnings

#: Largest image (width * height) read unless the caller or ``SRSTUDIO_MAX_PIXELS`` says
#: otherwise: 200 MP is ~14000 x 14000, already 600 MB as 8-bit RGB before upscaling.
DEFAULT_MAX_PIXELS = 200_000_000
MAX_PIXELS_ENV = "SRSTUDIO_MAX_PIXELS"

# We check the size ourselves (from the header, with our own message), so Pillow's
# decompression-bomb warning/error must never fire instead.
Image.MAX_IMAGE_PIXELS = None

_PIL_FORMATS = ["PNG", "JPEG", "WEBP", "TIFF", "BMP"]
_READABLE = "PNG, JPEG, WebP, TIFF or BMP"


def effective_limit(max_pixels: int | None) -> int | None:
    """The pixel limit a read uses: ``max_pixels``, or ``SRSTUDIO_MAX_PIXELS`` when the
    caller left it at the default ("0"/"none" = no limit); None: no limit."""
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


def check_file(path: Path) -> None:
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


def check_limit(path: Path, size: tuple[int, int], limit: int | None) -> None:
    width, height = size
    if limit is not None and width * height > limit:
        raise ImageTooLargeError(
            f"{path} is {width}x{height} ({width * height / 1e6:.1f} megapixels), more than "
            f"the {limit / 1e6:g} megapixel limit; downscale it or raise {MAX_PIXELS_ENV}"
        )


def open_header(path: Path, notes: list[str] | None = None) -> Image.Image:
    """Open the header only; map every failure to an ImageReadError.  Pillow parses EXIF
    here (JPEG), so its warnings about it become a note."""
    try:
        with pillow_warnings(notes):
            return Image.open(path, formats=_PIL_FORMATS)
    except UnidentifiedImageError as exc:
        head = _head(path)
        fmt = sniff_format(head)
        if fmt is not None:
            raise decode_error(path, fmt, exc) from exc
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
        raise decode_error(path, sniff_format(_head(path)), exc) from exc


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(16)
    except OSError:
        return b""


def decode_error(path: Path, fmt: str | None, exc: BaseException) -> ImageReadError:
    """The ImageReadError (too large, truncated, damaged) for a decoder's exception."""
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


def format_of(im: Image.Image) -> str:
    fmt = im.format or "PNG"
    return "JPEG" if fmt == "MPO" else fmt
