"""Tests of engine.io: formats, bit depths, metadata, errors, atomic writes, streaming PNG."""

from __future__ import annotations

import errno
import io
import struct
import tracemalloc
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageOps

from engine.errors import (
    CancelledError,
    ConfigError,
    CorruptImageError,
    DiskFullError,
    EmptyFileError,
    ImageReadError,
    ImageTooLargeError,
    ImageWriteError,
    OutputExistsError,
    TruncatedImageError,
    UnsupportedFormatError,
)
from engine.io import (
    DEFAULT_MAX_PIXELS,
    SUPPORTED_EXTENSIONS,
    ImageData,
    atomic_output,
    from_float32,
    is_supported_image,
    iter_image_files,
    png_stream,
    probe_image,
    read_image,
    to_float32,
    unread_images_note,
    write_image,
    writer,
)
from engine.io.orientation import apply_orientation, reset_orientation
from engine.io.png_stream import write_png_streaming

RNG = np.random.default_rng(1234)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
ORIENTATION = 0x0112


def smooth(h: int, w: int, c: int, dtype: type = np.uint8) -> np.ndarray:
    """A smooth gradient with a little noise: compresses and survives lossy codecs."""
    top = 255 if dtype == np.uint8 else 65535
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = [(x / max(w - 1, 1) * (0.5 + 0.2 * k) + y / max(h - 1, 1) * 0.3) for k in range(c)]
    arr = np.stack(planes, axis=2) * top * 0.8 + RNG.integers(0, 3, (h, w, c)) * (top / 255)
    return np.clip(arr, 0, top).astype(dtype)


def noise(shape: tuple[int, ...], dtype: type = np.uint8) -> np.ndarray:
    return RNG.integers(0, np.iinfo(dtype).max + 1, shape, dtype=dtype)


def make_png(path: Path, arr: np.ndarray) -> Path:
    Image.fromarray(arr).save(path)
    return path


def one_line_naming(err: pytest.ExceptionInfo[BaseException], path: Path) -> None:
    message = str(err.value)
    assert "\n" not in message
    assert path.name in message


# --- ImageData and float helpers -------------------------------------------------------
def test_imagedata_properties_and_with_pixels() -> None:
    img = ImageData(
        np.zeros((4, 5, 3), np.uint16),
        np.zeros((4, 5), np.uint16),
        icc_profile=SRGB,
        exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00",
        source_format="TIFF",
    )
    assert (img.height, img.width, img.channels, img.bit_depth) == (4, 5, 3, 16)
    assert img.has_alpha and not img.is_gray
    out = img.with_pixels(np.zeros((8, 10, 3), np.uint16))
    assert out.icc_profile == SRGB and out.exif == img.exif and out.source_format == "TIFF"
    assert out.alpha is None and (out.height, out.width) == (8, 10)
    gray = img.with_pixels(np.zeros((8, 10), np.uint16))  # RGB profile cannot describe gray
    assert gray.is_gray and gray.icc_profile is None
    with pytest.raises(TypeError):
        ImageData(np.zeros((2, 2, 3), np.float32))
    with pytest.raises(ValueError):
        ImageData(np.zeros((2, 2, 2), np.uint8))
    with pytest.raises(ValueError):
        ImageData(np.zeros((2, 2, 3), np.uint8), np.zeros((3, 2), np.uint8))


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_float_round_trip_is_exact(dtype: type) -> None:
    values = np.arange(np.iinfo(dtype).max + 1, dtype=dtype).reshape(-1, 1, 1)
    f = to_float32(values)
    assert f.dtype == np.float32 and f.min() == 0.0 and f.max() == 1.0
    np.testing.assert_array_equal(from_float32(f, dtype), values)


def test_from_float32_rounds_and_clips() -> None:
    x = np.array([-1.0, 0.0, 0.5 / 255, 0.49 / 255, 1.0, 7.0, np.nan], np.float32)
    np.testing.assert_array_equal(from_float32(x, np.uint8), [0, 0, 1, 0, 255, 255, 0])
    assert from_float32(x, np.uint16).dtype == np.uint16


