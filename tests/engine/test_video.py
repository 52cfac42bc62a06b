"""Video pipeline: probe errors, x2 upscale keeps frames/audio/duration, odd sizes, VFR,
rotation, cancel leaves nothing, resume skips finished segments.  Clips are generated here
(tiny: 96x64, 2 s), so the whole file runs in a few seconds on 2 cores."""

from __future__ import annotations

import subprocess
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from engine.errors import CancelledError, OutputExistsError, VideoError
from engine.events import CancelToken, Progress, Started, Warning_
from engine.inference import ClassicalUpscaler, upscale_image
from engine.jobs.upscale import UpscaleOptions
from engine.jobs.video import (
    has_unfinished_parts,
    is_video,
    run_video_job,
    split_inputs,
    video_output_path,
)
from engine.video.encoders import available_encoders, parse_bitrate, resolve_encoder
from engine.video.pipeline import VideoOptions, upscale_video
from engine.video.probe import probe_video
from engine.video.segments import work_dir_for
from engine.video.stages import rgb
from engine.video.synthetic import make_test_clip

FPS = 24
N = 48


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("clips")
    return {
        "main": make_test_clip(d / "clip.mp4", frames=N, width=96, height=64, fps=FPS),
        "odd": make_test_clip(d / "odd.mp4", frames=12, width=33, height=25, audio=False),
        "audio": make_test_clip(d / "tone.m4a", frames=N, video=False),
        "vfr": make_test_clip(d / "vfr.mp4", frames=10, pts=[0, 1, 2, 4, 5, 7, 8, 9, 12, 13],
                              audio=False),
        "rot": make_test_clip(d / "rot.mkv", frames=12, rotation=90, audio=False),
        "faststart": make_test_clip(d / "fs.mp4", frames=N, faststart=True),
    }


class Counting:
    """An upscaler wrapper that counts the frames (tiles) it was asked to upscale."""

    def __init__(self, inner):
        self.inner = inner
        self.calls = 0
        self.tiles = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __call__(self, tiles):
        self.calls += 1
        self.tiles += len(tiles)
        return self.inner(tiles)


def bicubic(scale: int = 2) -> ClassicalUpscaler:
    return ClassicalUpscaler("bicubic", scale)


def decoded_pts(path: Path) -> tuple[list[float], tuple[int, int]]:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        frames = [(float(f.pts * s.time_base), (f.width, f.height)) for f in c.decode(s)]
    return [t for t, _ in frames], frames[0][1]


def rgb_frames(path: Path) -> list[np.ndarray]:
    """Decoded frames, converted like the pipeline converts (accurate chroma)."""
    with av.open(str(path)) as c:
        return [rgb(f) for f in c.decode(video=0)]


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    return float(10 * np.log10(255 ** 2 / np.mean((a.astype(float) - b) ** 2)))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


# --- probe --------------------------------------------------------------------------------
def test_probe_describes_the_clip(clips):
    info = probe_video(clips["main"])
    assert (info.width, info.height) == (96, 64)
    assert info.fps == Fraction(FPS) and info.frames == N and info.frames_exact
    assert info.has_audio and info.audio[0].codec == "aac"
    assert abs(info.duration - N / FPS) < 1 / FPS
    assert not info.vfr and info.rotation == 0 and info.codec == "h264"
    assert probe_video(clips["vfr"]).vfr
    assert probe_video(clips["rot"]).rotation == 90


@pytest.mark.parametrize("case", ["audio_only", "truncated_moov_end", "truncated_faststart",
                                  "text", "empty", "missing"])
