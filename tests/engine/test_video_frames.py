"""The video pipeline's stages: a job reports where its frames' time went, and the
encoder's RGB -> YUV, which reads the array in place, has the old copying path's pixels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest

from engine.inference import ClassicalUpscaler
from engine.video.encoders import resolve_encoder
from engine.video.pipeline import VideoOptions, upscale_video
from engine.video.stages import _SegmentWriter
from engine.video.synthetic import make_test_clip
from engine.video.timing import STAGES


def test_the_job_reports_where_the_time_went(tmp_path):
    clip = make_test_clip(tmp_path / "in.mp4", frames=12, width=64, height=48, audio=False)
    r = upscale_video(clip, tmp_path / "out.mp4", ClassicalUpscaler("bicubic", 2),
                      VideoOptions(segment_seconds=0.25, tile=16, hw=None))
    stages = r.stage_seconds
    for k in ("decode", "to_rgb", "network", "tiling", "from_rgb", "encode", "segments",
              "mux", "upscale_wait", "encode_wait"):
        assert k in stages and stages[k] >= 0, k
    assert set(stages) <= set(STAGES)
    assert sum(stages.values()) < 10 * r.seconds   # waits overlap work, never by 10x


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
