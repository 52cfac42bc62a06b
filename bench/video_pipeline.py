"""End-to-end video pipeline speed vs inference alone, on the same frames, and where a
frame's time goes.

Target: pipeline fps >= 80% of inference-only fps (decode and encode hidden behind the
upscaler by the threaded stages).  Inference-only decodes every frame to memory first and
then times only the upscaler over them (same tiling/batching as the pipeline); the
pipeline figure is the whole job: probe, decode, upscale, encode, join segments, mux audio.
The breakdown is the job's own per-stage seconds (``VideoResult.stage_seconds``, see
``engine/video/timing.py``): work per stage as a share of all the work, and each thread's
waits (a thread that waits is not the bottleneck; the one the others wait for is).
On a loaded machine absolute times are noise; compare shares and ratios of one run.

    .venv/bin/python bench/video_pipeline.py [VIDEO] [--model fast] [--scale 2]
        [--frames N] [--codec h264] [--preset medium] [--device auto] [--hash]

VIDEO defaults to ../shared/data/video/bigbuckbunny.mp4 when present, else a generated
640x360 clip; the model defaults to the shipped 'fast' model, else 'bicubic'.  ``--hash``
prints an MD5 of the output's decoded frames (same settings, same pixels: equal hashes).

Measured on the 2-core CPU, shared with training jobs (compare within a run, not across):
bigbuckbunny.mp4 1280x720 -> 2560x1440, libx264 medium crf 18; "before" is the pipeline of
c1690f9 (these timers, nothing else changed), run alternately with "after".

fast_x2 (ONNX Runtime, the auto backend), 32 frames, ms per frame (share of the work),
two alternated rounds; the network is the pipeline, the rest stays behind it:

    stage            before r1      after r1       before r2      after r2
    decode+to_rgb      48 (1.4%)      35 (1.2%)      34 (1.3%)      33 (1.1%)
    network          2976 (85.5%)   2405 (84.4%)   2290 (84.5%)   2513 (83.9%)
    tiling            164 (4.7%)     137 (4.8%)     121 (4.5%)     155 (5.2%)
    from_rgb           70 (2.0%)      27 (1.0%)      49 (1.8%)      26 (0.9%)
    encode+segments   220 (6.3%)     239 (8.4%)     211 (7.7%)     263 (8.7%)
    pipeline/inference-only  96.5%   84.3%          87.3%          83.2%

The ratio moves with the load; what stays is the last segment's flush: x264 holds ~40
frames of look-ahead, encoded after the last frame is upscaled (serial, ~7 s here, most of
a 32-frame clip's encode).  With a free network (--model nearest, 48 frames: what a GPU
leaves to the CPU) the x264 encode is the bottleneck (pipeline 17-30% of inference-only),
and each change was measured there, alternated, two rounds, frames MD5 unchanged except
where the encoder's bits change:

    RGB->YUV reads the array in place     from_rgb 211/209 -> 126/92 ms per frame
    whole frames skip the tiler (--tile off)  upscale work besides the network
                                          775/741 -> 80/81 ms per frame
    libx264 frame threads                 encode thread's work 64.1/68.4 -> 57.8/53.5 s
                                          (x264 alone: same speed within noise on a quiet
                                          machine, 4.5% smaller at the same CRF and PSNR)
    all, nearest, default tile            encode thread's work 68.8/62.7 -> 59.2/39.6 s
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_VIDEO = REPO.parent / "shared" / "data" / "video" / "bigbuckbunny.mp4"


def default_model(scale: int) -> str:
    from engine.errors import SRStudioError
    from engine.models.registry import resolve_model
    try:
        resolve_model("fast", scale)
        return "fast"
    except SRStudioError:
        return "bicubic"


def decode_frames(path: Path, limit: int | None):
    from engine.video.probe import open_input, probe_video
    from engine.video.stages import rgb
    info = probe_video(path)
    frames = []
    with open_input(path) as c:
        for f in c.decode(c.streams[info.video_index]):
            frames.append(rgb(f))
            if limit is not None and len(frames) >= limit:
                break
    return info, frames


def frames_md5(path: Path) -> str:
    import av
    h = hashlib.md5()
    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            for plane in f.to_ndarray(format="yuv420p"):
                h.update(plane.tobytes())
    return h.hexdigest()


def breakdown(stages: dict[str, float], frames: int) -> list[str]:
    """The table: each stage's seconds, ms per frame and share of the work."""
    from engine.video.timing import STAGES, WAITS, work_seconds
    work = work_seconds(stages) or 1.0
    rows = [f"{'stage':<16}{'thread':<9}{'s':>8}{'ms/frame':>10}{'share':>8}  what"]
    for k, v in stages.items():
        thread, what = STAGES.get(k, ("?", ""))
        share = "" if k in WAITS else f"{v / work:7.1%}"
        rows.append(f"{k:<16}{thread:<9}{v:8.2f}{1000 * v / max(1, frames):10.1f}"
                    f"{share:>8}  {what}{' (wait)' if k in WAITS else ''}")
    by_thread: dict[str, float] = {}
    for k, v in stages.items():
        if k not in WAITS:
            t = STAGES.get(k, ("?", ""))[0]
            by_thread[t] = by_thread.get(t, 0.0) + v
    rows.append("work per thread: " + ", ".join(
        f"{t} {v:.1f} s ({v / work:.0%})" for t, v in by_thread.items()))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("video", nargs="?", default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--scale", type=int, default=2)
    ap.add_argument("--frames", type=int, default=None, help="only the first N frames")
    ap.add_argument("--codec", default="h264")
    ap.add_argument("--hw", default=None, help="hardware encoder family, or 'auto'")
    ap.add_argument("--preset", default="medium")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--backend", default="auto", help="auto, torch or onnx")
    ap.add_argument("--tile", default="auto")
    ap.add_argument("--segment-seconds", type=float, default=10.0)
    ap.add_argument("--hash", action="store_true", help="MD5 of the output's frames")
    ap.add_argument("--no-inference-only", action="store_true",
                    help="skip the inference-only pass (only the pipeline and breakdown)")
    a = ap.parse_args()

    from engine.inference.factory import make_upscaler
    from engine.models.registry import resolve_model
    from engine.video.frames import FrameUpscaler
    from engine.video.pipeline import VideoOptions, upscale_video
    from engine.video.synthetic import make_test_clip

    tmp = Path(tempfile.mkdtemp(prefix="srstudio-vbench-"))
    if a.video:
        src = Path(a.video)
    elif DEFAULT_VIDEO.is_file():
        src = DEFAULT_VIDEO
    else:
        src = make_test_clip(tmp / "generated.mp4", frames=96, width=640, height=360)
    model = a.model or default_model(a.scale)
    ref = resolve_model(model, a.scale)
    up = make_upscaler(ref, a.device, a.precision, backend=a.backend)
    tile = None if a.tile in ("off", "none") else (a.tile if a.tile == "auto" else int(a.tile))

    info, frames = decode_frames(src, a.frames)
    n = len(frames)
    print(f"video   {src.name}: {info.describe()}")
    print(f"model   {ref.name} x{up.scale} ({type(up).__name__}) on "
          f"{getattr(up, 'device', 'cpu')}; {n} frames; "
          f"encoder {a.codec}{' ' + a.hw if a.hw else ''} preset {a.preset}")

    fu = FrameUpscaler(up, info.width, info.height, tile)
    fps_inf = t_inf = 0.0
    if not a.no_inference_only:
        fu(frames[:1])  # warm-up (kernels, allocator)
        t0 = time.perf_counter()
        for i in range(0, n, fu.batch):
            fu(frames[i:i + fu.batch])
        t_inf = time.perf_counter() - t0
        fps_inf = n / t_inf
    del frames

    out = tmp / f"out_x{up.scale}.mp4" if a.codec not in ("ffv1", "prores") else \
        tmp / f"out_x{up.scale}.{'mkv' if a.codec == 'ffv1' else 'mov'}"
    opts = VideoOptions(codec=a.codec, hw=a.hw, preset=a.preset, tile=tile, overwrite=True,
                        max_frames=a.frames, resume=False,
                        segment_seconds=a.segment_seconds or None)
    t0 = time.perf_counter()
    r = upscale_video(src, out, up, opts)
    t_pipe = time.perf_counter() - t0
    fps_pipe = r.frames / t_pipe
    print(f"tile    {'whole frames, batch ' + str(fu.batch) if fu.whole else fu.tile}")
    print(f"encoder {r.encoder}" + (f" ({r.encoder_choice})" if getattr(r, "encoder_choice", "")
                                    else ""))
    print()
    print("\n".join(breakdown(r.stage_seconds, r.frames)))
    print()
    if fps_inf:
        print(f"inference-only  {fps_inf:8.3f} fps  ({t_inf:.1f}s for {n} frames)")
    print(f"pipeline        {fps_pipe:8.3f} fps  ({t_pipe:.1f}s for {r.frames} frames, "
          f"{r.output_size[0]}x{r.output_size[1]}, audio: {', '.join(r.audio) or 'none'})")
    if fps_inf:
        ratio = fps_pipe / fps_inf
        print(f"ratio           {ratio:8.1%}  (target >= 80%) "
              f"{'OK' if ratio >= 0.8 else 'BELOW'}")
    if a.hash:
        print(f"frames md5      {frames_md5(out)}")
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