# --- round trips through write_image / read_image --------------------------------------
LAYOUTS = {"gray": (1, False), "gray+alpha": (1, True), "rgb": (3, False), "rgba": (3, True)}
# format -> (suffix, keeps alpha, lossless, reads gray back as gray)
FORMATS = {
    "PNG": (".png", True, True, True),
    "TIFF": (".tif", True, True, True),
    "WEBP": (".webp", True, False, False),
    "JPEG": (".jpg", False, False, True),
    "BMP": (".bmp", False, True, True),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_8bit(tmp_path: Path, fmt: str, layout: str) -> None:
    channels, with_alpha = LAYOUTS[layout]
    suffix, keeps_alpha, lossless, keeps_gray = FORMATS[fmt]
    pixels = smooth(37, 53, channels)
    alpha = smooth(37, 53, 1)[:, :, 0] if with_alpha else None
    src = ImageData(pixels, alpha, source_format="PNG")
    out = write_image(tmp_path / f"out{suffix}", src)
    back = read_image(out)
    assert back.source_format == fmt and back.bit_depth == 8
    assert back.has_alpha == (with_alpha and keeps_alpha)
    expect = pixels if keeps_gray or channels == 3 else np.repeat(pixels, 3, axis=2)
    assert back.pixels.shape == expect.shape
    if lossless:
        np.testing.assert_array_equal(back.pixels, expect)
        if back.alpha is not None:
            np.testing.assert_array_equal(back.alpha, alpha)
    else:
        assert np.abs(back.pixels.astype(int) - expect).mean() < 3
        if back.alpha is not None:
            np.testing.assert_array_equal(back.alpha, alpha)  # WebP alpha is lossless at q95


def test_webp_quality_100_is_lossless(tmp_path: Path) -> None:
    pixels, alpha = noise((19, 23, 3)), noise((19, 23))
    back = read_image(write_image(tmp_path / "x.webp", ImageData(pixels, alpha), quality=100))
    np.testing.assert_array_equal(back.pixels, pixels)
    np.testing.assert_array_equal(back.alpha, alpha)


@pytest.mark.parametrize(
    ("fmt", "transparent"), [("PNG", False), ("PNG", True), ("TIFF", False), ("BMP", False)]
)
def test_palette_files_read_as_rgb_or_rgba(tmp_path: Path, fmt: str, transparent: bool) -> None:
    rgb = Image.fromarray(smooth(21, 30, 3)).quantize(16)
    path = tmp_path / f"pal{FORMATS[fmt][0]}"
    rgb.save(path, **({"transparency": 3} if transparent else {}))
    with Image.open(path) as check:
        assert check.mode == "P"
        expect = np.asarray(check.convert("RGBA" if transparent else "RGB"))
    back = read_image(path)
    assert back.channels == 3 and back.has_alpha == transparent
    np.testing.assert_array_equal(back.pixels, expect[:, :, :3])
    if transparent:
        np.testing.assert_array_equal(back.alpha, expect[:, :, 3])


@pytest.mark.parametrize(
    ("mode", "suffix"),
    [
        ("1", ".png"),
        ("1", ".bmp"),
        ("L", ".jpg"),
        ("LA", ".png"),
        ("RGBA", ".tif"),
        ("CMYK", ".jpg"),
        ("CMYK", ".tif"),
        ("YCbCr", ".jpg"),
        ("I", ".tif"),
        ("F", ".tif"),
        ("I;16", ".png"),
        ("I;16", ".tif"),
    ],
)
def test_pillow_modes_are_normalised(tmp_path: Path, mode: str, suffix: str) -> None:
    base = Image.fromarray(smooth(16, 24, 3))
    if mode in ("I", "I;16"):
        im = Image.fromarray(smooth(16, 24, 1, np.uint16)[:, :, 0].astype(np.int32)).convert(mode)
    elif mode == "F":
        im = Image.fromarray(smooth(16, 24, 1)[:, :, 0].astype(np.float32) / 255)
    else:
        im = base.convert(mode)
    path = tmp_path / f"m{suffix}"
    im.save(path)
    back = read_image(path)
    assert back.pixels.dtype in (np.uint8, np.uint16)
    assert back.channels == (1 if mode in ("1", "L", "LA", "I", "F", "I;16") else 3)
    assert back.has_alpha == (mode in ("LA", "RGBA"))
    if mode in ("I", "I;16"):
        assert back.bit_depth == 16
        np.testing.assert_array_equal(back.pixels[:, :, 0], np.asarray(im).astype(np.uint16))
    if mode == "F":
        expect = np.floor(np.asarray(im) * 65535 + 0.5)
        np.testing.assert_array_equal(back.pixels[:, :, 0], expect)
    if mode == "1":
        assert set(np.unique(back.pixels)) <= {0, 255}


def test_transparent_colour_key_becomes_alpha(tmp_path: Path) -> None:
    pixels = smooth(10, 12, 3)
    pixels[0, 0] = (1, 2, 3)
    Image.fromarray(pixels).save(tmp_path / "t.png", transparency=(1, 2, 3))
    back = read_image(tmp_path / "t.png")
    assert back.has_alpha and back.alpha[0, 0] == 0 and back.alpha[5, 5] == 255


# --- 16 bits -------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".png", ".tif"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_16bit_round_trip_is_bit_exact(tmp_path: Path, suffix: str, layout: str) -> None:
    channels, with_alpha = LAYOUTS[layout]
    pixels = noise((13, 17, channels), np.uint16)
    alpha = noise((13, 17), np.uint16) if with_alpha else None
    back = read_image(write_image(tmp_path / f"deep{suffix}", ImageData(pixels, alpha)))
    assert back.bit_depth == 16 and back.has_alpha == with_alpha
    expect = pixels
    if suffix == ".tif" and layout == "gray+alpha":  # documented: stored as RGBA by OpenCV
        expect = np.repeat(pixels, 3, axis=2)
    np.testing.assert_array_equal(back.pixels, expect)
    if with_alpha:
        np.testing.assert_array_equal(back.alpha, alpha)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
@pytest.mark.parametrize("channels", [1, 3, 4])
def test_reads_16bit_files_from_other_writers(tmp_path: Path, suffix: str, channels: int) -> None:
    arr = noise((9, 11, channels), np.uint16)
    path = tmp_path / f"cv{suffix}"
    assert cv2.imwrite(str(path), arr[:, :, 0] if channels == 1 else arr)  # BGR(A) order
    back = read_image(path)
    assert back.bit_depth == 16
    if channels == 1:
        np.testing.assert_array_equal(back.pixels[:, :, 0], arr[:, :, 0])
    else:
        np.testing.assert_array_equal(back.pixels, arr[:, :, 2::-1])
    if channels == 4:
        np.testing.assert_array_equal(back.alpha, arr[:, :, 3])


def test_16bit_written_to_8bit_formats_is_rounded(tmp_path: Path) -> None:
    pixels = np.array([[[0], [128], [129], [257 * 100 + 128], [65535]]], np.uint16)
    back = read_image(write_image(tmp_path / "x.bmp", ImageData(pixels)))
    np.testing.assert_array_equal(back.pixels[0, :, 0], [0, 0, 1, 100, 255])


# --- metadata ------------------------------------------------------------------------
def exif_with(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "TestMaker"
    return exif


def test_jpeg_exif_orientation_is_applied_and_reset(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    Image.fromarray(smooth(20, 32, 3)).save(path, exif=exif_with(6), quality=95)
    with Image.open(path) as im:
        expect = np.asarray(ImageOps.exif_transpose(im))
    img = read_image(path)
    assert (img.height, img.width) == (32, 20)
    np.testing.assert_array_equal(img.pixels, expect)
    carried = Image.Exif()
    carried.load(img.exif)
    assert carried[ORIENTATION] == 1 and carried[0x010F] == "TestMaker"
    assert probe_image(path) == (20, 32, "JPEG")
    # and the output says "upright" too, so viewers do not rotate a second time
    with Image.open(write_image(tmp_path / "out.jpg", img)) as out:
        assert out.getexif()[ORIENTATION] == 1 and out.size == (20, 32)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_matches_pillow(tmp_path: Path, orientation: int) -> None:
    pixels, alpha = noise((5, 7, 3)), noise((5, 7))
    path = tmp_path / "o.png"
    Image.fromarray(np.dstack([pixels, alpha])).save(path, exif=exif_with(orientation))
    with Image.open(path) as im:
        im.load()
        expect = np.asarray(ImageOps.exif_transpose(im))
    img = read_image(path)
    np.testing.assert_array_equal(img.pixels, expect[:, :, :3])
    np.testing.assert_array_equal(img.alpha, expect[:, :, 3])
    assert img.pixels.flags.c_contiguous


def test_orientation_on_16bit_png(tmp_path: Path) -> None:
    pixels = noise((6, 9, 3), np.uint16)
    exif = exif_with(8).tobytes()
    with open(tmp_path / "d.png", "wb") as f:
        write_png_streaming(f, pixels, exif=exif)
    img = read_image(tmp_path / "d.png")
    np.testing.assert_array_equal(img.pixels, np.rot90(pixels, 1))
    assert img.bit_depth == 16


def test_reset_orientation_patches_in_place() -> None:
    raw = exif_with(6).tobytes()
    patched = reset_orientation(raw)
    assert patched is not None and len(patched) == len(raw)
    parsed = Image.Exif()
    parsed.load(patched)
    assert parsed[ORIENTATION] == 1 and parsed[0x010F] == "TestMaker"
    assert reset_orientation(b"Exif\x00\x00garbage") is None
    np.testing.assert_array_equal(apply_orientation(np.eye(2), 1), np.eye(2))


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".webp", ".tif"])
def test_icc_profile_is_carried(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"in{suffix}"
    Image.fromarray(smooth(12, 14, 3)).save(src, icc_profile=SRGB)
    img = read_image(src)
    assert img.icc_profile == SRGB
    out = read_image(write_image(tmp_path / f"out{suffix}", img))
    assert out.icc_profile == SRGB


def test_icc_and_exif_in_16bit_and_large_png(tmp_path: Path) -> None:
    exif = exif_with(1).tobytes()
    img = ImageData(noise((7, 8, 3), np.uint16), icc_profile=SRGB, exif=exif)
    back = read_image(write_image(tmp_path / "d.png", img))
    assert back.icc_profile == SRGB
    parsed = Image.Exif()
    parsed.load(back.exif)
    assert parsed[0x010F] == "TestMaker"


def test_gray_icc_not_written_on_rgb(tmp_path: Path) -> None:
    gray_icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    img = ImageData(smooth(5, 5, 3), icc_profile=gray_icc)  # a LAB profile fits neither
    back = read_image(write_image(tmp_path / "x.png", img))
    assert back.icc_profile is None


# --- read errors ---------------------------------------------------------------------
def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as err:
        read_image(path)
    one_line_naming(err, path)


def test_text_file_named_jpg(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("these are not pixels\n" * 20)
    with pytest.raises(UnsupportedFormatError) as err:
        read_image(path)
    one_line_naming(err, path)
    with pytest.raises(UnsupportedFormatError):
        probe_image(path)


def test_gif_is_named_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    Image.fromarray(smooth(4, 4, 3)).save(path)
    with pytest.raises(UnsupportedFormatError, match="GIF") as err:
        read_image(path)
    one_line_naming(err, path)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".webp", ".tif", ".bmp"])
def test_truncated_file(tmp_path: Path, suffix: str) -> None:
    full = tmp_path / f"full{suffix}"
    Image.fromarray(noise((40, 50, 3))).save(full)
    path = tmp_path / f"cut{suffix}"
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedImageError) as err:
        read_image(path)
    one_line_naming(err, path)


