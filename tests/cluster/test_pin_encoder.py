"""A video the cluster splits is encoded with one encoder on every worker."""

from __future__ import annotations

from dataclasses import replace

from engine.cluster.ray_run import pin_encoder
from engine.jobs.request import Request
from engine.video.settings import VideoSettings


def test_auto_becomes_the_software_encoder_and_a_named_one_is_kept() -> None:
    auto = Request(video=VideoSettings(hw="auto"))
    pinned = pin_encoder(auto)
    assert pinned.video.hw is None and auto.video.hw == "auto"   # the caller's is untouched
    assert replace(pinned, video=auto.video) == auto              # nothing else changed
    for hw in ("nvenc", "h264_qsv", None, "none"):
        req = Request(video=VideoSettings(hw=hw))
        assert pin_encoder(req) is req
    lossless = Request(video=VideoSettings(codec="ffv1", hw="auto"))   # no hardware encodes it
    assert pin_encoder(lossless) is lossless