def test_bad_inputs_give_one_line_video_errors_quickly(clips, tmp_path, case):
    data = clips["main"].read_bytes()
    if case == "audio_only":
        path = clips["audio"]
    elif case == "truncated_moov_end":
        path = tmp_path / "cut.mp4"
        path.write_bytes(data[: len(data) // 2])
    elif case == "truncated_faststart":
        path = tmp_path / "cut_fs.mp4"
        fs = clips["faststart"].read_bytes()
        path.write_bytes(fs[: len(fs) // 2])
    elif case == "text":
        path = tmp_path / "notes.mp4"
        path.write_text("not a video\n" * 20)
    elif case == "empty":
        path = tmp_path / "empty.mkv"
        path.write_bytes(b"")
    else:
        path = tmp_path / "missing.mp4"
    with pytest.raises(VideoError) as ei:
        upscale_video(path, tmp_path / "out.mp4", bicubic(), VideoOptions())
    msg = str(ei.value)
    assert path.name in msg and "\n" not in msg
    if case == "audio_only":
        assert "no video stream" in msg
    if case.startswith("truncated"):
        assert "truncated" in msg or "incomplete" in msg
    assert not (tmp_path / "out.mp4").exists()
    assert not work_dir_for(tmp_path / "out.mp4").exists()


# --- upscaling ----------------------------------------------------------------------------
def test_x2_keeps_frames_size_audio_and_duration(clips, tmp_path):
    out = tmp_path / "out.mp4"
    events = []
    r = upscale_video(clips["main"], out, bicubic(), VideoOptions(segment_seconds=0.5),
                      progress=events.append)
    assert r.frames == N and r.output_size == (192, 128) and r.segments == 4
    info_in, info_out = probe_video(clips["main"]), probe_video(out)
    assert info_out.frames == N and (info_out.width, info_out.height) == (192, 128)
    assert info_out.has_audio and info_out.audio[0].codec == "aac"
    assert abs(info_out.duration - info_in.duration) <= 1 / FPS
    pts_in, _ = decoded_pts(clips["main"])
    pts_out, size = decoded_pts(out)
    assert size == (192, 128) and np.allclose(pts_in, pts_out, atol=1e-3)
    # the pixels are the bicubic upscale of the input frames (x264 at crf 18: close)
    fa, fb = rgb_frames(clips["main"]), rgb_frames(out)
    for i in (0, 10, N - 1):
        assert psnr(upscale_image(bicubic(), fa[i], tile=None).pixels, fb[i]) > 27
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress and progress[-1].done == progress[-1].total
    assert any(isinstance(e, Started) and e.what == "video" and e.total == N for e in events)
    assert any(p.rate for p in progress)
    assert leftovers(tmp_path) == [] and not work_dir_for(out).exists()


def test_odd_output_size_is_padded_to_even_with_a_warning(clips, tmp_path):
    out = tmp_path / "odd_x3.mp4"
    events = []
    r = upscale_video(clips["odd"], out, bicubic(3), VideoOptions(), progress=events.append)
    assert r.output_size == (100, 76)
    assert any(isinstance(e, Warning_) and "99x75" in e.message for e in events)
    info = probe_video(out)
    assert (info.width, info.height, info.frames) == (100, 76, 12)
    cropped = upscale_video(clips["odd"], tmp_path / "odd_crop.mp4", bicubic(3),
                            VideoOptions(odd_size="crop"))
    assert cropped.output_size == (98, 74)


def test_variable_frame_rate_timestamps_are_kept(clips, tmp_path):
    out = tmp_path / "vfr_x2.mkv"
    upscale_video(clips["vfr"], out, bicubic(), VideoOptions(segment_seconds=0.1))
    pts_in, _ = decoded_pts(clips["vfr"])
    pts_out, _ = decoded_pts(out)
    assert len(pts_out) == 10 and np.allclose(pts_in, pts_out, atol=1.5e-3)  # mkv: 1 ms


def test_rotation_metadata_is_kept(clips, tmp_path):
    out = tmp_path / "rot_x2.mp4"
    upscale_video(clips["rot"], out, bicubic(), VideoOptions())
    info = probe_video(out)
    assert info.rotation == 90 and (info.width, info.height) == (192, 128)


def test_webm_output_reencodes_aac_audio_to_opus(clips, tmp_path):
    out = tmp_path / "clip.webm"
    events = []
    r = upscale_video(clips["main"], out, bicubic(), VideoOptions(codec="vp9", preset="ultrafast"),
                      progress=events.append, cancel=None)
    assert r.audio == ["aac -> libopus"]
    assert any(isinstance(e, Warning_) and "aac" in e.message for e in events)
    info = probe_video(out)
    assert info.codec == "vp9" and info.audio[0].codec == "opus" and info.frames == N


def test_subtitles_copied_to_mkv_and_dropped_from_mp4_with_warning(clips, tmp_path):
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")   # a dev extra
    srt = tmp_path / "subs.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nhello\n\n")
    src = tmp_path / "subbed.mkv"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(clips["main"]),
                    "-i", str(srt), "-map", "0", "-map", "1", "-c", "copy", "-c:s", "srt",
                    str(src)], check=True, timeout=30)
    assert probe_video(src).subtitles
    r = upscale_video(src, tmp_path / "keep.mkv", bicubic(), VideoOptions())
    assert r.subtitles == ["subrip copied"] and probe_video(tmp_path / "keep.mkv").subtitles
    events = []
    upscale_video(src, tmp_path / "drop.mp4", bicubic(), VideoOptions(), progress=events.append)
    assert any(isinstance(e, Warning_) and "subtitle" in e.message for e in events)


def test_an_input_with_subtitles_mp4_cannot_hold_is_written_as_mkv(clips, tmp_path):
    """An .mkv input's SubRip track was dropped because the default output was .mp4."""
    from engine.video.containers import output_suffix
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")   # a dev extra
    srt = tmp_path / "subs.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nhello\n\n")
    src = tmp_path / "subbed.mkv"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(clips["main"]),
                    "-i", str(srt), "-map", "0", "-map", "1", "-c", "copy", "-c:s", "srt",
                    str(src)], check=True, timeout=30)
    suffix = output_suffix("h264", src)
    assert suffix == ".mkv"
    r = upscale_video(src, tmp_path / f"out{suffix}", bicubic(), VideoOptions())
    assert r.subtitles == ["subrip copied"]
    assert output_suffix("h264", src, keep_subtitles=False) == ".mp4"
    assert output_suffix("h264", clips["main"]) == ".mp4"        # nothing to lose: the default
    assert output_suffix("prores", src) == ".mov" and output_suffix("ffv1") == ".mkv"
    assert output_suffix("h264", tmp_path / "missing.mkv") == ".mp4"


