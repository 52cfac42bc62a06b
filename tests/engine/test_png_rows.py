"""The streamed PNG reader (engine.io.png_rows) gives read_image's pixels and metadata a
window of rows at a time, and leaves the files it cannot stream to read_image."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from engine.errors import CorruptImageError, ImageTooLargeError, TruncatedImageError
from engine.io import png_rows, read_image
from engine.io.png_rows import open_png_rows
from engine.io.png_stream import write_png_streaming
from tests.conftest import photo_like

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _pixels(h: int, w: int, samples: int, dtype: type) -> np.ndarray:
    img = photo_like(h, w, samples, seed=samples).astype(dtype)
    if dtype == np.uint16:   # use the low byte too
        img = img * 257 + (np.arange(w, dtype=np.uint16)[None, :, None] % 251)
    return img


def _expected(path: Path) -> np.ndarray:
    img = read_image(path)
    return img.pixels if img.alpha is None else np.concatenate(
        [img.pixels, img.alpha[:, :, None]], axis=2)


def _read_in_windows(src: png_rows.PngRows, step: int, margin: int) -> np.ndarray:
    """Every row, asked for as the tiler does: overlapping windows, top to bottom."""
    h = src.shape[0]
    out = np.empty(src.shape, src.dtype)
    for y in range(0, h, step):
        y0, y1 = max(0, y - margin), min(h, y + step + margin)
        out[y0:y1] = src.rows(y0, y1)
    return out


@pytest.mark.parametrize("samples", [1, 2, 3, 4])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_rows_equal_read_image_for_every_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                samples: int, dtype: type) -> None:
    monkeypatch.setattr(png_rows, "_BAND_BYTES", 5000)   # many bands per window
    path = tmp_path / "in.png"
    with path.open("wb") as f:
        write_png_streaming(f, _pixels(157, 83, samples, dtype), rows_per_chunk=11)
    src = open_png_rows(path)
    assert src is not None
    with src:
        assert src.shape == (157, 83, samples) and src.dtype == dtype
        assert src.channels == (1 if samples <= 2 else 3)
        assert src.has_alpha == (samples in (2, 4))
        np.testing.assert_array_equal(_read_in_windows(src, 23, 7), _expected(path))


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA", "I;16"])
def test_files_from_pillow_with_many_idat_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 mode: str) -> None:
    monkeypatch.setattr(png_rows, "_BAND_BYTES", 3000)
    rgba = photo_like(120, 97, 4, seed=2)
    im = (Image.fromarray(rgba).convert(mode) if mode != "I;16"
          else Image.fromarray(rgba[:, :, 0].astype(np.uint16) * 250))
    path = tmp_path / "pil.png"
    from PIL import ImageFile
    monkeypatch.setattr(ImageFile, "MAXBLOCK", 1000)   # Pillow writes many small IDATs
    im.save(path, optimize=False)
    src = open_png_rows(path)
    assert src is not None
    with src:
        np.testing.assert_array_equal(_read_in_windows(src, 31, 9), _expected(path))


def test_metadata_is_read_images(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "TestMaker"
    path = tmp_path / "meta.png"
    with path.open("wb") as f:
        write_png_streaming(f, _pixels(9, 8, 3, np.uint8), icc_profile=SRGB,
                            exif=exif.tobytes())
    ref = read_image(path)
    src = open_png_rows(path)
    assert src is not None
    with src:
        assert src.icc_profile == ref.icc_profile == SRGB
        assert src.exif == ref.exif and src.exif
        assert src.notes == ref.notes


def test_the_window_only_goes_forward_and_may_skip(tmp_path: Path) -> None:
    path = tmp_path / "in.png"
    pixels = _pixels(100, 10, 3, np.uint8)
    with path.open("wb") as f:
        write_png_streaming(f, pixels)
    src = open_png_rows(path)
    assert src is not None
    with src:
        np.testing.assert_array_equal(src.rows(10, 20), pixels[10:20])
        np.testing.assert_array_equal(src.rows(60, 70), pixels[60:70])   # skipped ahead
        with pytest.raises(ValueError, match="released"):
            src.rows(50, 55)
        assert len(src._window) == 10   # only what was asked for is kept


def _interlaced(path: Path) -> None:
    Image.fromarray(photo_like(8, 8)).save(path)
    data = bytearray(path.read_bytes())   # Pillow cannot write Adam7: mark the IHDR so
    data[28] = 1
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["palette", "colour key", "one bit", "rotated", "jpeg",
                                  "interlaced"])
def test_files_it_cannot_stream_are_left_to_read_image(tmp_path: Path, kind: str) -> None:
    path = tmp_path / ("x.jpg" if kind == "jpeg" else "x.png")
    rgb = photo_like(8, 8)
    if kind == "palette":
        Image.fromarray(rgb).convert("P").save(path)
    elif kind == "colour key":
        Image.fromarray(rgb).save(path, transparency=(1, 2, 3))
    elif kind == "one bit":
        Image.fromarray(rgb).convert("1").save(path)
    elif kind == "rotated":
        exif = Image.Exif()
        exif[0x0112] = 6
        Image.fromarray(rgb).save(path, exif=exif.tobytes())
    elif kind == "jpeg":
        Image.fromarray(rgb).save(path)
    else:
        _interlaced(path)
    assert open_png_rows(path) is None


def test_the_pixel_limit_holds(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    with path.open("wb") as f:
        write_png_streaming(f, _pixels(30, 40, 3, np.uint8))
    with pytest.raises(ImageTooLargeError, match="megapixel limit"):
        open_png_rows(path, max_pixels=1000)


def test_damaged_and_truncated_data_say_so(tmp_path: Path) -> None:
    path = tmp_path / "in.png"
    with path.open("wb") as f:
        write_png_streaming(f, photo_like(200, 50), compress_level=0)
    data = path.read_bytes()
    start = data.index(b"IDAT") + 4
    bad = bytearray(data)
    bad[start + 500] ^= 0xFF
    (tmp_path / "bad.png").write_bytes(bytes(bad))
    src = open_png_rows(tmp_path / "bad.png")
    assert src is not None
    with src, pytest.raises(CorruptImageError, match="damaged"):
        src.rows(0, 200)
    # data cut short but the file still ends with a (moved) IEND: the rows run out
    idat_len = struct.unpack(">I", data[start - 8:start - 4])[0]
    short = data[start - 8:start + idat_len + 4]
    cut = idat_len // 2
    chunk = (struct.pack(">I", cut) + b"IDAT" + short[8:8 + cut]
             + struct.pack(">I", zlib.crc32(short[8:8 + cut], zlib.crc32(b"IDAT")) & 0xFFFFFFFF))
    (tmp_path / "short.png").write_bytes(data[:start - 8] + chunk + data[-12:])
    src = open_png_rows(tmp_path / "short.png")
    assert src is not None
    with src, pytest.raises(TruncatedImageError, match="incomplete"):
        src.rows(0, 200)