def test_truncated_16bit_png(tmp_path: Path) -> None:
    full = write_image(tmp_path / "full.png", ImageData(noise((30, 40, 3), np.uint16)))
    path = tmp_path / "cut.png"
    path.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(TruncatedImageError):
        read_image(path)


def test_corrupt_png_is_not_called_truncated(tmp_path: Path) -> None:
    path = make_png(tmp_path / "bad.png", noise((30, 30, 3)))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # flip bits inside IDAT: CRC and zlib fail, IEND intact
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptImageError) as err:
        read_image(path)
    assert not isinstance(err.value, TruncatedImageError)
    one_line_naming(err, path)


def png_header_only(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 9))


def test_pixel_limit_from_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRSTUDIO_MAX_PIXELS", raising=False)
    small = make_png(tmp_path / "small.png", smooth(20, 30, 3))
    with pytest.raises(ImageTooLargeError) as err:
        read_image(small, max_pixels=599)
    one_line_naming(err, small)
    assert read_image(small, max_pixels=600).width == 30
    bomb = tmp_path / "bomb.png"  # 20000 x 20000 in the header, a few bytes of data
    bomb.write_bytes(png_header_only(20000, 20000))
    assert 20000 * 20000 > DEFAULT_MAX_PIXELS
    with pytest.raises(ImageTooLargeError):
        read_image(bomb)
    assert probe_image(bomb) == (20000, 20000, "PNG")
    with pytest.raises(CorruptImageError):  # no limit: Pillow's own bomb check must not leak
        read_image(bomb, max_pixels=None)


