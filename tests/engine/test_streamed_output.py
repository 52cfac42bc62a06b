"""Large PNG/TIFF outputs go band by band from the tiler to the file: the same pixels and
metadata as the in-memory path, a fraction of its memory, and a cancel or a full disk
mid-write leaves no file."""

from __future__ import annotations

import errno
import io
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image, ImageCms

from engine.errors import CancelledError, ImageWriteError
from engine.events import CancelToken, TileDone
from engine.inference import ClassicalUpscaler, TorchUpscaler, upscale_image
from engine.inference import pipeline as pipeline_mod
from engine.io import ImageData, png_stream, read_image, write_image, writer
from engine.io.band_writer import BandSpec, can_stream, write_image_bands
from engine.jobs import streamed
from engine.jobs.request import Request
from engine.jobs.upscale import upscale_file
from tests.conftest import TINY_FSRCNN, photo_like

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "TestMaker"
    return exif.tobytes()


def _image(layout: str) -> ImageData:
    if layout == "rgb8":
        return ImageData(photo_like(37, 45), icc_profile=SRGB, exif=_exif())
    if layout == "rgba8":
        return ImageData(photo_like(37, 45), photo_like(37, 45, 1, seed=4)[:, :, 0],
                         icc_profile=SRGB, exif=_exif())
    if layout == "gray8":
        return ImageData(photo_like(37, 45, 1))
    px = photo_like(37, 45, 1).astype(np.uint16) * 257 + 3   # gray16 + alpha
    return ImageData(px, (photo_like(37, 45, 1, seed=5)[:, :, 0].astype(np.uint16) * 257))


def _run(tmp_path: Path, name: str, *, stream: bool, monkeypatch: pytest.MonkeyPatch,
         upscaler: Any = None, tile: int = 16, source: str = "in.png", **kw: Any) -> Any:
    monkeypatch.setattr(streamed, "STREAM_MIN_PIXELS", 0 if stream else 10**15)
    up = upscaler or ClassicalUpscaler("bicubic", 2)
    return upscale_file(tmp_path / source, tmp_path / name, up,
                        Request(model="bicubic", scale=up.scale, tile=tile), **kw)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
@pytest.mark.parametrize("layout", ["rgb8", "rgba8", "gray8", "gray16a"])
def test_streamed_equals_in_memory_with_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 suffix: str, layout: str) -> None:
    image = _image(layout)
    write_image(tmp_path / "in.png", image)
    whole = _run(tmp_path, "whole" + suffix, stream=False, monkeypatch=monkeypatch)

    def no(*a: Any, **k: Any) -> None:
        raise AssertionError("the streamed path held the whole output or input")

    monkeypatch.setattr(pipeline_mod, "allocate_output", no)
    monkeypatch.setattr(streamed, "read_image", no)     # a PNG input is decoded in bands
    res = _run(tmp_path, "band" + suffix, stream=True, monkeypatch=monkeypatch)
    assert res.ok and whole.ok, (res.error, whole.error)
    assert res.output_size == whole.output_size == (90, 74)
    assert res.tile == whole.tile == 16
    a, b = read_image(tmp_path / ("whole" + suffix)), read_image(tmp_path / ("band" + suffix))
    np.testing.assert_array_equal(b.pixels, a.pixels)
    assert b.pixels.dtype == image.pixels.dtype
    if image.alpha is None:
        assert a.alpha is None and b.alpha is None
    else:
        np.testing.assert_array_equal(b.alpha, a.alpha)
    assert b.icc_profile == a.icc_profile == image.icc_profile
    if suffix == ".png":
        assert b.exif == a.exif == image.exif
    else:   # the very same file
        assert (tmp_path / "band.tif").read_bytes() == (tmp_path / "whole.tif").read_bytes()


