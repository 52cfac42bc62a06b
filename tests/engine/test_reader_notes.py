"""What the reader changes or leaves out is said once, not silently (multi-frame files)
or as Pillow's raw warnings (damaged EXIF)."""

from __future__ import annotations

import contextlib
import struct
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.errors import ImageReadError
from engine.io import probe_image, read_image


def _frames(n: int) -> list[Image.Image]:
    return [Image.fromarray(np.full((6, 5, 3), 40 * i, np.uint8)) for i in range(n)]


@pytest.mark.parametrize("name, kind, options", [
    ("pages.tif", "3 pages", {}),
    ("anim.png", "3 animation frames", {}),
    ("anim.webp", "3 animation frames", {"lossless": True}),
])
def test_multi_frame_files_say_only_the_first_is_upscaled(tmp_path: Path, name: str,
                                                          kind: str, options: dict) -> None:
    frames = _frames(3)
    frames[0].save(tmp_path / name, save_all=True, append_images=frames[1:], **options)
    img = read_image(tmp_path / name)
    assert img.pixels[0, 0, 0] == 0                     # the first frame
    assert img.notes == [f"{name}: has {kind}; only the first is upscaled"]


def test_a_single_frame_file_has_no_note(tmp_path: Path) -> None:
    _frames(1)[0].save(tmp_path / "one.webp", lossless=True)
    assert read_image(tmp_path / "one.webp").notes == []


def _jpeg_with_damaged_exif(path: Path) -> Path:
    """A JPEG whose EXIF ImageDescription claims 5000 bytes (Pillow warns about it)."""
    exif = Image.Exif()
    exif[0x010E] = "a description of the picture"
    noise = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(noise).save(path, "JPEG", quality=95, exif=exif.tobytes())
    data = bytearray(path.read_bytes())
    tiff = data.find(b"MM\x00*")
    (ifd,) = struct.unpack(">I", data[tiff + 4: tiff + 8])
    (count,) = struct.unpack(">H", data[tiff + ifd: tiff + ifd + 2])
    for k in range(count):
        entry = tiff + ifd + 2 + 12 * k
        if struct.unpack(">H", data[entry: entry + 2])[0] == 0x010E:
            data[entry + 4: entry + 8] = struct.pack(">I", 5000)
    path.write_bytes(bytes(data))
    return path


def test_damaged_exif_is_a_note_not_pillows_warning(tmp_path: Path) -> None:
    p = _jpeg_with_damaged_exif(tmp_path / "exif.jpg")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        img = read_image(p)
    assert [str(w.message) for w in caught] == []
    (note,) = img.notes
    assert note.startswith("exif.jpg: its EXIF data is damaged")


def test_damaged_exif_before_a_read_error_prints_only_the_error(tmp_path: Path) -> None:
    p = _jpeg_with_damaged_exif(tmp_path / "cut.jpg")
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(ImageReadError):
            probe_image(p)       # a job probes every input before reading it
        with pytest.raises(ImageReadError):
            read_image(p)
    assert [str(w.message) for w in caught] == []
