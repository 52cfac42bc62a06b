"""The video pipeline's stages: a job reports where its frames' time went."""

from __future__ import annotations

from engine.inference import ClassicalUpscaler
from engine.video.pipeline import VideoOptions, upscale_video
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