def test_chapters_are_kept(tmp_path):
    src = make_test_clip(tmp_path / "ch.mkv", frames=24, audio=True,
                         chapters=[(0.0, 0.5, "Intro"), (0.5, 1.0, "Main")])
    with av.open(str(src)) as c:
        assert len(c.chapters()) == 2            # the fixture really has chapters
    out = tmp_path / "ch_x2.mkv"
    upscale_video(src, out, bicubic(), VideoOptions())
    with av.open(str(out)) as c:
        got = [(float(ch["start"] * ch["time_base"]), ch["metadata"].get("title"))
               for ch in c.chapters()]
    assert got == [(0.0, "Intro"), (0.5, "Main")]


def test_existing_output_is_not_overwritten_unless_asked(clips, tmp_path):
    out = tmp_path / "exists.mp4"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError):
        upscale_video(clips["main"], out, bicubic(), VideoOptions(max_frames=4))
    assert out.read_bytes() == b"keep me"
    with pytest.raises(OutputExistsError):
        upscale_video(clips["main"], clips["main"], bicubic(), VideoOptions(overwrite=True))


# --- cancel and resume --------------------------------------------------------------------
def _cancel_after(frames: int, token: CancelToken, segment: Path | None = None):
    """Cancel once ``frames`` are upscaled; with ``segment``, first wait until the encoder
    (its own thread, slower than the upscaler on a busy machine) has finished that file,
    so what the cancel leaves behind does not depend on the machine's load."""
    def on_event(ev):
        if isinstance(ev, Progress) and ev.done >= frames and not token.cancelled:
            deadline = time.monotonic() + 60
            while segment is not None and not segment.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            token.cancel()
    return on_event


def test_cancel_midway_leaves_no_output(clips, tmp_path):
    out = tmp_path / "cancelled.mp4"
    token = CancelToken()
    with pytest.raises(CancelledError):
        upscale_video(clips["main"], out, bicubic(), VideoOptions(segment_seconds=None),
                      progress=_cancel_after(10, token), cancel=token)
    assert not out.exists() and leftovers(tmp_path) == []
    assert not work_dir_for(out).exists()   # nothing finished: nothing kept


