"""Which files are images we handle, decided from names and first bytes.

Kept apart from the reader and writer so the GUI can filter file dialogs and the batch
runner can pick inputs without importing Pillow's decoders.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

#: Extensions we read and write (lowercase, with the dot), in file-dialog order.
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".bmp")

_FORMAT_BY_SUFFIX = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
}

#: Human names for messages.
FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "TIFF": "TIFF", "BMP": "BMP"}

# Formats people often try that we do not read, so the message can say what the file is.
_OTHER_MAGIC = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"8BPS", "a Photoshop document"),
    (b"\x00\x00\x00\x0cjP  ", "a JPEG 2000 image"),
    (b"\xff\x0a", "a JPEG XL image"),
    (b"\x00\x00\x00\x0cJXL ", "a JPEG XL image"),
)


#: Image formats people keep in photo folders that we do not read: a folder scan names the
#: ones it passes over instead of skipping them in silence.
UNREAD_IMAGE_EXTENSIONS: frozenset[str] = frozenset((
    ".gif", ".heic", ".heif", ".avif", ".jxl", ".jp2", ".j2k", ".psd", ".exr", ".hdr", ".tga",
    ".ico", ".svg", ".dng", ".cr2", ".cr3", ".nef", ".arw", ".orf", ".rw2", ".raf", ".pef",
))


def is_unread_image(path: str | os.PathLike[str]) -> bool:
    """True for an image file name in a format SR Studio does not read (GIF, HEIC, raw...)."""
    return Path(path).suffix.lower() in UNREAD_IMAGE_EXTENSIONS


def is_supported_image(path: str | os.PathLike[str]) -> bool:
    """True when the file name has an image extension we read (the content is not checked)."""
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def format_for_suffix(path: str | os.PathLike[str]) -> str | None:
    """The format a writer should use for ``path`` ('PNG', 'JPEG', ...), or None if unknown."""
    return _FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())


def sniff_format(head: bytes) -> str | None:
    """Our format name from a file's first 16 bytes, or None.  Used to word error messages."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "TIFF"
    if head.startswith(b"BM"):
        return "BMP"
    return None


def describe_other_format(head: bytes) -> str | None:
    """'a GIF image', 'a HEIC photo', ... for common files we do not read, else None."""
    for magic, name in _OTHER_MAGIC:
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "a HEIC photo"
        if brand in (b"avif", b"avis"):
            return "an AVIF image"
        return "a video or MP4-family file"
    return None


def looks_truncated(path: Path, fmt: str | None) -> bool:
    """Best guess whether a file that failed to decode simply ends too early.

    Only asked after a decode error, to tell "the download was interrupted" from "the data
    is damaged".  Checks the format's own end marker or declared size against the file size.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(64)
            f.seek(max(0, size - 32))
            tail = f.read()
    except OSError:
        return False
    try:
        if fmt == "PNG":
            return b"IEND" not in tail
        if fmt == "JPEG":
            return b"\xff\xd9" not in tail
        if fmt == "WEBP":
            return len(head) < 12 or struct.unpack("<I", head[4:8])[0] + 8 > size
        if fmt == "BMP":
            if len(head) < 38:
                return True
            declared = struct.unpack("<I", head[2:6])[0]
            offset = struct.unpack("<I", head[10:14])[0]
            image_size = struct.unpack("<I", head[34:38])[0]
            return declared > size or offset + image_size > size
        if fmt == "TIFF":
            return _tiff_truncated(path, size)
    except struct.error:
        return True
    return False


def _tiff_truncated(path: Path, size: int) -> bool:
    """True when a TIFF's first strips or tiles end past the end of the file."""
    from PIL import Image  # local: formats.py stays importable without Pillow

    try:
        with Image.open(path, formats=["TIFF"]) as im:
            tags = im.tag_v2  # type: ignore[attr-defined]
            offsets = tags.get(273) or tags.get(324) or ()
            counts = tags.get(279) or tags.get(325) or ()
            ends = [int(o) + int(c) for o, c in zip(offsets, counts, strict=False)]
    except Exception:
        return size < 8
    return bool(ends) and max(ends) > size
