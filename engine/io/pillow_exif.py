"""An opened image's EXIF through Pillow: its orientation tag, the block an output carries
(orientation reset to 1), and Pillow's warnings about damaged EXIF turned into one note.

The byte-level EXIF work (normalising the block, patching the tag, rotating pixels) is
:mod:`engine.io.orientation`; this module is the part that needs Pillow's parser.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator

from PIL import Image

from engine.io.orientation import ORIENTATION_TAG, normalize_exif, reset_orientation

# warnings.catch_warnings swaps process-wide state: one capture at a time (EXIF parses only)
_capture_lock = threading.Lock()


def _exif_block(im: Image.Image) -> Image.Exif | None:
    if im.format == "PNG":  # PngImageFile.getexif() would decode the whole image
        raw = im.info.get("exif")
        if not raw:
            return None
        exif = Image.Exif()
        exif.load(normalize_exif(raw))
        return exif
    return im.getexif()


def exif_orientation(im: Image.Image, notes: list[str] | None = None) -> int:
    """The EXIF orientation tag (1..8; 1 when absent or unreadable)."""
    try:
        with pillow_warnings(notes):
            exif = _exif_block(im)
        value = int(exif.get(ORIENTATION_TAG, 1)) if exif is not None else 1
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


@contextlib.contextmanager
def pillow_warnings(notes: list[str] | None) -> Iterator[None]:
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


def carried_exif(im: Image.Image, orientation: int) -> bytes | None:
    """The file's EXIF block with orientation 1 (TIFF tags are not EXIF and are not kept)."""
    raw = im.info.get("exif")
    if not isinstance(raw, bytes | bytearray) or not raw:
        return None
    raw = normalize_exif(bytes(raw))
    return reset_orientation(raw) if orientation != 1 else raw