def test_resume_skips_finished_segments(clips, tmp_path):
    out = tmp_path / "resumed.mp4"
    opts = VideoOptions(segment_seconds=0.5)      # 12-frame segments
    token = CancelToken()
    first = Counting(bicubic())
    with pytest.raises(CancelledError):
        upscale_video(clips["main"], out, first, opts, cancel=token,
                      progress=_cancel_after(20, token, work_dir_for(out) / "seg00000.mkv"))
    assert not out.exists() and has_unfinished_parts(out)
    parts = work_dir_for(out)
    assert (parts / "seg00000.mkv").is_file() and not (parts / "seg00002.mkv").exists()
    assert not list(parts.glob("*.part.*"))

    second = Counting(bicubic())
    r = upscale_video(clips["main"], out, second, opts)
    done_before = r.resumed_frames
    assert done_before >= 12 and done_before % 12 == 0
    assert second.tiles == N - done_before          # finished segments not recomputed
    assert r.frames == N
    info = probe_video(out)
    assert info.frames == N and info.has_audio
    assert abs(info.duration - probe_video(clips["main"]).duration) <= 1 / FPS
    pts_in, _ = decoded_pts(clips["main"])
    pts_out, _ = decoded_pts(out)
    assert np.allclose(pts_in, pts_out, atol=1e-3)
    assert not parts.exists()


def test_resume_far_into_the_file_seeks_and_stays_frame_exact(tmp_path):
    src = make_test_clip(tmp_path / "long.mp4", frames=120, gop=12)
    out = tmp_path / "long_x2.mp4"
    opts = VideoOptions(segment_seconds=1.0)       # 24-frame segments
    token = CancelToken()
    with pytest.raises(CancelledError):
        upscale_video(src, out, bicubic(), opts, cancel=token,
                      progress=_cancel_after(110, token, work_dir_for(out) / "seg00002.mkv"))
    up = Counting(bicubic())
    r = upscale_video(src, out, up, opts)
    assert r.resumed_frames >= 72 and up.tiles == 120 - r.resumed_frames
    fa, fb = rgb_frames(src), rgb_frames(out)
    assert len(fb) == 120
    k = r.resumed_frames
    for i in (k - 1, k, k + 1, 119):   # around the resume point: no frame skipped or doubled
        assert psnr(upscale_image(bicubic(), fa[i], tile=None).pixels, fb[i]) > 27, i


def test_changed_settings_start_afresh(clips, tmp_path):
    out = tmp_path / "restart.mp4"
    token = CancelToken()
    with pytest.raises(CancelledError):
        upscale_video(clips["main"], out, bicubic(), VideoOptions(segment_seconds=0.5),
                      progress=_cancel_after(20, token), cancel=token)
    up = Counting(bicubic())
    r = upscale_video(clips["main"], out, up, VideoOptions(segment_seconds=0.5, crf=30))
    assert r.resumed_frames == 0 and up.tiles == N


# --- colorization ------------------------------------------------------------------------
def _tiny_colorizer(tmp_path: Path) -> Path:
    import torch

    from engine.archs import build
    from trainer.export import export_weights
    torch.manual_seed(0)
    cfg = {"c1": 4, "c2": 8, "c3": 8}
    path = tmp_path / "tiny_colorize.safetensors"
    export_weights(build("colorizer_cls", 1, **cfg).eval(), path, arch="colorizer_cls",
                   scale=1, config={**cfg, "num_channels": 1}, name="tiny", role="colorize")
    return path


def _spread(frame: np.ndarray) -> float:
    """Mean channel spread: 0 for a gray frame."""
    f = frame.astype(np.int16)
    return float((f.max(axis=2) - f.min(axis=2)).mean())


@pytest.mark.parametrize("when", ["before", "after"])
def test_gray_video_is_colorized_before_or_after_upscaling(tmp_path, when):
    from engine.colorize import FrameColorizer, load_colorizer
    src = make_test_clip(tmp_path / "bw.mp4", frames=12, width=64, height=48, gray=True)
    assert max(_spread(f) for f in rgb_frames(src)) < 2          # really black-and-white
    col = FrameColorizer(load_colorizer(_tiny_colorizer(tmp_path), "cpu"))
    out = tmp_path / f"bw_{when}.mp4"
    r = upscale_video(src, out, bicubic(), VideoOptions(colorize=when), colorizer=col)
    assert r.colorized and r.frames == 12 and r.output_size == (128, 96)
    frames = rgb_frames(out)
    assert len(frames) == 12 and min(_spread(f) for f in frames) > 4
    assert probe_video(out).has_audio


