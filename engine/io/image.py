"""The in-memory image every engine stage passes around.

Readers produce an :class:`ImageData`, models work on ``to_float32(pixels)``, writers take an
``ImageData`` back.  Keeping colour (``pixels``) and ``alpha`` apart lets models see only the
channels they were trained on, and keeping the ICC profile and EXIF beside the pixels lets
the output look like the input in every colour-managed viewer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from engine.rounding import round_into

#: Formats an :class:`ImageData` may come from (Pillow's names).
SOURCE_FORMATS = ("PNG", "JPEG", "WEBP", "TIFF", "BMP")

_MAX = {np.dtype(np.uint8): 255, np.dtype(np.uint16): 65535}


def _max_value(dtype: np.dtype | type) -> int:
    try:
        return _MAX[np.dtype(dtype)]
    except KeyError:
        raise TypeError(f"expected uint8 or uint16 pixels, got {np.dtype(dtype)}") from None


def icc_colour_space(icc_profile: bytes | None) -> str | None:
    """The data colour space an ICC profile describes ('RGB', 'GRAY', 'CMYK', ...), or None.

    Needed because a profile is only valid on pixels of its own colour space: a GRAY profile
    in an RGB PNG makes strict decoders reject the file.
    """
    if not icc_profile or len(icc_profile) < 20:
        return None
    try:
        return icc_profile[16:20].decode("ascii").strip() or None
    except UnicodeDecodeError:
        return None


def icc_fits(icc_profile: bytes | None, channels: int) -> bool:
    """True when ``icc_profile`` may be stored with pixels of ``channels`` colour channels."""
    space = icc_colour_space(icc_profile)
    return (space == "GRAY" and channels == 1) or (space == "RGB" and channels == 3)


@dataclass(eq=False)
class ImageData:
    """Decoded pixels plus the metadata a writer needs to reproduce the file faithfully.

    ``pixels`` is (H, W, C) with C = 1 (gray) or 3 (RGB), uint8 or uint16; a 2-D array is
    accepted and viewed as (H, W, 1).  ``alpha`` is (H, W) of the same dtype, or None.
    ``exif`` is the EXIF block as Pillow's ``exif=`` option takes it (``b"Exif\\0\\0"`` +
    TIFF data), with the orientation tag already reset to 1 because the reader applied it.
    """

    pixels: np.ndarray
    alpha: np.ndarray | None = None
    icc_profile: bytes | None = None
    exif: bytes | None = None
    source_format: str = "PNG"
    #: what the reader changed or left out, one line each for the user ("only the first
    #: of 12 pages", "3 NaN samples shown as black")
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        pixels = self.pixels
        if not isinstance(pixels, np.ndarray):
            raise TypeError("pixels must be a numpy array")
        if pixels.ndim == 2:
            pixels = self.pixels = pixels[:, :, None]
        if pixels.ndim != 3 or pixels.shape[2] not in (1, 3):
            raise ValueError(f"pixels must be (H, W, 1) or (H, W, 3), got {pixels.shape}")
        _max_value(pixels.dtype)
        if self.alpha is not None:
            if self.alpha.shape != pixels.shape[:2]:
                raise ValueError(
                    f"alpha must be {pixels.shape[:2]} like the pixels, got {self.alpha.shape}"
                )
            if self.alpha.dtype != pixels.dtype:
                raise TypeError(f"alpha is {self.alpha.dtype} but pixels are {pixels.dtype}")

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def channels(self) -> int:
        """Colour channels (1 or 3), not counting alpha."""
        return int(self.pixels.shape[2])

    @property
    def bit_depth(self) -> int:
        return 8 if self.pixels.dtype == np.uint8 else 16

    @property
    def is_gray(self) -> bool:
        return self.channels == 1

    @property
    def has_alpha(self) -> bool:
        return self.alpha is not None

    def with_pixels(self, pixels: np.ndarray, alpha: np.ndarray | None = None) -> ImageData:
        """A new image (e.g. the upscaled output) that keeps this one's metadata.

        The ICC profile is dropped when it no longer matches the colour channels (a gray
        profile cannot describe RGB output and vice versa).
        """
        out = dataclasses.replace(self, pixels=pixels, alpha=alpha)
        if out.icc_profile is not None and not icc_fits(out.icc_profile, out.channels):
            out.icc_profile = None
        return out


def to_float32(arr: np.ndarray) -> np.ndarray:
    """uint8/uint16 -> float32 in [0, 1], the range models expect."""
    scale = _max_value(arr.dtype)
    out = arr.astype(np.float32)
    np.divide(out, np.float32(scale), out=out)
    return out


def from_float32(arr: np.ndarray, dtype: np.dtype | type = np.uint8) -> np.ndarray:
    """float in [0, 1] -> rounded, clipped uint8/uint16 (NaN becomes 0).

    Rounds half up (``floor(x * max + 0.5)``) so ``from_float32(to_float32(a), a.dtype)``
    returns ``a`` exactly.
    """
    return round_into(np.empty(np.shape(arr), dtype), np.asarray(arr, dtype=np.float32))
