"""Encode :class:`ImageData` to files: atomically, never over an input, keeping metadata.

Format follows the file suffix.  What each format keeps:

* PNG: gray/RGB, alpha, 8 and 16 bits, ICC, EXIF.  Large (> 16 MP) and 16-bit images go
  through the streaming encoder in ``png_stream`` so memory stays O(band).
* TIFF: gray/RGB, alpha (unassociated, in ExtraSamples), 8 and 16 bits, ICC at any size
  (BigTIFF past 4 GiB), through tifffile; 16-bit gray+alpha is stored as RGBA.  EXIF is
  not written to TIFF.
* JPEG: 8 bits, gray/RGB, ICC, EXIF; alpha is dropped (not composited).
* WebP: 8 bits, RGB (gray is stored as RGB), alpha, ICC, EXIF; at most 16383 px per side.
  ``quality=100`` means lossless.
* BMP: 8 bits, gray/RGB; alpha, ICC and EXIF are dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from PIL import Image

from engine.errors import ImageWriteError, OutputExistsError, SRStudioError
from engine.io.atomic import atomic_output
from engine.io.formats import FORMAT_NAMES, format_for_suffix
from engine.io.image import ImageData, icc_fits
from engine.io.png_stream import write_png_streaming

#: PNGs above this many pixels use the streaming encoder (Pillow would copy the image).
STREAMING_PNG_PIXELS = 16_000_000
PNG_COMPRESS_LEVEL = 6
_MAX_SIDE = {"WEBP": 16383, "JPEG": 65535, "PNG": 2**31 - 1, "TIFF": 2**31 - 1, "BMP": 2**31 - 1}


def write_image(
    path: str | os.PathLike[str],
    image: ImageData,
    *,
    quality: int = 95,
    overwrite: bool = False,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``image`` to ``path`` (format from the suffix) and return the path.

    Refuses with OutputExistsError when ``path`` exists and ``overwrite`` is False, and when
    it is one of ``protected`` (the inputs) unless ``overwrite`` is True.  ``quality``
    (1-100) drives JPEG and WebP.  Nothing partial is ever left at ``path``.
    """
    path = Path(path)
    fmt = checked_format(path, image.width, image.height, quality=quality,
                         overwrite=overwrite, protected=protected)
    encode_atomically(path, lambda f: _ENCODERS[fmt](f, image, quality), overwrite=overwrite)
    return path


def checked_format(path: Path, width: int, height: int, *, quality: int = 95,
                   overwrite: bool = False,
                   protected: Iterable[str | os.PathLike[str]] = ()) -> str:
    """The format ``path`` asks for, once every check a write makes before encoding has
    passed (extension, quality, target, the format's largest side), so the in-memory and
    the streaming writers refuse the same things with the same words."""
    fmt = format_for_suffix(path)
    if fmt is None:
        raise ImageWriteError(
            f"cannot write {path}: unknown extension {path.suffix or '(none)'!r}; "
            "use .png, .jpg, .webp, .tif or .bmp"
        )
    if not 1 <= quality <= 100:
        raise ValueError(f"quality must be 1-100, got {quality}")
    _check_target(path, overwrite, protected)
    if max(width, height) > _MAX_SIDE[fmt]:
        raise ImageWriteError(
            f"cannot write {path}: {FORMAT_NAMES[fmt]} holds at most {_MAX_SIDE[fmt]} pixels "
            f"per side and the image is {width}x{height}; save it as PNG or TIFF"
        )
    return fmt


def encode_atomically(path: Path, encode: Callable[[BinaryIO], None], *,
                      overwrite: bool = False) -> None:
    """Run ``encode`` on a temp file that becomes ``path`` only when it returns: an error,
    a cancel or a full disk leaves nothing; encoder errors become one-line
    ImageWriteErrors, the engine's own errors (a cancel included) pass unchanged."""
    try:
        with atomic_output(path, exclusive=not overwrite) as tmp, open(tmp, "wb") as f:
            encode(f)
    except SRStudioError:
        raise
    except Exception as exc:  # encoder failures (Pillow ValueError, cv2.error, ...)
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ImageWriteError(f"cannot write {path}: {detail}") from exc


