"""Floating-point colour TIFFs, which Pillow cannot open: read through OpenCV as 16-bit."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from app.cli.main import main
from engine.errors import ImageTooLargeError, UnsupportedFormatError
from engine.io import probe_image, read_image
from engine.io.float_tiff import SAMPLE_FLOAT, TiffHeader, read_tiff_header, tiff_icc_profile


def write_float_tiff(path: Path, rgb: np.ndarray) -> Path:
    """An uncompressed float32 TIFF (OpenCV writes BGR order)."""
    arr = rgb.astype(np.float32)
    if arr.shape[2] >= 3:
        arr = np.concatenate([arr[:, :, 2::-1], arr[:, :, 3:]], axis=2)
    assert cv2.imwrite(str(path), arr)
    return path


def rng_image(h: int, w: int, c: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((h, w, c)).astype(np.float32)


def test_pillow_cannot_open_the_file_these_tests_write(tmp_path: Path) -> None:
    f = write_float_tiff(tmp_path / "f.tif", rng_image(6, 7, 3))
    with pytest.raises(Exception):  # noqa: B017 - the reason this path exists
        Image.open(f).load()


def test_float_rgb_becomes_16_bit_rgb(tmp_path: Path) -> None:
    rgb = rng_image(20, 30, 3)
    f = write_float_tiff(tmp_path / "f.tif", rgb)
    assert read_tiff_header(f) == TiffHeader(width=30, height=20, samples=3, bits=32,
                                             sample_format=SAMPLE_FLOAT)
    assert probe_image(f) == (30, 20, "TIFF")
    img = read_image(f)
    assert img.pixels.dtype == np.uint16 and img.pixels.shape == (20, 30, 3)
    assert img.alpha is None and img.source_format == "TIFF"
    want = np.round(rgb.astype(np.float64) * 65535)
    assert np.abs(img.pixels.astype(np.float64) - want).max() <= 1  # RGB order, not BGR


def test_out_of_range_colour_is_stretched_together_and_alpha_clipped(tmp_path: Path) -> None:
    rgba = rng_image(10, 12, 4, seed=1)
    rgba[..., :3] *= 4.0  # HDR values up to 4
    rgba[0, 0, :3] = (0.0, 2.0, 4.0)  # pin the range: min 0, max 4
    rgba[0, 0, 3] = 1.5
    rgba[0, 1, 3] = -0.5
    img = read_image(write_float_tiff(tmp_path / "hdr.tif", rgba))
    assert img.pixels.shape == (10, 12, 3) and img.alpha is not None
    assert tuple(img.pixels[0, 0]) == (0, 32768, 65535)  # one scale for all three channels
    assert img.alpha[0, 0] == 65535 and img.alpha[0, 1] == 0


def test_pixel_limit_is_checked_from_the_header(tmp_path: Path) -> None:
    f = write_float_tiff(tmp_path / "f.tif", rng_image(20, 30, 3))
    with pytest.raises(ImageTooLargeError, match="f.tif"):
        read_image(f, max_pixels=599)
    assert read_image(f, max_pixels=600).width == 30


def test_undecodable_float_tiff_says_what_to_do(tmp_path: Path) -> None:
    """A compression no decoder knows (tag 259 set to 9999): a clear error naming the file."""
    f = write_float_tiff(tmp_path / "bad.tif", rng_image(20, 30, 3))
    data = bytearray(f.read_bytes())
    (ifd,) = struct.unpack("<I", data[4:8])
    (count,) = struct.unpack("<H", data[ifd: ifd + 2])
    for i in range(count):
        at = ifd + 2 + 12 * i
        if struct.unpack("<H", data[at: at + 2])[0] == 259:
            data[at + 8: at + 10] = struct.pack("<H", 9999)
            break
    else:
        pytest.fail("no Compression tag")
    f.write_bytes(bytes(data))
    with pytest.raises(UnsupportedFormatError, match="bad.tif.*16-bit"):
        read_image(f)


def test_big_endian_header_and_out_of_line_values(tmp_path: Path) -> None:
    """A hand-made Motorola-order IFD whose per-sample lists are stored out of line."""
    entries = [
        (256, 4, 1, struct.pack(">I", 640)),
        (257, 3, 1, struct.pack(">HH", 480, 0)),
        (258, 3, 3, struct.pack(">I", 200)),  # three SHORTs at offset 200
        (277, 3, 1, struct.pack(">HH", 3, 0)),
        (339, 3, 3, struct.pack(">I", 210)),
    ]
    ifd = struct.pack(">H", len(entries)) + b"".join(
        struct.pack(">HHI", tag, typ, n) + raw for tag, typ, n, raw in entries) + b"\0" * 4
    blob = bytearray(b"MM\x00*" + struct.pack(">I", 8) + ifd)
    blob += b"\0" * (220 - len(blob))
    blob[200:206] = struct.pack(">HHH", 16, 16, 16)
    blob[210:216] = struct.pack(">HHH", 3, 3, 3)
    f = tmp_path / "be.tif"
    f.write_bytes(bytes(blob))
    assert read_tiff_header(f) == TiffHeader(640, 480, 3, 16, SAMPLE_FLOAT)
    assert read_tiff_header(tmp_path / "missing.tif") is None
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert read_tiff_header(tmp_path / "x.png") is None


def test_upscaling_a_float_tiff_writes_a_16_bit_tiff(tmp_path: Path, capsys) -> None:
    f = write_float_tiff(tmp_path / "scan.tif", rng_image(12, 16, 3))
    assert main(["upscale", str(f), "-m", "bicubic", "-s", "2", "--quiet"]) == 0, \
        capsys.readouterr().err
    out = cv2.imread(str(tmp_path / "scan_x2_bicubic.tif"), cv2.IMREAD_UNCHANGED)
    assert out.dtype == np.uint16 and out.shape == (24, 32, 3)
    assert f.exists()


def _handmade_float_tiff(path: Path, rgb: np.ndarray, orientation: int, icc: bytes) -> Path:
    """A little-endian, uncompressed float32 RGB TIFF with an Orientation tag and an ICC
    profile, written field by field (OpenCV's writer sets neither)."""
    h, w, _ = rgb.shape
    pixels = rgb.astype("<f4").tobytes()
    bits_at = 8 + len(pixels)
    fmt_at = bits_at + 6
    icc_at = fmt_at + 6
    ifd_at = icc_at + len(icc) + (len(icc) & 1)
    entries = sorted([
        (256, 4, 1, w), (257, 4, 1, h), (258, 3, 3, bits_at), (259, 3, 1, 1),
        (262, 3, 1, 2), (273, 4, 1, 8), (274, 3, 1, orientation), (277, 3, 1, 3),
        (278, 4, 1, h), (279, 4, 1, len(pixels)), (284, 3, 1, 1), (339, 3, 3, fmt_at),
        (34675, 7, len(icc), icc_at)])
    ifd = struct.pack("<H", len(entries)) + b"".join(
        struct.pack("<HHIHH", t, typ, n, v, 0) if typ == 3 and n == 1
        else struct.pack("<HHII", t, typ, n, v) for t, typ, n, v in entries) + b"\0\0\0\0"
    data = (b"II*\0" + struct.pack("<I", ifd_at) + pixels + struct.pack("<3H", 32, 32, 32)
            + struct.pack("<3H", 3, 3, 3) + icc + b"\0" * (len(icc) & 1) + ifd)
    path.write_bytes(data)
    return path


def test_orientation_and_icc_profile_are_kept(tmp_path: Path) -> None:
    """A float TIFF shot in portrait (Orientation 6: rotate 90° clockwise to view) comes out
    upright, its size is probed as displayed, and its ICC profile reaches the output."""
    from PIL import ImageCms
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    rgb = rng_image(8, 12, 3, seed=4)
    f = _handmade_float_tiff(tmp_path / "portrait.tif", rgb, 6, icc)
    head = read_tiff_header(f)
    assert head is not None and head.orientation == 6 and head.icc_span is not None
    assert tiff_icc_profile(f, head) == icc
    assert probe_image(f) == (8, 12, "TIFF")                     # as displayed
    img = read_image(f)
    assert img.pixels.shape == (12, 8, 3) and img.icc_profile == icc
    want = np.round(np.rot90(rgb, -1).astype(np.float64) * 65535)  # clockwise
    assert np.abs(img.pixels.astype(np.float64) - want).max() <= 1
    out = tmp_path / "out.tif"
    assert main(["upscale", str(f), "-m", "nearest", "-s", "2", "-o", str(out),
                 "--quiet"]) == 0
    with Image.open(out) as im:
        assert im.size == (16, 24) and im.info.get("icc_profile") == icc


def test_16_bit_colour_tiff_keeps_its_icc_profile(tmp_path: Path) -> None:
    """16-bit colour TIFFs are encoded by OpenCV, which cannot store a profile; it is added
    to the file afterwards, and Pillow (an independent reader) finds it there."""
    from PIL import ImageCms

    from engine.io import ImageData, write_image
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    px = (rng_image(9, 11, 3, seed=5) * 65535).astype(np.uint16)
    alpha = (rng_image(9, 11, 1, seed=6)[..., 0] * 65535).astype(np.uint16)
    for name, a in (("rgb.tif", None), ("rgba.tif", alpha)):
        out = write_image(tmp_path / name, ImageData(px, a, icc_profile=icc))
        with Image.open(out) as im:
            assert im.info.get("icc_profile") == icc and im.size == (11, 9)
        back = read_image(out)
        assert back.icc_profile == icc and back.pixels.dtype == np.uint16
        assert np.array_equal(back.pixels, px)
        assert (back.alpha is None) == (a is None)


def test_nan_and_infinities_are_mapped_and_the_user_told(tmp_path: Path, caplog) -> None:
    """+Inf became 0 before the stretch: a bright pixel turned dark gray and every other
    value lost half of itself (the 0 widened nothing, but +Inf->0 next to a 2.0 did)."""
    rgb = np.full((4, 5, 3), 0.5, np.float32)
    rgb[0, 0] = 2.0                      # the brightest finite value: stretch is [0.5, 2]
    rgb[1, 1] = np.inf
    rgb[2, 2] = np.nan
    rgb[3, 3] = -np.inf
    with caplog.at_level("WARNING", logger="srstudio.io"):
        img = read_image(write_float_tiff(tmp_path / "nan.tif", rgb))
    px = img.pixels
    assert tuple(px[1, 1]) == tuple(px[0, 0]) == (65535, 65535, 65535)   # +Inf: brightest
    assert tuple(px[3, 3]) == (0, 0, 0)                                  # -Inf: darkest
    assert tuple(px[2, 2]) == (0, 0, 0)       # NaN: the darkest (black is outside [0.5, 2])
    assert tuple(px[0, 1]) == (0, 0, 0)       # 0.5 is the darkest finite value
    (note,) = img.notes
    assert note.startswith("nan.tif: ") and "3 NaN" in note and "3 +Inf" in note \
        and "-Inf" in note
    assert caplog.records == []   # the jobs pass the note on as a Warning_ event instead


def test_inf_does_not_halve_an_image_in_range(tmp_path: Path) -> None:
    rgb = rng_image(6, 6, 3, seed=3) * 0.5 + 0.25      # [0.25, 0.75]: no stretch at all
    clean = read_image(write_float_tiff(tmp_path / "clean.tif", rgb)).pixels
    rgb[0, 0, 0] = np.inf
    img = read_image(write_float_tiff(tmp_path / "inf.tif", rgb))
    assert np.array_equal(img.pixels[1:], clean[1:])     # everything else unchanged
    assert img.pixels[0, 0, 0] == clean.max()            # the brightest finite level
    assert img.notes


def test_float_gray_nan_read_by_pillow_is_mapped_too(tmp_path: Path) -> None:
    gray = np.full((3, 4), 0.25, np.float32)
    gray[0, 0] = np.nan
    gray[1, 1] = np.inf
    p = tmp_path / "g.tif"
    Image.fromarray(gray, mode="F").save(p)
    img = read_image(p)
    assert img.pixels[1, 1, 0] == img.pixels[0, 1, 0] == 16384     # 0.25: in [0, 1], kept
    assert img.pixels[0, 0, 0] == 0 and img.notes
