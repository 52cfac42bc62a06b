"""hw='auto' picks a hardware encoder that works here and falls back to software, each
probe once per process (faked: no machine here has one); the job reports its choice and
the per-stage timings."""

from __future__ import annotations

import logging

import pytest

from engine.events import Started
from engine.inference import ClassicalUpscaler
from engine.video import encoders
from engine.video.encoders import pick_hardware, resolve_encoder
from engine.video.pipeline import VideoOptions, upscale_video
from engine.video.settings import VideoSettings
from engine.video.synthetic import make_test_clip


@pytest.fixture
def fake_hardware(monkeypatch):
    """Pretend this build has every hardware encoder and that those in ``working`` (name ->
    the widest frame its chip takes; fill it) encode here; returns (working, the probes)."""
    working: dict[str, int] = {}
    probes: list[tuple[str, int, int]] = []

    def try_encode(name: str, width: int, height: int) -> bool:
        probes.append((name, width, height))
        return width <= working.get(name, 0)

    real_has = encoders.has_encoder
    monkeypatch.setattr(encoders, "has_encoder", lambda name: any(
        name.endswith("_" + f) for f in encoders.HARDWARE_FAMILIES) or real_has(name))
    monkeypatch.setattr(encoders, "_try_encode", try_encode)
    encoders.encoder_works.cache_clear()
    yield working, probes
    encoders.encoder_works.cache_clear()


def test_auto_is_the_default_and_picks_a_working_hardware_encoder(fake_hardware, caplog):
    working, probes = fake_hardware
    assert VideoSettings().hw == "auto" and VideoOptions().hw == "auto"
    working["h264_qsv"] = 4096
    with caplog.at_level(logging.INFO, logger="srstudio.video"):
        spec = resolve_encoder("h264", "auto", crf=20, size=(1920, 1080))
    assert spec.name == "h264_qsv" and spec.info.hardware == "qsv"
    assert spec.global_quality == 20            # the hardware family's own quality setting
    assert "h264_qsv" in spec.choice and "hardware" in spec.choice
    assert any("h264_qsv" in r.getMessage() for r in caplog.records)
    # nvenc is tried first and fails its small probe; qsv passes the small and the real size
    assert probes == [("h264_nvenc", 256, 256), ("h264_qsv", 256, 256),
                      ("h264_qsv", 1920, 1080)]
    # once per process: a second job, and a third at the same size, probe nothing new
    resolve_encoder("h264", "auto", size=(1920, 1080))
    assert pick_hardware("h264", (1920, 1080))[0] == "h264_qsv"
    assert len(probes) == 3


def test_auto_falls_back_to_software_and_says_why(fake_hardware):
    working, probes = fake_hardware
    spec = resolve_encoder("h265", "auto")
    assert spec.name == "libx265" and spec.info.hardware is None
    assert spec.options["crf"] == "18"
    assert "libx265" in spec.choice and "hevc_nvenc" in spec.choice
    assert "hevc_videotoolbox" in spec.choice and "hevc_mf" not in spec.choice
    # a chip that encodes small frames but not frames this size is passed over
    working["h264_nvenc"] = 4096
    assert resolve_encoder("h264", "auto", size=(3840, 2160)).name == "h264_nvenc"
    spec = resolve_encoder("h264", "auto", size=(7680, 4320))
    assert spec.name == "libx264" and "h264_nvenc" in spec.choice
    # a codec without any hardware encoder is not probed at all
    probes.clear()
    spec = resolve_encoder("ffv1", "auto")
    assert spec.name == "ffv1" and probes == [] and "no hardware" in spec.choice
    # hw=None or 'none' stays software without probing (the app's explicit x264 choice)
    assert resolve_encoder("h264", None).name == "libx264" and probes == []
    assert resolve_encoder("h264", "none").name == "libx264" and probes == []


def test_the_job_reports_its_choice(fake_hardware, tmp_path):
    clip = make_test_clip(tmp_path / "in.mp4", frames=6, width=32, height=32, audio=False)
    events: list = []
    r = upscale_video(clip, tmp_path / "out.mp4", ClassicalUpscaler("bicubic", 2),
                      VideoOptions(), progress=events.append)
    assert r.encoder == "libx264" and r.encoder_choice.startswith("auto: libx264 (software")
    assert any(isinstance(e, Started) and r.encoder_choice in e.detail for e in events)
    # every chip failed its small probe, so none was asked at the job's size
    assert fake_hardware[1] and {(w, h) for _, w, h in fake_hardware[1]} == {(256, 256)}