def _check_target(path: Path, overwrite: bool, protected: Iterable[str | os.PathLike[str]]) -> None:
    if path.is_dir():
        raise ImageWriteError(f"cannot write {path}: it is a folder")
    if not path.parent.is_dir():
        raise ImageWriteError(f"cannot write {path}: the folder {path.parent} does not exist")
    if overwrite:
        return
    for source in protected:
        if _same_file(path, Path(source)):
            raise OutputExistsError(
                f"{path} is an input image; refusing to overwrite it, choose another "
                "output folder or name"
            )
    if os.path.lexists(path):
        raise OutputExistsError(
            f"{path} already exists; allow overwriting or choose another output name"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


# --- pixel preparation ----------------------------------------------------------------
def _to_8bit(arr: np.ndarray) -> np.ndarray:
    """uint16 -> uint8 rounded to nearest (x / 257); uint8 passes through."""
    if arr.dtype == np.uint8:
        return arr
    out = arr.astype(np.uint32)
    out += 128
    out //= 257
    return out.astype(np.uint8)


def _pil_image(pixels: np.ndarray, alpha: np.ndarray | None) -> Image.Image:
    """Pillow image (L, LA, RGB, RGBA or I;16) from planes of one dtype."""
    if alpha is not None:
        pixels = np.concatenate([pixels, alpha[:, :, None]], axis=2)
    if pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    return Image.fromarray(np.ascontiguousarray(pixels))


def _icc(image: ImageData, channels: int) -> bytes | None:
    icc = image.icc_profile
    return icc if icc and icc_fits(icc, channels) else None


def _metadata(image: ImageData, channels: int, *, exif: bool = True) -> dict[str, bytes]:
    options: dict[str, bytes] = {}
    icc = _icc(image, channels)
    if icc:
        options["icc_profile"] = icc
    if exif and image.exif:
        options["exif"] = image.exif
    return options


# --- encoders -------------------------------------------------------------------------
def _write_png(f: BinaryIO, image: ImageData, quality: int) -> None:
    if image.bit_depth == 16 or image.width * image.height > STREAMING_PNG_PIXELS:
        write_png_streaming(
            f,
            image.pixels,
            alpha=image.alpha,
            icc_profile=_icc(image, image.channels),
            exif=image.exif,
            compress_level=PNG_COMPRESS_LEVEL,
        )
        return
    im = _pil_image(image.pixels, image.alpha)
    im.save(f, "PNG", compress_level=PNG_COMPRESS_LEVEL, **_metadata(image, image.channels))


def _write_jpeg(f: BinaryIO, image: ImageData, quality: int) -> None:
    im = _pil_image(_to_8bit(image.pixels), None)  # JPEG has no alpha: dropped
    # 4:4:4 chroma at high quality: upscaled detail is exactly what 4:2:0 would blur.
    subsampling = 0 if quality >= 90 else 2
    im.save(
        f,
        "JPEG",
        quality=quality,
        subsampling=subsampling,
        **_metadata(image, image.channels),
    )


def _write_webp(f: BinaryIO, image: ImageData, quality: int) -> None:
    pixels = _to_8bit(image.pixels)
    if pixels.shape[2] == 1:  # WebP has no gray mode
        pixels = np.repeat(pixels, 3, axis=2)
    alpha = _to_8bit(image.alpha) if image.alpha is not None else None
    im = _pil_image(pixels, alpha)
    im.save(
        f,
        "WEBP",
        quality=quality,
        lossless=quality >= 100,
        exact=alpha is not None,
        **_metadata(image, 3),
    )


#: TIFFs whose pixels exceed this are written as BigTIFF (classic offsets are 32-bit)
BIGTIFF_BYTES = 2**32 - 2**25
TIFF_COMPRESS_LEVEL = 1   # deflate + predictor: as fast as OpenCV's LZW, files ~20% smaller


def _write_tiff(f: BinaryIO, image: ImageData, quality: int) -> None:
    """Every TIFF through tifffile, which writes through ``f`` (so a full disk is an
    ENOSPC OSError we report as such, not libtiff's lines on stderr), keeps the ICC profile
    at any size (BigTIFF past 4 GiB; OpenCV could not store one and the appended copy was
    dropped silently for BigTIFF), and marks alpha as unassociated (ExtraSamples)."""
    import tifffile

    pixels, alpha = image.pixels, image.alpha
    if tiff_gray_alpha_as_rgba(image.bit_depth, pixels.shape[2], alpha is not None):
        pixels = np.repeat(pixels, 3, axis=2)   # 16-bit gray+alpha is stored as RGBA
    planes = pixels if alpha is None else np.concatenate([pixels, alpha[:, :, None]], axis=2)
    data = np.ascontiguousarray(planes if planes.shape[2] > 1 else planes[:, :, 0])
    del planes
    tifffile.imwrite(
        f, data, planarconfig="contig",
        compression="zlib", compressionargs={"level": TIFF_COMPRESS_LEVEL}, predictor=True,
        **tiff_options(data.shape[2] if data.ndim == 3 else 1, alpha is not None,
                       image.icc_profile, data.nbytes),
    )


def tiff_gray_alpha_as_rgba(bit_depth: int, channels: int, has_alpha: bool) -> bool:
    """16-bit gray+alpha is stored as RGBA (the layout every TIFF reader takes)."""
    return bit_depth == 16 and channels == 1 and has_alpha


def tiff_options(samples: int, has_alpha: bool, icc_profile: bytes | None,
                 nbytes: int) -> dict[str, Any]:
    """tifffile's options for ``samples`` samples per pixel (alpha included) and
    ``nbytes`` of pixels: the in-memory and the streaming TIFF are one file."""
    rgb = samples >= 3
    icc = icc_profile if icc_profile and icc_fits(icc_profile, 3 if rgb else 1) else None
    return dict(photometric="rgb" if rgb else "minisblack",
                extrasamples=("unassalpha",) if has_alpha else None,
                iccprofile=icc, bigtiff=nbytes > BIGTIFF_BYTES,
                metadata=None, software="SR Studio")


def _write_bmp(f: BinaryIO, image: ImageData, quality: int) -> None:
    im = _pil_image(_to_8bit(image.pixels), None)  # BMP: alpha, ICC and EXIF dropped
    im.save(f, "BMP")


_ENCODERS = {
    "PNG": _write_png,
    "JPEG": _write_jpeg,
    "WEBP": _write_webp,
    "TIFF": _write_tiff,
    "BMP": _write_bmp,
}