def test_resume_never_mixes_colorized_and_plain_segments(tmp_path):
    from engine.colorize import FrameColorizer, load_colorizer
    src = make_test_clip(tmp_path / "bw.mp4", frames=N, gray=True)
    col = FrameColorizer(load_colorizer(_tiny_colorizer(tmp_path), "cpu"))
    out = tmp_path / "bw_x2.mp4"
    token = CancelToken()
    with pytest.raises(CancelledError):
        upscale_video(src, out, bicubic(), VideoOptions(segment_seconds=0.5, colorize="after"),
                      colorizer=col, progress=_cancel_after(20, token), cancel=token)
    up = Counting(bicubic())
    r = upscale_video(src, out, up, VideoOptions(segment_seconds=0.5))
    assert r.resumed_frames == 0 and up.tiles == N and not r.colorized


def test_colour_video_is_not_colorized_and_says_so(clips, tmp_path):
    from engine.colorize import FrameColorizer, load_colorizer
    col = FrameColorizer(load_colorizer(_tiny_colorizer(tmp_path), "cpu"))
    r = upscale_video(clips["main"], tmp_path / "c.mp4", bicubic(),
                      VideoOptions(colorize="after", max_frames=6), colorizer=col)
    assert not r.colorized and any("colour video" in w for w in r.warnings)
    with pytest.raises(ValueError, match="colorizer"):
        upscale_video(clips["main"], tmp_path / "d.mp4", bicubic(), VideoOptions(colorize="after"))


def test_cli_upscale_colorize_video(tmp_path, model_dirs):
    from app.cli.main import main
    src = make_test_clip(tmp_path / "bw.mp4", frames=8, width=64, height=48, gray=True)
    rc = main(["upscale", "--colorize", "after", str(src), "-m", "bicubic", "-s", "2",
               "--colorize-model", str(_tiny_colorizer(tmp_path)), "--quiet",
               "-o", str(tmp_path / "out.mp4")])
    assert rc == 0
    frames = rgb_frames(tmp_path / "out.mp4")
    assert len(frames) == 8 and frames[0].shape == (96, 128, 3)
    assert min(_spread(f) for f in frames) > 4


# --- job and helpers -------------------------------------------------------------------
def test_run_video_job_default_name_and_errors(clips, tmp_path):
    src = tmp_path / "in.mp4"
    src.write_bytes(clips["main"].read_bytes())
    opts = UpscaleOptions(model="bicubic", scale=2, tile="auto")
    r = run_video_job(src, None, opts, VideoOptions(max_frames=6))
    assert r.ok, r.error
    assert r.output == tmp_path / "in_x2_bicubic.mp4" and r.output_size == (192, 128)
    assert probe_video(r.output).frames == 6
    assert abs(probe_video(r.output).duration - 6 / FPS) <= 1 / FPS  # audio trimmed too
    bad = tmp_path / "bad.mkv"
    bad.write_text("nope")
    r2 = run_video_job(bad, tmp_path / "outdir", opts)
    assert not r2.ok and "bad.mkv" in r2.error
    assert video_output_path(src, tmp_path / "o", opts, VideoOptions(codec="prores"),
                             "bicubic") == tmp_path / "o" / "in_x2_bicubic.mov"


def test_helpers(tmp_path):
    assert is_video("a/b.MKV") and is_video("x.webm") and not is_video("x.png")
    (tmp_path / "v.mp4").write_bytes(b"")
    (tmp_path / "i.png").write_bytes(b"")
    images, videos = split_inputs([tmp_path / "v.mp4", tmp_path / "i.png", tmp_path])
    assert videos == [tmp_path / "v.mp4"] and tmp_path / "v.mp4" not in images
    assert tmp_path in images and tmp_path / "i.png" in images
    names = {e.name for e in available_encoders()}
    assert "libx264" in names
    assert parse_bitrate("8M") == 8_000_000 and parse_bitrate("2500k") == 2_500_000
    assert resolve_encoder("h264", bitrate="4M").bit_rate == 4_000_000
    with pytest.raises(VideoError):
        resolve_encoder("nope")
    with pytest.raises(VideoError):
        upscale_video(tmp_path / "v.mp4", tmp_path / "o.mov", bicubic(),
                      VideoOptions(codec="h264", hw="no_such_encoder"))
