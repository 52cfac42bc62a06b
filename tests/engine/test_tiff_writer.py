"""TIFF outputs: alpha is declared (ExtraSamples), the ICC profile survives BigTIFF, and a
full disk is reported as one. tifffile is the independent reader here."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import tifffile
from PIL import ImageCms

from engine.errors import DiskFullError
from engine.io import ImageData, read_image, write_image, writer

ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _rgba16(h: int = 6, w: int = 7) -> ImageData:
    rng = np.random.default_rng(0)
    return ImageData(rng.integers(0, 65536, (h, w, 3), dtype=np.uint16),
                     rng.integers(0, 65536, (h, w), dtype=np.uint16), icc_profile=ICC)


@pytest.mark.parametrize("image", [
    _rgba16(),
    ImageData(np.zeros((4, 5, 3), np.uint8), np.full((4, 5), 200, np.uint8)),
    ImageData(np.zeros((4, 5, 1), np.uint16), np.full((4, 5), 9, np.uint16)),
])
def test_alpha_is_declared_as_unassociated(tmp_path: Path, image: ImageData) -> None:
    """16-bit RGBA TIFFs (OpenCV's) had no ExtraSamples tag: readers took alpha for a
    fourth colour channel."""
    out = write_image(tmp_path / "a.tif", image)
    with tifffile.TiffFile(out) as tif:
        tags = tif.pages[0].tags
        assert tags["ExtraSamples"].value in (2, (2,))   # unassociated alpha
    back = read_image(out)
    assert np.array_equal(back.alpha, image.alpha)
    assert np.array_equal(back.pixels[:, :, :1], image.pixels[:, :, :1])


def test_16_bit_rgba_round_trip_keeps_pixels_and_profile(tmp_path: Path) -> None:
    image = _rgba16()
    back = read_image(write_image(tmp_path / "p.tif", image))
    assert back.pixels.dtype == np.uint16
    assert np.array_equal(back.pixels, image.pixels) and np.array_equal(back.alpha, image.alpha)
    assert back.icc_profile == ICC


def test_the_profile_is_kept_in_a_bigtiff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past 4 GiB the file is a BigTIFF, where the appended profile was dropped silently."""
    monkeypatch.setattr(writer, "BIGTIFF_BYTES", 16)   # this tiny image counts as huge
    out = write_image(tmp_path / "big.tif", _rgba16())
    with tifffile.TiffFile(out) as tif:
        assert tif.is_bigtiff
        assert tif.pages[0].tags["InterColorProfile"].value == ICC


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("image", [
    ImageData(np.random.default_rng(1).integers(0, 256, (64, 64, 3), dtype=np.uint8)),
    _rgba16(64, 64),
])
def test_a_full_disk_while_writing_a_tiff_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capfd: pytest.CaptureFixture[str],
                                                  image: ImageData) -> None:
    """libtiff wrote straight to the file descriptor, printed three lines of its own and
    Pillow raised 'encoder error'; now every byte goes through Python: ENOSPC."""
    real_open = open

    def full(path, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if ".part" in str(path) and "w" in mode:
            return real_open("/dev/full", mode, *a, **k)
        return real_open(path, mode, *a, **k)

    monkeypatch.setattr(writer, "open", full, raising=False)
    with pytest.raises(DiskFullError, match="the disk is full"):
        write_image(tmp_path / "full.tif", image)
    assert capfd.readouterr().err == ""          # nothing from libtiff
    assert list(tmp_path.iterdir()) == []