def test_pixel_limit_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = make_png(tmp_path / "small.png", smooth(20, 30, 3))
    monkeypatch.setenv("SRSTUDIO_MAX_PIXELS", "100")
    with pytest.raises(ImageTooLargeError):
        read_image(small)
    assert read_image(small, max_pixels=1000).width == 30  # an explicit argument wins
    monkeypatch.setenv("SRSTUDIO_MAX_PIXELS", "lots")
    with pytest.raises(ConfigError):
        read_image(small)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope.png"
    with pytest.raises(ImageReadError, match="not found") as err:
        read_image(missing)
    one_line_naming(err, missing)
    with pytest.raises(ImageReadError, match="folder"):
        read_image(tmp_path)


# --- writing safety --------------------------------------------------------------------
def test_refuses_to_overwrite(tmp_path: Path) -> None:
    img = ImageData(smooth(4, 4, 3))
    path = tmp_path / "out.png"
    path.write_bytes(b"precious")
    with pytest.raises(OutputExistsError) as err:
        write_image(path, img)
    one_line_naming(err, path)
    assert path.read_bytes() == b"precious"
    write_image(path, img, overwrite=True)
    assert read_image(path).width == 4


def test_never_overwrites_the_input(tmp_path: Path) -> None:
    src = make_png(tmp_path / "in.png", smooth(4, 4, 3))
    before = src.read_bytes()
    img = read_image(src)
    alias = tmp_path / "sub" / ".." / "in.png"
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputExistsError, match="input"):
        write_image(alias, img, protected=[src])
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.png", "sub"]