def test_a_network_streamed_equals_tiled_and_whole(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.archs import build
    from engine.models import LoadedModel
    torch.manual_seed(0)
    net = build("fsrcnn_ps", 2, **TINY_FSRCNN).eval()
    up = TorchUpscaler(LoadedModel.from_module(net, arch="fsrcnn_ps", scale=2,
                                               config=dict(TINY_FSRCNN)), "cpu", "fp32")
    img = photo_like(30, 44, seed=3)
    write_image(tmp_path / "in.png", ImageData(img))
    res = _run(tmp_path, "out.png", stream=True, monkeypatch=monkeypatch, upscaler=up)
    assert res.ok, res.error
    got = read_image(tmp_path / "out.png").pixels
    np.testing.assert_array_equal(got, upscale_image(up, img, tile=16).pixels)
    whole = upscale_image(up, img, tile=None).pixels   # float tiled == whole within 1e-4
    assert np.abs(got.astype(int) - whole.astype(int)).max() <= 1


def test_formats_that_cannot_stream_keep_the_in_memory_path(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    assert can_stream("a.png") and can_stream("a.TIFF") and not can_stream("a.jpg")
    write_image(tmp_path / "in.png", _image("rgb8"))
    calls: list[int] = []
    real = pipeline_mod.allocate_output
    monkeypatch.setattr(pipeline_mod, "allocate_output",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    for name in ("out.jpg", "out.webp", "out.bmp"):
        assert _run(tmp_path, name, stream=True, monkeypatch=monkeypatch).ok
    assert len(calls) == 3


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_a_cancel_mid_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           suffix: str) -> None:
    write_image(tmp_path / "in.png", ImageData(photo_like(80, 60)))
    token = CancelToken()
    bands: list[int] = []

    def progress(ev: Any) -> None:
        if isinstance(ev, TileDone):
            bands.append(ev.rect[1])
            if len(bands) == 2:   # two bands are already in the file
                token.cancel()

    with pytest.raises(CancelledError):
        _run(tmp_path, "out" + suffix, stream=True, monkeypatch=monkeypatch,
             progress=progress, cancel=token)
    assert len(bands) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.png"]   # no part file either


class _FillingFile(io.FileIO):
    """A file on a disk that fills after ``room`` bytes."""

    room = 3000

    def write(self, data: Any) -> int:
        if self.tell() + len(memoryview(data)) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_a_full_disk_mid_write_is_reported_and_leaves_no_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    # 500 wide: the TIFF's strips are 87 output rows, so it too writes before the end
    write_image(tmp_path / "in.png", ImageData(photo_like(120, 500, seed=2)))
    real_open = open

    def filling(path: Any, mode: str = "r", *a: Any, **k: Any) -> Any:
        if ".part" in str(path) and "w" in mode:
            return _FillingFile(path, "w")
        return real_open(path, mode, *a, **k)

    monkeypatch.setattr(writer, "open", filling, raising=False)
    monkeypatch.setattr(png_stream, "_IDAT_BYTES", 512)   # write as the bands come
    bands: list[int] = []
    res = _run(tmp_path, "out" + suffix, stream=True, monkeypatch=monkeypatch,
               progress=lambda ev: bands.append(1) if isinstance(ev, TileDone) else None)
    assert res.error is not None and "the disk is full" in res.error
    assert 1 <= len(bands) < 8   # it failed mid-way, not before the first band or after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.png"]


@pytest.mark.parametrize("error", [MemoryError(), RuntimeError("the model broke"),
                                   OSError(5, "Input/output error")])
def test_an_error_of_the_model_mid_write_is_not_called_a_write_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    write_image(tmp_path / "in.png", ImageData(photo_like(80, 60)))
    up = ClassicalUpscaler("bicubic", 2)
    calls: list[int] = []
    real = ClassicalUpscaler.__call__

    def flaky(self: Any, tiles: np.ndarray) -> np.ndarray:
        calls.append(1)
        if len(calls) == 12:   # a few bands are in the file already
            raise error
        return real(self, tiles)

    monkeypatch.setattr(ClassicalUpscaler, "__call__", flaky)
    if isinstance(error, RuntimeError):   # not one of the errors a file may fail with
        with pytest.raises(RuntimeError, match="the model broke"):
            _run(tmp_path, "out.png", stream=True, monkeypatch=monkeypatch, upscaler=up)
    else:
        res = _run(tmp_path, "out.png", stream=True, monkeypatch=monkeypatch, upscaler=up)
        assert res.error is not None and "cannot write" not in res.error
        # a MemoryError is an OOM to the tiler: it halves the tile down to the smallest
        assert ("out of memory" if isinstance(error, MemoryError)
                else "Input/output error") in res.error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.png"]


def test_an_existing_output_is_refused_before_any_tile_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_image(tmp_path / "in.png", ImageData(photo_like(30, 30)))
    (tmp_path / "out.png").write_bytes(b"mine")
    events: list[Any] = []
    res = _run(tmp_path, "out.png", stream=True, monkeypatch=monkeypatch,
               progress=events.append)
    assert res.error is not None and "already exists" in res.error
    assert not [e for e in events if isinstance(e, TileDone)]
    assert (tmp_path / "out.png").read_bytes() == b"mine"


def test_band_writer_checks_the_row_count(tmp_path: Path) -> None:
    spec = BandSpec(5, 4, 3, False, np.dtype(np.uint8))
    for suffix in (".png", ".tif"):
        with pytest.raises(ImageWriteError, match="rows"):
            write_image_bands(tmp_path / f"x{suffix}", spec, iter([np.zeros((3, 5, 3),
                                                                            np.uint8)]))
        with pytest.raises(ImageWriteError, match="rows"):
            write_image_bands(tmp_path / f"y{suffix}", spec, iter([np.zeros((5, 5, 3),
                                                                            np.uint8)]))
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="band by band"):
        write_image_bands(tmp_path / "z.jpg", spec, iter([]))


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_memory_does_not_grow_with_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              suffix: str) -> None:
    """Four times the rows, the same peak: a band of float rows, a window of input rows
    and the encoder's buffers, never the output (nor the input)."""
    monkeypatch.setattr(png_stream, "_BAND_BYTES", 1 << 16)
    up = ClassicalUpscaler("nearest", 2)
    peaks = {}
    for h in (200, 800):
        write_image(tmp_path / f"in{h}.png", ImageData(photo_like(h, 800)))
        tracemalloc.start()
        try:
            res = _run(tmp_path, f"out{h}{suffix}", stream=True, monkeypatch=monkeypatch,
                       upscaler=up, tile=32, source=f"in{h}.png")
            peaks[h] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert res.ok, res.error
    out_bytes = 1600 * 1600 * 3   # 7.7 MB: the in-memory path holds it all, and the input
    assert peaks[800] < 1.25 * peaks[200], peaks
    assert peaks[800] < 0.75 * out_bytes, peaks
