"""The video pipeline's stages: a job reports where its frames' time went, and the
faster steps have the pixels of the paths they replace (the encoder's RGB -> YUV reads
the array in place, whole frames skip the tiler)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest

from engine.inference import ClassicalUpscaler, upscale_image
from engine.video.encoders import resolve_encoder
from engine.video.frames import FrameUpscaler
from engine.video.pipeline import VideoOptions, upscale_video
from engine.video.stages import _SegmentWriter
from engine.video.synthetic import make_test_clip
from engine.video.timing import STAGES


@pytest.mark.parametrize("tile", [None, 16])
def test_the_job_reports_where_the_time_went(tmp_path, tile):
    clip = make_test_clip(tmp_path / "in.mp4", frames=12, width=64, height=48, audio=False)
    r = upscale_video(clip, tmp_path / "out.mp4", ClassicalUpscaler("bicubic", 2),
                      VideoOptions(segment_seconds=0.25, tile=tile, hw=None))
    stages = r.stage_seconds
    upscale = ("to_float", "from_float") if tile is None else ("tiling",)
    for k in ("decode", "to_rgb", "network", *upscale, "from_rgb", "encode", "segments",
              "mux", "upscale_wait", "encode_wait"):
        assert k in stages and stages[k] >= 0, k
    assert ("tiling" in stages) == (tile is not None)
    assert set(stages) <= set(STAGES)
    assert sum(stages.values()) < 10 * r.seconds   # waits overlap work, never by 10x


class Recording(ClassicalUpscaler):
    """Bicubic that records the float tiles it is given (the network's exact input)."""

    def __init__(self, batch_size: int = 1) -> None:
        super().__init__("bicubic", 2)
        self.batch_size = batch_size
        self.seen: list[np.ndarray] = []

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        self.seen.extend(t.copy() for t in tiles)
        return super().__call__(tiles) * np.float32(0.999)  # float output, not 8-bit levels


@pytest.mark.parametrize("size", [(64, 48), (33, 25)])
def test_whole_frames_skip_the_tiler_with_its_pixels(size):
    """Alone, in a batch or as a batch's odd last frame: upscale_image's input to the
    network, bit for bit, and its pixels."""
    rng = np.random.default_rng(2)
    frames = [rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8) for _ in range(3)]
    ref = Recording()
    want = [upscale_image(ref, f, tile=None).pixels for f in frames]
    for batch in (1, 2):
        up = Recording(batch)
        fu = FrameUpscaler(up, size[0], size[1], None)
        assert fu.whole and fu.batch == batch
        got = fu(frames[:2]) + fu(frames[2:])
        assert all(np.array_equal(a, b) for a, b in zip(up.seen, ref.seen, strict=True))
        assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))


@pytest.mark.parametrize("size", [(34, 26), (66, 50), (192, 128), (2560, 1440)])
@pytest.mark.parametrize("pix_fmt", ["yuv420p", "nv12", "yuv444p"])
@pytest.mark.parametrize("colorspace", [2, 1, 5])   # untagged, BT.709, BT.601
def test_encoder_conversion_equals_the_copying_path(tmp_path: Path, size, pix_fmt, colorspace):
    from engine.video.probe import probe_video
    w, h = size
    clip = make_test_clip(tmp_path / "c.mp4", frames=2, width=32, height=32, audio=False)
    info = replace(probe_video(clip), colorspace=colorspace)
    spec = resolve_encoder("h264", None)
    spec.pix_fmt = pix_fmt

    class Sink:
        def temp_segment_path(self, index: int) -> Path:
            return tmp_path / "seg.mkv"

        def discard_temp(self, index: int) -> None:
            pass

    writer = _SegmentWriter(Sink(), 0, 0, spec, info, w, h)  # type: ignore[arg-type]
    try:
        rng = np.random.default_rng(1)
        buf = rng.integers(0, 256, h * w * 3 + 3, dtype=np.uint8)
        for px in (buf[:-3].reshape(h, w, 3), buf[3:].reshape(h, w, 3)):  # odd address too
            new = writer.to_encoder(px)
            old = av.VideoFrame.from_ndarray(np.array(px), format="rgb24").reformat(
                format=pix_fmt, dst_colorspace=info.matrix, dst_color_range=writer.range)
            assert new.format.name == old.format.name == pix_fmt
            for i, (a, b) in enumerate(zip(new.planes, old.planes, strict=True)):
                n = a.width * (2 if pix_fmt == "nv12" and i == 1 else 1)  # interleaved UV
                ra = np.frombuffer(a, np.uint8).reshape(a.height, a.line_size)[:, :n]
                rb = np.frombuffer(b, np.uint8).reshape(b.height, b.line_size)[:, :n]
                assert np.array_equal(ra, rb)
    finally:
        writer.abort()