def test_write_errors(tmp_path: Path) -> None:
    img = ImageData(smooth(4, 4, 3))
    with pytest.raises(ImageWriteError, match="extension"):
        write_image(tmp_path / "x.gif", img)
    with pytest.raises(ImageWriteError, match="does not exist"):
        write_image(tmp_path / "no" / "x.png", img)
    wide = ImageData(np.zeros((1, 16384, 3), np.uint8))
    with pytest.raises(ImageWriteError, match="16383"):
        write_image(tmp_path / "wide.webp", wide)
    assert list(tmp_path.iterdir()) == []


def test_failed_encoder_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(f, image, quality):  # type: ignore[no-untyped-def]
        f.write(b"half an image")
        raise ValueError("encoder exploded")

    monkeypatch.setitem(writer._ENCODERS, "PNG", broken)
    with pytest.raises(ImageWriteError, match="encoder exploded"):
        write_image(tmp_path / "out.png", ImageData(smooth(4, 4, 3)))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), CancelledError("cancelled"), RuntimeError()])
def test_atomic_output_cleans_up(tmp_path: Path, exc: BaseException) -> None:
    target = tmp_path / "out.png"
    with pytest.raises(type(exc)):
        with atomic_output(target) as tmp:
            assert tmp.parent == tmp_path and tmp.suffix == ".png"
            assert tmp.name.startswith(".out.") and tmp.name.endswith(".part.png")
            tmp.write_bytes(b"partial")
            raise exc
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_disk_full(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    with pytest.raises(DiskFullError) as err:
        with atomic_output(target):
            raise OSError(errno.ENOSPC, "No space left on device")
    one_line_naming(err, target)
    with pytest.raises(ImageWriteError):
        with atomic_output(target):
            raise OSError(errno.EIO, "I/O error")
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_replaces_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic_output(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new" and list(tmp_path.iterdir()) == [target]


# --- file lists ----------------------------------------------------------------------
def test_iter_image_files(tmp_path: Path) -> None:
    for rel in [
        "b/img10.png",
        "b/img2.JPG",
        "a.webp",
        "notes.txt",
        ".hidden.png",
        ".git/x.png",
        "b/deep/c.tif",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    odd = tmp_path / "notes.txt"
    found = list(iter_image_files([tmp_path, odd, tmp_path / "a.webp"]))
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a.webp", "b/img2.JPG", "b/img10.png", "b/deep/c.tif", "notes.txt"]
    flat = [p.name for p in iter_image_files(tmp_path, recursive=False)]
    assert flat == ["a.webp"]
    assert is_supported_image("X.TIFF") and not is_supported_image("x.gif")
    assert ".jpeg" in SUPPORTED_EXTENSIONS


def test_unread_images_in_folders_are_named_not_skipped_in_silence(tmp_path: Path) -> None:
    for rel in ["a.png", "anim.gif", "sub/IMG_1.HEIC", "sub/raw.cr2", "notes.txt", "clip.mp4",
                ".hidden/x.gif"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    note = unread_images_note([tmp_path])
    assert note is not None
    assert note.startswith("skipped 3 CR2/GIF/HEIC file(s)")
    assert "anim.gif, IMG_1.HEIC, raw.cr2" in note and "PNG" in note
    assert "notes.txt" not in note and "clip.mp4" not in note and "x.gif" not in note
    assert "1 GIF" in (unread_images_note([tmp_path], recursive=False) or "")
    # files named one by one are the reader's to report; folders without any say nothing
    assert unread_images_note([tmp_path / "anim.gif"]) is None
    assert unread_images_note([tmp_path / "missing"]) is None
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "b.png").write_bytes(b"x")
    assert unread_images_note([clean]) is None


# --- streaming PNG -------------------------------------------------------------------
def encode(pixels: np.ndarray, **kw: object) -> bytes:
    buf = io.BytesIO()
    write_png_streaming(buf, pixels, **kw)  # type: ignore[arg-type]
    return buf.getvalue()


def pillow_decode(data: bytes) -> np.ndarray:
    """Pillow's decode as (H, W, C) in our sample order (Pillow cannot hold 16-bit colour)."""
    with Image.open(io.BytesIO(data)) as im:
        arr = np.asarray(im)
    return arr[:, :, None] if arr.ndim == 2 else arr


def cv2_decode(data: bytes) -> np.ndarray:
    arr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if arr.ndim == 2:
        return arr[:, :, None]
    return np.concatenate([arr[:, :, 2::-1], arr[:, :, 3:]], axis=2)


@pytest.mark.parametrize("shape", [(1, 1), (3, 517), (257, 3), (64, 65)])
@pytest.mark.parametrize("channels", [1, 2, 3, 4])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_streaming_png_decodes_exactly(shape: tuple[int, int], channels: int, dtype: type) -> None:
    pixels = noise((*shape, channels), dtype)
    if shape == (64, 65):
        pixels = smooth(*shape, channels, dtype)  # exercises every filter type
    data = encode(pixels, rows_per_chunk=7)
    if dtype == np.uint8 or channels == 1:
        np.testing.assert_array_equal(pillow_decode(data), pixels)
    if channels != 2:  # OpenCV expands gray+alpha to BGRA
        np.testing.assert_array_equal(cv2_decode(data), pixels)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
@pytest.mark.parametrize("colour", [1, 3])
def test_streaming_png_separate_alpha(dtype: type, colour: int) -> None:
    pixels, alpha = noise((11, 13, colour), dtype), noise((11, 13), dtype)
    data = encode(pixels, alpha=alpha, rows_per_chunk=4)
    merged = np.concatenate([pixels, alpha[:, :, None]], axis=2)
    if dtype == np.uint8:
        np.testing.assert_array_equal(pillow_decode(data), merged)
    img = read_image_bytes(data)
    np.testing.assert_array_equal(img.pixels, pixels)
    np.testing.assert_array_equal(img.alpha, alpha)


def read_image_bytes(data: bytes) -> ImageData:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.png"
        path.write_bytes(data)
        return read_image(path)


def test_streaming_png_metadata_chunks() -> None:
    data = encode(noise((3, 4, 3)), icc_profile=SRGB, exif=exif_with(1).tobytes())
    with Image.open(io.BytesIO(data)) as im:
        assert im.info["icc_profile"] == SRGB
        assert im.getexif()[0x010F] == "TestMaker"
    with pytest.raises(ValueError):
        encode(np.zeros((2, 2, 5), np.uint8))
    with pytest.raises(ValueError):
        encode(np.zeros((2, 2, 3), np.float32))


def test_streaming_png_memory_is_per_band(monkeypatch: pytest.MonkeyPatch) -> None:
    class Sink:
        def write(self, data: bytes) -> int:
            return len(data)

    band, idat = 1 << 15, 1 << 14
    monkeypatch.setattr(png_stream, "_BAND_BYTES", band)
    monkeypatch.setattr(png_stream, "_IDAT_BYTES", idat)
    pixels, alpha = noise((1000, 1200, 3)), noise((1000, 1200))  # 4.8 MB of samples
    tracemalloc.start()
    try:
        write_png_streaming(Sink(), pixels, alpha=alpha, compress_level=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # a few band-sized temporaries plus two IDAT buffers, far below the image size
    assert peak < 40 * band + 4 * idat < (pixels.nbytes + alpha.nbytes) / 3, peak


def test_large_png_uses_streaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, ...]] = []
    real = writer.write_png_streaming

    def spy(f, pixels, **kw):  # type: ignore[no-untyped-def]
        calls.append(pixels.shape)
        real(f, pixels, **kw)

    monkeypatch.setattr(writer, "write_png_streaming", spy)
    monkeypatch.setattr(writer, "STREAMING_PNG_PIXELS", 100)
    img = ImageData(smooth(10, 11, 3), smooth(10, 11, 1)[:, :, 0], icc_profile=SRGB)
    back = read_image(write_image(tmp_path / "big.png", img))
    assert calls == [(10, 11, 3)]
    np.testing.assert_array_equal(back.pixels, img.pixels)
    np.testing.assert_array_equal(back.alpha, img.alpha)
    assert back.icc_profile == SRGB


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    height=st.integers(1, 24),
    width=st.integers(1, 24),
    channels=st.integers(1, 4),
    deep=st.booleans(),
    rows=st.integers(1, 9),
    seed=st.integers(0, 2**32 - 1),
    smooth_data=st.booleans(),
)
def test_streaming_png_round_trip_property(
    height: int, width: int, channels: int, deep: bool, rows: int, seed: int, smooth_data: bool
) -> None:
    dtype = np.uint16 if deep else np.uint8
    rng = np.random.default_rng(seed)
    top = np.iinfo(dtype).max
    if smooth_data:  # gradients make Sub/Up/Average/Paeth win, noise makes None win
        base = rng.integers(0, top // 2, (1, 1, channels))
        step = rng.integers(0, 3, (height, width, channels)).cumsum(axis=1).cumsum(axis=0)
        pixels = np.clip(base + step, 0, top).astype(dtype)
    else:
        pixels = rng.integers(0, top + 1, (height, width, channels), dtype=dtype)
    data = encode(pixels, rows_per_chunk=rows, compress_level=1)
    if not deep or channels == 1:
        np.testing.assert_array_equal(pillow_decode(data), pixels)
    if channels != 2:
        np.testing.assert_array_equal(cv2_decode(data), pixels)
